//! The runs behind the circuit widgets: `gha`, `subspace`, `similarity`, `recurrent`, `bcm`,
//! `prune`. One step = one sample presented (CONTRACT.md); they never converge, they may diverge.

use crate::circuits::{Bcm, Grow, Plastic, Prune, Recurrent, SharedSources};
use crate::history::History;
use crate::many::{line_angle, ManyRule, Population, Spectrum};
use crate::params::{Kind, Params};
use crate::rng::{Rng, Stream};
use crate::run::{group, Clock, Fnv};
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

pub const RECURRENT_READOUTS: &[&str] = &["step", "rel-error", "gain-shared", "gain-spurious"];

#[derive(Clone, Debug)]
pub struct RecurrentRun {
    src: SharedSources,
    net: Recurrent,
    c: Vec<f64>,
    pub eta: f64,
    pub alpha: f64,
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
    history: History<4>,
}

impl RecurrentRun {
    pub fn new(p: &Params) -> RecurrentRun {
        let (n, m) = (p.num("n") as usize, p.num("sources") as usize);
        let src = SharedSources::new(n, m, p.num("sigma"), &mut Rng::new(p.seed(), Stream::Data));
        let net = Recurrent::new(n, p.text("decay") == "squared");
        let mut run = RecurrentRun {
            c: src.covariance(),
            shared: src.pattern(0),
            spurious: src.spurious_pattern(),
            net,
            eta: p.num("eta"),
            alpha: p.num("alpha"),
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
        let scale = if self.net.squared_decay { 1.0 } else { self.alpha };
        self.scaled.iter_mut().zip(&self.net.w).for_each(|(s, w)| *s = scale * w);
        self.target = self.net.target(&self.c, self.alpha);
        if !self.net.squared_decay {
            self.target.iter_mut().for_each(|t| *t *= self.alpha);
        }
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn set_until(&mut self, until: u64) {
        self.clock.set_until(until, false);
    }

    pub fn readouts(&self) -> Vec<f64> {
        vec![
            self.clock.step as f64,
            self.net.relative_error(&self.c, self.alpha),
            self.net.gain(&self.shared),
            self.net.gain(&self.spurious),
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
