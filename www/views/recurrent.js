// All-to-all recurrent Hebb with decay (`recurrent`): the target and the learned matrix side by
// side, on one scale, and the gains of a shared-source pattern and of a pattern no source makes.

import { CircuitView, figure } from './circuit.js';
import { drawMatrix, diverging } from '../draw/circuit.js';
import { el } from '../dom.js';
import { human, percent, signed } from '../format.js';

const TEXT = {
  title: 'Recurrent Hebb with decay',
  rule: 'Δwᵢⱼ = η (xᵢ xⱼ − α wᵢⱼ)  →  W = C / α',
  hint: 'Every pair of neurons learns how often they are active together, and the leak α stops the growth, so W fills in towards C/α. While it learns, each neuron’s activity is its input alone. The gains then send a pattern through W once (open loop), or let it circulate in the loop r = u + W r until it settles at (I − W)⁻¹u (closed loop), which happens only while α is above λ1, the largest eigenvalue of C (with the y² decay never: W’s eigenvalues then average 1).',
};

export class RecurrentView extends CircuitView {
  /** The rule follows the decay (α or y²) and the loop (open or closed). */
  words() {
    const value = (key) => this.host.schemaValue(key);
    const rule = value('decay') === 'squared' ? 'Δwᵢⱼ = η (xᵢ xⱼ − xⱼ² wᵢⱼ)  →  Wᵢⱼ = Cᵢⱼ / Cⱼⱼ' : TEXT.rule;
    return { ...TEXT, rule: value('loop') === 'closed' ? `${rule};  closed loop r = u + W r  →  r = (I − W)⁻¹ u` : rule };
  }

  readoutText(name, v) {
    switch (name) {
      case 'rel-error':
        return `error ${percent(v)}`;
      case 'gain-shared':
        return `gain, shared ${human(v, 3)}`;
      case 'gain-spurious':
        return `gain, no source ${human(v, 3)}`;
      case 'lambda1':
        return `λ1(C) = ${human(v, 3)}`;
      default:
        return super.readoutText(name, v);
    }
  }

  readoutTitle(name) {
    const squared = this.host.schemaValue('decay') === 'squared';
    const closed = this.host.schemaValue('loop') === 'closed';
    const gain = closed ? '|(I − W)⁻¹ v| / |v|, the settled closed loop r = u + W r,' : '|W v| / |v|, one pass of W,';
    return {
      'rel-error': squared ? '‖W − Cᵢⱼ/Cⱼⱼ‖ / ‖Cᵢⱼ/Cⱼⱼ‖' : '‖αW − C‖ / ‖C‖: how far the learned weights are from the correlations',
      'gain-shared': `${gain} for v the footprint of the first shared source on the neurons: how much the network amplifies it`,
      'gain-spurious': `${gain} for a pattern no source makes: it reaches W only through the private noise on the diagonal, wᵢᵢ = Cᵢᵢ/α`,
      lambda1: 'the largest eigenvalue of the input correlation C: a closed loop settles only while α > λ1',
    }[name] ?? super.readoutTitle(name);
  }

  build(readouts, main) {
    const side = el('div', 'hw-c-side');
    const pair = el('div', 'hw-c-pairs');
    this.target = figure('hw-c-heat', '', 'The target matrix');
    this.learned = figure('hw-c-heat', '', 'The learned matrix');
    pair.append(this.target.fig, this.learned.fig);
    this.gains = this.buildGains();
    this.scaleNote = el('p', 'hw-c-note');
    side.append(readouts, this.gains.box, this.scaleNote);
    main.replaceChildren(pair, side);
  }

  updateLabels() {
    const v = (key) => this.host.schemaValue(key);
    const squared = v('decay') === 'squared';
    this.target.cap.textContent = squared ? 'target Cᵢⱼ / Cⱼⱼ' : 'target C = E[x xᵀ]';
    this.learned.cap.textContent = squared ? 'learned W' : 'learned α W';
    this.gains.label.textContent =
      v('loop') === 'closed' ? 'closed-loop gain |(I − W)⁻¹v| / |v|' : 'one-pass gain |W v| / |v|';
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

  drawPicture(dpr) {
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
}
