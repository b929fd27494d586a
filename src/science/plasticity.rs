//! Plasticity measured at the bench: the spike-timing window and its integral.

/// The pair-based STDP window (Bi & Poo 1998; Song, Miller & Abbott 2000): the weight change of
/// one pre/post pair with Δt = t_post − t_pre in ms, A₊e^(−Δt/τ₊) when the presynaptic spike
/// comes first (Δt > 0), −A₋e^(Δt/τ₋) when it comes second (Δt < 0), nothing at Δt = 0.
pub fn stdp_window(dt_ms: f64, a_plus: f64, a_minus: f64, tau_plus: f64, tau_minus: f64) -> f64 {
    if dt_ms > 0.0 {
        a_plus * libm::exp(-dt_ms / tau_plus)
    } else if dt_ms < 0.0 {
        -a_minus * libm::exp(dt_ms / tau_minus)
    } else {
        0.0
    }
}

/// The window's integral ∫W(Δt)dΔt = A₊τ₊ − A₋τ₋ (ms): the η of the rate rule that the average
/// of uncorrelated spike pairs gives, ⟨Δw⟩ = ν_pre ν_post ∫W (Kempter, Gerstner & van Hemmen
/// 1999). Negative when A₋τ₋ > A₊τ₊, which is what holds the output rate down.
pub fn window_integral(a_plus: f64, a_minus: f64, tau_plus: f64, tau_minus: f64) -> f64 {
    a_plus * tau_plus - a_minus * tau_minus
}
