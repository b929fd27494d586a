//! Spike-timing-dependent plasticity on one neuron: K Poisson inputs, a group of them sharing
//! spikes, onto a linear Poisson neuron, with pair-based STDP on every synapse kept by traces
//! (Song, Miller & Abbott 2000; Kempter, Gerstner & van Hemmen 1999; Gütig et al. 2003). One step
//! is one millisecond. Weights are in units of g_max, so they live in [0, 1].
//!
//! The update of a step, in this order: the output spikes with probability ρ = ν₀ + (G/K)·psp,
//! where psp holds the inputs of earlier steps only; a post spike potentiates every synapse by
//! A₊·(its pre trace); each pre spike depresses its synapse by A₋·(the post trace); then the
//! traces take this step's spikes. So a pair of spikes in the same millisecond does nothing, as
//! the window's W(0) = 0 says.

use crate::science::plasticity::{stdp_window, trace_decay};
use crate::science::rng::Quick;

/// τ₊ = τ₋ = 20 ms (Song, Miller & Abbott 2000).
pub const TAU_MS: f64 = 20.0;
/// The time constant of the postsynaptic potential that drives the output, ms.
pub const TAU_PSP_MS: f64 = 5.0;
/// G: the output spikes one input spike adds on average, summed over all K synapses at g_max
/// (each synapse at weight w adds w·G/K of a spike).
pub const GAIN: f64 = 10.0;
/// ν₀, the output's spontaneous rate in spikes per ms (2 Hz): without it a silent neuron would
/// never potentiate anything.
pub const BACKGROUND: f64 = 0.002;
/// The weights every run starts from, in units of g_max.
pub const W_START: f64 = 0.5;

/// How a change depends on the weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bounds {
    /// Δw as the window says, clipped to [0, g_max] (Song, Miller & Abbott 2000).
    Additive,
    /// Soft bounds: potentiation scaled by (1 − w), depression by w (depression ∝ w as in
    /// van Rossum, Bi & Turrigiano 2000; both, as in Rubin, Lee & Sompolinsky 2001).
    Multiplicative,
}

/// Which pairs count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pairing {
    /// Every pre spike with every post spike: traces add (Kempter et al. 1999's sums).
    All,
    /// Each spike with the nearest of the other side only: traces reset to 1.
    Nearest,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub inputs: usize,
    /// Each input's rate, Hz.
    pub rate_hz: f64,
    /// The first `group` inputs are correlated.
    pub group: usize,
    /// The correlation coefficient c of two group inputs' spike counts in a millisecond: each
    /// copies the common source's step with probability q = √c, else spikes on its own.
    pub corr: f64,
    pub a_plus: f64,
    /// A₋ / A₊.
    pub ratio: f64,
    pub bounds: Bounds,
    pub pairing: Pairing,
    /// False holds the weights: the window's updates are still summed (to measure the drift).
    pub learn: bool,
}

impl Config {
    pub fn a_minus(&self) -> f64 {
        self.a_plus * self.ratio
    }

    /// p, the probability of an input spike in a step.
    pub fn p(&self) -> f64 {
        self.rate_hz / 1000.0
    }

    /// g = G/K, one synapse's share of the gain.
    pub fn g(&self) -> f64 {
        GAIN / self.inputs as f64
    }
}

/// Σ over Δt = 1, 2, … ms of e^(−Δt/τ): a trace's weight on the past, the lattice version of τ.
fn lattice_tau(tau: f64) -> f64 {
    let d = trace_decay(tau);
    d / (1.0 - d)
}

/// Σ over whole-ms Δt ≠ 0 of W(Δt) = A₊/(e^(1/τ₊) − 1) − A₋/(e^(1/τ₋) − 1), what the traces sum
/// in a 1-ms simulation; → A₊τ₊ − A₋τ₋ (`window_integral`) as the step shrinks.
pub fn window_sum_ms(a_plus: f64, a_minus: f64) -> f64 {
    a_plus * lattice_tau(TAU_MS) - a_minus * lattice_tau(TAU_MS)
}

/// Σ over s ≥ 1 of e^(−s/τ₊)·ε(s), with ε(s) = (1 − e^(−1/τ_psp))e^(−(s−1)/τ_psp) the share of an
/// input spike's extra output that falls s ms later: how much of that extra output one
/// synapse's own pre trace catches (→ τ₊/(τ₊ + τ_psp) as the step shrinks).
fn causal_overlap() -> f64 {
    let (d, e) = (trace_decay(TAU_MS), trace_decay(TAU_PSP_MS));
    (1.0 - e) * d / (1.0 - d * e)
}

/// The three terms of the expected window update per ms, averaged over the synapses (Kempter,
/// Gerstner & van Hemmen 1999, for all-to-all pairs and fixed weights):
/// - rate: ν_pre ν_post Σ W, the rate rule η x y with η = the window's integral;
/// - self: A₊ g p(1 − p) κ w̄, each input's own spikes raising the output just after them;
/// - group: A₊ g p(1 − p) κ c (|G| − 1) S_G / K, the spikes a group input shares with the others
///   and the output spikes those cause.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drift {
    pub rate: f64,
    pub own: f64,
    pub group: f64,
}

impl Drift {
    pub fn total(&self) -> f64 {
        self.rate + self.own + self.group
    }
}

/// The expected output rate per ms at these weights: ρ̄ = ν₀ + g p Σw.
pub fn mean_output(w: &[f64], c: &Config) -> f64 {
    BACKGROUND + c.g() * c.p() * w.iter().sum::<f64>()
}

