//! Per-kind test data, one entry per kind: what tests/determinism.rs, tests/export.rs and
//! tests/web.rs run for it. The match in [`of`] is exhaustive, so a kind added to the table in
//! src/runs/mod.rs stops `cargo test` here, and the fields of [`KindTests`] say what to write.

use hebb::runs::Kind;

/// Seeded runs (queries) and how many steps of each.
pub type Runs = &'static [(&'static str, u64)];

/// What the per-kind tests run for one kind.
pub struct KindTests {
    /// tests/determinism.rs: the runs to hash and how many single steps of each. It writes the
    /// hashes to target/determinism.txt, and tests/web.rs recomputes them in wasm.
    pub determinism: Runs,
    /// tests/export.rs: the run for the shared trajectory check and the columns it promises;
    /// `None` where the kind's table has its own test there.
    pub export: Option<(&'static str, &'static [&'static str])>,
    /// tests/web.rs: the runs for the wasm memory check (no growth after a warm-up) and how many
    /// steps of each.
    pub memory: Runs,
}

const CLOUD: &[&str] = &["step", "w1", "w2", "norm", "angle"];
const MANY: &[&str] = &["step", "angle1", "angle2", "orthogonality", "subspace_error"];

pub fn of(kind: Kind) -> KindTests {
    match kind {
        Kind::Hebb => KindTests {
            determinism: &[("kind=hebb&seed=1", 5000), ("kind=hebb&seed=2&preset=round&w0=0.1,-0.2&theta=-75", 5000)],
            export: Some(("kind=hebb&eta=0.001", CLOUD)),
            memory: &[("kind=hebb&eta=0.0001", 100_000)],
        },
        Kind::Decay => KindTests {
            determinism: &[
                ("kind=decay&seed=1&alpha=4", 5000),
                ("kind=decay&seed=9&alpha=1&preset=line", 5000),
                ("kind=decay&seed=3&alpha=6&eta=0.5", 5000),
                ("kind=decay&seed=5&alpha=3&ghost=1", 5000),
            ],
            export: Some(("kind=decay&alpha=4", CLOUD)),
            memory: &[("kind=decay&alpha=4", 100_000)],
        },
        Kind::Oja => KindTests {
            determinism: &[
                ("kind=oja&seed=1", 5000),
                ("kind=oja&seed=7&eta=0.05&preset=clusters", 5000),
                ("kind=oja&seed=4242&n=20000&l1=1&l2=0.3&eta=0.3", 5000),
                ("kind=oja&seed=2&eta=0.05&ghost=1", 5000),
            ],
            export: Some(("kind=oja", CLOUD)),
            memory: &[("kind=oja&n=20000", 100_000)],
        },
        Kind::Infomax => KindTests {
            determinism: &[
                ("kind=infomax&seed=1", 5000),
                ("kind=infomax&seed=5&norm=explicit&preset=clusters&sigma=0.2&w0=0,1", 5000),
            ],
            export: Some((
                "kind=infomax",
                &["step", "angle", "variance", "information", "information_max", "distance"],
            )),
            memory: &[("kind=infomax&n=20000", 100_000)],
        },
        Kind::Hopfield => KindTests {
            determinism: &[
                ("kind=hopfield&seed=3&preset=overload", 3000),
                ("kind=hopfield&seed=4&patterns=random&p=20&noise=0.3&update=sync", 20),
            ],
            // hopfield_csv_overlap_reaches_one.
            export: None,
            memory: &[
                ("kind=hopfield&side=32&patterns=random&p=100&noise=0.3&update=sync", 1_000),
                ("kind=hopfield&side=32&patterns=random&p=100&noise=0.3", 100_000),
            ],
        },
        Kind::Capacity => KindTests {
            determinism: &[("kind=capacity&seed=5&side=10&trials=1", 15)],
            // capacity_csv_has_a_row_per_measured_load.
            export: None,
            memory: &[("kind=capacity&side=8&trials=50", 700)],
        },
        Kind::Basins => KindTests {
            determinism: &[("kind=basins&seed=5&side=10&trials=2", 150)],
            // basins_csv_has_a_row_per_cell (tests/basins_shrink_with_load.rs).
            export: None,
            memory: &[("kind=basins&side=8&trials=50", 150)],
        },
        Kind::Modern => KindTests {
            determinism: &[("kind=modern&seed=6&preset=blend", 30)],
            export: Some(("kind=modern&seed=2", &["step", "overlap", "energy", "wrong_bits"])),
            memory: &[("kind=modern&preset=blend", 1_000)],
        },
        Kind::Ei => KindTests {
            determinism: &[("kind=ei&seed=7&side=8", 200)],
            export: Some(("kind=ei&side=8", &["step", "energy"])),
            memory: &[("kind=ei&side=8&eta=0.0005", 2_000)],
        },
        Kind::Gha => KindTests {
            determinism: &[("kind=gha&seed=8&preset=high", 3000)],
            export: Some(("kind=gha&preset=high", MANY)),
            memory: &[("kind=gha&preset=high", 100_000)],
        },
        Kind::Subspace => KindTests {
            determinism: &[("kind=subspace&seed=13&preset=high", 3000)],
            export: Some(("kind=subspace&preset=high", MANY)),
            memory: &[("kind=subspace&preset=high", 100_000)],
        },
        Kind::Similarity => KindTests {
            determinism: &[("kind=similarity&seed=9", 3000)],
            export: Some(("kind=similarity", MANY)),
            memory: &[("kind=similarity", 100_000)],
        },
        Kind::Recurrent => KindTests {
            determinism: &[
                ("kind=recurrent&seed=10&decay=squared", 3000),
                // Stopped by the closed loop's check at step 1,728 (α = 13 > λ1 = 8.39, but
                // η = 0.002 lets the noise of W carry its top eigenvalue over 1).
                ("kind=recurrent&seed=3&loop=closed&alpha=13", 3000),
            ],
            export: Some(("kind=recurrent", &["step", "rel_error", "gain_shared", "gain_spurious", "lambda1"])),
            memory: &[
                ("kind=recurrent", 100_000),
                // The closed loop's check every 64 steps at n = 16 (stable: λ1 ≈ 16 < α = 20).
                ("kind=recurrent&n=16&sources=1&alpha=20&eta=0.0001&loop=closed", 100_000),
            ],
        },
        Kind::Bcm => KindTests {
            determinism: &[("kind=bcm&seed=11", 3000)],
            export: Some(("kind=bcm&inputs=3", &["step", "threshold", "response1", "response2", "response3"])),
            memory: &[("kind=bcm&inputs=16", 100_000)],
        },
        Kind::Prune => KindTests {
            determinism: &[("kind=prune&seed=12&grow=random&rule=soft", 1000)],
            export: Some(("kind=prune", &["step", "connections", "norm"])),
            memory: &[("kind=prune&grow=random", 20_000)],
        },
        Kind::Pairing => KindTests {
            determinism: &[("kind=pairing&seed=13", 40), ("kind=pairing&seed=14&protocol=timing&dt=-20", 80)],
            export: Some(("kind=pairing", &["step", "epsp", "phase"])),
            memory: &[("kind=pairing&protocol=timing", 20_000)],
        },
        Kind::Backprop => KindTests {
            determinism: &[("kind=backprop&seed=13", 3000), ("kind=backprop&seed=14&feedback=random&d=12&k=4", 3000)],
            export: Some((
                "kind=backprop&feedback=random",
                &["step", "subspace_error_hebb", "subspace_error_backprop", "loss", "alignment", "loss_hebb"],
            )),
            memory: &[("kind=backprop&feedback=random&d=16&k=16", 100_000)],
        },
        Kind::Stdp => KindTests {
            determinism: &[
                ("kind=stdp&seed=13", 20_000),
                ("kind=stdp&seed=3&bounds=multiplicative&pairing=nearest&inputs=300&group=100&corr=0.3", 10_000),
            ],
            export: Some((
                "kind=stdp",
                &["step", "rate_out", "w_group", "w_rest", "bimodality", "drift", "drift_predicted"],
            )),
            memory: &[("kind=stdp&inputs=1000", 100_000)],
        },
        Kind::Abstraction => KindTests {
            determinism: &[
                ("kind=abstraction&seed=1", 2000),
                ("kind=abstraction&seed=6&world=trees&rules=mixed&d=3&agents=7", 2000),
            ],
            export: Some((
                "kind=abstraction",
                &["step", "spread", "angle", "separation", "tree_variance", "between_worlds"],
            )),
            memory: &[("kind=abstraction&rules=mixed", 20_000)],
        },
        Kind::Dense => KindTests {
            determinism: &[
                ("kind=dense&seed=3", 3000),
                ("kind=dense&seed=4&order=exp&side=12&p=600&update=sync", 1000),
                ("kind=dense&seed=5&order=8&side=8&p=500", 1000),
            ],
            export: Some(("kind=dense&seed=2", &["step", "overlap", "energy", "wrong_bits"])),
            memory: &[("kind=dense&side=32&p=1000", 100_000)],
        },
        Kind::Balance => KindTests {
            determinism: &[
                ("kind=balance&seed=13", 20_000),
                ("kind=balance&seed=14&start=strong&plasticity=off", 5000),
            ],
            export: Some(("kind=balance", &["step", "rate_out", "target", "cotuning", "ei_ratio"])),
            memory: &[("kind=balance&channels=16", 200_000)],
        },
    }
}
