// One neuron on a 2-D cloud (`hebb`, `decay`, `oja`): the data cloud with the weight arrow on
// the left; weight space, readouts, the |w| and angle charts and the eigen chart on the right.

import { View } from './view.js';
import { CloudPlot } from '../draw/cloud.js';
import { WeightPlot } from '../draw/weights.js';
import { fitCanvas } from '../draw/canvas.js';
import { human } from '../format.js';
import { el } from '../dom.js';
import { fingers } from '../draw/touch.js';

/** Rule, equation and a hint for each kind (the page's words, not its maths). */
const KIND_TEXT = {
  hebb: {
    title: 'Plain Hebb',
    rule: 'Δw = η y x,  y = w·x',
    hint: 'Each sample pulls w towards itself in proportion to the output and nothing pulls back: the arrow swings onto the long axis while its length grows without bound.',
  },
  decay: {
    title: 'Hebb with decay',
    rule: 'Δw = η (y x − α w)',
    hint: 'A leak of strength α fights the growth: on average the norm dies when α is above λ1 and grows below it; this online run tips a little lower, at α*. The direction finds the long axis while η(2α − λ1 − λ2) < 2; past that it dies along the short axis.',
  },
  oja: {
    title: 'Oja’s rule',
    rule: 'Δw = η y (x − y w)',
    hint: 'The subtracted y²w is a brake that grows with the output, so w settles at length one on the cloud’s long axis, as long as η stays below the marks.',
  },
};

/** Human text of each readout (the value itself comes from Rust). */
const READOUT_TEXT = {
  norm: (v) => `|w| = ${human(v, 4)}`,
  angle: (v) => `angle ${v.toFixed(1)}°`,
  lambda1: (v) => `λ1 = ${human(v, 3)}`,
  lambda2: (v) => `λ2 = ${human(v, 3)}`,
  variance: (v) => `variance captured ${Math.round(v * 100)} %`,
  'alpha-star': (v) => `online tipping α* = ${human(v, 3)}`,
  'w-e1': (v) => `w·e1 = ${human(v, 3)}`,
  'w-e2': (v) => `w·e2 = ${human(v, 3)}`,
  mu1: (v) => `μ1 = ${human(v, 4)}`,
  mu2: (v) => `μ2 = ${human(v, 4)}`,
};

const READOUT_TITLE = {
  step: 'samples presented so far',
  norm: 'length of the weight vector',
  angle: 'angle between the line of w and the first principal axis of the data (0–90°)',
  lambda1: 'largest eigenvalue of the data covariance',
  lambda2: 'smallest eigenvalue of the data covariance',
  variance: 'share of the total variance of the data along w',
  'alpha-star': 'the decay at which this online run tips from growing to dying: α* = λ1 − ½η·Var((x·e1)²), a little below λ1, where the averaged map tips',
  'w-e1': 'component of w along e1, the first principal axis of the data',
  'w-e2': 'component of w along e2, the second principal axis of the data',
  mu1: 'factor by which one averaged step multiplies w·e1 (for Oja: at its fixed point, where it is 1)',
  mu2: 'factor by which one averaged step multiplies w·e2 (for Oja: at the fixed point ±e1)',
};

const STATUS_TEXT = {
  running: 'Running. Drag a point to move it, click to add one, shift-click to remove one.',
  ready: 'Ready: press play (Space) or step (→).',
  paused: 'Paused: Space plays, → presents one sample.',
};

/** On a touch screen (draw/touch.js), where a finger drags only in edit mode. */
const TOUCH_STATUS_TEXT = {
  running: 'Running. Tap to add a point, or switch on ✎ Edit and drag one to move it.',
};

/** Where a factor sits on the strip, which spans −2…2; one past either end waits at that end. */
const stripPos = (v) => `${((Math.max(-2, Math.min(2, v)) + 2) / 4) * 100}%`;

/**
 * The averaged map's factors μ1, μ2 (readouts from Rust) as two dots on a line marked at −1, 0
 * and 1, with a word when they spell trouble: below −1 a component flips sign and grows (the
 * sign-flip trap); |μ2| > |μ1| lets the e2 component win (the e2 takeover).
 */
class FactorStrip {
  constructor() {
    this.box = el('div', 'hw-mu', { role: 'img' });
    const line = el('div', 'hw-mu-line');
    for (const [v, text] of [[-1, '−1'], [0, '0'], [1, '1']]) {
      const tick = el('span', 'hw-mu-tick');
      tick.style.left = stripPos(v);
      tick.textContent = text;
      line.append(tick);
    }
    this.dots = ['1', '2'].map((k) => {
      const dot = el('span', `hw-mu-dot hw-mu-dot${k}`);
      dot.textContent = k;
      line.append(dot);
      return dot;
    });
    this.label = el('span', 'hw-mu-label');
    this.box.append(el('span', 'hw-mu-name'), line, this.label);
    this.box.firstChild.textContent = 'μ';
    this.shown = '';
  }

