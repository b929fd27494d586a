//! Hopfield capacity has two limits (AGS 1985; McEliece et al. 1987): retrieval with a few
//! wrong bits up to a load of about 0.138, perfect recall only up to N/(2 ln N) patterns for
//! one of them and N/(4 ln N) for all. And the capacity figure's recall is not cut short.
use hebb::runs::MAX_SWEEPS;
use hebb::science::hopfield::{self, Hopfield};
use hebb::science::rng::Rng;
use hebb::widget::Widget;

/// Near and past the critical load at N = 1024 a collapsing recall takes tens of sweeps; none
/// may reach the cap, or the curve would show a collapse half done.
#[test]
fn no_recall_near_the_critical_load_is_cut_short() {
    let n = 1024;
    for (trial, load) in [(0u64, 0.14), (1, 0.16)] {
        let p = (load * n as f64) as usize;
        let mut rng = Rng::with_stream(11, trial);
        let mut patterns = Vec::new();
        hopfield::fill_random(&mut patterns, p * n, &mut rng);
        let mut net = Hopfield::new(n);
        net.store_all(&patterns);
        let mut order = Vec::new();
        let mut longest = 0;
        for xi in patterns.chunks_exact(n) {
            net.set_state(xi);
            longest = longest.max(hopfield::recall_async(&mut net, MAX_SWEEPS, &mut rng, &mut order));
        }
        assert!(longest < MAX_SWEEPS, "load {load}: a recall ran {longest} sweeps");
        assert!(longest > 20, "load {load}: the slowest recall took {longest} sweeps (the old cap was 20)");
    }
}

#[test]
fn perfect_recall_ends_far_below_the_critical_load() {
    let (one, all) = hopfield::perfect_recall_loads(400);
    assert!((one - 1.0 / (2.0 * 400f64.ln())).abs() < 1e-15 && (all - one / 2.0).abs() < 1e-15);
    // The figure's "recalled perfectly" curve at N = 400 (loads 0.02, 0.04, …): near 1 up to
    // N/(4 ln N) ≈ 0.042, and at least half gone by the critical load (a stored pattern is a
    // fixed point with probability about (1 − Φ(−√(N/P)))^N ≈ 0.2 there), where wrong bits are
    // still few.
    for seed in [1, 2, 3] {
        let mut w = Widget::from_query(&format!("kind=capacity&side=20&trials=3&seed={seed}"));
        while w.advance(100) > 0 {}
        let curve: Vec<&[f64]> = w.buffer("curve").chunks_exact(4).collect();
        let at = |load: f64| curve.iter().find(|c| (c[0] - load).abs() < 1e-9).unwrap();
        assert!(at(0.04)[2] > 0.9, "seed {seed}: perfect at 0.04: {}", at(0.04)[2]);
        assert!(at(0.14)[2] < 0.5, "seed {seed}: perfect at 0.14: {}", at(0.14)[2]);
        assert!(at(0.12)[1] < 0.02, "seed {seed}: wrong bits at 0.12: {}", at(0.12)[1]);
    }
}
