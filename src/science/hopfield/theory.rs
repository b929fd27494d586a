//! The theory the capacity widget is held to: the Amit–Gutfreund–Sompolinsky retrieval state and
//! the loads of perfect recall.

/// Standard normal CDF Φ.
pub fn phi(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Amit–Gutfreund–Sompolinsky replica-symmetric theory at zero temperature: the retrieval
/// overlap m(α) solves m = erf(y), with y = m / √(2αr) the largest root of
/// erf(y) = y (√(2α) + (2/√π) e^{−y²}). None when no retrieval state exists (α > α_c).
pub fn ags_overlap(alpha: f64) -> Option<f64> {
    if alpha <= 0.0 {
        return Some(1.0);
    }
    let g = |y: f64| libm::erf(y) - y * ((2.0 * alpha).sqrt() + 2.0 / std::f64::consts::PI.sqrt() * libm::exp(-y * y));
    // g < 0 for large y; scan down from there to the first sign change, then bisect.
    let (mut hi, step) = (6.0, 0.001);
    let mut lo = hi - step;
    while lo > 0.05 {
        if g(lo) > 0.0 {
            for _ in 0..60 {
                let mid = 0.5 * (lo + hi);
                if g(mid) > 0.0 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return Some(libm::erf(0.5 * (lo + hi)));
        }
        hi = lo;
        lo -= step;
    }
    None
}

/// Predicted fraction of wrong bits in the retrieval state, (1 − m)/2; ½ past α_c.
pub fn ags_wrong_bits(alpha: f64) -> f64 {
    ags_overlap(alpha).map_or(0.5, |m| (1.0 - m) / 2.0)
}

/// The loads of perfect recall (McEliece, Posner, Rodemich & Venkatesh 1987): a given stored
/// pattern is a fixed point with no wrong bit, with probability → 1 as N grows, up to
/// P = N/(2 ln N); all of them at once up to N/(4 ln N). Far below the critical load: there,
/// retrieval tolerates a few per cent of wrong bits. Returns (one, all) as loads P/N.
pub fn perfect_recall_loads(n: usize) -> (f64, f64) {
    let ln_n = libm::log(n as f64);
    (1.0 / (2.0 * ln_n), 1.0 / (4.0 * ln_n))
}

/// The critical load P/N where the retrieval solution disappears (≈ 0.138), by bisection.
pub fn ags_critical_load() -> f64 {
    let (mut lo, mut hi) = (0.05, 0.3);
    for _ in 0..50 {
        let mid = 0.5 * (lo + hi);
        if ags_overlap(mid).is_some() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}
