//! docs/science.md#recurrent and the review (issue 11): the recurrent circuit learns W → C/α while each
//! neuron's activity is set by its inputs alone (the open loop: the gains are one pass of W).
//! Run as a real loop, τṙ = −r + W r + u, the activity settles at r = (I − W)⁻¹ u only while
//! every eigenvalue of W is below 1, i.e. α > λ1(C): `loop=closed` stops as `diverged` below it
//! and shows the real amplification (I − W)⁻¹ above it.
//!
//! Noise of the learned W (the tolerances below): W_t = (1 − ηα) W_{t−1} + η x xᵀ, so W − E[W] is
//! an exponential average of x xᵀ − C. For a fixed vector u and Gaussian inputs,
//! Var((x xᵀ u)_i) = C_ii uᵀCu + (Cu)_i², so E|(W − C/α) u|² = η/(α(2 − ηα)) · (tr C · uᵀCu + |Cu|²)
//! once the start has been forgotten ((1 − ηα)^t ≈ 0). The checks allow 4 times that rms.
use hebb::runs::Status;
use hebb::science::circuits::SharedSources;
use hebb::science::rng::{Rng, Stream};
use hebb::widget::Widget;
use nalgebra::{DMatrix, DVector};

const SEEDS: [u32; 4] = [1, 2, 3, 4242];
/// Small enough that the learned W stays near C/α (its top eigenvalue wanders by
/// √(2ηα/(2 − ηα)) ≈ √(ηα) of itself, 4 % at α ≈ 15: e1ᵀWe1 is an exponential average of
/// (e1·x)², whose variance is 2λ1²), large enough to forget the
/// start within the run.
const ETA: f64 = 1e-4;
const STEPS: u64 = 100_000;

fn readout(w: &Widget, name: &str) -> f64 {
    let i = w.readout_names().iter().position(|n| *n == name).unwrap();
    w.readouts()[i]
}

/// The widget's inputs rebuilt from its seed (defaults: n = 8, two sources, σ = 0.5).
fn sources(seed: u32) -> SharedSources {
    SharedSources::new(8, 2, 0.5, &mut Rng::new(seed, Stream::Data))
}

fn mat(n: usize, v: &[f64]) -> DMatrix<f64> {
    DMatrix::from_row_slice(n, n, v)
}

fn top(m: &DMatrix<f64>) -> f64 {
    m.clone().symmetric_eigenvalues().iter().cloned().fold(f64::NEG_INFINITY, f64::max)
}

/// λ1 by power iteration, independent of the eigen-solver the core uses (C is positive
/// definite, so the largest eigenvalue is also the largest in size).
fn power_lambda1(c: &DMatrix<f64>) -> f64 {
    let mut v = DVector::from_element(c.nrows(), 1.0);
    let mut l = 0.0;
    for _ in 0..10_000 {
        let cv = c * &v;
        l = v.dot(&cv) / v.dot(&v);
        v = cv.normalize();
    }
    l
}

fn run(q: &str, steps: u64) -> Widget {
    let mut w = Widget::from_query(q);
    for _ in 0..steps / 1000 {
        w.advance(1000);
    }
    w
}

/// rms of |(W − C/α) u| (see the header).
fn noise(c: &DMatrix<f64>, alpha: f64, u: &DVector<f64>) -> f64 {
    let cu = c * u;
    let var = ETA / (alpha * (2.0 - ETA * alpha)) * (c.trace() * u.dot(&cu) + cu.norm_squared());
    var.sqrt()
}

#[test]
fn lambda1_readout_is_the_top_eigenvalue_of_c() {
    for seed in SEEDS {
        let c = mat(8, &sources(seed).covariance());
        let w = Widget::from_query(&format!("kind=recurrent&seed={seed}"));
        let l1 = readout(&w, "lambda1");
        let power = power_lambda1(&c);
        assert!((l1 / power - 1.0).abs() < 1e-9, "seed {seed}: lambda1 {l1}, power iteration {power}");
        // The α slider marks it (linear decay; α does nothing with the y² decay).
        assert!(w.marks().contains(&("alpha", l1, "λ1")), "seed {seed}: {:?}", w.marks());
        assert!(Widget::from_query(&format!("kind=recurrent&decay=squared&seed={seed}")).marks().is_empty());
    }
}

