//! Why PC1: on the circle of unit directions w(φ) = (cos φ, sin φ), the variance a neuron
//! captures, the information its noisy output carries about a Gaussian input (Linsker 1988), and
//! Oja's averaged flow restricted to the circle, whose only stable fixed points are ±e₁.
//! Explicit normalisation, Oja's starting point (Oja 1982), is here as the rule Oja's expands.

use crate::science::rules::{dot, mat_vec, norm};

/// The unit direction at angle φ.
pub fn direction(phi: f64) -> [f64; 2] {
    [libm::cos(phi), libm::sin(phi)]
}

/// The variance of y = w·x along a unit w: R = wᵀCw.
pub fn captured(cov: &[[f64; 2]; 2], w: &[f64; 2]) -> f64 {
    dot(w, &mat_vec(cov, w))
}

/// The mutual information (nats) between a Gaussian input and y = w·x + n, with output noise n of
/// variance σ²: I = ½ ln(1 + R/σ²). It rises with R, so on the circle it peaks where R does.
pub fn information(r: f64, sigma: f64) -> f64 {
    0.5 * libm::log1p(r / (sigma * sigma))
}

/// One averaged step of the dot on the circle: Oja's averaged update η(Cu − (uᵀCu)u), which is
/// tangent to the circle at a unit u, then back onto the circle. On the circle the flow is
/// dφ/dt = η u⊥ᵀCu = −½η(λ1 − λ2) sin 2(φ − φ1): zero at ±e1 and ±e2, towards ±e1 everywhere
/// else. No trigonometry, since the run takes up to 10⁵ of these steps a frame.
pub fn circle_step(cov: &[[f64; 2]; 2], u: &mut [f64; 2], eta: f64) {
    let cu = mat_vec(cov, u);
    let r = dot(u, &cu);
    let v = [u[0] + eta * (cu[0] - r * u[0]), u[1] + eta * (cu[1] - r * u[1])];
    let n = norm(&v);
    if n > 0.0 && n.is_finite() {
        *u = [v[0] / n, v[1] / n];
    }
}

/// The linearised rate at the fixed point e_k of a perturbation along e_j: η(λ_j − λ_k) per step.
/// Negative (it dies) only when λ_j < λ_k, so only the top eigenvector survives every perturbation.
pub fn linear_rate(lambda_j: f64, lambda_k: f64, eta: f64) -> f64 {
    eta * (lambda_j - lambda_k)
}

/// Explicit normalisation, online: w ← (w + ηyx)/|w + ηyx|, y = w·x. Expanding the division to
/// first order in η gives Oja's rule; the two differ by O(η²) per step. A zero sum (measure
/// zero) keeps w. Any dimension: `abstraction` runs it in d dimensions.
pub fn explicit_step<const D: usize>(w: &mut [f64; D], x: &[f64; D], eta: f64) {
    let y = dot(w, x);
    let mut v = *w;
    for i in 0..D {
        v[i] += eta * y * x[i];
    }
    let n = norm(&v);
    if n > 0.0 && n.is_finite() {
        for i in 0..D {
            w[i] = v[i] / n;
        }
    }
}

/// `k` samples of the polar curves over [0, 2π): records (φ, R(φ), I(φ)).
pub fn curves(cov: &[[f64; 2]; 2], sigma: f64, k: usize, out: &mut Vec<f64>) {
    out.clear();
    for i in 0..k {
        let phi = std::f64::consts::TAU * i as f64 / k as f64;
        let r = captured(cov, &direction(phi));
        out.extend_from_slice(&[phi, r, information(r, sigma)]);
    }
}

/// The smallest angle in degrees (0–90) between the line of w and the line of e.
pub fn line_angle(w: &[f64; 2], e: &[f64; 2]) -> f64 {
    let along = dot(w, e).abs();
    let across = (w[0] * e[1] - w[1] * e[0]).abs();
    libm::atan2(across, along).to_degrees()
}
