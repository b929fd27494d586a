// The base of every picture of the widget. The element (hebb-widget.js) owns the controls,
// readouts, status, actions and the frame loop; a view fills the picture area (`main`) and says
// what one frame of running means for its kinds. Every method has a default, so a view writes
// only what its picture needs. Views are registered by kind in views/index.js.

import { grouped } from '../format.js';
import { fitCanvas } from '../draw/canvas.js';

/** Status words every kind shares. */
const STATUS_TEXT = {
  until: 'Stopped at the step set by “until”; reset to run again.',
  converged: 'Converged.',
  diverged: 'Diverged:',
};

export class View {
  /**
   * @param {HTMLElement} main the widget's picture area (emptied and filled by the view)
   * @param {object} host services of the widget (see HebbWidget.host)
   */
  constructor(main, host) {
    this.main = main;
    this.host = host;
    this.kind = '';
    /** The plotters chart of the kind, if any (drawn by drawCharts). */
    this.chart = null;
  }

  /** Title, rule and hint of `kind` (the page's words, not its maths). */
  words(kind) {
    return { title: kind, rule: '', hint: '' };
  }

  /** The words of a readout, or undefined for the element's plain "name = value". */
  readoutText(name, v) {
    return name === 'step' ? `step ${grouped(v)}` : undefined;
  }

  /** A readout's tooltip, or undefined for none. */
  readoutTitle() {
    return undefined;
  }

  /** Words for a page status (`until`: paused by the core at the step set by `until`). */
  statusText(status) {
    return STATUS_TEXT[status];
  }

  /** On a touch screen, how a finger edits the picture; '' for a picture that takes no edits
   * (then the Edit toggle stays hidden). */
  touchHint() {
    return '';
  }

  /** Tooltips of the shared buttons whose meaning depends on the kind. */
  buttonTitles() {
    return {};
  }

  /** Views over wasm memory are made afresh for each use: any call may grow the memory. */
  buf(name) {
    const sim = this.host.sim();
    return new Float64Array(this.host.buffer(), sim.buffer_ptr(name), sim.buffer_len(name));
  }

  /** The kind or its settings changed (or the view was just made). */
  configure(kind) {
    this.kind = kind;
  }

  /** A new run (`boot`, `change`) or the same run back at step 0 (`reset`). */
  restarted() {}

  /**
   * One frame of running: up to `speed` steps within `budget` ms (the widget's share of the
   * page's frame). `fresh`: the first running frame since the run started, was reset or was
   * paused. Returns 'wait' when the frame does nothing, 'check' when the run may have stopped
   * by itself, else 'ran'.
   */
  advance(speed, t, budget) {
    const sim = this.host.sim();
    this.host.pace((n) => sim.advance(n), speed, budget);
    this.markDynamic();
    return 'check';
  }

  /**
   * For kinds whose one step can be long (a large `ei` or `modern` memory): the run is asked for
   * small units of work (`advance_units`), paced by their measured cost, until `speed` steps are
   * done or the share of the frame is spent, so a step may span frames. Returns the steps done.
   */
  advanceUnits(speed, budget) {
    const sim = this.host.sim();
    const perStep = sim.units_per_step();
    let steps = 0;
    this.host.pace((n) => {
      const ask = Math.min(n, (speed - steps) * perStep);
      steps += sim.advance_units(ask);
      // Fewer than asked tells the pacer to stop: `speed` reached, or the run stopped.
      return steps < speed && sim.status() === 'ready' ? ask : 0;
    }, Infinity, budget);
    this.markDynamic();
    return steps;
  }

  /** The → action for those kinds: as much of one step as fits in `budget` ms; false while the
   * step is still under way (the widget then goes on with it in the next frames). */
  stepInUnits(budget) {
    return this.advanceUnits(1, budget) > 0 || this.host.sim().status() !== 'ready';
  }

  /** How many units of `advance` make one step of the `step` readout. */
  advancePerStep() {
    return 1;
  }

  /** The → action: one step. Returns false when the step goes on in the next frames. */
  step() {
    this.host.sim().advance(this.advancePerStep());
    this.markDynamic();
  }

  /** A button of the view's own; true when handled. */
  act() {
    return false;
  }

  /** Everything is to be drawn again (a resize, a new run). */
  markAll() {}

  /** What the run changes is to be drawn again. */
  markDynamic() {}

  draw() {}

  /** The kind's plotters chart (in Rust); `type` scales its text with the widget's. */
  drawCharts(dpr, type) {
    const c = this.chart;
    if (!c || !this.host.shown(c) || !fitCanvas(c, dpr)) return;
    this.host.sim().draw_memory_chart(c, dpr * type);
  }
}