/// The predicted mean drift per ms (see [`Drift`]).
pub fn predicted_drift(w: &[f64], c: &Config) -> Drift {
    let k = w.len() as f64;
    let p = c.p();
    let g = c.g();
    let n = c.group.min(w.len());
    let s_group: f64 = w[..n].iter().sum();
    let mean = w.iter().sum::<f64>() / k;
    let timing = c.a_plus * g * p * (1.0 - p) * causal_overlap();
    Drift {
        rate: p * mean_output(w, c) * window_sum_ms(c.a_plus, c.a_minus()),
        own: timing * mean,
        group: timing * c.corr * (n.saturating_sub(1)) as f64 * s_group / k,
    }
}

/// What one step did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StepOut {
    pub post: bool,
    /// The sum over synapses of the window's updates, before bounds: the measured drift.
    pub window: f64,
}

/// u32 thresholds of the per-step draws: x < t has probability t / 2³².
#[derive(Clone, Copy, Debug)]
struct Draws {
    spike: u64,
    copy: u64,
    own: u64,
}

fn threshold(prob: f64) -> u64 {
    (prob.clamp(0.0, 1.0) * 4_294_967_296.0) as u64
}

impl Draws {
    fn of(c: &Config) -> Draws {
        let (p, q) = (c.p(), c.corr.clamp(0.0, 1.0).sqrt());
        // A group input copies with u < q, else spikes when u < q + (1 − q)p: rate p either way.
        Draws { spike: threshold(p), copy: threshold(q), own: threshold(q + (1.0 - q) * p) }
    }
}

#[derive(Clone, Debug)]
pub struct Network {
    pub w: Vec<f64>,
    pub config: Config,
    pre: Vec<f64>,
    post: f64,
    psp: f64,
    draws: Draws,
}

impl Network {
    pub fn new(config: Config) -> Network {
        let k = config.inputs;
        Network { w: vec![W_START; k], config, pre: vec![0.0; k], post: 0.0, psp: 0.0, draws: Draws::of(&config) }
    }

    /// New rates, amplitudes or rules for the running network (the spike state stays).
    pub fn set_config(&mut self, config: Config) {
        self.config = Config { inputs: self.config.inputs, group: self.config.group, ..config };
        self.draws = Draws::of(&self.config);
    }

    /// One millisecond (see the module's order of events).
    pub fn step(&mut self, rng: &mut Quick) -> StepOut {
        let c = self.config;
        let (a_plus, a_minus) = (c.a_plus, c.a_minus());
        let rho = BACKGROUND + c.g() * self.psp;
        let post = (rng.next_u32() as u64) < threshold(rho);
        let common = (rng.next_u32() as u64) < self.draws.spike;
        let mut window = 0.0;
        if post {
            for (w, &a) in self.w.iter_mut().zip(&self.pre) {
                let dw = a_plus * a;
                window += dw;
                if c.learn {
                    *w = potentiate(*w, dw, c.bounds);
                }
            }
        }
        let (d_pre, d_post, d_psp) = decays();
        let depress = a_minus * self.post;
        let mut injected = 0.0;
        for (i, (w, a)) in self.w.iter_mut().zip(self.pre.iter_mut()).enumerate() {
            let u = rng.next_u32() as u64;
            let spike = if i < c.group {
                if u < self.draws.copy {
                    common
                } else {
                    u < self.draws.own
                }
            } else {
                u < self.draws.spike
            };
            if spike {
                injected += *w;
                window -= depress;
                if c.learn {
                    *w = depress_by(*w, depress, c.bounds);
                }
                *a = match c.pairing {
                    Pairing::All => *a + 1.0,
                    Pairing::Nearest => 1.0,
                };
            }
            *a *= d_pre;
        }
        if post {
            self.post = match c.pairing {
                Pairing::All => self.post + 1.0,
                Pairing::Nearest => 1.0,
            };
        }
        self.post *= d_post;
        self.psp = self.psp * d_psp + (1.0 - d_psp) * injected;
        StepOut { post, window }
    }
}

/// e^(−1/τ) per ms of the pre trace, the post trace and the potential.
fn decays() -> (f64, f64, f64) {
    let d = trace_decay(TAU_MS);
    (d, d, trace_decay(TAU_PSP_MS))
}

fn potentiate(w: f64, dw: f64, bounds: Bounds) -> f64 {
    match bounds {
        Bounds::Additive => (w + dw).min(1.0),
        Bounds::Multiplicative => (w + dw * (1.0 - w)).min(1.0),
    }
}

fn depress_by(w: f64, dw: f64, bounds: Bounds) -> f64 {
    match bounds {
        Bounds::Additive => (w - dw).max(0.0),
        Bounds::Multiplicative => (w - dw * w).max(0.0),
    }
}

/// The fraction of weights within 10 % of g_max of a bound (0 or g_max).
pub fn bimodality(w: &[f64]) -> f64 {
    if w.is_empty() {
        return 0.0;
    }
    w.iter().filter(|&&v| !(0.1..=0.9).contains(&v)).count() as f64 / w.len() as f64
}

/// The mean of a slice, or `fallback` when it is empty.
pub fn mean_or(w: &[f64], fallback: f64) -> f64 {
    if w.is_empty() {
        fallback
    } else {
        w.iter().sum::<f64>() / w.len() as f64
    }
}

/// The window sampled at whole ms from −`half` to `half`, for the picture.
pub fn window_samples(half: i32, c: &Config) -> Vec<f64> {
    (-half..=half).map(|t| stdp_window(t as f64, c.a_plus, TAU_MS, c.a_minus(), TAU_MS)).collect()
}
