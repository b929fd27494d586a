// The look of the circuit family: many neurons learning principal components (`gha`,
// `subspace`, `similarity`), all-to-all recurrent Hebb (`recurrent`), a BCM neuron with its
// sliding threshold (`bcm`), and a sparse network that grows and prunes synapses (`prune`).
// The element (hebb-widget.js) owns the controls, readouts, status, actions and the frame loop;
// this module fills the picture area and says what one frame of running means (`speed` samples).
// Every number shown comes from a Rust buffer or readout; JS only lays out and colours.

import { worked_example } from './pkg/hebb.js';
import {
  drawPlane,
  drawMatrix,
  drawGraph,
  sequential,
  diverging,
  INPUT_COLOURS,
} from './draw-circuit.js';
import { grouped, human } from './format.js';
import { advanceWithin } from './pace.js';
import { el, figure as domFigure, fitCanvas } from './dom.js';

/** Rule, equation and a hint for each kind (the page's words, not its maths). */
const KIND_TEXT = {
  gha: {
    title: 'Many neurons in order: Sanger’s rule (GHA)',
    rule: 'ΔW = η (y xᵀ − LT[y yᵀ] W),  y = W x',
    hint: 'Neuron 1 runs Oja’s rule; each later neuron runs it on what the neurons before it leave unexplained. So the rows line up with the principal axes one by one: w1 on PC1, w2 on PC2, and so on.',
  },
  subspace: {
    title: 'Many neurons together: Oja’s subspace rule',
    rule: 'ΔW = η (y xᵀ − y yᵀ W),  y = W x',
    hint: 'Every neuron subtracts what all of them explain together. The rows end up orthonormal and spanning the top-k subspace, but in any rotation inside it: the angles need not shrink; the subspace error does.',
  },
  similarity: {
    title: 'Similarity matching',
    rule: 'y = M⁻¹W x,  ΔW = η (y xᵀ − W),  ΔM = (η/τ)(y yᵀ − M)',
    hint: 'Feed-forward weights W grow with input–output correlations, lateral weights M with output–output ones. The effective filters M⁻¹W span the principal subspace, and the eigenvalues of M become the data’s top variances.',
  },
  recurrent: {
    title: 'Recurrent Hebb with decay',
    rule: 'Δwᵢⱼ = η (xᵢ xⱼ − α wᵢⱼ)  →  W = C / α',
    hint: 'Every pair of neurons learns how often they are active together, and the leak α stops the growth, so W fills in towards C/α. While it learns, each neuron’s activity is its input alone. The gains then send a pattern through W once (open loop), or let it circulate in the loop r = u + W r until it settles at (I − W)⁻¹u (closed loop), which happens only while α is above λ1, the largest eigenvalue of C (with the y² decay never: W’s eigenvalues then average 1).',
  },
  bcm: {
    title: 'BCM: a sliding threshold',
    rule: 'Δw = η x y (y − θ),  θ ← θ + (y² − θ) / τθ',
    hint: 'A response above θ grows, one below θ shrinks, and θ follows the average of y². The neuron ends up answering one input and ignoring the rest, as long as θ keeps up with the weights.',
  },
  prune: {
    title: 'Growth and pruning',
    rule: 'Δw = η x y − γ w,  cut when |w| < w_min,  grow up to K_max',
    hint: 'Synapses strengthen with correlated activity and leak with decay; weak ones are cut, and new ones sprout, never more than K_max at a time. At the cap a new synapse replaces the weakest one.',
  },
};

const pct = (v) => `${(v * 100).toFixed(Math.abs(v) < 0.1 ? 2 : 1)} %`;
/** A number with a real minus sign. */
const signed = (s) => s.replace(/^-/, '−');

const STATUS_TEXT = {
  running: 'Running: every step presents one sample. These rules never stop by themselves.',
  ready: 'Ready: press play (Space) or step (→, one sample).',
  paused: 'Paused: Space plays, → presents one sample.',
  until: 'Stopped at the step set by “until”; reset to run again.',
  converged: 'Converged.',
  diverged: 'Diverged:',
};

