//! What every widget's run shares: its clock (step, `until`, status and why), the circuits'
//! runaway check, and a hash of its trajectory for the native-vs-wasm determinism tests.

/// What a run is doing, as far as the core knows (JS adds `running` and `loading`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ready,
    Paused,
    Converged,
    Diverged,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ready => "ready",
            Status::Paused => "paused",
            Status::Converged => "converged",
            Status::Diverged => "diverged",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Clock {
    pub step: u64,
    pub until: u64,
    pub status: Status,
    /// Why the run stopped ("" when there is nothing to say).
    pub why: String,
}

impl Clock {
    pub fn new(until: u64) -> Clock {
        Clock { step: 0, until, status: Status::Ready, why: String::new() }
    }

    pub fn restart(&mut self) {
        self.step = 0;
        self.status = Status::Ready;
        self.why.clear();
    }

    /// How many of `steps` may run now: none once stopped, and never past `until`.
    pub fn budget(&self, steps: u64) -> u64 {
        match self.status {
            Status::Ready if self.until > 0 => steps.min(self.until.saturating_sub(self.step)),
            Status::Ready => steps,
            _ => 0,
        }
    }

    /// Stops at `until`: converged if the kind's criterion holds there, else paused.
    pub fn check_until(&mut self, converged: bool) {
        if self.status == Status::Ready && self.until > 0 && self.step >= self.until {
            self.status = if converged { Status::Converged } else { Status::Paused };
        }
    }

    /// A new `until`: a run paused by the old one may go on.
    pub fn set_until(&mut self, until: u64, converged: bool) {
        self.until = until;
        if self.status == Status::Paused {
            self.status = Status::Ready;
        }
        self.check_until(converged);
    }

    pub fn diverge(&mut self, why: String) {
        self.status = Status::Diverged;
        self.why = why;
    }

    pub fn converge(&mut self) {
        if self.status == Status::Ready {
            self.status = Status::Converged;
        }
    }

    /// After a reader's edit: a converged run can move again.
    pub fn wake(&mut self) {
        if self.status == Status::Converged {
            self.status = Status::Ready;
        }
        self.check_until(false);
    }
}

/// Past this size a circuit's weight has run away.
const LIMIT: f64 = 1e6;

/// Whether weights have run away (NaN, or past [`LIMIT`]): the circuit runs' divergence.
pub fn runaway(v: &[f64]) -> bool {
    v.iter().any(|x| x.is_nan() || x.abs() > LIMIT)
}

/// FNV-1a over numbers: equal hashes mean equal trajectories, not only equal end points.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn add(&mut self, v: f64) {
        for b in v.to_bits().to_le_bytes() {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// 3400 → "3,400".
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
