//! The run behind `dense`: recall in a dense associative memory of order n (or exponential),
//! from the same patterns and noisy cue as `hopfield`, animated neuron by neuron.

use super::clock::{Clock, Fnv};
use super::history::History;
use super::patterns::{noisy_cue, stored_patterns, thumbnails};
use super::{Mark, Run, Trajectory, HOPFIELD_RECORD};
use crate::params::Params;
use crate::science::dense::{self, Dense, Interaction};
use crate::science::hopfield;
use crate::science::rng::{Rng, Stream};

pub const DENSE_READOUTS: &[&str] = &["step", "overlap", "energy", "wrong-bits", "capacity-predicted"];

/// The interaction of the `order` key: "2"…"8" or "exp".
pub fn interaction(p: &Params) -> Interaction {
    match p.text("order").parse::<u32>() {
        Ok(k) => Interaction::Power(k),
        Err(_) => Interaction::Exp,
    }
}

/// The formula of [`dense::predicted_capacity`] for this interaction, as the mark shows it.
fn capacity_words(form: Interaction) -> &'static str {
    match form {
        Interaction::Power(2) => "N/(2 ln N)",
        Interaction::Power(3) => "N²/(6 ln N)",
        Interaction::Power(4) => "N³/(30 ln N)",
        Interaction::Power(5) => "N⁴/(210 ln N)",
        Interaction::Power(6) => "N⁵/(1890 ln N)",
        Interaction::Power(7) => "N⁶/(20790 ln N)",
        Interaction::Power(_) => "N⁷/(270270 ln N)",
        Interaction::Exp => "2^(N/2)",
    }
}

/// Recall in the dense network. One step = one sweep of N neuron updates: asynchronous (in a
/// seeded random order, drawn as `hopfield` draws it, so order 2 retraces the classic run) or
/// synchronous (every neuron from the sweep's starting state, applied when the sweep ends). Both
/// advance a neuron at a time, so a sweep of the largest memory spreads over frames.
#[derive(Clone, Debug)]
pub struct DenseRun {
    net: Dense,
    sync: bool,
    target: Vec<i8>,
    start: Vec<i8>,
    order: Vec<u32>,
    /// The synchronous sweep's new signs so far.
    next: Vec<i8>,
    /// Position inside the current sweep, and its flips so far.
    pos: usize,
    flips: usize,
    rng: Rng,
    clock: Clock,
    /// Same record as `hopfield`'s: time in sweeps, energy, overlap, wrong bits.
    energy: History<HOPFIELD_RECORD>,
    updates: u64,
    state_f64: Vec<f64>,
    patterns_f64: Vec<f64>,
    overlaps: Vec<f64>,
    capacity: f64,
    /// The formula of `capacity`, the mark's label.
    capacity_words: &'static str,
    /// The most patterns the slider offers (a mark beyond it is not drawn).
    p_max: f64,
}

