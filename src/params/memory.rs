//! The keys of the memory kinds (`hopfield`, `capacity`, `basins`, `modern`, `ei`).

use super::*;

const HOPFIELD: &[Kind] = &[Kind::Hopfield];
const CAPACITY: &[Kind] = &[Kind::Capacity];
const BASINS: &[Kind] = &[Kind::Basins];
const MODERN: &[Kind] = &[Kind::Modern];
const EI: &[Kind] = &[Kind::Ei];
const DENSE: &[Kind] = &[Kind::Dense];
const STORING: &[Kind] = &[Kind::Hopfield, Kind::Modern, Kind::Ei, Kind::Dense];

/// The schema of the memory kinds (Hopfield and its relatives).
pub const MEMORY_SCHEMA: &[Param] = &[
    choice("kind", "network", &["hopfield", "modern", "ei", "capacity", "basins", "dense"]),
    only(choice("preset", "start", &["retrieval", "mixture", "overload"]), HOPFIELD),
    only(choice("preset", "start", &["retrieval", "blend", "crowded"]), MODERN),
    only(choice("preset", "start", &["normative", "dale"]), EI),
    only(choice("preset", "start", &["sweep"]), CAPACITY),
    only(whole("side", "grid side (N = side²)", 4.0, 64.0, 16.0, true), &[Kind::Hopfield, Kind::Modern, Kind::Dense]),
    // E/I learning is O(N² P) per step and W is N × N of f64: N ≤ 1024 keeps it live.
    only(whole("side", "grid side (N = side²)", 4.0, 32.0, 16.0, true), EI),
    only(whole("side", "grid side (N = side²)", 4.0, 64.0, 20.0, true), CAPACITY),
    // Each of 15 loads × `trials` stores up to 0.3 N patterns and recalls 11 cues, most sweeps of
    // a cue far from its pattern flipping many neurons (N adds each): N = 1024 keeps units short.
    only(whole("side", "grid side (N = side²)", 4.0, 32.0, 16.0, true), BASINS),
    only(whole("p", "stored patterns P", 1.0, 16_384.0, 5.0, true), STORING),
    only(choice("patterns", "patterns", &["letters", "random"]), STORING),
    only(linear("noise", "cue noise (flipped fraction)", 0.0, 1.0, 0.2), STORING),
    only(whole("cue", "cued pattern", 1.0, 16_384.0, 1.0, false), STORING),
    only(choice("update", "update", &["async", "sync"]), &[Kind::Hopfield, Kind::Dense]),
    only(choice("order", "interaction order n (F = xⁿ or eˣ)", &["2", "3", "4", "5", "6", "7", "8", "exp"]), DENSE),
    only(log("beta", "inverse temperature β", 1e-4, 100.0, 1.0), MODERN),
    // Below 2/λmax(FᵀF) for 5 letters at every side up to 32 (0.0013 at side 32).
    only(log("eta", "learning rate η", 1e-5, 0.1, 0.001), EI),
    only(linear("ratio", "excitatory fraction", 0.5, 1.0, 0.75), EI),
    only(whole("trials", "trials per load", 1.0, 50.0, 5.0, true), CAPACITY),
    only(whole("trials", "trials per cell", 1.0, 50.0, 10.0, true), BASINS),
    only(linear("load-min", "lowest load P/N", 0.02, 0.3, 0.02), BASINS),
    only(linear("load-max", "highest load P/N", 0.02, 0.3, 0.3), BASINS),
    only(linear("m0-min", "lowest cue overlap m₀", 0.1, 1.0, 0.1), BASINS),
    only(linear("m0-max", "highest cue overlap m₀", 0.1, 1.0, 1.0), BASINS),
    only(linear("load", "load of the basin readout", 0.02, 0.3, 0.12), BASINS),
    speed(32.0, "neuron updates per frame", HOPFIELD),
    speed(1.0, "updates per step of the clock", MODERN),
    speed(5.0, "learning steps per frame", EI),
    speed(1.0, "trials per frame (at most)", CAPACITY),
    speed(10.0, "cells per frame (at most)", BASINS),
    speed(32.0, "neuron updates per frame", DENSE),
    COMMON_TAIL[0],
    COMMON_TAIL[1],
    COMMON_TAIL[2],
    COMMON_TAIL[3],
];
