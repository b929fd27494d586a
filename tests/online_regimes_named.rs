//! The regimes the review found unnamed, one neuron on a cloud (docs/science.md: decay, oja):
//! the online decay run tips at α* = λ1 − ½η·Var((x·e1)²), below the averaged map's λ1;
//! past η(2α − λ1 − λ2) = 2 the online run dies along e2; and Oja's divergence message names
//! both causes when both hold.
mod common;
use common::*;
use hebb::runs::Status;
use hebb::science::rng::{Rng, Stream};
use hebb::science::rules::{decay_online_tipping_point, decay_step};

/// Mean log growth per sample of the online decay rule on the widget's own points, w kept at
/// unit length (the rule is linear in w, so that changes nothing but overflow).
fn online_rate(q: &str, eta: f64, alpha: f64, steps: usize, seed: u32) -> f64 {
    let wd = widget(q);
    let cloud = wd.neuron().cloud();
    let mut rng = Rng::new(seed, Stream::Samples);
    let mut w = wd.neuron().stats().e1;
    let mut total = 0.0;
    for _ in 0..steps {
        let x = cloud.centred(rng.index(cloud.len() as u32) as usize);
        decay_step(&mut w, &x, eta, alpha);
        total += renormalise(&mut w);
    }
    total / steps as f64
}

#[test]
fn online_decay_tips_at_alpha_star_below_lambda1() {
    let eta = 0.01;
    for seed in SEEDS {
        let q = format!("kind=decay&eta={eta}&seed={seed}&n=5000");
        let s = stats(&widget(&q));
        let star = decay_online_tipping_point(s.lambda1, s.fourth1, eta);
        // Gaussian data: E z⁴ = 3λ1², so α* ≈ λ1 − ηλ1² (5000 points: the fourth moment to ~4 %).
        assert!((s.fourth1 / (s.lambda1 * s.lambda1) - 3.0).abs() < 0.3, "seed {seed}");
        let gap = s.lambda1 - star;
        assert!((gap / (eta * s.lambda1 * s.lambda1) - 1.0).abs() < 0.15, "seed {seed}: λ1 − α* = {gap}");
        // Either side of α* by half the gap the mean log growth is ∓η·gap/2 ≈ 4.5·10⁻⁴ per
        // sample; its noise over 4·10⁵ samples is about η√Var(z²)/√n ≈ 7·10⁻⁵ (6σ apart).
        let n = 400_000;
        let below = online_rate(&q, eta, star - gap / 2.0, n, seed);
        let above = online_rate(&q, eta, star + gap / 2.0, n, seed);
        let at_lambda1 = online_rate(&q, eta, s.lambda1, n, seed);
        assert!(below > 0.0 && above < 0.0, "seed {seed}: {below} below α*, {above} above");
        // The averaged map is marginal at λ1; the online run already dies there.
        assert!(at_lambda1 < -0.5 * eta * gap, "seed {seed}: {at_lambda1} at α = λ1");
        // And the readout is this α*.
        let r = widget(&q);
        let i = r.readout_names().iter().position(|n| *n == "alpha-star").unwrap();
        assert_eq!(r.readouts()[i], star);
    }
}

/// η = 0.1, α = 15 on λ = (3, 0.5): μ1 = −0.2, μ2 = −0.45, so |μ2| > |μ1| while both are below
/// 1 in size: w dies, lined up with e2 (the angle to PC1 goes to 90°), reachable with the sliders.
#[test]
fn past_the_second_bound_the_online_run_dies_along_e2() {
    for seed in SEEDS {
        let mut w = widget(&format!("kind=decay&eta=0.1&alpha=15&seed={seed}"));
        let s = stats(&w);
        assert!(0.1 * (2.0 * 15.0 - s.lambda1 - s.lambda2) > 2.0 && 0.1 * (15.0 - s.lambda2) < 2.0);
        // Each sample still kicks the direction, so the angle is read along the way: most of
        // the time w lies closer to e2 than to e1.
        let mut near_e2 = 0;
        for _ in 0..300 {
            w.advance(1);
            near_e2 += (w.readouts()[2] > 45.0) as u32;
        }
        assert_ne!(w.status(), Status::Diverged, "seed {seed}: {}", w.message());
        assert!(w.readouts()[1] < 1e-20, "seed {seed}: |w| = {}", w.readouts()[1]);
        assert!(near_e2 > 200, "seed {seed}: only {near_e2} of 300 steps nearer e2 than e1");
    }
}

#[test]
fn oja_message_names_both_causes_when_both_hold() {
    for seed in SEEDS {
        let mut w = widget(&format!("kind=oja&eta=0.4&seed={seed}"));
        w.advance(10_000);
        assert_eq!(w.status(), Status::Diverged);
        let m = w.message();
        assert!(m.contains("η·λ1") && m.contains("farthest point"), "seed {seed}: {m}");
    }
}