impl DenseRun {
    pub fn new(p: &Params) -> DenseRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let patterns = stored_patterns(p);
        let (mu, cue) = noisy_cue(&patterns, n, p);
        let form = interaction(p);
        let mut run = DenseRun {
            net: Dense::new(n, &patterns, form),
            sync: p.text("update") == "sync",
            target: patterns[mu * n..(mu + 1) * n].to_vec(),
            start: cue,
            order: Vec::with_capacity(n),
            next: vec![0; n],
            pos: 0,
            flips: 0,
            rng: Rng::new(p.seed(), Stream::Samples),
            clock: Clock::new(p.num("until") as u64),
            energy: History::new(),
            updates: 0,
            state_f64: vec![0.0; n],
            patterns_f64: thumbnails(&patterns, n),
            overlaps: Vec::new(),
            capacity: dense::predicted_capacity(form, n),
            capacity_words: capacity_words(form),
            p_max: p.pattern_limit().map_or(f64::INFINITY, |(limit, _)| limit),
        };
        run.restart();
        run
    }

    fn begin_sweep(&mut self) {
        if !self.sync {
            hopfield::shuffle(&mut self.order, self.net.n(), &mut self.rng);
        }
        self.pos = 0;
        self.flips = 0;
    }

    fn record(&mut self) {
        if self.energy.due(self.updates) {
            let r = self.now();
            self.energy.push(self.updates, r);
        }
    }

    /// This moment's record: time in sweeps (fractional inside one), energy, overlap, wrong bits.
    fn now(&self) -> [f64; HOPFIELD_RECORD] {
        let t = self.clock.step as f64 + self.pos as f64 / self.net.n() as f64;
        [t, self.net.energy(), self.overlap(), self.net.wrong_bits(&self.target)]
    }

    fn overlap(&self) -> f64 {
        hopfield::overlap(self.net.state(), &self.target)
    }

    fn refresh(&mut self) {
        for (d, &s) in self.state_f64.iter_mut().zip(self.net.state()) {
            *d = s as f64;
        }
        self.overlaps.clear();
        self.overlaps.extend((0..self.net.len()).map(|mu| self.net.overlap(mu)));
    }

    /// The reader paints neuron i of the state.
    pub fn toggle(&mut self, i: usize) {
        if i < self.net.n() {
            self.net.flip(i);
            self.clock.wake();
            self.refresh();
        }
    }

    /// One neuron of the sweep; at its end, the synchronous flips and the next sweep.
    fn update_one(&mut self) {
        let n = self.net.n();
        let i = if self.sync { self.pos } else { self.order[self.pos] as usize };
        self.pos += 1;
        self.updates += 1;
        if self.sync {
            self.next[i] = self.net.preferred(i);
        } else if self.net.update_neuron(i) {
            self.flips += 1;
            self.record();
        }
        if self.pos < n {
            return;
        }
        if self.sync {
            for i in 0..n {
                let want = self.next[i];
                if want != 0 && want != self.net.state()[i] {
                    self.net.flip(i);
                    self.flips += 1;
                }
            }
        }
        self.clock.step += 1;
        let settled = self.flips == 0;
        self.begin_sweep();
        self.record();
        if settled {
            self.clock.converge();
        }
    }
}

impl Run for DenseRun {
    fn readout_names(&self) -> &'static [&'static str] {
        DENSE_READOUTS
    }

    fn restart(&mut self) {
        self.net.set_state(&self.start.clone());
        self.clock.restart();
        self.rng.rewind();
        self.updates = 0;
        self.energy.clear();
        self.begin_sweep();
        self.record();
        self.clock.check_until(false);
        self.refresh();
    }

    /// Runs `updates` single-neuron updates; returns the updates done.
    fn advance(&mut self, updates: u64) -> u64 {
        let mut done = 0;
        while done < updates && self.clock.budget(1) > 0 {
            self.update_one();
            done += 1;
        }
        self.clock.check_until(false);
        self.refresh();
        done
    }

    /// A step of the `step` readout is a sweep: N updates (the → button runs them over frames).
    fn units_per_step(&self) -> u64 {
        self.net.n() as u64
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn readouts(&self) -> Vec<f64> {
        let [_, energy, overlap, wrong] = self.now();
        vec![self.clock.step as f64, overlap, energy, wrong, self.capacity]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "state" => &self.state_f64,
            "patterns" => &self.patterns_f64,
            "overlaps" => &self.overlaps,
            "series" => self.energy.as_slice(),
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.net.state().iter().for_each(|&s| h.add(s as f64));
    }

    /// The predicted capacity of this order (where it is on the slider), with the classic
    /// network's critical load 0.138 N for reference.
    fn marks(&self) -> Vec<Mark> {
        let n = self.net.n() as f64;
        let mut marks = vec![("p", libm::round(0.138 * n), "0.138 N")];
        if self.capacity <= self.p_max {
            marks.push(("p", libm::round(self.capacity), self.capacity_words));
        }
        marks
    }

    /// Step (in sweeps), overlap, energy, wrong bits.
    fn trajectory(&self) -> Trajectory {
        let columns = ["step", "overlap", "energy", "wrong_bits"];
        Trajectory::table(&columns, self.energy.as_slice(), HOPFIELD_RECORD, &[0, 2, 1, 3], Some(&self.now()))
    }
}
