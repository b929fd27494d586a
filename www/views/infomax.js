// Why PC1 (`infomax`): the circle of directions with the polar curves of the variance R(φ) and
// the information I(φ) round it, Oja's averaged flow moving a dot on it, the fixed points with
// their linearised rates, and the two online rules (Oja's, explicit normalisation) as arrows.
// Every number drawn comes from the run's buffers (src/runs/infomax.rs); this file only draws.

import { View } from './view.js';
import { followBox } from '../draw/canvas.js';
import { INK, MUTED, COOL, STROKE, fade } from '../draw/palette.js';
import { human, signed } from '../format.js';
import { el } from '../dom.js';

/** The `state` buffer (src/runs/infomax.rs STATE). */
const S = { phi: 0, ojaX: 1, ojaY: 2, expX: 3, expY: 4, e1x: 5, e1y: 6, l1: 7, l2: 8, rate1: 9, rate2: 10, sigma: 11, lead: 12 };
/** In em of the canvas's own font (the widget's, larger on a big screen). */
const FONT = '0.857em system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const TEXT = {
  title: 'Why this direction',
  rule: 'I(w) = ½ ln(1 + wᵀCw / σ²),  |w| = 1',
  hint: 'Round the circle of directions: the variance a unit output captures (grey) and the information it carries through noise of variance σ² (blue) both peak on the long axis. Oja’s averaged flow carries the dot there from anywhere but the short axis; the arrow is the online rule, the faint arrow the other normalisation on the same samples.',
};

const READOUT_TEXT = {
  angle: (v) => `angle ${v.toFixed(1)}°`,
  variance: (v) => `variance wᵀCw = ${human(v, 3)}`,
  information: (v) => `information ${human(v, 3)} nats`,
  'information-max': (v) => `most information ${human(v, 3)} nats`,
  distance: (v) => `Oja − explicit: ${human(v, 2)}`,
};

const READOUT_TITLE = {
  step: 'samples presented so far',
  angle: 'angle between the line of the online weight and the first principal axis (0–90°)',
  variance: 'the variance of the output along the online weight’s direction, wᵀCw with |w| = 1',
  information: 'information the noisy output carries about the input along that direction: ½ ln(1 + wᵀCw/σ²), in nats',
  'information-max': 'the most any direction can carry, at the first principal axis: ½ ln(1 + λ1/σ²), in nats',
  distance: 'distance between the weights of Oja’s rule and of explicit normalisation fed the same samples: O(η²) per step',
};

const STATUS_TEXT = {
  running: 'Running: the dot follows the averaged flow, the arrows learn one sample at a time.',
  ready: 'Ready: press play (Space) or step (→).',
  paused: 'Paused: Space plays, → presents one sample.',
};

export class InfomaxView extends View {
  constructor(main, host) {
    super(main, host);
    main.className = 'hw-main hw-im';
    this.box = el('div', 'hw-im-plot');
    // Two layers: what only the data and the settings change (thousands of points, the curves,
    // the fixed points) is drawn again only when they do; the arrows and the dot every frame.
    this.bg = el('canvas', 'hw-layer');
    this.canvas = el('canvas', 'hw-layer', {
      role: 'img',
      'aria-label':
        'The circle of directions with the variance and the information of each drawn round it, the averaged flow’s dot, the fixed points with their rates, and the online weight arrows',
    });
    this.box.append(this.bg, this.canvas);
    const side = el('div', 'hw-im-side');
    this.legend = this.buildLegend();
    side.append(host.readoutBox, this.legend.box);
    main.replaceChildren(this.box, side);
    this.width = 0;
    this.height = 0;
    this.dpr = 1;
    this.em = 14;
    this.dirty = true;
    /** What the background was drawn from; a change redraws it. */
    this.drawn = '';
  }

  words() {
    return TEXT;
  }

