//! docs/science.md: gha, subspace, similarity: GHA orders the principal components, the subspace rule finds their span in
//! some rotation, similarity matching finds it with eig(M) = the top eigenvalues of C.
use hebb::science::many::{line_angle, ManyRule, Population, Spectrum};
use hebb::science::rng::{Rng, Stream};
use nalgebra::DMatrix;

const SEEDS: [u32; 4] = [1, 2, 3, 4242];
const D: usize = 6;
const K: usize = 3;

/// λ = 5 · 0.6^k: (5, 3, 1.8, 1.08, 0.65, 0.39); the smallest gap that matters is λ3 − λ4.
fn train(rule: ManyRule, seed: u32, eta: f64, steps: usize) -> (Population, Spectrum) {
    let mut rng = Rng::new(seed, Stream::Data);
    let spec = Spectrum::geometric(D, 5.0, 0.6, &mut rng);
    let mut pop = Population::new(K, D, &mut Rng::new(seed, Stream::Start));
    let mut x = vec![0.0; D];
    let mut samples = Rng::new(seed, Stream::Samples);
    for _ in 0..steps {
        spec.sample(&mut samples, &mut x);
        pop.step(rule, &x, eta, 0.5);
    }
    (pop, spec)
}

fn gram_error(f: &DMatrix<f64>) -> f64 {
    (f * f.transpose() - DMatrix::identity(f.nrows(), f.nrows())).norm()
}

/// Rows → ±e1, ±e2, ±e3 in that order, with unit length. Row k wobbles around e_k; its
/// coupling to the next axis alone gives an rms of √(η λ_k λ_{k+1} / (2(λ_k − λ_{k+1}))) rad
/// (1.6°, 1.2°, 0.9° at η = 0.0002) and the other axes add a little. The rms angle over the
/// last 10⁵ steps must be below 2.5°: a row on the wrong axis would sit at 90°.
#[test]
fn gha_rows_become_the_ordered_principal_components() {
    let eta = 0.0002;
    for seed in SEEDS {
        let (mut pop, spec) = train(ManyRule::Gha, seed, eta, 500_000);
        let mut samples = Rng::new(seed, Stream::Start);
        let mut x = vec![0.0; D];
        let mut sq = [0.0; K];
        for _ in 0..100_000 {
            spec.sample(&mut samples, &mut x);
            pop.step(ManyRule::Gha, &x, eta, 0.5);
            for (k, s) in sq.iter_mut().enumerate() {
                *s += line_angle(pop.row(k), spec.e(k)).powi(2) / 1e5;
            }
        }
        for (k, s) in sq.iter().enumerate() {
            assert!(s.sqrt() < 2.5, "seed {seed}: row {k} rms {}° from e{}", s.sqrt(), k + 1);
        }
        assert!(gram_error(&pop.filters(ManyRule::Gha)) < 0.1, "seed {seed}");
    }
}

/// W Wᵀ → I and WᵀW → the projector onto the top-3 subspace, whatever the rotation.
#[test]
fn subspace_rule_finds_the_span_not_the_order() {
    for seed in SEEDS {
        let (pop, spec) = train(ManyRule::Subspace, seed, 0.0005, 300_000);
        let w = pop.filters(ManyRule::Subspace);
        assert!(gram_error(&w) < 0.05, "seed {seed}: ‖WWᵀ − I‖ = {}", gram_error(&w));
        let err = (w.transpose() * &w - spec.top_projector(K)).norm();
        assert!(err < 0.1, "seed {seed}: projector error {err}");
    }
}

/// eig(M) → (5, 3, 1.8) and F = M⁻¹W spans the top subspace with F Fᵀ = I. M's noise is
/// ~√(η/τ) ≈ 3 % relative at η = 0.0005, τ = 0.5; the test allows 10 %.
#[test]
fn similarity_matching_learns_the_top_eigenvalues() {
    for seed in SEEDS {
        let (pop, spec) = train(ManyRule::Similarity, seed, 0.0005, 300_000);
        let ev = pop.m_eigenvalues();
        for k in 0..K {
            assert!((ev[k] / spec.lambdas[k] - 1.0).abs() < 0.1, "seed {seed}: eig(M) {ev:?}");
        }
        let f = pop.filters(ManyRule::Similarity);
        assert!(gram_error(&f) < 0.1, "seed {seed}: ‖FFᵀ − I‖ = {}", gram_error(&f));
        let err = (f.transpose() * &f - spec.top_projector(K)).norm();
        assert!(err < 0.15, "seed {seed}: projector error {err}");
    }
}
