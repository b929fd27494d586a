//! docs/science.md#stdp: the mean of the spike-timing updates is the rate rule plus the
//! correlation terms of Kempter, Gerstner & van Hemmen 1999; under additive STDP a correlated
//! group wins and the weights split to the bounds, under multiplicative STDP they stay in one
//! bump (Song, Miller & Abbott 2000; van Rossum, Bi & Turrigiano 2000; Gütig et al. 2003).
use hebb::science::plasticity::{stdp_window, window_integral};
use hebb::science::rng::{Quick, Rng, Stream};
use hebb::science::stdp::*;

const SEEDS: [u32; 4] = [1, 7, 23, 101];

fn config(bounds: Bounds, group: usize, corr: f64, learn: bool) -> Config {
    Config { inputs: 100, rate_hz: 10.0, group, corr, a_plus: 0.005, ratio: 1.05, bounds, pairing: Pairing::All, learn }
}

fn rng(seed: u32) -> Quick {
    Quick::seeded(&mut Rng::new(seed, Stream::Samples))
}

/// Runs `ms` steps and returns the window updates summed over them and the synapses.
fn run(net: &mut Network, rng: &mut Quick, ms: usize) -> f64 {
    (0..ms).map(|_| net.step(rng).window).sum()
}

/// The traces sum exactly the window over all earlier pairs: a brute-force check of one short
/// spike train against `stdp_window` at every pair.
#[test]
fn traces_sum_the_window_over_every_pair() {
    let pre = [3.0, 10.0, 11.0, 40.0];
    let post = [5.0, 10.0, 30.0, 41.0];
    let (ap, am) = (0.005, 0.00525);
    let mut brute = 0.0;
    for &t in &pre {
        for &s in &post {
            brute += stdp_window(s - t, ap, TAU_MS, am, TAU_MS);
        }
    }
    // The same with traces, in the module's order: potentiation reads the pre trace of earlier
    // steps, depression the post trace of earlier steps.
    let (mut a, mut b, mut sum) = (0.0, 0.0, 0.0);
    let d = (-1.0 / TAU_MS).exp();
    for t in 0..50 {
        let t = t as f64;
        if post.contains(&t) {
            sum += ap * a;
        }
        if pre.contains(&t) {
            sum -= am * b;
            a += 1.0;
        }
        if post.contains(&t) {
            b += 1.0;
        }
        a *= d;
        b *= d;
    }
    assert!((sum - brute).abs() < 1e-15, "traces {sum}, pairs {brute}");
    // The integral's sign is set by A₋τ₋ against A₊τ₊.
    assert!(window_integral(ap, TAU_MS, am, TAU_MS) < 0.0);
    assert!(window_integral(ap, TAU_MS, 0.9 * ap, TAU_MS) > 0.0);
}

/// Block means of the measured mean drift per ms, over every seed, with weights held fixed.
fn drift_blocks(w: &[f64], c: Config, blocks: usize, block_ms: usize) -> Vec<f64> {
    let mut out = Vec::new();
    for seed in SEEDS {
        let mut net = Network::new(c);
        net.w.copy_from_slice(w);
        let mut r = rng(seed);
        run(&mut net, &mut r, 1000); // the traces and the potential reach their stationary state
        for _ in 0..blocks {
            out.push(run(&mut net, &mut r, block_ms) / (block_ms * w.len()) as f64);
        }
    }
    out
}

