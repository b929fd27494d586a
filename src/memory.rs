//! The runs behind the memory widgets: `hopfield`, `capacity`, `modern` and `ei`.
//! Each keeps f64 display buffers (state, patterns, overlaps…) that JS reads without copying.

use crate::ei::EiNetwork;
use crate::history::History;
use crate::hopfield::{self, Hopfield};
use crate::letters;
use crate::modern::{cosine, Modern};
use crate::params::Params;
use crate::rng::{Rng, Stream};
use crate::run::{group, Clock, Fnv};
use nalgebra::DVector;

/// Patterns of the widget (letters or seeded random), P × N, ±1.
fn stored_patterns(p: &Params) -> Vec<i8> {
    let (side, count) = (p.num("side") as usize, p.num("p") as usize);
    if p.text("patterns") == "letters" {
        letters::patterns(count, side)
    } else {
        hopfield::random_patterns(count, side * side, &mut Rng::new(p.seed(), Stream::Data))
    }
}

/// The cue: pattern `cue` with a `noise` fraction of bits flipped, seeded.
fn noisy_cue(patterns: &[i8], n: usize, p: &Params) -> (usize, Vec<i8>) {
    let mu = (p.num("cue") as usize).clamp(1, patterns.len() / n) - 1;
    let mut order = Vec::new();
    let cue = hopfield::corrupt(
        &patterns[mu * n..(mu + 1) * n],
        p.num("noise"),
        &mut Rng::new(p.seed(), Stream::Start),
        &mut order,
    );
    (mu, cue)
}

