//! Dense associative memory (docs/science.md#dense): Krotov & Hopfield 2016, Demircigil et al.
//! 2017. ±1 neurons σ, stored ±1 patterns ξ^μ, energy E = −Σ_μ F(ξ^μ·σ) with F(x) = xⁿ
//! (n = 2 is the classic network) or F(x) = eˣ. A neuron takes the sign that lowers E:
//! σ_i ← sgn Σ_μ [F(r_μ + ξ^μ_i) − F(r_μ − ξ^μ_i)], with r_μ the overlap without neuron i.
//!
//! No F(x) is ever formed where it could overflow: the differences are exact integers for xⁿ
//! (|r| < N ≤ 4096 and n ≤ 8, so a term is below 2⁹⁶ and a sum over 4096 patterns below 2¹⁰⁸,
//! inside i128), and for eˣ the common factor e^{max r} is divided out (log-sum-exp).

/// The interaction function F of the energy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Interaction {
    /// F(x) = xⁿ, n = 2…8.
    Power(u32),
    /// F(x) = eˣ.
    Exp,
}

/// The separation tables of an interaction, indexed by overlap.
#[derive(Clone, Debug)]
enum Separation {
    /// (r + 1)ⁿ − (r − 1)ⁿ at index r + N, for r = −N…N.
    Power(Vec<i128>),
    /// e^{−k} at index k = 0…2N + 1 (the distance below the largest overlap).
    Exp(Vec<f64>),
}

/// The side of the tiles of the patterns' transposition.
const TILE: usize = 64;

#[derive(Clone, Debug)]
pub struct Dense {
    n: usize,
    p: usize,
    /// The patterns by neuron, N × P: row i holds ξ^μ_i for every μ, so a neuron's update and a
    /// flip read one contiguous row.
    by_neuron: Vec<i8>,
    /// The state, ±1.
    s: Vec<i8>,
    /// ξ^μ·σ for every pattern.
    dots: Vec<i32>,
    /// The largest of `dots` (the exponential's reference).
    top: i32,
    interaction: Interaction,
    table: Separation,
}

impl Dense {
    /// A network of `n` neurons storing `patterns` (P × N, ±1), all neurons at −1.
    pub fn new(n: usize, patterns: &[i8], interaction: Interaction) -> Dense {
        let p = patterns.len() / n.max(1);
        // Transposed in tiles of 64 × 64, which stay in cache (a plain strided copy of the
        // largest memory, 16 M bytes, misses on nearly every write).
        let mut by_neuron = vec![0i8; n * p];
        for mu0 in (0..p).step_by(TILE) {
            for i0 in (0..n).step_by(TILE) {
                for mu in mu0..(mu0 + TILE).min(p) {
                    for i in i0..(i0 + TILE).min(n) {
                        by_neuron[i * p + mu] = patterns[mu * n + i];
                    }
                }
            }
        }
        let table = match interaction {
            Interaction::Power(k) => {
                Separation::Power((-(n as i64)..=n as i64).map(|r| power(r + 1, k) - power(r - 1, k)).collect())
            }
            Interaction::Exp => Separation::Exp((0..=2 * n + 1).map(|k| libm::exp(-(k as f64))).collect()),
        };
        let mut net = Dense { n, p, by_neuron, s: vec![-1; n], dots: vec![0; p], top: 0, interaction, table };
        net.refresh_dots();
        net
    }

    pub fn n(&self) -> usize {
        self.n
    }

    pub fn len(&self) -> usize {
        self.p
    }

    pub fn is_empty(&self) -> bool {
        self.p == 0
    }

    pub fn state(&self) -> &[i8] {
        &self.s
    }

    /// Sets the state (values are read as signs; 0 counts as −1).
    pub fn set_state(&mut self, s: &[i8]) {
        for (dst, &v) in self.s.iter_mut().zip(s) {
            *dst = if v > 0 { 1 } else { -1 };
        }
        self.refresh_dots();
    }

    fn refresh_dots(&mut self) {
        self.dots.fill(0);
        if self.p == 0 {
            return;
        }
        for (row, &s) in self.by_neuron.chunks_exact(self.p).zip(&self.s) {
            for (d, &x) in self.dots.iter_mut().zip(row) {
                *d += (x * s) as i32;
            }
        }
        self.top = self.dots.iter().copied().max().unwrap_or(0);
    }

    /// Flips neuron i (by an update, or by hand when the reader paints).
    pub fn flip(&mut self, i: usize) {
        let p = self.p;
        self.s[i] = -self.s[i];
        let twice = 2 * self.s[i] as i32;
        let mut top = i32::MIN;
        for (d, &x) in self.dots.iter_mut().zip(&self.by_neuron[i * p..(i + 1) * p]) {
            *d += twice * x as i32;
            top = top.max(*d);
        }
        self.top = if p == 0 { 0 } else { top };
    }

