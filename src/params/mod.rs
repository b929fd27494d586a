//! The one parameter schema: URL keys = element attributes = slider names (see docs/contract.md).
//!
//! Every raw string a reader can type (URL, attribute, imported file) is parsed and clamped here,
//! and every change is reported as a human notice, so nothing out of range reaches the science.

mod circuit;
mod cloud;
mod memory;
mod text;

pub use circuit::CIRCUIT_SCHEMA;
pub use cloud::CLOUD_SCHEMA;
pub use memory::MEMORY_SCHEMA;
pub use text::{decode_query, json_str, parse_f64, parse_pair};

use crate::runs::{Family, Kind};
use std::fmt::Write;
use text::{encode_component, shorten};

/// The schema of a kind's family.
fn schema_of(kind: Kind) -> &'static [Param] {
    match kind.family() {
        Family::Cloud => CLOUD_SCHEMA,
        Family::Memory => MEMORY_SCHEMA,
        Family::Circuit => CIRCUIT_SCHEMA,
    }
}

/// How a key's raw text is read.
#[derive(Clone, Copy, Debug)]
pub enum Spec {
    /// A number clamped into `[min, max]`; `log` asks for a log-scale slider.
    Number { min: f64, max: f64, default: f64, log: bool, integer: bool },
    /// One of a fixed list; the first is the default.
    Choice(&'static [&'static str]),
    /// A comma list of a subset of these names (e.g. `hide`).
    Flags(&'static [&'static str]),
    /// "x,y", two finite numbers; empty means "seeded".
    Pair,
}

#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub key: &'static str,
    pub label: &'static str,
    pub spec: Spec,
    /// Shown as a slider or menu inside the widget.
    pub control: bool,
    /// The kinds this entry is for (empty: every kind of its table). A key may have one entry
    /// per kind, e.g. `side` defaults to 16, but to 20 for `capacity`.
    pub kinds: &'static [Kind],
}

const fn param(key: &'static str, label: &'static str, spec: Spec, control: bool) -> Param {
    Param { key, label, spec, control, kinds: &[] }
}

/// A slider.
const fn linear(key: &'static str, label: &'static str, min: f64, max: f64, default: f64) -> Param {
    param(key, label, Spec::Number { min, max, default, log: false, integer: false }, true)
}

const fn log(key: &'static str, label: &'static str, min: f64, max: f64, default: f64) -> Param {
    param(key, label, Spec::Number { min, max, default, log: true, integer: false }, true)
}

/// A whole number; a slider when `control`.
const fn whole(key: &'static str, label: &'static str, min: f64, max: f64, default: f64, control: bool) -> Param {
    param(key, label, Spec::Number { min, max, default, log: false, integer: true }, control)
}

const fn choice(key: &'static str, label: &'static str, options: &'static [&'static str]) -> Param {
    param(key, label, Spec::Choice(options), true)
}

const fn only(p: Param, kinds: &'static [Kind]) -> Param {
    Param { kinds, ..p }
}

const fn speed(default: f64, label: &'static str, kinds: &'static [Kind]) -> Param {
    only(param("speed", label, Spec::Number { min: 1.0, max: 1e5, default, log: true, integer: true }, true), kinds)
}

pub const HIDE_PARTS: &[&str] = &["text", "controls", "charts", "readouts"];

/// Keys every kind has (after its own).
const COMMON_TAIL: [Param; 4] = [
    whole("seed", "seed", 0.0, u32::MAX as f64, 1.0, false),
    whole("play", "play", 0.0, 1.0, 1.0, false),
    whole("until", "stop at step", 0.0, 1e9, 0.0, false),
    param("hide", "hidden parts", Spec::Flags(HIDE_PARTS), false),
];

