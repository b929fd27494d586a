//! The run behind `capacity`: the sweep of loads that finds where classic recall fails, one
//! trial at a time, each spread over frames in small units of work.

use super::clock::{Clock, Fnv};
use super::{Run, Trajectory};
use crate::params::Params;
use crate::science::hopfield::{self, Hopfield};
use crate::science::rng::Rng;

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

    fn total(&self) -> u64 {
        (LOADS * self.trials) as u64
    }

    fn done(&self) -> bool {
        self.clock.step >= self.total()
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
}

impl Run for CapacityRun {
    fn readout_names(&self) -> &'static [&'static str] {
        CAPACITY_READOUTS
    }

    fn restart(&mut self) {
        self.clock.restart();
        self.phase = Phase::Idle;
        self.curve = (0..LOADS).flat_map(|k| [load(k), 0.0, 0.0, 0.0]).collect();
        self.last_wrong = 0.0;
        self.clock.check_until(self.done());
    }

    /// Runs up to `trials` trials; returns how many ran.
    fn advance(&mut self, trials: u64) -> u64 {
        let mut done = 0;
        while done < trials && self.can_work() {
            done += self.work() as u64;
        }
        self.settle_status();
        done
    }

    /// Up to `units` units of work — a few rows of W, or a few sweeps of one recall — so that a page can keep
    /// every frame short whatever N is; returns the trials finished.
    fn advance_units(&mut self, units: u64) -> u64 {
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

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn set_until(&mut self, until: u64) {
        let done = self.done();
        self.clock.set_until(until, done);
    }

    fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.last_wrong, self.estimate().unwrap_or(0.0)]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "curve" => &self.curve,
            "theory" => &self.theory,
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.curve.iter().for_each(|&v| h.add(v));
    }

    /// One row per measured load: α, mean wrong bits, fraction recalled perfectly, trials so far.
    fn trajectory(&self) -> Trajectory {
        let measured: Vec<f64> = self.curve.chunks_exact(4).filter(|c| c[3] > 0.0).flatten().copied().collect();
        Trajectory::table(&["alpha", "wrong_bits", "perfect", "trials"], &measured, 4, &[0, 1, 2, 3], None)
    }
}
