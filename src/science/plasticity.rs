//! Spike-timing plasticity helpers shared by the spiking kinds (docs/science.md: balance).

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
