//! In headless Chromium: the seeded runs recorded natively by tests/determinism.rs give the
//! same trajectory hashes in wasm, bit for bit.
#![cfg(target_arch = "wasm32")]

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

/// No allocation in the step loop: after a warm-up, 10⁵ more steps of each kind leave the wasm
/// memory exactly as large as it was (any growth of the heap would have to grow memory).
#[wasm_bindgen_test]
fn stepping_does_not_grow_wasm_memory() {
    let runs: &[(&str, u64)] = &[
        ("kind=oja&n=20000", 100_000),
        ("kind=hebb&eta=0.0001", 100_000),
        ("kind=decay&alpha=4", 100_000),
        ("kind=hopfield&side=32&patterns=random&p=100&noise=0.3&update=sync", 1_000),
        ("kind=hopfield&side=32&patterns=random&p=100&noise=0.3", 100_000),
        ("kind=modern&preset=blend", 1_000),
        ("kind=ei&side=8&eta=0.0005", 2_000),
        ("kind=capacity&side=8&trials=50", 700),
        // The closed loop's check every 64 steps at n = 16 (stable: λ1 ≈ 16 < α = 20).
        ("kind=recurrent&n=16&sources=1&alpha=20&eta=0.0001&loop=closed", 100_000),
    ];
    for (query, steps) in runs {
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
