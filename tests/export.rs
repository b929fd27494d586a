//! The trajectory export (the CSV button): the columns each kind promises, one row per recorded
//! point ending at the present, plain finite decimals, and a last row equal to the readouts.
mod common;

use common::kinds;
use hebb::runs::{Kind, Status};
use hebb::widget::export::{trajectory, Trajectory};
use hebb::widget::Widget;

fn readout(w: &Widget, name: &str) -> f64 {
    let i = w.readout_names().iter().position(|n| *n == name).unwrap();
    w.readouts()[i]
}

fn column(t: &Trajectory, name: &str) -> Vec<f64> {
    let i = t.columns.iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name} in {:?}", t.columns));
    t.rows.iter().map(|r| r[i]).collect()
}

/// The CSV text itself: the header, then rows of plain finite decimals (no exponent, no NaN).
fn parse_csv(csv: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut lines = csv.lines();
    let header: Vec<String> = lines.next().expect("a header").split(',').map(String::from).collect();
    let rows: Vec<Vec<f64>> = lines
        .map(|line| {
            line.split(',')
                .map(|cell| {
                    assert!(
                        cell.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-'),
                        "not a plain decimal: {cell:?} in {line}"
                    );
                    let v: f64 = cell.parse().unwrap();
                    assert!(v.is_finite());
                    v
                })
                .collect()
        })
        .collect();
    for r in &rows {
        assert_eq!(r.len(), header.len(), "row width");
    }
    (header, rows)
}

fn assert_increasing(steps: &[f64]) {
    for p in steps.windows(2) {
        assert!(p[1] > p[0], "steps not increasing: {} then {}", p[0], p[1]);
    }
}

/// Every step of a short Oja run is a row; the norm column is |(w1, w2)| and the last row is
/// the readouts, with |w| ≈ 1 (Oja's rule settles at unit length).
#[test]
fn oja_csv_has_every_step_and_ends_at_unit_length() {
    let mut w = Widget::from_query("kind=oja&seed=3&eta=0.01");
    for _ in 0..100 {
        w.advance(10);
    }
    let t = trajectory(&w);
    let (header, rows) = parse_csv(&t.to_csv());
    assert_eq!(header, ["step", "w1", "w2", "norm", "angle"]);
    assert_eq!(rows, t.rows);
    assert_eq!(rows.len(), 1001, "steps 0…1000, one row each");
    assert_eq!(column(&t, "step"), (0..=1000).map(f64::from).collect::<Vec<_>>());
    for r in &rows {
        assert!((r[1].hypot(r[2]) - r[3]).abs() < 1e-12, "norm column is |w|: {r:?}");
        assert!((0.0..=90.0).contains(&r[4]), "angle {r:?}");
    }
    let last = rows.last().unwrap();
    assert_eq!(last[3], readout(&w, "norm"));
    assert_eq!(last[4], readout(&w, "angle"));
    assert!((last[3] - 1.0).abs() < 0.05, "|w| = {}", last[3]);
    assert!(last[4] < 10.0, "angle {}", last[4]);
}

/// A long run keeps a bounded table, still from step 0 to the present step.
#[test]
fn long_oja_csv_is_bounded_and_ends_at_the_present() {
    let mut w = Widget::from_query("kind=oja&seed=5&eta=0.005");
    for _ in 0..2_000 {
        w.advance(37);
    }
    let t = trajectory(&w);
    let steps = column(&t, "step");
    assert!((513..=1025).contains(&steps.len()), "{} rows", steps.len());
    assert_eq!(steps[0], 0.0);
    assert_eq!(*steps.last().unwrap(), 74_000.0);
    assert_increasing(&steps);
    assert!((column(&t, "norm").last().unwrap() - 1.0).abs() < 0.05);
}

/// A run that blew up exports only finite rows, as plain decimals.
#[test]
fn diverged_hebb_csv_stays_finite() {
    let mut w = Widget::from_query("kind=hebb&seed=2&eta=0.5");
    while w.advance(100) > 0 {}
    assert_eq!(w.status(), Status::Diverged);
    let t = trajectory(&w);
    let (_, rows) = parse_csv(&t.to_csv());
    assert!(rows.len() >= 2);
    assert!(rows.last().unwrap()[3] > 1e6, "the growth is in the table");
}

/// Clean recall of a letter: the overlap column rises from the cue's 0.6 to exactly 1 with no
/// wrong bit, and the energy falls to the readout's.
#[test]
fn hopfield_csv_overlap_reaches_one() {
    let mut w = Widget::from_query("kind=hopfield&seed=1");
    while w.advance(32) > 0 {}
    assert_eq!(w.status(), Status::Converged);
    let t = trajectory(&w);
    let (header, rows) = parse_csv(&t.to_csv());
    assert_eq!(header, ["step", "overlap", "energy", "wrong_bits"]);
    assert!(rows.len() >= 10, "{} rows", rows.len());
    assert_increasing(&column(&t, "step"));
    let (first, last) = (&rows[0], rows.last().unwrap());
    assert_eq!(first[0], 0.0);
    assert!((first[1] - 0.6).abs() < 0.01, "cue overlap {}", first[1]);
    assert_eq!(last[0], readout(&w, "step"));
    assert_eq!(last[1], 1.0);
    assert_eq!(last[3], 0.0);
    assert_eq!(last[2], readout(&w, "energy"));
    let energy = column(&t, "energy");
    assert!(energy.windows(2).all(|p| p[1] <= p[0]), "asynchronous updates never raise the energy");
}

/// The kinds with an `export` run in tests/common/kinds.rs (the others have their own test above
/// or below): their columns, a first row at step 0 and a last row equal to the readouts.
#[test]
fn every_recording_kind_ends_at_its_readouts() {
    for (q, columns) in Kind::ALL.into_iter().filter_map(|k| kinds::of(k).export) {
        let mut w = Widget::from_query(q);
        for _ in 0..300 {
            w.advance(7);
        }
        let t = trajectory(&w);
        let (header, rows) = parse_csv(&t.to_csv());
        assert_eq!(header, columns, "{q}");
        assert!(rows.len() >= 2, "{q}: {} rows", rows.len());
        assert_eq!(rows[0][0], 0.0, "{q}");
        assert_increasing(&column(&t, "step"));
        let last = rows.last().unwrap();
        for (i, name) in header.iter().enumerate() {
            let readout_name = name.replace('_', "-");
            if w.readout_names().contains(&readout_name.as_str()) {
                assert_eq!(last[i], readout(&w, &readout_name), "{q}: {name}");
            }
        }
    }
}

/// The capacity sweep: one row per load measured so far.
#[test]
fn capacity_csv_has_a_row_per_measured_load() {
    let mut w = Widget::from_query("kind=capacity&side=8&trials=2");
    w.advance(7);
    let t = trajectory(&w);
    let (header, rows) = parse_csv(&t.to_csv());
    assert_eq!(header, ["alpha", "wrong_bits", "perfect", "trials"]);
    assert_eq!(rows.len(), 4, "7 trials at 2 per load reach the 4th load");
    assert_eq!(column(&t, "trials"), [2.0, 2.0, 2.0, 1.0]);
    assert!((rows[0][0] - 0.02).abs() < 1e-12);
}
