//! Same keys and seed → the same trajectory, bit for bit. This test also writes the hashes to
//! target/determinism.txt, which the browser test (tests/web.rs, built after it) embeds and
//! recomputes in wasm: a native/wasm mismatch in any step of any of these runs fails there.
use hebb::widget::Widget;
use std::fmt::Write;

pub const RUNS: &[&str] = &[
    "kind=oja&seed=1",
    "kind=oja&seed=7&eta=0.05&preset=clusters",
    "kind=oja&seed=4242&n=20000&l1=1&l2=0.3&eta=0.3",
    "kind=decay&seed=1&alpha=4",
    "kind=decay&seed=9&alpha=1&preset=line",
    "kind=decay&seed=3&alpha=6&eta=0.5",
    "kind=hebb&seed=1",
    "kind=hebb&seed=2&preset=round&w0=0.1,-0.2&theta=-75",
];
const STEPS: u64 = 5_000;

fn hash(query: &str) -> u64 {
    Widget::from_query(query).run_mut().trajectory_hash(STEPS)
}

#[test]
fn same_seed_same_trajectory_and_native_hashes_written() {
    let mut out = String::new();
    for q in RUNS {
        let h = hash(q);
        assert_eq!(h, hash(q), "{q} is not reproducible");
        writeln!(out, "{q}\t{STEPS}\t{h:016x}").unwrap();
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/determinism.txt");
    std::fs::write(path, out).expect("write target/determinism.txt");
}

#[test]
fn another_seed_another_trajectory() {
    assert_ne!(hash("kind=oja&seed=1"), hash("kind=oja&seed=2"));
    assert_ne!(
        hash("kind=oja&seed=1"),
        hash("kind=oja&seed=1&eta=0.010001")
    );
}