/// What choosing a preset sets (keys the URL does not give keep these).
pub fn preset_defaults(kind: Kind, preset: &str) -> &'static [(&'static str, &'static str)] {
    match (kind, preset) {
        (_, "clusters") => &[("l1", "3"), ("l2", "0.3")],
        (_, "round") => &[("l1", "1.1"), ("l2", "1")],
        (_, "line") => &[("l1", "3"), ("l2", "0.01")],
        (Kind::Hebb | Kind::Decay | Kind::Oja | Kind::Infomax, _) => &[("l1", "3"), ("l2", "0.5")],
        (Kind::Hopfield, "mixture") => &[("patterns", "random"), ("p", "3"), ("noise", "0")],
        (Kind::Hopfield, "overload") => &[("patterns", "random"), ("p", "64"), ("noise", "0.1")],
        (Kind::Hopfield | Kind::Ei, _) => &[("patterns", "letters"), ("p", "5"), ("noise", "0.2")],
        (Kind::Modern, "blend") => &[("patterns", "letters"), ("p", "5"), ("noise", "0.2"), ("beta", "0.003")],
        (Kind::Modern, "crowded") => &[("patterns", "random"), ("p", "200"), ("noise", "0.2"), ("beta", "1")],
        (Kind::Modern, _) => &[("patterns", "letters"), ("p", "5"), ("noise", "0.3"), ("beta", "1")],
        // Four times the classic critical load at N = 256, where order 2 fails and order 3 recalls.
        (Kind::Dense, _) => &[("patterns", "random"), ("p", "140"), ("noise", "0.1"), ("order", "3")],
        (Kind::Gha | Kind::Subspace | Kind::Similarity, "high") => &[("d", "8"), ("k", "3")],
        (Kind::Gha | Kind::Subspace | Kind::Similarity, _) => &[("d", "2"), ("k", "2")],
        (Kind::Pairing, "dark") => &[("history", "3")],
        (Kind::Pairing, _) => &[("history", "10")],
        // Kinds without presets (capacity, recurrent, bcm, prune, stdp).
        _ => &[],
    }
}

/// A parsed, clamped value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Num(f64),
    Text(String),
}

/// The current settings of one widget: one value per schema entry, always in range.
#[derive(Clone, Debug)]
pub struct Params {
    kind: Kind,
    schema: &'static [Param],
    values: Vec<Value>,
}

impl Params {
    /// Defaults of a kind (and of its first preset).
    pub fn defaults(kind: Kind) -> Params {
        let schema = schema_of(kind);
        let values = schema.iter().map(|p| default_value(p, kind)).collect();
        let mut params = Params { kind, schema, values };
        params.apply_preset();
        params
    }

    /// Reads a query string (`kind=oja&eta=0.02`, percent-encoded), reporting every repair.
    pub fn from_query(query: &str, notices: &mut Vec<String>) -> Params {
        let pairs = decode_query(query);
        let kind = match pairs.iter().rev().find(|(k, _)| k == "kind") {
            None => Kind::Oja,
            Some((_, v)) => Kind::parse(v).unwrap_or_else(|| {
                notices.push(format!("unknown kind “{}”: showing Oja's rule", shorten(v)));
                Kind::Oja
            }),
        };
        let mut params = Params::defaults(kind);
        // The preset decides some defaults, so it goes first; explicit keys then win.
        if let Some((_, v)) = pairs.iter().rev().find(|(k, _)| k == "preset") {
            params.set("preset", v, notices);
        }
        for (k, v) in &pairs {
            if k != "kind" && k != "preset" {
                params.set(k, v, notices);
            }
        }
        params.fit(notices);
        params
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn schema(&self) -> &'static [Param] {
        self.schema
    }

    /// The current kind's entry for a key, else the table's first (e.g. `alpha` of a Hebb
    /// widget: read and kept, for when the rule selector switches to decay).
    fn index(&self, key: &str) -> Option<usize> {
        let mut entries = self.schema.iter().enumerate().filter(|(_, p)| p.key == key);
        let first = entries.next()?;
        Some(std::iter::once(first).chain(entries).find(|(_, p)| self.applies(p)).unwrap_or(first).0)
    }

