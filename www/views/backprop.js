// The same data, two ways to learn (`backprop`): Oja's subspace rule and a tied linear
// autoencoder trained by backprop (or feedback alignment) as two networks of synapses, their
// subspace errors and losses over the run, and what the update of a chosen synapse reads, each
// term marked local or transported. The weights and the series come from the run's buffers
// (src/runs/backprop.rs); this file only draws them and names the terms.

import { CircuitView, figure } from './circuit.js';
import { diverging } from '../draw/circuit.js';
import { prepare } from '../draw/canvas.js';
import { INK, MUTED, STROKE, COOL, LINE } from '../draw/palette.js';
import { el } from '../dom.js';
import { human, grouped } from '../format.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The `series` record (src/runs/backprop.rs record()). */
const R = { step: 0, hebb: 1, net: 2, loss: 3, alignment: 4, lossHebb: 5, width: 6 };

const TEXT = {
  exact: {
    title: 'The same data, two ways to learn',
    rule: 'Hebb: ΔW = η y (x − Wᵀy)ᵀ   backprop: ΔW = η (y eᵀ + (W e) xᵀ),  e = x − WᵀW x',
    hint: 'Both networks see the same samples with the same η from the same start. Oja’s subspace rule (left) and gradient descent on the reconstruction error (right) end on the same principal subspace. Click or Tab to a synapse to see what its update reads.',
  },
  random: {
    title: 'The same data, two ways to learn',
    rule: 'Hebb: ΔW = η y (x − Wᵀy)ᵀ   feedback alignment: ΔW = η (y eᵀ + (B e) xᵀ)',
    hint: 'The error reaches the encoder through a fixed random matrix B instead of the weights. The updates soon point within a few tens of degrees of the gradient and the loss falls, but with tied weights the network settles off the principal subspace.',
  },
};

const READOUT_TEXT = {
  'subspace-error-hebb': (v) => `subspace error, Hebb ${human(v, 3)}`,
  'subspace-error-backprop': (v) => `subspace error, backprop ${human(v, 3)}`,
  loss: (v) => `loss E‖x − x̂‖² ${human(v, 3)}`,
};

const READOUT_TITLE = {
  'subspace-error-hebb': '‖WᵀW − P‖ for Oja’s subspace rule: 0 when its rows are an orthonormal basis of the top-k subspace',
  'subspace-error-backprop': '‖WᵀW − P‖ for the autoencoder trained by backprop (or feedback alignment)',
  loss: 'the autoencoder’s expected reconstruction error E‖x − WᵀWx‖², exact from the data’s covariance; its least value is the sum of the discarded variances',
  alignment: 'angle between the feedback-alignment update and the gradient at the same weights and sample, averaged over about 100 samples; 0 with exact feedback',
};