/** ms a grown or pruned synapse stays marked in the graph, and how many of each at most. */
const FADE_MS = 700;
const MARKS = 3;
/** Tip positions kept per neuron for the faint trail in the plane. */
const TRAIL = 160;

/** A canvas in a figure with a caption, in this view's classes. */
function figure(className, caption, label) {
  return domFigure('hw-c', className, caption, label);
}

/** A short decimal for the worked example: 0.010000000000000002 → "0.01", −0.5 → "−0.5". */
function short(v) {
  return signed(String(Number(v.toPrecision(8))));
}

const vec = (a, b) => `[${short(a)}, ${short(b)}]`;

export class CircuitFamilyView {
  /**
   * @param {HTMLElement} main the widget's picture area (emptied and filled here)
   * @param {object} host services of the widget (see HebbWidget.host)
   */
  constructor(main, host) {
    this.main = main;
    this.host = host;
    this.kind = '';
    this.layout = '';
    this.dirty = true;
    this.trails = [];
    this.prevAlive = null;
    this.recent = new Map();
    this.example = { step: 1, l1: false };
  }

  // ---- words ----

  words(kind) {
    const t = KIND_TEXT[kind] ?? { title: kind, rule: '', hint: '' };
    const value = (key) => this.host.schemaValue(key);
    if (kind === 'recurrent') {
      const rule = value('decay') === 'squared' ? 'Δwᵢⱼ = η (xᵢ xⱼ − xⱼ² wᵢⱼ)  →  Wᵢⱼ = Cᵢⱼ / Cⱼⱼ' : t.rule;
      return { ...t, rule: value('loop') === 'closed' ? `${rule};  closed loop r = u + W r  →  r = (I − W)⁻¹ u` : rule };
    }
    if (kind === 'prune') {
      const decay = value('decay') === 'l1' ? 'Δw = η x y − γ sign(w)' : 'Δw = η x y − γ w';
      const cut = {
        soft: 'w ← sign(w)(|w| − θ)₊',
        trace: 'cut when the trace cᵢⱼ < θ',
      }[value('rule')] ?? 'cut when |w| < θ';
      const grow = {
        random: 'grow at random up to K_max',
        none: 'no growth',
      }[value('grow')] ?? 'grow the most correlated pair, up to K_max';
      return { ...t, rule: `${decay},  ${cut},  ${grow}` };
    }
    return t;
  }

  readoutText(name, v) {
    const kind = this.kind;
    const f = kind === 'similarity' ? 'F' : 'W';
    const k = this.host.schemaValue('k') ?? 0;
    switch (name) {
      case 'step':
        return `step ${grouped(v)}`;
      case 'angle1':
        return `angle(${f.toLowerCase()}1, e1) ${v.toFixed(1)}°`;
      case 'angle2':
        return k < 2 ? 'angle 2: no second neuron' : `angle(${f.toLowerCase()}2, e2) ${v.toFixed(1)}°`;
      case 'orthogonality':
        return `‖${f}${f}ᵀ − I‖ = ${human(v, 3)}`;
      case 'subspace-error':
        return `subspace error ${human(v, 3)}`;
      case 'rel-error':
        return `error ${pct(v)}`;
      case 'gain-shared':
        return `gain, shared ${human(v, 3)}`;
      case 'gain-spurious':
        return `gain, no source ${human(v, 3)}`;
      case 'lambda1':
        return `λ1(C) = ${human(v, 3)}`;
      case 'selectivity':
        return `selectivity ${v.toFixed(3)}`;
      case 'threshold':
        return `θ = ${signed(human(v, 3))}`;
      case 'connections':
        return `synapses ${grouped(v)} of ${grouped(this.host.schemaValue('kmax') ?? 0)}`;
      case 'norm':
        return `‖W‖ = ${human(v, 3)}`;
      default:
        return undefined;
    }
  }

