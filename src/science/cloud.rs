//! A 2-D point cloud: seeded presets, reader edits, and its covariance eigen-decomposition.

use crate::science::rng::{Rng, Stream};
use nalgebra::Matrix2;

/// Covariance C = (1/n) Σ (x − x̄)(x − x̄)ᵀ and its eigen-decomposition, λ1 ≥ λ2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub mean: [f64; 2],
    pub cov: [[f64; 2]; 2],
    pub lambda1: f64,
    pub lambda2: f64,
    /// Unit eigenvectors of λ1 and λ2.
    pub e1: [f64; 2],
    pub e2: [f64; 2],
    /// Largest |x − x̄|² of any point: what decides whether one online step can blow up.
    pub max_sq: f64,
    /// E[((x − x̄)·e1)⁴], the fourth moment along PC1: how much the online growth rate falls
    /// short of the averaged one (see [`crate::science::rules::decay_online_tipping_point`]).
    pub fourth1: f64,
}

#[derive(Clone, Debug)]
pub struct Cloud {
    /// Interleaved x0, y0, x1, y1, … as drawn (JS reads this buffer directly).
    points: Vec<f64>,
    stats: Stats,
}

/// The shape of the generated data; every preset has variances λ1, λ2 along axis θ.
#[derive(Clone, Copy, Debug)]
pub struct Shape<'a> {
    pub preset: &'a str,
    pub n: usize,
    pub l1: f64,
    pub l2: f64,
    pub theta_deg: f64,
}

pub const MIN_POINTS: usize = 2;
pub const MAX_POINTS: usize = 20_000;

impl Cloud {
    /// Seeded points of the preset, centred on their sample mean.
    pub fn generate(shape: Shape, seed: u32) -> Cloud {
        let mut rng = Rng::new(seed, Stream::Data);
        let (s1, s2) = (shape.l1.sqrt(), shape.l2.sqrt());
        let t = shape.theta_deg.to_radians();
        let (c, s) = (libm::cos(t), libm::sin(t));
        let mut points = Vec::with_capacity(2 * shape.n);
        for _ in 0..shape.n {
            // (a, b): coordinates along the principal axes, with variances l1 and l2.
            let (a, b) = match shape.preset {
                "clusters" => {
                    // Two blobs at ±d on axis 1 with spread l2: variance d² + l2 along it.
                    let d = (shape.l1 - shape.l2).max(0.0).sqrt();
                    let side = if rng.uniform() < 0.5 { -d } else { d };
                    (side + s2 * rng.gaussian(), s2 * rng.gaussian())
                }
                "line" => {
                    // Uniform on [−h, h] has variance h²/3.
                    let h = (3.0 * shape.l1).sqrt();
                    (h * (2.0 * rng.uniform() - 1.0), s2 * rng.gaussian())
                }
                _ => (s1 * rng.gaussian(), s2 * rng.gaussian()),
            };
            points.push(c * a - s * b);
            points.push(s * a + c * b);
        }
        let mut cloud = Cloud::from_points(points);
        let [mx, my] = cloud.stats.mean;
        for p in cloud.points.chunks_exact_mut(2) {
            p[0] -= mx;
            p[1] -= my;
        }
        cloud.refresh();
        cloud
    }

    pub fn from_points(points: Vec<f64>) -> Cloud {
        let mut cloud = Cloud { points, stats: Stats::default() };
        cloud.refresh();
        cloud
    }

