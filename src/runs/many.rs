//! The run behind `gha`, `subspace` and `similarity`: k neurons finding the principal subspace.
//! One step = one sample presented (docs/contract.md#steps); it never converges, it may diverge.

use super::clock::{group, runaway, Clock, Fnv};
use super::history::History;
use super::{Kind, Run};
use crate::params::Params;
use crate::science::many::{line_angle, ManyRule, Population, Spectrum};
use crate::science::rng::{Rng, Stream};
use nalgebra::DMatrix;

pub const MANY_READOUTS: &[&str] = &["step", "angle1", "angle2", "orthogonality", "subspace-error"];

/// How many samples of a 2-D dataset are kept for drawing.
const SHOWN: usize = 400;

#[derive(Clone, Debug)]
pub struct ManyRun {
    rule: ManyRule,
    spec: Spectrum,
    pop: Population,
    start: Population,
    pub eta: f64,
    pub tau: f64,
    samples: Rng,
    x: Vec<f64>,
    clock: Clock,
    /// For d = 2: points to draw (x, y pairs).
    points: Vec<f64>,
    /// Display buffers, refreshed after each advance: F (k × d), |F Eᵀ| (k × d), eig(M).
    filters: Vec<f64>,
    overlap: Vec<f64>,
    m_eigs: Vec<f64>,
    /// The readouts along the run.
    history: History<5>,
}

impl ManyRun {
    pub fn new(p: &Params) -> ManyRun {
        let rule = match p.kind() {
            Kind::Gha => ManyRule::Gha,
            Kind::Subspace => ManyRule::Subspace,
            _ => ManyRule::Similarity,
        };
        let (d, k) = (p.num("d") as usize, p.num("k") as usize);
        let spec = Spectrum::geometric(d, p.num("top"), p.num("ratio"), &mut Rng::new(p.seed(), Stream::Data));
        let pop = Population::new(k, d, &mut Rng::new(p.seed(), Stream::Start));
        let mut points = Vec::new();
        if d == 2 {
            let mut r = Rng::with_stream(p.seed(), 3);
            let mut x = vec![0.0; 2];
            for _ in 0..SHOWN {
                spec.sample(&mut r, &mut x);
                points.extend_from_slice(&x);
            }
        }
        let mut run = ManyRun {
            rule,
            start: pop.clone(),
            pop,
            eta: p.num("eta"),
            tau: if rule == ManyRule::Similarity { p.num("tau") } else { 1.0 },
            samples: Rng::new(p.seed(), Stream::Samples),
            x: vec![0.0; d],
            clock: Clock::new(p.num("until") as u64),
            points,
            spec,
            filters: Vec::new(),
            overlap: Vec::new(),
            m_eigs: Vec::new(),
            history: History::new(),
        };
        run.restart();
        run
    }

    fn refresh(&mut self) {
        let f = self.pop.filters(self.rule);
        let (k, d) = (self.pop.k, self.pop.d);
        self.filters = (0..k).flat_map(|i| (0..d).map(move |c| (i, c))).map(|(i, c)| f[(i, c)]).collect();
        self.overlap = (0..k)
            .flat_map(|i| (0..d).map(move |c| (i, c)))
            .map(|(i, c)| f.row(i).iter().zip(self.spec.e(c)).map(|(a, b)| a * b).sum::<f64>().abs())
            .collect();
        self.m_eigs = if self.rule == ManyRule::Similarity { self.pop.m_eigenvalues() } else { Vec::new() };
    }
}

impl Run for ManyRun {
    fn readout_names(&self) -> &'static [&'static str] {
        MANY_READOUTS
    }

    fn restart(&mut self) {
        self.pop = self.start.clone();
        self.samples.rewind();
        self.clock.restart();
        self.refresh();
        self.history.clear();
        let r = self.readouts();
        self.history.push_readouts(&r);
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let budget = self.clock.budget(steps);
        for _ in 0..budget {
            self.spec.sample(&mut self.samples, &mut self.x);
            self.pop.step(self.rule, &self.x, self.eta, self.tau);
            self.clock.step += 1;
            if runaway(&self.pop.w) || runaway(&self.pop.m) {
                self.clock.diverge(format!(
                    "η·λ1 = {:.2} is too large: the weights ran away after {} samples",
                    self.eta * self.spec.lambdas[0],
                    group(self.clock.step)
                ));
                break;
            }
            if self.history.due(self.clock.step) {
                // The readouts are read from the display buffers.
                self.refresh();
                let r = self.readouts();
                self.history.push_readouts(&r);
            }
        }
        self.clock.check_until(false);
        self.refresh();
        budget
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn readouts(&self) -> Vec<f64> {
        let (k, d) = (self.pop.k, self.pop.d);
        let f = DMatrix::from_row_slice(k, d, &self.filters);
        let angle = |i: usize| if i < k { line_angle(&self.filters[i * d..(i + 1) * d], self.spec.e(i)) } else { 0.0 };
        let ortho = (&f * f.transpose() - DMatrix::identity(k, k)).norm();
        let sub = (f.transpose() * &f - self.spec.top_projector(k)).norm();
        vec![self.clock.step as f64, angle(0), angle(1), ortho, sub]
    }

    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "filters" => &self.filters,
            "overlap" => &self.overlap,
            "m-eigenvalues" => &self.m_eigs,
            "lambdas" => &self.spec.lambdas,
            "basis" => &self.spec.basis,
            "points" => &self.points,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.pop.w.iter().chain(&self.pop.m).for_each(|&v| h.add(v));
    }

    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            "tau" => self.tau = p.num("tau"),
            _ => return false,
        }
        true
    }
}
