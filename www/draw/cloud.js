// The data panel: the cloud, its first principal axis, and the neuron's weight arrow turning live.
// Two stacked canvases: the points (redrawn only when the data or the size changes) and the
// weight (redrawn every frame while running). Dragging, adding and removing points goes through
// the wasm Widget, which recomputes the statistics.

import { human } from '../format.js';
import { followBox } from './canvas.js';
import { INK, STROKE, fade } from './palette.js';
import { FingerTaps } from './touch.js';

const DATA = '75, 85, 99';
/** In em of the canvas's own font (the widget's 14 px, larger on a big screen): 12 px at 14 px. */
const FONT = '0.857em system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Geometry buffer layout (see src/wasm.rs). */
const G = { wx: 0, wy: 1, mx: 2, my: 3, e1x: 4, e1y: 5, l1: 6, l2: 7, maxSq: 8, ghost: 9, gx: 10, gy: 11 };
/** History record layout (src/neuron.rs RECORD): step, |w|, |w·e1|, |w × e1|, w.x, w.y. */
const RECORD = 6;
/** How many of the latest history records the tip's trail shows. */
const TRAIL = 48;
/** Pointer radius for picking a point, in CSS pixels. */
const PICK_PX = 9;

/** The smallest of 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ x. */
function niceCeil(x) {
  const k = Math.floor(Math.log10(x));
  const base = 10 ** k;
  for (const m of [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * base >= x * (1 - 1e-9)) return m * base;
  return 10 * base;
}

/** The largest of 1, 2, 5 × 10^k that is ≤ x. */
function niceFloor(x) {
  const k = Math.floor(Math.log10(x));
  const base = 10 ** k;
  for (const m of [5, 2, 1]) if (m * base <= x) return m * base;
  return base;
}

function layer(box) {
  const c = document.createElement('canvas');
  c.className = 'hw-layer';
  box.append(c);
  return c;
}

export class CloudPlot {
  /**
   * @param {HTMLElement} box container; two canvases are added to it
   * @param {object} host { sim(), buffer(), edited() } from the widget
   */
  constructor(box, host) {
    this.box = box;
    this.host = host;
    this.bg = layer(box);
    this.fg = layer(box);
    this.fg.setAttribute('role', 'img');
    this.fg.setAttribute(
      'aria-label',
      'The data cloud with its first principal axis and the weight arrow; drag a point to move it, click to add one, shift-click to remove one',
    );
    this.width = 0;
    this.height = 0;
    this.dpr = 1;
    this.half = 1; // half-width of the data view, data units
    this.scale = 1; // CSS px per data unit
    this.drag = null;
    const fg = this.fg;
    fg.addEventListener('pointerdown', (e) => this.down(e));
    fg.addEventListener('pointermove', (e) => this.move(e));
    fg.addEventListener('pointerup', (e) => this.up(e));
    fg.addEventListener('pointercancel', (e) => this.up(e));
    this.taps = new FingerTaps(fg, host, (e) => this.tapped(e));
  }

  /** Sizes both canvases to the box; returns true if anything changed. */
  resize(dpr) {
    if (!followBox(this, [this.bg, this.fg], dpr)) return false;
    this.updateScale();
    return true;
  }

  /** A fixed view for the current data: about ±2.7√λ1 around the origin, rounded up to a tidy
   * number so that small changes of the data do not rescale the picture. */
  chooseView(geom) {
    const spread = 2.7 * Math.sqrt(Math.max(geom[G.l1], 1e-6));
    const off = Math.hypot(geom[G.mx], geom[G.my]);
    this.half = niceCeil(Math.max(spread + off, 0.05));
    this.updateScale();
  }

  updateScale() {
    this.scale = Math.min(this.width, this.height) / (2 * this.half) || 1;
  }

  px(x) {
    return this.width / 2 + x * this.scale;
  }

  py(y) {
    return this.height / 2 - y * this.scale;
  }

  toData(e) {
    const r = this.fg.getBoundingClientRect();
    return [
      (e.clientX - r.left - this.width / 2) / this.scale,
      -(e.clientY - r.top - this.height / 2) / this.scale,
    ];
  }

  /** Points, PC1 ghost line and scale bar. */
  drawData(geom) {
    const ctx = this.bg.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    if (!this.width || !this.height) return;
    const sim = this.host.sim();
    const pts = new Float64Array(this.host.buffer(), sim.points_ptr(), sim.points_len());
    const n = pts.length / 2;

    // Faint axes through the origin.
    ctx.strokeStyle = 'rgba(40, 44, 52, 0.08)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, this.py(0));
    ctx.lineTo(this.width, this.py(0));
    ctx.moveTo(this.px(0), 0);
    ctx.lineTo(this.px(0), this.height);
    ctx.stroke();

    // All points in one path: rectangles for big clouds, round dots for small ones.
    const s = this.scale;
    const cx = this.width / 2;
    const cy = this.height / 2;
    ctx.fillStyle = `rgba(${DATA}, ${n > 4000 ? 0.32 : n > 1000 ? 0.45 : 0.6})`;
    ctx.beginPath();
    if (n <= 2000) {
      const r = n <= 300 ? 3 : 2.2;
      for (let i = 0; i < pts.length; i += 2) {
        const x = cx + pts[i] * s;
        const y = cy - pts[i + 1] * s;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
    } else {
      const d = n > 8000 ? 1.4 : 2;
      const o = d / 2;
      for (let i = 0; i < pts.length; i += 2) {
        ctx.rect(cx + pts[i] * s - o, cy - pts[i + 1] * s - o, d, d);
      }
    }
    ctx.fill();

    // PC1 of the current data: a wide faint band through the mean along e1.
    const mx = this.px(geom[G.mx]);
    const my = this.py(geom[G.my]);
    const ex = geom[G.e1x];
    const ey = -geom[G.e1y];
    const far = this.width + this.height;
    ctx.strokeStyle = 'rgba(75, 85, 99, 0.22)';
    ctx.lineWidth = 7;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(mx - ex * far, my - ey * far);
    ctx.lineTo(mx + ex * far, my + ey * far);
    ctx.stroke();
    ctx.lineCap = 'butt';
    // Label PC1 near where the line leaves the view, on its upper side (the weight's label
    // goes below, so the two do not collide when w lies along PC1).
    const t = this.exit(mx, my, ex, ey, 24);
    if (t > 0) {
      const side = ex >= 0 ? 1 : -1; // normal pointing up on screen
      label(ctx, 'PC1', mx + ex * t + ey * 13 * side, my + ey * t - ex * 13 * side, 'rgba(75, 85, 99, 0.9)');
    }

    // Scale bar, bottom left.
    const len = niceFloor(this.half / 2.5);
    const x0 = 10;
    const y0 = this.height - 10;
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x0, y0 - 4);
    ctx.lineTo(x0, y0);
    ctx.lineTo(x0 + len * s, y0);
    ctx.lineTo(x0 + len * s, y0 - 4);
    ctx.stroke();
    ctx.font = FONT;
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(human(len, 2), x0 + len * s + 4, y0 + 2);
  }

  /** Distance along the unit direction (dx, dy) from (x, y) to where it leaves the view,
   * inset by `inset` px (0 if it starts outside). */
  exit(x, y, dx, dy, inset) {
    const lo = inset;
    const hix = this.width - inset;
    const hiy = this.height - inset;
    if (x < lo || x > hix || y < lo || y > hiy) return 0;
    let t = Infinity;
    if (dx > 1e-12) t = Math.min(t, (hix - x) / dx);
    if (dx < -1e-12) t = Math.min(t, (lo - x) / dx);
    if (dy > 1e-12) t = Math.min(t, (hiy - y) / dy);
    if (dy < -1e-12) t = Math.min(t, (lo - y) / dy);
    return Number.isFinite(t) ? t : 0;
  }

  /** The neuron's line, the trail of the arrow's tip, and the weight arrow from the mean. */
  drawWeight(geom) {
    const ctx = this.fg.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    if (!this.width || !this.height) return;
    const wx = geom[G.wx];
    const wy = geom[G.wy];
    const norm = Math.hypot(wx, wy);
    if (!Number.isFinite(norm)) return;
    const mx = this.px(geom[G.mx]);
    const my = this.py(geom[G.my]);
    const s = this.scale;
    const far = this.width + this.height;

    if (norm > 0) {
      // The neuron's axis: y = w·x is the (scaled) projection onto this line.
      const ux = wx / norm;
      const uy = -wy / norm;
      ctx.strokeStyle = fade(STROKE, 0.45);
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(mx - ux * far, my - uy * far);
      ctx.lineTo(mx + ux * far, my + uy * far);
      ctx.stroke();
      ctx.setLineDash([]);
    }

    // Trail of the tip over the latest history records, fading into the past.
    const inView = norm * s < 4 * far;
    if (inView) {
      const sim = this.host.sim();
      const hist = new Float64Array(this.host.buffer(), sim.history_ptr(), sim.history_len());
      const count = hist.length / RECORD;
      const first = Math.max(0, count - TRAIL);
      ctx.lineWidth = 2;
      ctx.lineCap = 'round';
      for (let i = first + 1; i < count; i++) {
        const a = (i - first) / (count - first);
        ctx.strokeStyle = fade(STROKE, (0.55 * a * a).toFixed(3));
        ctx.beginPath();
        ctx.moveTo(mx + hist[(i - 1) * RECORD + 4] * s, my - hist[(i - 1) * RECORD + 5] * s);
        ctx.lineTo(mx + hist[i * RECORD + 4] * s, my - hist[i * RECORD + 5] * s);
        ctx.stroke();
      }
      ctx.lineCap = 'butt';
    }

    // `ghost=1`: the averaged map's weight, a faint arrow under the online one.
    if (geom[G.ghost] === 1) this.drawGhost(ctx, geom[G.gx], geom[G.gy], mx, my);

    // The arrow, clipped to the view when |w| is too long to show (plain Hebb explodes).
    let tx = mx + wx * s;
    let ty = my - wy * s;
    let clipped = false;
    if (norm > 0) {
      const reach = this.exit(mx, my, wx / norm, -wy / norm, 8);
      if (norm * s > reach && reach > 0) {
        tx = mx + (wx / norm) * reach;
        ty = my - (wy / norm) * reach;
        clipped = true;
      }
    }
    arrow(ctx, mx, my, tx, ty, clipped);
    ctx.fillStyle = STROKE;
    ctx.beginPath();
    ctx.arc(mx, my, 2.5, 0, 2 * Math.PI);
    ctx.fill();
    if (clipped) {
      // The true length, below the clipped tip and kept inside the view.
      // The true length, in the top-left corner (the arrow itself is cut at the edge).
      label(ctx, `|w| = ${human(norm, 3)}: arrow cut at the edge`, 8, 12, STROKE, 'left');
    } else {
      const ox = norm > 0 ? (wx / norm) * 12 : 10;
      const oy = norm > 0 ? (-wy / norm) * 12 : -10;
      label(ctx, 'w', tx + ox, ty + oy, STROKE);
    }
  }

  /** The ghost's arrow (the averaged map from the same start), faint and cut at the edge like w's. */
  drawGhost(ctx, gx, gy, mx, my) {
    const norm = Math.hypot(gx, gy);
    if (!(norm > 0) || !Number.isFinite(norm)) return;
    const reach = this.exit(mx, my, gx / norm, -gy / norm, 8);
    const len = Math.min(norm * this.scale, Math.max(reach, 0));
    const tx = mx + (gx / norm) * len;
    const ty = my - (gy / norm) * len;
    ctx.save();
    ctx.globalAlpha = 0.35;
    arrow(ctx, mx, my, tx, ty, len < norm * this.scale);
    ctx.restore();
    // Named under its shaft, back from the tip: w's own label sits at its tip, a tip cut at the
    // edge leaves no room beyond it, and the PC1 label sits above the axis the two end up on.
    if (len > 70) {
      const ux = gx / norm;
      const uy = -gy / norm;
      const [px, py] = ux > 0 ? [-uy, ux] : [uy, -ux];
      label(ctx, 'averaged', tx - ux * 40 + px * 12, ty - uy * 40 + py * 12, fade(STROKE, 0.75));
    }
  }

  // Pointer editing: drag a point, click empty space to add one, shift-click to remove one.
  // A finger does so only in edit mode (draw/touch.js).
  down(e) {
    if (e.button !== 0 || !this.host.editable() || this.taps.down(e)) return;
    const sim = this.host.sim();
    const [x, y] = this.toData(e);
    const i = sim.nearest_point(x, y, PICK_PX / this.scale);
    e.preventDefault(); // no text selection; keep the keyboard on the widget instead
    this.host.focus();
    if (e.shiftKey) {
      if (i >= 0 && sim.remove_point(i)) this.host.edited();
      return;
    }
    let index = i;
    if (index < 0) {
      if (!sim.add_point(x, y)) return;
      index = sim.points_len() / 2 - 1;
      this.host.edited();
    }
    this.drag = { index, id: e.pointerId };
    this.fg.setPointerCapture(e.pointerId);
    this.fg.style.cursor = 'grabbing';
  }

  /** A finger's tap outside edit mode: a new point where it landed. */
  tapped(e) {
    const [x, y] = this.toData(e);
    this.host.focus();
    if (this.host.sim().add_point(x, y)) this.host.edited();
  }

  move(e) {
    const sim = this.host.sim();
    if (!sim) return;
    const [x, y] = this.toData(e);
    if (this.drag && e.pointerId === this.drag.id) {
      if (sim.move_point(this.drag.index, x, y)) this.host.edited();
      return;
    }
    if (e.pointerType === 'mouse') {
      const near = sim.nearest_point(x, y, PICK_PX / this.scale) >= 0;
      this.fg.style.cursor = near ? (e.shiftKey ? 'not-allowed' : 'grab') : 'crosshair';
    }
  }

  up(e) {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    this.drag = null;
    if (this.fg.hasPointerCapture(e.pointerId)) this.fg.releasePointerCapture(e.pointerId);
    this.fg.style.cursor = 'crosshair';
    this.host.edited(true);
  }
}

function label(ctx, text, x, y, colour, align = 'center') {
  ctx.font = FONT;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.lineJoin = 'round';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

function arrow(ctx, x0, y0, x1, y1, clipped) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  if (len < 0.5) return;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(10, len * 0.6);
  const bx = x1 - ux * head;
  const by = y1 - uy * head;
  const nx = -uy * head * 0.45;
  const ny = ux * head * 0.45;
  ctx.lineCap = 'round';
  for (const [colour, width] of [
    ['rgba(255, 255, 255, 0.85)', 5.5],
    [STROKE, 2.5],
  ]) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(clipped && colour === STROKE ? [10, 3] : []);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(bx, by);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.lineCap = 'butt';
  ctx.fillStyle = STROKE;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(bx + nx, by + ny);
  ctx.lineTo(bx - nx, by - ny);
  ctx.closePath();
  ctx.fill();
}
