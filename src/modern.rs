//! Modern (dense, continuous) Hopfield retrieval, Ramsauer et al. 2020 (SCIENCE.md §10):
//! ξ ← X softmax(β Xᵀ ξ), with X the N × P matrix of stored ±1 patterns and β on the raw dot
//! products (no 1/N).

#[derive(Clone, Debug)]
pub struct Modern {
    n: usize,
    /// Stored patterns, P × N (row μ is pattern μ, i.e. column μ of X).
    patterns: Vec<f64>,
    /// The continuous state ξ.
    state: Vec<f64>,
    /// softmax(β Xᵀ ξ) of the last update: how much each stored pattern contributes.
    weights: Vec<f64>,
    pub beta: f64,
}

impl Modern {
    pub fn new(n: usize, patterns: &[i8], beta: f64) -> Modern {
        let p = patterns.len() / n;
        Modern {
            n,
            patterns: patterns.iter().map(|&v| v as f64).collect(),
            state: vec![0.0; n],
            weights: vec![0.0; p],
            beta,
        }
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

    pub fn pattern(&self, mu: usize) -> &[f64] {
        &self.patterns[mu * self.n..(mu + 1) * self.n]
    }

    /// softmax(β Xᵀ ξ) for the current state.
    pub fn softmax_weights(&self) -> &[f64] {
        &self.weights
    }

    fn update_weights(&mut self) {
        let n = self.n;
        for (mu, wt) in self.weights.iter_mut().enumerate() {
            let x = &self.patterns[mu * n..(mu + 1) * n];
            *wt = self.beta * x.iter().zip(&self.state).map(|(a, b)| a * b).sum::<f64>();
        }
        // Subtract the max so exp never overflows, whatever β.
        let max = self
            .weights
            .iter()
            .cloned()
            .fold(f64::NEG_INFINITY, f64::max);
        let mut total = 0.0;
        for wt in &mut self.weights {
            *wt = libm::exp(*wt - max);
            total += *wt;
        }
        for wt in &mut self.weights {
            *wt /= total;
        }
    }

    /// One retrieval update ξ ← X softmax(β Xᵀ ξ); returns the largest change of any component.
    pub fn update(&mut self) -> f64 {
        self.update_weights();
        let n = self.n;
        let mut change = 0.0f64;
        for i in 0..n {
            let v: f64 = self
                .weights
                .iter()
                .enumerate()
                .map(|(mu, w)| w * self.patterns[mu * n + i])
                .sum();
            change = change.max((v - self.state[i]).abs());
            self.state[i] = v;
        }
        self.update_weights();
        change
    }

    /// Cosine between the state and pattern μ (for ±1 states, the overlap m).
    pub fn overlap(&self, mu: usize) -> f64 {
        cosine(&self.state, self.pattern(mu))
    }

    /// Fraction of components whose sign differs from pattern μ.
    pub fn wrong_bits(&self, mu: usize) -> f64 {
        let p = self.pattern(mu);
        self.state
            .iter()
            .zip(p)
            .filter(|(s, x)| **s * **x <= 0.0)
            .count() as f64
            / self.n as f64
    }

    /// Energy −(1/β) log Σ exp(β xᵀξ) + ½ ξᵀξ (+ constants), which each update lowers.
    pub fn energy(&self) -> f64 {
        let n = self.n;
        let dots: Vec<f64> = (0..self.len())
            .map(|mu| {
                self.patterns[mu * n..(mu + 1) * n]
                    .iter()
                    .zip(&self.state)
                    .map(|(a, b)| a * b)
                    .sum()
            })
            .collect();
        let max = dots.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let lse = max
            + libm::log(
                dots.iter()
                    .map(|d| libm::exp(self.beta * (d - max)))
                    .sum::<f64>(),
            ) / self.beta;
        -lse + 0.5 * self.state.iter().map(|x| x * x).sum::<f64>()
    }
}

pub fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f64 = a.iter().map(|x| x * x).sum();
    let nb: f64 = b.iter().map(|x| x * x).sum();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / libm::sqrt(na * nb)
    }
}
