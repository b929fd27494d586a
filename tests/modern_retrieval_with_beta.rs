//! docs/science.md#modern: ξ ← X softmax(β Xᵀ ξ) retrieves in one step at large β, blends at small β,
//! and stores far more than 0.138 N patterns.
use hebb::science::hopfield::{corrupt, random_patterns};
use hebb::science::modern::Modern;
use hebb::science::rng::{Rng, Stream};

const SEEDS: [u32; 5] = [1, 2, 3, 17, 4242];

fn cue(net: &Modern, mu: usize, noise: f64, rng: &mut Rng) -> Vec<f64> {
    let xi = net.pattern(mu).to_vec();
    let mut order = Vec::new();
    corrupt(&xi, noise, rng, &mut order).iter().map(|&v| v as f64).collect()
}

/// N = 256, P = 200 ≫ 0.138 N ≈ 35, β = 1: one update from a 20 %-flipped cue lands on the
/// pattern exactly (its dot product ≈ 0.6 N beats the others' ≈ ±3√N by ~100, e^−100 ≈ 0).
#[test]
fn large_beta_retrieves_exactly_in_one_step_far_past_0_138_n() {
    for seed in SEEDS {
        let mut rng = Rng::new(seed, Stream::Data);
        let (n, p) = (256, 200);
        let mut net = Modern::new(n, &random_patterns(p, n, &mut rng), 1.0);
        for mu in [0, 57, 199] {
            let c = cue(&net, mu, 0.2, &mut rng);
            net.set_state(&c);
            net.update();
            let exact = net.state().iter().zip(net.pattern(mu)).all(|(a, &b)| (a - b as f64).abs() < 1e-12);
            assert!(exact, "seed {seed}: pattern {mu} not exact after one step");
            assert_eq!(net.update(), 0.0, "converged: a second update changes nothing");
        }
    }
}

/// Small β: the weights are nearly uniform and the state is a blend of many patterns, with
/// overlap far below 1 with the cued one and the softmax spread over all of them.
#[test]
fn small_beta_gives_metastable_blends() {
    for seed in SEEDS {
        let mut rng = Rng::new(seed, Stream::Data);
        let (n, p) = (256, 10);
        let mut net = Modern::new(n, &random_patterns(p, n, &mut rng), 1e-3);
        let c = cue(&net, 3, 0.2, &mut rng);
        net.set_state(&c);
        for _ in 0..50 {
            net.update();
        }
        let top = net.softmax_weights().iter().cloned().fold(0.0, f64::max);
        assert!(top < 2.0 / p as f64, "seed {seed}: softmax peaked at {top}");
        // A blend of ~p equal patterns has cosine ≈ 1/√p with each.
        let m = net.overlap(3);
        assert!(m < 0.6 && m > 0.1, "seed {seed}: overlap {m}");
        assert!(net.wrong_bits(3) > 0.05);
    }
}

/// Each update lowers the energy −lse(β, Xᵀξ) + ½|ξ|² (a concave–convex step).
#[test]
fn updates_never_raise_the_energy() {
    for seed in SEEDS {
        let mut rng = Rng::new(seed, Stream::Data);
        let mut net = Modern::new(64, &random_patterns(30, 64, &mut rng), 0.05);
        let c = cue(&net, 0, 0.4, &mut rng);
        net.set_state(&c);
        let mut e = net.energy();
        for _ in 0..30 {
            net.update();
            assert!(net.energy() <= e + 1e-9, "seed {seed}");
            e = net.energy();
        }
    }
}
