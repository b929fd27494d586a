// Spike-timing-dependent plasticity on one neuron (`stdp`): the weight histogram (the correlated
// group stacked on the rest), the group's and the rest's mean weight over simulated time, and
// the STDP window beside the measured drift and its prediction term by term. Every number comes
// from the run's buffers and readouts (src/runs/stdp.rs).

import { CircuitView, figure } from './circuit.js';
import { prepare } from '../draw/canvas.js';
import { COOL, INK, LINE, MUTED, STROKE, fade } from '../draw/palette.js';
import { el } from '../dom.js';
import { human, signed } from '../format.js';

const TEXT = {
  title: 'Spike timing: from pairs back to the rate rule',
  rule: 'Δw = A₊e^(−Δt/τ₊) if pre leads,  −A₋e^(Δt/τ₋) if post leads;  ⟨Δw⟩ = ν_pre ν_post ∫W + timing terms',
  hint: 'Every pair of a presynaptic and a postsynaptic spike nudges the weight by the window. Averaged, the pairs give the rate rule η x y with η = ∫W, plus what spike timing adds: each input’s own spikes cause some of the output, and spikes shared by a group cause more.',
};

const BINS = 20;
/** Fields of a `series` record (src/runs/stdp.rs): step, rate-out, w-group, w-rest, … */
const RECORD = 7;

const STATUS_TEXT = {
  running: 'Running: every step is one millisecond of simulated time, many of them a frame. STDP never stops by itself.',
  ready: 'Ready: press play (Space) or step (→, one millisecond).',
  paused: 'Paused: Space plays, → runs one millisecond.',
};

export class StdpView extends CircuitView {
  statusText(status) {
    return STATUS_TEXT[status] ?? super.statusText(status);
  }

  buttonTitles() {
    return { step: 'one millisecond (→)', 'new-seed': 'new spike trains' };
  }

  words() {
    const multiplicative = this.host.schemaValue('bounds') === 'multiplicative';
    const bounds = multiplicative ? 'soft bounds: LTP × (1 − w), LTD × w' : 'hard bounds 0 ≤ w ≤ g_max';
    return { ...TEXT, rule: `${TEXT.rule};  ${bounds}` };
  }

  readoutText(name, v) {
    if (name === 'step') return `${human(v / 1000, 3)} s simulated`;
    if (name === 'rate-out') return `output ${human(v, 3)} Hz`;
    if (name === 'w-group') return `group w̄ ${v.toFixed(3)}`;
    if (name === 'w-rest') return `rest w̄ ${v.toFixed(3)}`;
    if (name === 'bimodality') return `at a bound ${(100 * v).toFixed(0)} %`;
    if (name === 'drift') return `drift ${signed(human(v, 3))}/s`;
    if (name === 'drift-predicted') return `predicted ${signed(human(v, 3))}/s`;
    return super.readoutText(name, v);
  }

  readoutTitle(name) {
    return {
      step: 'simulated milliseconds so far',
      'rate-out': 'the output rate over the last 5 s block',
      'w-group': 'mean weight of the correlated group (units of g_max)',
      'w-rest': 'mean weight of the other inputs (units of g_max)',
      bimodality: 'fraction of weights within 10 % of g_max of 0 or of g_max',
      drift: 'measured: the window’s updates summed over every pair, per synapse and second, over the last block',
      'drift-predicted': 'Kempter, Gerstner & van Hemmen 1999: ν_pre ν_post ∫W plus the timing terms, at the weights of the block',
    }[name] ?? super.readoutTitle(name);
  }

  build(readouts, main) {
    this.hist = figure('hw-s-histfig', 'weights: group warm, rest cool', 'Histogram of the weights, the correlated group stacked on the rest');
    this.time = figure('hw-s-timefig', 'mean w against simulated time', 'The mean weight of the group and of the rest against time');
    this.time.fig.dataset.part = 'charts';
    const side = el('div', 'hw-c-side');
    this.win = figure('hw-s-winfig', 'the window W(Δt), Δt = −100…100 ms', 'The STDP window: potentiation when pre leads, depression when post leads');
    this.terms = el('div', 'hw-s-terms', { 'data-part': 'text', 'aria-live': 'off' });
    side.append(readouts, this.win.fig, this.terms);
    const pics = el('div', 'hw-s-pics');
    pics.append(this.hist.fig, this.time.fig);
    main.replaceChildren(pics, side);
  }

  drawPicture(dpr) {
    const group = Math.round(this.host.schemaValue('group') ?? 0);
    this.drawHistogram(dpr, this.buf('weights'), group);
    this.drawTime(dpr, this.buf('series'));
    this.drawWindow(dpr, this.buf('window'));
    this.drawTerms(this.buf('terms'));
  }

