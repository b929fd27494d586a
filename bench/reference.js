// Plain-JS references for the benchmark kernels, written the way a typical explorable would write
// them: typed-array loops, no tricks. Benchmark code only: the product's maths lives in Rust
// (src/rules.rs, src/hopfield.rs); these exist to race it on the same data and to check that the
// race is fair (same results).

/**
 * One online Oja pass: for each pick k, x = points[picks[k]], y = w·x, Δw = η y (x − y w).
 * The operations are in the order of `rules::oja_step` (y = w0 x0 + w1 x1, then
 * w_i += (η y)(x_i − y w_i)), so the result matches the core bit for bit.
 * @param {Float64Array} points centred (x, y) pairs
 * @param {Uint32Array} picks sample indices
 * @param {Float64Array} w start weight (2 numbers), updated in place
 */
export function ojaEpoch(points, picks, w, eta) {
  let w0 = w[0];
  let w1 = w[1];
  for (let k = 0; k < picks.length; k++) {
    const i = 2 * picks[k];
    const x0 = points[i];
    const x1 = points[i + 1];
    const y = w0 * x0 + w1 * x1;
    w0 += eta * y * (x0 - y * w0);
    w1 += eta * y * (x1 - y * w1);
  }
  w[0] = w0;
  w[1] = w1;
  return w;
}

/**
 * The same pass as a typical page writes it when nobody hands it the picks: a Math.random()
 * sample each step. Timed for context only (its results are random, so not compared).
 */
export function ojaEpochRandom(points, steps, w, eta) {
  const n = points.length / 2;
  let w0 = w[0];
  let w1 = w[1];
  for (let k = 0; k < steps; k++) {
    const i = 2 * Math.floor(Math.random() * n);
    const x0 = points[i];
    const x1 = points[i + 1];
    const y = w0 * x0 + w1 * x1;
    w0 += eta * y * (x0 - y * w0);
    w1 += eta * y * (x1 - y * w1);
  }
  w[0] = w0;
  w[1] = w1;
  return w;
}

/** W = Σ_μ ξ^μ ξ^μᵀ with a zero diagonal, N × N, row-major. `patterns` is P × N, ±1. */
export function hebbWeights(patterns, p, n, w = new Float32Array(n * n)) {
  w.fill(0);
  for (let mu = 0; mu < p; mu++) {
    const base = mu * n;
    for (let i = 0; i < n; i++) {
      const xi = patterns[base + i];
      const row = i * n;
      for (let j = 0; j < n; j++) w[row + j] += xi * patterns[base + j];
    }
  }
  for (let i = 0; i < n; i++) w[i * n + i] = 0;
  return w;
}

/**
 * One asynchronous sweep in the given order: for each i, h = Σ_j W_ij s_j, s_i = sign(h)
 * (unchanged when h = 0). Returns the number of flips.
 */
export function sweepAsync(w, s, order, n) {
  let flips = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const row = i * n;
    let h = 0;
    for (let j = 0; j < n; j++) h += w[row + j] * s[j];
    const next = h > 0 ? 1 : h < 0 ? -1 : s[i];
    if (next !== s[i]) {
      s[i] = next;
      flips++;
    }
  }
  return flips;
}

/** mulberry32: a small seeded generator, uniform on [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of `order` in place. */
export function shuffle(order, rand) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/**
 * The capacity curve as the core's `capacity_curve` kernel defines it, with its own random
 * numbers: N = 400, P = 4, 8, …, 80, 5 trials each; per trial, P random ±1 patterns are stored
 * and recall starts from every one of them, by asynchronous sweeps in a fresh random order until
 * a sweep flips nothing or 150 sweeps have run (the core's MAX_SWEEPS). Returns the mean wrong-bit fraction at each P.
 */
export function capacityCurve(seed = 1, { n = 400, pMax = 80, pStep = 4, trials = 5, maxSweeps = 150 } = {}) {
  const rand = mulberry32(seed);
  const w = new Float32Array(n * n);
  const patterns = new Float32Array(pMax * n);
  const s = new Float32Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const curve = [];
  for (let p = pStep; p <= pMax; p += pStep) {
    let wrong = 0;
    for (let trial = 0; trial < trials; trial++) {
      for (let k = 0; k < p * n; k++) patterns[k] = rand() < 0.5 ? -1 : 1;
      hebbWeights(patterns, p, n, w);
      let trialWrong = 0;
      for (let mu = 0; mu < p; mu++) {
        const xi = patterns.subarray(mu * n, (mu + 1) * n);
        s.set(xi);
        for (let sweep = 0; sweep < maxSweeps; sweep++) {
          shuffle(order, rand);
          if (sweepAsync(w, s, order, n) === 0) break;
        }
        let bad = 0;
        for (let i = 0; i < n; i++) if (s[i] !== xi[i]) bad++;
        trialWrong += bad / n;
      }
      wrong += trialWrong / p / trials;
    }
    curve.push(wrong);
  }
  return curve;
}

