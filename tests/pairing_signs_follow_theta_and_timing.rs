//! docs/science.md#pairing: the virtual slice experiment. Pairing below BCM's threshold θ
//! depresses the synapse and above it potentiates; a quieter past (dark rearing) slides θ down so
//! that the same pairing rate flips from depression to potentiation (Kirkwood, Rioult & Bear
//! 1996); with spike timing the sign follows the order of the spikes (Bi & Poo 1998).
//!
//! The noise: each test pulse reads the EPSP with seeded noise σ = 0.03 mV on 1 mV, and the change
//! c = 100 (A/B − 1) compares the mean A of 10 pulses after with the mean B of 10 before, each
//! with spread s = σ/√10. To first order (B ≈ 1 mV) c has spread 100 s √(1 + A²) per cent: at
//! most 2.2 points for the changes here (A < 2). A single run is bounded by 5 of those, the mean
//! of the seeds by 5 of its own (the spread over √n).
mod common;
use common::SEEDS;
use hebb::runs::{Status, EPSP_NOISE, RATE_BLOCKS, RATE_ETA, TEST_PULSES};
use hebb::science::plasticity::{
    rate_pairing_change, stdp_window, BI_POO_A_MINUS, BI_POO_A_PLUS, BI_POO_TAU_MINUS, BI_POO_TAU_PLUS, REFERENCE_RATE,
};
use hebb::widget::Widget;

/// More seeds than the shared five, so the means are tight and the per-run bounds are tested often.
fn seeds() -> Vec<u32> {
    SEEDS.iter().copied().chain(100..115).collect()
}

fn read(w: &Widget, name: &str) -> f64 {
    let i = w.readout_names().iter().position(|n| *n == name).expect("a pairing readout");
    w.readouts()[i]
}

/// Runs the protocol to its end; it must stop by itself, converged.
fn finish(w: &mut Widget) {
    w.advance(1000);
    assert_eq!(w.status(), Status::Converged, "the protocol did not end");
}

/// The spread (per cent) of one measured change whose EPSP after is `after` mV (see the top).
fn spread(after: f64) -> f64 {
    100.0 * EPSP_NOISE / (TEST_PULSES as f64).sqrt() * (1.0 + after * after).sqrt()
}

