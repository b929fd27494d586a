//! The run behind `recurrent`: lateral weights learning the inputs' correlations, run open or as
//! the closed loop r = u + W r. One step = one sample (docs/contract.md#steps).

use super::clock::{group, runaway, Clock, Fnv, Status};
use super::history::History;
use super::{Mark, Run};
use crate::params::Params;
use crate::science::circuits::{ClosedLoop, Recurrent, SharedSources};
use crate::science::rng::{Rng, Stream};
use nalgebra::DMatrix;

pub const RECURRENT_READOUTS: &[&str] = &["step", "rel-error", "gain-shared", "gain-spurious", "lambda1"];

/// Steps between two checks of a closed loop's stability, counted from step 0: where a closed
/// loop stops never depends on how the steps were split into frames.
pub const LOOP_CHECK: u64 = 64;

#[derive(Clone, Debug)]
pub struct RecurrentRun {
    src: SharedSources,
    net: Recurrent,
    c: Vec<f64>,
    /// The largest eigenvalue of C: the closed loop's threshold on α.
    lambda1: f64,
    pub eta: f64,
    pub alpha: f64,
    /// Whether the gains are those of the closed loop r = u + W r (else one pass of W). Learning
    /// is the same either way: while it learns, each neuron's activity is its input.
    closed: bool,
    /// The closed loop's factors, and its gains at the last check (shown while the current W has
    /// no settled state between two checks).
    settled: ClosedLoop,
    held: [f64; 2],
    /// The gains the readouts show (shared, spurious).
    gains: [f64; 2],
    /// The run was stopped by the closed loop's check (opening the loop lets it learn on).
    loop_stopped: bool,
    samples: Rng,
    s: Vec<f64>,
    x: Vec<f64>,
    clock: Clock,
    shared: Vec<f64>,
    spurious: Vec<f64>,
    /// αW (or W for the y² variant): what should match `c` (or C_ij/C_jj).
    scaled: Vec<f64>,
    target: Vec<f64>,
    /// The readouts along the run.
    history: History<5>,
}

impl RecurrentRun {
    pub fn new(p: &Params) -> RecurrentRun {
        let (n, m) = (p.num("n") as usize, p.num("sources") as usize);
        let src = SharedSources::new(n, m, p.num("sigma"), &mut Rng::new(p.seed(), Stream::Data));
        let net = Recurrent::new(n, p.text("decay") == "squared");
        let c = src.covariance();
        let lambda1 = DMatrix::from_row_slice(n, n, &c).symmetric_eigenvalues().iter().cloned().fold(0.0, f64::max);
        let mut run = RecurrentRun {
            c,
            lambda1,
            shared: src.pattern(0),
            spurious: src.spurious_pattern(),
            net,
            eta: p.num("eta"),
            alpha: p.num("alpha"),
            closed: p.text("loop") == "closed",
            settled: ClosedLoop::new(n),
            held: [1.0; 2],
            gains: [0.0; 2],
            loop_stopped: false,
            samples: Rng::new(p.seed(), Stream::Samples),
            s: vec![0.0; m],
            x: vec![0.0; n],
            clock: Clock::new(p.num("until") as u64),
            scaled: vec![0.0; n * n],
            target: Vec::new(),
            history: History::new(),
            src,
        };
        run.restart();
        run
    }

    /// Closes or opens the loop, keeping W and the step. Closing checks the loop at once;
    /// opening lets a run the closed loop stopped learn on.
    pub fn set_closed(&mut self, closed: bool) {
        if closed == self.closed {
            return;
        }
        self.closed = closed;
        if closed {
            self.check_loop();
        } else if self.loop_stopped {
            self.loop_stopped = false;
            self.clock.status = Status::Ready;
            self.clock.why.clear();
            self.clock.check_until(false);
        }
        self.refresh();
    }