/**
 * One simulated second of the core's `stdp_second` kernel (src/science/stdp.rs), with its own
 * random numbers: K Poisson inputs at `rate` Hz, the first `group` copying a common source with
 * probability √c, onto a linear Poisson neuron (ρ = ν₀ + (G/K)·psp per ms), additive STDP with
 * traces in the core's order of events. `state` (from stdpState) carries the weights, traces and
 * potential; returns the output spikes of the second.
 */
export function stdpSecond(state, rand, { rate = 10, group = 20, corr = 0.1, aPlus = 0.005, ratio = 1.05 } = {}) {
  const { w, pre } = state;
  const k = w.length;
  const p = rate / 1000;
  const q = Math.sqrt(corr);
  const own = q + (1 - q) * p;
  const g = 10 / k;
  const aMinus = aPlus * ratio;
  const d = Math.exp(-1 / 20);
  const dPsp = Math.exp(-1 / 5);
  let posts = 0;
  for (let t = 0; t < 1000; t++) {
    const post = rand() < 0.002 + g * state.psp;
    const common = rand() < p;
    if (post) {
      posts++;
      for (let i = 0; i < k; i++) w[i] = Math.min(1, w[i] + aPlus * pre[i]);
    }
    const depress = aMinus * state.post;
    let injected = 0;
    for (let i = 0; i < k; i++) {
      const u = rand();
      const spike = i < group ? (u < q ? common : u < own) : u < p;
      if (spike) {
        injected += w[i];
        w[i] = Math.max(0, w[i] - depress);
        pre[i] += 1;
      }
      pre[i] *= d;
    }
    if (post) state.post += 1;
    state.post *= d;
    state.psp = state.psp * dPsp + (1 - dPsp) * injected;
  }
  return posts;
}

/** The `stdp_second` start: K weights at g_max/2, empty traces. */
export function stdpState(k = 100) {
  return { w: new Float64Array(k).fill(0.5), pre: new Float64Array(k), post: 0, psp: 0 };
}

/**
 * The basins diagram as the core's `basins_diagram` kernel defines it, with its own random
 * numbers: N = 256, 15 loads P/N = 0.02…0.30, 2 trials each; per trial, P = round(αN) random
 * ±1 patterns are stored and recall starts once from a cue of each overlap m₀ = 0.1, 0.2, …, 1
 * (cue j from pattern j mod P, with round(N(1 − m₀)/2) bits flipped), by asynchronous sweeps
 * until one flips nothing or 150 have run; a recall ending with at most 1 % of its bits wrong
 * counts. Returns the fraction recalled per cell, load by load.
 */
export function basinsDiagram(seed = 1, { n = 256, trials = 2, maxSweeps = 150 } = {}) {
  const rand = mulberry32(seed);
  const loads = Array.from({ length: 15 }, (_, k) => 0.02 + (0.28 * k) / 14);
  const overlaps = Array.from({ length: 10 }, (_, j) => 0.1 + (0.9 * j) / 9);
  const pMax = Math.round(0.3 * n);
  const w = new Float32Array(n * n);
  const patterns = new Float32Array(pMax * n);
  const s = new Float32Array(n);
  const order = new Uint32Array(n);
  const flips = new Uint32Array(n);
  const cells = [];
  for (const load of loads) {
    const p = Math.max(1, Math.round(load * n));
    const row = new Array(overlaps.length).fill(0);
    for (let trial = 0; trial < trials; trial++) {
      for (let k = 0; k < p * n; k++) patterns[k] = rand() < 0.5 ? -1 : 1;
      hebbWeights(patterns, p, n, w);
      overlaps.forEach((m0, j) => {
        const mu = j % p;
        const xi = patterns.subarray(mu * n, (mu + 1) * n);
        s.set(xi);
        for (let i = 0; i < n; i++) flips[i] = i;
        shuffle(flips, rand);
        const k = Math.round((n * (1 - m0)) / 2);
        for (let i = 0; i < k; i++) s[flips[i]] = -s[flips[i]];
        for (let i = 0; i < n; i++) order[i] = i;
        for (let sweep = 0; sweep < maxSweeps; sweep++) {
          shuffle(order, rand);
          if (sweepAsync(w, s, order, n) === 0) break;
        }
        let bad = 0;
        for (let i = 0; i < n; i++) if (s[i] !== xi[i]) bad++;
        if (bad / n <= 0.01) row[j] += 1 / trials;
      });
    }
    cells.push(...row);
  }
  return cells;
}
