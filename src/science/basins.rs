//! Where classic recall works (docs/science.md#basins): recall from a cue with starting overlap
//! m₀ at load P/N counts as a success when it ends within 1 % wrong bits. The network, its
//! storage and its recall are the capacity figure's (`hopfield`); this file holds only what
//! the phase diagram adds: the cue for an overlap, the success test and the two edges read off
//! the diagram.

/// Recall succeeds when at most this fraction of bits is wrong at its end.
pub const RECALLED: f64 = 0.01;

/// α_c of the AGS theory as `hopfield::ags_critical_load` finds it (0.137906; the claim test
/// holds the two together). That bisection takes ~60 ms natively, too long for a frame.
pub const ALPHA_C: f64 = 0.137906;

/// The essay's example: 30 patterns, cued with 20 % of the bits flipped.
pub const ESSAY_PATTERNS: f64 = 30.0;
pub const ESSAY_NOISE: f64 = 0.2;

/// The fraction of bits to flip for a cue of overlap m₀ with its pattern: flipping a fraction f
/// leaves m₀ = 1 − 2f, so f = (1 − m₀)/2.
pub fn cue_noise(m0: f64) -> f64 {
    (1.0 - m0.clamp(-1.0, 1.0)) / 2.0
}

/// The overlap of a cue with that fraction of bits flipped, m₀ = 1 − 2f.
pub fn cue_overlap(noise: f64) -> f64 {
    1.0 - 2.0 * noise
}

/// Whether a recall that ended with this fraction of wrong bits counts as recalled.
pub fn recalled(wrong_bits: f64) -> bool {
    wrong_bits <= RECALLED
}

/// Where a success fraction falls through ½ along a line of settings, walking from the end
/// where recall is easiest (`xs[0]`) towards the hardest, interpolated linearly between the
/// last setting that recalls in at least half the trials and the first that does not. The
/// last setting when every one recalls; None when the first does not.
pub fn half_crossing(xs: &[f64], success: &[f64]) -> Option<f64> {
    if success.first().is_none_or(|&s| s < 0.5) {
        return None;
    }
    let Some(i) = success.iter().position(|&s| s < 0.5) else {
        return xs.last().copied();
    };
    let (x0, x1, s0, s1) = (xs[i - 1], xs[i], success[i - 1], success[i]);
    Some(x0 + (x1 - x0) * (s0 - 0.5) / (s0 - s1))
}
