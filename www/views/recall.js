// What the two recall pictures (`hopfield`, `modern`) share: the state grid the reader paints on,
// beside the stored patterns with their live overlaps; each kind adds its chart below.

import { MemoryView, gridFigure } from './memory.js';
import { PixelGrid } from '../draw/grid.js';
import { FingerTaps, fingers } from '../draw/touch.js';
import { el } from '../dom.js';
import { grouped, human, percent, signed } from '../format.js';

const READOUT_WORDS = {
  overlap: (v) => `overlap m = ${signed(v.toFixed(3))}`,
  energy: (v) => `energy ${signed(human(v, 4))}`,
  'wrong-bits': (v) => `wrong bits ${percent(v)}`,
};

export class RecallView extends MemoryView {
  constructor(main, host) {
    super(main, host);
    this.paint = null;
    this.thumbs = [];
    this.thumbKey = '';
  }

  static readoutWords = READOUT_WORDS;
  touchHint() {
    return 'On a touch screen a swipe scrolls the page and a tap flips a pixel; switch on ✎ Edit to paint with a finger.';
  }

  /** The state grid (`name` starts its caption), the patterns' head (`head` gets the kind's
   * buttons) and their row; returns the side column, whose `lower` part the kind fills. */
  buildRecall(name) {
    const how = fingers() ? 'tap a pixel to flip it, ✎ Edit to paint' : 'paint on it';
    const stage = gridFigure('hw-m-stage', `${name}: ${how}`, 'The network’s state; press and drag to paint pixels');
    stage.canvas.classList.add('hw-paint');
    const c = stage.canvas;
    c.addEventListener('pointerdown', (e) => this.down(e));
    c.addEventListener('pointermove', (e) => this.move(e));
    c.addEventListener('pointerup', (e) => this.up(e));
    c.addEventListener('pointercancel', (e) => this.up(e));
    this.taps = new FingerTaps(c, this.host, (e) => this.tapped(e));
    this.stage = stage;

    const side = el('div', 'hw-m-side');
    const head = el('div', 'hw-m-head');
    const label = el('span', 'hw-m-label');
    label.textContent = 'stored patterns · overlap m';
    label.title = 'each stored pattern, with its overlap m with the current state under it';
    head.append(label);
    this.thumbRow = el('div', 'hw-m-thumbs', { role: 'list', 'aria-label': 'stored patterns' });
    const lower = el('div', 'hw-m-lower');
    side.append(head, this.thumbRow, lower);
    this.main.replaceChildren(stage.fig, side);
    return { head, lower };
  }

  // ---- painting (a finger paints only in edit mode, draw/touch.js) ----

  down(e) {
    if (e.button !== 0 || !this.host.editable() || this.taps.down(e)) return;
    const i = this.stage.grid.indexAt(e.clientX, e.clientY);
    if (i < 0) return;
    e.preventDefault(); // no text selection; keep the keyboard on the widget
    this.host.focus();
    // The stroke paints the colour opposite to the first pixel's, like a pen.
    const value = this.buf('state')[i] > 0 ? -1 : 1;
    this.paint = { id: e.pointerId, value, x: e.clientX, y: e.clientY };
    this.host.paintStart();
    this.paintPixel(i);
    this.stage.canvas.setPointerCapture(e.pointerId);
  }

  move(e) {
    const p = this.paint;
    if (!p || e.pointerId !== p.id) return;
    // Every pixel along the segment since the last event, so a fast stroke leaves no gaps.
    const r = this.stage.canvas.getBoundingClientRect();
    const cell = Math.max(1, r.width / Math.max(1, this.stage.grid.side));
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    const n = Math.max(1, Math.ceil((Math.hypot(dx, dy) / cell) * 3));
    let last = -1;
    for (let k = 1; k <= n; k++) {
      const i = this.stage.grid.indexAt(p.x + (dx * k) / n, p.y + (dy * k) / n);
      if (i !== last) this.paintPixel(i);
      last = i;
    }
    p.x = e.clientX;
    p.y = e.clientY;
  }

  up(e) {
    const p = this.paint;
    if (!p || e.pointerId !== p.id) return;
    this.paint = null;
    const c = this.stage.canvas;
    if (c.hasPointerCapture(e.pointerId)) c.releasePointerCapture(e.pointerId);
    this.host.paintEnd();
  }

