//! The run behind `prune`: a sparse network whose synapses grow, decay and are pruned under a
//! cap. One step = one sample (docs/contract.md#steps).

use super::clock::{group, runaway, Clock, Fnv};
use super::history::History;
use super::Run;
use crate::params::Params;
use crate::science::circuits::{Grow, Plastic, Prune, SharedSources};
use crate::science::rng::{Rng, Stream};

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

    fn refresh(&mut self) {
        self.alive = self.net.alive.iter().map(|&a| a as u8 as f64).collect();
    }
}

impl Run for PruneRun {
    fn readout_names(&self) -> &'static [&'static str] {
        PRUNE_READOUTS
    }

    fn restart(&mut self) {
        self.net = self.start.clone();
        self.samples.rewind();
        self.clock.restart();
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
        let norm = libm::sqrt(self.net.w.iter().map(|w| w * w).sum::<f64>());
        vec![self.clock.step as f64, self.net.connections() as f64, norm]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "weights" => &self.net.w,
            "alive" => &self.alive,
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
            "lambda" => self.lambda = p.num("lambda"),
            "theta" => self.theta = p.num("theta"),
            _ => return false,
        }
        true
    }
}
