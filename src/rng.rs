//! Seeded randomness that draws the same numbers natively and in wasm.
//!
//! ChaCha8 is portable; the Gaussian uses `libm` (std's `ln`/`cos` differ between the targets)
//! and indices are drawn as `u32` (rand 0.8 samples `usize` differently on 32-bit wasm).

use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Independent streams of one seed, so that e.g. a new `n` does not change the start weight.
#[derive(Clone, Copy)]
pub enum Stream {
    Data = 0,
    Samples = 1,
    Start = 2,
}

#[derive(Clone, Debug)]
pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn new(seed: u32, stream: Stream) -> Rng {
        Rng::with_stream(seed, stream as u64)
    }

    /// Stream numbers past the named ones (e.g. one per capacity trial).
    pub fn with_stream(seed: u32, stream: u64) -> Rng {
        let mut r = ChaCha8Rng::seed_from_u64(seed as u64);
        r.set_stream(stream);
        Rng(r)
    }

    /// Back to the first draw of this seed and stream.
    pub fn rewind(&mut self) {
        self.0.set_word_pos(0);
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0.gen::<f64>()
    }

    pub fn u64(&mut self) -> u64 {
        self.0.gen::<u64>()
    }

    /// Uniform index in 0..n (n ≥ 1).
    pub fn index(&mut self, n: u32) -> u32 {
        self.0.gen_range(0..n)
    }

    /// Standard normal draw (Box–Muller).
    pub fn gaussian(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1]: ln stays finite
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(std::f64::consts::TAU * u2)
    }
}