  /** Which curve is which and what the bold arrow is, as text beside the picture. */
  buildLegend() {
    const box = el('ul', 'hw-im-legend', { 'aria-label': 'Legend' });
    const item = (cls) => {
      const li = el('li', cls);
      const text = el('span');
      li.append(el('span', 'hw-im-key'), text);
      box.append(li);
      return text;
    };
    const variance = item('hw-im-variance');
    variance.textContent = 'variance wᵀCw of each direction';
    const information = item('hw-im-information');
    const arrow = item('hw-im-arrow');
    const dot = item('hw-im-dot');
    dot.textContent = 'averaged flow';
    return { box, information, arrow };
  }

  readoutText(name, v) {
    return READOUT_TEXT[name]?.(v) ?? super.readoutText(name, v);
  }

  readoutTitle(name) {
    return READOUT_TITLE[name];
  }

  statusText(status) {
    return STATUS_TEXT[status] ?? super.statusText(status);
  }

  buttonTitles() {
    return { step: 'one sample (→)', 'new-seed': 'new data and start direction' };
  }

  advance(speed, t, budget) {
    const sim = this.host.sim();
    const { stopped } = this.host.pace((n) => sim.advance(n), speed, budget);
    this.dirty = true;
    return stopped ? 'check' : 'ran';
  }

  markAll() {
    this.dirty = true;
  }

  markDynamic() {
    this.dirty = true;
  }

