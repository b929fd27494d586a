// Many neurons learning principal components (`gha`, `subspace`, `similarity`): for 2-D data the
// plane with the neurons' weight arrows and their trails, else the heatmap of each neuron's
// overlap with each principal axis; beside it the spectrum of the data (and of M).

import { CircuitView, figure } from './circuit.js';
import { drawPlane, drawMatrix, sequential } from '../draw/circuit.js';
import { el } from '../dom.js';
import { human, signed } from '../format.js';

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
};

/** Tip positions kept per neuron for the faint trail in the plane. */
const TRAIL = 160;

export class ManyView extends CircuitView {
  constructor(main, host) {
    super(main, host);
    this.trails = [];
  }

  words(kind) {
    return KIND_TEXT[kind] ?? super.words(kind);
  }

  readoutText(name, v) {
    const f = this.kind === 'similarity' ? 'F' : 'W';
    const k = this.host.schemaValue('k') ?? 0;
    switch (name) {
      case 'angle1':
        return `angle(${f.toLowerCase()}1, e1) ${v.toFixed(1)}°`;
      case 'angle2':
        return k < 2 ? 'angle 2: no second neuron' : `angle(${f.toLowerCase()}2, e2) ${v.toFixed(1)}°`;
      case 'orthogonality':
        return `‖${f}${f}ᵀ − I‖ = ${human(v, 3)}`;
      case 'subspace-error':
        return `subspace error ${human(v, 3)}`;
      default:
        return super.readoutText(name, v);
    }
  }

  readoutTitle(name) {
    const sim = this.kind === 'similarity';
    const row = sim ? 'filter' : 'neuron';
    return {
      angle1: `degrees between the line of ${row} 1 (row 1 of ${sim ? 'F = M⁻¹W' : 'W'}) and e1, the first principal axis`,
      angle2: `degrees between the line of ${row} 2 and e2, the second principal axis`,
      orthogonality: `‖${sim ? 'FFᵀ' : 'WWᵀ'} − I‖: 0 when the rows are orthonormal`,
      'subspace-error': 'distance between the projector onto the rows’ span and the projector onto the top-k principal subspace; 0 when they span the same subspace',
    }[name] ?? super.readoutTitle(name);
  }

  /** The plane for d = 2, else the overlap heatmap; similarity's filters are named apart. */
  layoutOf(kind) {
    return `${kind === 'similarity' ? 'sim' : 'pca'}-${this.host.schemaValue('d') === 2 ? 'plane' : 'matrix'}`;
  }

  pictureClass() {
    return this.layout.endsWith('plane') ? 'hw-c-plane' : 'hw-c-matrix';
  }

  build(readouts, main) {
    this.plane = null;
    this.trails = [];
    const side = el('div', 'hw-c-side');
    if (this.layout.endsWith('plane')) {
      this.plane = figure('hw-c-planefig', '', 'The data, its principal axes and each neuron’s weight vector');
      this.overlap = figure('hw-c-small', '', 'Overlap of each neuron with each principal axis');
      const top = el('div', 'hw-c-top');
      top.append(readouts, this.overlap.fig);
      this.spectrum = this.buildSpectrum();
      side.append(top, this.spectrum.box);
      main.replaceChildren(this.plane.fig, side);
    } else {
      this.overlap = figure('hw-c-overlapfig', '', 'Overlap of each neuron with each principal axis, 0 to 1');
      this.spectrum = this.buildSpectrum();
      side.append(readouts, this.spectrum.box);
      main.replaceChildren(this.overlap.fig, side);
    }
  }

  updateLabels() {
    const v = (key) => this.host.schemaValue(key);
    const sim = this.kind === 'similarity';
    if (this.plane) {
      this.plane.cap.textContent = sim ? 'filters: rows of M⁻¹W' : 'weights: rows of W';
      this.overlap.cap.textContent = sim ? '|fᵢ · eⱼ|' : '|wᵢ · eⱼ|';
    } else {
      const k = v('k') ?? 1;
      const d = v('d') ?? 2;
      this.overlap.cap.textContent = `|${sim ? 'F = M⁻¹W' : 'W'} eⱼ|: overlap of each ${sim ? 'filter' : 'neuron'} with each axis (dashed: the top ${k})`;
      // The frame's shape follows the matrix (label margins 24 × 16 px, cells about 30 px).
      const aspect = Math.min(3.2, Math.max(1, (24 + 30 * d) / (16 + 30 * k)));
      this.overlap.frame.style.setProperty('--hw-c-aspect', aspect.toFixed(3));
    }
    this.spectrum.key = ''; // rebuilt on the next draw
  }

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

  /** A live change (η, τ…) keeps the run: the trail goes on. A new run starts it afresh. */
  restarted(why) {
    if (this.isNewRun(why)) this.trails = [];
    super.restarted();
  }

  drawPicture(dpr) {
    if (this.plane) this.drawPlane(dpr);
    this.drawOverlap(dpr);
    if (this.host.shown(this.spectrum.box)) this.drawSpectrum();
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
}
