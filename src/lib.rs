//! Hebbian learning, from one neuron to Hopfield networks: the pure core of the explorable.
//!
//! Everything here is plain Rust, tested natively with `cargo test`; `wasm` is the only module
//! that knows about the browser.

pub mod circuit_runs;
pub mod circuits;
pub mod cloud;
pub mod ei;
pub mod export;
pub mod history;
pub mod hopfield;
pub mod kernels;
pub mod letters;
pub mod many;
pub mod memory;
pub mod modern;
pub mod neuron;
pub mod params;
pub mod rng;
pub mod rules;
pub mod run;
pub mod snapshot;
pub mod widget;

#[cfg(target_arch = "wasm32")]
mod wasm;
