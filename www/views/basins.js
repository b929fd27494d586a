// `basins`: the phase diagram of classic recall, load P/N across and the cue's starting
// overlap m₀ up, each cell shaded by the fraction of trials recalled; the theory's loads as
// lines, the chosen load's row and its basin edge, and points the reader pins (click, or the
// arrow keys and Enter on the focused diagram). Every number comes from the run's buffers
// (src/runs/basins.rs); this file only lays out and colours.

import { MemoryView } from './memory.js';
import { followBox } from '../draw/canvas.js';
import { INK, MUTED, LINE, COOL, STROKE, fade } from '../draw/palette.js';
import { el } from '../dom.js';
import { grouped } from '../format.js';

/** The `marks` buffer (src/runs/basins.rs `refresh`). */
const M = { agsLoad: 0, one: 1, all: 2, row: 3, basin: 4, capacity: 5, essayLoad: 6, essayM0: 7, trials: 8, loadLo: 9, loadHi: 10, m0Lo: 11, m0Hi: 12 };
/** The grid's shape (src/runs/basins.rs LOAD_ROWS, OVERLAP_COLUMNS). */
const ROWS = 15;
const COLUMNS = 10;
const FONT = '0.786em system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const READOUT_WORDS = {
  capacity: (v) => (v > 0 ? `capacity ≈ ${v.toFixed(3)}` : 'no capacity yet'),
  basin: (v) => (v > 0 ? `basin edge m₀ ≈ ${v.toFixed(2)}` : 'no basin edge yet'),
};

const READOUT_TITLES = {
  step: 'cells of the diagram finished (all their trials done)',
  capacity: 'the largest load P/N where recall from a stored pattern itself (m₀ = 1) ends within 1 % wrong bits in at least half the trials',
  basin: 'at the chosen load (the outlined row, key “load”): the smallest starting overlap m₀ from which recall still succeeds in at least half the trials',
};

const STATUS_WORDS = {
  running: 'Filling the diagram: each trial stores random patterns at one load and recalls from a cue at every overlap.',
  ready: 'Ready: press play (Space) to fill the diagram, or step (→, one load’s cells).',
  paused: 'Paused: Space carries on, → finishes the next load’s cells.',
  converged: 'Diagram finished.',
};

export class BasinsView extends MemoryView {
  words() {
    return {
      title: 'Where recall works',
      rule: 'recalled: ≤ 1 % wrong bits after recall from a cue of overlap m₀, at load P/N',
      hint: 'Each cell stores random patterns at one load and starts recall from a cue that agrees with a memory on a fraction (1 + m₀)/2 of its bits; the darker the cell, the more trials end within 1 % of the memory. Click the diagram (or focus it and use the arrow keys and Enter) to pin a point.',
    };
  }

  static readoutWords = READOUT_WORDS;
  static readoutTitles = READOUT_TITLES;
  static statusWords = STATUS_WORDS;
  buttonTitles() {
    return { step: 'the next load’s cells (→)', 'new-seed': 'new random patterns and cues for every trial' };
  }

  build() {
    this.box = el('div', 'hw-b-plot');
    this.canvas = el('canvas', 'hw-layer', {
      tabindex: '0',
      role: 'application',
      'aria-roledescription': 'phase diagram',
      'aria-label':
        'Phase diagram of recall: load P/N across, the cue’s starting overlap m₀ up, each cell shaded by the fraction of trials recalled. Arrow keys move the cursor, Enter pins a point, Delete removes the last pin.',
    });
    this.box.append(this.canvas);
    const side = el('div', 'hw-m-side');
    this.progress = el('div', 'hw-m-progress', { role: 'progressbar', 'aria-label': 'cells done', 'aria-valuemin': '0' });
    this.progressFill = el('span');
    this.progress.append(this.progressFill);
    this.progressText = el('p', 'hw-m-progress-text');
    const scale = el('p', 'hw-b-scale');
    scale.append(el('span', 'hw-b-ramp'), document.createTextNode('recalled in 0 → 100 % of trials'));
    this.pinList = el('ul', 'hw-b-pins', { 'aria-label': 'pinned points', 'aria-live': 'polite' });
    side.append(this.progress, this.progressText, this.host.readoutBox, scale, this.pinList);
    this.main.replaceChildren(this.box, side);
    this.canvas.addEventListener('pointerdown', (e) => this.clicked(e));
    this.canvas.addEventListener('keydown', (e) => this.key(e));
    this.canvas.addEventListener('focus', () => this.redraw());
    this.canvas.addEventListener('blur', () => this.redraw());
    /** Pinned points as [load, m0]; the essay's example is pinned from the marks. */
    this.pins = [];
    /** The keyboard cursor, a cell as [row, column]. */
    this.cursor = [0, COLUMNS - 1];
    this.width = 0;
    this.height = 0;
    this.dpr = 1;
    this.em = 14;
  }

