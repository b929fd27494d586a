//! In headless Chromium: the seeded runs recorded natively by tests/determinism.rs give the
//! same trajectory hashes in wasm, bit for bit.
#![cfg(target_arch = "wasm32")]

use hebb::runs::Kind;
use hebb::widget::Widget;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NATIVE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/target/determinism.txt"));

#[wasm_bindgen_test]
fn wasm_trajectories_match_native_bit_for_bit() {
    let mut checked = 0;
    for line in NATIVE.lines() {
        let mut f = line.split('\t');
        let (query, steps, hash) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
        let got = Widget::from_query(query).trajectory_hash(steps.parse().unwrap());
        assert_eq!(format!("{got:016x}"), hash, "{query}");
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} runs recorded");
}

/// Runs of the kind for the memory check, and how many steps each.
fn runs(kind: Kind) -> &'static [(&'static str, u64)] {
    match kind {
        Kind::Oja => &[("kind=oja&n=20000", 100_000)],
        Kind::Hebb => &[("kind=hebb&eta=0.0001", 100_000)],
        Kind::Decay => &[("kind=decay&alpha=4", 100_000)],
        Kind::Hopfield => &[
            ("kind=hopfield&side=32&patterns=random&p=100&noise=0.3&update=sync", 1_000),
            ("kind=hopfield&side=32&patterns=random&p=100&noise=0.3", 100_000),
        ],
        Kind::Modern => &[("kind=modern&preset=blend", 1_000)],
        Kind::Ei => &[("kind=ei&side=8&eta=0.0005", 2_000)],
        Kind::Capacity => &[("kind=capacity&side=8&trials=50", 700)],
        Kind::Gha => &[("kind=gha&preset=high", 100_000)],
        Kind::Subspace => &[("kind=subspace&preset=high", 100_000)],
        Kind::Similarity => &[("kind=similarity", 100_000)],
        Kind::Recurrent => &[
            ("kind=recurrent", 100_000),
            // The closed loop's check every 64 steps at n = 16 (stable: λ1 ≈ 16 < α = 20).
            ("kind=recurrent&n=16&sources=1&alpha=20&eta=0.0001&loop=closed", 100_000),
        ],
        Kind::Bcm => &[("kind=bcm&inputs=16", 100_000)],
        Kind::Prune => &[("kind=prune&grow=random", 20_000)],
    }
}

/// No allocation in the step loop: after a warm-up, more steps of every kind leave the wasm
/// memory exactly as large as it was (any growth of the heap would have to grow memory).
#[wasm_bindgen_test]
fn stepping_does_not_grow_wasm_memory() {
    for (query, steps) in Kind::ALL.iter().flat_map(|&k| runs(k)) {
        let mut w = Widget::from_query(query);
        w.advance(steps / 10);
        let _ = w.readouts();
        let before = core::arch::wasm32::memory_size(0);
        for _ in 0..10 {
            w.advance(steps / 10);
        }
        assert_eq!(core::arch::wasm32::memory_size(0), before, "{query}: memory grew");
    }
}
