//! The wasm-bindgen exports: convert types around [`crate::widget::Widget`]. State stays in
//! Rust; JS reads the buffers below through zero-copy views over wasm memory (re-created each
//! frame, since memory may grow).

use super::{charts, run_charts};
use crate::params::json_str;
use crate::runs::{Kind, Model, NeuronRun};
use crate::widget;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Number of f64 in the geometry buffer: w.x, w.y, mean.x, mean.y, e1.x, e1.y, λ1, λ2, max|x−x̄|²,
/// then 1 with `ghost=1` (else 0) and the ghost's weight g.x, g.y.
const GEOMETRY: usize = 12;

#[wasm_bindgen]
pub struct Widget {
    inner: widget::Widget,
    readouts: Vec<f64>,
    geometry: [f64; GEOMETRY],
    flow: Vec<f64>,
}

#[wasm_bindgen]
impl Widget {
    /// A widget from a query string of contract keys (`kind=oja&eta=0.02&seed=7`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Widget {
        let mut w = Widget {
            inner: widget::Widget::from_query(query),
            readouts: Vec::new(),
            geometry: [0.0; GEOMETRY],
            flow: Vec::new(),
        };
        w.refresh();
        w
    }

    pub fn kind(&self) -> String {
        self.inner.params().kind().name().into()
    }

    /// `cloud` | `memory` | `circuit`: which look the page gives the widget (the kind menu
    /// never leaves it).
    pub fn family(&self) -> String {
        self.inner.params().kind().family().name().into()
    }

    /// The kind's keys with their ranges and current values, as JSON.
    pub fn schema(&self) -> String {
        self.inner.params().schema_json()
    }

    /// Every key of the current state as a query string (what embed.html puts in its URL).
    pub fn query(&self) -> String {
        self.inner.params().query()
    }

    /// Sets one key from text, clamped; see `message()` for what was repaired.
    pub fn set(&mut self, key: &str, value: &str) {
        self.inner.set(key, value);
        self.refresh();
    }

    pub fn reset(&mut self) {
        self.inner.reset();
        self.refresh();
    }

    /// Runs up to `steps` steps; returns how many were done.
    pub fn advance(&mut self, steps: u32) -> u32 {
        let done = self.inner.advance(steps as u64) as u32;
        self.refresh();
        done
    }

    /// Up to `units` small pieces of work (capacity: a few rows of W or one recall; ei: a block
    /// of rows of a learning step), for a frame loop that stops when its time budget is spent;
    /// returns the steps finished.
    pub fn advance_units(&mut self, units: u32) -> u32 {
        let done = self.inner.advance_units(units as u64) as u32;
        self.refresh();
        done
    }

    /// How many units of `advance_units` make one step.
    pub fn units_per_step(&self) -> u32 {
        self.inner.units_per_step().min(u32::MAX as u64) as u32
    }

    /// Panics on purpose, so the page tests can check that a fault in the core shows in the
    /// widget and leaves the rest of the page working.
    pub fn fault(&self) {
        panic!("deliberate fault (robustness test)");
    }

    /// `ready` | `paused` | `converged` | `diverged`, or `preparing` while heavy set-up or a
    /// saved log is still to do (the page runs it through `prepare`).
    pub fn status(&self) -> String {
        if self.inner.preparing() {
            return "preparing".into();
        }
        self.inner.status().name().into()
    }

    pub fn message(&self) -> String {
        if self.inner.preparing() {
            return self.inner.preparing_words();
        }
        self.inner.message()
    }

    /// Up to `slices` slices of pending set-up or replay (each ≲ 2 ms); returns how many ran.
    pub fn prepare(&mut self, slices: u32) -> u32 {
        let done = self.inner.prepare(slices as u64) as u32;
        self.refresh();
        done
    }

    /// Fraction of the pending replay done; 1 when nothing is pending.
    pub fn progress(&self) -> f64 {
        self.inner.progress()
    }

    /// Why a loaded file was refused once replayed; empty when it landed on its readouts.
    pub fn load_error(&self) -> String {
        self.inner.load_error().into()
    }

    /// Comma list naming the readouts buffer's entries.
    pub fn readout_names(&self) -> String {
        self.inner.readout_names().join(",")
    }

    pub fn readouts_ptr(&self) -> *const f64 {
        self.readouts.as_ptr()
    }

    /// See `GEOMETRY`: 12 numbers.
    pub fn geometry_ptr(&self) -> *const f64 {
        self.geometry.as_ptr()
    }

    pub fn points_ptr(&self) -> *const f64 {
        self.cloud_slice(|r| r.cloud().points()).as_ptr()
    }

    /// Number of f64 in the points buffer (2 per point).
    pub fn points_len(&self) -> usize {
        self.cloud_slice(|r| r.cloud().points()).len()
    }

    /// History records of 5 numbers: step, |w|, angle (°), w.x, w.y.
    pub fn history_ptr(&self) -> *const f64 {
        self.cloud_slice(|r| r.history().as_slice()).as_ptr()
    }

    pub fn history_len(&self) -> usize {
        self.cloud_slice(|r| r.history().as_slice()).len()
    }

    /// A named f64 buffer of a memory kind: `state` (N), `patterns` (P × N), `overlaps` (P),
    /// `softmax` (P, modern), `classic` (N, ei), `series` ((t, energy or loss) pairs),
    /// `curve` (capacity: α, wrong bits, perfect fraction, trials per load), `theory` ((α, AGS)).
    pub fn buffer_ptr(&self, name: &str) -> *const f64 {
        self.inner.buffer(name).as_ptr()
    }

    pub fn buffer_len(&self, name: &str) -> usize {
        self.inner.buffer(name).len()
    }

    /// Hopfield weights Σ ξξᵀ as i16, N × N (0 elsewhere).
    pub fn weights_ptr(&self) -> *const i16 {
        self.hopfield_weights().as_ptr()
    }

    pub fn weights_len(&self) -> usize {
        self.hopfield_weights().len()
    }

    /// Flips neuron i of the cue (painting).
    pub fn toggle(&mut self, i: u32) {
        self.inner.toggle(i as usize);
        self.refresh();
    }

    /// Stores the current state as a new pattern (classic Hopfield); false when refused.
    pub fn store_state(&mut self) -> bool {
        let ok = self.inner.store_state();
        self.refresh();
        ok
    }

    /// Redraws a memory kind's chart: energy (hopfield), loss (ei) or the capacity curve.
    pub fn draw_memory_chart(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsValue> {
        charts::on_canvas(canvas, |root| run_charts::draw(root, &self.inner, scale)).map_err(js_error)
    }

    /// Computes the averaged-rule flow on a grid×grid lattice over [−half, half]²; records of
    /// 4 numbers (w.x, w.y, Δ.x, Δ.y) at the returned pointer, grid² of them.
    pub fn flow_field(&mut self, half: f64, grid: u32) -> *const f64 {
        let half = if half.is_finite() && half > 0.0 { half } else { 1.0 };
        self.flow.clear();
        if let Model::Neuron(r) = self.inner.model() {
            r.flow_field(half, grid.clamp(1, 64) as usize, &mut self.flow);
        }
        self.flow.as_ptr()
    }

    /// Slider marks as JSON: `{"eta":[{"value":…,"label":"1/λ1"}],…}`.
    pub fn marks(&self) -> String {
        let marks = self.inner.marks();
        let mut keys: Vec<&str> = marks.iter().map(|m| m.0).collect();
        keys.dedup();
        let body: Vec<String> = keys
            .iter()
            .map(|k| {
                let items: Vec<String> = marks
                    .iter()
                    .filter(|m| m.0 == *k)
                    .map(|m| format!("{{\"value\":{:?},\"label\":{}}}", m.1, json_str(m.2)))
                    .collect();
                format!("{}:[{}]", json_str(k), items.join(","))
            })
            .collect();
        format!("{{{}}}", body.join(","))
    }

    pub fn add_point(&mut self, x: f64, y: f64) -> bool {
        let ok = self.inner.add_point(x, y);
        self.refresh();
        ok
    }

    pub fn move_point(&mut self, i: u32, x: f64, y: f64) -> bool {
        let ok = self.inner.move_point(i as usize, x, y);
        self.refresh();
        ok
    }

    pub fn remove_point(&mut self, i: u32) -> bool {
        let ok = self.inner.remove_point(i as usize);
        self.refresh();
        ok
    }

    /// The exact state as JSON (the export-json button); `from_json` loads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A widget made from a saved JSON file, its log to replay through `prepare` (then check
    /// `load_error`), or an error that says what is wrong with the file.
    pub fn from_json(text: &str) -> Result<Widget, JsValue> {
        let inner = widget::replay::start(text).map_err(|e| JsValue::from_str(&e))?;
        let mut w = Widget { inner, readouts: Vec::new(), geometry: [0.0; GEOMETRY], flow: Vec::new() };
        w.refresh();
        Ok(w)
    }

    /// Index of the point nearest (x, y) within `radius` (data units), or −1.
    pub fn nearest_point(&self, x: f64, y: f64, radius: f64) -> i32 {
        match self.inner.model() {
            Model::Neuron(r) => r.cloud().nearest(x, y, radius).map_or(-1, |i| i as i32),
            _ => -1,
        }
    }

    /// Redraws the |w| chart (log scale) and the angle chart; `scale` is devicePixelRatio.
    pub fn draw_charts(&self, norm: HtmlCanvasElement, angle: HtmlCanvasElement, scale: f64) -> Result<(), JsValue> {
        let Model::Neuron(run) = self.inner.model() else {
            return Ok(());
        };
        charts::on_canvas(norm, |root| charts::draw_norm(root, run, scale)).map_err(js_error)?;
        charts::on_canvas(angle, |root| charts::draw_angle(root, run, scale)).map_err(js_error)
    }

    /// Redraws the eigen chart: |w·e1|, |w·e2| (Oja: their ratio) with the predicted slopes dashed.
    pub fn draw_eigen_chart(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsValue> {
        let Model::Neuron(run) = self.inner.model() else {
            return Ok(());
        };
        charts::on_canvas(canvas, |root| charts::draw_eigen(root, run, scale)).map_err(js_error)
    }

    /// The kind's charts as one SVG document of `width` × `height` (the cloud's two charts one
    /// and the eigen chart, one above the other), drawn by the same code as the canvases; "" when
    /// the kind has none.
    pub fn charts_svg(&self, width: u32, height: u32) -> Result<String, JsValue> {
        let (width, height) = (width.clamp(100, 4000), height.clamp(100, 4000));
        match self.inner.model() {
            Model::Neuron(run) => charts::to_svg(width, height, |root| {
                let rows = root.split_evenly((3, 1));
                charts::draw_norm(&rows[0], run, 1.0)?;
                charts::draw_angle(&rows[1], run, 1.0)?;
                charts::draw_eigen(&rows[2], run, 1.0)
            }),
            _ if run_charts::has_chart(&self.inner) => {
                charts::to_svg(width, height, |root| run_charts::draw(root, &self.inner, 1.0))
            }
            _ => Ok(String::new()),
        }
        .map_err(js_error)
    }

    /// The run's trajectory as CSV: a header, then one row per recorded point (see `export`).
    pub fn trajectory_csv(&self) -> String {
        widget::export::trajectory(&self.inner).to_csv()
    }

    fn cloud_slice(&self, f: impl Fn(&NeuronRun) -> &[f64]) -> &[f64] {
        match self.inner.model() {
            Model::Neuron(r) => f(r),
            _ => &[],
        }
    }

    fn hopfield_weights(&self) -> &[i16] {
        match self.inner.model() {
            Model::Hopfield(r) => r.weights(),
            _ => &[],
        }
    }

    fn refresh(&mut self) {
        self.readouts = self.inner.readouts();
        let Model::Neuron(run) = self.inner.model() else {
            return;
        };
        let s = run.stats();
        let w = run.w();
        let (on, g) = run.ghost().map_or((0.0, [0.0; 2]), |g| (1.0, g));
        self.geometry =
            [w[0], w[1], s.mean[0], s.mean[1], s.e1[0], s.e1[1], s.lambda1, s.lambda2, s.max_sq, on, g[0], g[1]];
    }
}

fn js_error(e: Box<dyn std::error::Error>) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The seed text's worked example of Hebb with decay, every term: w = [0.1, 0], η = 0.5,
/// λ = 0.1, x = [1, 1], y = 1. Returns η x y (2), the decay term (2), Δw (2) and the new w (2);
/// `l1` swaps λ w for λ sign(w).
#[wasm_bindgen]
pub fn worked_example(l1: bool) -> Vec<f64> {
    let s = crate::science::circuits::decay_step(&[0.1, 0.0], &[1.0, 1.0], 1.0, 0.5, 0.1, l1);
    [s.hebbian, s.decay, s.change, s.after].concat()
}

/// The kinds table: every kind's public name and family (`cloud` | `memory` | `circuit`), in the
/// table's order, as an array of `{name, family}`. Page tests iterate it, so a kind registered
/// without its page tests fails the suite.
#[wasm_bindgen]
pub fn kinds() -> js_sys::Array {
    Kind::ALL
        .iter()
        .map(|k| {
            let row = js_sys::Object::new();
            // Setting a plain property on a fresh object cannot fail.
            let _ = js_sys::Reflect::set(&row, &"name".into(), &k.name().into());
            let _ = js_sys::Reflect::set(&row, &"family".into(), &k.family().name().into());
            JsValue::from(row)
        })
        .collect()
}

/// A fresh random seed for the "new seed" button (the only use of the browser's randomness).
#[wasm_bindgen]
pub fn fresh_seed() -> u32 {
    let mut b = [0u8; 4];
    getrandom::getrandom(&mut b).map_or(1, |_| u32::from_le_bytes(b))
}

/// The canonical query a fresh widget with these keys would have (presets applied, values
/// repaired): what a removed attribute returns to.
#[wasm_bindgen]
pub fn canonical_query(query: &str) -> String {
    crate::params::Params::from_query(query, &mut Vec::new()).query()
}