  readoutTitle(name) {
    const sim = this.kind === 'similarity';
    const row = sim ? 'filter' : 'neuron';
    const squared = this.host.schemaValue('decay') === 'squared';
    const closed = this.host.schemaValue('loop') === 'closed';
    const gain = closed ? '|(I − W)⁻¹ v| / |v|, the settled closed loop r = u + W r,' : '|W v| / |v|, one pass of W,';
    return {
      step: 'samples presented so far',
      angle1: `degrees between the line of ${row} 1 (row 1 of ${sim ? 'F = M⁻¹W' : 'W'}) and e1, the first principal axis`,
      angle2: `degrees between the line of ${row} 2 and e2, the second principal axis`,
      orthogonality: `‖${sim ? 'FFᵀ' : 'WWᵀ'} − I‖: 0 when the rows are orthonormal`,
      'subspace-error': 'distance between the projector onto the rows’ span and the projector onto the top-k principal subspace; 0 when they span the same subspace',
      'rel-error': squared ? '‖W − Cᵢⱼ/Cⱼⱼ‖ / ‖Cᵢⱼ/Cⱼⱼ‖' : '‖αW − C‖ / ‖C‖: how far the learned weights are from the correlations',
      'gain-shared': `${gain} for v the footprint of the first shared source on the neurons: how much the network amplifies it`,
      'gain-spurious': `${gain} for a pattern no source makes: it reaches W only through the private noise on the diagonal, wᵢᵢ = Cᵢᵢ/α`,
      lambda1: 'the largest eigenvalue of the input correlation C: a closed loop settles only while α > λ1',
      selectivity: '1 − second-largest response / largest response: 1 when a single input drives the neuron',
      threshold: 'the sliding threshold θ, a running average of y² with time constant τθ',
      connections: 'live synapses, at most K_max',
      norm: '‖W‖, the size of all live weights together',
    }[name];
  }

  statusText(status) {
    return STATUS_TEXT[status];
  }

  buttonTitles() {
    return { step: 'one sample (→)', 'new-seed': 'new data and start weights' };
  }

  // ---- reading Rust's buffers (views made afresh: any call may grow wasm memory) ----

  buf(name) {
    const sim = this.host.sim();
    return new Float64Array(this.host.buffer(), sim.buffer_ptr(name), sim.buffer_len(name));
  }

  // ---- layout ----

  /** The kind or its settings changed: a new layout when the picture changes shape. */
  configure(kind) {
    const v = (key) => this.host.schemaValue(key);
    let layout = kind;
    if (kind === 'gha' || kind === 'subspace' || kind === 'similarity') {
      layout = `${kind === 'similarity' ? 'sim' : 'pca'}-${v('d') === 2 ? 'plane' : 'matrix'}`;
    }
    this.kind = kind;
    if (layout !== this.layout) this.build(kind, layout);
    this.updateLabels();
    this.dirty = true;
  }

  build(kind, layout) {
    this.layout = layout;
    const family = layout.endsWith('plane') ? 'hw-c-plane' : layout.endsWith('matrix') ? 'hw-c-matrix' : `hw-c-${kind}`;
    this.main.className = `hw-main hw-circuit ${family}`;
    this.main.dataset.kind = kind;
    this.plane = this.overlap = this.spectrum = this.target = this.learned = null;
    this.gains = this.chart = this.resp = this.graph = this.exampleBox = null;
    this.trails = [];
    this.prevAlive = null;
    this.recent.clear();
    const readouts = this.host.readoutBox;
    const side = el('div', 'hw-c-side');

    if (layout.endsWith('plane')) {
      this.plane = figure('hw-c-planefig', '', 'The data, its principal axes and each neuron’s weight vector');
      this.overlap = figure('hw-c-small', '', 'Overlap of each neuron with each principal axis');
      const top = el('div', 'hw-c-top');
      top.append(readouts, this.overlap.fig);
      this.spectrum = this.buildSpectrum();
      side.append(top, this.spectrum.box);
      this.main.replaceChildren(this.plane.fig, side);
    } else if (layout.endsWith('matrix')) {
      this.overlap = figure('hw-c-overlapfig', '', 'Overlap of each neuron with each principal axis, 0 to 1');
      this.spectrum = this.buildSpectrum();
      side.append(readouts, this.spectrum.box);
      this.main.replaceChildren(this.overlap.fig, side);
    } else if (kind === 'recurrent') {
      const pair = el('div', 'hw-c-pairs');
      this.target = figure('hw-c-heat', '', 'The target matrix');
      this.learned = figure('hw-c-heat', '', 'The learned matrix');
      pair.append(this.target.fig, this.learned.fig);
      this.gains = this.buildGains();
      this.scaleNote = el('p', 'hw-c-note');
      side.append(readouts, this.gains.box, this.scaleNote);
      this.main.replaceChildren(pair, side);
    } else if (kind === 'bcm') {
      this.chart = el('canvas', 'hw-chart hw-c-chart', {
        role: 'img',
        'aria-label': 'The response to each input against samples, with the threshold θ dashed',
        'data-part': 'charts',
      });
      this.resp = this.buildResponses();
      side.append(this.resp.box, readouts);
      this.main.replaceChildren(this.chart, side);
    } else if (kind === 'prune') {
      this.graph = figure(
        'hw-c-graphfig',
        'width ∝ |w|; warm +, cool −',
        'The network: neurons on a circle, each live synapse an arrow from j to i',
      );
      this.exampleBox = this.buildExample();
      side.append(readouts, this.exampleBox.box);
      this.main.replaceChildren(this.graph.fig, side);
    } else {
      this.main.replaceChildren(readouts);
    }
  }

