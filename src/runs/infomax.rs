//! The run behind `infomax`: on the oja cloud, the variance and information of every direction,
//! Oja's averaged flow moving a dot round the circle of directions, and Oja's rule beside explicit
//! normalisation online, on the same samples. One step = one sample (docs/contract.md#steps).

use super::clock::{group, Clock, Fnv};
use super::history::History;
use super::neuron::{shape, NORM_LIMIT};
use super::{Mark, Run};
use crate::params::Params;
use crate::science::cloud::Cloud;
use crate::science::infomax::{self as im, captured, information};
use crate::science::rng::{Quick, Rng, Stream};
use crate::science::rules::{dot, norm, oja_step};

pub const INFOMAX_READOUTS: [&str; 6] = ["step", "angle", "variance", "information", "information-max", "distance"];

/// Samples of each polar curve round the circle.
pub const CURVE_SAMPLES: usize = 360;

/// The `state` buffer: φ of the dot, Oja's w (2), explicit normalisation's w (2), e1 (2), λ1, λ2,
/// the linearised rates at e1 and at e2, σ, and which online rule leads (0 Oja, 1 explicit).
pub const STATE: usize = 13;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Norm {
    Oja,
    Explicit,
}

#[derive(Clone, Debug)]
pub struct InfomaxRun {
    eta: f64,
    sigma: f64,
    lead: Norm,
    cloud: Cloud,
    /// The averaged flow's dot on the circle, a unit vector.
    dot: [f64; 2],
    start: [f64; 2],
    /// The two online rules, fed the same samples from the same unit start.
    oja: [f64; 2],
    explicit: [f64; 2],
    picks: Quick,
    clock: Clock,
    history: History<6>,
    curves: Vec<f64>,
    state: [f64; STATE],
}

impl InfomaxRun {
    pub fn new(p: &Params) -> InfomaxRun {
        let seed = p.seed();
        // The oja widget's start direction (seeded or `w0`), at unit length: explicit
        // normalisation lives on the circle from its first step.
        let start = match p.w0().filter(|w| norm(w) > 0.0) {
            Some(w) => [w[0] / norm(&w), w[1] / norm(&w)],
            None => im::direction(std::f64::consts::TAU * Rng::new(seed, Stream::Start).uniform()),
        };
        let mut run = InfomaxRun {
            eta: p.num("eta"),
            sigma: p.num("sigma"),
            lead: lead(p),
            cloud: Cloud::generate(shape(p), seed),
            dot: start,
            start,
            oja: [0.0; 2],
            explicit: [0.0; 2],
            picks: Quick::seeded(&mut Rng::new(seed, Stream::Samples)),
            clock: Clock::new(p.num("until") as u64),
            history: History::new(),
            curves: Vec::with_capacity(3 * CURVE_SAMPLES),
            state: [0.0; STATE],
        };
        run.restart();
        run
    }

    /// The online weight the readouts follow (`norm`).
    fn led(&self) -> [f64; 2] {
        match self.lead {
            Norm::Oja => self.oja,
            Norm::Explicit => self.explicit,
        }
    }

    /// The curves and the state buffer, after anything they show changed.
    fn refresh(&mut self) {
        im::curves(&self.cloud.stats().cov, self.sigma, CURVE_SAMPLES, &mut self.curves);
        self.refresh_state();
    }

    /// The state buffer alone: what a step changes.
    fn refresh_state(&mut self) {
        let s = *self.cloud.stats();
        self.state = [
            libm::atan2(self.dot[1], self.dot[0]),
            self.oja[0],
            self.oja[1],
            self.explicit[0],
            self.explicit[1],
            s.e1[0],
            s.e1[1],
            s.lambda1,
            s.lambda2,
            im::linear_rate(s.lambda2, s.lambda1, self.eta),
            im::linear_rate(s.lambda1, s.lambda2, self.eta),
            self.sigma,
            if self.lead == Norm::Explicit { 1.0 } else { 0.0 },
        ];
    }

