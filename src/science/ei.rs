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
use std::ops::Range;

#[derive(Clone, Debug)]
pub struct EiNetwork {
    /// Stored patterns as columns, N × P.
    f: DMatrix<f64>,
    /// Fᵀ (P × N): column i is row i of F, contiguous.
    ft: DMatrix<f64>,
    /// Signs of the neurons (+1 excitatory, −1 inhibitory).
    d: DVector<f64>,
    pub w: DMatrix<f64>,
    /// Clip W at 0 after each step, so Dale's law holds throughout.
    pub dale: bool,
    df: DMatrix<f64>,
    /// (D F)ᵀ (P × N): column k is row k of D F, contiguous.
    dft: DMatrix<f64>,
    /// A row's residual, reused by every row of every step.
    residual: Vec<f64>,
}

impl EiNetwork {
    /// `patterns` is P × N (row μ = pattern μ); the first `n_exc` neurons are excitatory.
    pub fn new(n: usize, patterns: &[f64], n_exc: usize) -> EiNetwork {
        let p = patterns.len() / n;
        let f = DMatrix::from_fn(n, p, |i, mu| patterns[mu * n + i]);
        let d = DVector::from_fn(n, |i, _| if i < n_exc { 1.0 } else { -1.0 });
        let df = DMatrix::from_fn(n, p, |i, mu| d[i] * f[(i, mu)]);
        EiNetwork {
            w: DMatrix::zeros(n, n),
            ft: f.transpose(),
            dft: df.transpose(),
            f,
            d,
            dale: false,
            df,
            residual: vec![0.0; p],
        }
    }

    pub fn n(&self) -> usize {
        self.f.nrows()
    }

    /// The number of stored patterns P.
    pub fn p(&self) -> usize {
        self.f.ncols()
    }

    /// E = ½‖W D F − F‖².
    pub fn loss(&self) -> f64 {
        0.5 * (&self.w * &self.df - &self.f).norm_squared()
    }

    /// The convergence bound 2/λmax(FᵀF), from an Arnoldi (here Lanczos: FᵀF is symmetric)
    /// iteration run to its end; see [`EiNetwork::gram_arnoldi`] for the steps one at a time.
    pub fn eta_bound(&self) -> f64 {
        let mut a = self.gram_arnoldi();
        while !a.done() {
            self.gram_step(&mut a);
        }
        eta_bound_of(&a)
    }

    /// The Krylov iteration for λmax(FᵀF), P × P, to be stepped with [`EiNetwork::gram_step`]
    /// (2NP per step). Exact once the Krylov space closes (at most P steps), and within ~10⁻⁶
    /// of λmax after [`GRAM_STEPS`] steps even where the top of the spectrum is crowded.
    pub fn gram_arnoldi(&self) -> Arnoldi {
        Arnoldi::new(self.f.ncols(), GRAM_STEPS)
    }

    pub fn gram_step(&self, a: &mut Arnoldi) {
        a.step(|u| self.f.tr_mul(&(&self.f * u)));
    }

    /// One learning step ΔW = η (F − W D F)(D F)ᵀ.
    pub fn learn(&mut self, eta: f64) {
        self.learn_rows(eta, 0..self.n(), &mut 0.0);
    }

    /// Rows `rows` of one learning step. Row i of ΔW = η (F − W D F)(D F)ᵀ involves row i of W
    /// alone, so a step may be split by rows over several frames and lands on the same bits.
    /// Plain loops in a fixed order (no BLAS kernel, whose fused multiply-adds natively would
    /// differ from wasm). Adds ½|(F − W D F)ᵢ|² of each updated row to `loss`, a row at a time,
    /// so the sum too is the same however the step is split.
    pub fn learn_rows(&mut self, eta: f64, rows: Range<usize>, loss: &mut f64) {
        let (n, p) = (self.n(), self.p());
        let mut e = std::mem::take(&mut self.residual);
        for i in rows {
            self.row_residual(i, &mut e);
            // (D F)ᵀ column by column: row k of D F, P contiguous numbers.
            for (k, x) in self.dft.as_slice().chunks_exact(p).enumerate() {
                let dw: f64 = e.iter().zip(x).map(|(a, b)| a * b).sum();
                let w = &mut self.w.as_mut_slice()[k * n + i];
                *w += eta * dw;
                if self.dale {
                    *w = w.max(0.0);
                }
            }
            self.row_residual(i, &mut e);
            *loss += 0.5 * e.iter().map(|x| x * x).sum::<f64>();
        }
        self.residual = e;
    }