/// The measured drift matches the prediction within its statistical error. Blocks of 2 s are
/// nearly independent (the traces forget in 20 ms), so the standard error is the blocks' spread
/// over √n; 4 standard errors is missed by chance once in 15 000 runs. The terms themselves are
/// many standard errors from zero, so each one is tested, not just their sum.
#[test]
fn measured_drift_matches_kempter_prediction() {
    let uniform = vec![0.5; 100];
    // A spread of weights and a correlated group, so the self and group terms differ from the
    // uniform case.
    let spread: Vec<f64> = (0..100).map(|i| 0.1 + 0.8 * ((i * 37) % 100) as f64 / 100.0).collect();
    for (w, c) in [
        (&uniform, config(Bounds::Additive, 0, 0.0, false)),
        (&spread, config(Bounds::Additive, 0, 0.0, false)),
        (&spread, config(Bounds::Additive, 30, 0.2, false)),
    ] {
        let blocks = drift_blocks(w, c, 60, 2000);
        let n = blocks.len() as f64;
        let mean = blocks.iter().sum::<f64>() / n;
        let var = blocks.iter().map(|b| (b - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let se = (var / n).sqrt();
        let p = predicted_drift(w, &c);
        assert!(
            (mean - p.total()).abs() < 4.0 * se,
            "group {} corr {}: measured {mean:.3e} ± {se:.1e}, predicted {:.3e} ({p:?})",
            c.group,
            c.corr,
            p.total()
        );
        assert!(p.rate.abs() > 10.0 * se && p.own.abs() > 10.0 * se, "terms {p:?} too small against {se:.1e}");
        if c.corr > 0.0 {
            assert!(p.group > 10.0 * se, "the group term {p:?} is not resolved");
        }
        // The rate term alone misses: the timing terms are what STDP adds to ηxy.
        assert!((mean - p.rate).abs() > 10.0 * se, "the rate term alone explains {mean:.3e}");
    }
}

fn learn(bounds: Bounds, corr: f64, seconds: usize, seed: u32) -> Network {
    let mut net = Network::new(config(bounds, 20, corr, true));
    let mut r = rng(seed);
    run(&mut net, &mut r, seconds * 1000);
    net
}

/// Under additive STDP the correlated group takes the synapses: its mean weight ends near g_max
/// and the rest well below. A mean of 20 weights in [0, 1] has a spread of at most 0.5/√20 = 0.11
/// from noise alone, so a gap of 0.4 is the group's doing; without correlation (the control) the
/// same 20 inputs end within that spread of the rest.
#[test]
fn correlated_group_wins_the_competition() {
    for seed in SEEDS {
        let net = learn(Bounds::Additive, 0.1, 400, seed);
        let (g, rest) = (mean_or(&net.w[..20], 0.0), mean_or(&net.w[20..], 0.0));
        assert!(g - rest > 0.4, "seed {seed}: group {g:.3}, rest {rest:.3}");
        let control = learn(Bounds::Additive, 0.0, 400, seed);
        let (g0, rest0) = (mean_or(&control.w[..20], 0.0), mean_or(&control.w[20..], 0.0));
        assert!((g0 - rest0).abs() < 0.22, "seed {seed}: uncorrelated group {g0:.3} against rest {rest0:.3}");
    }
}

/// Additive STDP pushes the weights to the bounds (an unstable point between them: a stronger
/// synapse causes more of the output and potentiates more); multiplicative STDP holds them in one
/// bump near A₊/(A₊ + A₋) ≈ 0.49, whatever their start. Averaged over seeds; the additive split
/// is still finishing at 1000 s (0.76–0.83 at single seeds), the multiplicative bump's width is
/// a few A₊ (0.005), far from the 10 % bands.
#[test]
fn additive_is_bimodal_multiplicative_unimodal() {
    let seeds = &SEEDS[..3];
    let mut additive = 0.0;
    for &seed in seeds {
        let a = learn(Bounds::Additive, 0.1, 1000, seed);
        additive += bimodality(&a.w) / seeds.len() as f64;
        let m = learn(Bounds::Multiplicative, 0.1, 1000, seed);
        let mean = mean_or(&m.w, 0.0);
        let sd = (m.w.iter().map(|w| (w - mean).powi(2)).sum::<f64>() / m.w.len() as f64).sqrt();
        assert!(
            bimodality(&m.w) == 0.0 && sd < 0.1,
            "seed {seed}: multiplicative bimodality {}, sd {sd:.3}",
            bimodality(&m.w)
        );
        assert!((mean - 0.5).abs() < 0.1, "seed {seed}: multiplicative mean {mean:.3}");
    }
    assert!(additive > 0.6, "additive bimodality {additive:.2}");
}
