//! The runs behind the widgets, and the one table of widget kinds.
//!
//! A run is a kind's science on a clock: it advances in the kind's units (samples, neuron
//! updates, trials…), tells its readouts and display buffers, and takes the live changes that
//! keep its trajectory. Adding a kind = its science, a file here implementing [`Run`], a
//! [`Kind`] variant with its row in [`ROWS`], its line in `models!` (for a new run type) and its
//! arm in [`Cost::of`], and its keys in `params` (the README's "Add a widget kind").

mod abstraction;
mod backprop;
mod balance;
mod basins;
mod bcm;
mod capacity;
pub mod clock;
mod dense;
mod ei;
pub mod history;
mod hopfield;
mod infomax;
mod many;
mod modern;
pub mod neuron;
mod pairing;
mod patterns;
mod prune;
mod recurrent;
mod stdp;
pub mod trajectory;

pub use abstraction::{AbstractionRun, ABSTRACTION_READOUTS};
pub use backprop::{BackpropRun, BACKPROP_READOUTS};
pub use balance::{BalanceRun, BALANCE_READOUTS};
pub use basins::{BasinsRun, BASINS_READOUTS, LOAD_ROWS, OVERLAP_COLUMNS};
pub use bcm::{BcmRun, BCM_READOUTS, BCM_RECORD};
pub use capacity::{CapacityRun, CAPACITY_READOUTS, FAILED, LOADS, MAX_SWEEPS};
pub use clock::{Clock, Fnv, Status};
pub use dense::{DenseRun, DENSE_READOUTS};
pub use ei::{EiRun, EI_READOUTS, UNSTABLE};
pub use hopfield::{HopfieldRun, HOPFIELD_READOUTS, HOPFIELD_RECORD};
pub use infomax::{InfomaxRun, INFOMAX_READOUTS};
pub use many::{ManyRun, MANY_READOUTS};
pub use modern::{ModernRun, MODERN_READOUTS};
pub use neuron::NeuronRun;
pub use pairing::{PairingRun, DT_MAX, EPSP_NOISE, PAIRING_READOUTS, RATE_BLOCKS, RATE_ETA, RATE_MAX, TEST_PULSES};
pub use prune::{PruneRun, PRUNE_READOUTS};
pub use recurrent::{RecurrentRun, LOOP_CHECK, RECURRENT_READOUTS};
pub use stdp::{StdpRun, STDP_READOUTS};
pub use trajectory::Trajectory;

use crate::params::Params;

/// Multiply-adds in one unit of work for the runs whose step is long by nature (a learning step
/// of `ei`, an update of `modern`): well under a millisecond, so a page can stop inside a step
/// of the largest network.
pub const UNIT_WORK: usize = 200_000;

/// A slider mark: the key, where the science puts a threshold on it, and its label.
pub type Mark = (&'static str, f64, &'static str);