  /** Words and sizes that follow the settings (not the run). */
  updateLabels() {
    const v = (key) => this.host.schemaValue(key);
    const name = this.kind === 'similarity' ? 'F = M⁻¹W' : 'W';
    if (this.plane) {
      this.plane.cap.textContent = this.kind === 'similarity' ? 'filters: rows of M⁻¹W' : 'weights: rows of W';
      this.overlap.cap.textContent = this.kind === 'similarity' ? '|fᵢ · eⱼ|' : '|wᵢ · eⱼ|';
    }
    if (this.overlap && !this.plane) {
      const k = v('k') ?? 1;
      const d = v('d') ?? 2;
      this.overlap.cap.textContent = `|${name} eⱼ|: overlap of each ${this.kind === 'similarity' ? 'filter' : 'neuron'} with each axis (dashed: the top ${k})`;
      // The frame's shape follows the matrix (label margins 24 × 16 px, cells about 30 px).
      const aspect = Math.min(3.2, Math.max(1, (24 + 30 * d) / (16 + 30 * k)));
      this.overlap.frame.style.setProperty('--hw-c-aspect', aspect.toFixed(3));
    }
    if (this.spectrum) this.spectrum.key = ''; // rebuilt on the next draw
    if (this.target) {
      const squared = v('decay') === 'squared';
      this.target.cap.textContent = squared ? 'target Cᵢⱼ / Cⱼⱼ' : 'target C = E[x xᵀ]';
      this.learned.cap.textContent = squared ? 'learned W' : 'learned α W';
    }
    if (this.gains) {
      this.gains.label.textContent =
        v('loop') === 'closed' ? 'closed-loop gain |(I − W)⁻¹v| / |v|' : 'one-pass gain |W v| / |v|';
    }
  }

  // ---- DOM parts ----

  /** Bars of the data's variances λ (the top k marked) and, for similarity, eig(M) beside them. */
  buildSpectrum() {
    const box = el('div', 'hw-c-spectrum', { 'data-part': 'charts' });
    const head = el('div', 'hw-c-spec-head');
    const label = el('span', 'hw-c-label');
    const legend = el('span', 'hw-c-legend');
    head.append(label, legend);
    const bars = el('div', 'hw-c-bars', { role: 'img' });
    box.append(head, bars);
    return { box, label, legend, bars, key: '', cols: [] };
  }

