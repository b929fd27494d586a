//! Same keys and seed → the same trajectory, bit for bit. This test also writes the hashes to
//! target/determinism.txt, which the browser test (tests/web.rs, built after it) embeds and
//! recomputes in wasm: a native/wasm mismatch in any step of any of these runs fails there.
mod common;

use common::kinds;
use hebb::runs::Kind;
use hebb::widget::Widget;
use std::fmt::Write;

fn hash(query: &str, steps: u64) -> u64 {
    Widget::from_query(query).trajectory_hash(steps)
}

#[test]
fn same_seed_same_trajectory_and_native_hashes_written() {
    let mut out = String::new();
    for (q, steps) in Kind::ALL.iter().flat_map(|&k| kinds::of(k).determinism) {
        let h = hash(q, *steps);
        assert_eq!(h, hash(q, *steps), "{q} is not reproducible");
        writeln!(out, "{q}\t{steps}\t{h:016x}").unwrap();
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/determinism.txt");
    std::fs::write(path, out).expect("write target/determinism.txt");
}

#[test]
fn another_seed_another_trajectory() {
    assert_ne!(hash("kind=oja&seed=1", 100), hash("kind=oja&seed=2", 100));
    assert_ne!(hash("kind=oja&seed=1", 100), hash("kind=oja&seed=1&eta=0.010001", 100));
    assert_ne!(hash("kind=hopfield&seed=1", 300), hash("kind=hopfield&seed=2", 300));
}
