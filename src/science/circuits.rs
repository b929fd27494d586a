//! Recurrent Hebb with decay, BCM, and growth and pruning (docs/science.md: recurrent, bcm, prune).

use crate::science::rng::Rng;
use nalgebra::{DMatrix, Schur};

/// Inputs made of a few shared sources plus private noise: x = A s + σ ξ, with s and ξ standard
/// normal, so C = A Aᵀ + σ² I. Shared signals are correlated across inputs; noise is not.
#[derive(Clone, Debug)]
pub struct SharedSources {
    pub n: usize,
    pub m: usize,
    /// Mixing matrix A, n × m, row-major.
    pub a: Vec<f64>,
    pub sigma: f64,
}

impl SharedSources {
    pub fn new(n: usize, m: usize, sigma: f64, rng: &mut Rng) -> SharedSources {
        let a = (0..n * m).map(|_| rng.gaussian()).collect();
        SharedSources { n, m, a, sigma }
    }

    pub fn sample(&self, rng: &mut Rng, s: &mut [f64], x: &mut [f64]) {
        s.iter_mut().for_each(|v| *v = rng.gaussian());
        for (i, xi) in x.iter_mut().enumerate() {
            let shared: f64 = self.a[i * self.m..(i + 1) * self.m].iter().zip(s.iter()).map(|(a, s)| a * s).sum();
            *xi = shared + self.sigma * rng.gaussian();
        }
    }

    /// C = A Aᵀ + σ² I, n × n.
    pub fn covariance(&self) -> Vec<f64> {
        let (n, m) = (self.n, self.m);
        let mut c = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                let dot: f64 = (0..m).map(|k| self.a[i * m + k] * self.a[j * m + k]).sum();
                c[i * n + j] = dot + if i == j { self.sigma * self.sigma } else { 0.0 };
            }
        }
        c
    }

    /// A pattern no source makes: the alternating ±1 vector with the source patterns projected
    /// out (Gram–Schmidt), so the trained network should only pass it through its noise floor.
    pub fn spurious_pattern(&self) -> Vec<f64> {
        let mut basis: Vec<Vec<f64>> = Vec::new();
        for k in 0..self.m {
            let mut q = self.pattern(k);
            for b in &basis {
                let c: f64 = q.iter().zip(b).map(|(x, y)| x * y).sum();
                q.iter_mut().zip(b).for_each(|(x, y)| *x -= c * y);
            }
            let n = libm::sqrt(q.iter().map(|x| x * x).sum::<f64>());
            if n > 1e-9 {
                basis.push(q.iter().map(|x| x / n).collect());
            }
        }
        let mut v: Vec<f64> = (0..self.n).map(|i| if i % 2 == 0 { 1.0 } else { -1.0 }).collect();
        for b in &basis {
            let c: f64 = v.iter().zip(b).map(|(x, y)| x * y).sum();
            v.iter_mut().zip(b).for_each(|(x, y)| *x -= c * y);
        }
        v
    }

    /// Source k's footprint on the inputs (column k of A).
    pub fn pattern(&self, k: usize) -> Vec<f64> {
        (0..self.n).map(|i| self.a[i * self.m + k]).collect()
    }
}

/// All-to-all Hebb with decay, Δw_ij = η (x_i x_j − α w_ij) → W = C/α; or with the decay
/// scaled by the presynaptic activity, Δw_ij = η (x_i x_j − x_j² w_ij) → W_ij = C_ij / C_jj.
#[derive(Clone, Debug)]
pub struct Recurrent {
    pub n: usize,
    pub w: Vec<f64>,
    pub squared_decay: bool,
}

impl Recurrent {
    pub fn new(n: usize, squared_decay: bool) -> Recurrent {
        Recurrent { n, w: vec![0.0; n * n], squared_decay }
    }

    pub fn step(&mut self, x: &[f64], eta: f64, alpha: f64) {
        let n = self.n;
        for i in 0..n {
            for j in 0..n {
                let decay = if self.squared_decay { x[j] * x[j] } else { alpha };
                let w = &mut self.w[i * n + j];
                *w += eta * (x[i] * x[j] - decay * *w);
            }
        }
    }

    /// What W converges to: C/α, or C_ij / C_jj.
    pub fn target(&self, c: &[f64], alpha: f64) -> Vec<f64> {
        let n = self.n;
        (0..n * n).map(|ij| if self.squared_decay { c[ij] / c[(ij % n) * n + ij % n] } else { c[ij] / alpha }).collect()
    }

    /// ‖W − target‖_F / ‖target‖_F (equal to ‖αW − C‖ / ‖C‖ for linear decay).
    pub fn relative_error(&self, c: &[f64], alpha: f64) -> f64 {
        let t = self.target(c, alpha);
        let diff: f64 = self.w.iter().zip(&t).map(|(a, b)| (a - b) * (a - b)).sum();
        let norm: f64 = t.iter().map(|b| b * b).sum();
        libm::sqrt(diff / norm)
    }

