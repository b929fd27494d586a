//! Saving and loading a widget's exact state as JSON.
//!
//! Every run is deterministic, so a state is fully given by the keys it started from and what
//! happened since: the steps it ran (run-length encoded, in the same calls) and every reader
//! edit (a key set, a reset, a painted pixel, a stored picture, a moved point). Loading replays
//! them, which lands bit for bit on the saved weights, RNG state and step. The file also carries
//! the readouts at saving time; a file whose replay does not reproduce them is refused.

use std::fmt::Write;

/// One thing that changed a widget's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `times` calls of `advance(n)` (or `advance_units(n)` when `units`).
    Advance {
        n: u64,
        times: u64,
        units: bool,
    },
    Set(String, String),
    Reset,
    Toggle(u64),
    Store,
    AddPoint(f64, f64),
    MovePoint(u64, f64, f64),
    RemovePoint(u64),
}

pub const FORMAT: &str = "hebb-widget/1";
/// Replay is refused past this much work (a hostile file must not hang the page).
pub const MAX_REPLAY: u64 = 2_000_000_000;

/// Appends an advance call to the log. `additive` runs (advance(a) then advance(b) is the same as
/// advance(a + b): every kind but synchronous Hopfield, where each call is one sweep) merge into
/// one count, so the log stays one entry however the frames split the work.
pub fn log_advance(log: &mut Vec<Event>, n: u64, units: bool, additive: bool) {
    if let Some(Event::Advance { n: m, times, units: u }) = log.last_mut() {
        if *u == units && additive && *times == 1 {
            *m = m.saturating_add(n);
            return;
        }
        if *u == units && !additive && *m == n {
            *times += 1;
            return;
        }
    }
    log.push(Event::Advance { n, times: 1, units });
}

pub fn to_json(query: &str, log: &[Event], names: &[&str], readouts: &[f64]) -> String {
    let s = crate::params::json_str;
    let mut out = format!("{{\"format\":{},\"query\":{},\"log\":[", s(FORMAT), s(query));
    for (i, e) in log.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match e {
            Event::Advance { n, times, units } => {
                write!(out, "[{},{n},{times}]", s(if *units { "units" } else { "advance" })).unwrap()
            }
            Event::Set(k, v) => write!(out, "[\"set\",{},{}]", s(k), s(v)).unwrap(),
            Event::Reset => out.push_str("[\"reset\"]"),
            Event::Toggle(i) => write!(out, "[\"toggle\",{i}]").unwrap(),
            Event::Store => out.push_str("[\"store\"]"),
            Event::AddPoint(x, y) => write!(out, "[\"add\",{x:?},{y:?}]").unwrap(),
            Event::MovePoint(i, x, y) => write!(out, "[\"move\",{i},{x:?},{y:?}]").unwrap(),
            Event::RemovePoint(i) => write!(out, "[\"remove\",{i}]").unwrap(),
        }
    }
    out.push_str("],\"readouts\":{");
    for (i, (n, v)) in names.iter().zip(readouts).enumerate() {
        if i > 0 {
            out.push(',');
        }
        write!(out, "{}:{v:?}", s(n)).unwrap();
    }
    out.push_str("}}");
    out
}

/// A parsed snapshot, checked for shape; the replay itself checks the rest.
#[derive(Debug)]
pub struct Snapshot {
    pub query: String,
    pub log: Vec<Event>,
    pub readouts: Vec<(String, f64)>,
}

/// Reads and validates a snapshot file; the error says what is wrong, for the reader.
pub fn parse(text: &str) -> Result<Snapshot, String> {
    let value = Json::parse(text).map_err(|e| format!("not a JSON file ({e})"))?;
    let obj = value.object().ok_or("the file is not a JSON object")?;
    match get(obj, "format").and_then(Json::string) {
        Some(FORMAT) => {}
        Some(other) => return Err(format!("format “{}” is not {FORMAT}", other.chars().take(40).collect::<String>())),
        None => return Err(format!("no \"format\": this is not a {FORMAT} file")),
    }
    let query = get(obj, "query").and_then(Json::string).ok_or("no \"query\" string")?.to_string();
    let entries = get(obj, "log").and_then(Json::array).ok_or("no \"log\" list")?;
    let mut log = Vec::with_capacity(entries.len());
    let mut work: u64 = 0;
    for (i, e) in entries.iter().enumerate() {
        let event = event(e).ok_or_else(|| format!("log entry {} is not a valid event", i + 1))?;
        if let Event::Advance { n, times, .. } = &event {
            work = work.saturating_add(n.saturating_mul(*times));
            if work > MAX_REPLAY {
                return Err(format!("the log runs more than {MAX_REPLAY} steps: refused"));
            }
        }
        log.push(event);
    }
    let mut readouts = Vec::new();
    if let Some(r) = get(obj, "readouts") {
        for (k, v) in r.object().ok_or("\"readouts\" is not an object")? {
            readouts.push((k.clone(), v.number().ok_or_else(|| format!("readout {k} is not a number"))?));
        }
    }
    Ok(Snapshot { query, log, readouts })
}

