//! Many neurons learning from d-dimensional data (docs/science.md: gha, subspace, similarity): y = W x with W of k rows.
//!
//! - GHA / Sanger: ΔW = η (y xᵀ − LT[y yᵀ] W): rows → ±e1, ±e2, … in order.
//! - Oja subspace: ΔW = η (y xᵀ − y yᵀ W): rows span the top-k subspace, in any rotation.
//! - Similarity matching: y = M⁻¹ W x, ΔW = η (y xᵀ − W), ΔM = (η/τ)(y yᵀ − M): eig(M) → top-k
//!   eigenvalues of C, and F = M⁻¹ W spans the principal subspace with F Fᵀ = I.
//!
//! Matrices are small (d ≤ 16) and row-major in plain vectors; a step allocates nothing.

use crate::science::rng::Rng;
use nalgebra::{DMatrix, SymmetricEigen};

/// Zero-mean Gaussian data with a chosen spectrum along a seeded random orthonormal basis.
#[derive(Clone, Debug)]
pub struct Spectrum {
    pub d: usize,
    /// Variances along the basis, descending.
    pub lambdas: Vec<f64>,
    /// Row k is the unit eigenvector e_k.
    pub basis: Vec<f64>,
}

impl Spectrum {
    /// λ_k = top · ratio^k along a random orthonormal basis (Gram–Schmidt of Gaussian vectors).
    pub fn geometric(d: usize, top: f64, ratio: f64, rng: &mut Rng) -> Spectrum {
        let lambdas = (0..d).map(|k| top * libm::pow(ratio, k as f64)).collect();
        let mut basis = vec![0.0; d * d];
        for k in 0..d {
            loop {
                let mut v: Vec<f64> = (0..d).map(|_| rng.gaussian()).collect();
                for j in 0..k {
                    let e = &basis[j * d..(j + 1) * d];
                    let c: f64 = v.iter().zip(e).map(|(a, b)| a * b).sum();
                    v.iter_mut().zip(e).for_each(|(a, b)| *a -= c * b);
                }
                let n = libm::sqrt(v.iter().map(|a| a * a).sum::<f64>());
                if n > 1e-6 {
                    basis[k * d..(k + 1) * d].iter_mut().zip(&v).for_each(|(b, a)| *b = a / n);
                    break;
                }
            }
        }
        Spectrum { d, lambdas, basis }
    }

    /// x = Σ_k √λ_k z_k e_k, z standard normal.
    pub fn sample(&self, rng: &mut Rng, x: &mut [f64]) {
        x.fill(0.0);
        for k in 0..self.d {
            let a = libm::sqrt(self.lambdas[k]) * rng.gaussian();
            x.iter_mut().zip(&self.basis[k * self.d..(k + 1) * self.d]).for_each(|(xi, e)| *xi += a * e);
        }
    }

    pub fn e(&self, k: usize) -> &[f64] {
        &self.basis[k * self.d..(k + 1) * self.d]
    }

    /// The projector onto the top-k eigenvectors, d × d.
    pub fn top_projector(&self, k: usize) -> DMatrix<f64> {
        let e = DMatrix::from_row_slice(k, self.d, &self.basis[..k * self.d]);
        e.transpose() * e
    }
}

/// The three rules of this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManyRule {
    Gha,
    Subspace,
    Similarity,
}

/// k neurons with weights W (k × d, row-major) and, for similarity matching, lateral M (k × k).
#[derive(Clone, Debug)]
pub struct Population {
    pub k: usize,
    pub d: usize,
    pub w: Vec<f64>,
    pub m: Vec<f64>,
    y: Vec<f64>,
    /// Scratch for (W x) and for solving M y = W x.
    wx: Vec<f64>,
    lu: Vec<f64>,
    /// Scratch for the back-projection Σ_j y_j w_j.
    back: Vec<f64>,
}

impl Population {
    /// Small random weights; M = I.
    pub fn new(k: usize, d: usize, rng: &mut Rng) -> Population {
        let w = (0..k * d).map(|_| 0.1 * rng.gaussian()).collect();
        let m = (0..k * k).map(|i| if i / k == i % k { 1.0 } else { 0.0 }).collect();
        Population { k, d, w, m, y: vec![0.0; k], wx: vec![0.0; k], lu: vec![0.0; k * k], back: vec![0.0; d] }
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.w[i * self.d..(i + 1) * self.d]
    }

