// The weight-space panel: the flow of the averaged rule E[Δw] (computed in Rust), the fixed
// points, the live trajectory of w and its current position. The view follows |w| smoothly.

import { human } from '../format.js';
import { followBox } from './canvas.js';
import { INK, STROKE, fade } from './palette.js';

/** In em of the canvas's own font (the widget's 14 px, larger on a big screen): 11 px at 14 px. */
const FONT = '0.786em system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const G = { wx: 0, wy: 1, e1x: 4, e1y: 5 };
/** History record layout (src/neuron.rs RECORD): step, |w|, |w·e1|, |w × e1|, w.x, w.y. */
const RECORD = 6;
/** Flow arrows per side. */
const GRID = 13;

export class WeightPlot {
  /**
   * @param {HTMLElement} box container; a canvas is added to it
   * @param {object} host { sim(), buffer() } from the widget
   */
  constructor(box, host) {
    this.box = box;
    this.host = host;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'hw-layer';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute(
      'aria-label',
      'Weight space: arrows show where the averaged rule pushes w from each place; the line is the path w has taken',
    );
    box.append(this.canvas);
    this.width = 0;
    this.height = 0;
    this.dpr = 1;
    this.half = 0; // current half-width of the view, weight units (0: not chosen yet)
  }

  /** Sizes the canvas to the box; returns true if anything changed. */
  resize(dpr) {
    return followBox(this, [this.canvas], dpr);
  }

  /** Forget the view so the next draw jumps straight to the right scale (new run). */
  resetView() {
    this.half = 0;
  }

  /** @param {boolean} animate ease the view towards its target (while running) */
  draw(geom, kind, animate) {
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    if (!this.width || !this.height) return;
    // Read the geometry now: flow_field below may grow wasm memory and detach the view.
    const wx = geom[G.wx];
    const wy = geom[G.wy];
    const ex = geom[G.e1x];
    const ey = -geom[G.e1y];
    const norm = Math.hypot(wx, wy);
    if (!Number.isFinite(norm)) return;

    // View half-width: max(1.5, 1.3 |w|), eased in log space, never letting w leave the view.
    const target = Math.max(1.5, 1.3 * norm);
    if (!animate || !(this.half > 0)) this.half = target;
    else this.half = Math.exp(Math.log(this.half) + 0.12 * (Math.log(target) - Math.log(this.half)));
    this.half = Math.max(this.half, 1.08 * norm);
    const half = this.half;
    const s = Math.min(this.width, this.height) / (2 * half);
    const cx = this.width / 2;
    const cy = this.height / 2;

    // Flow field of the averaged rule, lengths normalised for display.
    const sim = this.host.sim();
    const ptr = sim.flow_field(half, GRID);
    const flow = new Float64Array(this.host.buffer(), ptr, GRID * GRID * 4);
    let max = 0;
    for (let i = 0; i < flow.length; i += 4) {
      const m = Math.hypot(flow[i + 2], flow[i + 3]);
      if (m > max && Number.isFinite(m)) max = m;
    }
    const cell = (2 * half * s) / GRID;
    ctx.strokeStyle = 'rgba(75, 85, 99, 0.5)';
    ctx.fillStyle = 'rgba(75, 85, 99, 0.5)';
    ctx.lineWidth = 1;
    if (max > 0) {
      ctx.beginPath();
      for (let i = 0; i < flow.length; i += 4) {
        const dx = flow[i + 2];
        const dy = flow[i + 3];
        const m = Math.hypot(dx, dy);
        if (!(m > max * 1e-9)) continue;
        const len = cell * 0.75 * (0.3 + 0.7 * Math.sqrt(m / max));
        const ux = dx / m;
        const uy = -dy / m;
        const x0 = cx + flow[i] * s - (ux * len) / 2;
        const y0 = cy - flow[i + 1] * s - (uy * len) / 2;
        const x1 = x0 + ux * len;
        const y1 = y0 + uy * len;
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
        // A small open head.
        const h = Math.min(4, len * 0.4);
        ctx.moveTo(x1 - ux * h - uy * h * 0.6, y1 - uy * h + ux * h * 0.6);
        ctx.lineTo(x1, y1);
        ctx.lineTo(x1 - ux * h + uy * h * 0.6, y1 - uy * h - ux * h * 0.6);
      }
      ctx.stroke();
    }

    // The PC1 axis through the origin, and the fixed points.
    const far = this.width + this.height;
    ctx.strokeStyle = 'rgba(75, 85, 99, 0.18)';
    ctx.lineWidth = 5;
    ctx.beginPath();
    ctx.moveTo(cx - ex * far, cy - ey * far);
    ctx.lineTo(cx + ex * far, cy + ey * far);
    ctx.stroke();
    ring(ctx, cx, cy, 4, INK);
    if (kind === 'oja') {
      // |w| = 1 circle; ±e1 (where the rule settles) filled, ±e2 open.
      ctx.strokeStyle = 'rgba(40, 44, 52, 0.35)';
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.arc(cx, cy, s, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.setLineDash([]);
      for (const sign of [1, -1]) {
        dot(ctx, cx + sign * ex * s, cy + sign * ey * s, 4, INK);
        ring(ctx, cx - sign * ey * s, cy + sign * ex * s, 3.5, INK);
      }
      text(ctx, '+e1', cx + ex * s * 1.35, cy + ey * s * 1.35, INK);
      text(ctx, '−e1', cx - ex * s * 1.35, cy - ey * s * 1.35, INK);
    }

    // Trajectory of w over the recorded history, then w itself.
    const hist = new Float64Array(this.host.buffer(), sim.history_ptr(), sim.history_len());
    ctx.strokeStyle = fade(STROKE, 0.75);
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    for (let i = 0; i < hist.length; i += RECORD) {
      const x = cx + hist[i + 4] * s;
      const y = cy - hist[i + 5] * s;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.lineTo(cx + wx * s, cy - wy * s);
    ctx.stroke();
    dot(ctx, cx + wx * s, cy - wy * s, 5, STROKE, true);

    ctx.font = FONT;
    ctx.textBaseline = 'top';
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    const title = `weight space, ±${human(half, 2)}`;
    ctx.strokeText(title, 6, 5);
    ctx.fillText(title, 6, 5);
  }
}

function dot(ctx, x, y, r, colour, halo = false) {
  if (halo) {
    ctx.fillStyle = '#fff';
    ctx.beginPath();
    ctx.arc(x, y, r + 2, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
}

function ring(ctx, x, y, r, colour) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.25;
  ctx.fillStyle = '#fff';
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
}

function text(ctx, t, x, y, colour) {
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.strokeText(t, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(t, x, y);
}