/// Below the threshold (α = 0.8 λ1) the closed loop stops, on the 64-step check grid, about where
/// the mean weights E[W_t] = (1 − (1 − ηα)^t) C/α reach an eigenvalue of 1: t* = ln 5 / (ηα).
/// The top eigenvalue's mean is 1.25 (1 − e^(−ηαt)); its noise is at most its stationary rms,
/// s = 1.25 √(2ηα/(2 − ηα)) ≤ 0.046 for every α here (ηα ≤ 0.0013). The stop cannot come before
/// the mean is within 5 s of 1 (ηαt = 0.96, 0.59 t*) and must have come once the mean is 4 s past
/// it (ηαt = 2.94, 1.83 t*), plus one check interval.
#[test]
fn closed_loop_below_lambda1_diverges_with_the_reason() {
    for seed in SEEDS {
        let l1 = power_lambda1(&mat(8, &sources(seed).covariance()));
        let alpha = 0.8 * l1;
        let w = run(&format!("kind=recurrent&loop=closed&alpha={alpha}&eta={ETA}&seed={seed}"), STEPS);
        assert_eq!(w.status(), Status::Diverged, "seed {seed}: α = {alpha} < λ1 = {l1} did not diverge");
        let step = readout(&w, "step");
        assert_eq!(step % 64.0, 0.0, "seed {seed}: stopped at {step}, off the check grid");
        let t_star = 5f64.ln() / (ETA * alpha);
        assert!(ETA * alpha <= 0.0013, "seed {seed}: ηα = {} is past the bound above", ETA * alpha);
        assert!(step > 0.59 * t_star && step < 1.83 * t_star + 64.0, "seed {seed}: stopped at {step}, t* = {t_star}");
        let m = w.message();
        assert!(m.contains("closed loop: after") && m.contains("W has an eigenvalue 1."), "seed {seed}: {m}");
        assert!(m.contains("α = ") && m.contains(" < λ1 = "), "seed {seed}: {m}");
        assert!(w.readouts().iter().all(|v| v.is_finite()), "seed {seed}: {:?}", w.readouts());
    }
}

/// Above it (α = 1.25 λ1, E[W]'s top eigenvalue 0.8) the loop runs the whole way, and its gains
/// are those of the settled loop. The learned W's top eigenvalue wanders by
/// √(2ηα/(2 − ηα)) · 0.8 ≈ 0.04 (checked below to be under 1/5 of the margin 0.2).
///
/// - open (one pass): |W v|/|v| → |Cv|/(α|v|); for the spurious pattern (orthogonal to every
///   source, Cv = σ²v) that is σ²/α = 0.25/α, an attenuation. Error ≤ |(W − C/α) v|/|v|.
/// - closed: |(I − W)⁻¹ v|/|v| → |(I − C/α)⁻¹ v|/|v|; for the spurious pattern 1/(1 − σ²/α).
///   Exactly, (I − W)⁻¹ v − (I − C/α)⁻¹ v = (I − W)⁻¹ (W − C/α) u with u = (I − C/α)⁻¹ v, so the
///   error is at most ‖(I − W)⁻¹‖ · |(W − C/α) u| / |v|, with the norm read from the learned W.
#[test]
fn closed_loop_above_lambda1_settles_and_gains_match_the_predictions() {
    for seed in SEEDS {
        let src = sources(seed);
        let c = mat(8, &src.covariance());
        let l1 = power_lambda1(&c);
        let alpha = 1.25 * l1;
        assert!(alpha <= 20.0, "seed {seed}: α = {alpha} is past the slider");
        let wobble = (2.0 * ETA * alpha / (2.0 - ETA * alpha)).sqrt() * 0.8;
        assert!(5.0 * wobble < 0.2, "seed {seed}: noise {wobble} too close to the margin");
        let mut w = run(&format!("kind=recurrent&loop=closed&alpha={alpha}&eta={ETA}&seed={seed}"), STEPS);
        assert_eq!(w.status(), Status::Ready, "seed {seed}: {}", w.message());
        assert_eq!(readout(&w, "step"), STEPS as f64);
        // The learned W (the widget shows αW).
        let learned = mat(8, &w.buffer("learned").iter().map(|x| x / alpha).collect::<Vec<_>>());
        let top_w = top(&learned);
        assert!(
            (top_w - 0.8).abs() < 4.0 * wobble,
            "seed {seed}: top eigenvalue of W {top_w}, want 0.8 ± {}",
            4.0 * wobble
        );
        let inv_norm =
            learned.clone().symmetric_eigenvalues().iter().map(|m| 1.0 / (1.0 - m).abs()).fold(0.0, f64::max);

        let mean = &c / alpha;
        let loop_inv = (DMatrix::identity(8, 8) - &mean).try_inverse().unwrap();
        let closed = [readout(&w, "gain-shared"), readout(&w, "gain-spurious")];
        w.set("loop", "open");
        assert_eq!(readout(&w, "step"), STEPS as f64, "opening the loop keeps the run");
        let open = [readout(&w, "gain-shared"), readout(&w, "gain-spurious")];
        for (k, v) in [src.pattern(0), src.spurious_pattern()].into_iter().enumerate() {
            let v = DVector::from_vec(v).normalize();
            let (open_pred, u) = ((&mean * &v).norm(), &loop_inv * &v);
            let closed_pred = u.norm();
            let open_tol = 4.0 * noise(&c, alpha, &v);
            let closed_tol = 4.0 * inv_norm * noise(&c, alpha, &u);
            let name = ["shared", "spurious"][k];
            assert!(
                (open[k] - open_pred).abs() < open_tol,
                "seed {seed} {name}: open {} vs {open_pred} ± {open_tol}",
                open[k]
            );
            assert!(
                (closed[k] - closed_pred).abs() < closed_tol,
                "seed {seed} {name}: closed {} vs {closed_pred} ± {closed_tol}",
                closed[k]
            );
        }
        // The spurious pattern: σ²/α in one pass (an attenuation), 1/(1 − σ²/α) in the loop.
        let s2a = 0.25 / alpha;
        assert!((open_pred_spurious(&c, &src, alpha) - s2a).abs() < 1e-9 * s2a, "seed {seed}: Cv ≠ σ²v");
        assert!(open[1] < 1.0 && closed[1] > 1.0, "seed {seed}: open {} closed {}", open[1], closed[1]);
        assert!(
            (1.0 / (1.0 - s2a) - (&loop_inv * DVector::from_vec(src.spurious_pattern()).normalize()).norm()).abs()
                < 1e-9
        );
    }
}