    /// The closed loop's check (closed only): keeps its gains when W has a settled state, else
    /// stops the run with the reason. Returns whether the loop is stable.
    fn check_loop(&mut self) -> bool {
        if !self.closed {
            return true;
        }
        if self.settled.settle_on(&self.net) {
            self.held = [self.settled.gain(&self.shared), self.settled.gain(&self.spurious)].map(finite_or_zero);
            return true;
        }
        let top = self.net.top_eigenvalue();
        let (a, l1) = apart(self.alpha, self.lambda1);
        let why = if self.net.squared_decay {
            "the y² decay makes W → Cᵢⱼ/Cⱼⱼ, whose eigenvalues average 1, so some are above 1 whatever α is".to_string()
        } else if self.alpha < self.lambda1 {
            format!("α = {a} < λ1 = {l1}: W → C/α, whose largest eigenvalue is λ1/α = {:.2}", self.lambda1 / self.alpha)
        } else {
            format!(
                "although α = {a} > λ1 = {l1}: the learned W wanders around C/α by about √(ηα) = {:.0} % of it, and the noise carried it over",
                100.0 * libm::sqrt(self.eta * self.alpha)
            )
        };
        self.clock.diverge(format!(
            "closed loop: after {} samples W has an eigenvalue {top:.3} ≥ 1 ({why}), so r = u + W r grows without bound (open the loop to learn on)",
            group(self.clock.step)
        ));
        self.loop_stopped = true;
        false
    }

    /// The gains of the current W: one pass, or the settled closed loop — when the current W
    /// has none (between two checks), the last check's.
    fn update_gains(&mut self) {
        self.gains = if !self.closed {
            [self.net.gain(&self.shared), self.net.gain(&self.spurious)].map(finite_or_zero)
        } else if self.settled.settle_on(&self.net) {
            [self.settled.gain(&self.shared), self.settled.gain(&self.spurious)].map(finite_or_zero)
        } else {
            self.held
        };
    }

    fn refresh(&mut self) {
        let scale = if self.net.squared_decay { 1.0 } else { self.alpha };
        self.scaled.iter_mut().zip(&self.net.w).for_each(|(s, w)| *s = scale * w);
        self.target = self.net.target(&self.c, self.alpha);
        if !self.net.squared_decay {
            self.target.iter_mut().for_each(|t| *t *= self.alpha);
        }
        self.update_gains();
    }
}

impl Run for RecurrentRun {
    fn readout_names(&self) -> &'static [&'static str] {
        RECURRENT_READOUTS
    }

    fn restart(&mut self) {
        self.net.w.fill(0.0);
        self.samples.rewind();
        self.clock.restart();
        self.loop_stopped = false;
        self.check_loop();
        self.refresh();
        self.history.clear();
        let r = self.readouts();
        self.history.push_readouts(&r);
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.src.sample(&mut self.samples, &mut self.s, &mut self.x);
            self.net.step(&self.x, self.eta, self.alpha);
            self.clock.step += 1;
            if runaway(&self.net.w) {
                self.clock.diverge(format!(
                    "η·α = {:.2} is too large: each step overshoots the decay and W runs away ({} samples)",
                    self.eta * self.alpha,
                    group(self.clock.step)
                ));
                break;
            }
            if self.closed && self.clock.step.is_multiple_of(LOOP_CHECK) && !self.check_loop() {
                break;
            }
            if self.history.due(self.clock.step) {
                self.update_gains();
                let r = self.readouts();
                self.history.push_readouts(&r);
            }
        }
        self.clock.check_until(false);
        self.refresh();
        budget
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn readouts(&self) -> Vec<f64> {
        vec![
            self.clock.step as f64,
            self.net.relative_error(&self.c, self.alpha),
            self.gains[0],
            self.gains[1],
            self.lambda1,
        ]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "target" => &self.target,
            "learned" => &self.scaled,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.net.w.iter().for_each(|&v| h.add(v));
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            "alpha" => self.alpha = p.num("alpha"),
            "loop" => self.set_closed(p.text("loop") == "closed"),
            _ => return false,
        }
        true
    }

    /// Above λ1 a closed loop settles (linear decay; with the y² decay α plays no part).
    fn marks(&self) -> Vec<Mark> {
        if self.net.squared_decay {
            Vec::new()
        } else {
            vec![("alpha", self.lambda1, "λ1")]
        }
    }
}

/// Two numbers printed with the fewest decimals (at least 2, trailing zeros dropped) that tell
/// them apart: "α = 10.43 < λ1 = 10.432", never "10.43 < 10.43".
fn apart(a: f64, b: f64) -> (String, String) {
    let show = |x: f64, d: usize| {
        let s = format!("{x:.d$}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    };
    let d = (2..=9).find(|&d| format!("{a:.d$}") != format!("{b:.d$}")).unwrap_or(9);
    (show(a, d), show(b, d))
}

/// A gain of a pattern of length 0 (there is no pattern no source makes when the sources span
/// every neuron) is 0, not NaN.
fn finite_or_zero(g: f64) -> f64 {
    if g.is_finite() {
        g
    } else {
        0.0
    }
}