  drawHistogram(dpr, w, group) {
    const p = prepare(this.hist.canvas, dpr);
    if (!p) return;
    const { ctx, w: W, h: H } = p;
    const counts = [new Array(BINS).fill(0), new Array(BINS).fill(0)];
    w.forEach((v, i) => {
      const b = Math.min(BINS - 1, Math.max(0, Math.floor(v * BINS)));
      counts[i < group ? 0 : 1][b] += 1;
    });
    const top = Math.max(4, ...counts[0].map((c, b) => c + counts[1][b]));
    const pad = { l: 8, r: 8, t: 8, b: 18 };
    const pw = W - pad.l - pad.r;
    const ph = H - pad.t - pad.b;
    // The 10 % bands at each bound, where `bimodality` counts.
    ctx.fillStyle = fade(MUTED, 0.08);
    ctx.fillRect(pad.l, pad.t, pw * 0.1, ph);
    ctx.fillRect(pad.l + pw * 0.9, pad.t, pw * 0.1, ph);
    const bw = pw / BINS;
    for (let b = 0; b < BINS; b++) {
      const hg = (counts[0][b] / top) * ph;
      const hr = (counts[1][b] / top) * ph;
      const x = pad.l + b * bw + 1;
      ctx.fillStyle = COOL;
      ctx.fillRect(x, pad.t + ph - hr, bw - 2, hr);
      ctx.fillStyle = STROKE;
      ctx.fillRect(x, pad.t + ph - hr - hg, bw - 2, hg);
    }
    ctx.strokeStyle = LINE;
    ctx.beginPath();
    ctx.moveTo(pad.l, pad.t + ph + 0.5);
    ctx.lineTo(pad.l + pw, pad.t + ph + 0.5);
    ctx.stroke();
    ctx.fillStyle = MUTED;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText('0', pad.l, pad.t + ph + 3);
    ctx.textAlign = 'right';
    ctx.fillText('g_max', pad.l + pw, pad.t + ph + 3);
  }

  drawTime(dpr, s) {
    const p = prepare(this.time.canvas, dpr);
    if (!p) return;
    const { ctx, w: W, h: H } = p;
    const n = Math.floor(s.length / RECORD);
    const pad = { l: 8, r: 8, t: 6, b: 16 };
    const pw = W - pad.l - pad.r;
    const ph = H - pad.t - pad.b;
    const last = n > 0 ? Math.max(1, s[(n - 1) * RECORD]) : 1;
    const x = (t) => pad.l + (t / last) * pw;
    const y = (v) => pad.t + (1 - Math.max(0, Math.min(1, v))) * ph;
    ctx.strokeStyle = LINE;
    ctx.strokeRect(pad.l + 0.5, pad.t + 0.5, pw - 1, ph - 1);
    for (const [field, colour] of [[2, STROKE], [3, COOL]]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.75;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const t = s[i * RECORD];
        const v = s[i * RECORD + field];
        if (i === 0) ctx.moveTo(x(t), y(v));
        else ctx.lineTo(x(t), y(v));
      }
      ctx.stroke();
    }
    ctx.fillStyle = MUTED;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'right';
    ctx.fillText(`${human(last / 1000, 3)} s`, pad.l + pw, pad.t + ph + 2);
  }

  drawWindow(dpr, win) {
    const p = prepare(this.win.canvas, dpr);
    if (!p || win.length < 3) return;
    const { ctx, w: W, h: H } = p;
    const half = (win.length - 1) / 2;
    let top = 0;
    for (const v of win) top = Math.max(top, Math.abs(v));
    if (!(top > 0)) return;
    const mid = H / 2;
    const x = (i) => 4 + (i / (win.length - 1)) * (W - 8);
    const y = (v) => mid - (v / top) * (H / 2 - 6);
    // The shaded areas are the two halves of ∫W: their difference is the rate rule's η.
    for (const [from, to, colour] of [[half + 1, win.length - 1, STROKE], [0, half - 1, COOL]]) {
      ctx.fillStyle = fade(colour, 0.35);
      ctx.beginPath();
      ctx.moveTo(x(from), mid);
      for (let i = from; i <= to; i++) ctx.lineTo(x(i), y(win[i]));
      ctx.lineTo(x(to), mid);
      ctx.closePath();
      ctx.fill();
    }
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(4, mid + 0.5);
    ctx.lineTo(W - 4, mid + 0.5);
    ctx.moveTo(x(half) + 0.5, 4);
    ctx.lineTo(x(half) + 0.5, H - 4);
    ctx.stroke();
  }

  /** The measured drift beside the prediction's three terms (per synapse and second). */
  drawTerms(t) {
    if (t.length < 4) return;
    const [rate, own, group, measured] = t;
    const f = (v) => signed(human(v, 2));
    const text = `measured ${f(measured)}/s  =?  ν_pre ν_post ∫W ${f(rate)}  + own spikes ${f(own)}  + group ${f(group)}`;
    if (text !== this.termsText) {
      this.termsText = text;
      this.terms.textContent = text;
    }
  }
}
