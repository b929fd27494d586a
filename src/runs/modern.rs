//! The run behind `modern`: retrieval by ξ ← X softmax(β Xᵀ ξ) from a cue the reader can paint.

use super::clock::{Clock, Fnv};
use super::history::History;
use super::patterns::{as_f64, noisy_cue, stored_patterns, thumbnails};
use super::{Mark, Run, UNIT_WORK};
use crate::params::Params;
use crate::science::modern::Modern;

pub const MODERN_READOUTS: &[&str] = &["step", "overlap", "energy", "wrong-bits"];

/// Pattern passes (N multiply-adds each; 2P make an update) in one unit of work: at most one
/// update, so `speed` counts updates for small memories too.
pub fn passes_per_unit(n: usize, p: usize) -> usize {
    (UNIT_WORK / n.max(1)).clamp(1, (2 * p).max(1))
}

/// Modern retrieval from a noisy cue; one step = one update ξ ← X softmax(β Xᵀ ξ).
#[derive(Clone, Debug)]
pub struct ModernRun {
    net: Modern,
    mu: usize,
    start: Vec<f64>,
    clock: Clock,
    patterns_f64: Vec<f64>,
    overlaps: Vec<f64>,
    /// The readouts after every update (retrieval takes a handful).
    history: History<4>,
}

impl ModernRun {
    pub fn new(p: &Params) -> ModernRun {
        let n = (p.num("side") * p.num("side")) as usize;
        let patterns = stored_patterns(p);
        let (mu, cue) = noisy_cue(&patterns, n, p);
        let mut run = ModernRun {
            net: Modern::new(n, &patterns, p.num("beta")),
            mu,
            start: as_f64(&cue),
            clock: Clock::new(p.num("until") as u64),
            patterns_f64: thumbnails(&patterns, n),
            overlaps: Vec::new(),
            history: History::new(),
        };
        run.restart();
        run
    }

    fn record(&mut self) {
        let r = self.readouts();
        self.history.push(self.clock.step, [r[0], r[1], r[2], r[3]]);
    }

    fn set_beta(&mut self, beta: f64) {
        self.net.beta = beta;
        let s = self.net.state().to_vec();
        self.net.set_state(&s);
        self.clock.wake();
        self.refresh();
    }

    fn refresh(&mut self) {
        self.overlaps.clear();
        for mu in 0..self.net.len() {
            self.overlaps.push(self.net.overlap(mu));
        }
    }

    /// Up to `passes` pattern passes of updates; returns the updates finished.
    fn advance_passes(&mut self, passes: u64) -> u64 {
        let mut work = passes.min(usize::MAX as u64) as usize;
        let mut done = 0;
        while work > 0 && self.clock.budget(1) > 0 {
            let Some(moved) = self.net.update_part(&mut work) else { break };
            done += 1;
            self.clock.step += 1;
            if self.history.due(self.clock.step) {
                self.record();
            }
            if moved == 0.0 {
                self.clock.converge();
                break;
            }
            self.clock.check_until(false);
        }
        if done > 0 {
            self.refresh();
        }
        done
    }

    pub fn toggle(&mut self, i: usize) {
        let mut s = self.net.state().to_vec();
        if let Some(v) = s.get_mut(i) {
            *v = if *v > 0.0 { -1.0 } else { 1.0 };
            self.net.set_state(&s);
            self.clock.wake();
            self.refresh();
        }
    }
}

impl Run for ModernRun {
    fn readout_names(&self) -> &'static [&'static str] {
        MODERN_READOUTS
    }

    fn restart(&mut self) {
        self.net.set_state(&self.start.clone());
        self.clock.restart();
        self.history.clear();
        self.record();
        self.refresh();
        self.clock.check_until(false);
    }

    /// Whole updates (one under way is finished first).
    fn advance(&mut self, steps: u64) -> u64 {
        let passes = 2 * self.net.len() as u64;
        let whole = self.clock.budget(steps).saturating_mul(passes);
        self.advance_passes(whole.saturating_sub(self.net.progress() as u64))
    }

    /// Blocks of pattern passes: a large memory's update spans several calls.
    fn advance_units(&mut self, units: u64) -> u64 {
        self.advance_passes(units.saturating_mul(passes_per_unit(self.start.len(), self.net.len()) as u64))
    }

    fn units_per_step(&self) -> u64 {
        (2 * self.net.len()).div_ceil(passes_per_unit(self.start.len(), self.net.len())) as u64
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn readouts(&self) -> Vec<f64> {
        vec![self.clock.step as f64, self.net.overlap(self.mu), self.net.energy(), self.net.wrong_bits(self.mu)]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "state" => self.net.state(),
            "patterns" => &self.patterns_f64,
            "overlaps" => &self.overlaps,
            "softmax" => self.net.softmax_weights(),
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.net.state().iter().for_each(|&v| h.add(v));
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "beta" => self.set_beta(p.num("beta")),
            _ => return false,
        }
        true
    }

    /// The classic network's critical load, for comparison.
    fn marks(&self) -> Vec<Mark> {
        let n = self.start.len() as f64;
        vec![("p", libm::round(0.138 * n), "0.138 N")]
    }
}