    /// A numeric value; panics only on a key missing from the schema (a programming error).
    pub fn num(&self, key: &str) -> f64 {
        match &self.values[self.index(key).expect("key in schema")] {
            Value::Num(x) => *x,
            Value::Text(_) => unreachable!("{key} is not numeric"),
        }
    }

    pub fn text(&self, key: &str) -> &str {
        match &self.values[self.index(key).expect("key in schema")] {
            Value::Text(s) => s,
            Value::Num(_) => unreachable!("{key} is not text"),
        }
    }

    pub fn seed(&self) -> u32 {
        self.num("seed") as u32
    }

    /// The starting weight given by `w0`, if any.
    pub fn w0(&self) -> Option<[f64; 2]> {
        parse_pair(self.text("w0"))
    }

    /// Sets one key from raw text; the stored value is the repaired one and every repair is in
    /// `notices`. Returns whether the value changed (false for an unknown key, a refused kind
    /// or the value the key already has).
    pub fn set(&mut self, key: &str, raw: &str, notices: &mut Vec<String>) -> bool {
        if key == "kind" {
            return match Kind::parse(raw) {
                Some(k) if k == self.kind => false,
                Some(k) if k.family() == self.kind.family() => {
                    self.kind = k;
                    self.put("kind", Value::Text(k.name().into()));
                    self.apply_preset();
                    true
                }
                _ => {
                    notices.push(format!("kind “{}” is not one of this widget's: ignored", shorten(raw)));
                    false
                }
            };
        }
        let Some(i) = self.index(key) else {
            notices.push(format!("unknown key “{}” ignored", shorten(key)));
            return false;
        };
        let param = self.schema[i];
        let value = parse_value(&param, raw, &self.values[i], notices);
        let changed = value != self.values[i];
        self.values[i] = value;
        if key == "preset" && changed {
            self.apply_preset();
        }
        changed
    }

    fn apply_preset(&mut self) {
        let preset = self.text("preset").to_string();
        for (k, v) in preset_defaults(self.kind, &preset) {
            let mut ignored = Vec::new();
            self.set(k, v, &mut ignored);
        }
    }

    /// Repairs that depend on more than one key: λ1 ≥ λ2, and P within what N allows.
    pub fn fit(&mut self, notices: &mut Vec<String>) {
        let mut at_most = |params: &mut Params, key: &str, limit: f64, why: String| {
            let v = params.num(key);
            if v > limit {
                params.put(key, Value::Num(limit));
                notices.push(format!("{key} = {v} is more than {why} allows: using {limit}"));
            }
        };
        match self.kind {
            Kind::Gha | Kind::Subspace | Kind::Similarity | Kind::Backprop => {
                let d = self.num("d");
                at_most(self, "k", d, format!("d = {d}"));
            }
            Kind::Recurrent => {
                let n = self.num("n");
                at_most(self, "sources", n, format!("n = {n}"));
            }
            Kind::Prune => {
                let n = self.num("n");
                at_most(self, "kmax", n * (n - 1.0), format!("n(n − 1) = {}", n * (n - 1.0)));
            }
            Kind::Stdp => {
                let k = self.num("inputs");
                at_most(self, "group", k, format!("inputs = {k}"));
            }
            Kind::Basins => {
                self.order_range("load-min", "load-max", 0.02, notices);
                self.order_range("m0-min", "m0-max", 0.1, notices);
            }
            _ => {}
        }
        match self.kind.family() {
            Family::Circuit => {}
            Family::Cloud => self.order_variances(notices),
            Family::Memory => {
                let Some((limit, why)) = self.pattern_limit() else {
                    return;
                };
                let p = self.num("p");
                if p > limit {
                    self.put("p", Value::Num(limit));
                    notices.push(format!("p = {p} is more than {why} allows: using {limit}"));
                }
                if self.num("cue") > self.num("p") {
                    self.put("cue", Value::Num(1.0));
                }
            }
        }
    }

