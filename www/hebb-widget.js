// <hebb-widget kind="oja" eta="0.02" seed="7">: one live figure of the explorable — one neuron
// learning from a 2-D cloud (`hebb`, `decay`, `oja`), a memory network (`hopfield`,
// `capacity`, `modern`, `ei`) or a circuit (`gha`, `subspace`, `similarity`, `recurrent`, `bcm`,
// `prune`).
//
// The element's attributes are the contract keys (CONTRACT.md); they go to Rust as a query string,
// and Rust parses, clamps and reports. JS owns the frame loop and the drawing; every number it
// shows was computed in Rust. Renders into the light DOM. All widgets share one wasm instance.
// This module owns what every kind shares (text, buttons, menus and sliders from the schema,
// readouts, status and message, keyboard, start/pause by visibility, events); the picture area
// belongs to the kind's view (views/index.js).
//
// Exports (the Export menu): Save/Load of the exact state as JSON, a PNG of the picture, the
// charts as SVG and the trajectory as CSV (both made in Rust); a full-screen button; and a
// visually hidden summary of the readouts for screen readers ([data-summary], polite, at most
// every few seconds while running).
//
// Events: `change` (a CustomEvent, detail.query = the canonical query string) whenever a key's
// value changes, from a control, an attribute or "new seed". Point edits, painted pixels and stored
// pictures are not keys and do not fire it. A host page that sets a key attribute later (el.setAttribute('eta', '0.05')) changes the
// running widget live, like the matching slider.

import init, { Widget, fresh_seed } from './pkg/hebb.js';
import { Controls } from './controls.js';
import { VIEWS } from './views/index.js';
import { CloudView } from './views/cloud.js';
import { human, plainDecimal } from './format.js';
import { el, linkStylesheet } from './dom.js';
import { download, picturePng } from './export.js';

/** One wasm instance for the whole page, loading as soon as this module does. */
const wasmReady = init();
wasmReady.catch(() => {}); // each widget reports the failure itself

linkStylesheet(new URL('hebb.css', import.meta.url).href);

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

/** Buttons on the bar: action, icon, words, tooltip. */
const ACTIONS = [
  ['play', '▶', 'Play', 'play (Space)'],
  ['pause', '❚❚', 'Pause', 'pause (Space)'],
  ['step', '→', 'Step', 'one step (→)'],
  ['reset', '↺', 'Reset', 'back to step 0 (R)'],
  ['new-seed', '⚄', 'New seed', 'new data and start weight'],
  ['fullscreen', '⤢', 'Full screen', 'show the widget on the whole screen'],
];

/** Buttons in the Export menu. */
const EXPORTS = [
  ['export-json', '⤓', 'Save (JSON)', 'save the exact state as a JSON file'],
  ['import-json', '⤒', 'Load (JSON)', 'load a saved JSON file and go on from there'],
  ['export-png', '▣', 'Picture (PNG)', 'the picture as a PNG image'],
  ['export-svg', '∿', 'Charts (SVG)', 'the charts as an SVG drawing'],
  ['export-csv', '▤', 'Trajectory (CSV)', 'the recorded trajectory as a CSV table'],
];

/** The screen-reader summary is rewritten at most this often, except when the status changes or
 * the reader steps. */
const SUMMARY_MS = 3000;

/** Short words for the summary's last sentence. */
const STATUS_WORD = {
  ready: 'Ready',
  running: 'Running',
  paused: 'Paused',
  converged: 'Converged',
  diverged: 'Diverged',
};

/** How often the plotters charts redraw while running. */
const CHART_INTERVAL_MS = 250;

let counter = 0;