  restarted() {
    super.restarted();
    this.listed = '';
  }

  advance(speed, t, budget) {
    const sim = this.host.sim();
    const start = performance.now();
    let done = 0;
    while (done < speed && performance.now() - start < budget) {
      done += sim.advance_units(1);
      if (sim.status() !== 'ready') break;
    }
    this.markDynamic();
    return 'check';
  }

  /** One load's cells can be seconds of work at the largest N: → runs in units too. */
  step(budget) {
    return this.stepInUnits(budget);
  }

  markAll() {
    super.markAll();
    this.width = 0;
  }

  /** The plot's frame in CSS pixels: room for the axis labels left and below. */
  frame(marks) {
    const em = this.em;
    const [left, right, top, bottom] = [2.6 * em, 0.6 * em, 1.5 * em, 2.4 * em];
    const w = Math.max(10, this.width - left - right);
    const h = Math.max(10, this.height - top - bottom);
    // Cells centred on the grid's values, half a cell beyond the ends.
    const dl = (marks[M.loadHi] - marks[M.loadLo]) / (ROWS - 1);
    const dm = (marks[M.m0Hi] - marks[M.m0Lo]) / (COLUMNS - 1);
    const x0 = marks[M.loadLo] - dl / 2;
    const y0 = marks[M.m0Lo] - dm / 2;
    const sx = w / (dl * ROWS);
    const sy = h / (dm * COLUMNS);
    return {
      left, top, w, h, dl, dm,
      x: (load) => left + (load - x0) * sx,
      y: (m0) => top + h - (m0 - y0) * sy,
      load: (px) => x0 + (px - left) / sx,
      m0: (py) => y0 + (top + h - py) / sy,
    };
  }

  /** The cell nearest a point, as [row, column], inside the grid. */
  cellOf(marks, load, m0) {
    const f = this.frame(marks);
    const clamp = (v, n) => Math.max(0, Math.min(n - 1, Math.round(v)));
    return [clamp((load - marks[M.loadLo]) / f.dl, ROWS), clamp((m0 - marks[M.m0Lo]) / f.dm, COLUMNS)];
  }

  clicked(e) {
    if (e.button !== 0) return;
    const marks = this.buf('marks');
    if (marks.length < 13) return;
    const r = this.canvas.getBoundingClientRect();
    const f = this.frame(marks);
    const [px, py] = [e.clientX - r.left, e.clientY - r.top];
    if (px < f.left || px > f.left + f.w || py < f.top || py > f.top + f.h) return;
    e.preventDefault();
    this.canvas.focus({ preventScroll: true });
    const cell = this.cellOf(marks, f.load(px), f.m0(py));
    this.cursor = cell;
    this.pin(marks, cell);
  }

  /** Pins the centre of a cell (the value the diagram measured), or unpins it if pinned. */
  pin(marks, [k, j]) {
    const f = this.frame(marks);
    const at = [marks[M.loadLo] + k * f.dl, marks[M.m0Lo] + j * f.dm];
    const same = this.pins.findIndex((p) => this.cellOf(marks, ...p).join() === [k, j].join());
    if (same >= 0) this.pins.splice(same, 1);
    else this.pins.push(at);
    if (this.pins.length > 6) this.pins.shift();
    this.listed = '';
    this.redraw();
  }

