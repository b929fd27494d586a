//! Modern (dense, continuous) Hopfield retrieval, Ramsauer et al. 2020 (docs/science.md#modern):
//! ξ ← X softmax(β Xᵀ ξ), with X the N × P matrix of stored ±1 patterns and β on the raw dot
//! products (no 1/N).

#[derive(Clone, Debug)]
pub struct Modern {
    n: usize,
    /// Stored patterns, P × N, ±1 (row μ is pattern μ, i.e. column μ of X).
    patterns: Vec<i8>,
    /// The continuous state ξ.
    state: Vec<f64>,
    /// Xᵀ ξ for the current state.
    dots: Vec<f64>,
    /// softmax(β Xᵀ ξ) for the current state: how much each stored pattern contributes.
    weights: Vec<f64>,
    /// The next state, built here so an update allocates nothing.
    next: Vec<f64>,
    pub beta: f64,
    /// Xᵀ of the next state, likewise.
    next_dots: Vec<f64>,
    /// How far the update under way is: patterns summed into `next` (0..P), then the next
    /// state's dot products done (P..2P). 0 between updates; the state, its dot products and
    /// weights stay those of the last whole update until the next one is done.
    done: usize,
}

impl Modern {
    pub fn new(n: usize, patterns: &[i8], beta: f64) -> Modern {
        let p = patterns.len() / n;
        let mut m = Modern {
            n,
            patterns: patterns[..p * n].to_vec(),
            state: vec![0.0; n],
            dots: vec![0.0; p],
            weights: vec![0.0; p],
            next: vec![0.0; n],
            beta,
            next_dots: vec![0.0; p],
            done: 0,
        };
        m.update_weights();
        m
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    pub fn state(&self) -> &[f64] {
        &self.state
    }

    pub fn set_state(&mut self, s: &[f64]) {
        self.state.copy_from_slice(s);
        self.update_weights();
    }

    pub fn pattern(&self, mu: usize) -> &[i8] {
        &self.patterns[mu * self.n..(mu + 1) * self.n]
    }

    /// softmax(β Xᵀ ξ) for the current state.
    pub fn softmax_weights(&self) -> &[f64] {
        &self.weights
    }

    fn update_weights(&mut self) {
        self.done = 0;
        let n = self.n;
        for (d, x) in self.dots.iter_mut().zip(self.patterns.chunks_exact(n)) {
            *d = x.iter().zip(&self.state).map(|(&a, b)| a as f64 * b).sum();
        }
        self.softmax();
    }

    fn softmax(&mut self) {
        // Subtract the max so exp never overflows, whatever β.
        let max = self.dots.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let mut total = 0.0;
        for (w, d) in self.weights.iter_mut().zip(&self.dots) {
            *w = libm::exp(self.beta * (d - max));
            total += *w;
        }
        for w in &mut self.weights {
            *w /= total;
        }
    }

    /// One retrieval update ξ ← X softmax(β Xᵀ ξ); returns the largest change of any component.
    pub fn update(&mut self) -> f64 {
        let mut work = usize::MAX;
        loop {
            if let Some(change) = self.update_part(&mut work) {
                return change;
            }
        }
    }

    /// Up to `work` pattern passes of the update under way (each reads one stored pattern: 2P
    /// make an update), taken off `work`, so a large memory's update can be spread over frames;
    /// the sums run in the same order however it is split. Returns the largest change once the
    /// update is done.
    pub fn update_part(&mut self, work: &mut usize) -> Option<f64> {
        let (n, p) = (self.n, self.len());
        if self.done == 0 {
            self.next.fill(0.0);
        }
        if self.done < p {
            let end = p.min(self.done.saturating_add(*work));
            for mu in self.done..end {
                let (w, x) = (self.weights[mu], &self.patterns[mu * n..(mu + 1) * n]);
                for (v, &xi) in self.next.iter_mut().zip(x) {
                    *v += w * xi as f64;
                }
            }
            *work -= end - self.done;
            self.done = end;
        }
        let end = (2 * p).min(self.done.saturating_add(*work));
        for mu in self.done.max(p) - p..end.max(p) - p {
            let x = &self.patterns[mu * n..(mu + 1) * n];
            self.next_dots[mu] = x.iter().zip(&self.next).map(|(&a, b)| a as f64 * b).sum();
        }
        *work -= end.max(self.done) - self.done;
        self.done = end.max(self.done);
        if self.done < 2 * p {
            return None;
        }
        let change = self.next.iter().zip(&self.state).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        std::mem::swap(&mut self.state, &mut self.next);
        std::mem::swap(&mut self.dots, &mut self.next_dots);
        self.softmax();
        self.done = 0;
        Some(change)
    }

    /// Pattern passes of the update under way done so far (0 between updates).
    pub fn progress(&self) -> usize {
        self.done
    }

    /// Cosine between the state and pattern μ (for ±1 states, the overlap m).
    pub fn overlap(&self, mu: usize) -> f64 {
        let norm = (self.state.iter().map(|x| x * x).sum::<f64>() * self.n as f64).sqrt();
        if norm == 0.0 {
            0.0
        } else {
            self.dots[mu] / norm
        }
    }

    /// Fraction of components whose sign differs from pattern μ.
    pub fn wrong_bits(&self, mu: usize) -> f64 {
        let p = self.pattern(mu);
        self.state.iter().zip(p).filter(|(s, &x)| **s * x as f64 <= 0.0).count() as f64 / self.n as f64
    }

    /// Energy −(1/β) log Σ exp(β xᵀξ) + ½ ξᵀξ (+ constants), which each update lowers.
    pub fn energy(&self) -> f64 {
        let max = self.dots.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = self.dots.iter().map(|d| libm::exp(self.beta * (d - max))).sum();
        let lse = max + libm::log(sum) / self.beta;
        -lse + 0.5 * self.state.iter().map(|x| x * x).sum::<f64>()
    }
}

/// Cosine similarity of two vectors (0 when either is zero).
pub fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f64 = a.iter().map(|x| x * x).sum();
    let nb: f64 = b.iter().map(|x| x * x).sum();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb).sqrt()
    }
}
