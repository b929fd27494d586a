//! The one parameter schema: URL keys = element attributes = slider names (see CONTRACT.md).
//!
//! Every raw string a reader can type (URL, attribute, imported file) is parsed and clamped here,
//! and every change is reported as a human notice, so nothing out of range reaches the science.

use std::fmt::Write;

/// Which widget. The names are the `kind` values of the contract.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Hebb,
    Decay,
    Oja,
    Hopfield,
    Capacity,
    Modern,
    Ei,
    Gha,
    Subspace,
    Similarity,
    Recurrent,
    Bcm,
    Prune,
}

/// Kinds that share one schema, one run type and one look.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    /// One neuron on a 2-D cloud.
    Cloud,
    /// Memories in a recurrent network.
    Memory,
    /// Many neurons and recurrent circuits: the rungs between Oja and Hopfield.
    Circuit,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Hebb,
        Kind::Decay,
        Kind::Oja,
        Kind::Hopfield,
        Kind::Capacity,
        Kind::Modern,
        Kind::Ei,
        Kind::Gha,
        Kind::Subspace,
        Kind::Similarity,
        Kind::Recurrent,
        Kind::Bcm,
        Kind::Prune,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Hebb => "hebb",
            Kind::Decay => "decay",
            Kind::Oja => "oja",
            Kind::Hopfield => "hopfield",
            Kind::Capacity => "capacity",
            Kind::Modern => "modern",
            Kind::Ei => "ei",
            Kind::Gha => "gha",
            Kind::Subspace => "subspace",
            Kind::Similarity => "similarity",
            Kind::Recurrent => "recurrent",
            Kind::Bcm => "bcm",
            Kind::Prune => "prune",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s.trim())
    }

    /// The learning rule of a cloud kind.
    pub fn rule(self) -> Option<crate::rules::Rule> {
        use crate::rules::Rule;
        match self {
            Kind::Hebb => Some(Rule::Hebb),
            Kind::Decay => Some(Rule::Decay),
            Kind::Oja => Some(Rule::Oja),
            _ => None,
        }
    }

    pub fn family(self) -> Family {
        match self {
            Kind::Hebb | Kind::Decay | Kind::Oja => Family::Cloud,
            Kind::Hopfield | Kind::Capacity | Kind::Modern | Kind::Ei => Family::Memory,
            _ => Family::Circuit,
        }
    }

    fn schema(self) -> &'static [Param] {
        match self.family() {
            Family::Cloud => CLOUD_SCHEMA,
            Family::Memory => MEMORY_SCHEMA,
            Family::Circuit => CIRCUIT_SCHEMA,
        }
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

pub const HIDE_PARTS: &[&str] = &["text", "controls", "charts", "readouts"];

/// Keys every kind has (after its own).
const COMMON_TAIL: [Param; 4] = [
    whole("seed", "seed", 0.0, u32::MAX as f64, 1.0, false),
    whole("play", "play", 0.0, 1.0, 1.0, false),
    whole("until", "stop at step", 0.0, 1e9, 0.0, false),
    param("hide", "hidden parts", Spec::Flags(HIDE_PARTS), false),
];

/// The schema of the one-neuron cloud kinds, in the order sliders and URLs list them.
pub const CLOUD_SCHEMA: &[Param] = &[
    choice("kind", "rule", &["hebb", "decay", "oja"]),
    log("eta", "learning rate η", 1e-5, 1.0, 0.01),
    only(linear("alpha", "decay α", 0.0, 20.0, 1.0), &[Kind::Decay]),
    choice("preset", "data", &["gaussian", "clusters", "round", "line"]),
    param("n", "points", Spec::Number { min: 10.0, max: 20_000.0, default: 500.0, log: true, integer: true }, true),
    log("l1", "variance λ₁ (axis 1)", 0.01, 100.0, 3.0),
    log("l2", "variance λ₂ (axis 2)", 0.01, 100.0, 0.5),
    linear("theta", "axis angle (°)", -180.0, 180.0, 30.0),
    param(
        "speed",
        "steps per frame",
        Spec::Number { min: 1.0, max: 1e5, default: 10.0, log: true, integer: true },
        true,
    ),
    COMMON_TAIL[0],
    COMMON_TAIL[1],
    COMMON_TAIL[2],
    param("w0", "start weight", Spec::Pair, false),
    COMMON_TAIL[3],
];

const HOPFIELD: &[Kind] = &[Kind::Hopfield];
const CAPACITY: &[Kind] = &[Kind::Capacity];
const MODERN: &[Kind] = &[Kind::Modern];
const EI: &[Kind] = &[Kind::Ei];
const STORING: &[Kind] = &[Kind::Hopfield, Kind::Modern, Kind::Ei];

const fn speed(default: f64, label: &'static str, kinds: &'static [Kind]) -> Param {
    only(param("speed", label, Spec::Number { min: 1.0, max: 1e5, default, log: true, integer: true }, true), kinds)
}

