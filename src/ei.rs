//! Excitatory/inhibitory network with a normative Hebbian/anti-Hebbian rule (SCIENCE.md §11).
//!
//! D = diag(±1) gives each neuron its sign (Dale's law: a neuron's outgoing synapses share one
//! sign, so with D carrying the signs, W ≥ 0). Learning is gradient descent on
//! E = ½‖W D F − F‖²: ΔW = η (F − W D F)(D F)ᵀ. Expanded, that is F Fᵀ D − W D F Fᵀ D — the seed
//! text prints W F Fᵀ, which is the same only when D = I. From W = 0 it converges iff
//! η < 2/λmax(FᵀF), and W D tends to the projector onto span(F). Recall runs τẏ = W D y − y,
//! which then settles on y(∞) = P_F y(0): a continuous attractor, not a winner-take-all.

use nalgebra::{DMatrix, DVector};

#[derive(Clone, Debug)]
pub struct EiNetwork {
    /// Stored patterns as columns, N × P.
    f: DMatrix<f64>,
    /// Signs of the neurons (+1 excitatory, −1 inhibitory).
    d: DVector<f64>,
    pub w: DMatrix<f64>,
    /// Clip W at 0 after each step, so Dale's law holds throughout.
    pub dale: bool,
    df: DMatrix<f64>,
    dft: DMatrix<f64>,
    ffd: DMatrix<f64>,
    /// W D F, reused by every learning step.
    wdf: DMatrix<f64>,
}

impl EiNetwork {
    /// `patterns` is P × N (row μ = pattern μ); the first `n_exc` neurons are excitatory.
    pub fn new(n: usize, patterns: &[f64], n_exc: usize) -> EiNetwork {
        let p = patterns.len() / n;
        let f = DMatrix::from_fn(n, p, |i, mu| patterns[mu * n + i]);
        let d = DVector::from_fn(n, |i, _| if i < n_exc { 1.0 } else { -1.0 });
        let df = DMatrix::from_fn(n, p, |i, mu| d[i] * f[(i, mu)]);
        // F Fᵀ D, fixed by the patterns: the Hebbian half of the rule.
        let ffd = &f * df.transpose();
        EiNetwork {
            w: DMatrix::zeros(n, n),
            wdf: DMatrix::zeros(n, p),
            dft: df.transpose(),
            f,
            d,
            dale: false,
            df,
            ffd,
        }
    }

    pub fn n(&self) -> usize {
        self.f.nrows()
    }

    /// E = ½‖W D F − F‖².
    pub fn loss(&self) -> f64 {
        0.5 * (&self.w * &self.df - &self.f).norm_squared()
    }

    /// The convergence bound 2/λmax(FᵀF) on η.
    pub fn eta_bound(&self) -> f64 {
        let g = self.f.transpose() * &self.f;
        let lmax = g.symmetric_eigenvalues().iter().cloned().fold(0.0, f64::max);
        2.0 / lmax
    }

    /// One learning step ΔW = η (F Fᵀ D − W D F (D F)ᵀ), without allocating.
    pub fn learn(&mut self, eta: f64) {
        self.wdf.gemm(1.0, &self.w, &self.df, 0.0);
        self.w.gemm(-eta, &self.wdf, &self.dft, 1.0);
        self.w.zip_apply(&self.ffd, |w, h| *w += eta * h);
        if self.dale {
            self.w.iter_mut().for_each(|x| *x = x.max(0.0));
        }
    }

    /// Number of weights of the wrong sign for Dale's law (W < 0 with D carrying the signs).
    pub fn dale_violations(&self) -> usize {
        self.w.iter().filter(|&&x| x < -1e-12).count()
    }

    /// W D, the effective recurrent matrix.
    pub fn wd(&self) -> DMatrix<f64> {
        let mut m = self.w.clone();
        for (j, mut col) in m.column_iter_mut().enumerate() {
            col *= self.d[j];
        }
        m
    }

    /// The orthogonal projector onto span(F), F (FᵀF)⁻¹ Fᵀ.
    pub fn projector(&self) -> DMatrix<f64> {
        let g = self.f.transpose() * &self.f;
        let inv = g.try_inverse().unwrap_or_else(|| DMatrix::zeros(self.f.ncols(), self.f.ncols()));
        &self.f * inv * self.f.transpose()
    }

    /// One Euler step of τẏ = W D y − y with dt/τ = `dt`; returns the largest change.
    pub fn settle_step(&self, y: &mut DVector<f64>, dt: f64) -> f64 {
        let dy = dt * (&self.w * y.component_mul(&self.d) - &*y);
        *y += &dy;
        dy.amax()
    }

    pub fn pattern(&self, mu: usize) -> DVector<f64> {
        self.f.column(mu).into_owned()
    }
}
