//! The run behind `ei`: a network of excitatory and inhibitory neurons learning the projector
//! onto the patterns, then recalling a cue beside the classic network.

use super::clock::{group, Clock, Fnv, Status};
use super::history::History;
use super::patterns::{as_f64, noisy_cue, stored_patterns, thumbnails};
use super::{Mark, Run, Trajectory, UNIT_WORK};
use crate::params::Params;
use crate::science::ei::{eta_bound_of, Arnoldi, EiNetwork, GRAM_STEPS};
use crate::science::hopfield::{self, Hopfield};
use crate::science::modern::cosine;
use crate::science::rng::{Rng, Stream};
use nalgebra::DVector;

pub const EI_READOUTS: &[&str] = &["step", "energy", "overlap", "wrong-bits", "dale-violations", "lambda-max"];

/// Learning ends when the loss falls below this fraction of its start.
const LEARNED: f64 = 1e-10;
/// Euler step dt/τ of the recall dynamics, and how long the cue settles (e^−40: settled).
const DT: f64 = 0.1;
const SETTLE_STEPS: usize = 400;
/// Arnoldi steps for the outer spectrum of W D: the rightmost eigenvalue converges in far fewer
/// (and the Krylov space of the learned W D closes after about P + 16), ~10 ms at N = 1024 in wasm.
const ARNOLDI_STEPS: usize = 24;
/// A real part above 1 + this makes recall unstable. The projector's eigenvalues approach 1 from
/// below, so this only absorbs rounding (Ritz values at N = 1024 land up to ~10⁻⁹ above 1);
/// the instability Dale clipping makes is 0.27.
pub const UNSTABLE: f64 = 1e-6;
/// Set-up work (multiply-adds) done at once when a run is made; beyond it, in slices.
const EAGER_SETUP: u64 = 60_000_000;
/// Sweeps of the classic network's recall.
const CLASSIC_SWEEPS: usize = 50;

/// E/I learning (one step = one update of W), then recall of a noisy cue under τẏ = W D y − y,
/// beside the classic network's recall of the same cue. A step of a large network is split by
/// rows (`advance_units`), and its set-up and recall run in slices (`prepare`).
#[derive(Clone, Debug)]
pub struct EiRun {
    net: EiNetwork,
    pub eta: f64,
    mu: usize,
    cue: Vec<f64>,
    target: Vec<f64>,
    start_loss: f64,
    clock: Clock,
    y: Vec<f64>,
    classic: Vec<f64>,
    patterns_f64: Vec<f64>,
    /// (step, loss).
    loss: History<2>,
    /// The outer eigenvalues of W D as (re, im) pairs, and the largest real part, for W after
    /// the last whole step that a call finished (so the same whatever the calls' chunking).
    spectrum: Vec<f64>,
    lambda_max: f64,
    /// Storing the classic network, its recall and the bound on η, while still to do.
    setup: Option<Box<Setup>>,
    /// 2/λmax(FᵀF).
    eta_bound: f64,
    /// Rows of W done in the step under way, and their loss so far.
    row: usize,
    row_loss: f64,
    /// The loss ½‖W D F − F‖² and the Dale violations of W after the last whole step.
    loss_now: f64,
    violations: usize,
    settle: Settle,
}

#[derive(Clone, Debug)]
struct Setup {
    classic: Hopfield,
    cue: Vec<i8>,
    rows_built: usize,
    sweeps: usize,
    recalled: bool,
    rng: Rng,
    order: Vec<u32>,
    gram: Arnoldi,
}

/// The recall of the cue once learning is over: τẏ = W D y − y, Euler steps of dt/τ = `DT`.
#[derive(Clone, Debug)]
enum Settle {
    NotYet,
    Running { y: DVector<f64>, k: usize, halfway: f64, last: f64 },
    Done,
}