/// What a widget needs from its kind's run. Everything optional has a default, so a run states
/// only what it has.
pub trait Run {
    /// The readouts' names (the contract's), in the order of [`Run::readouts`].
    fn readout_names(&self) -> &'static [&'static str];

    /// Step, `until`, status and why.
    fn clock(&self) -> &Clock;

    fn clock_mut(&mut self) -> &mut Clock;

    /// Back to step 0 with the same settings and data.
    fn restart(&mut self);

    /// Set-up still to do (done, total) in the units of [`Run::prepare`]; (0, 0) when none.
    /// Heavy set-up (storing thousands of patterns) is left pending by the constructor, so
    /// making a run never blocks the page.
    fn pending(&self) -> (u64, u64) {
        (0, 0)
    }

    /// Up to `units` pieces of pending set-up; returns how many were done.
    fn prepare(&mut self, _units: u64) -> u64 {
        0
    }

    /// What the pending set-up is, for the message.
    fn preparing_words(&self) -> String {
        "Setting up:".into()
    }

    /// Runs up to `steps` of the kind's units; returns how many were done.
    fn advance(&mut self, steps: u64) -> u64;

    /// Up to `units` small pieces of work, for a page that stops inside a step when its frame
    /// budget is spent; returns the steps finished. Most kinds' steps are small already.
    fn advance_units(&mut self, units: u64) -> u64 {
        self.advance(units)
    }

    /// How many of those units make one step (the page asks for `speed` steps' worth).
    fn units_per_step(&self) -> u64 {
        1
    }

    /// Whether two logged advances of n and m units may be merged into one of n + m (false
    /// where an advance does a fixed amount of work whatever it is asked, see `snapshot`).
    fn advances_add(&self) -> bool {
        true
    }

    /// Whether one advance of n + m units may be replayed as advances of n and m (the page
    /// replays a save file in slices). False where a readout is computed once per call.
    fn splits_exactly(&self) -> bool {
        self.advances_add()
    }

    /// The readouts, step first.
    fn readouts(&self) -> Vec<f64>;

    /// A named display buffer (state, patterns, series…); empty when the kind has none.
    fn buffer(&self, _name: &str) -> &[f64] {
        &[]
    }

    /// A new `until`: learning kinds never look converged there, so `until` pauses them.
    fn set_until(&mut self, until: u64) {
        self.clock_mut().set_until(until, false);
    }

    /// A live change of `key` (already in `p`) that keeps the trajectory: true when taken,
    /// false when the widget must start a new run.
    fn set_live(&mut self, _key: &str, _p: &Params) -> bool {
        false
    }

    /// Where sliders mark the science.
    fn marks(&self) -> Vec<Mark> {
        Vec::new()
    }

    /// The trajectory for the export: by default the readouts as recorded in `series`, with
    /// the present moment as the last row.
    fn trajectory(&self) -> Trajectory {
        Trajectory::of_readouts(self.readout_names(), self.buffer("series"), &self.readouts())
    }

    /// Adds the state that defines the trajectory (for the determinism tests).
    fn add_to_hash(&self, h: &mut Fnv);
}

/// Which widget. The names are the `kind` values of the contract.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Hebb,
    Decay,
    Oja,
    Infomax,
    Hopfield,
    Capacity,
    Basins,
    Modern,
    Ei,
    Gha,
    Subspace,
    Similarity,
    Recurrent,
    Bcm,
    Prune,
    Pairing,
    Backprop,
    Stdp,
    Abstraction,
    Dense,
    Balance,
}

/// Kinds that share one schema and one look; the kind menu never leaves its family.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    /// One neuron on a 2-D cloud.
    Cloud,
    /// Memories in a recurrent network.
    Memory,
    /// Many neurons and recurrent circuits: the rungs between Oja and Hopfield.
    Circuit,
}

impl Family {
    /// The family's public name (the widget's look in JS).
    pub fn name(self) -> &'static str {
        match self {
            Family::Cloud => "cloud",
            Family::Memory => "memory",
            Family::Circuit => "circuit",
        }
    }
}

/// One row of the kinds table.
pub struct Row {
    pub kind: Kind,
    pub name: &'static str,
    pub family: Family,
    pub start: fn(&Params) -> Model,
}