  drawSpectrum() {
    const sp = this.spectrum;
    const lambdas = this.buf('lambdas');
    const sim = this.kind === 'similarity';
    const eig = sim ? this.buf('m-eigenvalues') : new Float64Array(0);
    const d = lambdas.length;
    const k = Math.min(d, this.host.schemaValue('k') ?? d);
    const key = `${this.kind},${d},${k},${eig.length}`;
    if (key !== sp.key) {
      sp.key = key;
      sp.label.textContent = sim ? 'top variances: data λ and M’s eigenvalues' : `variances λ of the data (the top ${k} shaded)`;
      sp.legend.replaceChildren();
      if (sim) {
        const a = el('span', 'hw-c-key hw-c-key-lambda');
        a.textContent = 'λ';
        const b = el('span', 'hw-c-key hw-c-key-m');
        b.textContent = 'eig M';
        sp.legend.append(a, b);
      }
      sp.cols = [];
      const cols = [];
      for (let j = 0; j < d; j++) {
        const col = el('div', 'hw-c-col');
        const stack = el('div', 'hw-c-stack');
        const lam = el('span', `hw-c-bar hw-c-lambda${j < k ? ' hw-c-top-k' : ''}`, { 'data-index': String(j + 1) });
        stack.append(lam);
        let m = null;
        if (sim && j < eig.length) {
          m = el('span', 'hw-c-bar hw-c-meig', { 'data-index': String(j + 1) });
          stack.append(m);
        }
        const num = el('span', 'hw-c-num');
        num.textContent = String(j + 1);
        col.append(stack, num);
        cols.push(col);
        sp.cols.push({ col, lam, m, shown: '' });
      }
      sp.bars.replaceChildren(...cols);
      sp.bars.setAttribute(
        'aria-label',
        sim ? 'Bars of the data variances and of the eigenvalues of M' : 'Bars of the data variances along each principal axis',
      );
    }
    let top = 0;
    for (const x of lambdas) if (Number.isFinite(x)) top = Math.max(top, x);
    for (const x of eig) if (Number.isFinite(x)) top = Math.max(top, x);
    if (!(top > 0)) top = 1;
    const height = (x) => `${(Math.max(0, Math.min(1, x / top)) * 100).toFixed(2)}%`;
    sp.cols.forEach((c, j) => {
      const l = lambdas[j];
      const m = c.m ? eig[j] : Number.NaN;
      const now = `${l},${m}`;
      if (now === c.shown) return;
      c.shown = now;
      c.lam.style.height = height(l);
      c.lam.dataset.value = String(l);
      let title = `λ${j + 1} = ${human(l, 3)}`;
      if (c.m) {
        const ok = Number.isFinite(m);
        c.m.style.height = ok ? height(m) : '0%';
        if (ok) c.m.dataset.value = String(m);
        title += `, eigenvalue ${j + 1} of M = ${ok ? signed(human(m, 3)) : '—'}`;
      }
      c.col.title = title;
    });
  }

  /** Two horizontal bars: the gain of a shared-source pattern and of a pattern no source makes. */
  buildGains() {
    const box = el('div', 'hw-c-gains', { 'data-part': 'charts' });
    const label = el('span', 'hw-c-label'); // its words follow the loop (updateLabels)
    box.append(label);
    const row = (name, cls, title) => {
      const r = el('div', `hw-c-gain ${cls}`, { title });
      const n = el('span', 'hw-c-gain-name');
      n.textContent = name;
      const track = el('span', 'hw-c-track');
      const fill = el('span', 'hw-c-fill');
      track.append(fill);
      const num = el('span', 'hw-c-gain-num');
      r.append(n, track, num);
      box.append(r);
      return { fill, num };
    };
    return {
      box,
      label,
      shared: row('shared source', 'hw-c-shared', 'the footprint of the first shared source on the neurons'),
      spurious: row('no source', 'hw-c-spurious', 'a pattern orthogonal to every source: only the private noise has it'),
    };
  }

  /** The current response to each input as bars, with θ as a line across them. */
  buildResponses() {
    const box = el('div', 'hw-c-resp', { role: 'img', 'aria-label': 'The response to each input now, with the threshold θ' });
    const label = el('span', 'hw-c-label');
    label.textContent = 'response to each input now';
    const plot = el('div', 'hw-c-resp-plot');
    const bars = el('div', 'hw-c-resp-bars');
    const theta = el('div', 'hw-c-theta');
    const tl = el('span');
    tl.textContent = 'θ';
    theta.append(tl);
    plot.append(bars, theta);
    const axis = el('div', 'hw-c-resp-axis');
    box.append(label, plot, axis);
    return { box, bars, axis, theta, items: [], count: -1 };
  }

