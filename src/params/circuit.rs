//! The keys of the circuit kinds (`gha`, `subspace`, `similarity`, `recurrent`, `bcm`, `prune`,
//! `pairing`, `backprop`, `stdp`, `abstraction`, `balance`).

use super::*;
use crate::science::plasticity::{BI_POO_A_MINUS, BI_POO_A_PLUS, BI_POO_TAU_MINUS, BI_POO_TAU_PLUS};

const MANY: &[Kind] = &[Kind::Gha, Kind::Subspace, Kind::Similarity];
const RECURRENT: &[Kind] = &[Kind::Recurrent];
const BCM: &[Kind] = &[Kind::Bcm];
const PRUNE: &[Kind] = &[Kind::Prune];
const PAIRING: &[Kind] = &[Kind::Pairing];
const BACKPROP: &[Kind] = &[Kind::Backprop];
const STDP: &[Kind] = &[Kind::Stdp];
const ABSTRACTION: &[Kind] = &[Kind::Abstraction];
const BALANCE: &[Kind] = &[Kind::Balance];

/// The schema of the circuit kinds (many neurons, recurrent Hebb, BCM, growth and pruning).
pub const CIRCUIT_SCHEMA: &[Param] = &[
    choice(
        "kind",
        "rule",
        &[
            "gha",
            "subspace",
            "similarity",
            "recurrent",
            "bcm",
            "prune",
            "pairing",
            "backprop",
            "stdp",
            "abstraction",
            "balance",
        ],
    ),
    only(choice("preset", "data", &["plane", "high"]), MANY),
    only(choice("preset", "inputs", &["shared"]), RECURRENT),
    only(choice("preset", "inputs", &["orthonormal"]), BCM),
    only(choice("preset", "network", &["sparse"]), PRUNE),
    only(choice("preset", "rearing", &["normal", "dark"]), PAIRING),
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
    only(choice("protocol", "protocol", &["rate", "timing"]), PAIRING),
    only(linear("rate", "paired rate y (Hz)", 0.0, 20.0, 5.0), PAIRING),
    only(linear("history", "past average rate (Hz)", 1.0, 12.0, 10.0), PAIRING),
    only(whole("dt", "spike delay Δt (ms)", -100.0, 100.0, 10.0, true), PAIRING),
    only(linear("aplus", "A₊ (fraction)", 0.0, 2.0, BI_POO_A_PLUS), PAIRING),
    only(linear("tplus", "τ₊ (ms)", 1.0, 100.0, BI_POO_TAU_PLUS), PAIRING),
    only(linear("aminus", "A₋ (fraction)", 0.0, 2.0, BI_POO_A_MINUS), PAIRING),
    only(linear("tminus", "τ₋ (ms)", 1.0, 100.0, BI_POO_TAU_MINUS), PAIRING),
    // `backprop`: the data of `gha`'s preset=high, learned two ways.
    only(choice("feedback", "error feedback", &["exact", "random"]), BACKPROP),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.005), BACKPROP),
    only(whole("d", "input dimension d", 2.0, 16.0, 8.0, true), BACKPROP),
    only(whole("k", "neurons k", 1.0, 16.0, 3.0, true), BACKPROP),
    only(log("top", "largest variance λ1", 0.1, 100.0, 3.0), BACKPROP),
    only(linear("ratio", "spectrum ratio", 0.05, 1.0, 0.4), BACKPROP),
    speed(20.0, "samples per frame", &[Kind::Gha, Kind::Subspace, Kind::Similarity, Kind::Recurrent, Kind::Bcm]),
    speed(5.0, "samples per frame", PRUNE),
    speed(1.0, "pulses per frame", PAIRING),
    speed(20.0, "samples per frame", BACKPROP),
    // Song, Miller & Abbott 2000: A₊ = 0.005 (of g_max), A₋/A₊ = 1.05, τ± = 20 ms (fixed).
    only(whole("inputs", "inputs K", 10.0, 1000.0, 100.0, true), STDP),
    only(linear("rate", "input rate (Hz)", 1.0, 50.0, 10.0), STDP),
    only(whole("group", "correlated group", 0.0, 1000.0, 20.0, true), STDP),
    only(linear("corr", "group correlation c", 0.0, 1.0, 0.1), STDP),
    only(choice("bounds", "bounds", &["additive", "multiplicative"]), STDP),
    only(choice("pairing", "pairs", &["all", "nearest"]), STDP),
    only(log("aplus", "potentiation A₊", 1e-4, 0.05, 0.005), STDP),
    only(linear("ratio", "A₋/A₊", 0.5, 2.0, 1.05), STDP),
    speed(2000.0, "ms per frame", STDP),
    only(choice("world", "world", &["everything", "trees"]), ABSTRACTION),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.0003), ABSTRACTION),
    only(whole("d", "input dimension d", 2.0, 16.0, 6.0, true), ABSTRACTION),
    only(whole("agents", "learners M", 1.0, 64.0, 12.0, true), ABSTRACTION),
    only(choice("rules", "learners' rules", &["oja", "mixed"]), ABSTRACTION),
    only(linear("fraction", "tree fraction", 0.02, 0.5, 0.2), ABSTRACTION),
    only(linear("gap", "tree separation", 0.0, 8.0, 4.0), ABSTRACTION),
    only(linear("branching", "within-tree spread", 0.1, 4.0, 1.5), ABSTRACTION),
    speed(300.0, "samples per frame", ABSTRACTION),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.002), BALANCE),
    only(linear("target", "target rate ρ₀ (Hz)", 1.0, 10.0, 5.0), BALANCE),
    only(whole("channels", "channels", 4.0, 16.0, 8.0, true), BALANCE),
    // `off` freezes the inhibitory weights where they are: the start decides the cell's rate.
    only(choice("plasticity", "inhibitory plasticity", &["on", "off"]), BALANCE),
    only(choice("start", "starting inhibition", &["weak", "strong"]), BALANCE),
    speed(200.0, "ms per frame", BALANCE),
    COMMON_TAIL[0],
    COMMON_TAIL[1],
    COMMON_TAIL[2],
    COMMON_TAIL[3],
];