  update(mu1, mu2) {
    const word = mu1 < -1 || mu2 < -1 ? 'sign-flip trap' : Math.abs(mu2) > Math.abs(mu1) ? 'e2 takeover' : '';
    const text = `factors of the averaged map: μ1 = ${human(mu1, 4)}, μ2 = ${human(mu2, 4)}, on a line marked at −1, 0 and 1${word ? `: ${word}` : ''}`;
    if (text === this.shown) return;
    this.shown = text;
    this.box.setAttribute('aria-label', text);
    this.box.title = text;
    this.dots[0].style.left = stripPos(mu1);
    this.dots[1].style.left = stripPos(mu2);
    this.label.textContent = word;
  }
}

export class CloudView extends View {
  constructor(main, host) {
    super(main, host);
    this.dirty = { data: true, weight: true };
    main.className = 'hw-main';
    const cloudBox = el('div', 'hw-cloud');
    const side = el('div', 'hw-side');
    const weightBox = el('div', 'hw-weights');
    const charts = el('div', 'hw-charts', { 'data-part': 'charts' });
    this.normChart = el('canvas', 'hw-chart', {
      role: 'img',
      'aria-label': 'Length of w against step, log scale',
    });
    this.angleChart = el('canvas', 'hw-chart', {
      role: 'img',
      'aria-label': 'Angle between w and the first principal axis against step',
    });
    this.eigenChart = el('canvas', 'hw-chart hw-chart-eigen', {
      role: 'img',
      'aria-label':
        'w along the principal axes against step, log scale (Oja: the ratio |w·e2/w·e1|), with the predicted slopes dashed',
    });
    this.strip = new FactorStrip();
    charts.append(this.strip.box, this.normChart, this.angleChart, this.eigenChart);
    this.charts = charts;
    side.append(weightBox, host.readoutBox, charts);
    main.replaceChildren(cloudBox, side);
    this.cloud = new CloudPlot(cloudBox, host);
    this.weights = new WeightPlot(weightBox, host);
  }

  words(kind) {
    return KIND_TEXT[kind] ?? super.words(kind);
  }

  readoutText(name, v) {
    return READOUT_TEXT[name]?.(v) ?? super.readoutText(name, v);
  }

  readoutTitle(name) {
    return READOUT_TITLE[name];
  }

  statusText(status) {
    return (fingers() && TOUCH_STATUS_TEXT[status]) || (STATUS_TEXT[status] ?? super.statusText(status));
  }

  touchHint() {
    return 'On a touch screen a swipe scrolls the page and a tap adds a point; switch on ✎ Edit to drag points with a finger.';
  }

  buttonTitles() {
    return { step: 'one sample (→)', 'new-seed': 'new data and start weight' };
  }

  geometry() {
    return new Float64Array(this.host.buffer(), this.host.sim().geometry_ptr(), 12);
  }

  restarted(why) {
    if (why !== 'reset') this.cloud.chooseView(this.geometry());
    this.weights.resetView();
  }

  /** Up to `speed` samples; 'check' only when the run stopped (the status is read less often). */
  advance(speed, t, budget) {
    const sim = this.host.sim();
    const { stopped } = this.host.pace((n) => sim.advance(n), speed, budget);
    this.dirty.weight = true;
    return stopped ? 'check' : 'ran';
  }

  markAll() {
    this.dirty.data = this.dirty.weight = true;
  }

  markDynamic() {
    this.dirty.weight = true;
  }

  draw(dpr, animate) {
    const d = this.dirty;
    if (this.cloud.resize(dpr)) {
      this.cloud.updateScale();
      d.data = d.weight = true;
    }
    if (this.weights.resize(dpr)) d.weight = true;
    // Views over wasm memory are made afresh for each use: a call may grow the memory.
    if (d.data) {
      this.cloud.drawData(this.geometry());
      d.data = false;
    }
    if (d.weight) {
      this.strip.update(this.host.readout('mu1'), this.host.readout('mu2'));
      this.cloud.drawWeight(this.geometry());
      this.weights.draw(this.geometry(), this.host.kind(), animate);
      d.weight = false;
    }
  }

  /** The |w|, angle and eigen charts (plotters, in Rust); `type` scales their text with the widget's. */
  drawCharts(dpr, type) {
    if (!this.host.shown(this.charts)) return;
    if (![this.normChart, this.angleChart].every((c) => fitCanvas(c, dpr))) return;
    const sim = this.host.sim();
    sim.draw_charts(this.normChart, this.angleChart, dpr * type);
    // A small frame hides the eigen chart (cloud.css): its box is empty, nothing to draw into.
    if (fitCanvas(this.eigenChart, dpr)) {
      sim.draw_eigen_chart(this.eigenChart, dpr * type);
    }
  }
}