  /** The diagram again, also while the run is paused or finished. */
  redraw() {
    this.markDynamic();
    this.host.redraw();
  }

  key(e) {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const marks = this.buf('marks');
    if (marks.length < 13) return;
    if (moves[e.key]) {
      const [dk, dj] = moves[e.key];
      this.cursor = [Math.max(0, Math.min(ROWS - 1, this.cursor[0] + dk)), Math.max(0, Math.min(COLUMNS - 1, this.cursor[1] + dj))];
    } else if (e.key === 'Enter') {
      this.pin(marks, this.cursor);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      this.pins.pop();
      this.listed = '';
    } else {
      return;
    }
    // The widget's own keys (→ steps) wait while the diagram has the keyboard.
    e.preventDefault();
    e.stopPropagation();
    this.redraw();
  }

  /** A pinned point and what the diagram measured at its nearest cell. */
  cellText(marks, grid, load, m0) {
    const [k, j] = this.cellOf(marks, load, m0);
    const c = 4 * (k * COLUMNS + j);
    const where = `P/N ${load.toFixed(3)}, m₀ ${m0.toFixed(2)}`;
    const trials = grid[c + 3];
    if (!(trials > 0)) return `${where}: not measured yet`;
    const near = Math.abs(grid[c] - load) > 1e-9 || Math.abs(grid[c + 1] - m0) > 1e-9 ? ' (nearest cell)' : '';
    return `${where}: recalled in ${Math.round(grid[c + 2] * trials)} of ${trials} trials${near}`;
  }

  drawState() {
    const marks = this.buf('marks');
    const grid = this.buf('grid');
    if (marks.length < 13 || grid.length < 4 * ROWS * COLUMNS) return;
    const total = ROWS * COLUMNS;
    const done = Math.min(total, this.host.readout('step'));
    this.progressFill.style.width = `${((done / total) * 100).toFixed(2)}%`;
    this.progress.setAttribute('aria-valuemax', String(total));
    this.progress.setAttribute('aria-valuenow', String(done));
    this.progressText.textContent = `${grouped(done)} of ${grouped(total)} cells, ${grouped(marks[M.trials])} trials each`;
    const essay = [marks[M.essayLoad], marks[M.essayM0]];
    const list = [essay, ...this.pins].map((p, i) => `${i === 0 ? '30 patterns, 20 % noise' : `pin ${i}`}: ${this.cellText(marks, grid, ...p)}`);
    const text = list.join('\n');
    if (text !== this.listed) {
      this.listed = text;
      this.pinList.replaceChildren(...list.map((t) => Object.assign(el('li'), { textContent: t })));
    }
    this.drawDiagram(marks, grid, essay);
  }

  draw(dpr) {
    if (this.box && followBox(this, [this.canvas], dpr)) {
      this.em = Number.parseFloat(getComputedStyle(this.canvas).fontSize) || 14;
      this.dirty.state = true;
    }
    super.draw(dpr);
  }

