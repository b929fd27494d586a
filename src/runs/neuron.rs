//! One neuron learning online from a 2-D cloud: the run behind the `hebb`, `decay`, `oja` widgets.

use super::clock::{group, Clock, Fnv};
use super::history::History;
use super::{Kind, Mark, Run, Trajectory};
use crate::params::Params;
use crate::science::cloud::{Cloud, Shape, Stats};
use crate::science::rng::{Quick, Rng, Stream};
use crate::science::rules::{self, dot, norm, Rule};

/// Past this |w| a run is stopped as diverged, long before f64 overflows.
pub const NORM_LIMIT: f64 = 1e12;

/// History record: step, |w|, |w·e1|, |w × e1|, w.x, w.y. The angle's two legs are stored, not
/// the angle: its atan2 is computed only for the records that are read (see [`NeuronRun::records`]),
/// where computing it for every record took a third of the step loop's time in wasm.
pub const RECORD: usize = 6;

/// w's components along the data's eigenvectors and the averaged map's factors along them
/// ([`NeuronRun::factors`]) close each list: public names are only ever appended.
pub const READOUTS: [&str; 10] =
    ["step", "norm", "angle", "lambda1", "lambda2", "variance", "w-e1", "w-e2", "mu1", "mu2"];
/// `decay` adds its online tipping point α* (see [`rules::decay_online_tipping_point`]).
pub const DECAY_READOUTS: [&str; 11] =
    ["step", "norm", "angle", "lambda1", "lambda2", "variance", "alpha-star", "w-e1", "w-e2", "mu1", "mu2"];

#[derive(Clone, Debug)]
pub struct NeuronRun {
    pub rule: Rule,
    pub eta: f64,
    pub alpha: f64,
    cloud: Cloud,
    w: [f64; 2],
    w_start: [f64; 2],
    clock: Clock,
    picks: Quick,
    history: History<RECORD>,
    /// Angle readout; kept at its last defined value once w has decayed to exactly 0.
    angle: f64,
    /// `ghost=1`: the averaged map run from the same start, step for step beside the online run.
    ghost: Option<Ghost>,
}

/// Ghost history record: step, |g·e1|, |g × e1| (the angle's legs, as in [`RECORD`]).
pub const GHOST_RECORD: usize = 3;

/// The averaged map w ← w + E[Δw] ([`rules::averaged_step`]; Oja: its averaged flow) from the
/// online run's start weight. It needs no samples, so it is stepped after the online steps it
/// stands beside (at each record and at the end of each advance), with the settings of those
/// steps: any slicing of the same steps gives the same bits.
#[derive(Clone, Debug)]
struct Ghost {
    w: [f64; 2],
    step: u64,
    /// Past [`NORM_LIMIT`] the ghost waits at its last finite weight: the map has diverged, and
    /// the online run beside it goes on (or stops with its own message).
    stalled: bool,
    history: History<GHOST_RECORD>,
}

/// The angle in degrees between w's line and PC1 (0–90) from |w·e1| and |w × e1|; `last` when
/// w is exactly 0 and has no direction.
fn angle_between(along: f64, across: f64, last: f64) -> f64 {
    if along > 0.0 || across > 0.0 {
        libm::atan2(across, along).to_degrees()
    } else {
        last
    }
}

impl NeuronRun {
    pub fn new(p: &Params) -> NeuronRun {
        let seed = p.seed();
        let cloud = Cloud::generate(shape(p), seed);
        let w_start = p.w0().unwrap_or_else(|| {
            let mut r = Rng::new(seed, Stream::Start);
            let t = std::f64::consts::TAU * r.uniform();
            [0.5 * libm::cos(t), 0.5 * libm::sin(t)]
        });
        let mut run = NeuronRun {
            rule: match p.kind() {
                Kind::Hebb => Rule::Hebb,
                Kind::Decay => Rule::Decay,
                _ => Rule::Oja,
            },
            eta: p.num("eta"),
            alpha: p.num("alpha"),
            cloud,
            w: w_start,
            w_start,
            clock: Clock::new(p.num("until") as u64),
            picks: Quick::seeded(&mut Rng::new(seed, Stream::Samples)),
            history: History::new(),
            angle: 0.0,
            ghost: (p.num("ghost") > 0.0).then(|| Ghost {
                w: w_start,
                step: 0,
                stalled: false,
                history: History::new(),
            }),
        };
        run.restart();
        run
    }

