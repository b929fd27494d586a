//! The keys of the circuit kinds (`gha`, `subspace`, `similarity`, `recurrent`, `bcm`, `prune`, `balance`).

use super::*;

const MANY: &[Kind] = &[Kind::Gha, Kind::Subspace, Kind::Similarity];
const RECURRENT: &[Kind] = &[Kind::Recurrent];
const BCM: &[Kind] = &[Kind::Bcm];
const PRUNE: &[Kind] = &[Kind::Prune];
const BALANCE: &[Kind] = &[Kind::Balance];

/// The schema of the circuit kinds (many neurons, recurrent Hebb, BCM, growth and pruning).
pub const CIRCUIT_SCHEMA: &[Param] = &[
    choice("kind", "rule", &["gha", "subspace", "similarity", "recurrent", "bcm", "prune", "balance"]),
    only(choice("preset", "data", &["plane", "high"]), MANY),
    only(choice("preset", "inputs", &["shared"]), RECURRENT),
    only(choice("preset", "inputs", &["orthonormal"]), BCM),
    only(choice("preset", "network", &["sparse"]), PRUNE),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.005), MANY),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.002), RECURRENT),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.01), BCM),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.05), PRUNE),
    only(whole("d", "input dimension d", 2.0, 16.0, 2.0, true), MANY),
    only(whole("k", "neurons k", 1.0, 16.0, 2.0, true), MANY),
    only(log("top", "largest variance λ1", 0.1, 100.0, 3.0), MANY),
    only(linear("ratio", "spectrum ratio", 0.05, 1.0, 0.4), MANY),
    only(linear("tau", "lateral time τ", 0.05, 5.0, 0.5), &[Kind::Similarity]),
    only(whole("n", "neurons", 2.0, 16.0, 8.0, true), RECURRENT),
    only(whole("sources", "shared sources", 1.0, 16.0, 2.0, true), RECURRENT),
    only(linear("sigma", "private noise σ", 0.0, 3.0, 0.5), RECURRENT),
    only(log("alpha", "decay α", 0.05, 20.0, 1.0), RECURRENT),
    only(choice("decay", "decay", &["linear", "squared"]), RECURRENT),
    // Learning is the same either way; `closed` runs the learned W as the loop r = u + W r.
    only(choice("loop", "activity loop", &["open", "closed"]), RECURRENT),
    only(whole("inputs", "inputs K", 2.0, 16.0, 4.0, true), BCM),
    only(log("tau", "threshold time τθ", 1.0, 1000.0, 20.0), BCM),
    only(whole("n", "neurons", 4.0, 16.0, 10.0, true), PRUNE),
    only(whole("kmax", "most synapses K_max", 1.0, 240.0, 15.0, true), PRUNE),
    only(log("lambda", "decay γ", 1e-4, 0.5, 0.01), PRUNE),
    only(choice("decay", "decay", &["l2", "l1"]), PRUNE),
    only(choice("rule", "pruning", &["threshold", "soft", "trace"]), PRUNE),
    only(choice("grow", "growth", &["correlation", "random", "none"]), PRUNE),
    only(log("theta", "pruning threshold w_min", 1e-4, 1.0, 0.02), PRUNE),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.002), BALANCE),
    only(linear("target", "target rate ρ₀ (Hz)", 1.0, 10.0, 5.0), BALANCE),
    only(whole("channels", "channels", 4.0, 16.0, 8.0, true), BALANCE),
    // `off` freezes the inhibitory weights where they are: the start decides the cell's rate.
    only(choice("plasticity", "inhibitory plasticity", &["on", "off"]), BALANCE),
    only(choice("start", "starting inhibition", &["weak", "strong"]), BALANCE),
    speed(20.0, "samples per frame", &[Kind::Gha, Kind::Subspace, Kind::Similarity, Kind::Recurrent, Kind::Bcm]),
    speed(5.0, "samples per frame", PRUNE),
    speed(200.0, "ms per frame", BALANCE),
    COMMON_TAIL[0],
    COMMON_TAIL[1],
    COMMON_TAIL[2],
    COMMON_TAIL[3],
];
