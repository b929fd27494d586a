//! docs/science.md#eigen: along the data's eigenvectors the cloud rules act component by
//! component, each multiplied by its factor μ_k (readouts `w-e1`, `w-e2`, `mu1`, `mu2`).
mod common;
use common::*;
use hebb::science::rules::{averaged_step, dot, eigen_log_slopes, Rule};
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
            // The eigen chart's dashed slopes, computed once in the science.
            let predicted = eigen_log_slopes(rule, mu);
            let mut w = w0;
            // Few steps: a dying component must stay far above the rounding of the other one.
            let n = 10;
            for _ in 0..n {
                averaged_step(rule, &mut w, &s.cov, wd.neuron().eta, alpha);
            }
            for (k, e) in [s.e1, s.e2].iter().enumerate() {
                let slope = (dot(&w, e).abs().ln() - dot(&w0, e).abs().ln()) / n as f64;
                let expected = predicted[k];
                assert!((expected - mu[k].abs().ln()).abs() < 1e-15, "{q}: predicted slope is not ln|μ{}|", k + 1);
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
            let rule = if case.contains("hebb") { Rule::Hebb } else { Rule::Decay };
            let expected = eigen_log_slopes(rule, [readout(&wd, "mu1"), readout(&wd, "mu2")])[0];
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
        let expected = eigen_log_slopes(Rule::Oja, [readout(&wd, "mu1"), readout(&wd, "mu2")])[0];
        assert!((expected + eta * (s.lambda1 - s.lambda2)).abs() < 1e-6, "{q}: μ2/μ1 is not 1 − η(λ1 − λ2)");
        let f = (eta * s.lambda1 * s.lambda2 / (2.0 * (s.lambda1 - s.lambda2))).sqrt() / 0.2;
        let tol = 4.0 * f / 5f64.ln();
        assert!((slope / expected - 1.0).abs() < tol, "{q}: slope {slope} vs {expected} (tol {tol})");
    }
}

/// `ghost=1` runs the averaged map from the online run's start, one averaged step per sample:
/// after n samples its weight is, bit for bit, n steps of [`averaged_step`] from w0, for each rule.
#[test]
fn the_ghost_is_the_averaged_map_from_the_same_start() {
    for case in ["kind=hebb&eta=0.001", "kind=decay&eta=0.05&alpha=3.2", "kind=oja&eta=0.02"] {
        for seed in SEEDS {
            let q = format!("{case}&seed={seed}&ghost=1");
            let mut wd = widget(&q);
            let s = stats(&wd);
            let (rule, eta, alpha) = (wd.neuron().rule, wd.neuron().eta, wd.neuron().alpha);
            let mut w = wd.neuron().w();
            assert_eq!(wd.neuron().ghost(), Some(w), "{q}: the ghost starts where the run starts");
            // Uneven slices: the ghost must not depend on how the steps were handed out.
            for n in [1, 99, 400, 1500] {
                wd.advance(n);
            }
            for _ in 0..2000 {
                averaged_step(rule, &mut w, &s.cov, eta, alpha);
            }
            assert_eq!(wd.neuron().ghost(), Some(w), "{q}");
            assert_eq!(widget(&format!("{case}&seed={seed}")).neuron().ghost(), None, "{q}: off by default");
        }
    }
}

/// The gap the ghost makes visible: decay with α mid-way between the online tipping point
/// α* = λ1 − ½ηV and λ1 (V = Var((x·e1)²)). The ghost grows at ln μ1 ≈ ¼η²V per sample, exactly;
/// the online run's log growth falls short of it by the Jensen gap ½η²V, so it is ≈ −¼η²V.
/// Over n samples the online rate has sd η√V/√n; the ghost must stay below the 10¹² stop, which
/// allows n = 5·10⁴ at η = 0.01 (ghost growth e²³), where ¼η²V is 2.4 sd of one seed's rate:
/// the mean over the 5 seeds is 5.3 sd below 0, and is compared with its prediction within 4 sd.
#[test]
fn between_alpha_star_and_lambda1_the_ghost_grows_and_the_online_run_dies() {
    let (eta, n) = (0.01, 50_000);
    let (mut online, mut predicted, mut variance) = (0.0, 0.0, 0.0);
    for seed in SEEDS {
        let base = format!("kind=decay&eta={eta}&seed={seed}&n=5000");
        let s = stats(&widget(&base));
        let var = s.fourth1 - s.lambda1 * s.lambda1;
        let alpha = s.lambda1 - 0.25 * eta * var;
        let mut wd = widget_at(&format!("{base}&alpha={alpha}&ghost=1"), 10.0);
        // Measured once w lies along e1, where the gap is ½η²V per sample.
        wd.advance(2000);
        let (online0, ghost0) = (readout(&wd, "norm").ln(), ghost_norm(&wd).ln());
        wd.advance(n);
        let ghost = (ghost_norm(&wd).ln() - ghost0) / n as f64;
        let mu1 = readout(&wd, "mu1");
        // The ghost is exact: its rate is ln μ1 up to the e2 share left after 2000 steps (e⁻⁵⁰).
        assert!((ghost - mu1.ln()).abs() < 1e-9, "{base}: ghost rate {ghost} vs ln μ1 {}", mu1.ln());
        assert!(ghost > 0.0, "{base}: the averaged map grows");
        online += (readout(&wd, "norm").ln() - online0) / n as f64 / SEEDS.len() as f64;
        predicted += (mu1.ln() - 0.5 * eta * eta * var) / SEEDS.len() as f64;
        variance += eta * eta * var / n as f64 / (SEEDS.len() * SEEDS.len()) as f64;
    }
    let sigma = variance.sqrt();
    assert!(online < 0.0, "online rate {online} (σ {sigma}) should be below 0");
    assert!((online - predicted).abs() < 4.0 * sigma, "online {online} vs {predicted} (σ {sigma})");
}

fn ghost_norm(w: &Widget) -> f64 {
    let g = w.neuron().ghost().expect("ghost=1");
    dot(&g, &g).sqrt()
}
