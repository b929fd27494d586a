//! The trajectory of a widget's run as a table (the export-csv button): the records its run keeps
//! for the charts, with the present moment as the last row, in plain decimals.

use crate::circuit_runs::BCM_RECORD;
use crate::memory::HOPFIELD_RECORD;
use crate::widget::{Model, Widget};

/// Column names and rows; every number finite.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

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

/// Picks `pick` (indices into a record of `width`) from each record and from `now`, the present
/// moment, which ends the table when it is later than the last record. Rows with a non-finite
/// number (a run that blew up) are left out.
fn table(columns: &[&str], records: &[f64], width: usize, pick: &[usize], now: Option<&[f64]>) -> Trajectory {
    let mut rows: Vec<Vec<f64>> = records.chunks_exact(width).map(|r| pick.iter().map(|&i| r[i]).collect()).collect();
    if let Some(now) = now {
        let last = records.len().checked_sub(width).map(|i| records[i]);
        if last.is_none_or(|t| now[0] > t) {
            rows.push(pick.iter().map(|&i| now[i]).collect());
        }
    }
    rows.retain(|r| r.iter().all(|v| v.is_finite()));
    Trajectory { columns: columns.iter().map(|c| c.to_string()).collect(), rows }
}

/// Readout names as CSV columns: `wrong-bits` → `wrong_bits`.
fn columns_of(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.replace('-', "_")).collect()
}

/// The run's trajectory: for the cloud kinds step, w1, w2, norm, angle; for the Hopfield network
/// step (in sweeps), overlap, energy, wrong_bits; for the capacity sweep one row per measured
/// load; for the others the readouts they record (ei: its loss, bcm: θ and every response).
pub fn trajectory(w: &Widget) -> Trajectory {
    let readouts = w.readouts();
    let series = w.buffer("series");
    match w.model() {
        Model::Neuron(r) => {
            let [x, y] = r.w();
            // Laid out like NeuronRun::records: step, |w|, angle, w.x, w.y.
            let now = [readouts[0], readouts[1], readouts[2], x, y];
            let records: Vec<f64> = r.records().flatten().collect();
            table(&["step", "w1", "w2", "norm", "angle"], &records, 5, &[0, 3, 4, 1, 2], Some(&now))
        }
        Model::Hopfield(r) => {
            table(&["step", "overlap", "energy", "wrong_bits"], series, HOPFIELD_RECORD, &[0, 2, 1, 3], Some(&r.now()))
        }
        Model::Ei(_) => table(&["step", "energy"], series, 2, &[0, 1], Some(&readouts[..2])),
        Model::Capacity(_) => {
            // Per load: α, mean wrong bits, fraction recalled perfectly, trials so far.
            let measured: Vec<f64> =
                w.buffer("curve").chunks_exact(4).filter(|c| c[3] > 0.0).flatten().copied().collect();
            table(&["alpha", "wrong_bits", "perfect", "trials"], &measured, 4, &[0, 1, 2, 3], None)
        }
        Model::Bcm(r) => {
            let inputs = w.buffer("responses").len();
            let names: Vec<String> = (1..=inputs).map(|k| format!("response{k}")).collect();
            let mut columns = vec!["step", "threshold"];
            columns.extend(names.iter().map(String::as_str));
            let pick: Vec<usize> = (0..2 + inputs).collect();
            table(&columns, series, BCM_RECORD, &pick, Some(&r.now()))
        }
        Model::Modern(_) | Model::Many(_) | Model::Recurrent(_) | Model::Prune(_) => {
            // These record their readouts as they are.
            let columns = columns_of(w.readout_names());
            let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
            let all: Vec<usize> = (0..columns.len()).collect();
            table(&columns, series, all.len(), &all, Some(&readouts))
        }
    }
}
