//! Loading a save file without freezing the page: the file is checked and its replay priced
//! up front (every event counts), then the log replays in slices through [`Widget::prepare`],
//! and the readouts it lands on are compared with the file's at the end.

use super::snapshot::{self, Event};
use super::Widget;
use crate::params::Params;
use crate::runs::Cost;
use std::collections::VecDeque;

/// The most estimated work a file may ask for: about half a minute of a laptop's wasm time.
pub const MAX_REPLAY_NS: f64 = 3e10;

/// A slice of replay is about this much work (the page sizes its chunks by measuring them).
const SLICE_NS: f64 = 2e5;

/// An event that is not an advance or a set: a toggle, a store, a cloud edit.
const EDIT_NS: f64 = 1e3;

#[derive(Clone, Debug)]
pub struct Replay {
    events: VecDeque<Event>,
    readouts: Vec<(String, f64)>,
    total: f64,
    done: f64,
    /// The log has replayed and the readouts were compared.
    finished: bool,
    /// Why the file was refused once replayed ("" while it replays or when it landed).
    pub error: String,
}

impl Replay {
    pub fn progress(&self) -> f64 {
        if self.finished {
            1.0
        } else {
            (self.done / self.total).min(0.999)
        }
    }

    /// The file being replayed, whole again: `log`, what has replayed since `origin`, then the
    /// events still to replay, with the file's readouts (a run parked or rebuilt mid-replay).
    pub fn to_json(&self, origin: &str, log: &[Event]) -> String {
        let log: Vec<Event> = log.iter().chain(&self.events).cloned().collect();
        let (names, values): (Vec<&str>, Vec<f64>) = self.readouts.iter().map(|(n, v)| (n.as_str(), *v)).unzip();
        snapshot::to_json(origin, &log, &names, &values)
    }
}

/// The estimated work of replaying `log` from `query`, the settings followed through its sets.
fn price(query: &str, log: &[Event]) -> f64 {
    let mut p = Params::from_query(query, &mut Vec::new());
    let mut work = Cost::of(&p).setup;
    for e in log {
        work += match e {
            Event::Advance { n, times, units } => {
                let cost = Cost::of(&p);
                *n as f64 * *times as f64 * if *units { cost.unit } else { cost.step }
            }
            Event::Set(k, v) => {
                p.set(k, v, &mut Vec::new());
                p.fit(&mut Vec::new());
                Cost::of(&p).setup
            }
            Event::Reset | Event::Store => Cost::of(&p).setup,
            _ => EDIT_NS,
        };
    }
    work
}

/// Checks a save file and makes the widget it holds, its log still to replay.
pub fn start(text: &str) -> Result<Widget, String> {
    let snap = snapshot::parse(text)?;
    if snap.readouts.is_empty() {
        return Err("it has no readouts to check its replay against (every saved file lists them)".into());
    }
    let total = price(&snap.query, &snap.log);
    if total > MAX_REPLAY_NS {
        return Err(format!(
            "replaying it would take about {:.0} s of work, more than the {:.0} s a figure may ask of the page",
            total / 1e9,
            MAX_REPLAY_NS / 1e9
        ));
    }
    let mut w = Widget::from_query(&snap.query);
    w.replay = Some(Box::new(Replay {
        events: snap.log.into(),
        readouts: snap.readouts,
        total: total.max(1.0),
        done: Cost::of(w.params()).setup,
        finished: false,
        error: String::new(),
    }));
    Ok(w)
}

impl Widget {
    fn pending_events(&self) -> usize {
        self.replay.as_ref().map_or(0, |r| r.events.len())
    }

    /// Up to `slices` slices of pending work: the run's set-up first (a log's events need a
    /// finished run), then the file's log. Returns how many were done: fewer when it ended, or
    /// when the set-up moved to another kind of work (its total changed), whose slices may cost
    /// something else, so the page measures them afresh.
    pub fn prepare(&mut self, slices: u64) -> u64 {
        let mut done = 0;
        while done < slices && self.preparing() {
            let total = self.run().pending().1;
            if total > 0 {
                self.run_mut().prepare(1);
                let next = self.run().pending().1;
                if next > 0 && next != total {
                    return done + 1;
                }
            } else if self.pending_events() > 0 {
                self.replay_slice();
            } else {
                self.finish_replay();
            }
            done += 1;
        }
        done
    }

