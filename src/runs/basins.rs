//! The run behind `basins`: the phase diagram of classic recall over the load P/N and the cue's
//! starting overlap m₀. Each trial at a load stores fresh random patterns once (the capacity
//! figure's packed storage, a few rows per unit of work) and recalls from one cue per overlap
//! of the grid, plus one from a stored pattern itself (m₀ = 1) for the `capacity` readout.

use super::clock::{Clock, Fnv};
use super::{Mark, Run, Trajectory, MAX_SWEEPS};
use crate::params::Params;
use crate::science::basins::{self, ESSAY_NOISE, ESSAY_PATTERNS};
use crate::science::hopfield::{self, Hopfield};
use crate::science::rng::Rng;

pub const BASINS_READOUTS: &[&str] = &["step", "capacity", "basin"];

/// Loads (rows) and starting overlaps (columns) of the grid, spread evenly over their ranges.
pub const LOAD_ROWS: usize = 15;
pub const OVERLAP_COLUMNS: usize = 10;

/// Per trial, the grid's cues and then the stored pattern itself (column `OVERLAP_COLUMNS`).
const CUES: usize = OVERLAP_COLUMNS + 1;

/// About this many weight updates of storage, or neuron updates of recall, per unit of work:
/// ~1 ms in wasm, as for the capacity sweep.
const UNIT: usize = 1 << 21;

/// Random pattern bits drawn per unit of work: a ChaCha draw each, about a millisecond in wasm
/// for this many (a whole trial's 0.3 N² bits at N = 1024 would take several).
const DRAW: usize = 1 << 15;

/// Fields of the `marks` buffer (www/views/basins.js reads them by these positions).
const MARKS: usize = 13;

/// The diagram: one step = one cell of the grid finished (all its trials); a load's cells
/// finish together, since its trials share each stored network across the overlaps.
#[derive(Clone, Debug)]
pub struct BasinsRun {
    n: usize,
    seed: u32,
    trials: usize,
    loads: [f64; LOAD_ROWS],
    overlaps: [f64; OVERLAP_COLUMNS],
    /// The `load` key: the basin readout is read on the row nearest to it.
    chosen: f64,
    net: Hopfield,
    patterns: Vec<i8>,
    /// The bits drawn in one unit, before they join `patterns` (a reused buffer).
    drawn: Vec<i8>,
    order: Vec<u32>,
    clock: Clock,
    /// Recalls that succeeded, per row and cue (`CUES` per row).
    recalled: Vec<u32>,
    /// Trials finished, per row.
    done_trials: [usize; LOAD_ROWS],
    /// The (row, trial) under way, as row · trials + trial.
    next: usize,
    phase: Phase,
    trial_rng: Rng,
    /// Display buffers, refreshed when a recall ends.
    grid: Vec<f64>,
    capacity_row: Vec<f64>,
    marks: Vec<f64>,
}

/// Where the current trial is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Between trials.
    Idle,
    /// Drawing the trial's random patterns, a slice at a time.
    Drawing,
    /// Building W from the trial's patterns, next row of W.
    Storing(usize),
    /// Recalling from cue `cue` (made and set when `sweeps` is 0), after `sweeps` sweeps.
    Recalling { cue: usize, sweeps: usize },
}

/// K values evenly from `lo` to `hi`.
fn spread<const K: usize>(lo: f64, hi: f64) -> [f64; K] {
    std::array::from_fn(|i| lo + (hi - lo) * i as f64 / (K - 1) as f64)
}