    /// The largest real part of W's eigenvalues: a closed loop settles only while it is below 1.
    /// With linear decay W is exactly symmetric (it learns x xᵀ from 0, and xᵢxⱼ = xⱼxᵢ in floating
    /// point too), so its eigenvalues are real; the y² decay scales column j by its own xⱼ², and
    /// W is not symmetric.
    pub fn top_eigenvalue(&self) -> f64 {
        let n = self.n;
        let m = DMatrix::from_row_slice(n, n, &self.w);
        if !self.squared_decay {
            return m.symmetric_eigenvalues().iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        }
        match Schur::try_new(m, f64::EPSILON, 10_000) {
            Some(s) => s.complex_eigenvalues().iter().map(|z| z.re).fold(f64::NEG_INFINITY, f64::max),
            // Not converged (never seen): the largest row sum bounds every |eigenvalue|.
            None => (0..n).map(|i| self.w[i * n..(i + 1) * n].iter().map(|w| w.abs()).sum::<f64>()).fold(0.0, f64::max),
        }
    }

    /// |W v| / |v|: how much one pass of the trained weights amplifies an input pattern v (the
    /// open loop: activity is set by the inputs, and W is applied once).
    pub fn gain(&self, v: &[f64]) -> f64 {
        let n = self.n;
        let out: f64 = (0..n)
            .map(|i| {
                let r: f64 = self.w[i * n..(i + 1) * n].iter().zip(v).map(|(a, b)| a * b).sum();
                r * r
            })
            .sum();
        libm::sqrt(out / v.iter().map(|x| x * x).sum::<f64>())
    }
}

/// The trained network run as a closed loop: τ ṙ = −r + W r + u, with u the input pattern. Its
/// activity settles at r = (I − W)⁻¹ u, which exists and is reached only while every eigenvalue of
/// W has real part below 1; past that r grows without bound. W → C/α, so the loop is stable iff
/// α > λ1(C) (the same threshold as one neuron's decay); with the y² decay W → Cᵢⱼ/Cⱼⱼ, whose
/// eigenvalues average 1, it never is once W has learned (unless the inputs are uncorrelated).
/// Buffers are kept between uses: no allocation per check.
#[derive(Clone, Debug)]
pub struct ClosedLoop {
    n: usize,
    /// The Cholesky factor L of I − W (lower triangle, row-major), or its LU factors.
    factor: Vec<f64>,
    /// Row permutation of the LU factors (y² decay only).
    perm: Vec<usize>,
    lu: bool,
    y: Vec<f64>,
}

impl ClosedLoop {
    pub fn new(n: usize) -> ClosedLoop {
        ClosedLoop { n, factor: vec![0.0; n * n], perm: (0..n).collect(), lu: false, y: vec![0.0; n] }
    }

    /// Factorises I − W for `gain`; false when the loop has no settled state (an eigenvalue of
    /// W with real part ≥ 1). Linear decay: W is symmetric, so I − W is positive definite — its
    /// Cholesky factorisation succeeds — exactly when every eigenvalue of W is below 1 (a few
    /// hundred flops at n = 16, no eigen-decomposition). y² decay: the spectrum itself, then LU.
    pub fn settle_on(&mut self, net: &Recurrent) -> bool {
        let n = self.n;
        let (w, l) = (&net.w, &mut self.factor);
        if !net.squared_decay {
            self.lu = false;
            for i in 0..n {
                for j in 0..=i {
                    let a = if i == j { 1.0 } else { 0.0 } - w[i * n + j];
                    let (ri, rj) = (&l[i * n..i * n + j], &l[j * n..j * n + j]);
                    let s: f64 = a - ri.iter().zip(rj).map(|(p, q)| p * q).sum::<f64>();
                    if i == j {
                        // Not positive (or NaN): I − W is not positive definite.
                        if s.is_nan() || s <= 0.0 {
                            return false;
                        }
                        l[i * n + i] = libm::sqrt(s);
                    } else {
                        l[i * n + j] = s / l[j * n + j];
                    }
                }
            }
            return true;
        }
        // The largest row sum of |W| bounds every |eigenvalue|: below 1, no eigen-decomposition.
        let row_sum = (0..n).map(|i| w[i * n..(i + 1) * n].iter().map(|x| x.abs()).sum::<f64>()).fold(0.0, f64::max);
        let settles = row_sum < 1.0 || net.top_eigenvalue() < 1.0;
        if !settles {
            return false;
        }
        self.lu = true;
        for (ij, f) in l.iter_mut().enumerate() {
            *f = if ij / n == ij % n { 1.0 } else { 0.0 } - w[ij];
        }
        self.perm.iter_mut().enumerate().for_each(|(i, p)| *p = i);
        for k in 0..n {
            let p = (k..n).max_by(|&a, &b| l[a * n + k].abs().total_cmp(&l[b * n + k].abs())).unwrap_or(k);
            if l[p * n + k] == 0.0 {
                return false;
            }
            if p != k {
                for c in 0..n {
                    l.swap(k * n + c, p * n + c);
                }
                self.perm.swap(k, p);
            }
            for r in k + 1..n {
                let f = l[r * n + k] / l[k * n + k];
                l[r * n + k] = f;
                for c in k + 1..n {
                    l[r * n + c] -= f * l[k * n + c];
                }
            }
        }
        true
    }

