//! Recurrent Hebb with decay, BCM, and growth and pruning (SCIENCE.md §6–8).

use crate::rng::Rng;

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

    /// |W v| / |v|: how much the trained network amplifies an input pattern v.
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

/// BCM with K orthonormal, equally likely inputs e_k: the response to input k is y = w_k.
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
        self.w[k] += eta * y * (y - self.theta);
        self.theta += (y * y - self.theta) / tau;
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