impl BasinsRun {
    pub fn new(p: &Params) -> BasinsRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let mut run = BasinsRun {
            n,
            seed: p.seed(),
            trials: p.num("trials") as usize,
            loads: spread(p.num("load-min"), p.num("load-max")),
            overlaps: spread(p.num("m0-min"), p.num("m0-max")),
            chosen: p.num("load"),
            net: Hopfield::new(n),
            patterns: Vec::new(),
            drawn: Vec::new(),
            order: Vec::with_capacity(n),
            clock: Clock::new(p.num("until") as u64),
            recalled: Vec::new(),
            done_trials: [0; LOAD_ROWS],
            next: 0,
            phase: Phase::Idle,
            trial_rng: Rng::with_stream(p.seed(), 3000),
            grid: Vec::new(),
            capacity_row: Vec::new(),
            marks: Vec::new(),
        };
        run.restart();
        run
    }

    fn total(&self) -> usize {
        LOAD_ROWS * self.trials
    }

    fn done(&self) -> bool {
        self.next >= self.total()
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

    /// Patterns stored at row k's load: P = round(α N), at least one.
    fn patterns_at(&self, k: usize) -> usize {
        (libm::round(self.loads[k] * self.n as f64) as usize).max(1)
    }

    /// One unit of work; returns the cells it finished. Each trial has its own random stream,
    /// so no result depends on the trials before it or on how the work was split.
    fn work(&mut self) -> u64 {
        let n = self.n;
        let k = self.next / self.trials;
        let p = self.patterns_at(k);
        match self.phase {
            Phase::Idle => {
                self.trial_rng = Rng::with_stream(self.seed, 3000 + self.next as u64);
                self.patterns.clear();
                self.phase = Phase::Drawing;
                0
            }
            Phase::Drawing => {
                // The same bits in the same order as one draw of all P N: one u64 per bit.
                let len = DRAW.min(p * n - self.patterns.len());
                hopfield::fill_random(&mut self.drawn, len, &mut self.trial_rng);
                self.patterns.extend_from_slice(&self.drawn);
                if self.patterns.len() == p * n {
                    self.net.set_patterns(&self.patterns);
                    self.phase = Phase::Storing(0);
                }
                0
            }
            Phase::Storing(row) => {
                let end = (row + (UNIT / (p * n)).max(1)).min(n);
                self.net.build_rows(row..end);
                self.phase = if end == n { Phase::Recalling { cue: 0, sweeps: 0 } } else { Phase::Storing(end) };
                0
            }
            Phase::Recalling { cue, mut sweeps } => {
                // Cue j recalls pattern j mod P, so the cues of a trial start from different
                // memories wherever there are enough of them.
                let mu = cue % p;
                if sweeps == 0 {
                    let m0 = self.overlaps.get(cue).copied().unwrap_or(1.0);
                    let xi = &self.patterns[mu * n..(mu + 1) * n];
                    let start = hopfield::corrupt(xi, basins::cue_noise(m0), &mut self.trial_rng, &mut self.order);
                    self.net.set_state(&start);
                }
                let budget = (UNIT / (n * n)).max(1);
                let (rng, order) = (&mut self.trial_rng, &mut self.order);
                if !hopfield::recall_sweeps(&mut self.net, budget, &mut sweeps, MAX_SWEEPS, rng, order) {
                    self.phase = Phase::Recalling { cue, sweeps };
                    return 0;
                }
                let wrong = self.net.wrong_bits(&self.patterns[mu * n..(mu + 1) * n]);
                self.recalled[k * CUES + cue] += basins::recalled(wrong) as u32;
                if cue + 1 < CUES {
                    self.phase = Phase::Recalling { cue: cue + 1, sweeps: 0 };
                    return 0;
                }
                self.done_trials[k] += 1;
                self.next += 1;
                self.phase = Phase::Idle;
                self.refresh();
                if self.done_trials[k] < self.trials {
                    return 0;
                }
                self.clock.step += OVERLAP_COLUMNS as u64;
                OVERLAP_COLUMNS as u64
            }
        }
    }

    /// Fraction of row k's recalls from cue j that succeeded so far (0 before any trial).
    fn fraction(&self, k: usize, j: usize) -> f64 {
        self.recalled[k * CUES + j] as f64 / self.done_trials[k].max(1) as f64
    }

    /// Rows whose trials are all done (they finish in order).
    fn finished_rows(&self) -> usize {
        self.done_trials.iter().take_while(|&&t| t == self.trials).count()
    }

    /// The largest load where recall from a stored pattern (m₀ = 1) ends within 1 % wrong bits
    /// in at least half the trials, interpolated to the ½ crossing, over the finished rows;
    /// None until a finished row recalls.
    pub fn capacity(&self) -> Option<f64> {
        let rows = self.finished_rows();
        let success: Vec<f64> = (0..rows).map(|k| self.fraction(k, OVERLAP_COLUMNS)).collect();
        basins::half_crossing(&self.loads[..rows], &success)
    }

    /// The row nearest the `load` key.
    fn chosen_row(&self) -> usize {
        let step = (self.loads[LOAD_ROWS - 1] - self.loads[0]) / (LOAD_ROWS - 1) as f64;
        if step <= 0.0 {
            return 0;
        }
        (libm::round((self.chosen - self.loads[0]) / step).max(0.0) as usize).min(LOAD_ROWS - 1)
    }

    /// The smallest starting overlap that still recalls in at least half the trials at the
    /// chosen row, walking down from the largest; None until that row is finished, or when
    /// not even the largest recalls.
    pub fn basin(&self) -> Option<f64> {
        let k = self.chosen_row();
        if self.done_trials[k] < self.trials {
            return None;
        }
        let m0: Vec<f64> = self.overlaps.iter().rev().copied().collect();
        let success: Vec<f64> = (0..OVERLAP_COLUMNS).rev().map(|j| self.fraction(k, j)).collect();
        basins::half_crossing(&m0, &success)
    }

    /// The display buffers from the counts.
    fn refresh(&mut self) {
        self.grid.clear();
        self.capacity_row.clear();
        for k in 0..LOAD_ROWS {
            for j in 0..OVERLAP_COLUMNS {
                let cell = [self.loads[k], self.overlaps[j], self.fraction(k, j), self.done_trials[k] as f64];
                self.grid.extend_from_slice(&cell);
            }
            let row = [self.loads[k], self.fraction(k, OVERLAP_COLUMNS), self.done_trials[k] as f64];
            self.capacity_row.extend_from_slice(&row);
        }
        let (one, all) = hopfield::perfect_recall_loads(self.n);
        let ends = [self.loads[0], self.loads[LOAD_ROWS - 1], self.overlaps[0], self.overlaps[OVERLAP_COLUMNS - 1]];
        self.marks.clear();
        self.marks.extend_from_slice(&[
            basins::ALPHA_C,
            one,
            all,
            self.chosen_row() as f64,
            self.basin().unwrap_or(0.0),
            self.capacity().unwrap_or(0.0),
            ESSAY_PATTERNS / self.n as f64,
            basins::cue_overlap(ESSAY_NOISE),
            self.trials as f64,
        ]);
        self.marks.extend_from_slice(&ends);
        debug_assert_eq!(self.marks.len(), MARKS);
    }
}

