//! The runs behind the circuit widgets: `gha`, `subspace`, `similarity`, `recurrent`, `bcm`,
//! `prune`. One step = one sample presented (CONTRACT.md); they never converge, they may diverge.

use crate::circuits::{Bcm, ClosedLoop, Grow, Plastic, Prune, Recurrent, SharedSources};
use crate::history::History;
use crate::many::{line_angle, ManyRule, Population, Spectrum};
use crate::params::{Kind, Params};
use crate::rng::{Rng, Stream};
use crate::run::{group, Clock, Fnv, Status};
use nalgebra::DMatrix;

/// Past this size a weight has run away.
const LIMIT: f64 = 1e6;

fn runaway(v: &[f64]) -> bool {
    v.iter().any(|x| x.is_nan() || x.abs() > LIMIT)
}

/// Records the readouts (step first) in a run's history: the trajectory export reads it.
fn record<const W: usize>(history: &mut History<W>, readouts: &[f64]) {
    let mut r = [0.0; W];
    r.copy_from_slice(readouts);
    history.push(readouts[0] as u64, r);
}

pub const MANY_READOUTS: &[&str] = &["step", "angle1", "angle2", "orthogonality", "subspace-error"];

/// How many samples of a 2-D dataset are kept for drawing.
const SHOWN: usize = 400;

#[derive(Clone, Debug)]
pub struct ManyRun {
    rule: ManyRule,
    spec: Spectrum,
    pop: Population,
    start: Population,
    pub eta: f64,
    pub tau: f64,
    samples: Rng,
    x: Vec<f64>,
    clock: Clock,
    /// For d = 2: points to draw (x, y pairs).
    points: Vec<f64>,
    /// Display buffers, refreshed after each advance: F (k × d), |F Eᵀ| (k × d), eig(M).
    filters: Vec<f64>,
    overlap: Vec<f64>,
    m_eigs: Vec<f64>,
    /// The readouts along the run.
    history: History<5>,
}

impl ManyRun {
    pub fn new(p: &Params) -> ManyRun {
        let rule = match p.kind() {
            Kind::Gha => ManyRule::Gha,
            Kind::Subspace => ManyRule::Subspace,
            _ => ManyRule::Similarity,
        };
        let (d, k) = (p.num("d") as usize, p.num("k") as usize);
        let spec = Spectrum::geometric(d, p.num("top"), p.num("ratio"), &mut Rng::new(p.seed(), Stream::Data));
        let pop = Population::new(k, d, &mut Rng::new(p.seed(), Stream::Start));
        let mut points = Vec::new();
        if d == 2 {
            let mut r = Rng::with_stream(p.seed(), 3);
            let mut x = vec![0.0; 2];
            for _ in 0..SHOWN {
                spec.sample(&mut r, &mut x);
                points.extend_from_slice(&x);
            }
        }
        let mut run = ManyRun {
            rule,
            start: pop.clone(),
            pop,
            eta: p.num("eta"),
            tau: if rule == ManyRule::Similarity { p.num("tau") } else { 1.0 },
            samples: Rng::new(p.seed(), Stream::Samples),
            x: vec![0.0; d],
            clock: Clock::new(p.num("until") as u64),
            points,
            spec,
            filters: Vec::new(),
            overlap: Vec::new(),
            m_eigs: Vec::new(),
            history: History::new(),
        };
        run.restart();
        run
    }

    pub fn restart(&mut self) {
        self.pop = self.start.clone();
        self.samples.rewind();
        self.clock.restart();
        self.refresh();
        self.history.clear();
        let r = self.readouts();
        record(&mut self.history, &r);
        self.clock.check_until(false);
    }

