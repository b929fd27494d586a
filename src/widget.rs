//! One widget's state without the web: its settings, its run, and what it has to tell the reader.
//! The wasm layer only converts types around this.

use crate::circuit_runs::{self, BcmRun, ManyRun, PruneRun, RecurrentRun};
use crate::memory::{self, CapacityRun, EiRun, HopfieldRun, ModernRun};
use crate::neuron::NeuronRun;
use crate::params::{Kind, Params};
use crate::run::{Clock, Fnv, Status};
use crate::snapshot::{self, Event};

/// The run of each kind.
#[derive(Clone, Debug)]
pub enum Model {
    Neuron(NeuronRun),
    Hopfield(HopfieldRun),
    Capacity(CapacityRun),
    Modern(ModernRun),
    Ei(EiRun),
    Many(ManyRun),
    Recurrent(RecurrentRun),
    Bcm(BcmRun),
    Prune(PruneRun),
}

/// Calls the same method on whichever clocked run (every kind but the cloud's) the model holds.
macro_rules! clocked {
    ($model:expr, $r:ident => $body:expr, $neuron:pat => $other:expr) => {
        match $model {
            Model::Hopfield($r) => $body,
            Model::Capacity($r) => $body,
            Model::Modern($r) => $body,
            Model::Ei($r) => $body,
            Model::Many($r) => $body,
            Model::Recurrent($r) => $body,
            Model::Bcm($r) => $body,
            Model::Prune($r) => $body,
            $neuron => $other,
        }
    };
}

