//! docs/science.md#oja: Oja's rule Δw = η y (x − y w) settles on ±e1 with |w| = 1.
mod common;
use common::*;
use hebb::runs::Status;
use hebb::science::rules::{averaged_step, norm, oja_step, Rule};

/// Online, through the widget: |w| → 1 and w → ±e1. Near e1 the across-component obeys
/// Δa = −η(λ1 − λ2) a + η x1 x2, so the angle wobbles with mean square ηλ1λ2 / (2(λ1 − λ2))
/// (≈ 2.2° rms at η = 0.005); averaged over 10⁵ steps (~1,000 correlation times) that mean
/// square is known to ~5 %; the test allows 20 %.
#[test]
fn online_settles_on_unit_pc1() {
    for seed in SEEDS {
        let eta = 0.005;
        let mut wd = widget(&format!("kind=oja&eta={eta}&seed={seed}"));
        wd.advance(20_000);
        let (mut sq, mut norm_sum, t) = (0.0, 0.0, 100_000);
        for _ in 0..t {
            wd.advance(1);
            let r = wd.readouts();
            sq += r[2].to_radians().powi(2) / t as f64;
            norm_sum += r[1] / t as f64;
        }
        let s = stats(&wd);
        let predicted = eta * s.lambda1 * s.lambda2 / (2.0 * (s.lambda1 - s.lambda2));
        assert!((sq / predicted - 1.0).abs() < 0.2, "seed {seed}: angle² {sq} vs {predicted}");
        assert!((norm_sum - 1.0).abs() < 0.01, "seed {seed}: mean |w| = {norm_sum}");
        // Variance captured → λ1 / tr C, short of it by the wobble.
        let captured = wd.readouts()[5];
        assert!((captured - s.lambda1 / s.trace()).abs() < 0.02, "seed {seed}: captured {captured}");
    }
}

/// The online noise biases E|w|² − 1 ≈ (η/2)(tr C − λ1), to first order in η. Measured: the
/// ratio is 1.04–1.05 at η = 0.01 and 1.22 at η = 0.05 (the next order, ≈ 1 + 4.4η here), so
/// at η = 0.01 over 10⁶ steps the test allows 12 %.
#[test]
fn online_norm_bias_is_half_eta_times_minor_variance() {
    for seed in [1, 2, 3] {
        let eta = 0.01;
        let mut wd = widget(&format!("kind=oja&eta={eta}&n=20000&seed={seed}"));
        wd.advance(5_000);
        let (mut sum, t) = (0.0, 1_000_000);
        for _ in 0..t {
            wd.advance(1);
            let w = wd.neuron().w();
            sum += w[0] * w[0] + w[1] * w[1];
        }
        let s = stats(&wd);
        let bias = sum / t as f64 - 1.0;
        let predicted = eta / 2.0 * (s.trace() - s.lambda1);
        assert!((bias / predicted - 1.0).abs() < 0.12, "seed {seed}: bias {bias} vs {predicted}");
    }
}

/// Averaged map: ln(w·e2 / w·e1) falls with slope −η(λ1 − λ2) per step (first order in η).
#[test]
fn averaged_angle_slope_is_minus_eta_gap() {
    for seed in SEEDS {
        let wd = widget(&format!("kind=oja&seed={seed}"));
        let s = stats(&wd);
        let eta = 0.001;
        let mut w = [s.e1[0] + s.e2[0], s.e1[1] + s.e2[1]]; // 45° off, |w| = √2
        let ratio = |w: &[f64; 2]| ((w[0] * s.e2[0] + w[1] * s.e2[1]) / (w[0] * s.e1[0] + w[1] * s.e1[1])).abs().ln();
        for _ in 0..5_000 {
            averaged_step(Rule::Oja, &mut w, &s.cov, eta, 0.0); // let |w| settle
        }
        let r0 = ratio(&w);
        for _ in 0..5_000 {
            averaged_step(Rule::Oja, &mut w, &s.cov, eta, 0.0);
        }
        let slope = (ratio(&w) - r0) / 5_000.0;
        let expected = -eta * (s.lambda1 - s.lambda2);
        assert!((slope / expected - 1.0).abs() < 0.01, "seed {seed}: {slope} vs {expected}");
    }
}