/** The terms each update reads, for synapse i ← j: [symbol, what it is, local?]. */
function terms(panel, feedback, i, j) {
  const y = `y${sub(i)}`;
  const x = `x${sub(j)}`;
  if (panel === 'hebb') {
    return {
      rule: `Δw${sub(i, j)} = η ${y} (${x} − Σₖ wₖ${sub(j)} yₖ)`,
      list: [
        [x, 'the input at its presynaptic end', true],
        [y, 'its own neuron’s output', true],
        [`w${sub(i, j)} ${y}`, 'its own weight', true],
        [`Σₖ≠${i + 1} wₖ${sub(j)} yₖ`, 'the other neurons’ weights from the same input, and their outputs', false],
      ],
    };
  }
  const back =
    feedback === 'random'
      ? [`δ${sub(i)} = Σ_c b${sub(i)}c e_c`, 'the errors at every output, through a fixed random feedback row of B', false]
      : [`δ${sub(i)} = Σ_c w${sub(i)}c e_c`, 'the errors at every output, carried back through its neuron’s other weights (weight transport)', false];
  return {
    rule: `Δw${sub(i, j)} = η (${y} e${sub(j)} + δ${sub(i)} ${x})`,
    list: [
      [x, 'the input at its presynaptic end', true],
      [y, 'its own neuron’s output', true],
      [`e${sub(j)} = ${x} − Σₖ wₖ${sub(j)} yₖ`, 'the reconstruction error at output j: every neuron’s weight from input j', false],
      back,
    ],
  };
}

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
/** 1-based subscripts: sub(0, 2) = "₁₃". */
function sub(...n) {
  return n.map((v) => String(v + 1).replace(/\d/g, (c) => SUBS[c])).join('');
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export class BackpropView extends CircuitView {
  constructor(main, host) {
    super(main, host);
    /** The chosen synapse: panel, neuron i, input j. */
    this.pick = { panel: 'hebb', i: 0, j: 0 };
    this.panels = {};
  }

  feedback() {
    return this.host.schemaValue('feedback') === 'random' ? 'random' : 'exact';
  }

  words() {
    return TEXT[this.feedback()];
  }

  readoutText(name, v) {
    if (name === 'alignment') {
      return this.feedback() === 'random' ? `∠(update, gradient) ${v.toFixed(1)}°` : 'alignment: exact feedback, 0°';
    }
    return READOUT_TEXT[name]?.(v) ?? super.readoutText(name, v);
  }

  readoutTitle(name) {
    return READOUT_TITLE[name] ?? super.readoutTitle(name);
  }

  layoutOf(kind) {
    return `${kind}:${this.host.schemaValue('d')}:${this.host.schemaValue('k')}`;
  }

  build(readouts, main) {
    const d = this.host.schemaValue('d') ?? 8;
    const k = this.host.schemaValue('k') ?? 3;
    this.pick = { panel: this.pick.panel, i: Math.min(this.pick.i, k - 1), j: Math.min(this.pick.j, d - 1) };
    const nets = el('div', 'hw-bp-nets');
    this.panels = {};
    for (const panel of ['hebb', 'backprop']) {
      this.panels[panel] = this.buildPanel(panel, d, k);
      nets.append(this.panels[panel].fig);
    }
    this.chart = null;
    this.plot = figure(
      'hw-bp-chartfig',
      'subspace error (log) and loss against samples: warm Hebb, cool backprop; dashed, the least loss',
      'Subspace errors and losses of both learners over the run',
    );
    this.plot.fig.dataset.part = 'charts';
    // Not a `text` part: the figure's point is what a synapse reads, so hide=text keeps it.
    // Focusable: it scrolls when the frame is short, and keyboard users must reach what it hides.
    this.info = el('section', 'hw-bp-info', { 'aria-live': 'polite', 'aria-label': 'What the chosen synapse’s update reads', tabindex: '0' });
    // Two children only: a frame-filling widget gives the picture area one row (css/frame.css).
    const left = el('div', 'hw-bp-left');
    left.append(nets, this.plot.fig);
    const side = el('div', 'hw-c-side hw-bp-side');
    side.append(readouts, this.info, this.buildTable());
    main.replaceChildren(left, side);
    this.renderInfo();
  }

  /** One network: inputs below, neurons above, a line per synapse; the chosen synapse is the one
   * tab stop of the panel (arrow keys move it), so a keyboard reaches every synapse. */
  buildPanel(panel, d, k) {
    const fig = el('figure', `hw-c-fig hw-bp-net hw-bp-${panel}`);
    const root = svg('svg', { viewBox: '0 0 100 64', role: 'group', class: 'hw-bp-svg' });
    const X = (j, n) => 6 + (88 * (j + 0.5)) / n;
    const lines = [];
    const hits = [];
    const gLines = svg('g');
    const gHits = svg('g');
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < d; j++) {
        const at = { x1: X(j, d), y1: 54, x2: X(i, k), y2: 12 };
        lines.push(gLines.appendChild(svg('line', { ...at, class: 'hw-bp-syn' })));
        const hit = svg('line', {
          ...at,
          class: 'hw-bp-hit',
          tabindex: '-1',
          role: 'button',
          'aria-label': `synapse from input ${j + 1} to neuron ${i + 1}`,
        });
        hit.addEventListener('click', () => this.choose(panel, i, j, false));
        hit.addEventListener('focus', () => this.choose(panel, i, j, false));
        hit.addEventListener('keydown', (e) => this.key(e, panel, i, j, d, k));
        hits.push(gHits.appendChild(hit));
      }
    }
    const nodes = svg('g', { class: 'hw-bp-nodes' });
    for (let j = 0; j < d; j++) nodes.append(svg('circle', { cx: X(j, d), cy: 54, r: 2.2, class: 'hw-bp-in' }));
    for (let i = 0; i < k; i++) nodes.append(svg('circle', { cx: X(i, k), cy: 12, r: 3, class: 'hw-bp-out' }));
    const label = (x, y, t) => {
      const e = svg('text', { x, y, class: 'hw-bp-label' });
      e.textContent = t;
      nodes.append(e);
    };
    label(2, 62, 'x');
    label(2, 8, 'y');
    root.append(gLines, gHits, nodes);
    const cap = el('figcaption', 'hw-c-caption');
    fig.append(root, cap);
    return { fig, root, lines, hits, cap, panel, d, k, drawn: new Array(d * k).fill('') };
  }

  /** Arrow keys move the choice within the panel: ←/→ the input, ↑/↓ the neuron. They are the
   * panel's here, not the widget's step key. */
  key(e, panel, i, j, d, k) {
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [1, 0], ArrowDown: [-1, 0] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    e.stopPropagation();
    const ni = Math.max(0, Math.min(k - 1, i + m[0]));
    const nj = Math.max(0, Math.min(d - 1, j + m[1]));
    this.choose(panel, ni, nj, true);
  }

  choose(panel, i, j, focus) {
    const same = this.pick.panel === panel && this.pick.i === i && this.pick.j === j;
    this.pick = { panel, i, j };
    const p = this.panels[panel];
    if (focus && p) p.hits[i * p.d + j].focus();
    if (!same) {
      this.renderInfo();
      this.dirty = true;
    }
  }

  updateLabels() {
    const cap = this.panels.backprop?.cap;
    if (cap) cap.textContent = this.feedback() === 'random' ? 'Feedback alignment (random B)' : 'Backprop (autoencoder, x̂ = WᵀWx)';
    const hebb = this.panels.hebb?.cap;
    if (hebb) hebb.textContent = 'Oja’s subspace rule (Hebbian)';
    for (const p of Object.values(this.panels)) {
      p.root.setAttribute('aria-label', `${p.cap.textContent}: ${p.k} neurons, ${p.d} inputs; arrow keys choose a synapse`);
    }
    this.renderInfo();
  }

  /** The chosen synapse's update, term by term. */
  renderInfo() {
    if (!this.info) return;
    const { panel, i, j } = this.pick;
    const t = terms(panel, this.feedback(), i, j);
    const who = panel === 'hebb' ? 'Oja’s subspace rule' : this.feedback() === 'random' ? 'feedback alignment' : 'backprop';
    const head = el('div', 'hw-bp-info-head');
    head.textContent = `${who}, synapse input ${j + 1} → neuron ${i + 1}: ${t.rule}`;
    const list = el('ul', 'hw-bp-terms');
    for (const [sym, what, local] of t.list) {
      const li = el('li', local ? 'hw-bp-local' : 'hw-bp-transported');
      const tag = el('span', 'hw-bp-tag');
      tag.textContent = local ? 'local' : 'transported';
      const b = el('b');
      b.textContent = sym;
      li.append(tag, b, ` ${what}`);
      list.append(li);
    }
    this.info.replaceChildren(head, list);
  }

  /** Which quantities each rule's synapse reads (the article's table, for these rules). */
  buildTable() {
    // A region in the tab order: the table scrolls sideways in narrow frames.
    const wrap = el('div', 'hw-bp-tablewrap', { role: 'region', 'aria-label': 'What a synapse’s update reads', tabindex: '0' });
    const table = el('table', 'hw-bp-table');
    const cap = el('caption');
    cap.textContent = 'What a synapse’s update reads';
    const row = (cells, tag = 'td') => {
      const tr = el('tr');
      cells.forEach((c, n) => {
        const cell = el(n === 0 ? 'th' : tag, n === 0 ? '' : c === 'local' ? 'hw-bp-local' : c === '—' ? '' : 'hw-bp-transported');
        if (n === 0) cell.setAttribute('scope', tag === 'th' ? 'col' : 'row');
        else if (tag === 'th') cell.setAttribute('scope', 'col');
        cell.textContent = c;
        tr.append(cell);
      });
      return tr;
    };
    const thead = el('thead');
    thead.append(row(['rule', 'xⱼ, yᵢ, wᵢⱼ', 'other weights', 'output error'], 'th'));
    const tbody = el('tbody');
    tbody.append(
      row(['Oja subspace', 'local', 'transported', '—']),
      row(['similarity matching', 'local', '—', '—']),
      row(['backprop', 'local', 'transported', 'transported']),
      row(['feedback alignment', 'local', 'fixed random B', 'transported']),
    );
    table.append(cap, thead, tbody);
    wrap.append(table);
    return wrap;
  }

  drawPicture(dpr) {
    const fb = this.feedback();
    for (const panel of ['hebb', 'backprop']) this.drawNet(this.panels[panel], this.buf(panel), fb);
    this.drawChart(dpr);
  }

  /** Width ∝ |w|, warm + and cool −; the chosen synapse outlined, and the synapses whose weights
   * its update reads (transported) drawn dashed. */
  drawNet(p, w, fb) {
    if (!p || w.length !== p.d * p.k) return;
    let top = 1e-9;
    for (const v of w) top = Math.max(top, Math.abs(v));
    const { panel, i: pi, j: pj } = this.pick;
    const mine = panel === p.panel;
    for (let i = 0; i < p.k; i++) {
      for (let j = 0; j < p.d; j++) {
        const n = i * p.d + j;
        const v = w[n];
        const chosen = mine && i === pi && j === pj;
        // The other neurons' weights from input j; for exact backprop also the neuron's other
        // weights, which carry the error back.
        const read = mine && !chosen && ((j === pj && i !== pi) || (p.panel === 'backprop' && fb === 'exact' && i === pi));
        const tab = (mine ? chosen : i === 0 && j === 0) ? '0' : '-1';
        // Only what changed is written: 512 lines rewritten every frame cost tens of ms.
        const look = `${diverging(v, top)}|${(0.3 + 1.6 * Math.abs(v) / top).toFixed(1)}|${chosen}|${read}|${tab}`;
        if (p.drawn[n] === look) continue;
        p.drawn[n] = look;
        const [stroke, width] = look.split('|');
        const line = p.lines[n];
        line.setAttribute('stroke', stroke);
        line.setAttribute('stroke-width', width);
        line.classList.toggle('hw-bp-chosen', chosen);
        line.classList.toggle('hw-bp-read', read);
        p.hits[n].setAttribute('tabindex', tab);
      }
    }
  }

  /** Two small plots from `series`: the subspace errors (log scale) and the losses. */
  drawChart(dpr) {
    const c = this.plot?.canvas;
    if (!c || !this.host.shown(c)) return;
    const g = prepare(c, dpr);
    if (!g) return;
    const { ctx, w: W, h: H } = g;
    const s = this.buf('series');
    const n = Math.floor(s.length / R.width);
    const optimum = this.buf('optimum')[0];
    ctx.clearRect(0, 0, W, H);
    if (n < 1) return;
    const last = s[(n - 1) * R.width + R.step] || 1;
    const half = W / 2;
    const pad = { l: 30, r: 8, t: 14, b: 14 };
    const plot = (x0, cols, log, title, floor) => {
      const w = half - pad.l - pad.r;
      const h = H - pad.t - pad.b;
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = 0; r < n; r++) {
        for (const col of cols) {
          const v = s[r * R.width + col];
          if (!(Number.isFinite(v) && (!log || v > 0))) continue;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (floor !== undefined) lo = Math.min(lo, floor);
      if (!(hi > lo)) hi = lo + 1;
      const f = log ? Math.log10 : (v) => v;
      const [a, b] = [f(Math.max(lo, 1e-6)), f(hi)];
      const Y = (v) => pad.t + h * (1 - (f(Math.max(v, 1e-6)) - a) / (b - a || 1));
      const X = (t) => x0 + pad.l + (w * t) / last;
      ctx.strokeStyle = LINE;
      ctx.lineWidth = 1;
      ctx.strokeRect(x0 + pad.l, pad.t, w, h);
      ctx.fillStyle = MUTED;
      ctx.font = '10px system-ui, sans-serif';
      ctx.fillText(title, x0 + pad.l, pad.t - 3);
      ctx.fillText(human(hi, 2), x0 + 1, pad.t + 8);
      ctx.fillText(human(lo, 2), x0 + 1, pad.t + h);
      ctx.fillText(grouped(last), x0 + pad.l + w - ctx.measureText(grouped(last)).width, H - 2);
      if (floor !== undefined) {
        ctx.setLineDash([3, 3]);
        ctx.strokeStyle = INK;
        ctx.beginPath();
        ctx.moveTo(X(0), Y(floor));
        ctx.lineTo(X(last), Y(floor));
        ctx.stroke();
        ctx.setLineDash([]);
      }
      cols.forEach((col, m) => {
        ctx.strokeStyle = m === 0 ? STROKE : COOL;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        for (let r = 0; r < n; r++) {
          const v = s[r * R.width + col];
          if (!Number.isFinite(v)) continue;
          const [x, y] = [X(s[r * R.width]), Y(v)];
          if (r === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        ctx.stroke();
      });
    };
    plot(0, [R.hebb, R.net], true, 'subspace error');
    plot(half, [R.lossHebb, R.loss], true, 'loss E‖x − x̂‖²', optimum);
  }
}