    /// Makes the range `lo`…`hi` at least `gap` wide, inside the keys' common bounds: the
    /// diagram's rows or columns then never coincide.
    fn order_range(&mut self, lo: &str, hi: &str, gap: f64, notices: &mut Vec<String>) {
        let (a, b) = (self.num(lo), self.num(hi));
        if b - a >= gap - 1e-9 {
            return;
        }
        let Spec::Number { min, max, .. } = self.schema[self.index(hi).expect("key in schema")].spec else {
            return;
        };
        let top = (a.max(b) + gap).min(max);
        let bottom = (top - gap).max(min);
        self.put(lo, Value::Num(bottom));
        self.put(hi, Value::Num(top));
        notices.push(format!("{lo} … {hi} must span at least {gap}: using {bottom} … {top}"));
    }

    /// The most patterns the memory kind stores at its size, and why; `None` for kinds that
    /// store none of their own (`capacity` sweeps the load itself).
    pub fn pattern_limit(&self) -> Option<(f64, String)> {
        if self.kind.family() != Family::Memory || matches!(self.kind, Kind::Capacity | Kind::Basins) {
            return None;
        }
        let n = self.num("side") * self.num("side");
        // Modern retrieval stores up to 4N patterns, and at most 4096 (16 MB at N = 4096).
        let (mut limit, mut why) = match self.kind {
            Kind::Modern if 4.0 * n > 4096.0 => (4096.0, "the memory budget of 4096 patterns".to_string()),
            Kind::Modern => (4.0 * n, format!("4N = {}", 4.0 * n)),
            // Dense memories hold far more than N: up to 16N, and at most 4096 (16 MB at N = 4096).
            Kind::Dense if 16.0 * n > 4096.0 => (4096.0, "the memory budget of 4096 patterns".to_string()),
            Kind::Dense => (16.0 * n, format!("16N = {}", 16.0 * n)),
            _ => (n, format!("N = {n}")),
        };
        if self.text("patterns") == "letters" && limit > crate::science::letters::COUNT as f64 {
            limit = crate::science::letters::COUNT as f64;
            why = format!("{} letters", crate::science::letters::COUNT);
        }
        Some((limit, why))
    }

    fn put(&mut self, key: &str, v: Value) {
        let i = self.index(key).expect("key in schema");
        self.values[i] = v;
    }

    /// λ1 names the larger variance: a larger `l2` is swapped in, with a notice.
    pub fn order_variances(&mut self, notices: &mut Vec<String>) {
        let (l1, l2) = (self.num("l1"), self.num("l2"));
        if l2 > l1 {
            self.put("l1", Value::Num(l2));
            self.put("l2", Value::Num(l1));
            notices.push(format!("l2 = {l2} was larger than l1 = {l1}: swapped so that λ1 ≥ λ2"));
        }
    }

    /// Whether a schema entry is the current kind's.
    pub fn applies(&self, p: &Param) -> bool {
        p.kinds.is_empty() || p.kinds.contains(&self.kind)
    }

    /// The canonical query string of every key that applies: what an embed URL holds.
    pub fn query(&self) -> String {
        let mut q = format!("kind={}", self.kind.name());
        for (p, v) in self.schema.iter().zip(&self.values) {
            if p.key == "kind" || !self.applies(p) {
                continue;
            }
            match v {
                Value::Num(x) => write!(q, "&{}={}", p.key, x).unwrap(),
                Value::Text(s) if s.is_empty() => {}
                Value::Text(s) => write!(q, "&{}={}", p.key, encode_component(s)).unwrap(),
            }
        }
        q
    }

