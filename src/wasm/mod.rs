//! The only layer that knows about the browser: the wasm-bindgen exports and the plotters charts.
//! Only the palette builds natively too, so a native test can hold it to the stylesheet's colours.

pub mod palette;

#[cfg(target_arch = "wasm32")]
mod alloc;
#[cfg(target_arch = "wasm32")]
mod bench;
#[cfg(target_arch = "wasm32")]
mod bindings;
#[cfg(target_arch = "wasm32")]
mod charts;
#[cfg(target_arch = "wasm32")]
mod run_charts;