  drawResponses() {
    const r = this.resp;
    const y = this.buf('responses');
    const theta = this.host.readout('threshold');
    const k = y.length;
    if (k !== r.count) {
      r.count = k;
      r.items = [];
      const bars = [];
      const nums = [];
      for (let i = 0; i < k; i++) {
        const b = el('span', 'hw-c-resp-bar');
        b.style.background = INPUT_COLOURS[i % INPUT_COLOURS.length];
        const n = el('span');
        n.textContent = String(i + 1);
        bars.push(b);
        nums.push(n);
        r.items.push({ bar: b, shown: Number.NaN });
      }
      r.bars.replaceChildren(...bars);
      r.axis.replaceChildren(...nums);
    }
    // A steady scale around the selective state (one response K, θ ≈ K), growing when needed.
    let top = 1.3 * Math.max(1, k);
    for (const v of y) if (Number.isFinite(v)) top = Math.max(top, 1.05 * v);
    if (Number.isFinite(theta)) top = Math.max(top, 1.05 * theta);
    const frac = (v) => Math.max(0, Math.min(1, v / top));
    const rescaled = top !== r.top; // a new scale redraws every bar, not only the changed ones
    r.top = top;
    r.items.forEach((it, i) => {
      const v = y[i];
      if (v === it.shown && !rescaled) return;
      it.shown = v;
      it.bar.style.height = `${(frac(Number.isFinite(v) ? v : 0) * 100).toFixed(2)}%`;
      it.bar.title = `input ${i + 1}: response ${Number.isFinite(v) ? signed(human(v, 3)) : '—'}`;
    });
    const ok = Number.isFinite(theta);
    r.theta.style.visibility = ok ? 'visible' : 'hidden';
    if (ok) {
      r.theta.style.bottom = `${(frac(theta) * 100).toFixed(2)}%`;
      r.theta.title = `θ = ${signed(human(theta, 3))}`;
    }
  }

  /** The seed's worked example of Hebb with decay, one term at a time, L2 and L1. */
  buildExample() {
    const box = el('section', 'hw-c-example', { 'data-part': 'text', 'aria-label': 'One step of Hebb with decay, by hand' });
    const head = el('div', 'hw-c-ex-head');
    const title = el('span', 'hw-c-ex-title');
    const tools = el('div', 'hw-c-ex-tools', { role: 'group', 'aria-label': 'worked example' });
    const button = (action, text, title) => {
      const b = el('button', 'hw-button hw-c-ex-button', { type: 'button', 'data-action': action, title });
      b.textContent = text;
      tools.append(b);
      return b;
    };
    const l2 = button('example-l2', 'L2', 'decay γ w');
    const l1 = button('example-l1', 'L1', 'decay γ sign(w)');
    const prev = button('example-prev', '‹', 'one term back');
    const next = button('example-next', '›', 'next term');
    head.append(title, tools);
    const lines = el('ol', 'hw-c-ex-lines', { 'aria-live': 'polite' });
    box.append(head, lines);
    const ex = { box, title, lines, l1, l2, prev, next };
    this.renderExample(ex);
    return ex;
  }

  renderExample(ex = this.exampleBox) {
    if (!ex) return;
    const { l1, step } = this.example;
    // η x y (2), the decay term (2), Δw (2), the new w (2), from Rust.
    const a = worked_example(l1);
    const [hx, hy, dx, dy, cx, cy, nx, ny] = a;
    const w = [0.1, 0];
    const decayName = l1 ? 'γ sign(w)' : 'γ w';
    // sign(0) = 0: L1 leaves a weight that is exactly 0 alone.
    const decayTerms = l1 ? `0.1 · sign(${vec(...w)}) = 0.1 · [1, 0]` : `0.1 · ${vec(...w)}`;
    const lines = [
      ['start', `w = ${vec(...w)},  x = [1, 1],  y = 1,  η = 0.5,  γ = 0.1`],
      ['Hebbian term', `η x y = 0.5 · [1, 1] · 1 = ${vec(hx, hy)}`],
      ['decay', `${decayName} = ${decayTerms} = ${vec(dx, dy)}`],
      ['change', `Δw = η x y − ${decayName} = [${short(hx)} − ${short(dx)}, ${short(hy)} − ${short(dy)}] = ${vec(cx, cy)}`],
      ['new weight', `w + Δw = [${short(w[0])} + ${short(cx)}, ${short(w[1])} + ${short(cy)}] = ${vec(nx, ny)}`],
    ];
    if (l1) {
      lines.push(['why it prunes', 'L1 takes γ off every non-zero weight, so weak ones reach 0, but a synapse whose η|x y| beats γ grows without bound; L2 only shrinks them, towards η x y / γ.']);
    }
    const shown = Math.max(1, Math.min(lines.length, step));
    this.example.step = shown;
    ex.title.textContent = `One step by hand (${l1 ? 'L1' : 'L2'}): w = ${vec(...w)} → ${vec(nx, ny)}`;
    const items = lines.slice(0, shown).map(([name, text], i) => {
      const li = el('li', i === shown - 1 && shown > 1 ? 'hw-c-ex-new' : '');
      const b = el('b');
      b.textContent = `${name}: `;
      li.append(b, text);
      return li;
    });
    ex.lines.replaceChildren(...items);
    ex.l1.setAttribute('aria-pressed', String(l1));
    ex.l2.setAttribute('aria-pressed', String(!l1));
    ex.prev.disabled = shown <= 1;
    ex.next.disabled = shown >= lines.length;
    ex.next.title = shown >= lines.length ? 'all terms shown' : `next term (${shown} of ${lines.length} shown)`;
  }