export class HebbWidget extends HTMLElement {
  constructor() {
    super();
    this.started = false;
    this.sim = null;
    this.wasm = null;
    this.view = null;
    this.playing = false;
    this.visible = false;
    this.autoplay = false;
    this.autoStarted = false;
    /** The run stopped by itself (converged) while playing: an edit that wakes it plays on. */
    this.resumable = false;
    /** A paint stroke is under way: the run waits for it. */
    this.painting = false;
    this.coreStatus = 'ready';
    this.note = ''; // a page-side notice (e.g. a refused action), shown until the next change
    this.raf = 0;
    this.lastCharts = -Infinity;
    this.lastSummary = -Infinity;
    this.summaryStatus = '';
    this.summaryTimer = 0;
    this.dirty = { readouts: true, charts: true, status: true, marks: true };
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
    clearTimeout(this.summaryTimer);
    this.summaryTimer = 0;
    this.closeMenu(); // and so stop listening for presses outside it
  }

  /** The light-DOM skeleton; the picture area, controls and readouts are filled in once the
   * schema is known. Parts that `hide` can hide carry `data-part`. */
  render() {
    const root = el('div', 'hw');
    this.root = root;

    const text = el('div', 'hw-text', { 'data-part': 'text' });
    this.titleEl = el('h2', 'hw-title');
    this.ruleEl = el('p', 'hw-rule');
    this.hintEl = el('p', 'hw-hint');
    text.append(this.titleEl, this.ruleEl, this.hintEl);

    const bar = el('div', 'hw-bar');
    const buttons = el('div', 'hw-buttons', { role: 'group', 'aria-label': 'Run' });
    this.buttons = {};
    /** An icon and words in `tag`; a menu item (hw-item) has classes of its own, so the bar's
     * icon-only modes do not reach it. */
    const labelled = (tag, cls, icon, words, attrs) => {
      const item = cls === 'hw-item';
      const e = el(tag, cls, attrs);
      const i = el('span', item ? 'hw-item-icon' : 'hw-icon', { 'aria-hidden': 'true' });
      i.textContent = icon;
      const w = el('span', item ? 'hw-item-words' : 'hw-words');
      w.textContent = words;
      e.append(i, w);
      return e;
    };
    const button = ([action, icon, words, title], cls) => {
      const b = labelled('button', cls, icon, words, { type: 'button', 'data-action': action, title });
      this.buttons[action] = b;
      return b;
    };
    for (const a of ACTIONS) buttons.append(button(a, 'hw-button'));
    // Save, load and the exports share one menu, so the bar fits a narrow frame.
    this.exportMenu = el('details', 'hw-export');
    const summary = labelled('summary', 'hw-button', '⤓', 'Export', { title: 'save, load and export' });
    const caret = el('span', 'hw-caret', { 'aria-hidden': 'true' });
    caret.textContent = '▾';
    summary.append(caret);
    const items = el('div', 'hw-export-items', { role: 'group', 'aria-label': 'Save, load and export' });
    for (const a of EXPORTS) items.append(button(a, 'hw-item'));
    this.exportMenu.append(summary, items);
    this.exportMenu.addEventListener('toggle', () => this.menuToggled());
    buttons.append(this.exportMenu);
    this.addEventListener('fullscreenchange', () => this.fullscreenChanged());
    // Every [data-action] button of the widget, the views' own ones included, lands in act().
    root.addEventListener('click', (e) => {
      const b = e.target.closest('[data-action]');
      if (b && root.contains(b)) this.act(b.dataset.action);
    });
    const menus = el('div', 'hw-menus', { 'data-part': 'controls' });
    bar.append(buttons, menus);

    this.main = el('div', 'hw-main');
    this.readoutBox = el('div', 'hw-readouts', { role: 'group', 'aria-label': 'Readouts', 'data-part': 'readouts' });

    this.messageEl = el('p', 'hw-message', { 'data-message': '', role: 'status', 'aria-live': 'polite' });
    const sliders = el('div', 'hw-sliders', { 'data-part': 'controls' });
    // What the readouts say, for screen readers: throttled, so it is not read out every frame.
    this.summaryEl = el('p', 'hw-summary', { 'data-summary': '', role: 'status', 'aria-live': 'polite' });

    root.append(text, bar, this.main, this.messageEl, sliders, this.summaryEl);
    this.replaceChildren(root);

    this.controls = new Controls(menus, sliders, this.idPrefix, (key, value) => this.change(key, value));
    this.addEventListener('keydown', (e) => this.key(e));
  }

