//! Native timings of the core kernels (`./build.sh bench` puts them beside wasm and plain JS).
//! Prints a table and writes target/bench-native.json.
use hebb::kernels::{Kernel, NAMES};
use std::time::Instant;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let mut json = Vec::new();
    println!("{:<16} {:>12} {:>12} {:>16}", "kernel", "median ms", "min ms", "checksum");
    for name in NAMES {
        let mut k = Kernel::new(name).expect("known kernel");
        let reps = match (name, quick) {
            (_, true) => 3,
            ("capacity_curve" | "basins_diagram", _) => 10,
            _ => 200,
        };
        let mut times = Vec::with_capacity(reps);
        let mut checksum = 0.0;
        for _ in 0..reps {
            k.prepare();
            let t = Instant::now();
            checksum = k.run();
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let median = times[reps / 2];
        println!("{name:<16} {median:>12.4} {:>12.4} {checksum:>16.6}", times[0]);
        json.push(format!("\"{name}\":{{\"native_ms\":{median},\"checksum\":{checksum}}}"));
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-native.json");
    std::fs::write(path, format!("{{{}}}\n", json.join(","))).expect("write target/bench-native.json");
}
