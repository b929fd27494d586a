//! The run behind `backprop`: Oja's subspace rule and a tied linear autoencoder trained by
//! backprop (or feedback alignment), fed the same samples with the same η from the same start.
//! One step = one sample presented to both; it never converges, it may diverge.

use super::clock::{group, runaway, Clock, Fnv};
use super::history::History;
use super::{Run, Trajectory};
use crate::params::Params;
use crate::science::backprop::{covariance, expected_loss, subspace_error, Alignment, Autoencoder, Feedback};
use crate::science::many::{ManyRule, Population, Spectrum};
use crate::science::rng::{Rng, Stream};
use nalgebra::DMatrix;

pub const BACKPROP_READOUTS: &[&str] = &["step", "subspace-error-hebb", "subspace-error-backprop", "loss", "alignment"];

/// The feedback matrix's own stream, past the named ones, so B does not move the data or the
/// start when `feedback` changes.
const FEEDBACK_STREAM: u64 = 4;

#[derive(Clone, Debug)]
pub struct BackpropRun {
    spec: Spectrum,
    cov: DMatrix<f64>,
    /// The projector onto the top-k eigenvectors, made once: records are taken every step early
    /// on, and a projector each time was most of their cost in wasm.
    projector: DMatrix<f64>,
    hebb: Population,
    net: Autoencoder,
    /// The learners at step 0, boxed to keep the run's size near the other runs'.
    start: Box<(Population, Autoencoder)>,
    feedback: Feedback,
    pub eta: f64,
    samples: Rng,
    x: Vec<f64>,
    alignment: Alignment,
    clock: Clock,
    /// The least expected loss any k × d W reaches: the sum of the discarded eigenvalues.
    optimum: [f64; 1],
    /// The readouts along the run, and the Hebbian learner's expected loss beside them.
    history: History<6>,
}

impl BackpropRun {
    pub fn new(p: &Params) -> BackpropRun {
        let (d, k) = (p.num("d") as usize, p.num("k") as usize);
        let seed = p.seed();
        let spec = Spectrum::geometric(d, p.num("top"), p.num("ratio"), &mut Rng::new(seed, Stream::Data));
        let hebb = Population::new(k, d, &mut Rng::new(seed, Stream::Start));
        let net = Autoencoder::new(k, d, &hebb.w, &mut Rng::with_stream(seed, FEEDBACK_STREAM));
        let mut run = BackpropRun {
            optimum: [spec.lambdas[k..].iter().sum()],
            cov: covariance(&spec),
            projector: spec.top_projector(k),
            spec,
            start: Box::new((hebb.clone(), net.clone())),
            hebb,
            net,
            feedback: if p.text("feedback") == "random" { Feedback::Random } else { Feedback::Exact },
            eta: p.num("eta"),
            samples: Rng::new(seed, Stream::Samples),
            x: vec![0.0; d],
            alignment: Alignment::default(),
            clock: Clock::new(p.num("until") as u64),
            // A record (two subspace errors, two d × d losses: ~5d³) costs as much as ~0.4 d²/k
            // samples (~12kd each); one every 2d²/k samples keeps records under a fifth of the work.
            history: History::every((2 * d * d).div_ceil(k) as u64),
        };
        run.restart();
        run
    }

    fn matrix(&self, w: &[f64]) -> DMatrix<f64> {
        DMatrix::from_row_slice(self.hebb.k, self.hebb.d, w)
    }

    /// The readouts and, last, the Hebbian learner's expected loss (for the chart).
    fn record(&self) -> [f64; 6] {
        let r = self.readouts();
        [r[0], r[1], r[2], r[3], r[4], expected_loss(&self.matrix(&self.hebb.w), &self.cov)]
    }
}

impl Run for BackpropRun {
    fn readout_names(&self) -> &'static [&'static str] {
        BACKPROP_READOUTS
    }

    fn restart(&mut self) {
        self.hebb = self.start.0.clone();
        self.net = self.start.1.clone();
        self.samples.rewind();
        self.alignment = Alignment::default();
        self.clock.restart();
        self.history.clear();
        self.history.push(0, self.record());
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.spec.sample(&mut self.samples, &mut self.x);
            self.hebb.step(ManyRule::Subspace, &self.x, self.eta, 1.0);
            let (_, angle) = self.net.step(self.feedback, &self.x, self.eta);
            if self.feedback == Feedback::Random {
                self.alignment.push(angle);
            }
            self.clock.step += 1;
            if runaway(&self.hebb.w) || runaway(&self.net.w) {
                self.clock.diverge(format!(
                    "η·λ1 = {:.2} is too large: the weights ran away after {} samples",
                    self.eta * self.spec.lambdas[0],
                    group(self.clock.step)
                ));
                break;
            }
            if self.history.due(self.clock.step) {
                self.history.push(self.clock.step, self.record());
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

    /// `loss` is the backprop learner's expected E‖x − x̂‖² (exact, from C: no sampling noise);
    /// `alignment` is 0 with exact feedback, where the update is the gradient.
    fn readouts(&self) -> Vec<f64> {
        let (wh, wb) = (self.matrix(&self.hebb.w), self.matrix(&self.net.w));
        let alignment = if self.feedback == Feedback::Random { self.alignment.degrees() } else { 0.0 };
        vec![
            self.clock.step as f64,
            subspace_error(&wh, &self.projector),
            subspace_error(&wb, &self.projector),
            expected_loss(&wb, &self.cov),
            alignment,
        ]
    }

    /// The readouts with the Hebbian learner's loss as a last column.
    fn trajectory(&self) -> Trajectory {
        let mut names = BACKPROP_READOUTS.to_vec();
        names.push("loss-hebb");
        Trajectory::of_readouts(&names, self.history.as_slice(), &self.record())
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "hebb" => &self.hebb.w,
            "backprop" => &self.net.w,
            "feedback" => &self.net.b,
            "lambdas" => &self.spec.lambdas,
            "optimum" => &self.optimum,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.hebb.w.iter().chain(&self.net.w).for_each(|&v| h.add(v));
        h.add(self.alignment.degrees());
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            _ => return false,
        }
        true
    }
}
