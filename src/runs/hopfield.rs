//! The run behind `hopfield`: classic recall from a cue, animated neuron by neuron, with the
//! reader painting the cue and storing new patterns.

use super::clock::{group, Clock, Fnv};
use super::history::History;
use super::patterns::{noisy_cue, stored_patterns, thumbnails, THUMBNAILS};
use super::{Mark, Run, Trajectory};
use crate::params::Params;
use crate::science::hopfield::{self, Hopfield};
use crate::science::rng::{Rng, Stream};

pub const HOPFIELD_READOUTS: &[&str] = &["step", "overlap", "energy", "wrong-bits"];

/// Record of the Hopfield history: time in sweeps (fractional inside a sweep), energy, overlap
/// with the target, fraction of wrong bits.
pub const HOPFIELD_RECORD: usize = 4;

/// Classic recall, animated neuron by neuron. One step = one sweep (N updates in a seeded random
/// order, or one parallel update when synchronous); a sweep with no flip has converged.
#[derive(Clone, Debug)]
pub struct HopfieldRun {
    net: Hopfield,
    sync: bool,
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
    /// Rows of W built so far: a large memory (P N² beyond [`EAGER_STORAGE`]) is stored a row
    /// per slice of set-up, so making it never blocks the page.
    rows_built: usize,
}

/// Storage work (pattern-row additions, P N²) done at once when a run is made; about 10 ms.
const EAGER_STORAGE: f64 = 6e7;

impl HopfieldRun {
    pub fn new(p: &Params) -> HopfieldRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let patterns = stored_patterns(p);
        let mut net = Hopfield::new(n);
        // In f64: P N² overflows wasm32's usize at the largest sizes (and would wrap to 0).
        let eager = patterns.len() as f64 * n as f64 <= EAGER_STORAGE;
        if eager {
            net.store_all(&patterns);
        } else {
            net.set_patterns(&patterns);
        }
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
            rows_built: if eager { n } else { 0 },
        };
        run.restart();
        run
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

    /// Weights as i16 for the heatmap (N × N; integer units of 1/N).
    pub fn weights(&self) -> &[i16] {
        self.net.weights()
    }
}

impl Run for HopfieldRun {
    fn readout_names(&self) -> &'static [&'static str] {
        HOPFIELD_READOUTS
    }

    /// A synchronous advance is one sweep however many updates it is asked for.
    fn advances_add(&self) -> bool {
        !self.sync
    }

    fn pending(&self) -> (u64, u64) {
        match self.net.n() {
            n if self.rows_built < n => (self.rows_built as u64, n as u64),
            _ => (0, 0),
        }
    }

    /// One unit is one row of W (P N pattern signs, read 8 to a byte); the last
    /// one starts the run again on the finished W, as if it had been stored at once.
    fn prepare(&mut self, rows: u64) -> u64 {
        let n = self.net.n();
        let end = (self.rows_built + rows.min(n as u64) as usize).min(n);
        let done = end - self.rows_built;
        self.net.build_rows(self.rows_built..end);
        self.rows_built = end;
        if done > 0 && end == n {
            self.restart();
        }
        done as u64
    }

    fn preparing_words(&self) -> String {
        format!("Storing {} patterns in W, a row at a time:", group(self.net.len() as u64))
    }

    fn restart(&mut self) {
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

    /// Runs `updates` single-neuron updates (asynchronous) or one sweep (synchronous).
    /// Returns the updates done.
    fn advance(&mut self, updates: u64) -> u64 {
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

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.overlap(), self.net.energy(), self.net.wrong_bits(&self.target)]
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

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "update" => self.sync = p.text("update") == "sync",
            _ => return false,
        }
        true
    }

    /// The critical load 0.138 N, and N/(4 ln N), up to which every pattern is recalled perfectly.
    fn marks(&self) -> Vec<Mark> {
        let n = self.net.n() as f64;
        let (_, all) = hopfield::perfect_recall_loads(self.net.n());
        vec![("p", libm::round(0.138 * n), "0.138 N"), ("p", libm::round(all * n), "N/(4 ln N)")]
    }

    /// Step (in sweeps), overlap, energy, wrong bits.
    fn trajectory(&self) -> Trajectory {
        let columns = ["step", "overlap", "energy", "wrong_bits"];
        Trajectory::table(&columns, self.energy.as_slice(), HOPFIELD_RECORD, &[0, 2, 1, 3], Some(&self.now()))
    }
}
