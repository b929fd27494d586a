// <hebb-widget kind="oja" eta="0.02" seed="7">: one live figure of the explorable — one neuron
// learning from a 2-D cloud (`hebb`, `decay`, `oja`), a memory network (`hopfield`,
// `capacity`, `modern`, `ei`) or a circuit (`gha`, `subspace`, `similarity`, `recurrent`, `bcm`,
// `prune`).
//
// The element's attributes are the contract keys (docs/contract.md); they go to Rust as a query string,
// and Rust parses, clamps and reports. JS owns the frame loop and the drawing; every number it
// shows was computed in Rust. Renders into the light DOM. All widgets share one wasm instance.
// This module owns the run (play, pause, step, reset, live changes, visibility, the frame loop);
// the kind's view (views/index.js) owns the picture area, and widget/ the rest: the skeleton,
// readouts, status words, keyboard, the Export menu, full screen and the screen-reader summary.
//
// Events: `change` (a CustomEvent, detail.query = the canonical query string) whenever a key's
// value changes, from a control, an attribute or "new seed". Point edits, painted pixels and
// stored pictures are not keys and do not fire it. A host page that sets a key attribute later
// (el.setAttribute('eta', '0.05')) changes the running widget live, like the matching slider.

import init, { Widget, fresh_seed } from './pkg/hebb.js';
import { Controls } from './controls.js';
import { VIEWS } from './views/index.js';
import { CloudView } from './views/cloud.js';
import { buildShell } from './widget/shell.js';
import { ExportMenu, reason } from './widget/exports.js';
import { showFullscreen, toggleFullscreen } from './widget/fullscreen.js';
import { keyAction } from './widget/keys.js';
import { Readouts } from './widget/readouts.js';
import { pageStatus, statusMessage } from './widget/status.js';
import { Summary } from './widget/summary.js';
import { isKeyAttribute, keyQuery } from './widget/attributes.js';
import { viewHost } from './widget/host.js';
import { linkStyles } from './widget/styles.js';

/** One wasm instance for the whole page, loading as soon as this module does, with the
 * widget's stylesheets. */
const ready = Promise.all([init(), linkStyles()]).then(([wasm]) => wasm);
ready.catch(() => {}); // each widget reports the failure itself

// The public path of the element (compare.js and host pages import from here).
export { isKeyAttribute };

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
      ready.then(
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
    this.summary.stop();
    this.exports.close(); // and so stop listening for presses outside it
  }

  /** The light-DOM skeleton (widget/shell.js), the Export menu and the summary. */
  render() {
    const shell = buildShell();
    const root = shell.root;
    this.root = root;
    this.titleEl = shell.title;
    this.ruleEl = shell.rule;
    this.hintEl = shell.hint;
    this.buttons = shell.buttons;
    this.main = shell.main;
    this.messageEl = shell.message;
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
      if (b && root.contains(b)) this.act(b.dataset.action);
    });
    const { menus, sliders } = shell;
    this.controls = new Controls(menus, sliders, this.idPrefix, (key, value) => this.change(key, value));
    this.addEventListener('keydown', (e) => this.key(e));
  }

  boot(wasm) {
    try {
      this.wasm = wasm;
      this.sim = new Widget(keyQuery(this));
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
    const why = reason(err);
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
    this.readouts.build(this.sim.readout_names().split(','));
  }

  /** Rust's readouts now, in the order of their names (a fresh view: calls may grow memory). */
  readoutValues() {
    return new Float64Array(this.wasm.memory.buffer, this.sim.readouts_ptr(), this.readouts.names.length);
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
    this.hintEl.textContent = words.hint;
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
    const status = pageStatus(core, this.playing, this.readouts.shownStep());
    if (this.dataset.status !== status) this.dataset.status = status;
    const said = this.view.statusText(status === 'paused' && core === 'paused' ? 'until' : status);
    this.showMessage(statusMessage(said, status, [this.sim.message(), this.note]));
    this.buttons.play.setAttribute('aria-pressed', String(this.playing));
    this.buttons.pause.setAttribute('aria-pressed', String(status === 'paused' && core === 'ready'));
    this.summary.update();
  }

  showMessage(text) {
    if (this.messageEl.textContent !== text) this.messageEl.textContent = text;
  }

  // ---- actions ----

  act(action) {
    if (!this.sim) return;
    if (action === 'play' || action === 'pause' || action === 'step') {
      // The reader took over: no autoplay later, no playing on by itself.
      this.autoStarted = true;
      this.resumable = false;
    }
    switch (action) {
      case 'play':
        if (this.coreStatus === 'ready') this.playing = true;
        break;
      case 'pause':
        this.playing = false;
        break;
      case 'step':
        this.playing = false;
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
      case 'fullscreen':
        toggleFullscreen(this, (note) => this.say(note));
        return;
      default:
        // An export, or a view's own button (e.g. `store`): it calls edited() when it changed
        // something.
        if (!this.exports.act(action)) this.view.act(action);
        return;
    }
    this.dirty.status = true;
    this.syncText();
    if (this.stepped) this.summary.update(true);
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
    this.changed(before);
  }

  /** After a change of the run's keys: everything is drawn again, and `change` fires when the
   * query differs from `before`. */
  changed(before) {
    this.view.restarted('change');
    this.markAll();
    this.syncText();
    this.schedule();
    const query = this.sim.query();
    if (query !== before) this.dispatchEvent(new CustomEvent('change', { detail: { query } }));
  }

  /** A refused export or full screen: said in the message until the next change. */
  say(note) {
    this.note = note;
    this.dirty.status = true;
    this.syncText();
  }

  /** Replaces the run by `next`, loaded from a saved file (widget/exports.js checked it). */
  load(next) {
    const before = this.sim.query();
    this.sim.free();
    this.sim = next;
    this.playing = false;
    this.autoStarted = true;
    this.note = '';
    this.coreStatus = this.sim.status();
    this.refreshSchema();
    this.changed(before);
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
    const action = e.key === 'Escape' ? '' : keyAction(e, this.playing);
    if (action || (e.key === 'Escape' && this.exports.escape())) {
      e.preventDefault();
      if (action) this.act(action);
    }
  }

  /** The canonical query of every key (what embed.html writes into its URL). */
  query() {
    return this.sim ? this.sim.query() : keyQuery(this);
  }
}

if (!customElements.get('hebb-widget')) customElements.define('hebb-widget', HebbWidget);