/// Averaged map: stable iff ηλ1 < 1; bounded but unsettled for 1 < ηλ1 < 2; escapes above 2.
#[test]
fn averaged_map_stability_either_side_of_eta_lambda1_one() {
    for seed in SEEDS {
        let s = stats(&widget(&format!("kind=oja&seed={seed}")));
        let run = |u: f64| {
            let eta = u / s.lambda1;
            let mut w = [0.9 * s.e1[0] + 0.1 * s.e2[0], 0.9 * s.e1[1] + 0.1 * s.e2[1]];
            let mut norms = Vec::new();
            for _ in 0..3000 {
                averaged_step(Rule::Oja, &mut w, &s.cov, eta, 0.0);
                norms.push(norm(&w));
            }
            norms
        };
        let stable = run(0.9);
        assert!((stable[2999] - 1.0).abs() < 1e-9, "seed {seed}: {}", stable[2999]);
        for u in [1.2, 1.5, 1.9] {
            let n = run(u);
            let tail = &n[2900..];
            assert!(tail.iter().all(|x| x.is_finite() && *x < 2.0), "seed {seed} ηλ1 = {u}: escaped");
            let wobble = tail.windows(2).map(|p| (p[1] - p[0]).abs()).fold(0.0, f64::max);
            assert!(wobble > 1e-3, "seed {seed} ηλ1 = {u}: settled");
        }
        let escaped = run(2.5);
        assert!(escaped[2999].is_nan() || escaped[2999] > 1e12, "seed {seed}: ηλ1 = 2.5 stayed bounded");
    }
}

/// One repeated input x: stable iff η|x|² < 1, a bounded 2-cycle or chaos up to 2, escape above.
#[test]
fn repeated_single_input_bounds() {
    let x = [1.2, -0.7];
    let x2 = x[0] * x[0] + x[1] * x[1];
    let run = |u: f64| {
        let mut w = [0.3, 0.1];
        let mut last = Vec::new();
        for i in 0..2000 {
            oja_step(&mut w, &x, u / x2);
            if i >= 1990 {
                last.push(norm(&w));
            }
        }
        last
    };
    assert!(run(0.9).iter().all(|n| (n - 1.0).abs() < 1e-9));
    let cyc = run(1.5);
    assert!(cyc.iter().all(|n| n.is_finite() && *n < 2.0));
    assert!((cyc[0] - cyc[1]).abs() > 1e-3, "no oscillation: {cyc:?}");
    let escaped = run(2.5)[9];
    assert!(escaped.is_nan() || escaped > 1e12, "{escaped}");
}

/// Online on 10,000 Gaussian points (λ = 1, 0.3) over 2·10⁵ steps: ηλ1 = 0.3 diverges on every
/// seed, because single far points have η|x|² > 2; at ηλ1 = 0.2 such a point exists too but
/// rarely meets w badly enough (we measured 1 in 60 seeds; 19–33 in 60 at 0.25): at most 3 of
/// 60 may. The message names the cause.
#[test]
fn online_cloud_largest_sample_decides() {
    let (mut wild, mut safe) = (0, 0);
    for seed in 1..=60 {
        let mut w = widget(&format!("kind=oja&n=10000&l1=1&l2=0.3&eta=0.3&seed={seed}"));
        w.advance(200_000);
        if w.status() == Status::Diverged {
            wild += 1;
            assert!(w.message().contains("η·|x|²"), "{}", w.message());
        }
        let mut w = widget(&format!("kind=oja&n=10000&l1=1&l2=0.3&eta=0.2&seed={seed}"));
        w.advance(200_000);
        safe += (w.status() == Status::Diverged) as u32;
    }
    assert_eq!(wild, 60, "ηλ1 = 0.3");
    assert!(safe <= 3, "ηλ1 = 0.2 diverged on {safe} of 60 seeds");
}

/// ηλ1 > 1 on the widget: diverges, and the message gives ηλ1.
#[test]
fn large_eta_diverges_with_eta_lambda1_message() {
    for seed in SEEDS {
        let mut wd = widget(&format!("kind=oja&eta=0.9&seed={seed}"));
        wd.advance(100_000);
        assert_eq!(wd.status(), Status::Diverged, "seed {seed}");
        let msg = wd.message();
        assert!(msg.contains("η·λ1 = ") && msg.contains("> 1"), "{msg}");
        assert!(wd.readouts().iter().all(|v| v.is_finite()));
    }
}
