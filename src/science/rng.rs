//! Seeded randomness that draws the same numbers natively and in wasm.
//!
//! ChaCha8 is portable; the Gaussian uses `libm`'s `ln`/`cos` (std's differ between the targets;
//! std's `sqrt` does not: it is correctly rounded everywhere) and indices are drawn as `u32`
//! (rand 0.8 samples `usize` differently on 32-bit wasm).

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
        (-2.0 * libm::log(u1)).sqrt() * libm::cos(std::f64::consts::TAU * u2)
    }
}

/// A fast integer stream (xorshift64*) seeded by one ChaCha draw, for the hottest loops: the
/// sample picked at each online step and the order of each Hopfield sweep. A ChaCha draw per
/// step costs more than the step itself in wasm (no SIMD path there). Integer-only, so native
/// and wasm agree.
#[derive(Clone, Copy, Debug)]
pub struct Quick {
    state: u64,
    start: u64,
}

impl Quick {
    pub fn seeded(rng: &mut Rng) -> Quick {
        let s = rng.u64() | 1;
        Quick { state: s, start: s }
    }

    /// Back to the first draw.
    pub fn rewind(&mut self) {
        self.state = self.start;
    }

    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) as u32
    }

    /// Uniform in 0..n: r·n / 2³², biased by less than n / 2³² (10⁻⁵ at n = 4096).
    #[inline]
    pub fn index(&mut self, n: u32) -> u32 {
        ((self.next_u32() as u64 * n as u64) >> 32) as u32
    }
}
