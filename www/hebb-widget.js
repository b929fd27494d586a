// <hebb-widget kind="oja" eta="0.02" seed="7">: one neuron learning from a 2-D cloud.
//
// The element's attributes are the contract keys (CONTRACT.md); they go to Rust as a query string,
// and Rust parses, clamps and reports. JS owns the frame loop and the drawing; every number it
// shows was computed in Rust. Renders into the light DOM. All widgets share one wasm instance.
//
// Events: `change` (a CustomEvent, detail.query = the canonical query string) whenever a key's
// value changes, from a control, an attribute or "new seed". Point edits are not keys and do not
// fire it. A host page that sets a key attribute later (el.setAttribute('eta', '0.05')) changes the
// running widget live, like the matching slider.

import init, { Widget, fresh_seed } from './pkg/hebb.js';
import { Controls } from './controls.js';
import { CloudView } from './draw-cloud.js';
import { WeightView } from './draw-weights.js';
import { grouped, human, plainDecimal } from './format.js';

/** One wasm instance for the whole page, loading as soon as this module does. */
const wasmReady = init();
wasmReady.catch(() => {}); // each widget reports the failure itself

/** Load the widget's stylesheet once, unless the page already links it. */
function ensureStylesheet() {
  const href = new URL('hebb.css', import.meta.url).href;
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    if (link.href === href) return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
ensureStylesheet();

/** HTML attributes that are not keys of the widget (everything else goes to Rust, so an
 * unknown key is reported in the message rather than silently dropped). */
const HTML_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'tabindex', 'title', 'lang', 'dir', 'hidden', 'slot', 'role', 'part',
  'autofocus', 'inert', 'nonce', 'is', 'translate', 'draggable', 'contenteditable', 'spellcheck',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'name',
]);

export function isKeyAttribute(name) {
  return !HTML_ATTRIBUTES.has(name) && !/^(data-|aria-|on)/.test(name);
}

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
    hint: 'A leak of strength α fights the growth: the norm dies when α is above λ1 and grows when it is below, while the direction finds the long axis either way.',
  },
  oja: {
    title: 'Oja’s rule',
    rule: 'Δw = η y (x − y w)',
    hint: 'The subtracted y²w is a brake that grows with the output, so w settles at length one on the cloud’s long axis, as long as η stays below the marks.',
  },
};

/** Human text of each readout (the value itself comes from Rust). */
const READOUT_TEXT = {
  step: (v) => `step ${grouped(v)}`,
  norm: (v) => `|w| = ${human(v, 4)}`,
  angle: (v) => `angle ${v.toFixed(1)}°`,
  lambda1: (v) => `λ1 = ${human(v, 3)}`,
  lambda2: (v) => `λ2 = ${human(v, 3)}`,
  variance: (v) => `variance captured ${Math.round(v * 100)} %`,
};

const READOUT_TITLE = {
  step: 'samples presented so far',
  norm: 'length of the weight vector',
  angle: 'angle between the line of w and the first principal axis of the data (0–90°)',
  lambda1: 'largest eigenvalue of the data covariance',
  lambda2: 'smallest eigenvalue of the data covariance',
  variance: 'share of the total variance of the data along w',
};

const ACTIONS = [
  ['play', '▶', 'Play', 'play (Space)'],
  ['pause', '❚❚', 'Pause', 'pause (Space)'],
  ['step', '→', 'Step', 'one sample (→)'],
  ['reset', '↺', 'Reset', 'back to step 0 (R)'],
  ['new-seed', '⚄', 'New seed', 'new data and start weight'],
];

/** How often the plotters charts redraw while running. */
const CHART_INTERVAL_MS = 250;

let counter = 0;

