//! One widget's state without the web: its settings, its run, and what it has to tell the reader.
//! The wasm layer only converts types around this.

use crate::neuron::{NeuronRun, Status};
use crate::params::Params;

#[derive(Clone, Debug)]
pub struct Widget {
    params: Params,
    run: NeuronRun,
    /// Repairs made to the reader's input (bad URL keys, clamped values), shown until the next change.
    notices: Vec<String>,
}

impl Widget {
    pub fn from_query(query: &str) -> Widget {
        let mut notices = Vec::new();
        let params = Params::from_query(query, &mut notices);
        let run = NeuronRun::new(&params);
        Widget {
            params,
            run,
            notices,
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn run(&self) -> &NeuronRun {
        &self.run
    }

    pub fn run_mut(&mut self) -> &mut NeuronRun {
        &mut self.run
    }

    /// Presents up to `steps` samples (see [`NeuronRun::run`]).
    pub fn advance(&mut self, steps: u64) -> u64 {
        self.run.run(steps)
    }

    /// A live change of one key. Rates act on the running trajectory; the data keys swap the data
    /// under the running weight; seed, start weight and rule start a new run.
    pub fn set(&mut self, key: &str, raw: &str) {
        self.notices.clear();
        if !self.params.set(key, raw, &mut self.notices) {
            return;
        }
        let p = &self.params;
        match key {
            "eta" => self.run.eta = p.num("eta"),
            "alpha" => self.run.alpha = p.num("alpha"),
            "until" => self.run.set_until(p.num("until") as u64),
            "n" | "l1" | "l2" | "theta" | "preset" => {
                self.params.order_variances(&mut self.notices);
                self.run.regenerate(&self.params);
            }
            "seed" | "w0" | "kind" => self.run = NeuronRun::new(p),
            _ => {}
        }
    }

    /// Back to step 0 with the same settings and data.
    pub fn reset(&mut self) {
        self.run.restart();
    }

    pub fn status(&self) -> Status {
        self.run.status()
    }

    /// The human text for the status and every notice.
    pub fn message(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.run.why().is_empty() {
            parts.push(format!("{} — press reset to start again", self.run.why()));
        } else if self.run.w() == [0.0, 0.0] && self.run.step() > 0 {
            parts.push("w has decayed to exactly 0, where its direction is undefined (the angle shows its last value)".into());
        }
        parts.extend(self.notices.iter().cloned());
        parts.join("; ")
    }
}
