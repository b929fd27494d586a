//! The run behind `ei`: a network of excitatory and inhibitory neurons learning the projector
//! onto the patterns, then recalling a cue beside the classic network.

use super::clock::{group, Clock, Fnv, Status};
use super::history::History;
use super::patterns::{as_f64, noisy_cue, stored_patterns, thumbnails};
use super::{Mark, Run, Trajectory};
use crate::params::Params;
use crate::science::ei::EiNetwork;
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

/// E/I learning (one step = one update of W), then recall of a noisy cue under τẏ = W D y − y,
/// beside the classic network's recall of the same cue.
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
    settled: bool,
    /// The outer eigenvalues of W D as (re, im) pairs, and the largest real part, for the
    /// current W (a function of W alone, so the same whatever the frames' chunking).
    spectrum: Vec<f64>,
    lambda_max: f64,
}

impl EiRun {
    pub fn new(p: &Params) -> EiRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let patterns = stored_patterns(p);
        let (mu, cue) = noisy_cue(&patterns, n, p);
        // The classic network on the same patterns and cue, for comparison.
        let mut classic = Hopfield::new(n);
        classic.store_all(&patterns);
        classic.set_state(&cue);
        hopfield::recall_async(&mut classic, 50, &mut Rng::new(p.seed(), Stream::Samples), &mut Vec::new());
        let n_exc = libm::round(p.num("ratio") * n as f64) as usize;
        let mut net = EiNetwork::new(n, &as_f64(&patterns), n_exc);
        net.dale = p.text("preset") == "dale";
        let mut run = EiRun {
            start_loss: net.loss(),
            net,
            eta: p.num("eta"),
            mu,
            cue: as_f64(&cue),
            target: as_f64(&patterns[mu * n..(mu + 1) * n]),
            clock: Clock::new(p.num("until") as u64),
            y: as_f64(&cue),
            classic: as_f64(classic.state()),
            patterns_f64: thumbnails(&patterns, n),
            loss: History::new(),
            settled: false,
            spectrum: Vec::new(),
            lambda_max: 0.0,
        };
        run.restart();
        run
    }

    fn update_spectrum(&mut self) {
        let eig = self.net.outer_eigenvalues(ARNOLDI_STEPS);
        self.lambda_max = eig.iter().map(|z| z.0).fold(f64::NEG_INFINITY, f64::max);
        self.spectrum = eig.iter().flat_map(|&(re, im)| [re, im]).collect();
    }

    /// Once learning is over (loss below tolerance, or stopped at `until`), the cue settles
    /// under τẏ = W D y − y. A recall whose activity still grows has not settled: it is judged
    /// by the spectrum of W D (a real part above 1 runs away) and by the trajectory (|ẏ| must
    /// shrink), and stops as diverged, whatever the loss says.
    fn settle_if_done(&mut self) {
        let learned = self.net.loss() < LEARNED * self.start_loss;
        if self.settled || !(learned || self.clock.status == Status::Paused) {
            return;
        }
        self.settled = true;
        let mut y = DVector::from_column_slice(&self.cue);
        let (mut halfway, mut last) = (f64::INFINITY, f64::INFINITY);
        for k in 0..SETTLE_STEPS {
            last = self.net.settle_step(&mut y, DT);
            if k + 1 == SETTLE_STEPS / 2 {
                halfway = last;
            }
            if !last.is_finite() {
                break;
            }
        }
        let unstable = self.lambda_max > 1.0 + UNSTABLE;
        // NaN or no shrinking: not settled.
        let shrinking = last.partial_cmp(&halfway) == Some(std::cmp::Ordering::Less);
        if unstable || !shrinking {
            let cause = if self.net.dale { " with W clipped at 0 (Dale's law)" } else { "" };
            self.clock.diverge(if unstable {
                format!(
                    "W·D has an eigenvalue {:.2} > 1{cause}: the memories are unstable, so recall runs away along it instead of settling (the loss is {:.1e})",
                    self.lambda_max,
                    self.net.loss()
                )
            } else {
                format!("recall did not settle: |ẏ| stopped shrinking{cause}")
            });
            return;
        }
        self.y.copy_from_slice(y.as_slice());
        if learned {
            self.clock.converge();
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
        self.loss.clear();
        self.loss.push(0, [0.0, self.start_loss]);
        self.y.copy_from_slice(&self.cue);
        self.settled = false;
        self.update_spectrum();
        self.clock.check_until(false);
        self.settle_if_done();
    }

    /// The spectrum of W is taken once per call (an eigen-decomposition per learning step
    /// would cost more than the step), so a call replays whole.
    fn splits_exactly(&self) -> bool {
        false
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.net.learn(self.eta);
            self.clock.step += 1;
            let loss = self.net.loss();
            if self.loss.due(self.clock.step) {
                self.loss.push(self.clock.step, [self.clock.step as f64, loss]);
            }
            if !loss.is_finite() || loss > 1e6 * self.start_loss {
                let bound = self.net.eta_bound();
                self.clock.diverge(format!(
                    "η = {:.4} is above 2/λmax(FᵀF) = {:.4}: each update overshoots and the loss explodes ({} steps)",
                    self.eta,
                    bound,
                    group(self.clock.step)
                ));
                return budget;
            }
            if loss < LEARNED * self.start_loss {
                break;
            }
        }
        if budget > 0 {
            self.update_spectrum();
        }
        self.clock.check_until(false);
        self.settle_if_done();
        budget
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, self.settled);
    }

    fn readouts(&self) -> Vec<f64> {
        vec![
            self.clock.step as f64,
            self.net.loss(),
            cosine(&self.y, &self.target),
            fraction_wrong(&self.y, &self.target),
            self.net.dale_violations() as f64,
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
        h.add(self.net.loss());
        self.y.iter().for_each(|&v| h.add(v));
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            _ => return false,
        }
        true
    }

    /// Past 2/λmax(FᵀF) learning overshoots.
    fn marks(&self) -> Vec<Mark> {
        vec![("eta", self.net.eta_bound(), "2/λmax(FᵀF)")]
    }

    /// Step and loss.
    fn trajectory(&self) -> Trajectory {
        let readouts = self.readouts();
        Trajectory::table(&["step", "energy"], self.loss.as_slice(), 2, &[0, 1], Some(&readouts[..2]))
    }
}

/// The fraction of neurons whose sign differs from the target's.
fn fraction_wrong(s: &[f64], target: &[f64]) -> f64 {
    s.iter().zip(target).filter(|(a, b)| **a * **b <= 0.0).count() as f64 / s.len() as f64
}
