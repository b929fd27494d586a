//! docs/science.md#balance: under the inhibitory rule of Vogels et al. (2011) the cell's output
//! rate settles at the target ρ₀ and the inhibitory tuning curve becomes a copy of the excitatory
//! one; with the rule off the weights stay where they started and so does the rate: far above ρ₀
//! from weak inhibition, silence from strong.
mod common;
use common::SEEDS;
use hebb::science::balance::{Balance, W_I_STRONG, W_I_WEAK};
use hebb::science::rng::{Quick, Rng, Stream};

const ETA: f64 = 0.002;

fn cell(seed: u32, k: usize, w0: f64) -> (Balance, Quick) {
    (Balance::new(k, w0, &mut Rng::new(seed, Stream::Start)), Quick::seeded(&mut Rng::new(seed, Stream::Samples)))
}

/// Runs `seconds` of simulated time; returns the output spikes of each second.
fn run(c: &mut Balance, q: &mut Quick, eta: f64, rho0: f64, seconds: usize) -> Vec<f64> {
    (0..seconds)
        .map(|_| {
            let before = c.spikes;
            (0..1000).for_each(|_| c.step(eta, rho0, q));
            (c.spikes - before) as f64
        })
        .collect()
}

/// Mean and its standard error by batch means over 10-s batches (the weights' correlation time
/// is a few seconds at η = 0.002, the stimulus's 50 ms), so the spread includes the weights'
/// wander. It comes out below the Poisson error √(ρ₀/T): the rule counts the spikes and pushes
/// back, so long counts are sub-Poisson; the bound takes the larger of the two.
fn batch_mean(counts: &[f64]) -> (f64, f64) {
    let batches: Vec<f64> = counts.chunks_exact(10).map(|b| b.iter().sum::<f64>() / 10.0).collect();
    let n = batches.len() as f64;
    let mean = batches.iter().sum::<f64>() / n;
    let var = batches.iter().map(|b| (b - mean) * (b - mean)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// After 60 s of learning (the rate reaches ρ₀ within ~20 s from weak inhibition), the rate over
/// the next 200 s is ρ₀ within 4 of its standard errors, for every seed, target and ring size.
/// The stationary drift of every weight vanishes, and summed over channels it is
/// ∝ Σ_j r_j(s)·(E[y] − ρ₀) with Σ_j r_j(s) the same for every stimulus on the ring, so the
/// long-run mean rate is ρ₀ exactly: only the estimate's error is left. 4 standard errors fail
/// a right answer with probability 6·10⁻⁵ per case (10⁻³ for a t with 19 degrees of freedom).
#[test]
fn output_rate_settles_at_the_target() {
    for seed in SEEDS {
        for (rho0, k) in [(2.0, 8), (5.0, 8), (8.0, 8), (5.0, 5), (5.0, 16)] {
            let (mut c, mut q) = cell(seed, k, W_I_WEAK);
            run(&mut c, &mut q, ETA, rho0, 60);
            let (rate, se) = batch_mean(&run(&mut c, &mut q, ETA, rho0, 200));
            let tol = 4.0 * se.max((rho0 / 200.0f64).sqrt());
            assert!((rate - rho0).abs() < tol, "seed {seed}, ρ₀ {rho0}, K {k}: rate {rate:.3} ± {se:.3} Hz");
        }
    }
}

/// From strong inhibition the cell is silent, every inhibitory spike depresses by ηα, and the
/// rate still ends at ρ₀: measured after 300 s, same bound as above.
#[test]
fn output_rate_recovers_from_silence() {
    for seed in SEEDS {
        let (mut c, mut q) = cell(seed, 8, W_I_STRONG);
        assert_eq!(
            run(&mut c, &mut q, ETA, 5.0, 10).iter().sum::<f64>(),
            0.0,
            "seed {seed}: strong inhibition is silent"
        );
        run(&mut c, &mut q, ETA, 5.0, 290);
        let (rate, se) = batch_mean(&run(&mut c, &mut q, ETA, 5.0, 200));
        assert!((rate - 5.0).abs() < 4.0 * se.max((5.0f64 / 200.0).sqrt()), "seed {seed}: rate {rate:.3} ± {se:.3} Hz");
    }
}

/// Co-tuning: the balanced state is wI_j = wE_j − ρ₀/Σ_j r_j, the excitatory curve shifted
/// down, whose correlation with it is 1. The start's jittered weights are untuned (correlations
/// of either sign). After learning the mean of the last 50 one-second readings must pass 0.95,
/// which leaves the inhibitory curve noise of up to ~30 % of the excitatory curve's spread
/// (1 − c ≈ ½ var(noise)/var(E)); the weights' wander at η = 0.002 stays well inside (measured
/// largest deviation from the balanced weights: under 0.07 of a peak weight 0.6).
/// Without the rule the weights do not move at all, so the correlation stays at its start.
#[test]
fn cotuning_rises_under_inhibitory_plasticity_only() {
    for seed in SEEDS {
        let (mut on, mut q) = cell(seed, 8, W_I_WEAK);
        let start = on.cotuning();
        assert!(start < 0.95, "seed {seed}: the start is already co-tuned ({start})");
        let (mut off, mut q_off) = (on.clone(), q);
        run(&mut on, &mut q, ETA, 5.0, 100);
        let late: f64 = (0..50)
            .map(|_| {
                run(&mut on, &mut q, ETA, 5.0, 1);
                on.cotuning()
            })
            .sum::<f64>()
            / 50.0;
        assert!(late > 0.95 && late > start, "seed {seed}: co-tuning {start:.3} → {late:.3}");
        run(&mut off, &mut q_off, 0.0, 5.0, 150);
        assert_eq!(off.cotuning(), start, "seed {seed}: frozen weights keep their tuning");
    }
}

/// With the rule off, the rate is what the start gives: from weak inhibition the cell averages
/// (1/K) Σ_s [E(s) − I(s)]₊ over the stimuli, far above ρ₀ (the preferred stimulus drives it
/// to ~60 Hz); measured over 200 s, within 4 Poisson standard errors of that prediction plus
/// the stimulus sampling (4000 stimuli of 50 ms: the spread of the tuning curve over √4000).
/// From strong inhibition it never fires.
#[test]
fn without_the_rule_the_rate_runs_high_or_silent() {
    for seed in SEEDS {
        let (mut c, mut q) = cell(seed, 8, W_I_WEAK);
        let (e, i) = (c.tuning(&c.w_e), c.tuning(&c.w_i));
        let net: Vec<f64> = e.iter().zip(&i).map(|(e, i)| (e - i).max(0.0)).collect();
        let predicted = net.iter().sum::<f64>() / 8.0;
        let spread = (net.iter().map(|v| (v - predicted) * (v - predicted)).sum::<f64>() / 8.0).sqrt();
        let counts = run(&mut c, &mut q, 0.0, 5.0, 200);
        let rate = counts.iter().sum::<f64>() / 200.0;
        let se = (predicted / 200.0).sqrt() + spread / 4000.0f64.sqrt();
        assert!(predicted > 4.0 * 5.0, "seed {seed}: weak inhibition predicts only {predicted} Hz");
        assert!((rate - predicted).abs() < 4.0 * se, "seed {seed}: {rate:.2} Hz vs {predicted:.2} ± {se:.2}");
        let (mut c, mut q) = cell(seed, 8, W_I_STRONG);
        assert_eq!(run(&mut c, &mut q, 0.0, 5.0, 200).iter().sum::<f64>(), 0.0, "seed {seed}: strong start fires");
    }
}

/// The article's figure and its Try-this buttons (index.html#balance), at the page's seed: the
/// numbers the prose and tests/page/index.test.mjs rely on. `rate-out` is a 2-s exponential
/// average of the spikes, sd √(ρ/4 s) from the Poisson noise alone, so a single reading is
/// bounded by 4 of those around its mean.
#[test]
fn the_figure_lands_where_the_article_says() {
    let read = |w: &hebb::widget::Widget, name: &str| {
        let i = w.readout_names().iter().position(|n| *n == name).expect("readout");
        w.readouts()[i]
    };
    let near = |rate: f64, mean: f64, what: &str| {
        let sd = (mean / 4.0f64).sqrt();
        assert!((rate - mean).abs() < 4.0 * sd, "{what}: rate {rate:.2} Hz, want {mean} ± {:.2}", 4.0 * sd);
    };
    // The figure: at the target within a minute, co-tuned.
    let mut w = common::widget("kind=balance");
    w.advance(60_000);
    near(read(&w, "rate-out"), 5.0, "figure after 60 s");
    assert!(read(&w, "cotuning") > 0.95, "figure: co-tuning {}", read(&w, "cotuning"));
    // Rule off, weak start: about five times the target, tuning frozen.
    let mut w = common::widget("kind=balance&plasticity=off&start=weak");
    let start = read(&w, "cotuning");
    w.advance(20_000);
    let rate = read(&w, "rate-out");
    println!("weak, rule off: {rate:.2} Hz, co-tuning {start:.3}");
    assert!(rate > 3.0 * 5.0, "weak start without the rule: {rate} Hz");
    assert_eq!(read(&w, "cotuning"), start);
    // Rule off, strong start: silent.
    let mut w = common::widget("kind=balance&plasticity=off&start=strong");
    w.advance(20_000);
    assert_eq!(read(&w, "rate-out"), 0.0);
    // Rule on, strong start: still silent after 60 s, back at the target and co-tuned by 4 min.
    let mut w = common::widget("kind=balance&plasticity=on&start=strong&speed=2000");
    w.advance(60_000);
    assert!(read(&w, "rate-out") < 1.0, "strong start at 60 s: {} Hz", read(&w, "rate-out"));
    w.advance(180_000);
    near(read(&w, "rate-out"), 5.0, "strong start after 4 min");
    assert!(read(&w, "cotuning") > 0.9, "strong start: co-tuning {}", read(&w, "cotuning"));
    // Target 10 Hz.
    let mut w = common::widget("kind=balance&target=10");
    w.advance(60_000);
    near(read(&w, "rate-out"), 10.0, "target 10 after 60 s");
}