/// The kinds table, in the order of [`Kind`]'s variants (checked at compile time below).
pub const ROWS: &[Row] = &[
    Row { kind: Kind::Hebb, name: "hebb", family: Family::Cloud, start: |p| Model::Neuron(NeuronRun::new(p)) },
    Row { kind: Kind::Decay, name: "decay", family: Family::Cloud, start: |p| Model::Neuron(NeuronRun::new(p)) },
    Row { kind: Kind::Oja, name: "oja", family: Family::Cloud, start: |p| Model::Neuron(NeuronRun::new(p)) },
    Row { kind: Kind::Infomax, name: "infomax", family: Family::Cloud, start: |p| Model::Infomax(InfomaxRun::new(p)) },
    Row {
        kind: Kind::Hopfield,
        name: "hopfield",
        family: Family::Memory,
        start: |p| Model::Hopfield(HopfieldRun::new(p)),
    },
    Row {
        kind: Kind::Capacity,
        name: "capacity",
        family: Family::Memory,
        start: |p| Model::Capacity(CapacityRun::new(p)),
    },
    Row { kind: Kind::Basins, name: "basins", family: Family::Memory, start: |p| Model::Basins(BasinsRun::new(p)) },
    Row { kind: Kind::Modern, name: "modern", family: Family::Memory, start: |p| Model::Modern(ModernRun::new(p)) },
    Row { kind: Kind::Ei, name: "ei", family: Family::Memory, start: |p| Model::Ei(EiRun::new(p)) },
    Row { kind: Kind::Gha, name: "gha", family: Family::Circuit, start: |p| Model::Many(ManyRun::new(p)) },
    Row { kind: Kind::Subspace, name: "subspace", family: Family::Circuit, start: |p| Model::Many(ManyRun::new(p)) },
    Row {
        kind: Kind::Similarity,
        name: "similarity",
        family: Family::Circuit,
        start: |p| Model::Many(ManyRun::new(p)),
    },
    Row {
        kind: Kind::Recurrent,
        name: "recurrent",
        family: Family::Circuit,
        start: |p| Model::Recurrent(RecurrentRun::new(p)),
    },
    Row { kind: Kind::Bcm, name: "bcm", family: Family::Circuit, start: |p| Model::Bcm(BcmRun::new(p)) },
    Row { kind: Kind::Prune, name: "prune", family: Family::Circuit, start: |p| Model::Prune(PruneRun::new(p)) },
    Row {
        kind: Kind::Pairing,
        name: "pairing",
        family: Family::Circuit,
        start: |p| Model::Pairing(PairingRun::new(p)),
    },
    Row {
        kind: Kind::Backprop,
        name: "backprop",
        family: Family::Circuit,
        start: |p| Model::Backprop(BackpropRun::new(p)),
    },
    Row { kind: Kind::Stdp, name: "stdp", family: Family::Circuit, start: |p| Model::Stdp(StdpRun::new(p)) },
    Row {
        kind: Kind::Abstraction,
        name: "abstraction",
        family: Family::Circuit,
        start: |p| Model::Abstraction(AbstractionRun::new(p)),
    },
    Row { kind: Kind::Dense, name: "dense", family: Family::Memory, start: |p| Model::Dense(DenseRun::new(p)) },
    Row {
        kind: Kind::Balance,
        name: "balance",
        family: Family::Circuit,
        start: |p| Model::Balance(BalanceRun::new(p)),
    },
];

// `Kind::row` indexes the table by discriminant.
const _: () = {
    let mut i = 0;
    while i < ROWS.len() {
        assert!(ROWS[i].kind as usize == i, "ROWS must list the kinds in the order of the enum");
        i += 1;
    }
};

impl Kind {
    /// Every kind, in the table's order.
    pub const ALL: [Kind; ROWS.len()] = {
        let mut all = [Kind::Hebb; ROWS.len()];
        let mut i = 0;
        while i < ROWS.len() {
            all[i] = ROWS[i].kind;
            i += 1;
        }
        all
    };

    fn row(self) -> &'static Row {
        &ROWS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.row().name
    }

    pub fn family(self) -> Family {
        self.row().family
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s.trim())
    }
}

/// Declares [`Model`], one variant per run type, and its two ways to reach the [`Run`].
macro_rules! models {
    ($(#[$meta:meta])* $($variant:ident($run:ty)),* $(,)?) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        pub enum Model {
            $($variant($run)),*
        }

        impl Model {
            pub fn run(&self) -> &dyn Run {
                match self {
                    $(Model::$variant(r) => r),*
                }
            }

            pub fn run_mut(&mut self) -> &mut dyn Run {
                match self {
                    $(Model::$variant(r) => r),*
                }
            }
        }
    };
}

models! {
    /// The run of a widget. An enum rather than a `Box<dyn Run>` so widgets stay `Clone` and the
    /// few capabilities only some kinds have (cloud edits, painting, storing, their charts) are
    /// reached by matching; everything shared goes through [`Model::run`]. A new run type is one
    /// line here.
    Neuron(NeuronRun),
    Infomax(InfomaxRun),
    Hopfield(HopfieldRun),
    Capacity(CapacityRun),
    Basins(BasinsRun),
    Modern(ModernRun),
    Ei(EiRun),
    Many(ManyRun),
    Recurrent(RecurrentRun),
    Bcm(BcmRun),
    Prune(PruneRun),
    Pairing(PairingRun),
    Backprop(BackpropRun),
    Stdp(StdpRun),
    Abstraction(AbstractionRun),
    Dense(DenseRun),
    Balance(BalanceRun),
}