    pub fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.spec.sample(&mut self.samples, &mut self.x);
            self.pop.step(self.rule, &self.x, self.eta, self.tau);
            self.clock.step += 1;
            if runaway(&self.pop.w) || runaway(&self.pop.m) {
                self.clock.diverge(format!(
                    "η·λ1 = {:.2} is too large: the weights ran away after {} samples",
                    self.eta * self.spec.lambdas[0],
                    group(self.clock.step)
                ));
                break;
            }
            if self.history.due(self.clock.step) {
                // The readouts are read from the display buffers.
                self.refresh();
                let r = self.readouts();
                record(&mut self.history, &r);
            }
        }
        self.clock.check_until(false);
        self.refresh();
        budget
    }

    fn refresh(&mut self) {
        let f = self.pop.filters(self.rule);
        let (k, d) = (self.pop.k, self.pop.d);
        self.filters = (0..k).flat_map(|i| (0..d).map(move |c| (i, c))).map(|(i, c)| f[(i, c)]).collect();
        self.overlap = (0..k)
            .flat_map(|i| (0..d).map(move |c| (i, c)))
            .map(|(i, c)| f.row(i).iter().zip(self.spec.e(c)).map(|(a, b)| a * b).sum::<f64>().abs())
            .collect();
        self.m_eigs = if self.rule == ManyRule::Similarity { self.pop.m_eigenvalues() } else { Vec::new() };
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, false);
    }

    pub fn readouts(&self) -> Vec<f64> {
        let (k, d) = (self.pop.k, self.pop.d);
        let f = DMatrix::from_row_slice(k, d, &self.filters);
        let angle = |i: usize| if i < k { line_angle(&self.filters[i * d..(i + 1) * d], self.spec.e(i)) } else { 0.0 };
        let ortho = (&f * f.transpose() - DMatrix::identity(k, k)).norm();
        let sub = (f.transpose() * &f - self.spec.top_projector(k)).norm();
        vec![self.clock.step as f64, angle(0), angle(1), ortho, sub]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "filters" => &self.filters,
            "overlap" => &self.overlap,
            "m-eigenvalues" => &self.m_eigs,
            "lambdas" => &self.spec.lambdas,
            "basis" => &self.spec.basis,
            "points" => &self.points,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        self.pop.w.iter().chain(&self.pop.m).for_each(|&v| h.add(v));
    }
}

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

    pub fn restart(&mut self) {
        self.net.w.fill(0.0);
        self.samples.rewind();
        self.clock.restart();
        self.loop_stopped = false;
        self.check_loop();
        self.refresh();
        self.history.clear();
        let r = self.readouts();
        record(&mut self.history, &r);
        self.clock.check_until(false);
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

    pub fn advance(&mut self, steps: u64) -> u64 {
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
                record(&mut self.history, &r);
            }
        }
        self.clock.check_until(false);
        self.refresh();
        budget
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

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, false);
    }

    /// The largest eigenvalue of the inputs' correlation matrix C.
    pub fn lambda1(&self) -> f64 {
        self.lambda1
    }

    pub fn closed(&self) -> bool {
        self.closed
    }

    pub fn readouts(&self) -> Vec<f64> {
        vec![
            self.clock.step as f64,
            self.net.relative_error(&self.c, self.alpha),
            self.gains[0],
            self.gains[1],
            self.lambda1,
        ]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "target" => &self.target,
            "learned" => &self.scaled,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        self.net.w.iter().for_each(|&v| h.add(v));
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

pub const BCM_READOUTS: &[&str] = &["step", "selectivity", "threshold"];

/// History record of BCM: step, θ, then the responses to up to 16 inputs.
pub const BCM_RECORD: usize = 18;

#[derive(Clone, Debug)]
pub struct BcmRun {
    bcm: Bcm,
    start: Bcm,
    pub eta: f64,
    pub tau: f64,
    samples: Rng,
    clock: Clock,
    history: History<BCM_RECORD>,
}

impl BcmRun {
    pub fn new(p: &Params) -> BcmRun {
        let bcm = Bcm::new(p.num("inputs") as usize, &mut Rng::new(p.seed(), Stream::Start));
        let mut run = BcmRun {
            start: bcm.clone(),
            bcm,
            eta: p.num("eta"),
            tau: p.num("tau"),
            samples: Rng::new(p.seed(), Stream::Samples),
            clock: Clock::new(p.num("until") as u64),
            history: History::new(),
        };
        run.restart();
        run
    }

    pub fn restart(&mut self) {
        self.bcm = self.start.clone();
        self.samples.rewind();
        self.clock.restart();
        self.history.clear();
        self.record();
        self.clock.check_until(false);
    }

    fn record(&mut self) {
        let r = self.now();
        self.history.push(self.clock.step, r);
    }

    /// The record of this moment (see [`BCM_RECORD`]): what the history keeps, and the last row
    /// of the trajectory export.
    pub fn now(&self) -> [f64; BCM_RECORD] {
        let mut r = [0.0; BCM_RECORD];
        r[0] = self.clock.step as f64;
        r[1] = self.bcm.theta;
        r[2..2 + self.bcm.w.len()].copy_from_slice(&self.bcm.w);
        r
    }

    pub fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.bcm.step(self.eta, self.tau, &mut self.samples);
            self.clock.step += 1;
            if runaway(&self.bcm.w) {
                self.clock.diverge(format!(
                    "η·τθ = {:.2}: the threshold lags the weights, overshoots, and the responses blow up ({} samples)",
                    self.eta * self.tau,
                    group(self.clock.step)
                ));
                break;
            }
            if self.history.due(self.clock.step) {
                self.record();
            }
        }
        self.clock.check_until(false);
        budget
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, false);
    }

    pub fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.bcm.selectivity(), self.bcm.theta]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "responses" => &self.bcm.w,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        self.bcm.w.iter().for_each(|&v| h.add(v));
        h.add(self.bcm.theta);
    }
}