/// One protocol's measured change against the science's prediction `predicted` (a fraction),
/// within 5 spreads; returns the measured change in per cent.
fn check_change(w: &Widget, predicted: f64, what: &str) -> f64 {
    let c = read(w, "change");
    let tol = 5.0 * spread(1.0 + predicted);
    assert!(
        (c - 100.0 * predicted).abs() < tol,
        "{what}: change {c:.2} %, predicted {:.2} % ± {tol:.2}",
        100.0 * predicted
    );
    c
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// The mean of the seeds' changes has the predicted sign, beyond 5 spreads of a mean.
fn assert_sign(changes: &[f64], predicted: &[f64], what: &str) {
    let (m, p) = (mean(changes), 100.0 * mean(predicted));
    let tol = 5.0 * spread(1.0 + p / 100.0) / (changes.len() as f64).sqrt();
    assert!(p.abs() > 2.0 * tol, "{what}: the prediction {p:.2} % is too close to 0 to test its sign");
    assert!(
        m.signum() == p.signum() && (m - p).abs() < tol,
        "{what}: mean change {m:.2} %, predicted {p:.2} % ± {tol:.2}"
    );
}

/// Either side of θ (30 % below and above each cell's own θ, read from the widget) the change
/// has BCM's sign, in every seed and on average. Both runs share one widget: the second rate is
/// a live change, which runs the protocol again and adds a second point to the summary.
#[test]
fn pairing_depresses_below_theta_and_potentiates_above() {
    let (mut below, mut above, mut pb, mut pa) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for seed in seeds() {
        let mut w = Widget::from_query(&format!("kind=pairing&seed={seed}"));
        let theta_hz = read(&w, "theta");
        let theta = theta_hz / REFERENCE_RATE;
        for (f, changes, predicted) in [(0.7, &mut below, &mut pb), (1.3, &mut above, &mut pa)] {
            let rate = f * theta_hz;
            w.set("rate", &rate.to_string());
            finish(&mut w);
            let p = rate_pairing_change(rate, theta, RATE_ETA, RATE_BLOCKS as f64);
            changes.push(check_change(&w, p, &format!("seed {seed}, {rate:.2} Hz")));
            predicted.push(p);
        }
        let points = w.buffer("points");
        assert_eq!(points.len(), 6, "seed {seed}: two protocols, two summary points");
        assert!(points[1] < 0.0 && points[4] > 0.0, "seed {seed}: summary {points:?}");
        w.reset();
        assert!(w.buffer("points").is_empty(), "reset starts the experiment over");
    }
    assert_sign(&below, &pb, "0.7 θ");
    assert_sign(&above, &pa, "1.3 θ");
}

/// θ follows the past: about (r̄/y₀)²·13/12 in units of y₀ = 10 Hz, from the running average of
/// ŷ² over a past of rates r̄(0.5 + u). Its seed-to-seed spread is √(Var ŷ²/(2τθ − 1)) = 3.8 %
/// of θ (Var z² = 0.339 for z uniform on [0.5, 1.5), τθ = 100): one cell within 5 of those, the
/// mean of 20 within 5 spreads of a mean.
#[test]
fn theta_slides_down_with_a_quieter_history() {
    for history in [3.0, 6.0, 10.0, 12.0] {
        let expected = (history / REFERENCE_RATE) * (history / REFERENCE_RATE) * 13.0 / 12.0 * REFERENCE_RATE;
        let thetas: Vec<f64> = seeds()
            .iter()
            .map(|seed| read(&Widget::from_query(&format!("kind=pairing&seed={seed}&history={history}")), "theta"))
            .collect();
        for t in &thetas {
            assert!(
                (t / expected - 1.0).abs() < 5.0 * 0.038,
                "history {history} Hz: θ = {t:.3} Hz, expected {expected:.3}"
            );
        }
        let m = mean(&thetas);
        let tol = 5.0 * 0.038 / (thetas.len() as f64).sqrt();
        assert!((m / expected - 1.0).abs() < tol, "history {history} Hz: mean θ = {m:.3} Hz, expected {expected:.3}");
    }
}

/// Kirkwood, Rioult & Bear 1996 in one widget: 5 Hz pairing depresses a normally reared cell
/// (θ ≈ 10.8 Hz) and potentiates a dark-reared one (θ ≈ 1 Hz), in every seed and on average.
#[test]
fn dark_rearing_flips_depression_into_potentiation() {
    let (mut normal, mut dark, mut pn, mut pd) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for seed in seeds() {
        for (preset, changes, predicted) in [("normal", &mut normal, &mut pn), ("dark", &mut dark, &mut pd)] {
            let mut w = Widget::from_query(&format!("kind=pairing&seed={seed}&preset={preset}&rate=5"));
            let theta = read(&w, "theta") / REFERENCE_RATE;
            finish(&mut w);
            let p = rate_pairing_change(5.0, theta, RATE_ETA, RATE_BLOCKS as f64);
            changes.push(check_change(&w, p, &format!("seed {seed}, {preset}")));
            predicted.push(p);
        }
    }
    assert_sign(&normal, &pn, "normal rearing, 5 Hz");
    assert_sign(&dark, &pd, "dark rearing, 5 Hz");
    assert!(mean(&normal) < 0.0 && mean(&dark) > 0.0);
}

/// Spike timing: pre before post (Δt > 0) potentiates, post before pre depresses, at delays from
/// 1 to 40 ms either side of 0, by Bi & Poo's window.
#[test]
fn timing_sign_follows_the_order_of_the_spikes() {
    for dt in [1.0, 10.0, 40.0, -1.0, -10.0, -40.0] {
        let (mut changes, mut predicted) = (Vec::new(), Vec::new());
        for seed in seeds() {
            let mut w = Widget::from_query(&format!("kind=pairing&seed={seed}&protocol=timing&dt={dt}"));
            finish(&mut w);
            let p = stdp_window(dt, BI_POO_A_PLUS, BI_POO_TAU_PLUS, BI_POO_A_MINUS, BI_POO_TAU_MINUS);
            changes.push(check_change(&w, p, &format!("seed {seed}, Δt = {dt} ms")));
            predicted.push(p);
        }
        assert_sign(&changes, &predicted, &format!("Δt = {dt} ms"));
    }
}