    pub fn len(&self) -> usize {
        self.points.len() / 2
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn points(&self) -> &[f64] {
        &self.points
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Point i minus the mean: what the neuron sees.
    #[inline]
    pub fn centred(&self, i: usize) -> [f64; 2] {
        [self.points[2 * i] - self.stats.mean[0], self.points[2 * i + 1] - self.stats.mean[1]]
    }

    /// Adds a point; refused (false) at the size limit or for a non-finite position.
    pub fn add(&mut self, x: f64, y: f64) -> bool {
        if self.len() >= MAX_POINTS || !x.is_finite() || !y.is_finite() {
            return false;
        }
        self.points.extend_from_slice(&[x, y]);
        self.refresh();
        true
    }

    pub fn move_point(&mut self, i: usize, x: f64, y: f64) -> bool {
        if i >= self.len() || !x.is_finite() || !y.is_finite() {
            return false;
        }
        self.points[2 * i] = x;
        self.points[2 * i + 1] = y;
        self.refresh();
        true
    }

    /// Removes a point; refused below two points (a covariance needs a spread).
    pub fn remove(&mut self, i: usize) -> bool {
        if i >= self.len() || self.len() <= MIN_POINTS {
            return false;
        }
        self.points.drain(2 * i..2 * i + 2);
        self.refresh();
        true
    }

    /// Index of the point nearest (x, y) within `radius`, if any.
    pub fn nearest(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        let mut best = None;
        let mut best_d = radius * radius;
        for (i, p) in self.points.chunks_exact(2).enumerate() {
            let d = (p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y);
            if d <= best_d {
                best_d = d;
                best = Some(i);
            }
        }
        best
    }

    fn refresh(&mut self) {
        self.stats = Stats::of(&self.points);
    }
}

impl Default for Stats {
    fn default() -> Stats {
        Stats {
            mean: [0.0; 2],
            cov: [[0.0; 2]; 2],
            lambda1: 0.0,
            lambda2: 0.0,
            e1: [1.0, 0.0],
            e2: [0.0, 1.0],
            max_sq: 0.0,
            fourth1: 0.0,
        }
    }
}

impl Stats {
    pub fn of(points: &[f64]) -> Stats {
        let n = (points.len() / 2) as f64;
        if n == 0.0 {
            return Stats::default();
        }
        let (mut mx, mut my) = (0.0, 0.0);
        for p in points.chunks_exact(2) {
            mx += p[0];
            my += p[1];
        }
        let mean = [mx / n, my / n];
        let (mut cxx, mut cxy, mut cyy, mut max_sq) = (0.0, 0.0, 0.0, 0.0f64);
        for p in points.chunks_exact(2) {
            let (dx, dy) = (p[0] - mean[0], p[1] - mean[1]);
            cxx += dx * dx;
            cxy += dx * dy;
            cyy += dy * dy;
            max_sq = max_sq.max(dx * dx + dy * dy);
        }
        let cov = [[cxx / n, cxy / n], [cxy / n, cyy / n]];
        let (lambda1, lambda2, e1, e2) = covariance_eigen(&cov);
        let fourth1 = points
            .chunks_exact(2)
            .map(|p| {
                let z = (p[0] - mean[0]) * e1[0] + (p[1] - mean[1]) * e1[1];
                z * z * z * z
            })
            .sum::<f64>()
            / n;
        Stats { mean, cov, lambda1, lambda2, e1, e2, max_sq, fourth1 }
    }

    pub fn trace(&self) -> f64 {
        self.cov[0][0] + self.cov[1][1]
    }
}

/// Eigenvalues (descending) and unit eigenvectors of a symmetric 2×2 matrix.
/// e1 is signed to point into the right half-plane so the drawn PC1 line does not flip.
pub fn covariance_eigen(c: &[[f64; 2]; 2]) -> (f64, f64, [f64; 2], [f64; 2]) {
    let eig = Matrix2::new(c[0][0], c[0][1], c[1][0], c[1][1]).symmetric_eigen();
    let (i, j) = if eig.eigenvalues[0] >= eig.eigenvalues[1] { (0, 1) } else { (1, 0) };
    let col = |k: usize| [eig.eigenvectors[(0, k)], eig.eigenvectors[(1, k)]];
    let mut e1 = col(i);
    if e1[0] < 0.0 || (e1[0] == 0.0 && e1[1] < 0.0) {
        e1 = [-e1[0], -e1[1]];
    }
    let e2 = [-e1[1], e1[0]];
    (eig.eigenvalues[i], eig.eigenvalues[j], e1, e2)
}
