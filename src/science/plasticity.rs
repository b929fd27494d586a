//! Synaptic plasticity as a slice experiment measures it: the spike-timing window (Bi & Poo 1998)
//! and the rate side of the same story, BCM's φ(y, θ) with a threshold set by the cell's past
//! activity (Kirkwood, Rioult & Bear 1996). Pure functions; the protocol that applies them is
//! `runs/pairing.rs`. The window's integral is the η of the rate rule that uncorrelated spike
//! pairs give on average (`runs/stdp.rs`). Last, the inhibitory STDP rule of Vogels et al. (2011)
//! and its traces (`runs/balance.rs`).

use crate::science::circuits::{bcm_phi, bcm_threshold_step};
use crate::science::rng::Rng;

/// The exponential fit to Bi & Poo's (1998) hippocampal pairing data, as quoted in Bi & Poo's
/// 2001 review (Annu. Rev. Neurosci. 24:139): the change of the EPSP after 60 pairings at 1 Hz is
/// A₊e^(−Δt/τ₊) for Δt > 0 (pre before post) and −A₋e^(Δt/τ₋) for Δt < 0, with amplitudes as
/// fractions (0.777 = +77.7 %) and time constants in ms.
pub const BI_POO_A_PLUS: f64 = 0.777;
pub const BI_POO_TAU_PLUS: f64 = 16.8;
pub const BI_POO_A_MINUS: f64 = 0.273;
pub const BI_POO_TAU_MINUS: f64 = 33.7;
/// The pairings the fit's amplitudes are for: 60, at 1 Hz.
pub const BI_POO_PAIRINGS: f64 = 60.0;

/// The pair-based STDP window W(Δt) (Bi & Poo 1998; Song, Miller & Abbott 2000), Δt = t_post − t_pre in ms: A₊e^(−Δt/τ₊) when the
/// presynaptic spike leads (Δt > 0, potentiation), −A₋e^(Δt/τ₋) when it follows (Δt < 0,
/// depression). At Δt = 0 the order of the two spikes is undefined and the window gives 0.
/// In units of its amplitudes: with Bi & Poo's, the fractional change after 60 pairings.
pub fn stdp_window(dt: f64, a_plus: f64, tau_plus: f64, a_minus: f64, tau_minus: f64) -> f64 {
    if dt > 0.0 {
        a_plus * libm::exp(-dt / tau_plus)
    } else if dt < 0.0 {
        -a_minus * libm::exp(dt / tau_minus)
    } else {
        0.0
    }
}

/// The rate that makes ŷ = y / y₀ of order 1 (Hz), so that BCM's θ, a running average of ŷ²,
/// can be read as a rate: φ changes sign at y = θ·y₀.
pub const REFERENCE_RATE: f64 = 10.0;

/// Past samples of activity the threshold averages over, and its time constant τθ (in samples):
/// 10 τθ, so the start at θ = 0 is forgotten to e⁻¹⁰.
pub const HISTORY_SAMPLES: usize = 1000;
pub const HISTORY_TAU: f64 = 100.0;

/// BCM's threshold θ (in units of y₀, see [`REFERENCE_RATE`]) after the cell's past activity: rates
/// y = r̄ (0.5 + u), u uniform on [0, 1), around the average rate r̄ (Hz), fed one by one to the
/// `bcm` kind's own threshold update. It lands near E[ŷ²] = (r̄/y₀)²·13/12, so a cell kept quiet
/// (dark rearing: a lower r̄) has a lower θ. Seeded noise of about 4 %: the average of ~2τθ samples.
pub fn threshold_after(history_rate: f64, rng: &mut Rng) -> f64 {
    let mut theta = 0.0;
    for _ in 0..HISTORY_SAMPLES {
        let y = history_rate * (0.5 + rng.uniform()) / REFERENCE_RATE;
        theta = bcm_threshold_step(theta, y, HISTORY_TAU);
    }
    theta
}

/// The fractional change of a synapse after `pairings` blocks of presynaptic pulses, each paired
/// with a postsynaptic rate y (Hz): Δw/w₀ = η·pairings·φ(ŷ, θ), the BCM rule with x = 1 per block.
pub fn rate_pairing_change(rate: f64, theta: f64, eta: f64, pairings: f64) -> f64 {
    eta * pairings * bcm_phi(rate / REFERENCE_RATE, theta)
}

/// The window's integral ∫W(Δt)dΔt = A₊τ₊ − A₋τ₋ (ms): the η of the rate rule that the average
/// of uncorrelated spike pairs gives, ⟨Δw⟩ = ν_pre ν_post ∫W (Kempter, Gerstner & van Hemmen
/// 1999). Negative when A₋τ₋ > A₊τ₊, which is what holds the output rate down.
pub fn window_integral(a_plus: f64, tau_plus: f64, a_minus: f64, tau_minus: f64) -> f64 {
    a_plus * tau_plus - a_minus * tau_minus
}

/// Per-step decay factor of a synaptic trace with time constant `tau` steps: x ← d·x + spike.
pub fn trace_decay(tau: f64) -> f64 {
    libm::exp(-1.0 / tau)
}

/// The depression α per presynaptic spike of the inhibitory STDP rule of Vogels et al. (2011),
/// set by the target rate `rho0` (spikes per step) and the traces' decay `d`. The pre-spike reads
/// the post trace before this step's post spike (mean y·d/(1−d)) and the post-spike reads the pre
/// trace with this step's pre spike (mean x/(1−d)), so the mean change is η·x·(y − ρ₀)·(1+d)/(1−d)
/// when α = ρ₀(1+d)/(1−d), which is the paper's α = 2ρ₀τ up to ρ₀/(6τ).
pub fn vogels_alpha(rho0: f64, d: f64) -> f64 {
    rho0 * (1.0 + d) / (1.0 - d)
}

/// The inhibitory weight change at a presynaptic spike: η (x_post − α) (a coincidence with recent
/// post spikes potentiates, a lone pre spike depresses by ηα).
pub fn vogels_on_pre(eta: f64, post_trace: f64, alpha: f64) -> f64 {
    eta * (post_trace - alpha)
}

/// The inhibitory weight change at a postsynaptic spike: η x_pre.
pub fn vogels_on_post(eta: f64, pre_trace: f64) -> f64 {
    eta * pre_trace
}