impl Model {
    /// A fresh run of the params' kind.
    pub fn new(p: &Params) -> Model {
        (p.kind().row().start)(p)
    }
}

/// Estimated wasm time of a run's work on a 2-core laptop, in nanoseconds: making it (`setup`:
/// storage, eigen-decompositions) and one unit of `advance` (`step`). Rough, from the kernels'
/// operation counts and the bench; it bounds what a save file may ask the page to replay.
#[derive(Clone, Copy, Debug)]
pub struct Cost {
    pub setup: f64,
    pub step: f64,
    /// One unit of `advance_units`.
    pub unit: f64,
}

impl Cost {
    pub fn of(p: &Params) -> Cost {
        let side = |p: &Params| p.num("side") * p.num("side");
        let (setup, step) = match p.kind() {
            Kind::Hebb | Kind::Decay | Kind::Oja => (1e4, 30.0),
            // Two online rules and the dot's averaged step (a sine and a cosine) per sample.
            Kind::Infomax => (1e4, 80.0),
            // One asynchronous update reads a row of W; storing is P outer products.
            Kind::Hopfield => (p.num("p") * side(p) * side(p), side(p)),
            // A unit is a few rows of W or one recall.
            Kind::Capacity => (1e4, 20.0 * side(p)),
            // A step is a cell: its share of a load's trials, each storing up to 0.3 N patterns
            // (N² P/8 packed updates) and recalling 11 cues.
            Kind::Basins => (1e4, p.num("trials") * 0.3 * side(p).powi(3) / 8.0 / 10.0),
            Kind::Modern => (p.num("p") * side(p), 2.0 * p.num("p") * side(p)),
            // Set-up stores P patterns in the classic N × N network; a gradient step is 3 N² P.
            Kind::Ei => (p.num("p") * side(p) * side(p), 3.0 * side(p) * side(p) * p.num("p")),
            Kind::Gha | Kind::Subspace | Kind::Similarity => {
                (p.num("d").powi(3) * 50.0, 10.0 * p.num("d") * p.num("k"))
            }
            Kind::Recurrent => (p.num("n").powi(3) * 50.0, 10.0 * p.num("n") * p.num("n")),
            Kind::Bcm => (1e4, 20.0 * p.num("inputs")),
            Kind::Prune => (1e4, 10.0 * p.num("n") * p.num("n")),
            // Set-up: the threshold averages 1000 past samples; a step is one pulse or pairing.
            Kind::Pairing => (1e4, 50.0),
            // Both learners and, with random feedback, the gradient beside it: ~4 passes over W.
            Kind::Backprop => (p.num("d").powi(3) * 50.0, 40.0 * p.num("d") * p.num("k")),
            // A millisecond draws one number per input and decays its trace.
            Kind::Stdp => (1e4, 8.0 * p.num("inputs")),
            // Set-up draws and centres 4000 points and their covariances (d² each); a step is
            // one sample to each learner of both worlds.
            Kind::Abstraction => (1e4 * p.num("d") * p.num("d"), 2.0 * p.num("agents") * (10.0 * p.num("d") + 20.0)),
            // Making it reads the P × N patterns twice; a neuron update reads a row of P.
            Kind::Dense => (2.0 * p.num("p") * side(p), 2.0 * p.num("p")),
            // One millisecond: a spike draw, a trace and a weight per channel (~17 ns each natively).
            Kind::Balance => (1e4, 20.0 * p.num("channels")),
        };
        let unit = match p.kind() {
            // A unit is about 2²¹ updates of storage or recall, ~1 ms.
            Kind::Basins => 1e6,
            // A unit is a block of rows of a step (see runs/ei.rs).
            Kind::Modern => {
                let (n, count) = (side(p) as usize, p.num("p") as usize);
                step * modern::passes_per_unit(n, count) as f64 / (2.0 * p.num("p"))
            }
            Kind::Ei => {
                let (n, count) = (side(p) as usize, p.num("p") as usize);
                step * ei::rows_per_unit(n, count) as f64 / n as f64
            }
            _ => step,
        };
        Cost { setup, step, unit }
    }
}
