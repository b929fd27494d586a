// <hebb-widget kind="oja" eta="0.02" seed="7">: one live figure of the explorable. Its attributes
// are the contract's keys (docs/contract.md), parsed, clamped and reported in Rust; every number
// it shows was computed there. This module owns the run: play and pause, live changes, the
// attributes, visibility and its share of the page's frame loop (pace.js). The kind's view
// (views/) owns the picture; widget/ the rest (skeleton, readouts, status words, actions and
// keys, Export menu and save files, full screen, screen-reader summary). Light DOM; one wasm
// instance for the page, made afresh after a trap (widget/instance.js). Events: `change`
// (detail.query) whenever a key's value changes.

import { Widget } from './pkg/hebb.js';
import { Controls } from './controls.js';
import { Pacer, cancelFrame, requestFrame } from './pace.js';
import { BOX_RESIZED } from './draw/canvas.js';
import { VIEWS } from './views/index.js';
import { CloudView } from './views/cloud.js';
import { buildShell } from './widget/shell.js';
import { ExportMenu, reason } from './widget/exports.js';
import { showFullscreen } from './widget/fullscreen.js';
import { Readouts } from './widget/readouts.js';
import { failureMessage, pageStatus, statusMessage } from './widget/status.js';
import { Summary } from './widget/summary.js';
import { AttributeWatch, isKeyAttribute, keyQuery } from './widget/attributes.js';
import { viewHost } from './widget/host.js';
import { park, progress, rebuild, swap, unpark } from './widget/replay.js';
import { bootSoon, enlist, memory, ready as instantiated, recover } from './widget/instance.js';
import { act, keyDown } from './widget/actions.js';
import { applyAttributes, changeMany, changed } from './widget/changes.js';
import { linkStyles } from './widget/styles.js';
import { fingers } from './draw/touch.js';

/** The page's wasm instance, loading as soon as this module does, and the widget's stylesheets. */
const ready = Promise.all([instantiated, linkStyles()]);
ready.catch(() => {}); // each widget reports the failure itself

// The public path of the element (compare.js and host pages import from here).
export { isKeyAttribute };

/** How often the plotters charts redraw while running. */
const CHART_INTERVAL_MS = 250;
/** A removed element keeps its run this long, so moving it in the page is cheap. */
const FREE_AFTER_MS = 2000;

let counter = 0;

export class HebbWidget extends HTMLElement {
  constructor() {
    super();
    this.started = false;
    this.sim = null;
    this.view = null;
    this.playing = false;
    this.visible = false;
    this.autoplay = false;
    this.autoStarted = false;
    /** The run stopped by itself (converged) while playing: an edit that wakes it plays on. */
    this.resumable = false;
    /** A paint stroke is under way: the run waits for it. */
    this.painting = false;
    /** The Edit toggle: a finger edits the picture instead of scrolling the page. */
    this.editing = false;
    this.coreStatus = 'ready';
    this.note = ''; // a page-side notice (e.g. a refused action), shown until the next change
    this.lastCharts = -Infinity;
    this.dirty = { readouts: true, charts: true, status: true, marks: true };
    /** The measured cost of a step, and of a piece of set-up or replay. */
    this.pacer = new Pacer();
    this.setupPacer = new Pacer();
    /** The next running frame is the first since the run started, was reset or paused. */
    this.fresh = true;
    this.attrs = new AttributeWatch(this, () => this.schedule());
    this.addEventListener(BOX_RESIZED, () => {
      this.markAll();
      this.schedule();
    });
  }

  get playing() {
    return this._playing ?? false;
  }

  set playing(on) {
    if (on && !this._playing) this.fresh = true;
    this._playing = on;
  }

  connectedCallback() {
    clearTimeout(this.freeTimer);
    if (!this.started) {
      this.started = true;
      this.idPrefix = `hw${++counter}`;
      enlist(this);
      this.dataset.status = 'loading';
      if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
      this.render();
      this.showMessage('Loading the simulation…');
      bootSoon(this, ready);
    } else if (this.sim) {
      this.observe();
      this.schedule(); // attributes changed while away apply now
    } else if (this.parked) {
      unpark(this);
    }
  }

  disconnectedCallback() {
    this.unobserve();
    cancelFrame(this);
    this.summary.stop();
    this.exports.close(); // and so stop listening for presses outside it
    if (this.sim) this.freeTimer = setTimeout(() => park(this), FREE_AFTER_MS);
  }



