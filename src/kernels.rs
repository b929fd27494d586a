//! The benchmark kernels of `./build.sh bench`, set up once and run many times, natively and in
//! wasm alike, each returning a checksum so the native, wasm and JS results can be compared.

use crate::params::Params;
use crate::runs::{BasinsRun, NeuronRun, Run, MAX_SWEEPS};
use crate::science::hopfield::{self, Hopfield};
use crate::science::rng::{Quick, Rng, Stream};
use crate::science::stdp::{Bounds, Config, Network, Pairing};

pub const NAMES: [&str; 5] = ["oja_epoch", "hopfield_sweep", "capacity_curve", "stdp_second", "basins_diagram"];

// One kernel lives at a time, so the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Kernel {
    /// One online Oja pass over 10,000 points (10,000 samples).
    OjaEpoch(NeuronRun),
    /// One asynchronous sweep of N = 1024 at P = 0.1 N from a 20 %-flipped pattern.
    HopfieldSweep { net: Hopfield, cue: Vec<i8>, rng: Rng, order: Vec<u32> },
    /// N = 400, P = 4…80 step 4, 5 trials each, recall from every pattern, ≤ 20 sweeps.
    /// `curve`: the mean wrong-bit fraction at each P after a run.
    CapacityCurve { net: Hopfield, patterns: Vec<i8>, order: Vec<u32>, curve: Vec<f64> },
    /// One simulated second (1000 steps of 1 ms) of the `stdp` defaults: 100 inputs, 20 of
    /// them correlated, additive STDP. `posts`: the output spikes of the last run.
    StdpSecond { net: Network, rng: Quick, posts: u32 },
    /// The `basins` figure's whole diagram at N = 256, 2 trials per cell: 15 loads × 2 stored
    /// networks, 11 recalls from each. `curve`: the fraction recalled per cell, row by row.
    BasinsDiagram { run: BasinsRun, curve: Vec<f64> },
}

/// The `stdp` widget's defaults (docs/science.md#stdp).
pub const STDP_BENCH: Config = Config {
    inputs: 100,
    rate_hz: 10.0,
    group: 20,
    corr: 0.1,
    a_plus: 0.005,
    ratio: 1.05,
    bounds: Bounds::Additive,
    pairing: Pairing::All,
    learn: true,
};

impl Kernel {
    pub fn new(name: &str) -> Option<Kernel> {
        Some(match name {
            "oja_epoch" => {
                let p = Params::from_query("kind=oja&n=10000&eta=0.005&seed=1", &mut Vec::new());
                Kernel::OjaEpoch(NeuronRun::new(&p))
            }
            "hopfield_sweep" => {
                let n = 1024;
                let mut rng = Rng::new(1, Stream::Data);
                let mut net = Hopfield::new(n);
                net.store_all(&hopfield::random_patterns(102, n, &mut rng));
                let mut order = Vec::new();
                let cue = hopfield::corrupt(net.pattern(0), 0.2, &mut rng, &mut order);
                Kernel::HopfieldSweep { net, cue, rng, order }
            }
            "capacity_curve" => Kernel::CapacityCurve {
                net: Hopfield::new(400),
                patterns: Vec::new(),
                order: Vec::new(),
                curve: Vec::new(),
            },
            "stdp_second" => Kernel::StdpSecond {
                net: Network::new(STDP_BENCH),
                rng: Quick::seeded(&mut Rng::new(1, Stream::Samples)),
                posts: 0,
            },
            "basins_diagram" => {
                let p = Params::from_query("kind=basins&side=16&trials=2&seed=1", &mut Vec::new());
                Kernel::BasinsDiagram { run: BasinsRun::new(&p), curve: Vec::new() }
            }
            _ => return None,
        })
    }

    /// State a timed `run` starts from (not timed: e.g. setting the cue recomputes all fields).
    pub fn prepare(&mut self) {
        match self {
            Kernel::OjaEpoch(run) => run.restart(),
            Kernel::HopfieldSweep { net, cue, rng, order } => {
                net.set_state(cue);
                hopfield::shuffle(order, net.n(), rng);
            }
            Kernel::CapacityCurve { .. } => {}
            Kernel::StdpSecond { net, rng, .. } => {
                *net = Network::new(STDP_BENCH);
                rng.rewind();
            }
            Kernel::BasinsDiagram { run, .. } => run.restart(),
        }
    }

    /// The capacity curve of the last run (mean wrong bits at P = 4, 8, …, 80), or the basins
    /// diagram's fractions recalled.
    pub fn curve(&self) -> &[f64] {
        match self {
            Kernel::CapacityCurve { curve, .. } | Kernel::BasinsDiagram { curve, .. } => curve,
            _ => &[],
        }
    }

    /// The output spikes of the last `stdp_second` run (0 for other kernels).
    pub fn posts(&self) -> u32 {
        match self {
            Kernel::StdpSecond { posts, .. } => *posts,
            _ => 0,
        }
    }

    /// The exact inputs of a kernel, for a reference implementation in another language to run
    /// on the same data: oja_epoch: `points` (centred x, y pairs), `picks` (sample indices),
    /// `w0`, `eta`; hopfield_sweep: `patterns`, `cue`, `order`. Empty for other names.
    pub fn input(&self, name: &str) -> Vec<f64> {
        match (self, name) {
            (Kernel::OjaEpoch(run), "points") => (0..run.cloud().len()).flat_map(|i| run.cloud().centred(i)).collect(),
            (Kernel::OjaEpoch(run), "picks") => {
                let mut picks = Quick::seeded(&mut Rng::new(1, Stream::Samples));
                (0..10_000).map(|_| picks.index(run.cloud().len() as u32) as f64).collect()
            }
            (Kernel::OjaEpoch(run), "w0") => {
                let mut r = run.clone();
                r.restart();
                r.w().to_vec()
            }
            (Kernel::OjaEpoch(run), "eta") => vec![run.eta],
            (Kernel::HopfieldSweep { net, .. }, "patterns") => net.patterns().iter().map(|&x| x as f64).collect(),
            (Kernel::HopfieldSweep { cue, .. }, "cue") => cue.iter().map(|&x| x as f64).collect(),
            (Kernel::HopfieldSweep { order, .. }, "order") => order.iter().map(|&x| x as f64).collect(),
            _ => Vec::new(),
        }
    }

    /// The timed work; returns a checksum of its result.
    pub fn run(&mut self) -> f64 {
        match self {
            Kernel::OjaEpoch(run) => {
                run.advance(10_000);
                let w = run.w();
                w[0].abs() + w[1].abs()
            }
            Kernel::HopfieldSweep { net, order, .. } => net.sweep_async(order) as f64,
            Kernel::CapacityCurve { net, patterns, order, curve } => {
                curve.clear();
                for p in (4..=80).step_by(4) {
                    let mut wrong = 0.0;
                    for trial in 0..5 {
                        let mut rng = Rng::with_stream(1, (p * 10 + trial) as u64);
                        wrong += hopfield::capacity_trial(net, p, MAX_SWEEPS, &mut rng, patterns, order).0 / 5.0;
                    }
                    curve.push(wrong);
                }
                curve.iter().sum()
            }
            Kernel::StdpSecond { net, rng, posts } => {
                *posts = (0..1000).map(|_| net.step(rng).post as u32).sum();
                net.w.iter().sum::<f64>() / net.w.len() as f64
            }
            Kernel::BasinsDiagram { run, curve } => {
                while run.advance(u64::MAX) > 0 {}
                curve.clear();
                curve.extend(run.buffer("grid").chunks_exact(4).map(|c| c[2]));
                curve.iter().sum()
            }
        }
    }
}