    /// |(I − W)⁻¹ v| / |v|, the amplification of the settled loop, after `settle_on` said true.
    pub fn gain(&mut self, v: &[f64]) -> f64 {
        let (n, l, y) = (self.n, &self.factor, &mut self.y);
        if self.lu {
            // L U r = P v: forward with the unit lower triangle, then back with U.
            for i in 0..n {
                y[i] = v[self.perm[i]] - (0..i).map(|k| l[i * n + k] * y[k]).sum::<f64>();
            }
            for i in (0..n).rev() {
                y[i] = (y[i] - (i + 1..n).map(|k| l[i * n + k] * y[k]).sum::<f64>()) / l[i * n + i];
            }
        } else {
            // L Lᵀ r = v.
            for i in 0..n {
                let dot: f64 = l[i * n..i * n + i].iter().zip(&y[..i]).map(|(p, q)| p * q).sum();
                y[i] = (v[i] - dot) / l[i * n + i];
            }
            for i in (0..n).rev() {
                y[i] = (y[i] - (i + 1..n).map(|k| l[k * n + i] * y[k]).sum::<f64>()) / l[i * n + i];
            }
        }
        let norm2 = |x: &[f64]| x.iter().map(|a| a * a).sum::<f64>();
        libm::sqrt(norm2(y) / norm2(v))
    }
}

/// BCM with K orthonormal, equally likely inputs e_k: the response to input k is y = w_k.
/// BCM's modification function φ(y, θ) = y (y − θ) (Bienenstock, Cooper & Munro 1982): negative
/// (depression) for 0 < y < θ, positive (potentiation) above θ. The `bcm` and `pairing` kinds
/// both change a synapse by η x φ(y, θ).
pub fn bcm_phi(y: f64, theta: f64) -> f64 {
    y * (y - theta)
}

/// One step of BCM's sliding threshold, θ ← θ + (y² − θ)/τθ: a running average of y² over about
/// τθ presentations, so a cell that has been quiet has a low θ.
pub fn bcm_threshold_step(theta: f64, y: f64, tau: f64) -> f64 {
    theta + (y * y - theta) / tau
}

/// Δw = η x y (y − θ), and θ tracks E[y²]: θ ← θ + (y² − θ)/τ_θ per presentation.
/// The selective fixed point: one response y = θ = y²/K, i.e. K, and 0 for the others.
#[derive(Clone, Debug)]
pub struct Bcm {
    pub w: Vec<f64>,
    pub theta: f64,
}

impl Bcm {
    pub fn new(k: usize, rng: &mut Rng) -> Bcm {
        Bcm { w: (0..k).map(|_| 0.2 + 0.3 * rng.uniform()).collect(), theta: 0.0 }
    }

    /// Presents one input chosen at random.
    pub fn step(&mut self, eta: f64, tau: f64, rng: &mut Rng) {
        let k = rng.index(self.w.len() as u32) as usize;
        let y = self.w[k];
        self.w[k] += eta * bcm_phi(y, self.theta);
        self.theta = bcm_threshold_step(self.theta, y, tau);
    }

    /// 1 − (second-largest response) / (largest): 1 when only one input drives the neuron.
    pub fn selectivity(&self) -> f64 {
        let (mut a, mut b) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &y in &self.w {
            if y > a {
                b = a;
                a = y;
            } else if y > b {
                b = y;
            }
        }
        if a > 0.0 {
            1.0 - b.max(0.0) / a
        } else {
            0.0
        }
    }
}

/// One step of the seed's worked example, every term kept: w ← w + η x y − γ w (γ the decay).
#[derive(Clone, Debug, PartialEq)]
pub struct DecayStep {
    pub hebbian: Vec<f64>,
    pub decay: Vec<f64>,
    pub change: Vec<f64>,
    pub after: Vec<f64>,
}