fn as_f64(v: &[i8]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

/// How many stored patterns get a thumbnail (the `patterns` buffer): P may reach thousands.
pub const THUMBNAILS: usize = 32;

fn thumbnails(patterns: &[i8], n: usize) -> Vec<f64> {
    as_f64(&patterns[..patterns.len().min(THUMBNAILS * n)])
}

fn fraction_wrong(s: &[f64], target: &[f64]) -> f64 {
    s.iter().zip(target).filter(|(a, b)| **a * **b <= 0.0).count() as f64 / s.len() as f64
}

// ---------------------------------------------------------------------------------------------

pub const HOPFIELD_READOUTS: &[&str] = &["step", "overlap", "energy", "wrong-bits"];

/// Record of the Hopfield history: time in sweeps (fractional inside a sweep), energy, overlap
/// with the target, fraction of wrong bits.
pub const HOPFIELD_RECORD: usize = 4;

/// Classic recall, animated neuron by neuron. One step = one sweep (N updates in a seeded random
/// order, or one parallel update when synchronous); a sweep with no flip has converged.
#[derive(Clone, Debug)]
pub struct HopfieldRun {
    net: Hopfield,
    pub sync: bool,
    /// What recall is compared with: the cued pattern, or the 3-mixture for that preset.
    target: Vec<i8>,
    start: Vec<i8>,
    order: Vec<u32>,
    /// Position inside the current asynchronous sweep, and its flips so far.
    pos: usize,
    flips: usize,
    rng: Rng,
    clock: Clock,
    /// See [`HOPFIELD_RECORD`].
    energy: History<HOPFIELD_RECORD>,
    updates: u64,
    state_f64: Vec<f64>,
    patterns_f64: Vec<f64>,
    overlaps: Vec<f64>,
}

impl HopfieldRun {
    pub fn new(p: &Params) -> HopfieldRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let patterns = stored_patterns(p);
        let mut net = Hopfield::new(n);
        net.store_all(&patterns);
        let (target, start) = if p.text("preset") == "mixture" && net.len() >= 3 {
            let mix = hopfield::mixture3(net.pattern(0), net.pattern(1), net.pattern(2));
            (mix.clone(), mix)
        } else {
            let (mu, cue) = noisy_cue(&patterns, n, p);
            (net.pattern(mu).to_vec(), cue)
        };
        let mut run = HopfieldRun {
            net,
            sync: p.text("update") == "sync",
            target,
            start,
            order: Vec::with_capacity(n),
            pos: 0,
            flips: 0,
            rng: Rng::new(p.seed(), Stream::Samples),
            clock: Clock::new(p.num("until") as u64),
            energy: History::new(),
            updates: 0,
            state_f64: vec![0.0; n],
            patterns_f64: thumbnails(&patterns, n),
            overlaps: Vec::new(),
        };
        run.restart();
        run
    }

    pub fn restart(&mut self) {
        self.net.set_state(&self.start.clone());
        self.clock.restart();
        self.rng.rewind();
        self.pos = 0;
        self.flips = 0;
        self.updates = 0;
        self.energy.clear();
        self.begin_sweep();
        self.record();
        self.clock.check_until(false);
        self.refresh();
    }

    fn begin_sweep(&mut self) {
        hopfield::shuffle(&mut self.order, self.net.n(), &mut self.rng);
        self.pos = 0;
        self.flips = 0;
    }

    fn record(&mut self) {
        if self.energy.due(self.updates) {
            let r = self.now();
            self.energy.push(self.updates, r);
        }
    }

    /// The record of this moment (see [`HOPFIELD_RECORD`]): what the history keeps, and the last
    /// row of the trajectory export.
    pub fn now(&self) -> [f64; HOPFIELD_RECORD] {
        let t = self.clock.step as f64 + self.pos as f64 / self.net.n() as f64;
        [t, self.net.energy(), self.overlap(), self.net.wrong_bits(&self.target)]
    }

    /// m = (1/N) Σ s_i t_i with the target (the cued pattern, or the mixture).
    fn overlap(&self) -> f64 {
        let n = self.net.n() as f64;
        self.net.state().iter().zip(&self.target).map(|(&a, &b)| a as f64 * b as f64).sum::<f64>() / n
    }

    /// Runs `updates` single-neuron updates (asynchronous) or one sweep (synchronous).
    /// Returns the updates done.
    pub fn advance(&mut self, updates: u64) -> u64 {
        if self.clock.budget(1) == 0 {
            return 0;
        }
        let n = self.net.n();
        let done = if self.sync {
            let flips = self.net.sweep_sync();
            self.clock.step += 1;
            self.updates += 1;
            self.record();
            if flips == 0 {
                self.clock.converge();
            }
            n as u64
        } else {
            let mut done = 0;
            while done < updates && self.clock.budget(1) > 0 {
                let i = self.order[self.pos] as usize;
                self.pos += 1;
                done += 1;
                self.updates += 1;
                if self.net.update_neuron(i) {
                    self.flips += 1;
                    self.record();
                }
                if self.pos == n {
                    self.clock.step += 1;
                    let settled = self.flips == 0;
                    self.begin_sweep();
                    self.record();
                    if settled {
                        self.clock.converge();
                    }
                }
            }
            done
        };
        self.clock.check_until(false);
        self.refresh();
        done
    }

    fn refresh(&mut self) {
        for (d, &s) in self.state_f64.iter_mut().zip(self.net.state()) {
            *d = s as f64;
        }
        self.overlaps.clear();
        for mu in 0..self.net.len() {
            self.overlaps.push(self.net.overlap(mu));
        }
    }

    /// The reader paints neuron i of the cue.
    pub fn toggle(&mut self, i: usize) {
        if i < self.net.n() {
            self.net.flip(i);
            self.clock.wake();
            self.refresh();
        }
    }

    /// Stores the current state as a new pattern (the "store" button).
    pub fn store_state(&mut self) -> bool {
        let s = self.net.state().to_vec();
        let ok = self.net.store(&s);
        if ok {
            if self.patterns_f64.len() < THUMBNAILS * s.len() {
                self.patterns_f64.extend(s.iter().map(|&x| x as f64));
            }
            self.clock.wake();
            self.refresh();
        }
        ok
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, false);
    }

    pub fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.overlap(), self.net.energy(), self.net.wrong_bits(&self.target)]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "state" => &self.state_f64,
            "patterns" => &self.patterns_f64,
            "overlaps" => &self.overlaps,
            "series" => self.energy.as_slice(),
            _ => &[],
        }
    }

    /// Weights as i16 for the heatmap (N × N; integer units of 1/N).
    pub fn weights(&self) -> &[i16] {
        self.net.weights()
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        self.net.state().iter().for_each(|&s| h.add(s as f64));
    }
}