    fn record(&mut self) {
        let r = self.now();
        self.history.push(self.clock.step, r);
    }

    /// The readouts of this moment: what the history keeps.
    fn now(&self) -> [f64; 6] {
        let s = self.cloud.stats();
        let w = self.led();
        let n = norm(&w);
        let u = if n > 0.0 { [w[0] / n, w[1] / n] } else { w };
        let r = captured(&s.cov, &u);
        let gap = [self.oja[0] - self.explicit[0], self.oja[1] - self.explicit[1]];
        [
            self.clock.step as f64,
            im::line_angle(&w, &s.e1),
            r,
            information(r, self.sigma),
            information(s.lambda1, self.sigma),
            norm(&gap),
        ]
    }

    /// Why Oja's online weight ran away.
    fn divergence_reason(&self) -> String {
        let s = self.cloud.stats();
        format!(
            "η·λ1 = {:.2} and η·max|x|² = {:.2}: Oja's brake y²w overshoots and its weight ran away after {} steps (explicit normalisation cannot: it divides by the length)",
            self.eta * s.lambda1,
            self.eta * s.max_sq,
            group(self.clock.step)
        )
    }
}

fn lead(p: &Params) -> Norm {
    if p.text("norm") == "explicit" {
        Norm::Explicit
    } else {
        Norm::Oja
    }
}

impl Run for InfomaxRun {
    fn readout_names(&self) -> &'static [&'static str] {
        &INFOMAX_READOUTS
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn restart(&mut self) {
        self.dot = self.start;
        (self.oja, self.explicit) = (self.start, self.start);
        self.picks.rewind();
        self.clock.restart();
        self.history.clear();
        self.record();
        self.refresh();
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let steps = self.clock.budget(steps);
        let n = self.cloud.len() as u32;
        let cov = self.cloud.stats().cov;
        let mut done = 0;
        while done < steps {
            let x = self.cloud.centred(self.picks.index(n) as usize);
            oja_step(&mut self.oja, &x, self.eta);
            im::explicit_step(&mut self.explicit, &x, self.eta);
            im::circle_step(&cov, &mut self.dot, self.eta);
            self.clock.step += 1;
            done += 1;
            let n2 = dot(&self.oja, &self.oja);
            if n2.is_nan() || n2 > NORM_LIMIT * NORM_LIMIT {
                let why = self.divergence_reason();
                self.clock.diverge(why);
                break;
            }
            if self.history.due(self.clock.step) {
                self.record();
            }
        }
        self.refresh_state();
        self.clock.check_until(false);
        done
    }

    fn readouts(&self) -> Vec<f64> {
        self.now().to_vec()
    }

    /// `points` (the cloud, x, y interleaved), `curves` ((φ, R, I) round the circle), `state`
    /// (see [`STATE`]) and `series` (the readouts as recorded).
    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "points" => self.cloud.points(),
            "curves" => &self.curves,
            "state" => &self.state,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    /// η and σ act on the running trajectory, `norm` only chooses which online rule leads (both
    /// run always), and the data keys swap the cloud under the running weights.
    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            "sigma" => self.sigma = p.num("sigma"),
            "norm" => self.lead = lead(p),
            "n" | "l1" | "l2" | "theta" | "preset" => self.cloud = Cloud::generate(shape(p), p.seed()),
            _ => return false,
        }
        self.refresh();
        true
    }

    /// η = 1/λ1, past which Oja's averaged update overshoots. (The dot's own bound, η(λ1 − λ2) = 2,
    /// sits near the slider's end, where its label would not fit.)
    fn marks(&self) -> Vec<Mark> {
        let s = self.cloud.stats();
        let mut m = vec![("eta", 1.0 / s.lambda1, "1/λ1")];
        m.retain(|(_, v, _)| v.is_finite());
        m
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.oja.iter().chain(&self.explicit).for_each(|&v| h.add(v));
        self.dot.iter().for_each(|&v| h.add(v));
    }
}