/// Δw = η x y − γ w (L2) or η x y − γ sign(w) (L1). L2 is a brake (w → η C/γ); L1 is a sparsity
/// threshold, not a brake: a synapse with η|C_ij| > γ grows without bound.
pub fn decay_step(w: &[f64], x: &[f64], y: f64, eta: f64, lambda: f64, l1: bool) -> DecayStep {
    let hebbian: Vec<f64> = x.iter().map(|xi| eta * xi * y).collect();
    let decay: Vec<f64> = w.iter().map(|&wi| lambda * if l1 { sign(wi) } else { wi }).collect();
    let change: Vec<f64> = hebbian.iter().zip(&decay).map(|(h, d)| h - d).collect();
    let after = w.iter().zip(&change).map(|(a, b)| a + b).collect();
    DecayStep { hebbian, decay, change, after }
}

fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// How a sparse network loses connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prune {
    /// Remove a synapse once |w| < θ.
    Threshold,
    /// L1 soft threshold: w ← sign(w) max(|w| − θ, 0); a synapse pushed to 0 is removed.
    Soft,
    /// Remove a synapse whose activity trace c_ij (a running mean of |x_i x_j|) falls below θ.
    Trace,
}

/// How it gains them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grow {
    /// Connect the absent pair with the largest running correlation.
    Correlation,
    /// Connect a random absent pair.
    Random,
}

/// A sparse recurrent network with Hebbian learning, decay, pruning and growth, capped at
/// `k_max` synapses: growth beyond the cap replaces the weakest synapse.
#[derive(Clone, Debug)]
pub struct Plastic {
    pub n: usize,
    pub w: Vec<f64>,
    pub alive: Vec<bool>,
    /// Running mean of x_i x_j (correlation) and of |x_i x_j| (activity trace), every pair.
    pub corr: Vec<f64>,
    pub trace: Vec<f64>,
    pub k_max: usize,
}

impl Plastic {
    pub fn new(n: usize, k_max: usize) -> Plastic {
        Plastic {
            n,
            w: vec![0.0; n * n],
            alive: vec![false; n * n],
            corr: vec![0.0; n * n],
            trace: vec![0.0; n * n],
            k_max,
        }
    }

    pub fn connections(&self) -> usize {
        self.alive.iter().filter(|a| **a).count()
    }

    /// Adds synapse ij (i ≠ j) with weight w0; at the cap, the weakest synapse goes first.
    pub fn connect(&mut self, ij: usize, w0: f64) {
        if self.alive[ij] || ij / self.n == ij % self.n {
            return;
        }
        if self.connections() >= self.k_max {
            let weakest = (0..self.w.len())
                .filter(|&k| self.alive[k])
                .min_by(|&a, &b| self.w[a].abs().total_cmp(&self.w[b].abs()));
            match weakest {
                Some(k) => self.cut(k),
                None => return,
            }
        }
        self.alive[ij] = true;
        self.w[ij] = w0;
    }

    fn cut(&mut self, ij: usize) {
        self.alive[ij] = false;
        self.w[ij] = 0.0;
    }

    /// One step on activity x: Hebbian update with decay on live synapses, then prune, then grow.
    #[allow(clippy::too_many_arguments)]
    pub fn step(
        &mut self,
        x: &[f64],
        eta: f64,
        lambda: f64,
        l1: bool,
        prune: Prune,
        theta: f64,
        grow: Option<Grow>,
        rng: &mut Rng,
    ) {
        let n = self.n;
        const TRACE: f64 = 0.01;
        for ij in 0..n * n {
            let xx = x[ij / n] * x[ij % n];
            self.corr[ij] += TRACE * (xx - self.corr[ij]);
            self.trace[ij] += TRACE * (xx.abs() - self.trace[ij]);
            if !self.alive[ij] {
                continue;
            }
            let w = self.w[ij];
            let mut next = w + eta * xx - lambda * if l1 { sign(w) } else { w };
            if prune == Prune::Soft {
                next = sign(next) * (next.abs() - theta).max(0.0);
            }
            self.w[ij] = next;
            let dead = match prune {
                Prune::Threshold => next.abs() < theta,
                Prune::Soft => next == 0.0,
                Prune::Trace => self.trace[ij] < theta,
            };
            if dead {
                self.cut(ij);
            }
        }
        let absent = |k: &usize| k / n != k % n;
        match grow {
            Some(Grow::Correlation) => {
                let best = (0..n * n)
                    .filter(|k| !self.alive[*k] && absent(k))
                    .max_by(|&a, &b| self.corr[a].total_cmp(&self.corr[b]));
                if let Some(k) = best.filter(|&k| self.corr[k] > theta) {
                    self.connect(k, eta * self.corr[k]);
                }
            }
            Some(Grow::Random) => {
                let k = rng.index((n * n) as u32) as usize;
                if !self.alive[k] && absent(&k) {
                    self.connect(k, eta * x[k / n] * x[k % n]);
                }
            }
            None => {}
        }
    }
}