// ---------------------------------------------------------------------------------------------

pub const CAPACITY_READOUTS: &[&str] = &["step", "wrong-bits", "capacity"];

/// Loads swept by the capacity widget: α = 0.02, 0.04, …, 0.30.
pub const LOADS: usize = 15;
pub fn load(k: usize) -> f64 {
    0.02 * (k + 1) as f64
}

/// Recall fails where the mean fraction of wrong bits after recall first passes this.
pub const FAILED: f64 = 0.05;
/// Recall from a stored pattern stops at the first sweep without a flip, or after this many.
/// Near the critical load a collapsing recall at N = 1024 takes up to ~65 sweeps; 20 cut those
/// short and put the 5 % crossing too high (tests/capacity_two_limits.rs checks none is cut).
pub const MAX_SWEEPS: usize = 150;

/// The capacity sweep: one step = one trial (random patterns at one load, recall from every
/// stored pattern itself, asynchronous sweeps until none flips).
#[derive(Clone, Debug)]
pub struct CapacityRun {
    n: usize,
    seed: u32,
    trials: usize,
    net: Hopfield,
    patterns: Vec<i8>,
    order: Vec<u32>,
    clock: Clock,
    /// Per load: α, mean wrong-bit fraction, fraction of perfectly recalled patterns, trials.
    curve: Vec<f64>,
    /// AGS theory: α, predicted wrong-bit fraction, on a fine grid.
    theory: Vec<f64>,
    last_wrong: f64,
    /// The trial under way, so that a large network's trial can be spread over frames.
    phase: Phase,
    trial_rng: Rng,
    wrong: f64,
    perfect: f64,
}

/// Where the current capacity trial is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Between trials.
    Idle,
    /// Building W from the trial's patterns, next row.
    Storing(usize),
    /// Recalling from stored pattern `mu` (set as the state when `sweeps` is 0), after `sweeps`
    /// asynchronous sweeps.
    Recalling { mu: usize, sweeps: usize },
}

/// About this many weight updates per unit of work while building W (~1 ms in wasm).
const ROW_WORK: usize = 1 << 21;

