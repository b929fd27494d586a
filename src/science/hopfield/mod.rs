//! Classic Hopfield network (docs/science.md#hopfield): ±1 neurons, Hebbian storage W = Σ_μ ξ^μ ξ^μᵀ with
//! zero diagonal, asynchronous and synchronous recall.
//!
//! Weights are small integers (the 1/N of W = (1/N) Σ ξξᵀ does not change any sign, so it is
//! applied only where a value is shown: energy). The local fields h = W s are kept up to date
//! incrementally: a flip of neuron j adds −2 s_j · (row j of W) to h, one pass over N integers
//! in wasm SIMD (see `lanes`), instead of recomputing W s.

use crate::science::rng::{Quick, Rng};

#[derive(Clone, Debug)]
pub struct Hopfield {
    n: usize,
    /// Stored patterns, P × N, ±1.
    patterns: Vec<i8>,
    /// W_ij = Σ_μ ξ_i ξ_j, W_ii = 0; |W_ij| ≤ P ≤ 32,767.
    w: Vec<i16>,
    /// The state, ±1.
    s: Vec<i8>,
    /// h = W s.
    h: Vec<i32>,
    /// The overlaps ξ^ν · s while the fields are computed through them (a reused buffer).
    m: Vec<i32>,
    /// The patterns' signs in planes of 8 patterns: bit ν mod 8 of planes[⌊ν/8⌋ N + i] is set
    /// where ξ^ν_i = +1. Made when rows of W are built from the patterns; `planes_fresh` is
    /// false once the patterns have changed since.
    planes: Vec<u8>,
    planes_fresh: bool,
    /// Per neuron, in how many patterns of a few planes it differs from the row's neuron (a
    /// reused buffer of `build_rows`).
    differ: Vec<u8>,
}

impl Hopfield {
    /// An empty network of `n` neurons, all at −1.
    pub fn new(n: usize) -> Hopfield {
        Hopfield {
            n,
            patterns: Vec::new(),
            w: vec![0; n * n],
            s: vec![-1; n],
            h: vec![0; n],
            m: Vec::new(),
            planes: Vec::new(),
            planes_fresh: false,
            differ: Vec::new(),
        }
    }

    pub fn n(&self) -> usize {
        self.n
    }

