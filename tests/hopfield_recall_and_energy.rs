//! docs/science.md#hopfield: the classic Hopfield network.
use hebb::science::hopfield::*;
use hebb::science::rng::{Rng, Stream};

const SEEDS: [u32; 5] = [1, 2, 3, 17, 4242];

fn network(n: usize, p: usize, seed: u32) -> (Hopfield, Rng) {
    let mut rng = Rng::new(seed, Stream::Data);
    let mut net = Hopfield::new(n);
    net.store_all(&random_patterns(p, n, &mut rng));
    (net, rng)
}

/// Every asynchronous flip lowers E by exactly 2|h_i|/N; nothing ever raises it.
#[test]
fn asynchronous_updates_never_raise_the_energy() {
    for seed in SEEDS {
        let (mut net, mut rng) = network(200, 30, seed); // α = 0.15: a rough landscape
        let mut order = Vec::new();
        let cue = corrupt(net.pattern(0), 0.3, &mut rng, &mut order);
        net.set_state(&cue);
        let mut e = net.energy();
        let mut flips = 0;
        for _ in 0..20 {
            shuffle(&mut order, 200, &mut rng);
            for &i in &order {
                let h = net.field(i as usize);
                if net.update_neuron(i as usize) {
                    flips += 1;
                    let drop = 2.0 * h.abs() as f64 / 200.0;
                    assert!((net.energy() - (e - drop)).abs() < 1e-9, "seed {seed}");
                }
                assert!(net.energy() <= e + 1e-12, "seed {seed}: energy rose");
                e = net.energy();
            }
        }
        assert!(flips > 20, "seed {seed}: the test saw only {flips} flips");
    }
}

/// Synchronous updates can 2-cycle where asynchronous ones settle: ξ = (1, −1) stored, start
/// at (1, 1).
#[test]
fn synchronous_updates_may_two_cycle() {
    let mut net = Hopfield::new(2);
    net.store(&[1, -1]);
    net.set_state(&[1, 1]);
    let mut seen = Vec::new();
    for _ in 0..4 {
        net.sweep_sync();
        seen.push(net.state().to_vec());
    }
    assert_eq!(seen, vec![vec![-1, -1], vec![1, 1], vec![-1, -1], vec![1, 1]]);
    net.set_state(&[1, 1]);
    net.update_neuron(0);
    assert_eq!(net.sweep_async(&[0, 1]), 0, "async settles at once");
}

/// Far below capacity (P = 10 ≪ N / (4 ln N) ≈ 17 at N = 400) every stored pattern is a
/// fixed point.
#[test]
fn stored_patterns_are_fixed_points_at_low_load() {
    for seed in SEEDS {
        let (mut net, _) = network(400, 10, seed);
        for mu in 0..10 {
            let xi = net.pattern(mu).to_vec();
            net.set_state(&xi);
            assert_eq!(net.sweep_sync(), 0, "seed {seed}: pattern {mu} is not stable");
        }
    }
}

/// One update from a stored pattern gets a bit wrong with probability ≈ Φ(−√(N/P)).
/// N = 400, P = 60, 10 seeds: 240,000 bits, ~1,150 expected errors (σ ≈ 3 %); √(N/P) differs
/// from the exact √((N−1)/(P−1)) by O(1/N), worth 5 % here; the test allows 15 %.
#[test]
fn one_step_error_is_phi_of_minus_root_n_over_p() {
    let (n, p) = (400, 60);
    let (mut wrong, mut total) = (0usize, 0usize);
    for seed in 1..=10 {
        let (net, _) = network(n, p, seed);
        for mu in 0..p {
            let xi = net.pattern(mu).to_vec();
            let mut probe = net.clone();
            probe.set_state(&xi);
            wrong += (0..n).filter(|&i| probe.field(i) * (xi[i] as i32) < 0).count();
            total += n;
        }
    }
    let measured = wrong as f64 / total as f64;
    let predicted = phi(-((n as f64) / p as f64).sqrt());
    assert!((measured / predicted - 1.0).abs() < 0.15, "{measured} vs {predicted}");
}

/// sgn(ξ¹ + ξ² + ξ³) has overlap ½ with each of the three and is stable at low load.
#[test]
fn three_pattern_mixtures_are_spurious_attractors() {
    for seed in SEEDS {
        let (mut net, mut rng) = network(1000, 3, seed);
        let mix = mixture3(net.pattern(0), net.pattern(1), net.pattern(2));
        net.set_state(&mix);
        let mut order = Vec::new();
        recall_async(&mut net, 20, &mut rng, &mut order);
        for mu in 0..3 {
            // m = ½ ± 1/√N·(√3/2)·… : at N = 1000, a few hundredths.
            assert!((net.overlap(mu) - 0.5).abs() < 0.06, "seed {seed}: m{mu} = {}", net.overlap(mu));
        }
        assert!(net.wrong_bits(&mix) < 0.01, "seed {seed}: the mixture moved");
    }
}

/// Retrieval from every stored pattern of an N = 1000 network: nearly perfect at α = 0.08,
/// collapsed at α = 0.2; the load where the mean wrong-bit fraction first passes 5 % sits
/// near α_c ≈ 0.138 (finite N smears the edge by a few hundredths).
#[test]
fn capacity_transition_sits_near_0_138() {
    let n = 1000;
    let mut rng = Rng::new(7, Stream::Samples);
    let mut order = Vec::new();
    let mut wrong_at = |p: usize, seed: u32| {
        let (mut net, _) = network(n, p, seed);
        let mut sum = 0.0;
        for mu in (0..p).step_by((p / 20).max(1)) {
            let xi = net.pattern(mu).to_vec();
            net.set_state(&xi);
            recall_async(&mut net, 30, &mut rng, &mut order);
            sum += net.wrong_bits(&xi);
        }
        sum / p.div_ceil((p / 20).max(1)) as f64
    };
    assert!(wrong_at(80, 1) < 0.01);
    assert!(wrong_at(200, 1) > 0.1);
    let mut edge = None;
    for p in (100..=200).step_by(10) {
        if wrong_at(p, 2) > 0.05 {
            edge = Some(p as f64 / n as f64);
            break;
        }
    }
    let edge = edge.expect("no collapse up to α = 0.2");
    assert!((0.11..=0.18).contains(&edge), "edge at α = {edge}");
}

/// The AGS replica-symmetric solution: α_c ≈ 0.138, with m ≈ 0.967 (1.7 % wrong bits) at the
/// edge (m approaches it like √(α_c − α), so it is read off just 10⁻⁹ below) and near-perfect
/// retrieval at low load.
#[test]
fn ags_theory_reproduces_alpha_c() {
    let ac = ags_critical_load();
    assert!((ac - 0.1379).abs() < 0.001, "α_c = {ac}");
    let m = ags_overlap(ac - 1e-9).unwrap();
    assert!((m - 0.967).abs() < 0.003, "m(α_c) = {m}");
    assert!(ags_overlap(ac + 0.01).is_none());
    assert!(ags_wrong_bits(0.05) < 1e-4);
    assert_eq!(ags_wrong_bits(0.2), 0.5);
}

/// Incremental bookkeeping: store then forget gives back the smaller network exactly.
#[test]
fn store_and_forget_are_inverse() {
    let (mut net, mut rng) = network(64, 4, 9);
    let before = net.weights().to_vec();
    let extra = random_patterns(1, 64, &mut rng);
    assert!(net.store(&extra));
    assert_ne!(net.weights(), &before[..]);
    assert!(net.forget(4));
    assert_eq!(net.weights(), &before[..]);
    assert_eq!(net.len(), 4);
}