impl CapacityRun {
    pub fn new(p: &Params) -> CapacityRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let theory = (1..=150).flat_map(|k| [0.002 * k as f64, hopfield::ags_wrong_bits(0.002 * k as f64)]).collect();
        let mut run = CapacityRun {
            n,
            seed: p.seed(),
            trials: p.num("trials") as usize,
            net: Hopfield::new(n),
            patterns: Vec::new(),
            order: Vec::with_capacity(n),
            clock: Clock::new(p.num("until") as u64),
            curve: Vec::new(),
            theory,
            last_wrong: 0.0,
            phase: Phase::Idle,
            trial_rng: Rng::with_stream(p.seed(), 1000),
            wrong: 0.0,
            perfect: 0.0,
        };
        run.restart();
        run
    }

    pub fn restart(&mut self) {
        self.clock.restart();
        self.phase = Phase::Idle;
        self.curve = (0..LOADS).flat_map(|k| [load(k), 0.0, 0.0, 0.0]).collect();
        self.last_wrong = 0.0;
        self.clock.check_until(self.done());
    }

    fn total(&self) -> u64 {
        (LOADS * self.trials) as u64
    }

    fn done(&self) -> bool {
        self.clock.step >= self.total()
    }

    /// Runs up to `trials` trials; returns how many ran.
    pub fn advance(&mut self, trials: u64) -> u64 {
        let mut done = 0;
        while done < trials && self.can_work() {
            done += self.work() as u64;
        }
        self.settle_status();
        done
    }

    /// Up to `units` units of work — a few rows of W, or a few sweeps of one recall — so that a page can keep
    /// every frame short whatever N is; returns the trials finished.
    pub fn advance_units(&mut self, units: u64) -> u64 {
        let mut done = 0;
        for _ in 0..units {
            if !self.can_work() {
                break;
            }
            done += self.work() as u64;
        }
        self.settle_status();
        done
    }

    fn can_work(&self) -> bool {
        self.clock.budget(1) > 0 && !self.done()
    }

    fn settle_status(&mut self) {
        if self.done() {
            self.clock.converge();
        }
        self.clock.check_until(self.done());
    }

    /// One unit of work; true when it finished a trial. Each trial has its own random stream,
    /// so its result does not depend on the trials before it or on how the work was split.
    fn work(&mut self) -> bool {
        let n = self.n;
        let t = self.clock.step as usize;
        let k = t / self.trials;
        let p = (libm::round(load(k) * n as f64) as usize).max(1);
        match self.phase {
            Phase::Idle => {
                self.trial_rng = Rng::with_stream(self.seed, 1000 + t as u64);
                hopfield::fill_random(&mut self.patterns, p * n, &mut self.trial_rng);
                self.net.set_patterns(&self.patterns);
                (self.wrong, self.perfect) = (0.0, 0.0);
                self.phase = Phase::Storing(0);
                false
            }
            Phase::Storing(row) => {
                let end = (row + (ROW_WORK / (p * n)).max(1)).min(n);
                self.net.build_rows(row..end);
                self.phase = if end == n { Phase::Recalling { mu: 0, sweeps: 0 } } else { Phase::Storing(end) };
                false
            }
            Phase::Recalling { mu, mut sweeps } => {
                let xi = &self.patterns[mu * n..(mu + 1) * n];
                if sweeps == 0 {
                    self.net.set_state(xi);
                }
                // As many sweeps as fit in one unit of work (one, for a large network), so a slow
                // collapse near the critical load is spread over frames too.
                let budget = (ROW_WORK / (n * n)).max(1);
                let (rng, order) = (&mut self.trial_rng, &mut self.order);
                if !hopfield::recall_sweeps(&mut self.net, budget, &mut sweeps, MAX_SWEEPS, rng, order) {
                    self.phase = Phase::Recalling { mu, sweeps };
                    return false;
                }
                let w = self.net.wrong_bits(xi);
                self.wrong += w / p as f64;
                self.perfect += (w == 0.0) as u8 as f64 / p as f64;
                if mu + 1 < p {
                    self.phase = Phase::Recalling { mu: mu + 1, sweeps: 0 };
                    return false;
                }
                self.last_wrong = self.wrong;
                let c = &mut self.curve[4 * k..4 * k + 4];
                let seen = c[3];
                c[1] = (c[1] * seen + self.wrong) / (seen + 1.0);
                c[2] = (c[2] * seen + self.perfect) / (seen + 1.0);
                c[3] = seen + 1.0;
                self.clock.step += 1;
                self.phase = Phase::Idle;
                true
            }
        }
    }

    /// The load where recall first fails (mean wrong bits pass 5 %), interpolated between the
    /// measured loads; None while no measured load has failed.
    pub fn estimate(&self) -> Option<f64> {
        let measured: Vec<&[f64]> = self.curve.chunks_exact(4).filter(|c| c[3] > 0.0).collect();
        let i = measured.iter().position(|c| c[1] > FAILED)?;
        if i == 0 {
            return Some(measured[0][0]);
        }
        let (a, b) = (measured[i - 1], measured[i]);
        Some(a[0] + (b[0] - a[0]) * (FAILED - a[1]) / (b[1] - a[1]))
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        let done = self.done();
        self.clock.set_until(until, done);
    }

    pub fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.last_wrong, self.estimate().unwrap_or(0.0)]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "curve" => &self.curve,
            "theory" => &self.theory,
            _ => &[],
        }
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        self.curve.iter().for_each(|&v| h.add(v));
    }
}

// ---------------------------------------------------------------------------------------------

pub const MODERN_READOUTS: &[&str] = &["step", "overlap", "energy", "wrong-bits"];

/// Modern retrieval from a noisy cue; one step = one update ξ ← X softmax(β Xᵀ ξ).
#[derive(Clone, Debug)]
pub struct ModernRun {
    net: Modern,
    mu: usize,
    start: Vec<f64>,
    clock: Clock,
    patterns_f64: Vec<f64>,
    overlaps: Vec<f64>,
    /// The readouts after every update (retrieval takes a handful).
    history: History<4>,
}