  // ---- runs ----

  /** A new run (`boot`, `change`) or the same run back at step 0 (`reset`). */
  restarted(why) {
    // A live change (η, τ, α…) keeps the run: the trail goes on. A new run starts it afresh.
    if (why !== 'change' || this.host.readout('step') === 0) {
      this.trails = [];
      this.prevAlive = null;
      this.recent.clear();
    }
    this.dirty = true;
  }

  /** One frame of running: up to `speed` samples, within the frame's time budget. */
  advance(speed) {
    advanceWithin(this.host.sim(), speed);
    this.dirty = true;
    return 'check';
  }

  /** The → action: one sample. */
  step() {
    this.host.sim().advance(1);
    this.dirty = true;
  }

  /** The worked example's buttons (they change nothing in the run). */
  act(action) {
    const ex = this.example;
    switch (action) {
      case 'example-next':
        ex.step += 1;
        break;
      case 'example-prev':
        ex.step -= 1;
        break;
      case 'example-l1':
        ex.l1 = true;
        break;
      case 'example-l2':
        ex.l1 = false;
        break;
      default:
        return false;
    }
    this.renderExample();
    return true;
  }

  markAll() {
    this.dirty = true;
  }

  markDynamic() {
    this.dirty = true;
  }

  // ---- drawing ----

  draw(dpr) {
    if (!this.dirty) return;
    this.dirty = false;
    if (this.plane) this.drawPlane(dpr);
    if (this.overlap) this.drawOverlap(dpr);
    if (this.spectrum && this.host.shown(this.spectrum.box)) this.drawSpectrum();
    if (this.target) this.drawRecurrent(dpr);
    if (this.resp) this.drawResponses();
    if (this.graph) this.drawNetwork(dpr);
  }

  drawPlane(dpr) {
    const filters = this.buf('filters');
    const basis = this.buf('basis');
    const lambdas = this.buf('lambdas');
    const rows = Math.floor(filters.length / 2);
    // Keep the recent tips of each row for a faint trail.
    for (let i = 0; i < rows; i++) {
      const t = (this.trails[i] ??= []);
      const x = filters[2 * i];
      const y = filters[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (t.length >= 2 && t[t.length - 2] === x && t[t.length - 1] === y) continue;
      t.push(x, y);
      if (t.length > 2 * TRAIL) t.splice(0, t.length - 2 * TRAIL);
    }
    // About two standard deviations along PC1 from the centre to the edge, never less than the
    // unit circle where the rows end up.
    const l1 = Number.isFinite(lambdas[0]) && lambdas[0] > 0 ? lambdas[0] : 1;
    const half = Math.max(1.35, 2.1 * Math.sqrt(l1));
    drawPlane(this.plane.canvas, dpr, {
      points: this.buf('points'),
      basis,
      filters,
      half,
      trails: this.trails,
      name: this.kind === 'similarity' ? 'f' : 'w',
    });
  }

  drawOverlap(dpr) {
    const values = this.buf('overlap');
    const d = this.buf('lambdas').length;
    const k = d > 0 ? Math.floor(values.length / d) : 0;
    const small = !!this.plane;
    const rowName = this.kind === 'similarity' ? 'f' : 'w';
    drawMatrix(this.overlap.canvas, dpr, values, k, d, {
      colour: (v) => sequential(v),
      strength: (v) => v,
      // An overlap is at most |row|: 1 once learned, far more when the weights run away.
      text: (v) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : '≫1'),
      rowLabel: (i) => `${rowName}${i + 1}`,
      colLabel: (j) => `e${j + 1}`,
      band: small ? 0 : k,
    });
    this.overlap.frame.title = `row i, column j: |${rowName}ᵢ · eⱼ|, white 0, full colour 1`;
  }