/// The schema of the memory kinds (Hopfield and its relatives).
pub const MEMORY_SCHEMA: &[Param] = &[
    choice("kind", "network", &["hopfield", "modern", "ei", "capacity"]),
    only(choice("preset", "start", &["retrieval", "mixture", "overload"]), HOPFIELD),
    only(choice("preset", "start", &["retrieval", "blend", "crowded"]), MODERN),
    only(choice("preset", "start", &["normative", "dale"]), EI),
    only(choice("preset", "start", &["sweep"]), CAPACITY),
    only(whole("side", "grid side (N = side²)", 4.0, 64.0, 16.0, true), &[Kind::Hopfield, Kind::Modern]),
    // E/I learning is O(N² P) per step and W is N × N of f64: N ≤ 1024 keeps it live.
    only(whole("side", "grid side (N = side²)", 4.0, 32.0, 16.0, true), EI),
    only(whole("side", "grid side (N = side²)", 4.0, 64.0, 20.0, true), CAPACITY),
    only(whole("p", "stored patterns P", 1.0, 16_384.0, 5.0, true), STORING),
    only(choice("patterns", "patterns", &["letters", "random"]), STORING),
    only(linear("noise", "cue noise (flipped fraction)", 0.0, 1.0, 0.2), STORING),
    only(whole("cue", "cued pattern", 1.0, 16_384.0, 1.0, false), STORING),
    only(choice("update", "update", &["async", "sync"]), HOPFIELD),
    only(log("beta", "inverse temperature β", 1e-4, 100.0, 1.0), MODERN),
    // Below 2/λmax(FᵀF) for 5 letters at every side up to 32 (0.0013 at side 32).
    only(log("eta", "learning rate η", 1e-5, 0.1, 0.001), EI),
    only(linear("ratio", "excitatory fraction", 0.5, 1.0, 0.75), EI),
    only(whole("trials", "trials per load", 1.0, 50.0, 5.0, true), CAPACITY),
    speed(32.0, "neuron updates per frame", HOPFIELD),
    speed(1.0, "updates per step of the clock", MODERN),
    speed(5.0, "learning steps per frame", EI),
    speed(1.0, "trials per frame (at most)", CAPACITY),
    COMMON_TAIL[0],
    COMMON_TAIL[1],
    COMMON_TAIL[2],
    COMMON_TAIL[3],
];

const MANY: &[Kind] = &[Kind::Gha, Kind::Subspace, Kind::Similarity];
const RECURRENT: &[Kind] = &[Kind::Recurrent];
const BCM: &[Kind] = &[Kind::Bcm];
const PRUNE: &[Kind] = &[Kind::Prune];

/// The schema of the circuit kinds (many neurons, recurrent Hebb, BCM, growth and pruning).
pub const CIRCUIT_SCHEMA: &[Param] = &[
    choice("kind", "rule", &["gha", "subspace", "similarity", "recurrent", "bcm", "prune"]),
    only(choice("preset", "data", &["plane", "high"]), MANY),
    only(choice("preset", "inputs", &["shared"]), RECURRENT),
    only(choice("preset", "inputs", &["orthonormal"]), BCM),
    only(choice("preset", "network", &["sparse"]), PRUNE),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.005), MANY),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.002), RECURRENT),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.01), BCM),
    only(log("eta", "learning rate η", 1e-5, 1.0, 0.05), PRUNE),
    only(whole("d", "input dimension d", 2.0, 16.0, 2.0, true), MANY),
    only(whole("k", "neurons k", 1.0, 16.0, 2.0, true), MANY),
    only(log("top", "largest variance λ1", 0.1, 100.0, 3.0), MANY),
    only(linear("ratio", "spectrum ratio", 0.05, 1.0, 0.4), MANY),
    only(linear("tau", "lateral time τ", 0.05, 5.0, 0.5), &[Kind::Similarity]),
    only(whole("n", "neurons", 2.0, 16.0, 8.0, true), RECURRENT),
    only(whole("sources", "shared sources", 1.0, 16.0, 2.0, true), RECURRENT),
    only(linear("sigma", "private noise σ", 0.0, 3.0, 0.5), RECURRENT),
    only(log("alpha", "decay α", 0.05, 20.0, 1.0), RECURRENT),
    only(choice("decay", "decay", &["linear", "squared"]), RECURRENT),
    // Learning is the same either way; `closed` runs the learned W as the loop r = u + W r.
    only(choice("loop", "activity loop", &["open", "closed"]), RECURRENT),
    only(whole("inputs", "inputs K", 2.0, 16.0, 4.0, true), BCM),
    only(log("tau", "threshold time τθ", 1.0, 1000.0, 20.0), BCM),
    only(whole("n", "neurons", 4.0, 16.0, 10.0, true), PRUNE),
    only(whole("kmax", "most synapses K_max", 1.0, 240.0, 15.0, true), PRUNE),
    only(log("lambda", "decay γ", 1e-4, 0.5, 0.01), PRUNE),
    only(choice("decay", "decay", &["l2", "l1"]), PRUNE),
    only(choice("rule", "pruning", &["threshold", "soft", "trace"]), PRUNE),
    only(choice("grow", "growth", &["correlation", "random", "none"]), PRUNE),
    only(log("theta", "pruning threshold w_min", 1e-4, 1.0, 0.02), PRUNE),
    speed(20.0, "samples per frame", &[Kind::Gha, Kind::Subspace, Kind::Similarity, Kind::Recurrent, Kind::Bcm]),
    speed(5.0, "samples per frame", PRUNE),
    COMMON_TAIL[0],
    COMMON_TAIL[1],
    COMMON_TAIL[2],
    COMMON_TAIL[3],
];