impl ModernRun {
    pub fn new(p: &Params) -> ModernRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let patterns = stored_patterns(p);
        let (mu, cue) = noisy_cue(&patterns, n, p);
        let mut run = ModernRun {
            net: Modern::new(n, &patterns, p.num("beta")),
            mu,
            start: as_f64(&cue),
            clock: Clock::new(p.num("until") as u64),
            patterns_f64: thumbnails(&patterns, n),
            overlaps: Vec::new(),
            history: History::new(),
        };
        run.restart();
        run
    }

    pub fn restart(&mut self) {
        self.net.set_state(&self.start.clone());
        self.clock.restart();
        self.history.clear();
        self.record();
        self.refresh();
        self.clock.check_until(false);
    }

    fn record(&mut self) {
        let r = self.readouts();
        self.history.push(self.clock.step, [r[0], r[1], r[2], r[3]]);
    }

    pub fn set_beta(&mut self, beta: f64) {
        self.net.beta = beta;
        let s = self.net.state().to_vec();
        self.net.set_state(&s);
        self.clock.wake();
        self.refresh();
    }

    pub fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.clock.step += 1;
            let moved = self.net.update();
            if self.history.due(self.clock.step) {
                self.record();
            }
            if moved == 0.0 {
                self.clock.converge();
                break;
            }
        }
        self.clock.check_until(false);
        self.refresh();
        budget
    }

    fn refresh(&mut self) {
        self.overlaps.clear();
        for mu in 0..self.net.len() {
            self.overlaps.push(self.net.overlap(mu));
        }
    }

    pub fn toggle(&mut self, i: usize) {
        let mut s = self.net.state().to_vec();
        if let Some(v) = s.get_mut(i) {
            *v = if *v > 0.0 { -1.0 } else { 1.0 };
            self.net.set_state(&s);
            self.clock.wake();
            self.refresh();
        }
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, false);
    }

    pub fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.net.overlap(self.mu), self.net.energy(), self.net.wrong_bits(self.mu)]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "state" => self.net.state(),
            "patterns" => &self.patterns_f64,
            "overlaps" => &self.overlaps,
            "softmax" => self.net.softmax_weights(),
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        self.net.state().iter().for_each(|&v| h.add(v));
    }
}

// ---------------------------------------------------------------------------------------------

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

    pub fn restart(&mut self) {
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

    fn update_spectrum(&mut self) {
        let eig = self.net.outer_eigenvalues(ARNOLDI_STEPS);
        self.lambda_max = eig.iter().map(|z| z.0).fold(f64::NEG_INFINITY, f64::max);
        self.spectrum = eig.iter().flat_map(|&(re, im)| [re, im]).collect();
    }

    pub fn eta_bound(&self) -> f64 {
        self.net.eta_bound()
    }

    pub fn advance(&mut self, steps: u64) -> u64 {
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

    /// Once learning is over (loss below tolerance, or stopped at `until`), the cue settles
    /// under τẏ = W D y − y. A recall whose activity still grows has not settled: it is judged
    /// by the spectrum of W D (a real part above 1 runs away) and by the trajectory (|ẏ| must
    /// shrink), and stops as diverged, whatever the loss says.
    fn settle_if_done(&mut self) {
        let learned = self.net.loss() < LEARNED * self.start_loss;
        if self.settled || !(learned || self.clock.status == crate::run::Status::Paused) {
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

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, self.settled);
    }

    pub fn readouts(&self) -> Vec<f64> {
        vec![
            self.clock.step as f64,
            self.net.loss(),
            cosine(&self.y, &self.target),
            fraction_wrong(&self.y, &self.target),
            self.net.dale_violations() as f64,
            self.lambda_max,
        ]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "state" => &self.y,
            "classic" => &self.classic,
            "patterns" => &self.patterns_f64,
            "series" => self.loss.as_slice(),
            "spectrum" => &self.spectrum,
            _ => &[],
        }
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        h.add(self.net.loss());
        self.y.iter().for_each(|&v| h.add(v));
    }

    pub fn cue_index(&self) -> usize {
        self.mu
    }

    pub fn network(&self) -> &EiNetwork {
        &self.net
    }
}
