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
            ],
            export: Some(("kind=decay&alpha=4", CLOUD)),
            memory: &[("kind=decay&alpha=4", 100_000)],
        },
        Kind::Oja => KindTests {
            determinism: &[
                ("kind=oja&seed=1", 5000),
                ("kind=oja&seed=7&eta=0.05&preset=clusters", 5000),
                ("kind=oja&seed=4242&n=20000&l1=1&l2=0.3&eta=0.3", 5000),
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
