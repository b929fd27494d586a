//! The benchmark kernels for bench/bench.html: the same code the native bench times.

use crate::kernels::Kernel;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct BenchKernel(Kernel);

#[wasm_bindgen]
impl BenchKernel {
    /// `oja_epoch` | `hopfield_sweep` | `capacity_curve` | `stdp_second` | `basins_diagram`.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str) -> Result<BenchKernel, JsValue> {
        Kernel::new(name).map(BenchKernel).ok_or_else(|| JsValue::from_str("unknown kernel"))
    }

    pub fn prepare(&mut self) {
        self.0.prepare();
    }

    /// The timed work; returns its checksum.
    pub fn run(&mut self) -> f64 {
        self.0.run()
    }

    /// A copy of one of the kernel's inputs (see `Kernel::input`).
    pub fn input(&self, name: &str) -> Vec<f64> {
        self.0.input(name)
    }

    pub fn curve(&self) -> Vec<f64> {
        self.0.curve().to_vec()
    }

    /// The output spikes of the last `stdp_second` run.
    pub fn posts(&self) -> u32 {
        self.0.posts()
    }
}
