//! docs/science.md#eigen: along the data's eigenvectors the cloud rules act component by
//! component, each multiplied by its factor μ_k (readouts `w-e1`, `w-e2`, `mu1`, `mu2`).
mod common;
use common::*;
use hebb::science::rules::{averaged_step, dot, Rule};
use hebb::widget::Widget;

fn readout(w: &Widget, name: &str) -> f64 {
    let i = w.readout_names().iter().position(|n| *n == name).unwrap_or_else(|| panic!("no readout {name}"));
    w.readouts()[i]
}

/// A widget whose start weight makes `deg` degrees with e1 (length 0.5), so that both
/// components start well away from zero.
fn widget_at(query: &str, deg: f64) -> Widget {
    let e1 = stats(&widget(query)).e1;
    let t = e1[1].atan2(e1[0]) + deg.to_radians();
    widget(&format!("{query}&w0={},{}", 0.5 * t.cos(), 0.5 * t.sin()))
}

/// The averaged map multiplies w·e_k by exactly the reported μ_k, for Hebb, decay, decay's e2
/// takeover (|μ2| > |μ1|) and its sign-flip trap (μ2 < −1); and the reported components
/// rebuild w.
#[test]
fn hebb_and_decay_components_grow_by_mu() {
    let cases = [
        "kind=hebb&eta=0.1",
        "kind=decay&eta=0.1&alpha=1",
        "kind=decay&eta=0.1&alpha=15",
        "kind=decay&eta=0.5&alpha=8",
    ];
    for case in cases {
        for seed in SEEDS {
            let q = format!("{case}&seed={seed}");
            let wd = widget(&q);
            let s = stats(&wd);
            let (rule, alpha) =
                if case.contains("hebb") { (Rule::Hebb, 0.0) } else { (Rule::Decay, wd.neuron().alpha) };
            let (a, b) = (readout(&wd, "w-e1"), readout(&wd, "w-e2"));
            let w0 = wd.neuron().w();
            for (i, wi) in w0.iter().enumerate() {
                assert!((a * s.e1[i] + b * s.e2[i] - wi).abs() < 1e-12, "{q}: components do not rebuild w");
            }
            let mu = [readout(&wd, "mu1"), readout(&wd, "mu2")];
            let mut w = w0;
            // Few steps: a dying component must stay far above the rounding of the other one.
            let n = 10;
            for _ in 0..n {
                averaged_step(rule, &mut w, &s.cov, wd.neuron().eta, alpha);
            }
            for (k, e) in [s.e1, s.e2].iter().enumerate() {
                let slope = (dot(&w, e).abs().ln() - dot(&w0, e).abs().ln()) / n as f64;
                let expected = mu[k].abs().ln();
                assert!((slope - expected).abs() < 1e-9, "{q}: e{} slope {slope} vs ln|μ| {expected}", k + 1);
                // Multiplying by a negative factor flips the component's sign at every step.
                assert_eq!(dot(&w, e).signum() == dot(&w0, e).signum(), mu[k] > 0.0 || n % 2 == 0, "{q}");
            }
        }
    }
    // The two failure modes the strip names, at the slider settings above.
    let takeover = widget("kind=decay&eta=0.1&alpha=15");
    assert!(readout(&takeover, "mu2").abs() > readout(&takeover, "mu1").abs());
    assert!(readout(&widget("kind=decay&eta=0.5&alpha=8"), "mu2") < -1.0);
}

/// Online at small η, ln|w·e1| rises at ln μ1 per sample. The slope's noise over n samples is
/// η·sd((x·e1)²)/√n and the Jensen gap ½η²Var((x·e1)²) pulls it down; allowed: the gap + 5σ.
#[test]
fn online_e1_slope_matches_ln_mu1() {
    // (query, η, samples measured): |w| must stay below the run's 10¹² stop over the whole run.
    for (case, eta, n) in [("kind=hebb&eta=0.0005", 0.0005, 14_000), ("kind=decay&eta=0.001&alpha=1", 0.001, 11_000)] {
        for seed in SEEDS {
            let q = format!("{case}&seed={seed}");
            let mut wd = widget_at(&q, 30.0);
            let s = stats(&wd);
            // Let the start's e2 share shrink, so its cross-term kicks on w·e1 are small.
            wd.advance(1000);
            let before = readout(&wd, "w-e1").abs().ln();
            wd.advance(n);
            let slope = (readout(&wd, "w-e1").abs().ln() - before) / n as f64;
            let var = s.fourth1 - s.lambda1 * s.lambda1;
            let sigma = eta * var.sqrt() / (n as f64).sqrt();
            let gap = 0.5 * eta * eta * var;
            let expected = readout(&wd, "mu1").ln();
            assert!((slope - expected).abs() < gap + 5.0 * sigma, "{q}: slope {slope} vs ln μ1 {expected} (σ {sigma})");
        }
    }
}

/// Online Oja: ln|w·e2/w·e1| falls at −ln|μ2/μ1| ≈ η(λ1 − λ2) per sample, fitted while the
/// ratio goes from 1 to 0.2. Once settled, w·e2 jitters with sd √(ηλ1λ2/2(λ1 − λ2)) (see #oja);
/// at the window's end that is a relative error f on the ratio, worth f/ln 5 of the slope: allowed 4×.
#[test]
fn oja_ratio_falls_at_eta_gap() {
    let eta = 0.0002;
    for seed in SEEDS {
        let q = format!("kind=oja&eta={eta}&seed={seed}");
        let mut wd = widget_at(&q, 60.0);
        let s = stats(&wd);
        let (mut ts, mut ys) = (Vec::new(), Vec::new());
        while wd.neuron().step() < 20_000 {
            let y = (readout(&wd, "w-e2") / readout(&wd, "w-e1")).abs().ln();
            if y < -(5f64.ln()) {
                break;
            }
            if y <= 0.0 {
                ts.push(wd.neuron().step() as f64);
                ys.push(y);
            }
            wd.advance(1);
        }
        // ln 5 at η(λ1 − λ2) ≈ 5·10⁻⁴ per sample is about 3200 samples.
        assert!(ts.len() > 1000, "{q}: only {} samples in the window", ts.len());
        let (tm, ym) = (ts.iter().sum::<f64>() / ts.len() as f64, ys.iter().sum::<f64>() / ys.len() as f64);
        let cov: f64 = ts.iter().zip(&ys).map(|(t, y)| (t - tm) * (y - ym)).sum();
        let slope = cov / ts.iter().map(|t| (t - tm) * (t - tm)).sum::<f64>();
        let expected = (readout(&wd, "mu2") / readout(&wd, "mu1")).abs().ln();
        assert!((expected + eta * (s.lambda1 - s.lambda2)).abs() < 1e-6, "{q}: μ2/μ1 is not 1 − η(λ1 − λ2)");
        let f = (eta * s.lambda1 * s.lambda2 / (2.0 * (s.lambda1 - s.lambda2))).sqrt() / 0.2;
        let tol = 4.0 * f / 5f64.ln();
        assert!((slope / expected - 1.0).abs() < tol, "{q}: slope {slope} vs {expected} (tol {tol})");
    }
}