  /** What a view may ask of the widget. */
  host() {
    return {
      sim: () => this.sim,
      buffer: () => this.wasm.memory.buffer,
      readoutBox: this.readoutBox,
      kind: () => this.kindName,
      status: () => this.coreStatus,
      schemaValue: (key) => this.schemaValue(key),
      /** The current value of a readout, straight from Rust. */
      readout: (name) => {
        const i = this.names.indexOf(name);
        if (i < 0) return 0;
        return new Float64Array(this.wasm.memory.buffer, this.sim.readouts_ptr(), this.names.length)[i];
      },
      shown: (e) => !this.hiddenParts.has(e.closest('[data-part]')?.dataset.part),
      editable: () => this.sim !== null && this.coreStatus !== 'diverged',
      focus: () => this.focus({ preventScroll: true }),
      edited: (note) => this.edited(note),
      paintStart: () => this.paintStart(),
      paintEnd: () => this.paintEnd(),
    };
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
      this.buildReadouts();
      this.refreshSchema();
      const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      const play = this.schemaValue('play');
      this.autoplay = play === 1 && !(reduced && !this.hasAttribute('play'));
      this.coreStatus = this.sim.status();
      this.view.restarted('boot');
      this.observe();
      this.markAll();
      this.schedule();
    } catch (err) {
      this.fail(err);
    }
  }

  fail(err, started = false) {
    this.sim = null;
    this.dataset.status = 'error';
    const why = err && err.message ? err.message : String(err);
    this.showMessage(
      started
        ? `The simulation stopped on an internal error (${why}); reload the page to start it again.`
        : `The simulation could not start: ${why}`,
    );
  }

  observe() {
    this.resizer ??= new ResizeObserver(() => {
      // The stylesheet's type scale (larger on a big screen): the charts' text follows it.
      this.typeScale = parseFloat(getComputedStyle(this).getPropertyValue('--hw-s')) || 1;
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

  /** One [data-readout] per name Rust lists (the list changes with the kind). */
  buildReadouts() {
    this.names = this.sim.readout_names().split(',');
    this.stepIndex = this.names.indexOf('step');
    this.readoutEls = [];
    this.shown = new Float64Array(this.names.length).fill(Number.NaN);
    this.lastFinite = new Float64Array(this.names.length);
    this.readoutBox.replaceChildren();
    for (const name of this.names) {
      const r = el('div', 'hw-readout', { 'data-readout': name, 'data-value': '0' });
      this.readoutBox.append(r);
      this.readoutEls.push(r);
    }
  }

  /** Re-reads the schema: control values, speed, hidden parts, the kind's words and layout. */
  refreshSchema() {
    this.schema = JSON.parse(this.sim.schema());
    this.controls.update(this.schema);
    this.speed = Math.max(1, this.schemaValue('speed') ?? 1);
    this.hiddenParts = new Set(String(this.schemaValue('hide') ?? '').split(',').filter(Boolean));
    // `hide`: display:none through the stylesheet, so parts a view builds later hide too.
    this.root.dataset.hide = [...this.hiddenParts].join(' ');
    const kind = this.sim.kind();
    if (this.sim.readout_names() !== this.names.join(',')) this.buildReadouts();
    this.dataset.kind = kind;
    // The kind menu switches within a family (Rust refuses other switches with a notice); a new
    // kind may need another picture.
    const View = VIEWS[kind] ?? CloudView;
    if (this.view?.constructor !== View) this.view = new View(this.main, this.host());
    this.view.configure(kind);
    const words = this.view.words(kind);
    this.titleEl.textContent = words.title;
    this.ruleEl.textContent = words.rule;
    this.hintEl.textContent = words.hint;
    this.names.forEach((name, i) => {
      const title = this.view.readoutTitle(name);
      if (title) this.readoutEls[i].title = title;
      else this.readoutEls[i].removeAttribute('title');
    });
    this.shown.fill(Number.NaN); // the words of a readout may change with the kind
    for (const [action, title] of Object.entries(this.view.buttonTitles())) {
      if (this.buttons[action]) this.buttons[action].title = title;
    }
  }

  schemaValue(key) {
    return this.schema.find((p) => p.key === key)?.value;
  }

  markAll() {
    for (const k of Object.keys(this.dirty)) this.dirty[k] = true;
    this.view?.markAll();
  }

  /** Asks for one frame (drawing, and a step of the run if playing). */
  schedule() {
    if (!this.raf && this.sim) this.raf = requestAnimationFrame(this.frame);
  }

  get running() {
    return this.playing && this.visible && !this.painting && this.coreStatus === 'ready';
  }

  frame(t) {
    this.raf = 0;
    if (!this.sim) return;
    try {
      this.tick(t);
    } catch (err) {
      // A trap in the core leaves nothing safe to draw: stop and say what happened.
      this.fail(err, true);
    }
  }

  tick(t) {
    const sim = this.sim;
    let advanced = false;
    if (this.running) {
      // The view knows what one frame of its kind is (samples, neuron updates, one retrieval
      // update every half second, trials within a time budget…).
      const ran = this.view.advance(this.speed, t);
      if (ran !== 'wait') {
        advanced = true;
        if (ran === 'check') this.coreStatus = sim.status();
        this.dirty.readouts = true;
      }
    }
    if (this.playing && this.coreStatus !== 'ready') {
      this.playing = false;
      this.resumable = this.coreStatus === 'converged';
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
    this.view.draw(dpr, animate);
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
    try {
      this.view.drawCharts(dpr, this.typeScale ?? 1);
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
      e.textContent = this.view.readoutText(this.names[i], v) ?? `${this.names[i]} = ${human(v, 4)}`;
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
    const said = this.view.statusText(status === 'paused' && core === 'paused' ? 'until' : status);
    const note = [this.sim.message(), this.note].filter(Boolean).join('; ');
    // The core's text starts with a symbol as often as a word (α, η, |w|): it is not recased.
    const end = /[.!?]$/.test(note) ? '' : '.';
    const lead = status === 'diverged' ? said : `${said} Note:`;
    this.showMessage(note ? `${lead} ${note}${end}` : said);
    this.buttons.play.setAttribute('aria-pressed', String(this.playing));
    this.buttons.pause.setAttribute('aria-pressed', String(status === 'paused' && core === 'ready'));
    this.summarize();
  }

  /** The readouts in a sentence, e.g. "Step 1,200: |w| = 1, angle 1.2°, … Running." */
  summaryText() {
    const texts = this.readoutEls.map((e) => e.textContent).filter(Boolean);
    if (!texts.length) return '';
    const [first, ...rest] = texts; // the step comes first
    const head = `${first[0].toUpperCase()}${first.slice(1)}: `;
    const word = STATUS_WORD[this.dataset.status] ?? '';
    return `${head}${rest.join(', ')}.${word ? ` ${word}.` : ''}`;
  }

  /** Rewrites the summary at once when the status changed or `now`; otherwise at most every
   * SUMMARY_MS (a timer catches up with the last state). */
  summarize(now = false) {
    const text = this.summaryText();
    if (text === this.summaryEl.textContent) return;
    const status = this.dataset.status;
    const wait = this.lastSummary + SUMMARY_MS - performance.now();
    if (now || wait <= 0 || status !== this.summaryStatus) {
      clearTimeout(this.summaryTimer);
      this.summaryTimer = 0;
      this.summaryEl.textContent = text;
      this.lastSummary = performance.now();
      this.summaryStatus = status;
    } else if (!this.summaryTimer) {
      this.summaryTimer = setTimeout(() => {
        this.summaryTimer = 0;
        if (this.sim) this.summarize(true);
      }, wait);
    }
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
        this.resumable = false;
        break;
      case 'pause':
        this.playing = false;
        this.autoStarted = true;
        this.resumable = false;
        break;
      case 'step':
        this.playing = false;
        this.autoStarted = true;
        this.resumable = false;
        if (this.coreStatus === 'ready') {
          this.view.step();
          this.coreStatus = this.sim.status();
        }
        this.markDynamic();
        this.stepped = true;
        break;
      case 'reset':
        this.sim.reset();
        this.coreStatus = this.sim.status();
        this.note = '';
        this.view.restarted('reset');
        this.resume();
        this.markDynamic();
        break;
      case 'new-seed':
        this.change('seed', String(fresh_seed()));
        return;
      case 'export-json':
        this.closeMenu();
        download(new Blob([this.sim.to_json()], { type: 'application/json' }), this.fileName('json'));
        return;
      case 'import-json':
        this.closeMenu();
        this.pickJson();
        return;
      case 'export-png':
        this.closeMenu();
        this.savePng();
        return;
      case 'export-svg':
        this.closeMenu();
        this.saveSvg();
        return;
      case 'export-csv':
        this.closeMenu();
        download(new Blob([this.sim.trajectory_csv()], { type: 'text/csv' }), this.fileName('csv'));
        return;
      case 'fullscreen':
        this.toggleFullscreen();
        return;
      default:
        // A view's own button (e.g. `store`): it calls edited() when it changed something.
        this.view.act(action);
        return;
    }
    this.dirty.status = true;
    this.syncText();
    if (this.stepped) this.summarize(true);
    this.stepped = false;
    this.schedule();
  }

  /** After an edit that woke a run which had stopped by itself, play on. */
  resume() {
    if (this.resumable && this.coreStatus === 'ready' && !this.painting) {
      this.playing = true;
      this.resumable = false;
    }
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
    d.readouts = d.charts = d.status = true;
    this.view.markDynamic();
  }

  /** A live change of one key (a control, an attribute, or new-seed). */
  change(key, value) {
    if (!this.sim) return;
    const before = this.sim.query();
    this.sim.set(key, value);
    this.note = '';
    this.coreStatus = this.sim.status();
    if (this.coreStatus !== 'ready') this.playing = false;
    this.refreshSchema();
    if (key === 'play') {
      // A host page setting play="1" / "0" starts or stops the run.
      this.autoStarted = true;
      this.playing = this.schemaValue('play') === 1 && this.coreStatus === 'ready';
      this.resumable = false;
    } else {
      this.resume();
    }
    this.view.restarted('change');
    this.markAll();
    this.syncText();
    this.schedule();
    const query = this.sim.query();
    if (query !== before) {
      this.dispatchEvent(new CustomEvent('change', { detail: { query } }));
    }
  }

  // ---- exports and full screen ----

  /** hebb-oja-step1200.csv */
  fileName(ext) {
    return `hebb-${this.sim.kind()}-step${Math.round(this.host().readout('step'))}.${ext}`;
  }

  /** A refused export or full screen: said in the message until the next change. */
  say(note) {
    this.note = note;
    this.dirty.status = true;
    this.syncText();
  }

  /** The picture area as drawn now, under a line with the kind and the readouts. */
  async savePng() {
    const dpr = window.devicePixelRatio || 1;
    const readouts = this.readoutEls.map((e) => e.textContent).filter(Boolean);
    const style = getComputedStyle(this);
    const bg = style.backgroundColor;
    try {
      const blob = await picturePng(this.main, [this.sim.kind(), ...readouts].join(' · '), {
        dpr,
        background: bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent' ? bg : '#fff',
        ink: style.color,
        font: style.fontFamily,
      });
      download(blob, this.fileName('png'));
    } catch (err) {
      this.say(`The picture could not be saved: ${err && err.message ? err.message : String(err)}`);
    }
  }

  /** The kind's charts, drawn by plotters into SVG (the cloud's two one above the other). */
  saveSvg() {
    const svg = this.sim.charts_svg(640, this.sim.family() === 'cloud' ? 480 : 320);
    if (!svg) {
      this.say('This kind has no charts to save as SVG; the PNG holds its picture and the CSV its numbers');
      return;
    }
    download(new Blob([svg], { type: 'image/svg+xml' }), this.fileName('svg'));
  }

  closeMenu() {
    if (this.exportMenu.open) this.exportMenu.open = false;
  }

  /** While the menu is open, Escape or a press elsewhere closes it. */
  menuToggled() {
    if (this.exportMenu.open) {
      this.outside ??= (e) => {
        if (!this.exportMenu.contains(e.target)) this.closeMenu();
      };
      document.addEventListener('pointerdown', this.outside, true);
    } else if (this.outside) {
      document.removeEventListener('pointerdown', this.outside, true);
    }
  }

  toggleFullscreen() {
    if (document.fullscreenElement === this) {
      document.exitFullscreen().catch(() => {});
      return;
    }
    const refused = 'Full screen is not available here (a frame that does not allow it, or a browser without it): open the widget on its own page instead';
    if (!document.fullscreenEnabled || typeof this.requestFullscreen !== 'function') {
      this.say(refused);
      return;
    }
    this.requestFullscreen().catch(() => this.say(refused));
  }

  /** Entering or leaving full screen (the stylesheet lays the widget out for it): the button
   * says how to leave. */
  fullscreenChanged() {
    const on = document.fullscreenElement === this;
    const b = this.buttons.fullscreen;
    b.setAttribute('aria-pressed', String(on));
    b.querySelector('.hw-words').textContent = on ? 'Exit full screen' : 'Full screen';
    b.title = on ? 'back to the page (Esc)' : ACTIONS.at(-1)[3];
    this.markAll();
    this.schedule();
  }

  /** Asks for a saved file and loads it (see load). */
  pickJson() {
    this.filePicker ??= Object.assign(document.createElement('input'), { type: 'file', accept: '.json,application/json' });
    this.filePicker.onchange = async () => {
      const file = this.filePicker.files?.[0];
      this.filePicker.value = '';
      if (file) this.load(await file.text());
    };
    this.filePicker.click();
  }

  /** Replaces the run by one loaded from a saved file; a bad file leaves the run as it was and
   * says why (the core checks the file against the schema and replays it to the saved readouts). */
  load(text) {
    let next;
    try {
      next = Widget.from_json(text);
    } catch (err) {
      this.note = `This file could not be loaded: ${err && err.message ? err.message : String(err)}`;
      this.dirty.status = true;
      this.syncText();
      return;
    }
    if (next.family() !== this.sim.family()) {
      this.note = `This file holds a ${next.kind()} widget, which this one cannot show: open it in a ${next.kind()} widget.`;
      next.free();
      this.dirty.status = true;
      this.syncText();
      return;
    }
    const before = this.sim.query();
    this.sim.free();
    this.sim = next;
    this.playing = false;
    this.autoStarted = true;
    this.note = '';
    this.coreStatus = this.sim.status();
    this.refreshSchema();
    this.view.restarted('change');
    this.markAll();
    this.syncText();
    this.schedule();
    const query = this.sim.query();
    if (query !== before) this.dispatchEvent(new CustomEvent('change', { detail: { query } }));
  }

  /** The reader edited the run in place (dragged points, painted pixels, stored a picture):
   * not part of the query (the JSON export has it). `note` is shown until the next change. */
  edited(note) {
    if (typeof note === 'string') this.note = note;
    this.coreStatus = this.sim.status();
    this.resume();
    this.markAll();
    this.syncText();
    this.schedule();
  }

  paintStart() {
    this.painting = true;
    if (this.playing) this.resumable = true; // the stroke holds the run; it plays on after
    this.playing = false;
    this.dirty.status = true;
  }

  paintEnd() {
    this.painting = false;
    this.coreStatus = this.sim.status();
    this.resume();
    this.dirty.status = true;
    this.schedule();
  }

  key(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || !this.sim) return;
    const tag = e.target.tagName;
    const formControl = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
    if (e.key === 'Escape' && this.exportMenu.open) {
      e.preventDefault();
      this.closeMenu();
      this.exportMenu.querySelector('summary').focus();
      return;
    }
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (formControl || tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return;
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