    /// Row i of F − W D F, into `e` (length P).
    fn row_residual(&self, i: usize, e: &mut [f64]) {
        let (n, p) = (self.n(), self.p());
        e.copy_from_slice(&self.ft.as_slice()[i * p..(i + 1) * p]);
        let w = self.w.as_slice();
        for (k, x) in self.dft.as_slice().chunks_exact(p).enumerate() {
            let wik = w[k * n + i];
            // Skipping zeros (W starts at 0, Dale clipping makes many) changes no bit.
            if wik != 0.0 {
                e.iter_mut().zip(x).for_each(|(e, x)| *e -= wik * x);
            }
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
        let mut a = Arnoldi::new(self.n(), m);
        while !a.done() {
            a.step(|v| &self.w * v.component_mul(&self.d));
        }
        a.ritz_values()
    }

    pub fn pattern(&self, mu: usize) -> DVector<f64> {
        self.f.column(mu).into_owned()
    }
}

/// Krylov steps for λmax(FᵀF).
pub const GRAM_STEPS: usize = 64;

/// 2/λmax(FᵀF) from a finished [`EiNetwork::gram_arnoldi`].
pub fn eta_bound_of(a: &Arnoldi) -> f64 {
    2.0 / a.ritz_values().iter().map(|z| z.0).fold(0.0, f64::max)
}

/// An Arnoldi iteration on an n × n operator, one step (one product with it) at a time, so a
/// page can spread a large one over frames. Its Ritz values approximate the operator's outer
/// eigenvalues first.
#[derive(Clone, Debug)]
pub struct Arnoldi {
    q: Vec<DVector<f64>>,
    h: DMatrix<f64>,
    m: usize,
    size: usize,
}

impl Arnoldi {
    pub fn new(n: usize, m: usize) -> Arnoldi {
        let m = m.min(n);
        // A fixed start vector with every component nonzero and no symmetry (no rng needed).
        let start = DVector::from_fn(n, |i, _| 1.0 + ((i * 7919) % 97) as f64 / 97.0);
        Arnoldi { q: vec![&start / start.norm()], h: DMatrix::zeros(m + 1, m), m, size: 0 }
    }

    /// Steps taken, and the most it takes.
    pub fn progress(&self) -> (usize, usize) {
        (self.size, self.m)
    }

    /// All `m` steps taken, or the Krylov space closed.
    pub fn done(&self) -> bool {
        self.size == self.m || self.q.len() == self.size
    }

    /// One step: `apply` is the operator's product with a vector.
    pub fn step(&mut self, apply: impl Fn(&DVector<f64>) -> DVector<f64>) {
        let j = self.size;
        let mut v = apply(&self.q[j]);
        // Modified Gram–Schmidt, twice (one pass loses orthogonality near convergence).
        for _ in 0..2 {
            for (i, qi) in self.q.iter().enumerate() {
                let c = qi.dot(&v);
                self.h[(i, j)] += c;
                v.axpy(-c, qi, 1.0);
            }
        }
        let norm = v.norm();
        self.h[(j + 1, j)] = norm;
        self.size = j + 1;
        // Otherwise the Krylov space is invariant: its Ritz values are exact eigenvalues.
        if norm > 1e-12 * (1.0 + self.h.column(j).amax()) {
            self.q.push(v / norm);
        }
    }

    /// The Ritz values so far, as (re, im) pairs.
    pub fn ritz_values(&self) -> Vec<(f64, f64)> {
        // nalgebra's plain `complex_eigenvalues` iterates without limit, and the QR iteration can
        // stall on the near-repeated eigenvalues of a learned projector: bound it, and on a stall
        // take the Ritz values of one Arnoldi step fewer (still the outer spectrum).
        for k in (1..=self.size).rev() {
            let square = self.h.view((0, 0), (k, k)).into_owned();
            if let Some(schur) = nalgebra::linalg::Schur::try_new(square, f64::EPSILON, 1000) {
                return schur.complex_eigenvalues().iter().map(|z| (z.re, z.im)).collect();
            }
        }
        vec![(self.h[(0, 0)], 0.0)]
    }
}
