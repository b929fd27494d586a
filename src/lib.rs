//! Hebbian learning, from one neuron to Hopfield networks: the pure core of the explorable.
//!
//! The layers, each using only those above it:
//! - [`science`]: the maths of every rule and network (needs only its own random streams);
//! - [`params`]: the one parameter contract (URL key = attribute = slider = save file);
//! - [`runs`]: the kinds table and the [`runs::Run`] of each kind (clock, readouts, buffers);
//! - [`widget`]: one widget's state without the web (log, snapshot, export);
//! - [`wasm`]: the only module that knows about the browser (its palette builds everywhere).
//!
//! Everything but `wasm` is plain Rust, tested natively with `cargo test`.

pub mod kernels;
pub mod params;
pub mod runs;
pub mod science;
pub mod wasm;
pub mod widget;