function el(tag, className, attrs = {}) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export class HebbWidget extends HTMLElement {
  constructor() {
    super();
    this.started = false;
    this.sim = null;
    this.wasm = null;
    this.playing = false;
    this.visible = false;
    this.autoplay = false;
    this.autoStarted = false;
    this.coreStatus = 'ready';
    this.raf = 0;
    this.lastCharts = -Infinity;
    this.dirty = { data: true, weight: true, readouts: true, charts: true, status: true, marks: true };
    this.frame = this.frame.bind(this);
  }

  connectedCallback() {
    if (!this.started) {
      this.started = true;
      this.idPrefix = `hw${++counter}`;
      this.dataset.status = 'loading';
      if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
      this.render();
      this.showMessage('Loading the simulation…');
      wasmReady.then(
        (wasm) => this.boot(wasm),
        (err) => this.fail(err),
      );
    } else if (this.sim) {
      this.observe();
    }
  }

  disconnectedCallback() {
    this.unobserve();
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  /** The light-DOM skeleton; controls and readouts are filled in once the schema is known. */
  render() {
    const root = el('div', 'hw');
    this.parts = { text: [], controls: [], charts: [], readouts: [] };

    const text = el('div', 'hw-text');
    this.titleEl = el('h2', 'hw-title');
    this.ruleEl = el('p', 'hw-rule');
    this.hintEl = el('p', 'hw-hint');
    text.append(this.titleEl, this.ruleEl, this.hintEl);
    this.parts.text.push(text);

    const bar = el('div', 'hw-bar');
    const buttons = el('div', 'hw-buttons', { role: 'group', 'aria-label': 'Run' });
    this.buttons = {};
    for (const [action, icon, words, title] of ACTIONS) {
      const b = el('button', 'hw-button', { type: 'button', 'data-action': action, title });
      const i = el('span', 'hw-icon', { 'aria-hidden': 'true' });
      i.textContent = icon;
      b.append(i, words);
      buttons.append(b);
      this.buttons[action] = b;
    }
    buttons.addEventListener('click', (e) => {
      const b = e.target.closest('[data-action]');
      if (b) this.act(b.dataset.action);
    });
    const menus = el('div', 'hw-menus');
    this.parts.controls.push(menus);
    bar.append(buttons, menus);

    const main = el('div', 'hw-main');
    const cloudBox = el('div', 'hw-cloud');
    const side = el('div', 'hw-side');
    const weightBox = el('div', 'hw-weights');
    this.readoutBox = el('div', 'hw-readouts', { role: 'group', 'aria-label': 'Readouts' });
    this.parts.readouts.push(this.readoutBox);
    const charts = el('div', 'hw-charts');
    this.normChart = el('canvas', 'hw-chart', {
      role: 'img',
      'aria-label': 'Length of w against step, log scale',
    });
    this.angleChart = el('canvas', 'hw-chart', {
      role: 'img',
      'aria-label': 'Angle between w and the first principal axis against step',
    });
    charts.append(this.normChart, this.angleChart);
    this.parts.charts.push(charts);
    side.append(weightBox, this.readoutBox, charts);
    main.append(cloudBox, side);

    this.messageEl = el('p', 'hw-message', { 'data-message': '', role: 'status', 'aria-live': 'polite' });
    const sliders = el('div', 'hw-sliders');
    this.parts.controls.push(sliders);

    root.append(text, bar, main, this.messageEl, sliders);
    this.replaceChildren(root);

    const host = {
      sim: () => this.sim,
      buffer: () => this.wasm.memory.buffer,
      editable: () => this.sim !== null && this.coreStatus !== 'diverged',
      focus: () => this.focus({ preventScroll: true }),
      edited: (done) => this.edited(done),
    };
    this.cloud = new CloudView(cloudBox, host);
    this.weights = new WeightView(weightBox, host);
    this.controls = new Controls(menus, sliders, this.idPrefix, (key, value) => this.change(key, value));

    this.addEventListener('keydown', (e) => this.key(e));
  }

  /** The element's key attributes as a query string for Rust. */
  attributeQuery() {
    const q = new URLSearchParams();
    for (const a of this.attributes) if (isKeyAttribute(a.name)) q.append(a.name, a.value);
    return q.toString();
  }

  boot(wasm) {
    try {
      this.wasm = wasm;
      this.sim = new Widget(this.attributeQuery());
      this.names = this.sim.readout_names().split(',');
      this.stepIndex = this.names.indexOf('step');
      this.buildReadouts();
      this.refreshSchema();
      const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      const play = this.schemaValue('play');
      this.autoplay = play === 1 && !(reduced && !this.hasAttribute('play'));
      this.coreStatus = this.sim.status();
      this.cloud.chooseView(this.geometry());
      this.observe();
      this.markAll();
      this.schedule();
    } catch (err) {
      this.fail(err);
    }
  }

  fail(err) {
    this.sim = null;
    this.dataset.status = 'error';
    const why = err && err.message ? err.message : String(err);
    this.showMessage(`The simulation could not start: ${why}`);
  }

  observe() {
    this.resizer ??= new ResizeObserver(() => {
      this.markAll();
      this.schedule();
    });
    this.resizer.observe(this);
    this.seer ??= new IntersectionObserver(
      (entries) => {
        for (const e of entries) this.setVisible(e.isIntersecting);
      },
      { rootMargin: '120px' },
    );
    this.seer.observe(this);
    this.attrWatch ??= new MutationObserver((records) => this.attributesChanged(records));
    this.attrWatch.observe(this, { attributes: true });
  }

  unobserve() {
    this.resizer?.disconnect();
    this.seer?.disconnect();
    this.attrWatch?.disconnect();
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible && this.autoplay && !this.autoStarted) {
      this.autoStarted = true;
      if (this.coreStatus === 'ready') this.playing = true;
      this.dirty.status = true;
    }
    if (visible) this.schedule();
    else if (this.raf) {
      cancelAnimationFrame(this.raf);
      this.raf = 0;
    }
  }

  /** A host page changing a key attribute acts like moving the matching control. */
  attributesChanged(records) {
    for (const r of records) {
      const name = r.attributeName;
      if (!isKeyAttribute(name) || !this.hasAttribute(name)) continue;
      this.change(name, this.getAttribute(name));
    }
  }

  buildReadouts() {
    this.readoutEls = [];
    this.shown = new Float64Array(this.names.length).fill(Number.NaN);
    this.lastFinite = new Float64Array(this.names.length);
    this.readoutBox.replaceChildren();
    for (const name of this.names) {
      const r = el('div', 'hw-readout', { 'data-readout': name, 'data-value': '0' });
      if (READOUT_TITLE[name]) r.title = READOUT_TITLE[name];
      this.readoutBox.append(r);
      this.readoutEls.push(r);
    }
  }

  /** Re-reads the schema: control values, speed, hidden parts and the kind's words. */
  refreshSchema() {
    this.schema = JSON.parse(this.sim.schema());
    this.controls.update(this.schema);
    this.speed = Math.max(1, this.schemaValue('speed') ?? 1);
    const hide = String(this.schemaValue('hide') ?? '').split(',');
    for (const [part, els] of Object.entries(this.parts)) {
      for (const e of els) e.style.display = hide.includes(part) ? 'none' : '';
    }
    const kind = this.sim.kind();
    const words = KIND_TEXT[kind] ?? { title: kind, rule: '', hint: '' };
    this.titleEl.textContent = words.title;
    this.ruleEl.textContent = words.rule;
    this.hintEl.textContent = words.hint;
    this.dataset.kind = kind;
  }

  schemaValue(key) {
    return this.schema.find((p) => p.key === key)?.value;
  }

  geometry() {
    return new Float64Array(this.wasm.memory.buffer, this.sim.geometry_ptr(), 9);
  }

  markAll() {
    for (const k of Object.keys(this.dirty)) this.dirty[k] = true;
  }

  /** Asks for one frame (drawing, and a step of learning if playing). */
  schedule() {
    if (!this.raf && this.sim) this.raf = requestAnimationFrame(this.frame);
  }

  get running() {
    return this.playing && this.visible && this.coreStatus === 'ready';
  }

  frame(t) {
    this.raf = 0;
    if (!this.sim) return;
    try {
      this.tick(t);
    } catch (err) {
      // A trap in the core leaves nothing safe to draw: stop and say what happened.
      this.fail(err);
    }
  }

  tick(t) {
    const sim = this.sim;
    let advanced = false;
    if (this.running) {
      const done = sim.advance(this.speed);
      advanced = true;
      // Fewer steps than asked: the run stopped (at `until`, or diverged).
      if (done < this.speed) this.coreStatus = sim.status();
      this.dirty.weight = true;
      this.dirty.readouts = true;
    }
    if (this.playing && this.coreStatus !== 'ready') {
      this.playing = false;
      this.dirty.status = true;
      this.dirty.charts = true;
    }
    if (advanced && t - this.lastCharts >= CHART_INTERVAL_MS) {
      this.dirty.charts = true;
      this.dirty.status = true; // the core's message may change (e.g. w decayed to 0)
    }
    this.draw(t, advanced);
    if (this.running) this.raf = requestAnimationFrame(this.frame);
  }

  draw(t, animate) {
    const d = this.dirty;
    const dpr = window.devicePixelRatio || 1;
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
      this.cloud.drawWeight(this.geometry());
      this.weights.draw(this.geometry(), this.kindName, animate);
      d.weight = false;
    }
    if (d.readouts) {
      this.updateReadouts();
      d.readouts = false;
    }
    if (d.marks) {
      this.controls.setMarks(JSON.parse(this.sim.marks()));
      d.marks = false;
    }
    if (d.charts) {
      this.drawCharts(dpr);
      this.lastCharts = t;
      d.charts = false;
    }
    if (d.status) {
      this.updateStatus();
      d.status = false;
    }
  }

  get kindName() {
    return this.dataset.kind;
  }

  drawCharts(dpr) {
    if (this.parts.charts[0].style.display === 'none') return;
    for (const c of [this.normChart, this.angleChart]) {
      const w = Math.round(c.clientWidth * dpr);
      const h = Math.round(c.clientHeight * dpr);
      if (w < 2 || h < 2) return;
      if (c.width !== w) c.width = w;
      if (c.height !== h) c.height = h;
    }
    try {
      this.sim.draw_charts(this.normChart, this.angleChart, dpr);
    } catch (err) {
      // A chart that cannot draw must not stop the simulation; say so once.
      if (!this.chartError) {
        this.chartError = true;
        console.warn('hebb-widget: chart drawing failed', err);
      }
    }
  }

  updateReadouts() {
    const values = new Float64Array(this.wasm.memory.buffer, this.sim.readouts_ptr(), this.names.length);
    for (let i = 0; i < this.names.length; i++) {
      let v = values[i];
      // Never show NaN or Infinity: keep the last finite value (the message says why).
      if (Number.isFinite(v)) this.lastFinite[i] = v;
      else v = this.lastFinite[i];
      if (v === this.shown[i]) continue;
      this.shown[i] = v;
      const e = this.readoutEls[i];
      e.dataset.value = plainDecimal(v);
      const fmt = READOUT_TEXT[this.names[i]];
      e.textContent = fmt ? fmt(v) : `${this.names[i]} = ${human(v, 4)}`;
    }
  }

  updateStatus() {
    // The core says ready | paused (at `until`) | converged | diverged; on top of its `ready`
    // the page shows running (playing), paused (stopped by the reader mid-run) or ready (step 0).
    const core = this.coreStatus;
    const step = this.stepIndex >= 0 ? this.shown[this.stepIndex] || 0 : 0;
    let status = core;
    if (core === 'ready') status = this.playing ? 'running' : step > 0 ? 'paused' : 'ready';
    if (this.dataset.status !== status) this.dataset.status = status;
    const said = {
      running: 'Running. Drag a point to move it, click to add one, shift-click to remove one.',
      ready: 'Ready: press play (Space) or step (→).',
      paused: core === 'paused' ? 'Stopped at the step set by “until”; reset to run again.' : 'Paused: Space plays, → presents one sample.',
      converged: 'Converged.',
      diverged: 'Diverged:',
    }[status];
    const note = this.sim.message();
    // The core's text starts with a symbol as often as a word (α, η, |w|): it is not recased.
    const end = /[.!?]$/.test(note) ? '' : '.';
    const lead = status === 'diverged' ? said : `${said} Note:`;
    this.showMessage(note ? `${lead} ${note}${end}` : said);
    this.buttons.play.setAttribute('aria-pressed', String(this.playing));
    this.buttons.pause.setAttribute('aria-pressed', String(status === 'paused' && core === 'ready'));
  }

  showMessage(text) {
    if (this.messageEl.textContent !== text) this.messageEl.textContent = text;
  }

  // ---- actions ----

  act(action) {
    if (!this.sim) return;
    switch (action) {
      case 'play':
        if (this.coreStatus === 'ready') this.playing = true;
        this.autoStarted = true;
        break;
      case 'pause':
        this.playing = false;
        this.autoStarted = true;
        break;
      case 'step':
        this.playing = false;
        this.autoStarted = true;
        if (this.coreStatus === 'ready') {
          this.sim.advance(1);
          this.coreStatus = this.sim.status();
        }
        this.markDynamic();
        break;
      case 'reset':
        this.sim.reset();
        this.coreStatus = this.sim.status();
        this.weights.resetView();
        this.markDynamic();
        break;
      case 'new-seed':
        this.change('seed', String(fresh_seed()));
        return;
      default:
        return;
    }
    this.dirty.status = true;
    this.syncText();
    this.schedule();
  }

  /** Readouts and status follow an action at once; the pictures follow on the next frame. */
  syncText() {
    const d = this.dirty;
    if (d.readouts) this.updateReadouts();
    if (d.status) this.updateStatus();
    d.readouts = d.status = false;
  }

  markDynamic() {
    const d = this.dirty;
    d.weight = d.readouts = d.charts = d.status = true;
  }

  /** A live change of one key (a control, an attribute, or new-seed). */
  change(key, value) {
    if (!this.sim) return;
    const before = this.sim.query();
    this.sim.set(key, value);
    this.coreStatus = this.sim.status();
    if (this.coreStatus !== 'ready') this.playing = false;
    this.refreshSchema();
    if (key === 'play') {
      // A host page setting play="1" / "0" starts or stops the run.
      this.autoStarted = true;
      this.playing = this.schemaValue('play') === 1 && this.coreStatus === 'ready';
    }
    this.cloud.chooseView(this.geometry());
    this.weights.resetView();
    this.markAll();
    this.syncText();
    this.schedule();
    const query = this.sim.query();
    if (query !== before) {
      this.dispatchEvent(new CustomEvent('change', { detail: { query } }));
    }
  }

  /** Points were dragged, added or removed (not part of the query: the JSON export has them). */
  edited() {
    const d = this.dirty;
    d.data = d.weight = d.readouts = d.marks = d.charts = d.status = true;
    this.schedule();
  }

  key(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || !this.sim) return;
    const tag = e.target.tagName;
    const formControl = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (formControl || tag === 'BUTTON' || tag === 'A') return;
      e.preventDefault();
      this.act(this.playing ? 'pause' : 'play');
    } else if (e.key === 'ArrowRight') {
      if (formControl) return;
      e.preventDefault();
      this.act('step');
    } else if (e.key === 'r' || e.key === 'R') {
      if (tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && e.target.type !== 'range')) return;
      e.preventDefault();
      this.act('reset');
    }
  }

  /** The canonical query of every key (what embed.html writes into its URL). */
  query() {
    return this.sim ? this.sim.query() : this.attributeQuery();
  }
}

if (!customElements.get('hebb-widget')) customElements.define('hebb-widget', HebbWidget);