    /// New data from the params' shape, keeping w and the step count (a live change).
    pub fn regenerate(&mut self, p: &Params) {
        self.cloud = Cloud::generate(shape(p), p.seed());
        self.update_angle();
    }

    /// The hot loop. w, the pick stream and the step count live in locals and go back to `self`
    /// only where a record, a divergence or the end needs them: kept in `self`, every step would
    /// store w and load it again on the chain of dependent float operations, which wasm engines
    /// forward from store to load more slowly than native code (0.19 ms against 0.11 per 10⁴ steps).
    #[inline(always)]
    fn present(&mut self, steps: u64, rule: impl Fn(&mut [f64; 2], &[f64; 2])) -> u64 {
        let n = self.cloud.len() as u32;
        let limit_sq = NORM_LIMIT * NORM_LIMIT;
        let (mut w, mut picks, mut step) = (self.w, self.picks, self.clock.step);
        for done in 1..=steps {
            let x = self.cloud.centred(picks.index(n) as usize);
            rule(&mut w, &x);
            step += 1;
            let n2 = dot(&w, &w);
            let diverged = n2.is_nan() || n2 > limit_sq;
            if diverged || self.history.due(step) {
                (self.w, self.picks, self.clock.step) = (w, picks, step);
                if diverged {
                    let why = self.divergence_reason();
                    self.clock.diverge(why);
                    return done;
                }
                self.record();
            }
        }
        (self.w, self.picks, self.clock.step) = (w, picks, step);
        steps
    }

    fn record(&mut self) {
        let (along, across) = self.legs();
        let record = [self.clock.step as f64, norm(&self.w), along, across, self.w[0], self.w[1]];
        self.history.push(self.clock.step, record);
        self.catch_up_ghost();
        let e1 = self.cloud.stats().e1;
        if let Some(g) = &mut self.ghost {
            let legs = [dot(&g.w, &e1).abs(), (g.w[0] * e1[1] - g.w[1] * e1[0]).abs()];
            g.history.push(g.step, [g.step as f64, legs[0], legs[1]]);
        }
    }

    /// Steps the ghost up to the online run's step count.
    fn catch_up_ghost(&mut self) {
        let Some(g) = &mut self.ghost else { return };
        let (rule, cov, eta, alpha) = (self.rule, self.cloud.stats().cov, self.eta, self.alpha);
        let limit_sq = NORM_LIMIT * NORM_LIMIT;
        while g.step < self.clock.step && !g.stalled {
            let mut w = g.w;
            rules::averaged_step(rule, &mut w, &cov, eta, alpha);
            // NaN fails this test too.
            if dot(&w, &w) <= limit_sq {
                g.w = w;
            } else {
                g.stalled = true;
            }
            g.step += 1;
        }
        g.step = self.clock.step;
    }

    /// The ghost's weight (`ghost=1`).
    pub fn ghost(&self) -> Option<[f64; 2]> {
        self.ghost.as_ref().map(|g| g.w)
    }

