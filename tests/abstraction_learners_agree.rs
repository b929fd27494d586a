//! docs/science.md#abstraction: many Hebbian learners, each with its own start, its own samples
//! and (with `rules=mixed`) its own rule, find one direction of their world — and the world of
//! trees alone gives another one: tree-ness against branching.
mod common;
use common::*;
use hebb::science::abstraction::{Data, World};
use hebb::science::rng::{Rng, Stream};
use nalgebra::{DMatrix, SymmetricEigen};

const WORLDS: [&str; 2] = ["everything", "trees"];

/// Readings after the learners have settled: 20 time constants 1/(η(λ1 − λ2)) at the default
/// η = 3·10⁻⁴ and gaps λ1 − λ2 ≈ 2.2 (both worlds) is 30,000 samples; then 20 readings 1,000
/// samples apart (about two-thirds of a time constant, so nearly independent).
fn settled(query: &str) -> Vec<Vec<f64>> {
    let mut w = widget(query);
    w.advance(30_000);
    (0..20)
        .map(|_| {
            w.advance(1_000);
            w.readouts()
        })
        .collect()
}

fn mean_of(readings: &[Vec<f64>], i: usize) -> f64 {
    readings.iter().map(|r| r[i]).sum::<f64>() / readings.len() as f64
}

/// The stationary wobble of one online Oja learner about PC1 (radians, rms): each component
/// along e_j (j ≥ 2) relaxes at η(λ1 − λj) and is kicked by η y x_j each sample, so its variance
/// is η E[(x·e1)²(x·ej)²] / (2(λ1 − λj)). Summed over j.
fn oja_wobble(data: &Data, d: usize, eta: f64) -> f64 {
    let c = DMatrix::from_fn(d, d, |i, j| data.x.chunks(d).map(|r| r[i] * r[j]).sum::<f64>() / data.count as f64);
    let eig = SymmetricEigen::new(c);
    let top = (0..d).max_by(|&a, &b| eig.eigenvalues[a].total_cmp(&eig.eigenvalues[b])).unwrap();
    let e1 = eig.eigenvectors.column(top);
    let mut var = 0.0;
    for j in (0..d).filter(|&j| j != top) {
        let ej = eig.eigenvectors.column(j);
        let kick = data
            .x
            .chunks(d)
            .map(|r| {
                let (y, xj) = (
                    r.iter().zip(e1.iter()).map(|(a, b)| a * b).sum::<f64>(),
                    r.iter().zip(ej.iter()).map(|(a, b)| a * b).sum::<f64>(),
                );
                y * y * xj * xj
            })
            .sum::<f64>()
            / data.count as f64;
        var += eta * kick / (2.0 * (eig.eigenvalues[top] - eig.eigenvalues[j]));
    }
    var.sqrt()
}

/// Starting from random lines the learners disagree (12 random lines in 6-D: the widest pair is
/// near 90°); settled, the widest pair is a few degrees apart on both worlds and with all five
/// rules. Bound: two learners' wobbles are independent, so their angle has rms √2·σ; the widest
/// of 66 pairs of a (d − 1)-dimensional Gaussian sits below about 3 of those rms (a 1-in-10⁴
/// excursion per pair, Gaussian tail in five dimensions), and the mean over 20 readings lies
/// well inside that. The claim: below 5° on average over the seeds.
#[test]
fn learners_spread_falls_below_a_few_degrees_on_both_worlds() {
    for world in WORLDS {
        let mut all = 0.0;
        for seed in SEEDS {
            let query = format!("kind=abstraction&world={world}&rules=mixed&seed={seed}");
            let start = widget(&query).readouts()[1];
            assert!(start > 60.0, "{query}: the random starts are only {start:.1}° apart");
            let w = World::new(6, 0.2, 4.0, 1.5, &mut Rng::new(seed, Stream::Data));
            let data = if world == "trees" { &w.only_trees } else { &w.everything };
            let sigma = oja_wobble(data, 6, 3e-4).to_degrees();
            let readings = settled(&query);
            let spread = mean_of(&readings, 1);
            let bound = 3.0 * std::f64::consts::SQRT_2 * sigma;
            assert!(spread < bound, "{query}: mean spread {spread:.2}° above 3·√2·σ = {bound:.2}° (σ = {sigma:.2}°)");
            // The learners' mean angle to PC1 is about σ·√(π/2)/… ≤ σ per learner: bound by 2σ.
            let angle = mean_of(&readings, 2);
            assert!(angle < 2.0 * sigma, "{query}: mean angle to PC1 {angle:.2}° above 2σ = {:.2}°", 2.0 * sigma);
            all += spread / SEEDS.len() as f64;
        }
        assert!(all < 5.0, "world={world}: spread {all:.2}° over the seeds");
    }
}

/// Everything's abstraction (tree-ness) and the trees' (branching) are nearly perpendicular: each
/// group's mean line wobbles by σ/√12 (under a degree), so the angle between them stays within a
/// few degrees of the angle between the two worlds' PC1s, which the world puts near 90°.
#[test]
fn the_two_worlds_abstractions_differ() {
    for seed in SEEDS {
        let w = World::new(6, 0.2, 4.0, 1.5, &mut Rng::new(seed, Stream::Data));
        let pcs = hebb::science::many::line_angle(&w.everything.pc1, &w.only_trees.pc1);
        for world in WORLDS {
            let query = format!("kind=abstraction&world={world}&seed={seed}");
            let between = mean_of(&settled(&query), 5);
            assert!(between > 80.0, "{query}: the worlds' directions are only {between:.1}° apart");
            assert!(
                (between - pcs).abs() < 3.0,
                "{query}: {between:.1}° between the learned lines, {pcs:.1}° between the PC1s"
            );
        }
    }
}

/// What each abstraction is good for. Along everything's learned line the trees stand out:
/// d′ ≈ gap / √(½(0.16·0.5 + 0.5)) ≈ 7 at the defaults (tree and rest variances along u_0), and
/// the line carries the trees' small background variance, 0.16·0.5 of a trace near 2.6. Along
/// the trees' line d′ is near 0 and the within-tree share near its best, λ1(C_T)/tr C_T.
#[test]
fn separation_on_everything_and_tree_variance_on_trees() {
    for seed in SEEDS {
        let w = World::new(6, 0.2, 4.0, 1.5, &mut Rng::new(seed, Stream::Data));
        let best = w.tree_variance(&w.only_trees.pc1);
        let every = settled(&format!("kind=abstraction&world=everything&seed={seed}"));
        let trees = settled(&format!("kind=abstraction&world=trees&seed={seed}"));
        let (sep_e, sep_t) = (mean_of(&every, 3), mean_of(&trees, 3));
        let (var_e, var_t) = (mean_of(&every, 4), mean_of(&trees, 4));
        assert!(sep_e > 6.0 && sep_t < 0.5, "seed {seed}: d′ {sep_e:.2} on everything, {sep_t:.2} on trees");
        // The mean line is within σ/√12 < 1° of PC1: cos² of that is 1 − 3·10⁻⁴.
        assert!(var_t > 0.99 * best && best > 0.8, "seed {seed}: trees' line captures {var_t:.3} of {best:.3}");
        assert!(var_e < 0.1, "seed {seed}: everything's line captures {var_e:.3} of the within-tree variance");
    }
}