impl EiRun {
    pub fn new(p: &Params) -> EiRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let patterns = stored_patterns(p);
        let (mu, cue) = noisy_cue(&patterns, n, p);
        // The classic network on the same patterns and cue, for comparison (built in `prepare`).
        let mut classic = Hopfield::new(n);
        classic.set_patterns(&patterns);
        let n_exc = libm::round(p.num("ratio") * n as f64) as usize;
        let mut net = EiNetwork::new(n, &as_f64(&patterns), n_exc);
        net.dale = p.text("preset") == "dale";
        let gram = net.gram_arnoldi();
        let mut run = EiRun {
            start_loss: 0.0,
            net,
            eta: p.num("eta"),
            mu,
            cue: as_f64(&cue),
            target: as_f64(&patterns[mu * n..(mu + 1) * n]),
            clock: Clock::new(p.num("until") as u64),
            y: as_f64(&cue),
            classic: as_f64(&cue),
            patterns_f64: thumbnails(&patterns, n),
            loss: History::new(),
            spectrum: Vec::new(),
            lambda_max: 0.0,
            setup: Some(Box::new(Setup {
                classic,
                cue,
                rows_built: 0,
                sweeps: 0,
                recalled: false,
                rng: Rng::new(p.seed(), Stream::Samples),
                order: Vec::new(),
                gram,
            })),
            eta_bound: f64::NAN,
            row: 0,
            row_loss: 0.0,
            loss_now: 0.0,
            violations: 0,
            settle: Settle::NotYet,
        };
        // W = 0: the loss is ½‖F‖², row by row as every step sums it.
        run.net.learn_rows(0.0, 0..n, &mut run.start_loss);
        run.restart();
        let (n, count) = (n as u64, run.net.p() as u64);
        if count * n * n + 2 * GRAM_STEPS as u64 * n * count + CLASSIC_SWEEPS as u64 * n * n <= EAGER_SETUP {
            while run.pending().1 > 0 {
                run.prepare(u64::MAX);
            }
        }
        run
    }

    fn update_spectrum(&mut self) {
        let eig = self.net.outer_eigenvalues(ARNOLDI_STEPS);
        self.lambda_max = eig.iter().map(|z| z.0).fold(f64::NEG_INFINITY, f64::max);
        self.spectrum = eig.iter().flat_map(|&(re, im)| [re, im]).collect();
    }

    fn rows_per_unit(&self) -> usize {
        rows_per_unit(self.net.n(), self.net.p())
    }

    fn learned(&self) -> bool {
        self.loss_now < LEARNED * self.start_loss
    }

    /// Whether learning goes on: running, before `until`, not learned, no recall begun.
    fn learning(&self) -> bool {
        self.clock.status == Status::Ready
            && self.clock.budget(1) > 0
            && !self.learned()
            && matches!(self.settle, Settle::NotYet)
    }

    /// Up to `rows` rows of learning, across steps; returns the steps finished.
    fn learn_rows(&mut self, mut rows: usize) -> u64 {
        let n = self.net.n();
        let mut steps = 0;
        while rows > 0 && self.learning() {
            let end = (self.row + rows).min(n);
            self.net.learn_rows(self.eta, self.row..end, &mut self.row_loss);
            rows -= end - self.row;
            self.row = end;
            if end < n {
                break;
            }
            self.finish_step();
            steps += 1;
            // The spectrum of a whole step's W, for the last step this call finishes.
            if rows < n || !self.learning() {
                self.update_spectrum();
            }
        }
        steps
    }

    fn finish_step(&mut self) {
        self.row = 0;
        self.clock.step += 1;
        self.loss_now = std::mem::take(&mut self.row_loss);
        self.violations = self.net.dale_violations();
        let (step, loss) = (self.clock.step, self.loss_now);
        if self.loss.due(step) {
            self.loss.push(step, [step as f64, loss]);
        }
        if !loss.is_finite() || loss > 1e6 * self.start_loss {
            self.clock.diverge(format!(
                "η = {:.4} is above 2/λmax(FᵀF) = {:.4}: each update overshoots and the loss explodes ({} steps)",
                self.eta,
                self.eta_bound,
                group(step)
            ));
        }
        self.clock.check_until(false);
    }

    /// Once learning is over (loss below tolerance, or stopped at `until`), the cue settles
    /// under τẏ = W D y − y, in slices (see `prepare`).
    fn begin_settle_if_done(&mut self) {
        if matches!(self.settle, Settle::NotYet) && (self.learned() || self.clock.status == Status::Paused) {
            let y = DVector::from_column_slice(&self.cue);
            self.settle = Settle::Running { y, k: 0, halfway: f64::INFINITY, last: f64::INFINITY };
        }
    }

    /// Up to `count` Euler steps of the recall. A recall whose activity still grows has not
    /// settled: it is judged by the spectrum of W D (a real part above 1 runs away) and by the
    /// trajectory (|ẏ| must shrink), and stops as diverged, whatever the loss says.
    fn settle_steps(&mut self, count: usize) {
        let Settle::Running { y, k, halfway, last } = &mut self.settle else {
            return;
        };
        for _ in 0..count {
            *last = self.net.settle_step(y, DT);
            *k += 1;
            if *k == SETTLE_STEPS / 2 {
                *halfway = *last;
            }
            if *k == SETTLE_STEPS || !last.is_finite() {
                break;
            }
        }
        if *k < SETTLE_STEPS && last.is_finite() {
            return;
        }
        let unstable = self.lambda_max > 1.0 + UNSTABLE;
        // NaN or no shrinking: not settled.
        let shrinking = (*last).partial_cmp(&*halfway) == Some(std::cmp::Ordering::Less);
        if !unstable && shrinking {
            self.y.copy_from_slice(y.as_slice());
        }
        self.settle = Settle::Done;
        if unstable || !shrinking {
            let cause = if self.net.dale { " with W clipped at 0 (Dale's law)" } else { "" };
            self.clock.diverge(if unstable {
                format!(
                    "W·D has an eigenvalue {:.2} > 1{cause}: the memories are unstable, so recall runs away along it instead of settling (the loss is {:.1e})",
                    self.lambda_max, self.loss_now
                )
            } else {
                format!("recall did not settle: |ẏ| stopped shrinking{cause}")
            });
        } else if self.learned() {
            self.clock.converge();
        }
    }

    /// Euler steps of recall in one unit of work.
    fn settle_per_unit(&self) -> usize {
        (UNIT_WORK / (self.net.n() * self.net.n())).max(1)
    }

    /// One unit of set-up: a row of the classic network's W, a sweep of its recall, or a step
    /// of the Krylov iteration for λmax(FᵀF).
    fn setup_unit(&mut self) {
        let Some(s) = self.setup.as_mut() else {
            return;
        };
        let n = self.net.n();
        if s.rows_built < n {
            s.classic.build_rows(s.rows_built..s.rows_built + 1);
            s.rows_built += 1;
            if s.rows_built == n {
                s.classic.set_state(&s.cue);
            }
        } else if !s.recalled {
            s.recalled =
                hopfield::recall_sweeps(&mut s.classic, 1, &mut s.sweeps, CLASSIC_SWEEPS, &mut s.rng, &mut s.order);
        } else if !s.gram.done() {
            self.net.gram_step(&mut s.gram);
        }
        if s.rows_built == n && s.recalled && s.gram.done() {
            self.classic = as_f64(s.classic.state());
            self.eta_bound = eta_bound_of(&s.gram);
            self.setup = None;
        }
    }

    pub fn cue_index(&self) -> usize {
        self.mu
    }

    pub fn network(&self) -> &EiNetwork {
        &self.net
    }
}

