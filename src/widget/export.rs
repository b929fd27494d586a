//! The export-csv button: the widget's run's trajectory (see [`crate::runs::Run::trajectory`]) in plain
//! decimals.

use super::Widget;
pub use crate::runs::Trajectory;

impl Trajectory {
    /// A header line, then one line per row; numbers as plain decimals (no exponent).
    pub fn to_csv(&self) -> String {
        let mut out = self.columns.join(",");
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|v| plain(*v)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}

/// Rust prints an f64 with `{}` as a plain decimal that reads back to the same number; −0 → 0.
fn plain(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else {
        format!("{v}")
    }
}

/// The run's trajectory: for the cloud kinds step, w1, w2, norm, angle; for the Hopfield network
/// step (in sweeps), overlap, energy, wrong_bits; for the capacity sweep one row per measured
/// load; for the others the readouts they record (ei: its loss, bcm: θ and every response).
pub fn trajectory(w: &Widget) -> Trajectory {
    w.model().run().trajectory()
}
