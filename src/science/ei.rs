//! Excitatory/inhibitory network with a normative Hebbian/anti-Hebbian rule (docs/science.md#ei).
//!
//! D = diag(±1) gives each neuron its sign (Dale's law: a neuron's outgoing synapses share one
//! sign, so with D carrying the signs, W ≥ 0). Learning is gradient descent on
//! E = ½‖W D F − F‖²: ΔW = η (F − W D F)(D F)ᵀ. Expanded, that is F Fᵀ D − W D F Fᵀ D — the seed
//! text prints W F Fᵀ, which is the same only when D = I. From W = 0 it converges iff
//! η < 2/λmax(FᵀF), and W D tends to the projector onto span(F). Recall runs τẏ = W D y − y,
//! which then settles on y(∞) = P_F y(0): a continuous attractor, not a winner-take-all.
//!
//! In terms of J = W D (D² = I) the rule is ΔJ = η (F − J F) Fᵀ: without Dale's law the signs
//! change nothing and J learns the projection (pseudo-inverse) rule of Personnaz, Guyon & Dreyfus
//! (1985). Clipping W at 0 (Dale's law) keeps the loss falling to 0 but can give W D an
//! eigenvalue with real part above 1: recall then runs away along it instead of settling, so a
//! recall is judged by the spectrum of W D, not by the loss.

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

    /// The eigenvalues of W D at the right edge of its spectrum, as Ritz values of an `m`-step
    /// Arnoldi iteration (exact when `m` ≥ N, or once the Krylov space closes): (re, im) pairs.
    /// Recall τẏ = (W D − I) y is stable iff every real part is below 1.
    pub fn outer_eigenvalues(&self, m: usize) -> Vec<(f64, f64)> {
        let n = self.n();
        let m = m.min(n);
        let mut q: Vec<DVector<f64>> = Vec::with_capacity(m + 1);
        // A fixed start vector with every component nonzero and no symmetry (no rng needed).
        let start = DVector::from_fn(n, |i, _| 1.0 + ((i * 7919) % 97) as f64 / 97.0);
        q.push(&start / start.norm());
        let mut h = DMatrix::<f64>::zeros(m + 1, m);
        let mut size = m;
        for j in 0..m {
            let mut v = &self.w * q[j].component_mul(&self.d);
            // Modified Gram–Schmidt, twice (one pass loses orthogonality near convergence).
            for _ in 0..2 {
                for (i, qi) in q.iter().enumerate() {
                    let c = qi.dot(&v);
                    h[(i, j)] += c;
                    v.axpy(-c, qi, 1.0);
                }
            }
            let norm = v.norm();
            h[(j + 1, j)] = norm;
            if norm <= 1e-12 * (1.0 + h.column(j).amax()) {
                // The Krylov space is invariant: its Ritz values are exact eigenvalues.
                size = j + 1;
                break;
            }
            q.push(v / norm);
        }
        // nalgebra's plain `complex_eigenvalues` iterates without limit, and the QR iteration can
        // stall on the near-repeated eigenvalues of a learned projector: bound it, and on a stall
        // take the Ritz values of one Arnoldi step fewer (still the outer spectrum).
        for k in (1..=size).rev() {
            let square = h.view((0, 0), (k, k)).into_owned();
            if let Some(schur) = nalgebra::linalg::Schur::try_new(square, f64::EPSILON, 1000) {
                return schur.complex_eigenvalues().iter().map(|z| (z.re, z.im)).collect();
            }
        }
        vec![(h[(0, 0)], 0.0)]
    }

    pub fn pattern(&self, mu: usize) -> DVector<f64> {
        self.f.column(mu).into_owned()
    }
}