  /** The light-DOM skeleton (widget/shell.js), the Export menu and the summary. */
  render() {
    const shell = buildShell();
    const { root, buttons, main } = shell;
    Object.assign(this, { root, buttons, main, titleEl: shell.title, ruleEl: shell.rule, hintEl: shell.hint, messageEl: shell.message });
    this.exports = new ExportMenu(this);
    shell.group.append(this.exports.el);
    this.readouts = new Readouts();
    this.summary = new Summary(() => this.sim && { texts: this.readouts.texts(), status: this.dataset.status });
    root.append(this.summary.el);
    this.replaceChildren(root);
    this.addEventListener('fullscreenchange', () => {
      showFullscreen(this, this.buttons.fullscreen);
      this.markAll();
      this.schedule();
    });
    // Every [data-action] button of the widget, the views' own ones included, lands in act().
    root.addEventListener('click', (e) => {
      const b = e.target.closest('[data-action]');
      if (b && root.contains(b)) this.guard(() => act(this, b.dataset.action));
    });
    const { menus, sliders } = shell;
    this.controls = new Controls(menus, sliders, this.idPrefix, (key, value) => this.guard(() => this.change(key, value)));
    this.addEventListener('keydown', (e) => this.guard(() => keyDown(this, e)));
  }

  boot() {
    try {
      this.sim = new Widget(keyQuery(this));
      this.attrs.taken();
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

  /** The run cannot go on (`started`: it was running): say why. A trap in the core leaves the
   * shared instance suspect, so every other run moves to a fresh one (widget/instance.js); this
   * one's state is lost, and Reset starts it again from its keys. */
  fail(err, started = false) {
    this.sim = null;
    this.loading = null; // an object of the same instance: dropped, never freed
    this.playing = false;
    this.dataset.status = 'error';
    const trapped = typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
    const refused = trapped ? recover(this, rebuild) : 0;
    this.restartable = started || trapped;
    this.showMessage(failureMessage(err, reason(err), refused, this.restartable));
  }

  /** After a failure: a fresh run from the keys, in the instance as it is now. */
  restart() {
    this.restartable = false;
    this.note = '';
    this.boot();
    if (this.sim) this.syncText(); // the status and message leave `error` at once
  }

  /** Runs `fn`, a frame or a reader's action: a failure in it stops this run and says why. */
  guard(fn) {
    try {
      fn();
    } catch (err) {
      this.fail(err, true);
    }
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
    this.attrs.start();
  }

  unobserve() {
    this.resizer?.disconnect();
    this.seer?.disconnect();
    this.attrs.stop();
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible && this.autoplay && !this.autoStarted) {
      this.autoStarted = true;
      if (this.playable) this.playing = true;
      this.dirty.status = true;
    }
    // Hidden, it finishes the frame it asked for (its status and readouts) and asks no more.
    if (visible) {
      this.fresh = true;
      this.schedule();
    }
  }

  /** One [data-readout] per name Rust lists (the list changes with the kind). */
  buildReadouts() {
    this.readouts.build(this.sim.readout_names().split(','));
  }

  /** Rust's readouts now, in the order of their names (a fresh view: calls may grow memory). */
  readoutValues() {
    return new Float64Array(memory().buffer, this.sim.readouts_ptr(), this.readouts.names.length);
  }

  /** The current value of one readout (0 for a name this kind lacks). */
  readout(name) {
    const i = this.readouts.names.indexOf(name);
    return i < 0 ? 0 : this.readoutValues()[i];
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
    if (this.sim.readout_names() !== this.readouts.names.join(',')) this.buildReadouts();
    this.dataset.kind = kind;
    // The kind menu switches within a family (Rust refuses other switches with a notice); a new
    // kind may need another picture.
    const View = VIEWS[kind] ?? CloudView;
    if (this.view?.constructor !== View) this.view = new View(this.main, viewHost(this));
    this.view.configure(kind);
    const words = this.view.words(kind);
    this.titleEl.textContent = words.title;
    this.ruleEl.textContent = words.rule;
    const touch = fingers() ? this.view.touchHint() : '';
    this.hintEl.textContent = touch ? `${words.hint} ${touch}` : words.hint;
    this.buttons.edit.hidden = !touch;
    this.readouts.retitle(this.view);
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

  /** Asks for the page's next frame (drawing, and a slice of the run if playing). */
  schedule() {
    if (this.sim) requestFrame(this);
  }

  get running() {
    return this.playing && this.visible && !this.painting && this.coreStatus === 'ready' && !this.loading;
  }

  /** Ready to run, or will be once its set-up is done. */
  get playable() {
    return this.coreStatus === 'ready' || this.coreStatus === 'preparing';
  }

  /** Whether the next frame has work: running, or setting up or replaying in slices. */
  get busy() {
    return this.running || this.stepping || (this.visible && (this.coreStatus === 'preparing' || Boolean(this.loading)));
  }

  /** The page's frame loop (pace.js) gives this widget `budget` ms of this frame. */
  frame(t, budget) {
    // A trap in the core leaves nothing safe to draw: the guard stops and says what happened.
    if (this.sim) this.guard(() => this.tick(t, budget));
  }

  tick(t, budget) {
    this.applyAttributes();
    const sim = this.sim;
    let advanced = false;
    if (this.loading) {
      const done = this.loading.slice(budget);
      this.dirty.status = true;
      if (done) {
        this.loading = null;
        if (done.run) swap(this, done.run);
        else this.say(`This file could not be loaded: ${done.error}`);
      }
    } else if (this.coreStatus === 'preparing') {
      // Heavy set-up (storing thousands of patterns…) runs in slices, with its progress shown.
      // Stopped short with set-up left: the next kind of set-up work costs something else.
      if (this.setupPacer.run((n) => sim.prepare(n), Infinity, budget).stopped) this.setupPacer.forget();
      this.coreStatus = sim.status();
      // Only the progress changes until the set-up is done; then everything is drawn anew.
      if (this.coreStatus === 'preparing') this.dirty.status = true;
      else this.markAll();
    } else if (this.running) {
      // The view knows what one frame of its kind is (samples, neuron updates, one retrieval
      // update every half second, trials within a time budget…).
      const ran = this.view.advance(this.speed, t, budget, this.fresh);
      this.fresh = false;
      if (ran !== 'wait') {
        advanced = true;
        if (ran === 'check') this.coreStatus = sim.status();
        this.dirty.readouts = true;
      }
    } else if (this.stepping && this.coreStatus === 'ready') {
      // The rest of a long → step.
      this.stepping = !this.view.stepInUnits(budget);
      this.coreStatus = sim.status();
      advanced = true;
      this.dirty.readouts = true;
      this.dirty.status = true;
    } else {
      this.stepping = false;
    }
    if (this.playing && !this.playable) {
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
    if (this.busy) this.schedule();
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
    this.readouts.update(this.readoutValues(), this.view);
  }

  updateStatus() {
    const core = this.coreStatus;
    const status = this.loading ? 'loading' : pageStatus(core, this.playing, this.readouts.shownStep());
    if (this.dataset.status !== status) this.dataset.status = status;
    if (this.loading) {
      this.showMessage(this.loading.words());
    } else if (core === 'preparing') {
      this.showMessage(`${this.sim.message()} ${progress(this.sim)}.`);
    } else {
      const said = this.view.statusText(status === 'paused' && core === 'paused' ? 'until' : status);
      this.showMessage(statusMessage(said, status, [this.sim.message(), this.note]));
    }
    this.buttons.cancel.hidden = !this.loading;
    this.buttons.play.setAttribute('aria-pressed', String(this.playing));
    this.buttons.pause.setAttribute('aria-pressed', String(status === 'paused' && core === 'ready'));
    this.summary.update();
  }

  showMessage(text) {
    if (this.messageEl.textContent !== text) this.messageEl.textContent = text;
  }



  /** After an edit that woke a run which had stopped by itself, play on. */
  resume() {
    if (this.resumable && this.playable && !this.painting) {
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

  /** Live changes of keys (widget/changes.js): a control, new-seed, the host's attributes. */
  change(key, value) {
    changeMany(this, [[key, value]]);
  }

  applyAttributes() {
    applyAttributes(this);
  }

  changed(before) {
    changed(this, before);
  }

  /** A refused export or full screen: said in the message until the next change. */
  say(note) {
    this.note = note;
    this.dirty.status = true;
    this.syncText();
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

  /** The canonical query of every key (what embed.html writes into its URL). */
  query() {
    return this.sim ? this.sim.query() : keyQuery(this);
  }
}

if (!customElements.get('hebb-widget')) customElements.define('hebb-widget', HebbWidget);
