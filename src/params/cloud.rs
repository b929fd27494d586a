//! The keys of the one-neuron cloud kinds (`hebb`, `decay`, `oja`, `infomax`).

use super::*;

/// The schema of the one-neuron cloud kinds, in the order sliders and URLs list them.
pub const CLOUD_SCHEMA: &[Param] = &[
    choice("kind", "rule", &["hebb", "decay", "oja", "infomax"]),
    log("eta", "learning rate η", 1e-5, 1.0, 0.01),
    only(linear("alpha", "decay α", 0.0, 20.0, 1.0), &[Kind::Decay]),
    only(log("sigma", "output noise σ", 0.01, 10.0, 1.0), &[Kind::Infomax]),
    only(choice("norm", "online rule", &["oja", "explicit"]), &[Kind::Infomax]),
    choice("preset", "data", &["gaussian", "clusters", "round", "line"]),
    param("n", "points", Spec::Number { min: 10.0, max: 20_000.0, default: 500.0, log: true, integer: true }, true),
    log("l1", "variance λ₁ (axis 1)", 0.01, 100.0, 3.0),
    log("l2", "variance λ₂ (axis 2)", 0.01, 100.0, 0.5),
    linear("theta", "axis angle (°)", -180.0, 180.0, 30.0),
    param(
        "speed",
        "steps per frame",
        Spec::Number { min: 1.0, max: 1e5, default: 10.0, log: true, integer: true },
        true,
    ),
    COMMON_TAIL[0],
    COMMON_TAIL[1],
    COMMON_TAIL[2],
    param("w0", "start weight", Spec::Pair, false),
    only(whole("ghost", "averaged map beside the run", 0.0, 1.0, 0.0, false), &[Kind::Hebb, Kind::Decay, Kind::Oja]),
    COMMON_TAIL[3],
];