    /// Fraction of the pending work done (1 when nothing is pending).
    pub fn progress(&self) -> f64 {
        match (&self.replay, self.run().pending()) {
            (Some(r), _) if !r.finished => r.progress(),
            (_, (done, total)) if total > 0 => done as f64 / total as f64,
            _ => 1.0,
        }
    }

    /// What the pending work is, in words.
    pub fn preparing_words(&self) -> String {
        match &self.replay {
            Some(r) if !r.finished => "Replaying the run's saved steps:".into(),
            _ => self.run().preparing_words(),
        }
    }

    /// Why the loaded file was refused once replayed ("" when it landed on its readouts).
    pub fn load_error(&self) -> &str {
        self.replay.as_ref().map_or("", |r| &r.error)
    }

    /// Whether set-up or a file's log is still to do.
    pub fn preparing(&self) -> bool {
        self.run().pending().1 > 0 || self.replay.as_ref().is_some_and(|r| !r.finished)
    }

    fn replay_slice(&mut self) {
        let mut r = self.replay.take().expect("a replay");
        let event = r.events.pop_front().expect("an event");
        let cost = Cost::of(self.params());
        let work = match event {
            Event::Advance { n, times, units } => {
                // Additive runs may split one call; the others replay each call whole.
                let additive = units || self.run().splits_exactly();
                let each = if units { cost.unit } else { cost.step };
                let piece = if additive { n.min(((SLICE_NS / each) as u64).max(1)) } else { n };
                if additive && piece < n {
                    r.events.push_front(Event::Advance { n: n - piece, times, units });
                } else if times > 1 {
                    r.events.push_front(Event::Advance { n, times: times - 1, units });
                }
                if units {
                    self.advance_units(piece);
                } else {
                    self.advance(piece);
                }
                piece as f64 * each
            }
            Event::Set(k, v) => {
                self.set(&k, &v);
                Cost::of(self.params()).setup
            }
            Event::Reset => {
                self.reset();
                cost.setup
            }
            Event::Store => {
                self.store_state();
                cost.setup
            }
            Event::Toggle(i) => {
                self.toggle(i as usize);
                EDIT_NS
            }
            Event::AddPoint(x, y) => {
                self.add_point(x, y);
                EDIT_NS
            }
            Event::MovePoint(i, x, y) => {
                self.move_point(i as usize, x, y);
                EDIT_NS
            }
            Event::RemovePoint(i) => {
                self.remove_point(i as usize);
                EDIT_NS
            }
        };
        r.done += work;
        self.replay = Some(r);
    }

    /// The log has replayed: the readouts must be the file's, bit for bit.
    fn finish_replay(&mut self) {
        let (names, values) = (self.readout_names(), self.readouts());
        let mut error = String::new();
        for (name, saved) in &self.replay.as_ref().expect("a replay").readouts {
            let ours = names.iter().position(|n| n == name).map(|i| values[i]);
            if ours.map(f64::to_bits) != Some(saved.to_bits()) {
                error = format!(
                    "replaying the file does not give its saved {name} ({saved} saved, {} replayed): it was edited, or saved by another version",
                    ours.map_or("none".to_string(), |v| v.to_string())
                );
                break;
            }
        }
        self.notices = vec![format!("loaded from a file, at step {}", self.readouts()[0])];
        let finished =
            Replay { events: VecDeque::new(), readouts: Vec::new(), total: 1.0, done: 1.0, finished: true, error };
        self.replay = Some(Box::new(finished));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run saved while a file replays (parked, or rebuilt after a trap) is the file's state.
    #[test]
    fn saved_mid_replay_is_the_file() {
        let mut w = Widget::from_query("kind=oja&seed=3");
        w.advance(50_000);
        w.set("eta", "0.01");
        w.advance(50_000);
        let file = w.to_json();
        let mut next = start(&file).expect("a file");
        next.prepare(3);
        assert!(next.progress() < 1.0, "the replay should still be under way");
        let mid = next.to_json();
        let again = Widget::from_json(&mid).expect("the file again");
        assert_eq!(
            again.readouts().iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            w.readouts().iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        assert_eq!(again.to_json(), file);
    }
}