impl Run for BasinsRun {
    fn readout_names(&self) -> &'static [&'static str] {
        BASINS_READOUTS
    }

    fn restart(&mut self) {
        self.clock.restart();
        self.phase = Phase::Idle;
        self.next = 0;
        self.recalled = vec![0; LOAD_ROWS * CUES];
        self.done_trials = [0; LOAD_ROWS];
        self.refresh();
        self.clock.check_until(self.done());
    }

    /// Works until `cells` more cells are finished (a load's cells finish together); returns
    /// how many were.
    fn advance(&mut self, cells: u64) -> u64 {
        let mut done = 0;
        while done < cells && self.can_work() {
            done += self.work();
        }
        self.settle_status();
        done
    }

    /// Up to `units` units of work (a few rows of W, or a few sweeps of one recall), so a page
    /// keeps every frame short whatever N is; returns the cells finished.
    fn advance_units(&mut self, units: u64) -> u64 {
        let mut done = 0;
        for _ in 0..units {
            if !self.can_work() {
                break;
            }
            done += self.work();
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

    /// The chosen load only moves the marked row and the basin readout.
    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        if key != "load" {
            return false;
        }
        self.chosen = p.num("load");
        self.refresh();
        true
    }

    fn marks(&self) -> Vec<Mark> {
        // The McEliece loads are drawn on the diagram: on the slider their labels would collide.
        vec![("load", basins::ALPHA_C, "α_c ≈ 0.138")]
    }

    fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.capacity().unwrap_or(0.0), self.basin().unwrap_or(0.0)]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "grid" => &self.grid,
            "capacity" => &self.capacity_row,
            "marks" => &self.marks,
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.recalled.iter().for_each(|&v| h.add(v as f64));
        self.done_trials.iter().for_each(|&v| h.add(v as f64));
    }

    /// One row per cell with trials done: load, m₀, fraction recalled, trials so far.
    fn trajectory(&self) -> Trajectory {
        let measured: Vec<f64> = self.grid.chunks_exact(4).filter(|c| c[3] > 0.0).flatten().copied().collect();
        Trajectory::table(&["load", "m0", "recalled", "trials"], &measured, 4, &[0, 1, 2, 3], None)
    }
}