    /// The ghost's history as step, |g|, angle to PC1 (degrees), as [`NeuronRun::records`].
    pub fn ghost_records(&self) -> impl Iterator<Item = [f64; 3]> + '_ {
        let h = self.ghost.as_ref().map_or(&[][..], |g| g.history.as_slice());
        h.chunks_exact(GHOST_RECORD).scan(0.0, |last, r| {
            *last = angle_between(r[1], r[2], *last);
            Some([r[0], (r[1] * r[1] + r[2] * r[2]).sqrt(), *last])
        })
    }

    /// |w·e1| and |w × e1|: the sides of the angle between w's line and PC1.
    fn legs(&self) -> (f64, f64) {
        let e1 = self.cloud.stats().e1;
        (dot(&self.w, &e1).abs(), (self.w[0] * e1[1] - self.w[1] * e1[0]).abs())
    }

    fn update_angle(&mut self) {
        let (along, across) = self.legs();
        self.angle = angle_between(along, across, self.angle);
    }

    /// Why the run blew up, in the maths of the rule that did it (docs/science.md: hebb, decay, oja).
    fn divergence_reason(&self) -> String {
        let s = self.cloud.stats();
        let (eta, alpha) = (self.eta, self.alpha);
        let growth = norm(&self.w) / norm(&self.w_start).max(f64::MIN_POSITIVE);
        let grew = if growth.is_finite() {
            format!(
                "|w| grew 10{}-fold in {} steps",
                superscript(libm::floor(libm::log10(growth)) as i64),
                group(self.clock.step)
            )
        } else {
            format!("|w| overflowed after {} steps", group(self.clock.step))
        };
        let big_sample = eta * s.max_sq;
        match self.rule {
            Rule::Hebb => format!("plain Hebb has no brake: {grew}"),
            Rule::Decay if eta * (alpha - s.lambda2) > 2.0 => format!(
                "η·(α − λ2) = {:.2} > 2: each step overshoots zero and flips the sign of w, so it blows up even though α > λ1",
                eta * (alpha - s.lambda2)
            ),
            Rule::Decay if alpha < s.lambda1 => {
                format!("α = {} < λ1 = {:.2}: decay is weaker than the growth along PC1, {grew}", fmt(alpha), s.lambda1)
            }
            Rule::Oja if eta * s.lambda1 > 1.0 && big_sample > 2.0 => format!(
                "η·λ1 = {:.2} > 1, so even the averaged update overshoots, and η·|x|² = {big_sample:.2} > 2 for the farthest point, so one such sample can throw w out on its own: it diverged after {} steps",
                eta * s.lambda1,
                group(self.clock.step)
            ),
            Rule::Oja if eta * s.lambda1 > 1.0 => {
                format!("η·λ1 = {:.2} > 1: Oja's update overshoots and diverges", eta * s.lambda1)
            }
            _ if big_sample > 2.0 => format!(
                "η·|x|² = {big_sample:.2} > 2 for the farthest point: one such sample can throw w out, and it did after {} steps",
                group(self.clock.step)
            ),
            _ => format!("the weights ran away: {grew}"),
        }
    }

    pub fn step(&self) -> u64 {
        self.clock.step
    }

    pub fn w(&self) -> [f64; 2] {
        self.w
    }

    pub fn cloud(&self) -> &Cloud {
        &self.cloud
    }

    /// A reader's edit of the points; the run goes on from the same weight.
    pub fn edit_cloud<R>(&mut self, edit: impl FnOnce(&mut Cloud) -> R) -> R {
        let out = edit(&mut self.cloud);
        self.update_angle();
        out
    }

    pub fn history(&self) -> &History<RECORD> {
        &self.history
    }

    /// The history as step, |w|, angle to PC1 (degrees), w.x, w.y per record (charts, CSV).
    pub fn records(&self) -> impl Iterator<Item = [f64; 5]> + '_ {
        self.history.as_slice().chunks_exact(RECORD).scan(0.0, |last, r| {
            *last = angle_between(r[2], r[3], *last);
            Some([r[0], r[1], *last, r[4], r[5]])
        })
    }

    pub fn stats(&self) -> &Stats {
        self.cloud.stats()
    }

    /// The averaged map's factors (μ1, μ2) along e1 and e2 ([`rules::eigen_factors`]).
    pub fn factors(&self) -> [f64; 2] {
        let s = self.cloud.stats();
        rules::eigen_factors(self.rule, self.eta, self.alpha, s.lambda1, s.lambda2)
    }

    /// The online tipping point α* of decay on this cloud at this η.
    pub fn alpha_star(&self) -> f64 {
        let s = self.cloud.stats();
        rules::decay_online_tipping_point(s.lambda1, s.fourth1, self.eta)
    }

    /// The averaged update E[Δw] on a `grid`×`grid` lattice over [−half, half]²:
    /// records (w.x, w.y, Δ.x, Δ.y) written into `out`.
    pub fn flow_field(&self, half: f64, grid: usize, out: &mut Vec<f64>) {
        out.clear();
        let cov = self.cloud.stats().cov;
        for r in 0..grid {
            for c in 0..grid {
                let at = |k: usize| -half + 2.0 * half * (k as f64 + 0.5) / grid as f64;
                let w = [at(c), at(r)];
                let d = rules::averaged_update(self.rule, &w, &cov, self.eta, self.alpha);
                out.extend_from_slice(&[w[0], w[1], d[0], d[1]]);
            }
        }
    }
}

