//! docs/science.md#decay: Hebb with decay Δw = η (y x − α w) grows iff λ1 > α, dies iff α > λ1,
//! turns to ±e1 either way while η is small, and misbehaves past the discrete-map bounds.
mod common;
use common::*;
use hebb::runs::Status;
use hebb::science::rules::averaged_step;
use hebb::science::rules::Rule;

/// Averaged map: slope ln(1 − η(α − λ1)) exactly, on either side of α = λ1; direction → e1.
#[test]
fn averaged_rate_is_one_minus_eta_alpha_minus_lambda1() {
    for seed in SEEDS {
        let wd = widget(&format!("kind=decay&seed={seed}"));
        let s = stats(&wd);
        let eta = 0.05;
        for alpha in [0.5 * s.lambda1, 0.9 * s.lambda1, 1.1 * s.lambda1, 1.5 * s.lambda1] {
            let mut w = wd.neuron().w();
            let mut slope = 0.0;
            for t in 0..3000 {
                averaged_step(Rule::Decay, &mut w, &s.cov, eta, alpha);
                let g = renormalise(&mut w);
                if t >= 2000 {
                    slope += g / 1000.0;
                }
            }
            let expected = (1.0 - eta * (alpha - s.lambda1)).ln();
            assert!((slope - expected).abs() < 1e-9, "seed {seed} α {alpha}: {slope} vs {expected}");
            assert_eq!(slope > 0.0, alpha < s.lambda1, "grows iff λ1 > α");
            assert!(angle_deg(w, s.e1) < 1e-6);
        }
    }
}

/// At α = λ1 exactly the averaged map keeps the e1 component: w → (e1·w0) e1.
#[test]
fn marginal_at_alpha_equal_lambda1() {
    for seed in SEEDS {
        let wd = widget(&format!("kind=decay&seed={seed}"));
        let s = stats(&wd);
        let w0 = wd.neuron().w();
        let mut w = w0;
        for _ in 0..5000 {
            averaged_step(Rule::Decay, &mut w, &s.cov, 0.05, s.lambda1);
        }
        let a = w0[0] * s.e1[0] + w0[1] * s.e1[1];
        assert!((w[0] - a * s.e1[0]).abs() < 1e-9 && (w[1] - a * s.e1[1]).abs() < 1e-9, "{w:?}");
    }
}

/// Online, through the widget: with α = λ1 ± 1 the log-norm slope is ln(1 − η(α − λ1)),
/// negative above λ1 and positive below, and w lines up with PC1. At η = 0.0005 the per-step
/// noise (≈ ηλ1√2) averages over 4·10⁴ steps to ~2 % of the rate; the test allows 8 %.
#[test]
fn online_dies_above_and_grows_below_lambda1() {
    for seed in SEEDS {
        let l1 = stats(&widget(&format!("kind=decay&seed={seed}"))).lambda1;
        for alpha in [l1 + 1.0, l1 - 1.0] {
            let eta = 0.0005;
            let mut wd = widget(&format!("kind=decay&eta={eta}&alpha={alpha}&seed={seed}"));
            wd.advance(10_000);
            let n1 = wd.readouts()[1];
            wd.advance(40_000);
            let r = wd.readouts();
            let slope = (r[1] / n1).ln() / 40_000.0;
            let expected = (1.0 - eta * (alpha - l1)).ln();
            assert!((slope / expected - 1.0).abs() < 0.08, "seed {seed} α {alpha}: {slope} vs {expected}");
            assert!(r[2] < 5.0, "seed {seed}: angle {}°", r[2]);
        }
    }
}

/// η(α − λ_min) > 2: each step flips the sign of w and it blows up although α > λ1.
#[test]
fn sign_flip_blow_up_past_eta_alpha_minus_lambda_min_2() {
    for seed in SEEDS {
        let wd = widget(&format!("kind=decay&seed={seed}"));
        let s = stats(&wd);
        let (eta, alpha) = (0.5, 6.0); // η(α − λ2) ≈ 2.75 > 2, α > λ1 ≈ 3
        assert!(eta * (alpha - s.lambda2) > 2.0 && alpha > s.lambda1);
        let mut w = wd.neuron().w();
        let mut last_e2 = 0.0;
        let mut flips = 0;
        for _ in 0..200 {
            averaged_step(Rule::Decay, &mut w, &s.cov, eta, alpha);
            let c2 = w[0] * s.e2[0] + w[1] * s.e2[1];
            if c2 * last_e2 < 0.0 {
                flips += 1;
            }
            last_e2 = c2;
        }
        assert!(flips >= 198, "seed {seed}: {flips} sign flips");
        assert!(hebb::science::rules::norm(&w) > 1e20);

        let mut online = widget(&format!("kind=decay&eta={eta}&alpha={alpha}&seed={seed}"));
        online.advance(10_000);
        assert_eq!(online.status(), Status::Diverged);
        let msg = online.message();
        assert!(msg.contains("η·(α − λ2)") && msg.contains("flips the sign"), "{msg}");
    }
}

/// η(2α − λ1 − λ_min) > 2 (but η(α − λ_min) < 2): w dies along e_min, not e1.
#[test]
fn direction_settles_on_e_min_past_second_bound() {
    for seed in SEEDS {
        let wd = widget(&format!("kind=decay&seed={seed}"));
        let s = stats(&wd);
        let eta = 0.5;
        let alpha = (s.lambda1 + s.lambda2) / 2.0 + 1.1 / eta + 0.05;
        assert!(eta * (2.0 * alpha - s.lambda1 - s.lambda2) > 2.0 && eta * (alpha - s.lambda2) < 2.0);
        let mut w = wd.neuron().w();
        for _ in 0..400 {
            averaged_step(Rule::Decay, &mut w, &s.cov, eta, alpha);
            renormalise(&mut w);
        }
        assert!(angle_deg(w, s.e2) < 1e-6, "seed {seed}: {}° from e2", angle_deg(w, s.e2));
    }
}