impl Model {
    fn new(p: &Params) -> Model {
        match p.kind() {
            Kind::Hebb | Kind::Decay | Kind::Oja => Model::Neuron(NeuronRun::new(p)),
            Kind::Hopfield => Model::Hopfield(HopfieldRun::new(p)),
            Kind::Capacity => Model::Capacity(CapacityRun::new(p)),
            Kind::Modern => Model::Modern(ModernRun::new(p)),
            Kind::Ei => Model::Ei(EiRun::new(p)),
            Kind::Gha | Kind::Subspace | Kind::Similarity => Model::Many(ManyRun::new(p)),
            Kind::Recurrent => Model::Recurrent(RecurrentRun::new(p)),
            Kind::Bcm => Model::Bcm(BcmRun::new(p)),
            Kind::Prune => Model::Prune(PruneRun::new(p)),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Widget {
    params: Params,
    model: Model,
    /// Repairs made to the reader's input (bad URL keys, clamped values), shown until the next change.
    notices: Vec<String>,
    /// The keys the widget started from, and everything that changed its state since: with
    /// determinism, that is its exact state (see `snapshot`).
    origin: String,
    log: Vec<Event>,
}

impl Widget {
    pub fn from_query(query: &str) -> Widget {
        let mut notices = Vec::new();
        let params = Params::from_query(query, &mut notices);
        let model = Model::new(&params);
        let origin = params.query();
        Widget { params, model, notices, origin, log: Vec::new() }
    }

    /// The exact state as JSON: starting keys, the log of what happened, and the readouts.
    pub fn to_json(&self) -> String {
        snapshot::to_json(&self.origin, &self.log, self.readout_names(), &self.readouts())
    }

    /// A widget restored from `to_json`'s output by replaying its log; refused, with the reason,
    /// when the file is malformed or its replay does not reproduce the saved readouts.
    pub fn from_json(text: &str) -> Result<Widget, String> {
        let snap = snapshot::parse(text)?;
        let mut w = Widget::from_query(&snap.query);
        for e in &snap.log {
            match e {
                Event::Advance { n, times, units } => {
                    for _ in 0..*times {
                        if *units {
                            w.advance_units(*n)
                        } else {
                            w.advance(*n)
                        };
                    }
                }
                Event::Set(k, v) => w.set(k, v),
                Event::Reset => w.reset(),
                Event::Toggle(i) => w.toggle(*i as usize),
                Event::Store => {
                    w.store_state();
                }
                Event::AddPoint(x, y) => {
                    w.add_point(*x, *y);
                }
                Event::MovePoint(i, x, y) => {
                    w.move_point(*i as usize, *x, *y);
                }
                Event::RemovePoint(i) => {
                    w.remove_point(*i as usize);
                }
            }
        }
        let (names, values) = (w.readout_names(), w.readouts());
        for (name, saved) in &snap.readouts {
            let ours = names.iter().position(|n| n == name).map(|i| values[i]);
            if ours.map(f64::to_bits) != Some(saved.to_bits()) {
                return Err(format!(
                    "replaying the file does not give its saved {name} ({saved} saved, {} replayed): it was edited, or saved by another version",
                    ours.map_or("none".to_string(), |v| v.to_string())
                ));
            }
        }
        w.notices = vec![format!("loaded from a file, at step {}", w.readouts()[0])];
        Ok(w)
    }

    /// Adds a point to the cloud (cloud kinds); false when refused.
    pub fn add_point(&mut self, x: f64, y: f64) -> bool {
        self.log.push(Event::AddPoint(x, y));
        self.edit_cloud(|c| c.add(x, y))
    }

    pub fn move_point(&mut self, i: usize, x: f64, y: f64) -> bool {
        self.log.push(Event::MovePoint(i as u64, x, y));
        self.edit_cloud(|c| c.move_point(i, x, y))
    }

    pub fn remove_point(&mut self, i: usize) -> bool {
        self.log.push(Event::RemovePoint(i as u64));
        self.edit_cloud(|c| c.remove(i))
    }

    fn edit_cloud(&mut self, f: impl FnOnce(&mut crate::cloud::Cloud) -> bool) -> bool {
        match &mut self.model {
            Model::Neuron(r) => r.edit_cloud(f),
            _ => false,
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn model_mut(&mut self) -> &mut Model {
        &mut self.model
    }

    /// The one-neuron run (cloud kinds only).
    pub fn run(&self) -> &NeuronRun {
        match &self.model {
            Model::Neuron(r) => r,
            _ => panic!("not a cloud widget"),
        }
    }

    pub fn run_mut(&mut self) -> &mut NeuronRun {
        match &mut self.model {
            Model::Neuron(r) => r,
            _ => panic!("not a cloud widget"),
        }
    }

    /// Runs up to `steps` of the kind's units (samples, neuron updates, trials…); returns how
    /// many were done.
    pub fn advance(&mut self, steps: u64) -> u64 {
        if self.status() == Status::Ready {
            let additive = !matches!(&self.model, Model::Hopfield(r) if r.sync);
            snapshot::log_advance(&mut self.log, steps, false, additive);
        }
        clocked!(&mut self.model, r => r.advance(steps), Model::Neuron(r) => r.run(steps))
    }

    /// Capacity only: up to `units` small pieces of work (a few rows of W, one recall), so a page
    /// can stop inside a trial when its frame budget is spent; returns the trials finished.
    /// Other kinds take it as `advance(units)`.
    pub fn advance_units(&mut self, units: u64) -> u64 {
        if self.status() == Status::Ready {
            snapshot::log_advance(&mut self.log, units, true, true);
        }
        match &mut self.model {
            Model::Capacity(r) => r.advance_units(units),
            _ => self.advance(units),
        }
    }

    /// A live change of one key. Rates act on the running trajectory; the cloud's data keys
    /// swap the data under the running weight; the others start a new run.
    pub fn set(&mut self, key: &str, raw: &str) {
        self.log.push(Event::Set(key.to_string(), raw.to_string()));
        self.notices.clear();
        if !self.params.set(key, raw, &mut self.notices) {
            return;
        }
        self.params.fit(&mut self.notices);
        let p = &self.params;
        let until = p.num("until") as u64;
        match (&mut self.model, key) {
            (_, "speed" | "play" | "hide") => {}
            (Model::Neuron(r), "eta") => r.eta = p.num("eta"),
            (Model::Neuron(r), "alpha") => r.alpha = p.num("alpha"),
            (Model::Neuron(r), "n" | "l1" | "l2" | "theta" | "preset") => r.regenerate(p),
            (model, "until") => clocked!(model, r => r.set_until(until), Model::Neuron(r) => r.set_until(until)),
            (Model::Hopfield(r), "update") => r.sync = p.text("update") == "sync",
            (Model::Modern(r), "beta") => r.set_beta(p.num("beta")),
            (Model::Ei(r), "eta") => r.eta = p.num("eta"),
            (Model::Many(r), "eta") => r.eta = p.num("eta"),
            (Model::Many(r), "tau") => r.tau = p.num("tau"),
            (Model::Recurrent(r), "eta") => r.eta = p.num("eta"),
            (Model::Recurrent(r), "alpha") => r.alpha = p.num("alpha"),
            (Model::Recurrent(r), "loop") => r.set_closed(p.text("loop") == "closed"),
            (Model::Bcm(r), "eta") => r.eta = p.num("eta"),
            (Model::Bcm(r), "tau") => r.tau = p.num("tau"),
            (Model::Prune(r), "eta") => r.eta = p.num("eta"),
            (Model::Prune(r), "lambda") => r.lambda = p.num("lambda"),
            (Model::Prune(r), "theta") => r.theta = p.num("theta"),
            _ => self.model = Model::new(p),
        }
    }

    /// Back to step 0 with the same settings and data.
    pub fn reset(&mut self) {
        // Without edits to the data (points, stored pictures), a reset run is the run a fresh
        // widget with the current keys starts: the log can start again from there.
        let edited = self
            .log
            .iter()
            .any(|e| matches!(e, Event::AddPoint(..) | Event::MovePoint(..) | Event::RemovePoint(_) | Event::Store));
        if edited {
            self.log.push(Event::Reset);
        } else {
            self.origin = self.params.query();
            self.log.clear();
        }
        clocked!(&mut self.model, r => r.restart(), Model::Neuron(r) => r.restart())
    }

    fn clock(&self) -> Option<&Clock> {
        clocked!(&self.model, r => Some(r.clock()), Model::Neuron(_) => None)
    }

    pub fn status(&self) -> Status {
        match &self.model {
            Model::Neuron(r) => r.status(),
            _ => self.clock().expect("memory run").status,
        }
    }

    fn why(&self) -> &str {
        match &self.model {
            Model::Neuron(r) => r.why(),
            _ => &self.clock().expect("memory run").why,
        }
    }

    pub fn readout_names(&self) -> &'static [&'static str] {
        match &self.model {
            Model::Neuron(r) => r.readout_names(),
            Model::Hopfield(_) => memory::HOPFIELD_READOUTS,
            Model::Capacity(_) => memory::CAPACITY_READOUTS,
            Model::Modern(_) => memory::MODERN_READOUTS,
            Model::Ei(_) => memory::EI_READOUTS,
            Model::Many(_) => circuit_runs::MANY_READOUTS,
            Model::Recurrent(_) => circuit_runs::RECURRENT_READOUTS,
            Model::Bcm(_) => circuit_runs::BCM_READOUTS,
            Model::Prune(_) => circuit_runs::PRUNE_READOUTS,
        }
    }

    /// The readouts, in the order of [`Widget::readout_names`].
    pub fn readouts(&self) -> Vec<f64> {
        clocked!(&self.model, r => r.readouts(), Model::Neuron(r) => r.readouts())
    }

    /// Where sliders mark the science (key, value, label).
    pub fn marks(&self) -> Vec<(&'static str, f64, &'static str)> {
        match &self.model {
            Model::Neuron(r) => r.marks(),
            Model::Ei(r) => vec![("eta", r.eta_bound(), "2/λmax(FᵀF)")],
            Model::Hopfield(_) => {
                let n = self.params.num("side") * self.params.num("side");
                let (_, all) = crate::hopfield::perfect_recall_loads(n as usize);
                vec![("p", libm::round(0.138 * n), "0.138 N"), ("p", libm::round(all * n), "N/(4 ln N)")]
            }
            Model::Modern(_) => {
                let n = self.params.num("side") * self.params.num("side");
                vec![("p", libm::round(0.138 * n), "0.138 N")]
            }
            Model::Bcm(r) => vec![("tau", 1.0 / r.eta, "η·τθ = 1")],
            // Above λ1 a closed loop settles (linear decay; with the y² decay α plays no part).
            Model::Recurrent(r) if self.params.text("decay") == "linear" => vec![("alpha", r.lambda1(), "λ1")],
            Model::Many(_) | Model::Recurrent(_) | Model::Prune(_) | Model::Capacity(_) => vec![],
        }
    }

    /// A named display buffer of a memory kind (state, patterns, overlaps, series, curve…).
    pub fn buffer(&self, name: &str) -> &[f64] {
        clocked!(&self.model, r => r.buffer(name), Model::Neuron(_) => &[])
    }

    /// Paints neuron i of the cue (Hopfield and modern kinds).
    pub fn toggle(&mut self, i: usize) {
        self.log.push(Event::Toggle(i as u64));
        match &mut self.model {
            Model::Hopfield(r) => r.toggle(i),
            Model::Modern(r) => r.toggle(i),
            _ => {}
        }
    }

    /// Stores the current state as a new pattern (classic Hopfield).
    pub fn store_state(&mut self) -> bool {
        self.log.push(Event::Store);
        match &mut self.model {
            Model::Hopfield(r) => r.store_state(),
            _ => false,
        }
    }

    /// FNV hash over the state after each of `steps` single steps (for the determinism tests).
    pub fn trajectory_hash(&mut self, steps: u64) -> u64 {
        if let Model::Neuron(r) = &mut self.model {
            return r.trajectory_hash(steps);
        }
        let mut h = Fnv::default();
        for _ in 0..steps {
            self.advance(1);
            clocked!(&self.model, r => r.add_to_hash(&mut h), Model::Neuron(_) => unreachable!())
        }
        h.0
    }

    /// The human text for the status and every notice.
    pub fn message(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.why().is_empty() {
            parts.push(format!("{} — press reset to start again", self.why()));
        } else if let Model::Neuron(r) = &self.model {
            if r.w() == [0.0, 0.0] && r.step() > 0 {
                parts.push(
                    "w has decayed to exactly 0, where its direction is undefined (the angle shows its last value)"
                        .into(),
                );
            }
        }
        parts.extend(self.notices.iter().cloned());
        parts.join("; ")
    }
}