  drawDiagram(marks, grid, essay) {
    const { width: W, height: H, dpr, em } = this;
    if (!W || !H) return;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.font = FONT;
    const f = this.frame(marks);
    const cw = f.x(f.dl) - f.x(0);
    const ch = f.y(0) - f.y(f.dm);

    // The cells: blue where recall works, hatched-light where not yet measured.
    for (let c = 0; c + 3 < grid.length; c += 4) {
      const [x, y] = [f.x(grid[c]) - cw / 2, f.y(grid[c + 1]) - ch / 2];
      ctx.fillStyle = grid[c + 3] > 0 ? fade(COOL, 0.06 + 0.94 * grid[c + 2]) : '#f4f5f7';
      ctx.fillRect(x, y, cw + 0.5, ch + 0.5);
    }
    ctx.strokeStyle = LINE;
    ctx.lineWidth = 1;
    ctx.strokeRect(f.left, f.top, f.w, f.h);

    // The chosen row, and its basin edge.
    const row = marks[M.row];
    const rowLoad = marks[M.loadLo] + row * f.dl;
    ctx.strokeStyle = STROKE;
    ctx.lineWidth = 2;
    ctx.strokeRect(f.x(rowLoad) - cw / 2, f.top, cw, f.h);
    if (marks[M.basin] > 0) {
      const yb = f.y(marks[M.basin]);
      ctx.beginPath();
      ctx.moveTo(f.x(rowLoad) - cw / 2 - 4, yb);
      ctx.lineTo(f.x(rowLoad) + cw / 2 + 4, yb);
      ctx.stroke();
    }

    // The theory's loads, where they fall inside the diagram.
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, 0, f.w, H);
    ctx.clip();
    const lines = [
      [marks[M.agsLoad], 'α_c', INK, []],
      [marks[M.one], '1/(2 ln N)', MUTED, [5, 3]],
      [marks[M.all], '1/(4 ln N)', MUTED, [2, 3]],
    ];
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    // A label that would run into one already drawn is left out (the lines stay).
    const taken = [];
    for (const [load, label, colour, dash] of lines) {
      const x = f.x(load);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(x, f.top);
      ctx.lineTo(x, f.top + f.h);
      ctx.stroke();
      ctx.setLineDash([]);
      // Kept over the plot even for a line at its very edge.
      const half = ctx.measureText(label).width / 2 + 3;
      const tx = Math.max(f.left + half, Math.min(f.left + f.w - half, x));
      if (x < f.left || x > f.left + f.w || taken.some(([a, b]) => tx + half > a && tx - half < b)) continue;
      taken.push([tx - half, tx + half]);
      ctx.fillStyle = colour;
      ctx.fillText(label, tx, f.top - 0.15 * em);
    }
    // The capacity readout: a notch on the top edge.
    if (marks[M.capacity] > 0) {
      const x = f.x(marks[M.capacity]);
      ctx.fillStyle = STROKE;
      ctx.beginPath();
      ctx.moveTo(x - 5, f.top);
      ctx.lineTo(x + 5, f.top);
      ctx.lineTo(x, f.top + 8);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();

    // Pins: the essay's example (a square) and the reader's (numbered rings).
    const mark = (load, m0, label, square) => {
      const [x, y] = [f.x(load), f.y(m0)];
      if (x < f.left || x > f.left + f.w || y < f.top || y > f.top + f.h) return;
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#fff';
      ctx.fillStyle = STROKE;
      ctx.beginPath();
      if (square) ctx.rect(x - 5, y - 5, 10, 10);
      else ctx.arc(x, y, 5.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = INK;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(label, x + 8, y);
    };
    mark(essay[0], essay[1], '30 · 20 %', true);
    this.pins.forEach((p, i) => mark(p[0], p[1], String(i + 1), false));

    // The keyboard cursor, while the diagram has the focus.
    if (document.activeElement === this.canvas) {
      const [k, j] = this.cursor;
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(f.x(marks[M.loadLo] + k * f.dl) - cw / 2, f.y(marks[M.m0Lo] + j * f.dm) - ch / 2, cw, ch);
      ctx.setLineDash([]);
    }

    // Axes: a few ticks each way, and their names.
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let k = 0; k < ROWS; k += Math.ceil(ROWS / Math.max(2, Math.floor(f.w / (3 * em))))) {
      const load = marks[M.loadLo] + k * f.dl;
      ctx.fillText(load.toFixed(2), f.x(load), f.top + f.h + 0.25 * em);
    }
    ctx.fillText('load P/N', f.left + f.w / 2, f.top + f.h + 1.3 * em);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let j = 0; j < COLUMNS; j += Math.ceil(COLUMNS / Math.max(2, Math.floor(f.h / (1.6 * em))))) {
      const m0 = marks[M.m0Lo] + j * f.dm;
      ctx.fillText(m0.toFixed(1), f.left - 0.3 * em, f.y(m0));
    }
    ctx.save();
    ctx.translate(0.7 * em, f.top + f.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText('cue overlap m₀', 0, 0);
    ctx.restore();
  }
}
