//! The run behind `abstraction`: M learners on one world (`everything` or `trees`), and as many
//! on the other world, each with its own start and its own stream of samples. One step = one
//! sample presented to every learner of both worlds (docs/contract.md#steps).

use super::clock::{group, runaway, Clock, Fnv, Status};
use super::history::History;
use super::Run;
use crate::params::Params;
use crate::science::abstraction::{balancing_alpha, mean_line, spread, Learner, RuleName, Which, World, MIXED};
use crate::science::many::line_angle;
use crate::science::rng::{Rng, Stream};

pub const ABSTRACTION_READOUTS: [&str; 6] =
    ["step", "spread", "angle", "separation", "tree-variance", "between-worlds"];

/// Rng streams past the named ones: learner i of the shown world draws from stream
/// `LEARNER_STREAMS + i`, learner i of the other world from `LEARNER_STREAMS + MAX_AGENTS + i`.
const LEARNER_STREAMS: u64 = 16;
const MAX_AGENTS: u64 = 64;

/// The `state` buffer: d, agents, trees (the first rows of `points`), the world shown (0
/// everything, 1 trees).
pub const STATE: usize = 4;

#[derive(Clone, Debug)]
pub struct AbstractionRun {
    world: World,
    which: Which,
    eta: f64,
    /// The decay learners' balancing α in the shown world and in the other.
    alpha: [f64; 2],
    /// The learners of the shown world and of the other one, and their starts.
    here: Vec<Learner>,
    there: Vec<Learner>,
    start: (Vec<Learner>, Vec<Learner>),
    clock: Clock,
    history: History<6>,
    /// Display buffers, refreshed after each advance.
    points: Vec<f64>,
    lines: Vec<f64>,
    directions: Vec<f64>,
    axes: Vec<f64>,
    mean: Vec<f64>,
    other: Vec<f64>,
    pc1: Vec<f64>,
    spread: f64,
    state: [f64; STATE],
}

fn which(p: &Params) -> Which {
    if p.text("world") == "trees" {
        Which::Trees
    } else {
        Which::Everything
    }
}

fn other(w: Which) -> Which {
    match w {
        Which::Everything => Which::Trees,
        Which::Trees => Which::Everything,
    }
}

/// M learners, all Oja or cycling through the five rules, each from its own stream.
fn group_of(p: &Params, d: usize, first_stream: u64) -> Vec<Learner> {
    let mixed = p.text("rules") == "mixed";
    (0..p.num("agents") as usize)
        .map(|i| {
            let rule = if mixed { MIXED[i % MIXED.len()] } else { RuleName::Oja };
            Learner::new(rule, d, &mut Rng::with_stream(p.seed(), first_stream + i as u64))
        })
        .collect()
}

impl AbstractionRun {
    pub fn new(p: &Params) -> AbstractionRun {
        let d = p.num("d") as usize;
        let world =
            World::new(d, p.num("fraction"), p.num("gap"), p.num("branching"), &mut Rng::new(p.seed(), Stream::Data));
        let d = world.d;
        let here = group_of(p, d, LEARNER_STREAMS);
        let there = group_of(p, d, LEARNER_STREAMS + MAX_AGENTS);
        let (e1, e2) = (&world.everything.pc1, &world.everything.pc2);
        let points = world
            .points
            .chunks(d)
            .flat_map(|r| {
                let c: Vec<f64> = r.iter().zip(&world.everything.mean).map(|(a, m)| a - m).collect();
                [dot(&c, e1), dot(&c, e2)]
            })
            .collect();
        let mut run = AbstractionRun {
            which: which(p),
            eta: p.num("eta"),
            alpha: [0.0; 2],
            start: (here.clone(), there.clone()),
            here,
            there,
            clock: Clock::new(p.num("until") as u64),
            history: History::new(),
            points,
            lines: Vec::new(),
            directions: Vec::new(),
            axes: Vec::new(),
            mean: Vec::new(),
            other: Vec::new(),
            pc1: Vec::new(),
            spread: 0.0,
            state: [d as f64, p.num("agents"), world.trees as f64, 0.0],
            world,
        };
        run.state[3] = if run.which == Which::Trees { 1.0 } else { 0.0 };
        run.set_alpha();
        run.restart();
        run
    }

    fn set_alpha(&mut self) {
        self.alpha = [
            balancing_alpha(self.world.data(self.which), self.eta),
            balancing_alpha(self.world.data(other(self.which)), self.eta),
        ];
    }

    /// The numbers the readouts read: what a record needs.
    fn measure(&mut self) {
        let d = self.world.d;
        let here: Vec<&[f64]> = self.here.iter().map(|l| l.weights(d)).collect();
        let there: Vec<&[f64]> = self.there.iter().map(|l| l.weights(d)).collect();
        self.spread = spread(&here, d);
        self.mean = mean_line(&here, d);
        self.other = aligned(mean_line(&there, d), &self.mean);
        self.pc1 = aligned(self.world.data(self.which).pc1.clone(), &self.mean);
    }

