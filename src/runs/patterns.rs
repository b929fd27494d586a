//! What the pattern-storing runs (`hopfield`, `modern`, `ei`) share: their patterns, the noisy
//! cue, and the f64 copies JS reads without copying.

use crate::params::Params;
use crate::science::hopfield;
use crate::science::letters;
use crate::science::rng::{Rng, Stream};

/// Patterns of the widget (letters or seeded random), P × N, ±1.
pub fn stored_patterns(p: &Params) -> Vec<i8> {
    let (side, count) = (p.num("side") as usize, p.num("p") as usize);
    if p.text("patterns") == "letters" {
        letters::patterns(count, side)
    } else {
        hopfield::random_patterns(count, side * side, &mut Rng::new(p.seed(), Stream::Data))
    }
}

/// The cue: pattern `cue` with a `noise` fraction of bits flipped, seeded.
pub fn noisy_cue(patterns: &[i8], n: usize, p: &Params) -> (usize, Vec<i8>) {
    let mu = (p.num("cue") as usize).clamp(1, patterns.len() / n) - 1;
    let mut order = Vec::new();
    let cue = hopfield::corrupt(
        &patterns[mu * n..(mu + 1) * n],
        p.num("noise"),
        &mut Rng::new(p.seed(), Stream::Start),
        &mut order,
    );
    (mu, cue)
}

pub fn as_f64(v: &[i8]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

/// How many stored patterns get a thumbnail (the `patterns` buffer): P may reach thousands.
pub const THUMBNAILS: usize = 32;

pub fn thumbnails(patterns: &[i8], n: usize) -> Vec<f64> {
    as_f64(&patterns[..patterns.len().min(THUMBNAILS * n)])
}