    /// The sign neuron i should take (+1, −1, or 0 when both signs give the same energy):
    /// the sign of Σ_μ ξ^μ_i [F(r_μ + 1) − F(r_μ − 1)], r_μ = ξ^μ·σ − ξ^μ_i σ_i. For F = xⁿ the
    /// difference is exact in integers; for F = eˣ it is e^{r_μ}(e − e⁻¹), and the positive
    /// factor e^{top + 1}(e − e⁻¹) is left out, leaving terms e^{r_μ − top − 1} ≤ 1.
    pub fn preferred(&self, i: usize) -> i8 {
        let (n, p, si) = (self.n as i32, self.p, self.s[i] as i32);
        let row = &self.by_neuron[i * p..(i + 1) * p];
        match &self.table {
            Separation::Power(t) => {
                let mut sum: i128 = 0;
                for (&x, &d) in row.iter().zip(&self.dots) {
                    let r = d - si * x as i32;
                    // ±term without a branch (the signs are coin tosses to the predictor):
                    // the mask is all ones for ξ = −1.
                    let mask = (x >> 1) as i128;
                    sum += (t[(r + n) as usize] ^ mask) - mask;
                }
                sum.signum() as i8
            }
            Separation::Exp(t) => {
                let mut sum = 0.0;
                for (&x, &d) in row.iter().zip(&self.dots) {
                    let r = d - si * x as i32;
                    sum += x as f64 * t[(self.top + 1 - r) as usize];
                }
                if sum > 0.0 {
                    1
                } else if sum < 0.0 {
                    -1
                } else {
                    0
                }
            }
        }
    }

    /// Neuron i takes its preferred sign (a tie keeps the state). Returns whether it flipped;
    /// each flip lowers the energy.
    pub fn update_neuron(&mut self, i: usize) -> bool {
        let want = self.preferred(i);
        let flips = want != 0 && want != self.s[i];
        if flips {
            self.flip(i);
        }
        flips
    }

    /// m_μ = (1/N) ξ^μ·σ.
    pub fn overlap(&self, mu: usize) -> f64 {
        self.dots[mu] as f64 / self.n as f64
    }

    /// Fraction of neurons whose sign differs from `target`.
    pub fn wrong_bits(&self, target: &[i8]) -> f64 {
        self.s.iter().zip(target).filter(|(a, b)| a != b).count() as f64 / self.n as f64
    }

    /// The energy, in the classic network's units. For F = xⁿ: E = −(1/(n Nⁿ⁻¹)) Σ_μ (ξ^μ·σ)ⁿ
    /// = −(N/n) Σ_μ m_μⁿ (at n = 2 the classic −½ σᵀWσ less the constant P/2 of W's zero
    /// diagonal). For F = eˣ: E = −log Σ_μ exp(ξ^μ·σ) + N/2, the modern network's energy at
    /// β = 1 for a ±1 state (a monotone function of −Σ_μ F, computed without overflow).
    pub fn energy(&self) -> f64 {
        let n = self.n as f64;
        match self.interaction {
            Interaction::Power(k) => {
                let sum: f64 = self.dots.iter().map(|&d| ipow(d as f64 / n, k)).sum();
                -n / k as f64 * sum
            }
            Interaction::Exp => {
                let top = self.top as f64;
                let sum: f64 = self.dots.iter().map(|&d| libm::exp(d as f64 - top)).sum();
                -(top + libm::log(sum)) + 0.5 * n
            }
        }
    }
}

/// xᵏ in i128 (|x| ≤ 4097, k ≤ 8: below 2⁹⁷).
fn power(x: i64, k: u32) -> i128 {
    (x as i128).pow(k)
}

/// xᵏ by repeated multiplication (the same operations natively and in wasm).
fn ipow(x: f64, k: u32) -> f64 {
    (0..k).fold(1.0, |acc, _| acc * x)
}

/// (2n − 3)!! = 1 · 3 · 5 ⋯ (2n − 3).
fn double_factorial(n: u32) -> f64 {
    (1..=2 * n.max(2) - 3).step_by(2).map(|k| k as f64).product()
}

/// The predicted capacity: how many random patterns can be stored with every one a fixed point
/// (no wrong bit) as N grows. F = xⁿ: P = Nⁿ⁻¹ / (2 (2n − 3)!! ln N) (Krotov & Hopfield 2016;
/// Demircigil et al. 2017, theorem 1); at n = 2 the McEliece et al. load N/(2 ln N). F = eˣ:
/// P = 2^{N/2} = exp(N ln 2 / 2) (Demircigil et al. 2017, theorem 3), held at f64::MAX past
/// N ≈ 2046 where it no longer fits.
pub fn predicted_capacity(interaction: Interaction, n: usize) -> f64 {
    let nf = n.max(2) as f64;
    match interaction {
        Interaction::Power(k) => libm::pow(nf, (k - 1) as f64) / (2.0 * double_factorial(k) * libm::log(nf)),
        Interaction::Exp => libm::exp2(nf / 2.0).min(f64::MAX),
    }
}