    pub fn len(&self) -> usize {
        self.patterns.len() / self.n.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    pub fn pattern(&self, mu: usize) -> &[i8] {
        &self.patterns[mu * self.n..(mu + 1) * self.n]
    }

    pub fn patterns(&self) -> &[i8] {
        &self.patterns
    }

    pub fn state(&self) -> &[i8] {
        &self.s
    }

    pub fn weights(&self) -> &[i16] {
        &self.w
    }

    /// Adds ξξᵀ (zero diagonal) to W. Refused (false) past 32,767 patterns, where i16 could wrap.
    pub fn store(&mut self, xi: &[i8]) -> bool {
        if xi.len() != self.n || self.len() >= i16::MAX as usize {
            return false;
        }
        self.patterns.extend_from_slice(xi);
        self.planes_fresh = false;
        self.outer(xi, 1);
        self.refresh_fields();
        true
    }

    /// Removes pattern μ (subtracts its outer product).
    pub fn forget(&mut self, mu: usize) -> bool {
        if mu >= self.len() {
            return false;
        }
        let xi: Vec<i8> = self.pattern(mu).to_vec();
        self.outer(&xi, -1);
        self.patterns.drain(mu * self.n..(mu + 1) * self.n);
        self.planes_fresh = false;
        self.refresh_fields();
        true
    }

    /// Replaces the whole memory with these patterns (P × N), reusing the buffers.
    pub fn store_all(&mut self, patterns: &[i8]) {
        self.set_patterns(patterns);
        self.build_rows(0..self.n);
        self.refresh_fields();
    }

    /// Takes these patterns as the memory without building W yet (see `build_rows`): a large
    /// network's W can then be built a few rows per frame.
    pub fn set_patterns(&mut self, patterns: &[i8]) {
        self.patterns.clear();
        self.patterns.extend_from_slice(&patterns[..patterns.len() / self.n * self.n]);
        self.planes_fresh = false;
    }

    /// Builds rows of W from the patterns, W_ij = Σ_ν ξ^ν_i ξ^ν_j (zero diagonal). With the
    /// signs packed 8 patterns to a byte, W_ij = P − 2·(patterns where i and j differ): a
    /// popcount per 8 patterns for 16 neurons at once instead of an addition per pattern. The
    /// fields are stale until the next `set_state`.
    pub fn build_rows(&mut self, rows: std::ops::Range<usize>) {
        let (n, p) = (self.n, self.len() as i16);
        if rows.is_empty() {
            return;
        }
        if !self.planes_fresh {
            self.pack_planes();
        }
        for i in rows {
            let row = &mut self.w[i * n..(i + 1) * n];
            row.fill(p);
            // Counts per neuron in bytes: at most 8 per plane, so 31 planes before they could wrap.
            for planes in self.planes.chunks(31 * n) {
                self.differ.clear();
                self.differ.resize(n, 0);
                for plane in planes.chunks_exact(n) {
                    lanes::add_differences(&mut self.differ, plane, plane[i]);
                }
                for (w, &d) in row.iter_mut().zip(&self.differ) {
                    *w -= 2 * d as i16;
                }
            }
            row[i] = 0;
        }
    }

    /// `planes` from the patterns (see there).
    fn pack_planes(&mut self) {
        let n = self.n;
        self.planes.clear();
        self.planes.resize(self.len().div_ceil(8) * n, 0);
        for (nu, xi) in self.patterns.chunks_exact(n).enumerate() {
            let bit = 1u8 << (nu % 8);
            for (b, &x) in self.planes[nu / 8 * n..(nu / 8 + 1) * n].iter_mut().zip(xi) {
                *b |= bit & ((x > 0) as u8).wrapping_neg();
            }
        }
        self.planes_fresh = true;
    }

    fn outer(&mut self, xi: &[i8], sign: i16) {
        let n = self.n;
        for i in 0..n {
            let a = xi[i] as i16 * sign;
            let row = &mut self.w[i * n..(i + 1) * n];
            for (wij, &xj) in row.iter_mut().zip(xi) {
                *wij += a * xj as i16;
            }
            row[i] = 0;
        }
    }

    /// Sets the state (values are read as signs; 0 counts as −1).
    pub fn set_state(&mut self, s: &[i8]) {
        for (dst, &v) in self.s.iter_mut().zip(s) {
            *dst = if v > 0 { 1 } else { -1 };
        }
        self.refresh_fields();
    }

    /// Flips one neuron by hand (painting a cue).
    pub fn flip(&mut self, i: usize) {
        self.apply_flip(i);
    }

    /// h = W s. With fewer patterns than neurons it is cheaper, and exactly equal in integers,
    /// to go through the patterns: W = Σ_ν ξ^ν ξ^νᵀ − P I, so h = Σ_ν ξ^ν (ξ^ν · s) − P s:
    /// O(PN) instead of O(N²).
    fn refresh_fields(&mut self) {
        let (n, p) = (self.n, self.len());
        if 2 * p < n {
            for (h, &s) in self.h.iter_mut().zip(&self.s) {
                *h = -(p as i32) * s as i32;
            }
            self.m.clear();
            self.m.extend(self.patterns.chunks_exact(n).map(|xi| lanes::dot_i8(xi, &self.s)));
            lanes::add_combination(&mut self.h, &self.patterns, &self.m);
        } else {
            for i in 0..n {
                self.h[i] = lanes::field(&self.w[i * n..(i + 1) * n], &self.s);
            }
        }
    }

    #[inline]
    fn apply_flip(&mut self, j: usize) {
        let n = self.n;
        let up = self.s[j] < 0;
        self.s[j] = -self.s[j];
        // W is symmetric: column j = row j.
        lanes::add_twice(&mut self.h, &self.w[j * n..(j + 1) * n], up);
    }

    /// Neuron i takes the sign of its field (a zero field keeps the state). Returns whether it
    /// flipped; each flip changes the energy by −2|h_i|/N ≤ 0.
    #[inline]
    pub fn update_neuron(&mut self, i: usize) -> bool {
        // One test, not two branches on signs (the sign of h is a coin toss for the predictor).
        let flips = opposes(self.h[i], self.s[i]);
        if flips {
            self.apply_flip(i);
        }
        flips
    }

    /// No neuron's field opposes its state (an update would flip nothing).
    pub fn is_stable(&self) -> bool {
        self.h.iter().zip(&self.s).fold(true, |ok, (&h, &s)| ok & !opposes(h, s))
    }

    /// One asynchronous sweep in the given order; returns the number of flips.
    pub fn sweep_async(&mut self, order: &[u32]) -> usize {
        order.iter().filter(|&&i| self.update_neuron(i as usize)).count()
    }

    /// One synchronous update: every neuron takes the sign of its current field at once.
    pub fn sweep_sync(&mut self) -> usize {
        let mut flips = 0;
        for i in 0..self.n {
            if opposes(self.h[i], self.s[i]) {
                self.s[i] = -self.s[i];
                flips += 1;
            }
        }
        if flips > 0 {
            self.refresh_fields();
        }
        flips
    }

    /// E = −½ sᵀ W s with W = (1/N) Σ ξξᵀ.
    pub fn energy(&self) -> f64 {
        let e: i64 = self.s.iter().zip(&self.h).map(|(&s, &h)| s as i64 * h as i64).sum();
        -0.5 * e as f64 / self.n as f64
    }

    /// m_μ = (1/N) Σ ξ^μ_i s_i.
    pub fn overlap(&self, mu: usize) -> f64 {
        overlap(self.pattern(mu), &self.s)
    }

    /// Fraction of neurons whose sign differs from `target`.
    pub fn wrong_bits(&self, target: &[i8]) -> f64 {
        let wrong = self.s.iter().zip(target).filter(|(a, b)| a != b).count();
        wrong as f64 / self.n as f64
    }

    /// The field of neuron i (integer units: N times the field of W = (1/N) Σ ξξᵀ).
    pub fn field(&self, i: usize) -> i32 {
        self.h[i]
    }
}

/// A field of the other sign than the state (s = ±1; no overflow: |h| ≤ (N − 1) P < 2³¹).
#[inline]
fn opposes(h: i32, s: i8) -> bool {
    h * (s as i32) < 0
}

mod lanes;
mod theory;

pub use theory::*;

pub fn overlap(a: &[i8], b: &[i8]) -> f64 {
    let dot: i32 = a.iter().zip(b).map(|(&x, &y)| x as i32 * y as i32).sum();
    dot as f64 / a.len() as f64
}

/// P seeded random ±1 patterns of N bits, P × N.
pub fn random_patterns(p: usize, n: usize, rng: &mut Rng) -> Vec<i8> {
    let mut out = Vec::new();
    fill_random(&mut out, p * n, rng);
    out
}

/// A copy of `xi` with exactly round(noise · N) bits flipped, chosen at random.
pub fn corrupt(xi: &[i8], noise: f64, rng: &mut Rng, order: &mut Vec<u32>) -> Vec<i8> {
    let mut out = xi.to_vec();
    let k = libm::round(noise.clamp(0.0, 1.0) * xi.len() as f64) as usize;
    shuffle(order, xi.len(), rng);
    for &i in &order[..k] {
        out[i as usize] = -out[i as usize];
    }
    out
}

/// A fresh random permutation of 0..n in `order` (Fisher–Yates), its swaps drawn from a
/// [`Quick`] stream that one ChaCha draw seeds.
pub fn shuffle(order: &mut Vec<u32>, n: usize, rng: &mut Rng) {
    order.clear();
    order.extend(0..n as u32);
    let mut q = Quick::seeded(rng);
    for i in (1..n).rev() {
        order.swap(i, q.index(i as u32 + 1) as usize);
    }
}

/// sgn(ξ¹ + ξ² + ξ³): the symmetric mixture state, a spurious attractor.
pub fn mixture3(a: &[i8], b: &[i8], c: &[i8]) -> Vec<i8> {
    a.iter().zip(b).zip(c).map(|((&x, &y), &z)| if x as i32 + y as i32 + z as i32 > 0 { 1 } else { -1 }).collect()
}

/// Recall by asynchronous sweeps from the current state until a sweep flips nothing or
/// `max_sweeps` have run; returns the sweeps done.
pub fn recall_async(net: &mut Hopfield, max_sweeps: usize, rng: &mut Rng, order: &mut Vec<u32>) -> usize {
    let mut sweeps = 0;
    recall_sweeps(net, max_sweeps, &mut sweeps, max_sweeps, rng, order);
    sweeps
}

/// Up to `budget` more sweeps of that recall, each in a fresh random order, counted in `sweeps`:
/// true once a sweep flips nothing or `max_sweeps` have run. Lets a long recall be spread over
/// frames with the same sweeps in the same order as one call.
pub fn recall_sweeps(
    net: &mut Hopfield,
    budget: usize,
    sweeps: &mut usize,
    max_sweeps: usize,
    rng: &mut Rng,
    order: &mut Vec<u32>,
) -> bool {
    for _ in 0..budget {
        *sweeps += 1;
        // From a fixed point a sweep flips nothing in any order, so its order is not made; its
        // seed is still drawn, which keeps the stream where `shuffle` would leave it.
        let flips = if net.is_stable() {
            Quick::seeded(rng);
            0
        } else {
            shuffle(order, net.n(), rng);
            net.sweep_async(order)
        };
        if flips == 0 || *sweeps >= max_sweeps {
            return true;
        }
    }
    false
}

/// One capacity trial: `p` fresh random patterns stored in `net`, then recall from every one of
/// them (at most `max_sweeps` asynchronous sweeps). Returns the mean wrong-bit fraction and the
/// fraction of patterns recalled perfectly. Buffers are reused: no allocation once warm.
pub fn capacity_trial(
    net: &mut Hopfield,
    p: usize,
    max_sweeps: usize,
    rng: &mut Rng,
    patterns: &mut Vec<i8>,
    order: &mut Vec<u32>,
) -> (f64, f64) {
    let n = net.n();
    fill_random(patterns, p * n, rng);
    net.store_all(patterns);
    let (mut wrong, mut perfect) = (0.0, 0.0);
    for xi in patterns.chunks_exact(n) {
        let w = recall_from(net, xi, max_sweeps, rng, order);
        wrong += w;
        perfect += (w == 0.0) as u8 as f64;
    }
    (wrong / p as f64, perfect / p as f64)
}

/// `len` seeded random ±1 values in `out` (reused): −1 where `rng.uniform()` < 0.5, read
/// straight from the draw (that uniform is the top 53 bits of a u64 draw over 2⁵³, so it is
/// below 0.5 exactly when the top bit is 0).
pub fn fill_random(out: &mut Vec<i8>, len: usize, rng: &mut Rng) {
    out.clear();
    out.extend((0..len).map(|_| if rng.u64() >> 63 == 0 { -1i8 } else { 1 }));
}

/// Recall starting exactly at stored pattern ξ; returns the fraction of wrong bits at the end.
pub fn recall_from(net: &mut Hopfield, xi: &[i8], max_sweeps: usize, rng: &mut Rng, order: &mut Vec<u32>) -> f64 {
    net.set_state(xi);
    recall_async(net, max_sweeps, rng, order);
    net.wrong_bits(xi)
}