  drawRecurrent(dpr) {
    const target = this.buf('target');
    const learned = this.buf('learned');
    const n = Math.round(Math.sqrt(target.length));
    if (!n) return;
    let scale = 0;
    for (const v of target) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    if (!(scale > 0)) scale = 1;
    // Colour ∝ √|value|: the diagonal (which carries the private noise σ²) would otherwise
    // wash out the off-diagonal structure the shared sources make.
    const opts = {
      colour: (v) => diverging(v, scale, 0.5),
      strength: (v) => Math.sqrt(Math.min(1, Math.abs(v) / scale)),
      text: (v) => (Math.abs(v) < 100 ? signed(v.toFixed(1)) : signed(human(v, 1))),
      rowLabel: (i) => String(i + 1),
      colLabel: (j) => String(j + 1),
    };
    drawMatrix(this.target.canvas, dpr, target, n, n, opts);
    drawMatrix(this.learned.canvas, dpr, learned, n, n, opts);
    const note = `Both maps share one scale: warm positive, cool negative, colour ∝ √|value|, full at ±${human(scale, 3)}.`;
    if (this.scaleNote.textContent !== note) this.scaleNote.textContent = note;
    const gs = this.host.readout('gain-shared');
    const gp = this.host.readout('gain-spurious');
    const top = Math.max(Number.isFinite(gs) ? gs : 0, Number.isFinite(gp) ? gp : 0, 1e-12);
    const bar = (b, v) => {
      const ok = Number.isFinite(v);
      b.fill.style.width = `${((ok ? Math.max(0, v) / top : 0) * 100).toFixed(2)}%`;
      b.num.textContent = ok ? human(v, 3) : '—';
    };
    bar(this.gains.shared, gs);
    bar(this.gains.spurious, gp);
  }

  drawNetwork(dpr) {
    const weights = this.buf('weights');
    const alive = this.buf('alive');
    const n = Math.round(Math.sqrt(alive.length));
    const now = performance.now();
    // What grew and what was pruned since the last drawing.
    const prev = this.prevAlive;
    const mark = (ij, on) => {
      this.recent.delete(ij); // newest last
      this.recent.set(ij, { t: now, on });
    };
    if (prev && prev.length === alive.length) {
      for (let ij = 0; ij < alive.length; ij++) {
        if (alive[ij] && !prev[ij]) mark(ij, true);
        else if (!alive[ij] && prev[ij]) mark(ij, false);
      }
    }
    this.prevAlive = Float64Array.from(alive);
    // Only the newest few of each stay marked: random growth changes a synapse almost every
    // sample, and a crowd of marks would hide the network.
    let grown = 0;
    let cut = 0;
    for (const [ij, r] of [...this.recent].reverse()) {
      const excess = r.on ? ++grown > MARKS : ++cut > MARKS;
      if (excess || now - r.t > FADE_MS) this.recent.delete(ij);
    }
    drawGraph(this.graph.canvas, dpr, { n, weights, alive, recent: this.recent, now, fade: FADE_MS });
  }

  /** BCM's chart of the responses over time (plotters, in Rust); `type` scales its text. */
  drawCharts(dpr, type) {
    const c = this.chart;
    if (!c || !this.host.shown(c) || !fitCanvas(c, dpr)) return;
    this.host.sim().draw_memory_chart(c, dpr * type);
  }
}
