//! Natural abstractions (Wentworth 2021) on a toy world: many Hebbian learners, each with its own
//! samples and start, find the same direction of a world, and two worlds give two directions.
//!
//! The world is a finite set of points in d dimensions: "other things", a Gaussian with a gently
//! falling spectrum along a seeded orthonormal basis u_0, u_1, …, and a cluster of "trees" that
//! sits `gap` along u_0 (tree-ness) and varies among itself by `branching` along u_1. In
//! `everything` the separation of the cluster dominates the variance, so PC1 ≈ u_0; among
//! `trees` alone PC1 ≈ u_1. Learners see the points of their world, centred on its mean.

use crate::science::infomax::explicit_step;
use crate::science::many::{ManyRule, Population, Spectrum};
use crate::science::rng::{Quick, Rng};
use crate::science::rules::{decay_online_tipping_point, decay_step, oja_step};
use nalgebra::{DMatrix, SymmetricEigen};

/// The largest d: the one-neuron rules run on fixed arrays of this length, zero-padded (a zero
/// input component leaves a zero weight component zero under every one of them).
pub const MAX_D: usize = 16;

/// How many points the world has: the rarest trees (2 %) are 40 of them. Drawing them is most
/// of the set-up (d + 1 Gaussian draws a point), which must stay well inside a frame at d = 16.
pub const POINTS: usize = 2000;

/// Variance of "other things" along u_0, and the ratio from one basis direction to the next.
const BACKGROUND_TOP: f64 = 0.5;
const BACKGROUND_RATIO: f64 = 0.85;
/// Trees share the background's shape at this scale (variance × 0.16) around their own mean.
const TWIG: f64 = 0.4;
/// Similarity matching's lateral time constant (the `similarity` kind's default).
const SIMILARITY_TAU: f64 = 0.5;

/// One world's data, centred, with the statistics the readouts need.
#[derive(Clone, Debug)]
pub struct Data {
    /// Points (rows of d), centred on their own mean.
    pub x: Vec<f64>,
    pub count: usize,
    /// The mean the points were centred on.
    pub mean: Vec<f64>,
    /// The two top eigenvectors of the covariance, and their eigenvalues.
    pub pc1: Vec<f64>,
    pub pc2: Vec<f64>,
    pub lambda1: f64,
    pub lambda2: f64,
    /// E[(x·pc1)⁴], for the decay rule's balancing α.
    pub fourth1: f64,
    /// The covariance, d × d row-major.
    pub cov: Vec<f64>,
}

impl Data {
    fn of(rows: &[f64], d: usize) -> Data {
        let count = rows.len() / d;
        let mean = mean(rows, d);
        let x: Vec<f64> = rows.chunks(d).flat_map(|r| r.iter().zip(&mean).map(|(a, m)| a - m)).collect();
        let cov = covariance(&x, d);
        let eig = SymmetricEigen::new(DMatrix::from_row_slice(d, d, &cov));
        let mut order: Vec<usize> = (0..d).collect();
        order.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
        let column = |k: usize| -> Vec<f64> { eig.eigenvectors.column(order[k]).iter().copied().collect() };
        let (pc1, pc2) = (column(0), column(1));
        let fourth1 = x.chunks(d).map(|r| dot(r, &pc1).powi(4)).sum::<f64>() / count as f64;
        Data {
            x,
            count,
            mean,
            pc1,
            pc2,
            lambda1: eig.eigenvalues[order[0]],
            lambda2: eig.eigenvalues[order[1]],
            fourth1,
            cov,
        }
    }

    pub fn point(&self, i: usize, d: usize) -> &[f64] {
        &self.x[i * d..(i + 1) * d]
    }
}

/// Which data the learners see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Everything,
    Trees,
}

/// The world: every point (trees first), the two worlds' data, and the groups' statistics.
#[derive(Clone, Debug)]
pub struct World {
    pub d: usize,
    pub trees: usize,
    /// Every point, uncentred, rows of d; the first `trees` rows are trees.
    pub points: Vec<f64>,
    pub everything: Data,
    pub only_trees: Data,
    /// Means and covariances (d × d, row-major) of the trees and of the rest.
    pub tree_mean: Vec<f64>,
    pub rest_mean: Vec<f64>,
    pub tree_cov: Vec<f64>,
    pub rest_cov: Vec<f64>,
    /// The basis: u_0 tree-ness, u_1 branching.
    pub basis: Spectrum,
}

