//! The one-neuron learning rules of docs/science.md: hebb, decay, oja, y = w·x.
//!
//! Online: one sample per call. Averaged: the expected update E[Δw] for covariance C, which is
//! what the flow field draws and what the exact-rate tests check.

/// The one-neuron rules, as chosen by `kind` = hebb | decay | oja.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rule {
    Hebb,
    Decay,
    Oja,
}

#[inline]
pub fn dot<const D: usize>(a: &[f64; D], b: &[f64; D]) -> f64 {
    let mut s = 0.0;
    for i in 0..D {
        s += a[i] * b[i];
    }
    s
}

/// std's sqrt, not libm's: IEEE sqrt is correctly rounded, so every target gives the same bits,
/// and wasm then has one instruction for it (libm's is a software loop there).
pub fn norm<const D: usize>(a: &[f64; D]) -> f64 {
    dot(a, a).sqrt()
}

/// Plain Hebb: Δw = η y x.
#[inline]
pub fn hebb_step<const D: usize>(w: &mut [f64; D], x: &[f64; D], eta: f64) {
    let y = dot(w, x);
    for i in 0..D {
        w[i] += eta * y * x[i];
    }
}

/// Hebb with linear decay: Δw = η (y x − α w).
#[inline]
pub fn decay_step<const D: usize>(w: &mut [f64; D], x: &[f64; D], eta: f64, alpha: f64) {
    let y = dot(w, x);
    for i in 0..D {
        w[i] += eta * (y * x[i] - alpha * w[i]);
    }
}

/// Oja: Δw = η y (x − y w).
#[inline]
pub fn oja_step<const D: usize>(w: &mut [f64; D], x: &[f64; D], eta: f64) {
    let y = dot(w, x);
    for i in 0..D {
        w[i] += eta * y * (x[i] - y * w[i]);
    }
}

/// C w for a symmetric C.
pub fn mat_vec<const D: usize>(c: &[[f64; D]; D], w: &[f64; D]) -> [f64; D] {
    let mut out = [0.0; D];
    for i in 0..D {
        out[i] = dot(&c[i], w);
    }
    out
}

/// The averaged update E[Δw] over data with covariance C:
/// Hebb η C w; decay η (C w − α w); Oja η (C w − (wᵀ C w) w).
pub fn averaged_update<const D: usize>(rule: Rule, w: &[f64; D], c: &[[f64; D]; D], eta: f64, alpha: f64) -> [f64; D] {
    let cw = mat_vec(c, w);
    let shrink = match rule {
        Rule::Hebb => 0.0,
        Rule::Decay => alpha,
        Rule::Oja => dot(w, &cw),
    };
    let mut out = [0.0; D];
    for i in 0..D {
        out[i] = eta * (cw[i] - shrink * w[i]);
    }
    out
}

/// One step of the averaged map w ← w + E[Δw].
pub fn averaged_step<const D: usize>(rule: Rule, w: &mut [f64; D], c: &[[f64; D]; D], eta: f64, alpha: f64) {
    let dw = averaged_update(rule, w, c, eta, alpha);
    for i in 0..D {
        w[i] += dw[i];
    }
}

/// The averaged map's factors (μ1, μ2) along e1 and e2 (docs/science.md#eigen): one averaged
/// step sends w·e_k → μ_k w·e_k. Hebb and decay are linear, μ_k = 1 − η(α − λ_k) with α = 0 for
/// Hebb. Oja's brake wᵀCw acts like a decay α that depends on w; at its fixed point w = ±e1 it
/// equals λ1, giving μ1 = 1 and μ2 = 1 − η(λ1 − λ2).
pub fn eigen_factors(rule: Rule, eta: f64, alpha: f64, lambda1: f64, lambda2: f64) -> [f64; 2] {
    let alpha = match rule {
        Rule::Hebb => 0.0,
        Rule::Decay => alpha,
        Rule::Oja => lambda1,
    };
    [1.0 - eta * (alpha - lambda1), 1.0 - eta * (alpha - lambda2)]
}

/// The predicted slopes of the eigen chart, per averaged step, from the factors μ: for Hebb and
/// decay ln|w·e_k| rises by ln|μ_k| (the two entries); for Oja ln|w·e2/w·e1| changes by
/// ln|μ2/μ1| ≈ −η(λ1 − λ2) near the fixed point (both entries, one line to draw).
pub fn eigen_log_slopes(rule: Rule, mu: [f64; 2]) -> [f64; 2] {
    let ln_abs = |v: f64| libm::log(v.abs());
    match rule {
        Rule::Oja => [ln_abs(mu[1] / mu[0]); 2],
        _ => [ln_abs(mu[0]), ln_abs(mu[1])],
    }
}

/// Where the online decay rule tips from growing to dying: the α at which the mean log growth of
/// |w| per sample is 0, to second order in η. One sample multiplies the part of w along e1 by
/// about 1 − ηα + η z² (z = x·e1), and E[ln] falls short of ln E by Jensen: the online rate is
/// η(λ1 − α) − ½η²(E[z⁴] − λ1²) near α = λ1, against ln(1 + η(λ1 − α)) for the averaged map (the
/// wobble of w around e1 costs η²E[z²(x·e2)²]/2 and the cross term gives it back). So
/// α* = λ1 − ½ η Var(z²), which is λ1 − η λ1² for Gaussian data: a little below λ1.
pub fn decay_online_tipping_point(lambda1: f64, fourth1: f64, eta: f64) -> f64 {
    lambda1 - 0.5 * eta * (fourth1 - lambda1 * lambda1)
}
