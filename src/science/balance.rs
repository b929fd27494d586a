//! A tuned cell balanced by inhibitory plasticity (Vogels, Sprekeler, Zenke, Clopath & Gerstner
//! 2011; docs/science.md: balance). One step = 1 ms.
//!
//! K input channels on a ring; a stimulus drives one channel at a time (and its neighbours, with
//! a Gaussian profile) and moves to a random channel every [`STIMULUS_MS`]. Each channel has an
//! excitatory weight, fixed and tuned to a preferred channel, and an inhibitory one that learns.
//! The cell is linear-rectified and Poisson: rate y = [Σ_j (wE_j − wI_j) r_j(s)]₊.

use super::plasticity::{trace_decay, vogels_alpha, vogels_on_post, vogels_on_pre};
use super::rng::{Quick, Rng};

/// How long the stimulus stays on one channel (ms).
pub const STIMULUS_MS: u32 = 50;
/// The STDP traces' time constant τ_STDP (ms), as in Vogels et al. (2011).
pub const TAU_STDP: f64 = 20.0;
/// The time constant of the output-rate estimate (ms): its Poisson spread is √(ρ/2τ) ≈ 1.1 Hz at 5 Hz.
pub const TAU_RATE: f64 = 2000.0;
/// Input rates: a background on every channel plus a peak at the stimulus (Hz), Gaussian in the
/// ring distance with this width (channels).
const RATE_BACKGROUND: f64 = 5.0;
const RATE_PEAK: f64 = 45.0;
const RATE_WIDTH: f64 = 1.0;
/// Excitatory tuning: a floor on every channel plus a Gaussian bump at the preferred one. The
/// floor stays above the balanced net weight ρ₀/Σr (≤ 0.08 for ρ₀ ≤ 10 Hz) so no balanced
/// inhibitory weight has to go below 0.
const W_E_FLOOR: f64 = 0.1;
const W_E_PEAK: f64 = 0.5;
const W_E_WIDTH: f64 = 1.2;
/// The starting inhibitory weights: `weak` lets the preferred stimulus through far above any
/// target; `strong` outweighs excitation at every stimulus. Each is jittered by ±50 % (seeded).
pub const W_I_WEAK: f64 = 0.02;
pub const W_I_STRONG: f64 = 1.0;
/// A Poisson cell fires at most once per step.
const MAX_RATE: f64 = 1000.0;

/// Distance of channels i and j on a ring of k.
fn ring_distance(i: usize, j: usize, k: usize) -> f64 {
    let d = i.abs_diff(j);
    d.min(k - d) as f64
}

fn gaussian(d: f64, width: f64) -> f64 {
    libm::exp(-d * d / (2.0 * width * width))
}

/// Rate of channel j while the stimulus is at s (Hz).
pub fn input_rate(j: usize, s: usize, k: usize) -> f64 {
    RATE_BACKGROUND + RATE_PEAK * gaussian(ring_distance(j, s, k), RATE_WIDTH)
}

/// The fixed excitatory weight of channel j, tuned to channel ⌊k/2⌋.
pub fn excitatory_weight(j: usize, k: usize) -> f64 {
    W_E_FLOOR + W_E_PEAK * gaussian(ring_distance(j, k / 2, k), W_E_WIDTH)
}

/// Pearson correlation of two curves; 0 when either is flat.
pub fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        ab += (x - ma) * (y - mb);
        aa += (x - ma) * (x - ma);
        bb += (y - mb) * (y - mb);
    }
    if aa > 0.0 && bb > 0.0 {
        ab / (aa * bb).sqrt()
    } else {
        0.0
    }
}

#[derive(Clone, Debug)]
pub struct Balance {
    pub k: usize,
    /// r_j(s) in spikes per step, row s.
    rates: Vec<f64>,
    pub w_e: Vec<f64>,
    pub w_i: Vec<f64>,
    pre_trace: Vec<f64>,
    post_trace: f64,
    decay: f64,
    /// The channel the stimulus is on, and ms left there.
    pub stimulus: usize,
    left: u32,
    /// Exponential estimate of the output rate (Hz), time constant [`TAU_RATE`].
    pub rate: f64,
    /// Output spikes so far.
    pub spikes: u64,
}

