//! docs/science.md#ei: E/I network, ΔW = η (F − W D F)(D F)ᵀ.
use hebb::science::ei::EiNetwork;
use hebb::science::hopfield::random_patterns;
use hebb::science::rng::{Rng, Stream};
use nalgebra::DVector;

const SEEDS: [u32; 5] = [1, 2, 3, 17, 4242];

fn net(seed: u32) -> EiNetwork {
    let mut rng = Rng::new(seed, Stream::Data);
    let (n, p) = (48, 4);
    let f: Vec<f64> = random_patterns(p, n, &mut rng).iter().map(|&v| v as f64).collect();
    EiNetwork::new(n, &f, 36) // 3:1 excitatory to inhibitory
}

/// Below η = 2/λmax(FᵀF) the loss goes to 0 and W D to the projector onto span(F);
/// above it the loss explodes.
#[test]
fn learning_converges_below_the_bound_and_diverges_above() {
    for seed in SEEDS {
        let mut below = net(seed);
        let bound = below.eta_bound();
        let start = below.loss();
        for _ in 0..4000 {
            below.learn(0.9 * bound);
        }
        assert!(below.loss() < 1e-12 * start, "seed {seed}: loss {}", below.loss());
        let gap = (below.wd() - below.projector()).norm();
        assert!(gap < 1e-6, "seed {seed}: ‖WD − P_F‖ = {gap}");

        let mut above = net(seed);
        for _ in 0..400 {
            above.learn(1.1 * bound);
        }
        assert!(above.loss() > 1e6 * start, "seed {seed}: loss {}", above.loss());
    }
}

/// After learning, τẏ = W D y − y from any cue settles on P_F y(0): a continuous attractor.
#[test]
fn recall_settles_on_the_projection_of_the_cue() {
    for seed in SEEDS {
        let mut n = net(seed);
        let bound = n.eta_bound();
        for _ in 0..4000 {
            n.learn(0.9 * bound);
        }
        let mut rng = Rng::new(seed, Stream::Samples);
        let y0 = DVector::from_fn(n.n(), |i, _| n.pattern(0)[i] + 0.8 * rng.gaussian());
        let target = n.projector() * &y0;
        let mut y = y0.clone();
        for _ in 0..2000 {
            n.settle_step(&mut y, 0.05);
        }
        assert!((&y - &target).norm() < 1e-6 * target.norm(), "seed {seed}");
        // Not winner-take-all: the settled state is not simply the cued pattern.
        assert!((&y - n.pattern(0)).norm() > 0.1, "seed {seed}");
    }
}

/// The normative rule breaks Dale's law (many negative weights). Clipping W at 0 keeps it, and
/// what that costs depends on the load: with P ≪ N a non-negative W still stores the patterns
/// (zero loss) but W D is no longer the projector, so recall no longer returns P_F y(0); with
/// P = N/2 the loss itself stays well above zero.
#[test]
fn dale_projection_keeps_signs_and_what_it_costs() {
    for seed in SEEDS {
        let mut free = net(seed);
        let mut dale = net(seed);
        dale.dale = true;
        let bound = free.eta_bound();
        for _ in 0..4000 {
            free.learn(0.9 * bound);
            dale.learn(0.9 * bound);
        }
        assert!(free.dale_violations() > free.n() * free.n() / 10, "seed {seed}");
        assert_eq!(dale.dale_violations(), 0);
        assert!((free.wd() - free.projector()).norm() < 1e-6);
        assert!((dale.wd() - dale.projector()).norm() > 1.0, "seed {seed}");

        let mut rng = Rng::new(seed, Stream::Data);
        let f: Vec<f64> = random_patterns(8, 16, &mut rng).iter().map(|&v| v as f64).collect();
        let mut crowded = EiNetwork::new(16, &f, 12);
        crowded.dale = true;
        let bound = crowded.eta_bound();
        for _ in 0..4000 {
            crowded.learn(0.9 * bound);
        }
        assert!(crowded.loss() > 0.01, "seed {seed}: P = N/2 loss {}", crowded.loss());
    }
}

/// The bound on η comes from at most 64 Lanczos steps on FᵀF: exact when P ≤ 64 (the Krylov
/// space closes), and within 10⁻⁶ of the full eigen-decomposition's λmax for a crowded random
/// memory (P = 160 ±1 patterns of N = 200: the top of the Marchenko–Pastur spectrum is dense).
#[test]
fn the_eta_bound_is_the_largest_eigenvalue_of_the_gram_matrix() {
    for seed in SEEDS {
        let mut rng = Rng::new(seed, Stream::Data);
        for (n, p, tol) in [(48, 4, 1e-12), (64, 40, 1e-10), (200, 160, 1e-6)] {
            let f: Vec<f64> = random_patterns(p, n, &mut rng).iter().map(|&v| v as f64).collect();
            let net = EiNetwork::new(n, &f, n * 3 / 4);
            let fm = nalgebra::DMatrix::from_fn(n, p, |i, mu| f[mu * n + i]);
            let exact = (fm.transpose() * &fm).symmetric_eigenvalues().max();
            let lanczos = 2.0 / net.eta_bound();
            assert!((lanczos - exact).abs() < tol * exact, "seed {seed}, N = {n}, P = {p}: {lanczos} vs {exact}");
        }
    }
}