    /// The schema with current values as JSON, for building sliders and menus in JS.
    pub fn schema_json(&self) -> String {
        let mut out = String::from("[");
        for (p, v) in self.schema.iter().zip(&self.values) {
            if !self.applies(p) {
                continue;
            }
            if out.len() > 1 {
                out.push(',');
            }
            write!(out, "{{\"key\":{},\"label\":{},\"control\":{}", json_str(p.key), json_str(p.label), p.control)
                .unwrap();
            match p.spec {
                Spec::Number { min, mut max, default, log, integer } => {
                    // The sliders of `p` and `cue` end where the size and the stored patterns let
                    // them go, not at the key's widest bound (most of that track would be clamped).
                    if let Some((limit, _)) = self.pattern_limit() {
                        match p.key {
                            "p" => max = max.min(limit),
                            "cue" => max = max.min(self.num("p")),
                            _ => {}
                        }
                    }
                    write!(
                    out,
                        ",\"type\":\"number\",\"min\":{min:?},\"max\":{max:?},\"default\":{default:?},\"log\":{log},\"integer\":{integer}"
                    )
                    .unwrap()
                }
                Spec::Choice(opts) | Spec::Flags(opts) => {
                    let ty = if matches!(p.spec, Spec::Choice(_)) { "choice" } else { "flags" };
                    let list: Vec<String> = opts.iter().map(|o| json_str(o)).collect();
                    write!(out, ",\"type\":\"{ty}\",\"options\":[{}]", list.join(",")).unwrap();
                }
                Spec::Pair => out.push_str(",\"type\":\"pair\""),
            }
            match v {
                Value::Num(x) => write!(out, ",\"value\":{x:?}}}").unwrap(),
                Value::Text(s) => write!(out, ",\"value\":{}}}", json_str(s)).unwrap(),
            }
        }
        out.push(']');
        out
    }
}

fn default_value(p: &Param, kind: Kind) -> Value {
    match p.spec {
        Spec::Number { default, .. } => Value::Num(default),
        Spec::Choice(_) if p.key == "kind" => Value::Text(kind.name().into()),
        Spec::Choice(opts) => Value::Text(opts[0].into()),
        Spec::Flags(_) | Spec::Pair => Value::Text(String::new()),
    }
}

fn parse_value(p: &Param, raw: &str, current: &Value, notices: &mut Vec<String>) -> Value {
    let raw = raw.trim();
    match p.spec {
        Spec::Number { min, max, integer, .. } => {
            let Some(x) = parse_f64(raw).filter(|x| x.is_finite()) else {
                notices.push(format!("{} = “{}” is not a number: kept {}", p.key, shorten(raw), show(current)));
                return current.clone();
            };
            let clamped = x.clamp(min, max);
            let y = if integer { libm::round(clamped) } else { clamped };
            if x != clamped {
                notices.push(format!("{} = {} is outside {}…{}: using {}", p.key, shorten(raw), min, max, y));
            } else if y != x {
                notices.push(format!("{} = {} is not a whole number: using {}", p.key, shorten(raw), y));
            }
            Value::Num(y)
        }
        Spec::Choice(opts) => match opts.iter().find(|o| **o == raw) {
            Some(o) => Value::Text((*o).into()),
            None => {
                notices.push(format!(
                    "{} = “{}” is not one of {}: kept {}",
                    p.key,
                    shorten(raw),
                    opts.join(", "),
                    show(current)
                ));
                current.clone()
            }
        },
        Spec::Flags(opts) => {
            let mut kept = Vec::new();
            for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match opts.iter().find(|o| **o == item) {
                    Some(o) if !kept.contains(o) => kept.push(*o),
                    Some(_) => {}
                    None => notices.push(format!(
                        "{} = “{}” is not one of {}: ignored",
                        p.key,
                        shorten(item),
                        opts.join(", ")
                    )),
                }
            }
            Value::Text(kept.join(","))
        }
        Spec::Pair => {
            if raw.is_empty() {
                return Value::Text(String::new());
            }
            match parse_pair(raw) {
                Some([x, y]) => Value::Text(format!("{x},{y}")),
                None => {
                    notices.push(format!(
                        "{} = “{}” is not two numbers “x,y”: using a seeded start",
                        p.key,
                        shorten(raw)
                    ));
                    Value::Text(String::new())
                }
            }
        }
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::Num(x) => x.to_string(),
        Value::Text(s) => s.clone(),
    }
}