fn open_pred_spurious(c: &DMatrix<f64>, src: &SharedSources, alpha: f64) -> f64 {
    let v = DVector::from_vec(src.spurious_pattern()).normalize();
    (c * &v).norm() / alpha
}

/// The open loop (the default) never stops for the loop's sake, at any α.
#[test]
fn open_loop_never_diverges_for_the_loop() {
    for seed in SEEDS {
        let w = run(&format!("kind=recurrent&seed={seed}"), 20_000);
        assert_eq!(w.status(), Status::Ready, "seed {seed}: {}", w.message());
        assert!(readout(&w, "gain-spurious") < 1.0, "σ² = 0.25 < α = 1: one pass attenuates the spurious pattern");
    }
}

/// With the y² decay W → Cᵢⱼ/Cⱼⱼ, similar to the correlation-coefficient matrix (trace n, so its
/// eigenvalues average 1 and the largest is above 1 for correlated inputs): a closed loop always
/// runs away, whatever α, and the message says why.
#[test]
fn squared_decay_closed_loop_always_runs_away() {
    for seed in SEEDS {
        let c = sources(seed).covariance();
        let d: Vec<f64> = (0..8).map(|i| c[i * 9]).collect();
        let r = DMatrix::from_fn(8, 8, |i, j| c[i * 8 + j] / (d[i] * d[j]).sqrt());
        assert!((r.trace() - 8.0).abs() < 1e-12 && top(&r) > 1.0, "seed {seed}");
        for alpha in [1.0, 20.0] {
            let w = run(&format!("kind=recurrent&decay=squared&loop=closed&alpha={alpha}&seed={seed}"), 20_000);
            assert_eq!(w.status(), Status::Diverged, "seed {seed} α {alpha}");
            assert!(w.message().contains("average 1"), "{}", w.message());
        }
    }
}

/// Where a closed loop stops never depends on how the steps were split into frames.
#[test]
fn the_stop_does_not_depend_on_the_frame_size() {
    let q = "kind=recurrent&loop=closed&alpha=13&seed=3&until=20000";
    let whole = run(q, 20_000);
    for chunk in [1, 7, 100, 20_000] {
        let mut w = Widget::from_query(q);
        while w.advance(chunk) > 0 {}
        assert_eq!(w.status(), whole.status(), "chunk {chunk}");
        let bits = |w: &Widget| w.readouts().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&w), bits(&whole), "chunk {chunk}: {:?} vs {:?}", w.readouts(), whole.readouts());
    }
}

/// `loop` is a live key: closing keeps W and the step and checks at once; opening a loop that
/// stopped the run lets it learn on.
#[test]
fn closing_and_opening_the_loop_keeps_the_run() {
    let mut w = Widget::from_query("kind=recurrent&seed=2");
    w.advance(1000);
    let before = w.buffer("learned").to_vec();
    w.set("loop", "closed");
    assert_eq!(w.status(), Status::Diverged, "α = 1 is far below λ1: {}", w.message());
    assert_eq!(readout(&w, "step"), 1000.0);
    assert_eq!(w.buffer("learned"), &before[..]);
    assert!(w.message().contains("after 1,000 samples"), "{}", w.message());
    w.set("loop", "open");
    assert_eq!(w.status(), Status::Ready);
    assert_eq!(w.message(), "");
    assert_eq!(w.advance(500), 500);
    assert_eq!(readout(&w, "step"), 1500.0);
}
