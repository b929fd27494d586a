// What the memory pictures (`hopfield`, `capacity`, `modern`, `ei`) share: pixel grids of the
// network's state, their words for a step, and the picture area's classes. Every number shown
// comes from a Rust buffer; JS only lays out and colours.

import { View } from './view.js';
import { PixelGrid } from '../draw/grid.js';
import { el, figure } from '../dom.js';
import { grouped } from '../format.js';

/** What one step is called, by kind. */
const STEP_WORD = { hopfield: 'sweep', capacity: 'trial', modern: 'update', ei: 'learning step', dense: 'sweep' };

/** A pixel grid in a figure with a caption. */
export function gridFigure(className, caption, label) {
  const f = figure('hw-m', className, caption, label, 'hw-grid');
  return { ...f, grid: new PixelGrid(f.canvas) };
}

/**
 * Each memory view lists its words as static tables: `readoutWords` (name → (value) => text),
 * `readoutTitles` (name → tooltip) and `statusWords` (status → words, on top of the shared ones).
 */
export class MemoryView extends View {
  constructor(main, host) {
    super(main, host);
    this.dirty = { state: true, patterns: true, weights: true };
  }

  readoutText(name, v) {
    if (name === 'step') return `${STEP_WORD[this.kind] ?? 'step'} ${grouped(v)}`;
    return this.constructor.readoutWords?.[name]?.(v);
  }

  readoutTitle(name) {
    return this.constructor.readoutTitles?.[name];
  }

  statusText(status) {
    return this.constructor.statusWords?.[status] ?? super.statusText(status);
  }

  buttonTitles() {
    return { 'new-seed': 'a new noisy cue (and new random patterns)' };
  }

  get side() {
    return this.host.schemaValue('side') ?? 0;
  }

  /** A new layout when the kind is new. */
  configure(kind) {
    if (kind === this.kind) return;
    this.kind = kind;
    this.main.className = `hw-main hw-memory hw-m-${kind}`;
    this.main.dataset.kind = kind;
    this.build();
  }

  /** Fills the picture area (once per kind). */
  build() {}

  /** A plotters chart canvas of this view, `label` its accessible text. */
  chartCanvas(label) {
    this.chart = el('canvas', 'hw-chart hw-m-chart', { role: 'img', 'aria-label': label, 'data-part': 'charts' });
    return this.chart;
  }

  restarted() {
    this.markAll();
  }

  markAll() {
    const d = this.dirty;
    d.state = d.patterns = d.weights = true;
  }

  markDynamic() {
    this.dirty.state = true;
  }

  draw() {
    // A resize marks everything (the widget's ResizeObserver), so the thumbnails that fit are
    // counted again then.
    const d = this.dirty;
    if (d.patterns) {
      this.drawPatterns();
      d.patterns = false;
      d.state = true;
    }
    if (d.weights) {
      this.drawWeights();
      d.weights = false;
    }
    if (d.state) {
      this.drawState();
      d.state = false;
    }
  }

  drawPatterns() {}

  drawWeights() {}

  drawState() {}
}