    /// Those numbers and the display buffers.
    fn refresh(&mut self) {
        self.measure();
        let d = self.world.d;
        let here: Vec<&[f64]> = self.here.iter().map(|l| l.weights(d)).collect();
        self.directions.clear();
        for l in &here {
            let n = dot(l, l).sqrt();
            let s = if dot(l, &self.mean) < 0.0 { -1.0 } else { 1.0 } / if n > 0.0 { n } else { 1.0 };
            self.directions.extend(l.iter().map(|v| s * v));
        }
        let (e1, e2) = (&self.world.everything.pc1, &self.world.everything.pc2);
        self.lines = self.directions.chunks(d).flat_map(|u| [dot(u, e1), dot(u, e2)]).collect();
        let centre: Vec<f64> =
            (self.world.data(self.which).mean.iter()).zip(&self.world.everything.mean).map(|(a, b)| a - b).collect();
        self.axes =
            [&centre, &self.mean, &self.other, &self.pc1].iter().flat_map(|u| [dot(u, e1), dot(u, e2)]).collect();
    }

    fn now(&self) -> [f64; 6] {
        let angle = self.here.iter().map(|l| line_angle(l.weights(self.world.d), &self.pc1)).sum::<f64>()
            / self.here.len().max(1) as f64;
        [
            self.clock.step as f64,
            self.spread,
            angle,
            self.world.separation(&self.mean),
            self.world.tree_variance(&self.mean),
            line_angle(&self.mean, &self.other),
        ]
    }

    /// Up to `steps` samples, stopping early where a record is due or a weight ran away.
    fn run_until_record(&mut self, steps: u64) -> u64 {
        let d = self.world.d;
        let (here, there) = (self.world.data(self.which), self.world.data(other(self.which)));
        let mut done = 0;
        while done < steps {
            for l in &mut self.here {
                l.step(here, d, self.eta, self.alpha[0]);
            }
            for l in &mut self.there {
                l.step(there, d, self.eta, self.alpha[1]);
            }
            self.clock.step += 1;
            done += 1;
            if let Some(l) = self.here.iter().chain(&self.there).find(|l| l.parts().iter().any(|v| runaway(v))) {
                let why = format!(
                    "η·λ1 = {:.2}: a learner's weights ({:?}) ran away after {} samples",
                    self.eta * here.lambda1.max(there.lambda1),
                    l.rule,
                    group(self.clock.step)
                );
                self.clock.diverge(why);
                break;
            }
            if self.history.due(self.clock.step) {
                break;
            }
        }
        done
    }

    fn record(&mut self) {
        self.measure();
        let r = self.now();
        self.history.push(self.clock.step, r);
    }
}

/// `v` with its sign along `along`'s.
fn aligned(mut v: Vec<f64>, along: &[f64]) -> Vec<f64> {
    if dot(&v, along) < 0.0 {
        v.iter_mut().for_each(|x| *x = -*x);
    }
    v
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Run for AbstractionRun {
    fn readout_names(&self) -> &'static [&'static str] {
        &ABSTRACTION_READOUTS
    }

    fn clock(&self) -> &Clock {
        &self.clock
    }

    fn clock_mut(&mut self) -> &mut Clock {
        &mut self.clock
    }

    fn restart(&mut self) {
        (self.here, self.there) = self.start.clone();
        self.clock.restart();
        self.history.clear();
        self.record();
        self.refresh();
        self.clock.check_until(false);
    }

    fn advance(&mut self, steps: u64) -> u64 {
        let steps = self.clock.budget(steps);
        let mut done = 0;
        while done < steps && self.clock.status == Status::Ready {
            done += self.run_until_record(steps - done);
            if self.history.due(self.clock.step) && self.clock.status == Status::Ready {
                self.record();
            }
        }
        self.refresh();
        self.clock.check_until(false);
        done
    }

    fn readouts(&self) -> Vec<f64> {
        self.now().to_vec()
    }

    /// `points` (every point on the plane of everything's top two directions, trees first),
    /// `lines` (each learner's unit direction on that plane), `directions` (each learner's unit
    /// direction, d components), `mean`, `other` and `pc1` (d components: the shown world's mean
    /// line, the other world's, the shown world's PC1), `axes` (the shown world's centre, then
    /// those three, on the plane),
    /// `state` (see [`STATE`]) and `series`.
    fn buffer(&self, name: &str) -> &[f64] {
        match name {
            "points" => &self.points,
            "lines" => &self.lines,
            "directions" => &self.directions,
            "mean" => &self.mean,
            "other" => &self.other,
            "pc1" => &self.pc1,
            "axes" => &self.axes,
            "state" => &self.state,
            "series" => self.history.as_slice(),
            _ => &[],
        }
    }

    /// η acts on the running learners (and moves the decay learners' balancing α with it).
    fn set_live(&mut self, key: &str, p: &Params) -> bool {
        match key {
            "eta" => self.eta = p.num("eta"),
            _ => return false,
        }
        self.set_alpha();
        true
    }

    fn add_to_hash(&self, h: &mut Fnv) {
        self.here.iter().chain(&self.there).flat_map(|l| l.parts()).flatten().for_each(|&v| h.add(v));
    }
}
