//! In headless Chromium: the seeded runs recorded natively by tests/determinism.rs give the
//! same trajectory hashes in wasm, bit for bit.
#![cfg(target_arch = "wasm32")]

mod common;

use common::kinds;
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

/// No allocation in the step loop: after a warm-up, more steps of every kind leave the wasm
/// memory exactly as large as it was (any growth of the heap would have to grow memory). The runs
/// are each kind's `memory` in tests/common/kinds.rs.
#[wasm_bindgen_test]
fn stepping_does_not_grow_wasm_memory() {
    for (query, steps) in Kind::ALL.iter().flat_map(|&k| kinds::of(k).memory) {
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
