//! The circuit widgets driven as the page drives them (a query string, then `advance`).
use hebb::runs::Status;
use hebb::widget::Widget;

const SEEDS: [u32; 4] = [1, 2, 3, 4242];

fn run(q: &str, steps: u64) -> Widget {
    let mut w = Widget::from_query(q);
    for _ in 0..steps / 1000 {
        w.advance(1000);
    }
    w
}

fn readout(w: &Widget, name: &str) -> f64 {
    let i = w.readout_names().iter().position(|n| *n == name).unwrap();
    w.readouts()[i]
}

/// GHA on the plane (λ = 3, 1.2): both arrows on their axes (wobble ≈ 1.8° rms at η = 0.001).
#[test]
fn gha_plane_finds_pc1_then_pc2() {
    for seed in SEEDS {
        let w = run(&format!("kind=gha&eta=0.001&seed={seed}"), 100_000);
        assert!(readout(&w, "angle1") < 6.0 && readout(&w, "angle2") < 6.0, "seed {seed}: {:?}", w.readouts());
        assert!(readout(&w, "orthogonality") < 0.1);
    }
}

/// GHA in 8-D at η = 0.002 (the classroom's "components in order"): on its axis, neuron 1 still
/// wobbles by a few degrees. A single angle1 reading is above 4° about a sixth of the time, so the
/// classroom check averages 30 readings; their mean stays well inside 4°.
#[test]
fn gha_high_wobbles_a_few_degrees() {
    for seed in SEEDS {
        let mut w = run(&format!("kind=gha&preset=high&eta=0.002&seed={seed}"), 10_000);
        let mut angles = Vec::new();
        for _ in 0..300 {
            w.advance(300);
            angles.push(readout(&w, "angle1"));
        }
        let mean = angles.iter().sum::<f64>() / angles.len() as f64;
        let above = angles.iter().filter(|a| **a > 4.0).count() as f64 / angles.len() as f64;
        assert!((2.0..3.6).contains(&mean), "seed {seed}: mean angle1 {mean}°");
        assert!((0.05..0.35).contains(&above), "seed {seed}: {above} of readings above 4°");
    }
}

/// Subspace rule in 8-D with k = 3: the span is right (the rows need not be the axes).
#[test]
fn subspace_high_finds_the_span() {
    for seed in SEEDS {
        let w = run(&format!("kind=subspace&preset=high&eta=0.001&seed={seed}"), 200_000);
        assert!(readout(&w, "subspace-error") < 0.2, "seed {seed}: {:?}", w.readouts());
        assert!(readout(&w, "orthogonality") < 0.1);
    }
}

/// Similarity matching: eig(M) → the top eigenvalues (3, 1.2) of C.
#[test]
fn similarity_lateral_eigenvalues_match_c() {
    for seed in SEEDS {
        let w = run(&format!("kind=similarity&eta=0.001&seed={seed}"), 200_000);
        let (ev, l) = (w.buffer("m-eigenvalues"), w.buffer("lambdas"));
        for k in 0..2 {
            assert!((ev[k] / l[k] - 1.0).abs() < 0.15, "seed {seed}: {ev:?} vs {l:?}");
        }
    }
}

/// Recurrent Hebb with decay: αW → C, and a shared pattern is amplified far above a spurious one.
#[test]
fn recurrent_learns_covariance_and_amplifies_shared_signals() {
    for seed in SEEDS {
        let w = run(&format!("kind=recurrent&seed={seed}"), 100_000);
        assert!(readout(&w, "rel-error") < 0.15, "seed {seed}: {:?}", w.readouts());
        assert!(readout(&w, "gain-shared") > 10.0 * readout(&w, "gain-spurious"));
        let v = run(&format!("kind=recurrent&decay=squared&seed={seed}"), 100_000);
        assert!(readout(&v, "rel-error") < 0.15, "seed {seed}: {:?}", v.readouts());
    }
}

/// BCM: selective at η τθ = 0.2; at η τθ = 4 it is stopped as diverged, with the reason.
#[test]
fn bcm_selective_then_unstable() {
    for seed in SEEDS {
        let w = run(&format!("kind=bcm&seed={seed}"), 200_000);
        assert!(readout(&w, "selectivity") > 0.99, "seed {seed}: {:?}", w.readouts());
        let bad = run(&format!("kind=bcm&tau=400&seed={seed}"), 200_000);
        assert_eq!(bad.status(), Status::Diverged, "seed {seed}");
        assert!(bad.message().contains("η·τθ = 4.00"), "{}", bad.message());
    }
}

/// Pruning widget: never above K_max, finite, and live synapses are the non-zero ones.
#[test]
fn prune_respects_the_cap() {
    for seed in SEEDS {
        for rule in ["threshold", "soft", "trace"] {
            let mut w = Widget::from_query(&format!("kind=prune&rule={rule}&grow=random&kmax=12&seed={seed}"));
            for _ in 0..300 {
                w.advance(10);
                assert!(readout(&w, "connections") <= 12.0);
            }
            let (alive, weights) = (w.buffer("alive"), w.buffer("weights"));
            assert!(alive.iter().zip(weights).all(|(a, w)| *a == 1.0 || *w == 0.0));
            assert!(readout(&w, "norm").is_finite());
        }
    }
}

/// k ≤ d and sources ≤ n are enforced with a notice.
#[test]
fn dependent_limits_are_reported() {
    let w = Widget::from_query("kind=gha&d=3&k=9");
    assert_eq!(w.params().num("k"), 3.0);
    assert!(w.message().contains("d = 3"));
    let w = Widget::from_query("kind=recurrent&n=4&sources=9");
    assert_eq!(w.params().num("sources"), 4.0);
}