/// What choosing a preset sets (keys the URL does not give keep these).
pub fn preset_defaults(kind: Kind, preset: &str) -> &'static [(&'static str, &'static str)] {
    match (kind, preset) {
        (_, "clusters") => &[("l1", "3"), ("l2", "0.3")],
        (_, "round") => &[("l1", "1.1"), ("l2", "1")],
        (_, "line") => &[("l1", "3"), ("l2", "0.01")],
        (Kind::Hebb | Kind::Decay | Kind::Oja, _) => &[("l1", "3"), ("l2", "0.5")],
        (Kind::Hopfield, "mixture") => &[("patterns", "random"), ("p", "3"), ("noise", "0")],
        (Kind::Hopfield, "overload") => &[("patterns", "random"), ("p", "64"), ("noise", "0.1")],
        (Kind::Hopfield | Kind::Ei, _) => &[("patterns", "letters"), ("p", "5"), ("noise", "0.2")],
        (Kind::Modern, "blend") => &[("patterns", "letters"), ("p", "5"), ("noise", "0.2"), ("beta", "0.003")],
        (Kind::Modern, "crowded") => &[("patterns", "random"), ("p", "200"), ("noise", "0.2"), ("beta", "1")],
        (Kind::Modern, _) => &[("patterns", "letters"), ("p", "5"), ("noise", "0.3"), ("beta", "1")],
        (Kind::Gha | Kind::Subspace | Kind::Similarity, "high") => &[("d", "8"), ("k", "3")],
        (Kind::Gha | Kind::Subspace | Kind::Similarity, _) => &[("d", "2"), ("k", "2")],
        (Kind::Capacity | Kind::Recurrent | Kind::Bcm | Kind::Prune, _) => &[],
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
        let schema = kind.schema();
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

    /// Sets one key from raw text. Returns false (with a notice) when the key is unknown;
    /// otherwise the stored value is the repaired one and every repair is in `notices`.
    pub fn set(&mut self, key: &str, raw: &str, notices: &mut Vec<String>) -> bool {
        if key == "kind" {
            match Kind::parse(raw) {
                Some(k) if k.family() == self.kind.family() => {
                    self.kind = k;
                    self.put("kind", Value::Text(k.name().into()));
                    self.apply_preset();
                }
                _ => notices.push(format!("kind “{}” is not one of this widget's: ignored", shorten(raw))),
            }
            return true;
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
        true
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
            Kind::Gha | Kind::Subspace | Kind::Similarity => {
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
            _ => {}
        }
        match self.kind.family() {
            Family::Circuit => {}
            Family::Cloud => self.order_variances(notices),
            Family::Memory => {
                if self.kind == Kind::Capacity {
                    return;
                }
                let n = self.num("side") * self.num("side");
                // Modern retrieval stores up to 4N patterns, and at most 4096 (16 MB at N = 4096).
                let (mut limit, mut why) = match self.kind {
                    Kind::Modern if 4.0 * n > 4096.0 => (4096.0, "the memory budget of 4096 patterns".to_string()),
                    Kind::Modern => (4.0 * n, format!("4N = {}", 4.0 * n)),
                    _ => (n, format!("N = {n}")),
                };
                if self.text("patterns") == "letters" && limit > crate::letters::COUNT as f64 {
                    limit = crate::letters::COUNT as f64;
                    why = format!("{} letters", crate::letters::COUNT);
                }
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
                Spec::Number { min, max, default, log, integer } => write!(
                    out,
                    ",\"type\":\"number\",\"min\":{min:?},\"max\":{max:?},\"default\":{default:?},\"log\":{log},\"integer\":{integer}"
                )
                .unwrap(),
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
            let Some(x) = raw.parse::<f64>().ok().filter(|x| x.is_finite()) else {
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

/// Two finite numbers "x,y" of modest size (a start weight beyond 10⁶ is refused).
pub fn parse_pair(s: &str) -> Option<[f64; 2]> {
    let (a, b) = s.split_once(',')?;
    let x: f64 = a.trim().parse().ok()?;
    let y: f64 = b.trim().parse().ok()?;
    let ok = |v: f64| v.is_finite() && v.abs() <= 1e6;
    (ok(x) && ok(y)).then_some([x, y])
}

fn show(v: &Value) -> String {
    match v {
        Value::Num(x) => x.to_string(),
        Value::Text(s) => s.clone(),
    }
}

/// Hostile input can be long; notices quote at most 40 characters of it.
fn shorten(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// Splits a query string into decoded key/value pairs (`+` is a space, `%XX` a byte).
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            write!(out, "%{b:02X}").unwrap();
        }
    }
    out
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
