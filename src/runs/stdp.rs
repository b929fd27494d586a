//! The run behind `stdp`: K Poisson inputs, a correlated group among them, onto one spiking
//! neuron with pair-based STDP on every synapse. One step = one millisecond of simulated time
//! (docs/contract.md#steps).

use super::clock::{Clock, Fnv};
use super::history::History;
use super::{Mark, Run};
use crate::params::Params;
use crate::science::rng::{Quick, Rng, Stream};
use crate::science::stdp::{self as sd, Bounds, Config, Drift, Network, Pairing};

pub const STDP_READOUTS: [&str; 7] =
    ["step", "rate-out", "w-group", "w-rest", "bimodality", "drift", "drift-predicted"];

/// The output rate and the drift are measured over blocks of this many ms: a block of 5 s holds
/// a few hundred output spikes, enough for a steady reading, short enough to follow the weights.
pub const BLOCK_MS: u64 = 5000;

/// The prediction is taken every this many ms and averaged over the block, as the weights move.
const PREDICT_EVERY: u64 = 10;

/// Half the width of the `window` buffer, ms.
pub const WINDOW_HALF: i32 = 100;

/// What a block of steps measured, and what the weights predicted over it.
#[derive(Clone, Copy, Debug, Default)]
struct Block {
    steps: u64,
    posts: u64,
    window: f64,
    predicted: [f64; 3],
    predictions: u64,
}

impl Block {
    /// Output rate, Hz.
    fn rate(&self) -> f64 {
        if self.steps == 0 {
            0.0
        } else {
            1000.0 * self.posts as f64 / self.steps as f64
        }
    }

    /// Measured mean drift per second per synapse.
    fn drift(&self, k: usize) -> f64 {
        if self.steps == 0 {
            0.0
        } else {
            1000.0 * self.window / (self.steps as f64 * k as f64)
        }
    }

    /// The predicted terms (rate, own, group) per second, averaged over the block.
    fn terms(&self) -> [f64; 3] {
        let n = self.predictions.max(1) as f64;
        self.predicted.map(|t| 1000.0 * t / n)
    }
}

#[derive(Clone, Debug)]
pub struct StdpRun {
    net: Network,
    start: Network,
    spikes: Quick,
    clock: Clock,
    /// The block being measured and the last one finished (None before the first ends).
    block: Block,
    last: Option<Block>,
    history: History<7>,
    window: Vec<f64>,
    /// (rate, own, group) predicted and the measured drift, per second: the `terms` buffer.
    terms: [f64; 4],
}

fn config(p: &Params) -> Config {
    let inputs = p.num("inputs") as usize;
    Config {
        inputs,
        rate_hz: p.num("rate"),
        group: (p.num("group") as usize).min(inputs),
        corr: p.num("corr"),
        a_plus: p.num("aplus"),
        ratio: p.num("ratio"),
        bounds: if p.text("bounds") == "multiplicative" { Bounds::Multiplicative } else { Bounds::Additive },
        pairing: if p.text("pairing") == "nearest" { Pairing::Nearest } else { Pairing::All },
        learn: true,
    }
}

impl StdpRun {
    pub fn new(p: &Params) -> StdpRun {
        let net = Network::new(config(p));
        let mut run = StdpRun {
            start: net.clone(),
            spikes: Quick::seeded(&mut Rng::new(p.seed(), Stream::Samples)),
            net,
            clock: Clock::new(p.num("until") as u64),
            block: Block::default(),
            last: None,
            history: History::new(),
            window: Vec::new(),
            terms: [0.0; 4],
        };
        run.restart();
        run
    }

    /// The block the readouts show: the last finished one, else the one under way.
    fn shown(&self) -> &Block {
        self.last.as_ref().unwrap_or(&self.block)
    }

    fn predict(&mut self) {
        let Drift { rate, own, group } = sd::predicted_drift(&self.net.w, &self.net.config);
        for (sum, t) in self.block.predicted.iter_mut().zip([rate, own, group]) {
            *sum += t;
        }
        self.block.predictions += 1;
    }

    fn refresh(&mut self) {
        let b = *self.shown();
        let [rate, own, group] = b.terms();
        self.terms = [rate, own, group, b.drift(self.net.w.len())];
        self.window = sd::window_samples(WINDOW_HALF, &self.net.config);
    }

    /// A fresh block, after a change of the rule or the inputs: the old numbers no longer apply.
    fn new_blocks(&mut self) {
        self.block = Block::default();
        self.last = None;
        self.predict();
    }

    fn now(&self) -> [f64; 7] {
        let w = &self.net.w;
        let n = self.net.config.group.min(w.len());
        let all = sd::mean_or(w, 0.0);
        let b = self.shown();
        [
            self.clock.step as f64,
            b.rate(),
            // An empty side reads as the mean of all, never NaN.
            sd::mean_or(&w[..n], all),
            sd::mean_or(&w[n..], all),
            sd::bimodality(w),
            b.drift(w.len()),
            b.terms().iter().sum(),
        ]
    }

    fn record(&mut self) {
        let r = self.now();
        self.history.push(self.clock.step, r);
    }
}

impl Run for StdpRun {
    fn readout_names(&self) -> &'static [&'static str] {
        &STDP_READOUTS
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn restart(&mut self) {
        self.net = self.start.clone();
        self.spikes.rewind();
        self.clock.restart();
        self.new_blocks();
        self.history.clear();
        self.record();
        self.refresh();
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let steps = self.clock.budget(steps);
        for _ in 0..steps {
            let out = self.net.step(&mut self.spikes);
            self.clock.step += 1;
            let b = &mut self.block;
            b.steps += 1;
            b.posts += out.post as u64;
            b.window += out.window;
            if self.clock.step.is_multiple_of(PREDICT_EVERY) {
                self.predict();
            }
            if self.clock.step.is_multiple_of(BLOCK_MS) {
                self.last = Some(self.block);
                self.block = Block::default();
                self.predict();
            }
            if self.history.due(self.clock.step) {
                self.record();
            }
        }
        self.refresh();
        self.clock.check_until(false);
        steps
    }

    fn readouts(&self) -> Vec<f64> {
        self.now().to_vec()
    }

    /// `weights` (K, in units of g_max; the group first), `window` (W(Δt) at Δt = −100…100 ms),
    /// `terms` (the predicted rate, own and group terms and the measured drift, per second) and
    /// `series` (the readouts as recorded).
    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "weights" => &self.net.w,
            "window" => &self.window,
            "terms" => &self.terms,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    /// The rule and the input statistics act on the running weights; `inputs` and `group` make a
    /// new network.
    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "rate" | "corr" | "aplus" | "ratio" | "bounds" | "pairing" => self.net.set_config(config(p)),
            _ => return false,
        }
        self.new_blocks();
        self.refresh();
        true
    }

    /// A₋/A₊ = 1 (τ₊ = τ₋): where the window's integral, the η of the rate rule, changes sign.
    fn marks(&self) -> Vec<Mark> {
        vec![("ratio", 1.0, "∫W = 0")]
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.net.w.iter().for_each(|&v| h.add(v));
    }
}
