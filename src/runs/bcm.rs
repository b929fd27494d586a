//! The run behind `bcm`: one neuron with a sliding threshold becoming selective. One step = one
//! sample (docs/contract.md#steps).

use super::clock::{group, runaway, Clock, Fnv};
use super::history::History;
use super::{Mark, Run, Trajectory};
use crate::params::Params;
use crate::science::circuits::Bcm;
use crate::science::rng::{Rng, Stream};

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
}

impl Run for BcmRun {
    fn readout_names(&self) -> &'static [&'static str] {
        BCM_READOUTS
    }

    fn restart(&mut self) {
        self.bcm = self.start.clone();
        self.samples.rewind();
        self.clock.restart();
        self.history.clear();
        self.record();
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
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

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.bcm.selectivity(), self.bcm.theta]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "responses" => &self.bcm.w,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.bcm.w.iter().for_each(|&v| h.add(v));
        h.add(self.bcm.theta);
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            "tau" => self.tau = p.num("tau"),
            _ => return false,
        }
        true
    }

    fn marks(&self) -> Vec<Mark> {
        vec![("tau", 1.0 / self.eta, "η·τθ = 1")]
    }

    /// Step, θ and every response.
    fn trajectory(&self) -> Trajectory {
        let inputs = self.bcm.w.len();
        let names: Vec<String> = (1..=inputs).map(|k| format!("response{k}")).collect();
        let mut columns = vec!["step", "threshold"];
        columns.extend(names.iter().map(String::as_str));
        let pick: Vec<usize> = (0..2 + inputs).collect();
        Trajectory::table(&columns, self.history.as_slice(), BCM_RECORD, &pick, Some(&self.now()))
    }
}