fn event(e: &Json) -> Option<Event> {
    let a = e.array()?;
    let num = |i: usize| a.get(i).and_then(Json::number).filter(|x| x.is_finite());
    let whole = |i: usize| num(i).filter(|x| *x >= 0.0 && x.fract() == 0.0 && *x <= 1e15).map(|x| x as u64);
    let text = |i: usize| a.get(i).and_then(Json::string).map(str::to_string);
    Some(match (a.first()?.string()?, a.len()) {
        ("advance" | "units", 3) => Event::Advance {
            n: whole(1).filter(|n| (1..=MAX_REPLAY).contains(n))?,
            times: whole(2)?,
            units: a[0].string() == Some("units"),
        },
        ("set", 3) => Event::Set(text(1)?, text(2)?),
        ("reset", 1) => Event::Reset,
        ("toggle", 2) => Event::Toggle(whole(1)?),
        ("store", 1) => Event::Store,
        ("add", 3) => Event::AddPoint(num(1)?, num(2)?),
        ("move", 4) => Event::MovePoint(whole(1)?, num(2)?, num(3)?),
        ("remove", 2) => Event::RemovePoint(whole(1)?),
        _ => return None,
    })
}

fn get<'a>(obj: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    obj.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A small JSON reader: enough for snapshot files, strict about the grammar.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn parse(text: &str) -> Result<Json, String> {
        let mut p = Reader { s: text.as_bytes(), i: 0, depth: 0 };
        let v = p.value()?;
        p.ws();
        if p.i != p.s.len() {
            return Err(format!("unexpected text at byte {}", p.i));
        }
        Ok(v)
    }

    fn object(&self) -> Option<&[(String, Json)]> {
        if let Json::Object(o) = self {
            Some(o)
        } else {
            None
        }
    }

    fn array(&self) -> Option<&[Json]> {
        if let Json::Array(a) = self {
            Some(a)
        } else {
            None
        }
    }

    fn string(&self) -> Option<&str> {
        if let Json::String(s) = self {
            Some(s)
        } else {
            None
        }
    }

    fn number(&self) -> Option<f64> {
        if let Json::Number(x) = self {
            Some(*x)
        } else {
            None
        }
    }
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Result<(), String> {
        self.ws();
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected '{}' at byte {}", b as char, self.i))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        self.depth += 1;
        if self.depth > 64 {
            return Err("nested too deeply".into());
        }
        let v = match self.s.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut o = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        let k = self.string()?;
                        self.eat(b':')?;
                        o.push((k, self.value()?));
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(format!("expected ',' or '}}' at byte {}", self.i)),
                        }
                    }
                }
                Json::Object(o)
            }
            Some(b'[') => {
                self.i += 1;
                let mut a = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        a.push(self.value()?);
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(format!("expected ',' or ']' at byte {}", self.i)),
                        }
                    }
                }
                Json::Array(a)
            }
            Some(b'"') => Json::String(self.string()?),
            Some(b't') if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Json::Bool(true)
            }
            Some(b'f') if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Json::Bool(false)
            }
            Some(b'n') if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                Json::Null
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.i;
                while self.i < self.s.len() && matches!(self.s[self.i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).map_err(|_| "bad number")?;
                Json::Number(crate::params::parse_f64(t).ok_or_else(|| format!("bad number “{t}”"))?)
            }
            _ => return Err(format!("unexpected character at byte {}", self.i)),
        };
        self.depth -= 1;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, String> {
        if self.s.get(self.i) != Some(&b'"') {
            return Err(format!("expected a string at byte {}", self.i));
        }
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.i < self.s.len() && self.s[self.i] != b'"' && self.s[self.i] != b'\\' {
                self.i += 1;
            }
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).map_err(|_| "invalid UTF-8")?);
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let c = *self.s.get(self.i + 1).ok_or("unfinished escape")?;
                    self.i += 2;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'u' => {
                            let hex = self.s.get(self.i..self.i + 4).ok_or("unfinished \\u escape")?;
                            let code = u32::from_str_radix(std::str::from_utf8(hex).map_err(|_| "bad \\u")?, 16)
                                .map_err(|_| "bad \\u escape")?;
                            self.i += 4;
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err("unknown escape".into()),
                    }
                }
                _ => return Err("unfinished string".into()),
            }
        }
    }
}