impl Balance {
    /// K channels; inhibitory weights start at `w_i0` × (0.5 … 1.5), seeded.
    pub fn new(k: usize, w_i0: f64, start: &mut Rng) -> Balance {
        let rates = (0..k * k).map(|i| input_rate(i % k, i / k, k) / 1000.0).collect();
        Balance {
            k,
            rates,
            w_e: (0..k).map(|j| excitatory_weight(j, k)).collect(),
            w_i: (0..k).map(|_| w_i0 * (0.5 + start.uniform())).collect(),
            pre_trace: vec![0.0; k],
            post_trace: 0.0,
            decay: trace_decay(TAU_STDP),
            stimulus: 0,
            left: 0,
            rate: 0.0,
            spikes: 0,
        }
    }

    /// The cell's rate y = [Σ_j (wE_j − wI_j) r_j(s)]₊ while the stimulus is at s (spikes per step).
    fn output(&self, s: usize) -> f64 {
        let r = &self.rates[s * self.k..(s + 1) * self.k];
        let drive: f64 = r.iter().zip(self.w_e.iter().zip(&self.w_i)).map(|(r, (e, i))| (e - i) * r).sum();
        drive.clamp(0.0, MAX_RATE / 1000.0)
    }

    /// One millisecond: the stimulus may move, the cell and the inhibitory inputs spike, and
    /// when `eta` > 0 the inhibitory weights learn by the rule of Vogels et al. with target `rho0` (Hz).
    pub fn step(&mut self, eta: f64, rho0: f64, q: &mut Quick) {
        if self.left == 0 {
            self.stimulus = q.index(self.k as u32) as usize;
            self.left = STIMULUS_MS;
        }
        self.left -= 1;
        let d = self.decay;
        self.post_trace *= d;
        let y = self.output(self.stimulus);
        let fired = spike(y, q);
        let alpha = vogels_alpha(rho0 / 1000.0, d);
        let (s, post) = (self.stimulus, self.post_trace);
        let rates = &self.rates[s * self.k..(s + 1) * self.k];
        for ((x, w), &r) in self.pre_trace.iter_mut().zip(self.w_i.iter_mut()).zip(rates) {
            *x *= d;
            if spike(r, q) {
                *x += 1.0;
                if eta > 0.0 {
                    *w = (*w + vogels_on_pre(eta, post, alpha)).max(0.0);
                }
            }
        }
        if fired {
            self.spikes += 1;
            self.post_trace += 1.0;
            if eta > 0.0 {
                for (w, &x) in self.w_i.iter_mut().zip(&self.pre_trace) {
                    *w += vogels_on_post(eta, x);
                }
            }
        }
        let now = if fired { 1000.0 } else { 0.0 };
        self.rate += (now - self.rate) / TAU_RATE;
    }

    /// The excitatory and inhibitory drive Σ_j w_j r_j(s) for every stimulus channel s (Hz):
    /// the two tuning curves.
    pub fn tuning(&self, w: &[f64]) -> Vec<f64> {
        (0..self.k)
            .map(|s| 1000.0 * self.rates[s * self.k..(s + 1) * self.k].iter().zip(w).map(|(r, w)| r * w).sum::<f64>())
            .collect()
    }

    /// Correlation of the excitatory and inhibitory tuning curves.
    pub fn cotuning(&self) -> f64 {
        pearson(&self.tuning(&self.w_e), &self.tuning(&self.w_i))
    }

    /// Mean inhibitory over mean excitatory drive, across stimuli.
    pub fn ei_ratio(&self) -> f64 {
        let (e, i) = (self.tuning(&self.w_e), self.tuning(&self.w_i));
        i.iter().sum::<f64>() / e.iter().sum::<f64>()
    }

    /// The balanced state the rule heads for: y = ρ₀ at every stimulus. The ring makes Σ_j r_j(s)
    /// the same for every s, so wI_j = wE_j − ρ₀/Σ_j r_j(s) (Hz in, Hz out).
    pub fn balanced_inhibition(&self, rho0: f64) -> Vec<f64> {
        let total: f64 = self.rates[..self.k].iter().sum::<f64>() * 1000.0;
        self.w_e.iter().map(|e| e - rho0 / total).collect()
    }
}

/// A Bernoulli draw with probability p (< 1), exact in integers so native and wasm agree.
fn spike(p: f64, q: &mut Quick) -> bool {
    (q.next_u32() as f64) < p * 4_294_967_296.0
}