impl World {
    /// `fraction` of the points are trees, `gap` along u_0 from the rest, spread `branching`
    /// (standard deviation) along u_1.
    pub fn new(d: usize, fraction: f64, gap: f64, branching: f64, rng: &mut Rng) -> World {
        let d = d.clamp(2, MAX_D);
        let basis = Spectrum::geometric(d, BACKGROUND_TOP, BACKGROUND_RATIO, rng);
        let trees = ((fraction * POINTS as f64).round() as usize).clamp(2, POINTS - 2);
        let mut points = vec![0.0; POINTS * d];
        for (i, row) in points.chunks_mut(d).enumerate() {
            basis.sample(rng, row);
            if i < trees {
                let z = rng.gaussian();
                for (c, x) in row.iter_mut().enumerate() {
                    *x = TWIG * *x + gap * basis.e(0)[c] + branching * z * basis.e(1)[c];
                }
            }
        }
        let (tree_rows, rest_rows) = points.split_at(trees * d);
        let rest_data = Data::of(rest_rows, d);
        let tree_data = Data::of(tree_rows, d);
        World {
            d,
            trees,
            tree_mean: tree_data.mean.clone(),
            rest_mean: rest_data.mean,
            tree_cov: tree_data.cov.clone(),
            rest_cov: rest_data.cov,
            everything: Data::of(&points, d),
            only_trees: tree_data,
            points,
            basis,
        }
    }

    pub fn data(&self, which: Which) -> &Data {
        match which {
            Which::Everything => &self.everything,
            Which::Trees => &self.only_trees,
        }
    }

    /// d′ of trees against the rest along the unit direction m: the distance of the two means
    /// over the pooled standard deviation, √(½(σ_T² + σ_R²)).
    pub fn separation(&self, m: &[f64]) -> f64 {
        let diff: f64 = self.tree_mean.iter().zip(&self.rest_mean).zip(m).map(|((t, r), u)| (t - r) * u).sum();
        let pooled = 0.5 * (quadratic(&self.tree_cov, m) + quadratic(&self.rest_cov, m));
        if pooled > 0.0 {
            diff.abs() / pooled.sqrt()
        } else {
            0.0
        }
    }

    /// The share of the within-tree variance along the unit direction m: mᵀC_T m / tr C_T.
    pub fn tree_variance(&self, m: &[f64]) -> f64 {
        let trace: f64 = (0..self.d).map(|i| self.tree_cov[i * self.d + i]).sum();
        if trace > 0.0 {
            quadratic(&self.tree_cov, m) / trace
        } else {
            0.0
        }
    }
}

/// The Hebbian rules a learner may have (`rules` = mixed cycles through them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleName {
    Oja,
    Explicit,
    Decay,
    Sanger,
    Similarity,
}

pub const MIXED: [RuleName; 5] =
    [RuleName::Oja, RuleName::Explicit, RuleName::Decay, RuleName::Sanger, RuleName::Similarity];

/// One learner: its rule's state, its own stream of picks from the world, its own start.
#[derive(Clone, Debug)]
pub struct Learner {
    pub rule: RuleName,
    w: [f64; MAX_D],
    /// Sanger's first row and similarity matching with k = 1 (their rules live in `many`).
    pop: Option<Population>,
    picks: Quick,
}

impl Learner {
    /// A start of small Gaussian weights (0.1 per component, as `many` starts; explicit
    /// normalisation at unit length, where it lives) and a pick stream, from `rng`.
    pub fn new(rule: RuleName, d: usize, rng: &mut Rng) -> Learner {
        let picks = Quick::seeded(rng);
        let pop = Population::new(1, d, rng);
        let mut w = [0.0; MAX_D];
        w[..d].copy_from_slice(pop.row(0));
        let n = dot(&w, &w).sqrt();
        if rule == RuleName::Explicit && n > 0.0 {
            w.iter_mut().for_each(|v| *v /= n);
        }
        let keep = matches!(rule, RuleName::Sanger | RuleName::Similarity);
        Learner { rule, w, pop: keep.then_some(pop), picks }
    }

    /// One sample of `data`: Oja, explicit normalisation, decay at α, GHA's first row (which
    /// is Oja's rule), or similarity matching with one output.
    pub fn step(&mut self, data: &Data, d: usize, eta: f64, alpha: f64) {
        let i = self.picks.index(data.count as u32) as usize;
        let p = data.point(i, d);
        let mut x = [0.0; MAX_D];
        x[..d].copy_from_slice(p);
        match (self.rule, &mut self.pop) {
            (RuleName::Oja, _) => oja_step(&mut self.w, &x, eta),
            (RuleName::Explicit, _) => explicit_step(&mut self.w, &x, eta),
            (RuleName::Decay, _) => decay_step(&mut self.w, &x, eta, alpha),
            (RuleName::Sanger, Some(pop)) => pop.step(ManyRule::Gha, p, eta, 1.0),
            (RuleName::Similarity, Some(pop)) => pop.step(ManyRule::Similarity, p, eta, SIMILARITY_TAU),
            _ => {}
        }
    }

