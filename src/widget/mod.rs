//! One widget's state without the web: its settings, its run, and what it has to tell the reader.
//! The wasm layer only converts types around this.

pub mod export;
pub mod replay;
pub mod snapshot;

use crate::params::Params;
use crate::runs::{Fnv, Mark, Model, NeuronRun, Run, Status};
use snapshot::Event;

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
    /// A save file's log still to replay, or how its replay ended (see `replay`).
    replay: Option<Box<replay::Replay>>,
}

impl Widget {
    pub fn from_query(query: &str) -> Widget {
        let mut notices = Vec::new();
        let params = Params::from_query(query, &mut notices);
        let model = Model::new(&params);
        let origin = params.query();
        Widget { params, model, notices, origin, log: Vec::new(), replay: None }
    }

    /// The exact state as JSON: starting keys, the log of what happened, and the readouts.
    pub fn to_json(&self) -> String {
        match self.replay.as_deref().filter(|r| r.progress() < 1.0) {
            // Mid-replay the exact state is the file's: its log is what has replayed, then the rest.
            Some(r) => r.to_json(&self.origin, &self.log),
            None => snapshot::to_json(&self.origin, &self.log, self.readout_names(), &self.readouts()),
        }
    }

    /// A widget restored from `to_json`'s output by replaying its whole log at once (the page
    /// replays in slices, see `replay`); refused, with the reason, when the file is malformed,
    /// asks for too much work, or does not replay to its saved readouts.
    pub fn from_json(text: &str) -> Result<Widget, String> {
        let mut w = replay::start(text)?;
        w.prepare(u64::MAX);
        match w.load_error() {
            "" => Ok(w),
            e => Err(e.to_string()),
        }
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

    fn edit_cloud(&mut self, f: impl FnOnce(&mut crate::science::cloud::Cloud) -> bool) -> bool {
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

    /// The run, whatever its kind: the one point where a widget reaches it.
    pub fn run(&self) -> &dyn Run {
        self.model.run()
    }

    fn run_mut(&mut self) -> &mut dyn Run {
        self.model.run_mut()
    }

    /// The one-neuron run (cloud kinds only).
    pub fn neuron(&self) -> &NeuronRun {
        match &self.model {
            Model::Neuron(r) => r,
            _ => panic!("not a cloud widget"),
        }
    }

    pub fn neuron_mut(&mut self) -> &mut NeuronRun {
        match &mut self.model {
            Model::Neuron(r) => r,
            _ => panic!("not a cloud widget"),
        }
    }

    /// Runs up to `steps` of the kind's units (samples, neuron updates, trials…); returns how
    /// many were done.
    pub fn advance(&mut self, steps: u64) -> u64 {
        self.finish_setup();
        if self.status() == Status::Ready {
            let additive = self.run().advances_add();
            snapshot::log_advance(&mut self.log, steps, false, additive);
        }
        self.run_mut().advance(steps)
    }

    /// Up to `units` small pieces of work (capacity: a few rows of W, one recall), so a page can
    /// stop inside a trial when its frame budget is spent; returns the steps finished. Other
    /// kinds take it as `advance(units)`.
    pub fn advance_units(&mut self, units: u64) -> u64 {
        self.finish_setup();
        if self.status() == Status::Ready {
            snapshot::log_advance(&mut self.log, units, true, true);
        }
        self.run_mut().advance_units(units)
    }

    /// How many units of `advance_units` make one step.
    pub fn units_per_step(&self) -> u64 {
        self.run().units_per_step()
    }

    /// A run steps on its finished set-up (the page never asks before; native callers get
    /// it done here).
    fn finish_setup(&mut self) {
        while self.run().pending().1 > 0 {
            self.run_mut().prepare(u64::MAX);
        }
    }

    /// A live change of one key. Rates act on the running trajectory; the cloud's data keys
    /// swap the data under the running weight; the others start a new run.
    pub fn set(&mut self, key: &str, raw: &str) {
        // A key set to the value it has changes nothing, not even the notices (in a batch of
        // attribute changes, the notice of a refused kind stays); a refused value says why.
        let mut notices = Vec::new();
        let changed = self.params.set(key, raw, &mut notices);
        if changed || !notices.is_empty() {
            self.notices = notices;
        }
        if !changed {
            return;
        }
        self.log.push(Event::Set(key.to_string(), raw.to_string()));
        self.params.fit(&mut self.notices);
        match key {
            "speed" | "play" | "hide" => {}
            "until" => {
                let until = self.params.num("until") as u64;
                self.model.run_mut().set_until(until);
            }
            _ => {
                if !self.model.run_mut().set_live(key, &self.params) {
                    self.model = Model::new(&self.params);
                }
            }
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
        self.run_mut().restart()
    }

    pub fn status(&self) -> Status {
        self.run().clock().status
    }

    /// Why the run stopped ("" when there is nothing to say).
    fn why(&self) -> &str {
        &self.run().clock().why
    }

    pub fn readout_names(&self) -> &'static [&'static str] {
        self.run().readout_names()
    }

    /// The readouts, in the order of [`Widget::readout_names`].
    pub fn readouts(&self) -> Vec<f64> {
        self.run().readouts()
    }

    /// Where sliders mark the science (key, value, label).
    pub fn marks(&self) -> Vec<Mark> {
        self.run().marks()
    }

    /// A named display buffer (state, patterns, overlaps, series, curve…).
    pub fn buffer(&self, name: &str) -> &[f64] {
        self.run().buffer(name)
    }

    /// Paints neuron i of the cue (Hopfield, modern and dense kinds).
    pub fn toggle(&mut self, i: usize) {
        self.log.push(Event::Toggle(i as u64));
        match &mut self.model {
            Model::Hopfield(r) => r.toggle(i),
            Model::Modern(r) => r.toggle(i),
            Model::Dense(r) => r.toggle(i),
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
        let mut h = Fnv::default();
        for _ in 0..steps {
            self.advance(1);
            self.run().add_to_hash(&mut h);
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
