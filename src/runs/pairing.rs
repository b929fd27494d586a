//! The run behind `pairing`: a virtual slice experiment on one synapse. A baseline of test
//! pulses, a pairing phase, test pulses again; one step = one test pulse or one pairing
//! (docs/contract.md#steps). The run ends `converged` when the protocol is over, and its result
//! joins the summary plot; a live change of the protocol's setting runs the protocol again on the
//! same synapse's starting weight and keeps the summary, so repeating traces the curve.

use super::clock::{Clock, Fnv};
use super::{Run, Trajectory};
use crate::params::Params;
use crate::science::plasticity::{rate_pairing_change, stdp_window, threshold_after, BI_POO_PAIRINGS, REFERENCE_RATE};
use crate::science::rng::{Rng, Stream};

pub const PAIRING_READOUTS: &[&str] = &["step", "epsp-before", "epsp-after", "change", "theta"];

/// Test pulses before and after the pairing (one step each).
pub const TEST_PULSES: u64 = 10;
/// Pairing blocks of the rate protocol, and the learning rate per block: η·blocks = 0.5, so the
/// deepest depression, −η·blocks·θ²/4, stays above −30 % in the range of `history`.
pub const RATE_BLOCKS: u64 = 20;
pub const RATE_ETA: f64 = 0.025;
/// The baseline EPSP (mV) and the seeded measurement noise on each test pulse (mV, 3 %).
pub const EPSP_BASELINE: f64 = 1.0;
pub const EPSP_NOISE: f64 = 0.03;
/// Summary points kept (the oldest go first).
const MAX_POINTS: usize = 200;
/// Samples of the theory curve on the summary plot.
const CURVE_SAMPLES: usize = 101;
/// The summary's x range: rates 0…20 Hz, delays −100…100 ms (the keys' ranges).
pub const RATE_MAX: f64 = 20.0;
pub const DT_MAX: f64 = 100.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    Rate,
    Timing,
}

#[derive(Clone, Debug)]
pub struct PairingRun {
    protocol: Protocol,
    rate: f64,
    history: f64,
    dt: f64,
    window: [f64; 4],
    /// BCM's threshold in units of y₀ (the readout is θ·y₀ in Hz).
    theta: f64,
    /// The synapse's strength as the EPSP it makes (mV).
    w: f64,
    before: (f64, u64),
    after: (f64, u64),
    noise: Rng,
    clock: Clock,
    /// (step, EPSP, phase) per step of this protocol: 0 baseline, 1 pairing, 2 after.
    series: Vec<f64>,
    /// (setting, change %, θ in Hz) per finished protocol.
    points: Vec<f64>,
    /// (setting, change %) of the theory at the current settings.
    curve: Vec<f64>,
}

impl PairingRun {
    pub fn new(p: &Params) -> PairingRun {
        let protocol = if p.text("protocol") == "timing" { Protocol::Timing } else { Protocol::Rate };
        let mut run = PairingRun {
            protocol,
            rate: 0.0,
            history: 0.0,
            dt: 0.0,
            window: [0.0; 4],
            theta: 0.0,
            w: EPSP_BASELINE,
            before: (0.0, 0),
            after: (0.0, 0),
            noise: Rng::new(p.seed(), Stream::Samples),
            clock: Clock::new(p.num("until") as u64),
            series: Vec::with_capacity(3 * (2 * TEST_PULSES + BI_POO_PAIRINGS as u64) as usize),
            points: Vec::with_capacity(3 * MAX_POINTS),
            curve: Vec::with_capacity(2 * CURVE_SAMPLES),
        };
        run.settle(p);
        run
    }

    /// Takes the protocol's settings, the threshold the history leaves, and the theory curve.
    fn settle(&mut self, p: &Params) {
        self.rate = p.num("rate");
        self.dt = p.num("dt");
        self.window = [p.num("aplus"), p.num("tplus"), p.num("aminus"), p.num("tminus")];
        self.history = p.num("history");
        // The same past for every history of one seed: only its scale differs.
        self.theta = threshold_after(self.history, &mut Rng::new(p.seed(), Stream::Data));
        self.curve.clear();
        for i in 0..CURVE_SAMPLES {
            let f = i as f64 / (CURVE_SAMPLES - 1) as f64;
            let x = match self.protocol {
                Protocol::Rate => f * RATE_MAX,
                Protocol::Timing => (2.0 * f - 1.0) * DT_MAX,
            };
            self.curve.extend([x, 100.0 * self.expected(x)]);
        }
    }