    fn project(&mut self, x: &[f64]) {
        for i in 0..self.k {
            self.wx[i] = self.w[i * self.d..(i + 1) * self.d].iter().zip(x).map(|(a, b)| a * b).sum();
        }
    }

    /// One online step of the rule on sample x.
    pub fn step(&mut self, rule: ManyRule, x: &[f64], eta: f64, tau: f64) {
        let (k, d) = (self.k, self.d);
        self.project(x);
        match rule {
            ManyRule::Gha | ManyRule::Subspace => {
                self.y.copy_from_slice(&self.wx);
                // Row i: Δw_i = η y_i (x − Σ_j y_j w_j), the sum over j ≤ i (GHA) or over all
                // rows (subspace), always of the rows before this step.
                self.back.fill(0.0);
                if rule == ManyRule::Subspace {
                    for j in 0..k {
                        add_scaled(&mut self.back, &self.w[j * d..(j + 1) * d], self.y[j]);
                    }
                }
                for i in 0..k {
                    let row = &mut self.w[i * d..(i + 1) * d];
                    if rule == ManyRule::Gha {
                        add_scaled(&mut self.back, row, self.y[i]);
                    }
                    for c in 0..d {
                        row[c] += eta * self.y[i] * (x[c] - self.back[c]);
                    }
                }
            }
            ManyRule::Similarity => {
                solve(&self.m, &self.wx, &mut self.y, &mut self.lu, k);
                for i in 0..k {
                    let yi = self.y[i];
                    for (w, &xc) in self.w[i * d..(i + 1) * d].iter_mut().zip(x) {
                        *w += eta * (yi * xc - *w);
                    }
                    for (m, &yj) in self.m[i * k..(i + 1) * k].iter_mut().zip(&self.y) {
                        *m += eta / tau * (yi * yj - *m);
                    }
                }
            }
        }
    }

    /// The filters F whose rows map x to y: W itself, or M⁻¹ W for similarity matching.
    pub fn filters(&self, rule: ManyRule) -> DMatrix<f64> {
        let w = DMatrix::from_row_slice(self.k, self.d, &self.w);
        if rule != ManyRule::Similarity {
            return w;
        }
        let m = DMatrix::from_row_slice(self.k, self.k, &self.m);
        m.try_inverse().map_or(w.clone(), |inv| inv * w)
    }

    /// Eigenvalues of the lateral matrix M, descending.
    pub fn m_eigenvalues(&self) -> Vec<f64> {
        let m = DMatrix::from_row_slice(self.k, self.k, &self.m);
        let sym = (&m + m.transpose()) * 0.5;
        let mut ev: Vec<f64> = SymmetricEigen::new(sym).eigenvalues.iter().copied().collect();
        ev.sort_by(|a, b| b.total_cmp(a));
        ev
    }
}

fn add_scaled(acc: &mut [f64], v: &[f64], c: f64) {
    acc.iter_mut().zip(v).for_each(|(a, b)| *a += c * b);
}

/// Solves M y = b for a small k × k matrix by Gaussian elimination with partial pivoting,
/// in the scratch `lu` (no allocation). A singular M leaves y = b.
fn solve(m: &[f64], b: &[f64], y: &mut [f64], lu: &mut [f64], k: usize) {
    lu.copy_from_slice(m);
    y.copy_from_slice(b);
    for c in 0..k {
        let p = (c..k).max_by(|&i, &j| lu[i * k + c].abs().total_cmp(&lu[j * k + c].abs())).unwrap_or(c);
        if lu[p * k + c].abs() < 1e-300 {
            y.copy_from_slice(b);
            return;
        }
        if p != c {
            for j in 0..k {
                lu.swap(p * k + j, c * k + j);
            }
            y.swap(p, c);
        }
        for r in c + 1..k {
            let f = lu[r * k + c] / lu[c * k + c];
            for j in c..k {
                lu[r * k + j] -= f * lu[c * k + j];
            }
            y[r] -= f * y[c];
        }
    }
    for c in (0..k).rev() {
        let s: f64 = (c + 1..k).map(|j| lu[c * k + j] * y[j]).sum();
        y[c] = (y[c] - s) / lu[c * k + c];
    }
}

/// Degrees between the line of `a` and the line of `b`.
pub fn line_angle(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = libm::sqrt(a.iter().map(|x| x * x).sum::<f64>());
    let nb = libm::sqrt(b.iter().map(|x| x * x).sum::<f64>());
    libm::acos((dot.abs() / (na * nb)).min(1.0)).to_degrees()
}