  /** A finger's tap outside edit mode: the pixel under it flips. */
  tapped(e) {
    const i = this.stage.grid.indexAt(e.clientX, e.clientY);
    if (i < 0) return;
    this.host.focus();
    this.setPixel(i, this.buf('state')[i] > 0 ? -1 : 1);
  }

  paintPixel(i) {
    if (i >= 0 && this.paint) this.setPixel(i, this.paint.value);
  }

  /** Sets pixel i to `value` exactly (a grey modern pixel may need two flips). */
  setPixel(i, value) {
    const sim = this.host.sim();
    let changed = false;
    for (let k = 0; k < 2 && this.buf('state')[i] !== value; k++) {
      sim.toggle(i);
      changed = true;
    }
    if (changed) {
      this.dirty.state = true;
      this.host.edited();
    }
  }

  // ---- drawing ----

  drawState() {
    this.stage.grid.draw(this.buf('state'), this.side, 1);
    this.drawOverlaps();
  }

  /** (Re)builds the thumbnails of the stored patterns that fit in the row, and draws them. */
  drawPatterns() {
    const side = this.side;
    const n = side * side;
    if (!n) return;
    // P is the number of overlaps; Rust keeps pictures of only the first few patterns.
    const sim = this.host.sim();
    const count = sim.buffer_len('overlaps');
    const pictures = Math.min(count, Math.floor(sim.buffer_len('patterns') / n));
    // The thumbnails' size and gap are the stylesheet's (they grow on a big screen).
    const style = getComputedStyle(this.thumbRow);
    const thumb = Number.parseFloat(style.getPropertyValue('--hw-thumb')) || 38;
    const gap = Number.parseFloat(style.getPropertyValue('--hw-thumb-gap')) || 0;
    const fit = Math.max(1, Math.floor((this.thumbRow.clientWidth + gap) / (thumb + gap)));
    // When not all fit, the last two places go to the "+n more" note.
    const shown = Math.min(pictures, count <= fit ? count : Math.max(1, fit - 2));
    const preset = this.host.schemaValue('preset');
    const cue = preset === 'mixture' ? -1 : (this.host.schemaValue('cue') ?? 1) - 1;
    const key = `${count},${shown},${side},${cue}`;
    if (key !== this.thumbKey) {
      this.thumbKey = key;
      this.thumbs = [];
      const items = [];
      for (let mu = 0; mu < shown; mu++) {
        const item = el('div', 'hw-m-thumb', { role: 'listitem' });
        if (mu === cue) item.classList.add('hw-m-cued');
        const canvas = el('canvas', 'hw-grid', { 'aria-hidden': 'true' });
        const bar = el('div', 'hw-m-bar');
        const fill = el('span');
        bar.append(fill);
        const num = el('span', 'hw-m-num');
        item.append(canvas, bar, num);
        items.push(item);
        this.thumbs.push({ item, grid: new PixelGrid(canvas), fill, num, mu, shown: Number.NaN });
      }
      if (count > shown) {
        const more = el('div', 'hw-m-more', { role: 'listitem' });
        more.textContent = `+${grouped(count - shown)} more`;
        items.push(more);
      }
      this.thumbRow.replaceChildren(...items);
    }
    const patterns = this.buf('patterns');
    for (const t of this.thumbs) t.grid.draw(patterns.subarray(t.mu * n, (t.mu + 1) * n), side, 1);
  }

  /** The bar and number under each thumbnail: its overlap with the current state. */
  drawOverlaps() {
    if (!this.thumbs.length) return;
    const m = this.buf('overlaps');
    for (const t of this.thumbs) {
      const v = m[t.mu];
      if (!Number.isFinite(v) || v === t.shown) continue;
      t.shown = v;
      t.fill.style.width = `${(Math.min(1, Math.abs(v)) * 100).toFixed(1)}%`;
      t.fill.classList.toggle('hw-m-neg', v < 0);
      const text = signed(v.toFixed(2));
      t.num.textContent = text;
      t.item.title = `pattern ${t.mu + 1}${t.item.classList.contains('hw-m-cued') ? ' (the cued one)' : ''}: overlap m = ${text}`;
    }
  }
}