impl Run for EiRun {
    fn readout_names(&self) -> &'static [&'static str] {
        EI_READOUTS
    }

    fn restart(&mut self) {
        self.net.w.fill(0.0);
        self.clock.restart();
        self.row = 0;
        self.row_loss = 0.0;
        self.loss_now = self.start_loss;
        self.violations = 0;
        self.loss.clear();
        self.loss.push(0, [0.0, self.start_loss]);
        self.y.copy_from_slice(&self.cue);
        self.settle = Settle::NotYet;
        self.update_spectrum();
        self.clock.check_until(false);
        self.begin_settle_if_done();
    }

    /// The set-up's phase under way: (done, total) in its own units.
    fn pending(&self) -> (u64, u64) {
        let (done, total) = match (&self.setup, &self.settle) {
            (Some(s), _) if s.rows_built < self.net.n() => (s.rows_built, self.net.n()),
            (Some(s), _) if !s.recalled => (s.sweeps, CLASSIC_SWEEPS),
            (Some(s), _) => s.gram.progress(),
            (None, Settle::Running { k, .. }) => (*k, SETTLE_STEPS),
            _ => (0, 0),
        };
        (done as u64, total as u64)
    }

    /// A unit is a row of the classic W, a sweep of its recall, a Krylov step, or a few Euler
    /// steps of the E/I recall: each ≲ 3 ms at the largest sizes.
    fn prepare(&mut self, units: u64) -> u64 {
        let mut done = 0;
        while done < units && self.pending().1 > 0 {
            if self.setup.is_some() {
                self.setup_unit();
            } else {
                self.settle_steps(self.settle_per_unit());
            }
            done += 1;
        }
        done
    }

    fn preparing_words(&self) -> String {
        match &self.setup {
            Some(s) if s.rows_built < self.net.n() => {
                format!("Storing {} patterns in the classic network beside it:", group(self.net.p() as u64))
            }
            Some(s) if !s.recalled => "The classic network recalls the cue:".into(),
            Some(_) => "Finding the bound on η, 2/λmax(FᵀF):".into(),
            None => "The cue settles under τẏ = W D y − y:".into(),
        }
    }

    /// Whole learning steps (the one under way finished first), then the recall, at once.
    fn advance(&mut self, steps: u64) -> u64 {
        let n = self.net.n() as u64;
        let rows = self.clock.budget(steps).saturating_mul(n).saturating_sub(self.row as u64);
        let done = self.learn_rows(rows.min(usize::MAX as u64) as usize);
        self.begin_settle_if_done();
        self.settle_steps(SETTLE_STEPS);
        done
    }

    /// Blocks of rows of learning steps; the recall is left to `prepare`.
    fn advance_units(&mut self, units: u64) -> u64 {
        let rows = units.saturating_mul(self.rows_per_unit() as u64).min(usize::MAX as u64) as usize;
        let done = self.learn_rows(rows);
        self.begin_settle_if_done();
        done
    }

    fn units_per_step(&self) -> u64 {
        self.net.n().div_ceil(self.rows_per_unit()) as u64
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, matches!(self.settle, Settle::Done));
    }

    fn readouts(&self) -> Vec<f64> {
        vec![
            self.clock.step as f64,
            self.loss_now,
            cosine(&self.y, &self.target),
            fraction_wrong(&self.y, &self.target),
            self.violations as f64,
            self.lambda_max,
        ]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "state" => &self.y,
            "classic" => &self.classic,
            "patterns" => &self.patterns_f64,
            "series" => self.loss.as_slice(),
            "spectrum" => &self.spectrum,
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        h.add(self.loss_now);
        self.y.iter().for_each(|&v| h.add(v));
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            _ => return false,
        }
        true
    }

    /// Past 2/λmax(FᵀF) learning overshoots (known once the set-up is done).
    fn marks(&self) -> Vec<Mark> {
        if self.eta_bound.is_finite() {
            vec![("eta", self.eta_bound, "2/λmax(FᵀF)")]
        } else {
            Vec::new()
        }
    }

    /// Step and loss.
    fn trajectory(&self) -> Trajectory {
        let readouts = self.readouts();
        Trajectory::table(&["step", "energy"], self.loss.as_slice(), 2, &[0, 1], Some(&readouts[..2]))
    }
}

/// Rows of W in one unit of learning work (a row costs 3 N P multiply-adds).
pub fn rows_per_unit(n: usize, p: usize) -> usize {
    (UNIT_WORK / (3 * n * p).max(1)).clamp(1, n.max(1))
}

/// The fraction of neurons whose sign differs from the target's.
fn fraction_wrong(s: &[f64], target: &[f64]) -> f64 {
    s.iter().zip(target).filter(|(a, b)| **a * **b <= 0.0).count() as f64 / s.len() as f64
}
