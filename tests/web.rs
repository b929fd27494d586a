//! In headless Chromium: the seeded runs recorded natively by tests/determinism.rs give the
//! same trajectory hashes in wasm, bit for bit.
#![cfg(target_arch = "wasm32")]

use hebb::widget::Widget;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NATIVE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/determinism.txt"
));

#[wasm_bindgen_test]
fn wasm_trajectories_match_native_bit_for_bit() {
    let mut checked = 0;
    for line in NATIVE.lines() {
        let mut f = line.split('\t');
        let (query, steps, hash) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
        let got = Widget::from_query(query)
            .run_mut()
            .trajectory_hash(steps.parse().unwrap());
        assert_eq!(format!("{got:016x}"), hash, "{query}");
        checked += 1;
    }
    assert!(checked >= 13, "only {checked} runs recorded");
}