  draw(dpr) {
    if (followBox(this, [this.bg, this.canvas], dpr)) {
      // Read once per size: the canvas's font follows the widget's (larger on a big screen).
      this.em = Number.parseFloat(getComputedStyle(this.canvas).fontSize) || 14;
      this.dirty = true;
      this.drawn = '';
    }
    if (!this.dirty || !this.width || !this.height) return;
    this.dirty = false;
    const state = this.buf('state');
    if (state.length < 13) return;
    const { width: w, height: h, em } = this;
    // Room for the labels of the fixed points, when there is room for them.
    const labels = Math.min(w, h) >= 16 * em;
    const rho = Math.max(8, Math.min(w, h) / 2 - (labels ? 2.6 : 0.7) * em);
    const cx = w / 2;
    const cy = h / 2;
    const at = (x, y, r = rho) => [cx + r * x, cy - r * y];
    const layer = (c) => {
      const ctx = c.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      ctx.font = FONT;
      return ctx;
    };

    const pts = this.buf('points');
    const key = `${state.slice(S.e1x).join(',')}|${pts.length}|${pts[0]}`;
    if (key !== this.drawn) {
      this.drawn = key;
      const ctx = layer(this.bg);
      this.drawPoints(ctx, pts, state, cx, cy, rho);
      this.drawCurves(ctx, at);
      // The circle of unit directions.
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.arc(cx, cy, rho, 0, 2 * Math.PI);
      ctx.stroke();
      this.drawFixedPoints(ctx, state, at, em, labels);
      this.updateLegend(state);
    }

    const ctx = layer(this.canvas);
    this.drawArrows(ctx, state, at);
    // The averaged flow's dot.
    const [dx, dy] = at(Math.cos(state[S.phi]), Math.sin(state[S.phi]));
    ctx.fillStyle = INK;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(dx, dy, 0.42 * em, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }

  /** The legend's words that follow the settings. */
  updateLegend(state) {
    const sigma = human(state[S.sigma], 2);
    const lead = state[S.lead] === 1;
    this.legend.information.textContent = `information through noise σ = ${sigma}`;
    this.legend.arrow.textContent = lead ? 'explicit normalisation (faint: Oja)' : 'Oja’s rule (faint: explicit normalisation)';
  }

  /** The cloud, faint, scaled so ±2.5√λ1 spans the circle: the data the curves come from. */
  drawPoints(ctx, pts, state, cx, cy, rho) {
    const k = rho / (2.5 * Math.sqrt(Math.max(state[S.l1], 1e-12)));
    ctx.fillStyle = fade(MUTED, 0.22);
    for (let i = 0; i + 1 < pts.length; i += 2) ctx.fillRect(cx + k * pts[i] - 1, cy - k * pts[i + 1] - 1, 2, 2);
  }

  /** R(φ) and I(φ) as polar curves, each scaled to touch the circle at its maximum. */
  drawCurves(ctx, at) {
    const c = this.buf('curves');
    let rMax = 0;
    let iMax = 0;
    for (let i = 0; i + 2 < c.length; i += 3) {
      rMax = Math.max(rMax, c[i + 1]);
      iMax = Math.max(iMax, c[i + 2]);
    }
    const curve = (col, top, colour, fill) => {
      if (!(top > 0)) return;
      ctx.beginPath();
      for (let i = 0; i + 2 < c.length; i += 3) {
        const r = c[i + col] / top;
        const [x, y] = at(r * Math.cos(c[i]), r * Math.sin(c[i]));
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.closePath();
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fill();
      }
      ctx.strokeStyle = colour;
      ctx.stroke();
    };
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    curve(1, rMax, MUTED, null);
    ctx.setLineDash([]);
    curve(2, iMax, COOL, fade(COOL, 0.1));
  }

  /** ±e1 (stable) and ±e2 (unstable); with `labels`, each pair named once with its linearised
   * rate per step, in two short lines. */
  drawFixedPoints(ctx, state, at, em, labels) {
    const e1 = [state[S.e1x], state[S.e1y]];
    const e2 = [-e1[1], e1[0]];
    const rate = (v) => `${v > 0 ? '+' : ''}${signed(human(v, 2))}/step`;
    const marks = [
      [e1, true, ['e₁ stable', rate(state[S.rate1])]],
      [e2, false, ['e₂ unstable', rate(state[S.rate2])]],
    ];
    ctx.lineWidth = 1.5;
    for (const [e, stable, lines] of marks) {
      for (const s of [1, -1]) {
        const [x, y] = at(s * e[0], s * e[1]);
        ctx.beginPath();
        ctx.arc(x, y, 0.32 * em, 0, 2 * Math.PI);
        ctx.fillStyle = stable ? STROKE : '#fff';
        ctx.strokeStyle = stable ? STROKE : INK;
        ctx.fill();
        ctx.stroke();
      }
      if (!labels) continue;
      // In a top corner, where the circle leaves room: e1's on the side its upper end leans to,
      // e2's opposite; each in its marker's colour.
      const right = stable === (e1[0] * Math.sign(e1[1] || 1) >= 0);
      const width = Math.max(...lines.map((l) => ctx.measureText(l).width));
      const tx = right ? this.width - width - 4 : 4;
      const ty = 1.1 * em;
      ctx.fillStyle = stable ? STROKE : INK;
      lines.forEach((l, i) => ctx.fillText(l, tx, ty + 1.2 * i * em));
    }
  }

  /** The online weights from the centre: the leading rule bold, the other faint. */
  drawArrows(ctx, state, at) {
    const lead = state[S.lead] === 1;
    const arrows = [
      [[state[S.ojaX], state[S.ojaY]], !lead],
      [[state[S.expX], state[S.expY]], lead],
    ].sort((a, b) => a[1] - b[1]);
    for (const [v, bold] of arrows) {
      if (!v.every(Number.isFinite)) continue;
      const n = Math.hypot(v[0], v[1]);
      // Oja's weight hovers near unit length; drawn past 1.3 it would leave the picture.
      const k = n > 1.3 ? 1.3 / n : 1;
      const [x0, y0] = at(0, 0);
      const [x1, y1] = at(k * v[0], k * v[1]);
      ctx.strokeStyle = bold ? STROKE : fade(STROKE, 0.35);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.lineWidth = bold ? 2.5 : 1.5;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      const a = Math.atan2(y1 - y0, x1 - x0);
      const head = bold ? 9 : 7;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * Math.cos(a - 0.4), y1 - head * Math.sin(a - 0.4));
      ctx.lineTo(x1 - head * Math.cos(a + 0.4), y1 - head * Math.sin(a + 0.4));
      ctx.closePath();
      ctx.fill();
    }
  }
}
