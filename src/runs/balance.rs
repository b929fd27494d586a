//! The run behind `balance`: one tuned cell whose inhibitory synapses learn by the rule of Vogels
//! et al. (2011). One step = 1 ms of simulated time (docs/contract.md#steps).

use super::clock::{Clock, Fnv};
use super::history::History;
use super::Run;
use crate::params::Params;
use crate::science::balance::{Balance, W_I_STRONG, W_I_WEAK};
use crate::science::rng::{Quick, Rng, Stream};

pub const BALANCE_READOUTS: &[&str] = &["step", "rate-out", "target", "cotuning", "ei-ratio"];

#[derive(Clone, Debug)]
pub struct BalanceRun {
    cell: Balance,
    start: Balance,
    eta: f64,
    target: f64,
    plastic: bool,
    spikes: Quick,
    clock: Clock,
    history: History<5>,
    /// The two tuning curves, refreshed at each record and advance (for the picture).
    curves: Vec<f64>,
}

impl BalanceRun {
    pub fn new(p: &Params) -> BalanceRun {
        let w0 = if p.text("start") == "strong" { W_I_STRONG } else { W_I_WEAK };
        let cell = Balance::new(p.num("channels") as usize, w0, &mut Rng::new(p.seed(), Stream::Start));
        let mut run = BalanceRun {
            start: cell.clone(),
            cell,
            eta: p.num("eta"),
            target: p.num("target"),
            plastic: p.text("plasticity") == "on",
            spikes: Quick::seeded(&mut Rng::new(p.seed(), Stream::Samples)),
            clock: Clock::new(p.num("until") as u64),
            history: History::new(),
            curves: Vec::new(),
        };
        run.restart();
        run
    }

    fn refresh(&mut self) {
        self.curves = self.cell.tuning(&self.cell.w_e);
        self.curves.extend(self.cell.tuning(&self.cell.w_i));
    }
}

impl Run for BalanceRun {
    fn readout_names(&self) -> &'static [&'static str] {
        BALANCE_READOUTS
    }

    fn restart(&mut self) {
        self.cell = self.start.clone();
        self.spikes.rewind();
        self.clock.restart();
        self.history.clear();
        self.history.push_readouts(&self.readouts());
        self.refresh();
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        let eta = if self.plastic { self.eta } else { 0.0 };
        for _ in 0..budget {
            self.cell.step(eta, self.target, &mut self.spikes);
            self.clock.step += 1;
            if self.history.due(self.clock.step) {
                self.history.push_readouts(&self.readouts());
            }
        }
        self.refresh();
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
        vec![self.clock.step as f64, self.cell.rate, self.target, self.cell.cotuning(), self.cell.ei_ratio()]
    }

    /// `tuning`: the excitatory then the inhibitory drive for each stimulus channel (Hz);
    /// `series`: the readouts over time.
    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "tuning" => &self.curves,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.cell.w_i.iter().for_each(|&v| h.add(v));
        h.add(self.cell.rate);
        h.add(self.cell.spikes as f64);
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            "target" => self.target = p.num("target"),
            "plasticity" => self.plastic = p.text("plasticity") == "on",
            _ => return false,
        }
        true
    }
}