    /// The fractional change the science predicts at setting `x` (a rate or a delay).
    fn expected(&self, x: f64) -> f64 {
        match self.protocol {
            Protocol::Rate => rate_pairing_change(x, self.theta, RATE_ETA, RATE_BLOCKS as f64),
            Protocol::Timing => {
                let [ap, tp, am, tm] = self.window;
                stdp_window(x, ap, tp, am, tm)
            }
        }
    }

    fn pairings(&self) -> u64 {
        match self.protocol {
            Protocol::Rate => RATE_BLOCKS,
            Protocol::Timing => BI_POO_PAIRINGS as u64,
        }
    }

    /// Steps in the whole protocol.
    pub fn total(&self) -> u64 {
        2 * TEST_PULSES + self.pairings()
    }

    /// The protocol's setting: the paired rate (Hz) or the delay (ms).
    fn setting(&self) -> f64 {
        match self.protocol {
            Protocol::Rate => self.rate,
            Protocol::Timing => self.dt,
        }
    }

    /// The change in per cent, once a test pulse after the pairing has been measured.
    fn change(&self) -> f64 {
        if self.after.1 == 0 || self.before.1 == 0 {
            return 0.0;
        }
        let before = self.before.0 / self.before.1 as f64;
        100.0 * (self.after.0 / self.after.1 as f64 / before - 1.0)
    }

    fn mean(sum: (f64, u64)) -> f64 {
        if sum.1 == 0 {
            0.0
        } else {
            sum.0 / sum.1 as f64
        }
    }

    /// One step: a test pulse (baseline or after) or one pairing.
    fn step(&mut self) {
        let s = self.clock.step;
        let phase = if s < TEST_PULSES {
            0
        } else if s < TEST_PULSES + self.pairings() {
            // Each pairing adds its share of the protocol's change, in units of the baseline.
            let share = self.expected(self.setting()) / self.pairings() as f64;
            self.w += EPSP_BASELINE * share;
            1
        } else {
            2
        };
        let epsp = self.w + EPSP_NOISE * self.noise.gaussian();
        match phase {
            0 => self.before = (self.before.0 + epsp, self.before.1 + 1),
            2 => self.after = (self.after.0 + epsp, self.after.1 + 1),
            _ => {}
        }
        self.clock.step += 1;
        self.series.extend([self.clock.step as f64, epsp, phase as f64]);
        if self.clock.step == self.total() {
            if self.points.len() == 3 * MAX_POINTS {
                self.points.drain(..3);
            }
            self.points.extend([self.setting(), self.change(), self.theta * REFERENCE_RATE]);
        }
    }

    /// Back to the start of the protocol on the same synapse, keeping the summary.
    fn again(&mut self) {
        self.w = EPSP_BASELINE;
        self.before = (0.0, 0);
        self.after = (0.0, 0);
        self.series.clear();
        self.clock.restart();
    }
}

impl Run for PairingRun {
    fn readout_names(&self) -> &'static [&'static str] {
        PAIRING_READOUTS
    }

    /// A fresh experiment: the summary and the noise start over too, so that a restarted run is
    /// the run a fresh widget with these keys makes (the save file relies on it).
    fn restart(&mut self) {
        self.noise.rewind();
        self.points.clear();
        self.again();
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps).min(self.total().saturating_sub(self.clock.step));
        for _ in 0..budget {
            self.step();
        }
        if self.clock.step >= self.total() {
            self.clock.converge();
        } else {
            self.clock.check_until(false);
        }
        budget
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn readouts(&self) -> Vec<f64> {
        vec![
            self.clock.step as f64,
            Self::mean(self.before),
            Self::mean(self.after),
            self.change(),
            self.theta * REFERENCE_RATE,
        ]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "series" => &self.series,
            "points" => &self.points,
            "curve" => &self.curve,
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        h.add(self.w);
        h.add(self.before.0);
        h.add(self.after.0);
        self.points.iter().for_each(|&v| h.add(v));
    }

    /// The protocol's settings run the protocol again, keeping the summary plot.
    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "rate" | "dt" | "history" | "aplus" | "aminus" | "tplus" | "tminus" => {
                self.settle(p);
                self.again();
                true
            }
            _ => false,
        }
    }

    /// Step, EPSP and phase of this protocol, from step 0: the synapse as set up, its EPSP
    /// without measurement noise.
    fn trajectory(&self) -> Trajectory {
        let mut records = vec![0.0, EPSP_BASELINE, 0.0];
        records.extend_from_slice(&self.series);
        Trajectory::table(&["step", "epsp", "phase"], &records, 3, &[0, 1, 2], None)
    }
}