    /// The learner's weight line: w, or the row of W (similarity's filter M⁻¹W has the same
    /// line, M being one positive number).
    pub fn weights(&self, d: usize) -> &[f64] {
        match &self.pop {
            Some(pop) => pop.row(0),
            None => &self.w[..d],
        }
    }

    /// Every number of the state (weights, and similarity's lateral M), for the hash and the
    /// runaway check.
    pub fn parts(&self) -> [&[f64]; 2] {
        match &self.pop {
            Some(pop) => [&pop.w, &pop.m],
            None => [&self.w, &[]],
        }
    }
}

/// The decay rule's α at which |w| neither grows nor dies online (rules.rs).
pub fn balancing_alpha(data: &Data, eta: f64) -> f64 {
    decay_online_tipping_point(data.lambda1, data.fourth1, eta)
}

/// The largest angle (degrees) between any two lines: the smallest |cos| over the pairs of unit
/// directions, one arccos at the end (a record of 64 learners compares 2016 pairs).
pub fn spread(lines: &[&[f64]], d: usize) -> f64 {
    let units = unit_rows(lines, d);
    let mut least: f64 = 1.0;
    for (i, a) in units.chunks_exact(d).enumerate() {
        for b in units[(i + 1) * d..].chunks_exact(d) {
            least = least.min(dot(a, b).abs());
        }
    }
    libm::acos(least.min(1.0)).to_degrees()
}

/// Power steps for [`mean_line`]: from the sign-aligned average the error shrinks by λ2/λ1 of
/// Σ uuᵀ per step, below 10⁻⁹ in 20 steps once the lines agree within 30°; while they do not,
/// there is no common line to find and the readouts built on it say so through `spread`.
const POWER_STEPS: usize = 20;

/// The mean of lines (sign-free): the top eigenvector of S = Σ uuᵀ over the unit directions u,
/// by power steps from the lines' average with signs put along the first line's. Unit length.
pub fn mean_line(lines: &[&[f64]], d: usize) -> Vec<f64> {
    let units = unit_rows(lines, d);
    let mut s = vec![0.0; d * d];
    let mut m = vec![0.0; d];
    let first = units.get(..d).map(<[f64]>::to_vec).unwrap_or_default();
    for u in units.chunks_exact(d) {
        let sign = if dot(u, &first) < 0.0 { -1.0 } else { 1.0 };
        for i in 0..d {
            m[i] += sign * u[i];
            for j in 0..d {
                s[i * d + j] += u[i] * u[j];
            }
        }
    }
    for _ in 0..POWER_STEPS {
        let n = dot(&m, &m).sqrt();
        if !(n > 0.0 && n.is_finite()) {
            break;
        }
        let next: Vec<f64> = s.chunks_exact(d).map(|row| dot(row, &m) / n).collect();
        m = next;
    }
    let n = dot(&m, &m).sqrt();
    if n > 0.0 && n.is_finite() {
        m.iter_mut().for_each(|v| *v /= n);
    }
    m
}

/// The lines at unit length, rows of d (a zero or broken line stays zero).
fn unit_rows(lines: &[&[f64]], d: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(lines.len() * d);
    for l in lines {
        let n = dot(l, l).sqrt();
        let k = if n > 0.0 && n.is_finite() { 1.0 / n } else { 0.0 };
        out.extend(l.iter().map(|v| v * k));
    }
    out
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn quadratic(c: &[f64], m: &[f64]) -> f64 {
    let d = m.len();
    (0..d).map(|i| m[i] * dot(&c[i * d..(i + 1) * d], m)).sum()
}

fn mean(rows: &[f64], d: usize) -> Vec<f64> {
    let n = (rows.len() / d).max(1) as f64;
    let mut m = vec![0.0; d];
    rows.chunks(d).for_each(|r| m.iter_mut().zip(r).for_each(|(a, b)| *a += b / n));
    m
}

/// The covariance (d × d, row-major) of centred rows: the upper triangle summed, then mirrored.
fn covariance(x: &[f64], d: usize) -> Vec<f64> {
    let n = (x.len() / d).max(1) as f64;
    let mut c = vec![0.0; d * d];
    for r in x.chunks(d) {
        for i in 0..d {
            let ri = r[i];
            for j in i..d {
                c[i * d + j] += ri * r[j];
            }
        }
    }
    for i in 0..d {
        for j in i..d {
            c[i * d + j] /= n;
            c[j * d + i] = c[i * d + j];
        }
    }
    c
}