pub const PRUNE_READOUTS: &[&str] = &["step", "connections", "norm"];

#[derive(Clone, Debug)]
pub struct PruneRun {
    src: SharedSources,
    net: Plastic,
    start: Plastic,
    pub eta: f64,
    pub lambda: f64,
    pub theta: f64,
    pub l1: bool,
    pub rule: Prune,
    pub grow: Option<Grow>,
    samples: Rng,
    s: Vec<f64>,
    x: Vec<f64>,
    clock: Clock,
    alive: Vec<f64>,
    /// The readouts along the run.
    history: History<3>,
}

impl PruneRun {
    pub fn new(p: &Params) -> PruneRun {
        let n = p.num("n") as usize;
        let mut rng = Rng::new(p.seed(), Stream::Data);
        let src = SharedSources::new(n, 2, 0.5, &mut rng);
        // Start from a random sparse network at half the cap.
        let mut net = Plastic::new(n, p.num("kmax") as usize);
        let mut start_rng = Rng::new(p.seed(), Stream::Start);
        for _ in 0..4 * n * n {
            if net.connections() * 2 >= net.k_max {
                break;
            }
            net.connect(start_rng.index((n * n) as u32) as usize, 0.05 + 0.1 * start_rng.uniform());
        }
        let mut run = PruneRun {
            start: net.clone(),
            net,
            eta: p.num("eta"),
            lambda: p.num("lambda"),
            theta: p.num("theta"),
            l1: p.text("decay") == "l1",
            rule: match p.text("rule") {
                "soft" => Prune::Soft,
                "trace" => Prune::Trace,
                _ => Prune::Threshold,
            },
            grow: match p.text("grow") {
                "correlation" => Some(Grow::Correlation),
                "random" => Some(Grow::Random),
                _ => None,
            },
            samples: Rng::new(p.seed(), Stream::Samples),
            s: vec![0.0; 2],
            x: vec![0.0; n],
            clock: Clock::new(p.num("until") as u64),
            alive: Vec::new(),
            history: History::new(),
            src,
        };
        run.restart();
        run
    }

    pub fn restart(&mut self) {
        self.net = self.start.clone();
        self.samples.rewind();
        self.clock.restart();
        self.refresh();
        self.history.clear();
        let r = self.readouts();
        record(&mut self.history, &r);
        self.clock.check_until(false);
    }

    pub fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.src.sample(&mut self.samples, &mut self.s, &mut self.x);
            let (eta, lambda, l1, rule, theta, grow) =
                (self.eta, self.lambda, self.l1, self.rule, self.theta, self.grow);
            self.net.step(&self.x, eta, lambda, l1, rule, theta, grow, &mut self.samples);
            self.clock.step += 1;
            if runaway(&self.net.w) {
                self.clock.diverge(format!(
                    "decay γ = {lambda} cannot hold η = {eta}: the strongest synapses ran away ({} samples)",
                    group(self.clock.step)
                ));
                break;
            }
            if self.history.due(self.clock.step) {
                let r = self.readouts();
                record(&mut self.history, &r);
            }
        }
        self.clock.check_until(false);
        self.refresh();
        budget
    }

    fn refresh(&mut self) {
        self.alive = self.net.alive.iter().map(|&a| a as u8 as f64).collect();
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, false);
    }

    pub fn readouts(&self) -> Vec<f64> {
        let norm = libm::sqrt(self.net.w.iter().map(|w| w * w).sum::<f64>());
        vec![self.clock.step as f64, self.net.connections() as f64, norm]
    }

    pub fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "weights" => &self.net.w,
            "alive" => &self.alive,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    pub fn add_to_hash(&self, h: &mut Fnv) {
        self.net.w.iter().for_each(|&v| h.add(v));
    }
}