impl Run for NeuronRun {
    fn readout_names(&self) -> &'static [&'static str] {
        if self.rule == Rule::Decay {
            &DECAY_READOUTS
        } else {
            &READOUTS
        }
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    /// Presents up to `steps` samples, stopping at `until` or at divergence; returns steps done.
    fn advance(&mut self, steps: u64) -> u64 {
        let steps = self.clock.budget(steps);
        if self.cloud.is_empty() {
            return 0;
        }
        let (eta, alpha) = (self.eta, self.alpha);
        let done = match self.rule {
            Rule::Hebb => self.present(steps, |w, x| rules::hebb_step(w, x, eta)),
            Rule::Decay => self.present(steps, |w, x| rules::decay_step(w, x, eta, alpha)),
            Rule::Oja => self.present(steps, |w, x| rules::oja_step(w, x, eta)),
        };
        self.update_angle();
        self.catch_up_ghost();
        self.clock.check_until(false);
        done
    }

    /// Back to the start weight at step 0 on the same data.
    fn restart(&mut self) {
        self.w = self.w_start;
        self.clock.restart();
        self.picks.rewind();
        self.history.clear();
        if let Some(g) = &mut self.ghost {
            (g.w, g.step, g.stalled) = (self.w_start, 0, false);
            g.history.clear();
        }
        self.angle = 0.0;
        self.update_angle();
        self.record();
        self.clock.check_until(false);
    }

    /// The readouts of the contract, in the order of [`NeuronRun::readout_names`].
    fn readouts(&self) -> Vec<f64> {
        let s = self.cloud.stats();
        let n2 = dot(&self.w, &self.w);
        let captured = if n2 > 0.0 && s.trace() > 0.0 {
            dot(&self.w, &rules::mat_vec(&s.cov, &self.w)) / (n2 * s.trace())
        } else {
            0.0
        };
        let mut r = vec![self.clock.step as f64, n2.sqrt(), self.angle, s.lambda1, s.lambda2, captured];
        if self.rule == Rule::Decay {
            r.push(self.alpha_star());
        }
        let [mu1, mu2] = self.factors();
        r.extend_from_slice(&[dot(&self.w, &s.e1), dot(&self.w, &s.e2), mu1, mu2]);
        r
    }

    /// Rates act on the running trajectory; the data keys swap the data under the running weight.
    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            "alpha" => self.alpha = p.num("alpha"),
            "n" | "l1" | "l2" | "theta" | "preset" => self.regenerate(p),
            _ => return false,
        }
        true
    }

    /// Where the sliders mark the science: η = 1/λ1 (averaged Oja stability), η = 2/max|x|²
    /// (past it one online step can throw w out: necessary, not sufficient), η = 2/(α − λ2)
    /// (decay flips sign); α = λ2, α = λ1 (the averaged map's tipping point) and α* (the online
    /// run's).
    fn marks(&self) -> Vec<Mark> {
        let s = self.cloud.stats();
        let mut m = Vec::new();
        match self.rule {
            Rule::Oja => {
                m.push(("eta", 1.0 / s.lambda1, "1/λ1"));
                m.push(("eta", 2.0 / s.max_sq, "2/max|x|²"));
            }
            Rule::Decay => {
                if self.alpha > s.lambda2 {
                    m.push(("eta", 2.0 / (self.alpha - s.lambda2), "2/(α−λ2)"));
                }
                m.push(("alpha", s.lambda2, "λ2"));
                m.push(("alpha", s.lambda1, "λ1"));
                m.push(("alpha", self.alpha_star(), "α*"));
            }
            Rule::Hebb => {}
        }
        m.retain(|(_, v, _)| v.is_finite());
        m
    }

    /// Step, w1, w2, norm, angle.
    fn trajectory(&self) -> Trajectory {
        let r = self.readouts();
        // Laid out like `records`: step, |w|, angle, w.x, w.y.
        let now = [r[0], r[1], r[2], self.w[0], self.w[1]];
        let records: Vec<f64> = self.records().flatten().collect();
        Trajectory::table(&["step", "w1", "w2", "norm", "angle"], &records, 5, &[0, 3, 4, 1, 2], Some(&now))
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.w.iter().for_each(|&v| h.add(v));
        if let Some(g) = &self.ghost {
            g.w.iter().for_each(|&v| h.add(v));
        }
    }
}

pub(super) fn shape(p: &Params) -> Shape<'_> {
    Shape {
        preset: p.text("preset"),
        n: p.num("n") as usize,
        l1: p.num("l1"),
        l2: p.num("l2"),
        theta_deg: p.num("theta"),
    }
}

fn fmt(x: f64) -> String {
    format!("{}", libm::round(x * 1000.0) / 1000.0)
}

/// 12 → "¹²", as printed maths writes a power of ten.
fn superscript(n: i64) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect()
}
