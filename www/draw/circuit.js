// Canvas drawings of the circuit family (`gha`, `subspace`, `similarity`, `recurrent`, `bcm`,
// `prune`): the plane of a 2-D dataset with the neurons' weight arrows, labelled heatmaps
// (sequential 0…1 or diverging around 0), and a sparse network drawn as a graph. Display only:
// every number comes from a Rust buffer; these functions place and colour it.

import { prepare } from './canvas.js';
import { INK, MUTED, LINE, COOL, STROKE, rgb } from './palette.js';

const POINT = 'rgba(120, 128, 142, 0.45)';

/** Colours of the neurons' arrows (neuron 1, 2): the accent, then the cool colour. */
export const NEURON_COLOURS = [STROKE, COOL];

const WHITE = [255, 255, 255];
const WARM_RGB = rgb(STROKE);
const COOL_RGB = rgb(COOL);

function mix(c, t) {
  const k = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const r = Math.round(WHITE[0] + (c[0] - WHITE[0]) * k);
  const g = Math.round(WHITE[1] + (c[1] - WHITE[1]) * k);
  const b = Math.round(WHITE[2] + (c[2] - WHITE[2]) * k);
  return `rgb(${r},${g},${b})`;
}

/** 0 → white, 1 → the accent. */
export function sequential(v) {
  return mix(WARM_RGB, v);
}

/** A diverging colour for v at full strength when |v| = scale: warm positive, cool negative.
 * With `power` < 1 the strength is (|v|/scale)^power, so small entries beside a large one
 * still show. */
export function diverging(v, scale, power = 1) {
  const t = scale > 0 ? Math.abs(v) / scale : 0;
  return mix(v >= 0 ? WARM_RGB : COOL_RGB, power === 1 ? t : t ** power);
}

/** Ink that reads on a cell of strength t (0…1). */
function textOn(t) {
  return t > 0.55 ? '#fff' : INK;
}

function arrow(ctx, x0, y0, x1, y1, colour, width) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = width;
  ctx.lineCap = 'round';
  if (len < 1) {
    ctx.beginPath();
    ctx.arc(x0, y0, width, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(len * 0.45, 5 + 2.2 * width);
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1 - ux * head * 0.8, y1 - uy * head * 0.8);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - ux * head - uy * head * 0.45, y1 - uy * head + ux * head * 0.45);
  ctx.lineTo(x1 - ux * head + uy * head * 0.45, y1 - uy * head - ux * head * 0.45);
  ctx.closePath();
  ctx.fill();
}

/** Where a label goes along the ray from the centre through (dx, dy), inside the box. */
function rayEnd(w, h, dx, dy, inset) {
  const sx = dx === 0 ? Infinity : (w / 2 - inset) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (h / 2 - inset) / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [w / 2 + dx * s, h / 2 + dy * s];
}

/**
 * A 2-D dataset with the neurons' weight vectors.
 * @param {object} o
 * @param {Float64Array} o.points x, y pairs
 * @param {Float64Array} o.basis 2 × 2, row k = e_k
 * @param {Float64Array} o.filters k × 2, one row per neuron
 * @param {number} o.half data units from the centre to the nearer edge
 * @param {number[][]} o.trails per neuron, recent tip positions (x, y, x, y…)
 * @param {string} o.name letter of a row ("w" or "f")
 */
export function drawPlane(canvas, dpr, o) {
  const p = prepare(canvas, dpr);
  if (!p) return;
  const { ctx, w, h } = p;
  const s = Math.min(w, h) / 2 / o.half;
  const X = (x) => w / 2 + x * s;
  const Y = (y) => h / 2 - y * s;

  // The principal axes through the centre, PC1 a little stronger, labelled at the edge.
  ctx.font = '11px system-ui, sans-serif';
  for (let k = 1; k >= 0; k--) {
    const ex = o.basis[2 * k];
    const ey = o.basis[2 * k + 1];
    if (!Number.isFinite(ex) || !Number.isFinite(ey)) continue;
    const far = 4 * o.half;
    ctx.strokeStyle = k === 0 ? 'rgba(91, 98, 112, 0.42)' : 'rgba(91, 98, 112, 0.26)';
    ctx.lineWidth = k === 0 ? 1.5 : 1;
    ctx.setLineDash(k === 0 ? [] : [5, 4]);
    ctx.beginPath();
    ctx.moveTo(X(-ex * far), Y(-ey * far));
    ctx.lineTo(X(ex * far), Y(ey * far));
    ctx.stroke();
    ctx.setLineDash([]);
    // Label on the side of the axis that points up (or right), clear of the edge.
    const sign = ey > 0.02 || (Math.abs(ey) <= 0.02 && ex > 0) ? 1 : -1;
    const [lx, ly] = rayEnd(w, h, sign * ex, -sign * ey, 18);
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(k === 0 ? 'PC1' : 'PC2', lx, ly);
  }

  // The unit circle: where the rows end up (|w| = 1, or FFᵀ = I).
  ctx.strokeStyle = 'rgba(91, 98, 112, 0.35)';
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.arc(X(0), Y(0), s, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.setLineDash([]);

  ctx.fillStyle = POINT;
  const pts = o.points;
  for (let i = 0; i + 1 < pts.length; i += 2) {
    ctx.fillRect(X(pts[i]) - 1.4, Y(pts[i + 1]) - 1.4, 2.8, 2.8);
  }

  const rows = Math.floor(o.filters.length / 2);
  ctx.lineJoin = 'round';
  for (let i = 0; i < rows; i++) {
    const colour = NEURON_COLOURS[i % NEURON_COLOURS.length];
    const trail = o.trails[i];
    if (trail && trail.length >= 4) {
      ctx.strokeStyle = colour;
      ctx.globalAlpha = 0.35;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      ctx.moveTo(X(trail[0]), Y(trail[1]));
      for (let j = 2; j + 1 < trail.length; j += 2) ctx.lineTo(X(trail[j]), Y(trail[j + 1]));
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }
  for (let i = 0; i < rows; i++) {
    const x = o.filters[2 * i];
    const y = o.filters[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const colour = NEURON_COLOURS[i % NEURON_COLOURS.length];
    const tx = X(x);
    const ty = Y(y);
    // A ring under the arrow so it reads over the points.
    ctx.lineCap = 'round';
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.lineWidth = 5.5;
    ctx.beginPath();
    ctx.moveTo(X(0), Y(0));
    ctx.lineTo(tx, ty);
    ctx.stroke();
    arrow(ctx, X(0), Y(0), tx, ty, colour, 2.4);
    // The label beyond the tip, kept inside the box.
    const len = Math.hypot(tx - X(0), ty - Y(0)) || 1;
    const lx = Math.min(w - 12, Math.max(12, tx + ((tx - X(0)) / len) * 12));
    const ly = Math.min(h - 9, Math.max(9, ty + ((ty - Y(0)) / len) * 12));
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeText(`${o.name}${i + 1}`, lx, ly);
    ctx.fillStyle = colour;
    ctx.fillText(`${o.name}${i + 1}`, lx, ly);
  }
}

/**
 * A labelled heatmap of a rows × cols matrix (row-major), cells as large as the box allows,
 * centred.
 * @param {object} o
 * @param {(v: number) => string} o.colour fill of a value
 * @param {(v: number) => number} o.strength 0…1, for the ink of the value written in a cell
 * @param {(v: number) => string} [o.text] the value as written in a cell (when cells are large)
 * @param {(i: number) => string} o.rowLabel
 * @param {(j: number) => string} o.colLabel
 * @param {number} [o.band] outline the first `band` columns (the top-k eigenvectors)
 */
export function drawMatrix(canvas, dpr, values, rows, cols, o) {
  const p = prepare(canvas, dpr);
  if (!p || !(rows > 0) || !(cols > 0) || values.length < rows * cols) return;
  const { ctx, w, h } = p;
  const left = 24;
  const top = 16;
  const cell = Math.max(2, Math.min((w - left - 2) / cols, (h - top - 2) / rows, 56));
  const x0 = left + Math.max(0, (w - left - cell * cols) / 2);
  const y0 = top + Math.max(0, (h - top - cell * rows) / 2);
  const gap = cell >= 10 ? 1 : 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      ctx.fillStyle = Number.isFinite(v) ? o.colour(v) : '#eee';
      ctx.fillRect(x0 + j * cell + gap / 2, y0 + i * cell + gap / 2, cell - gap, cell - gap);
    }
  }
  ctx.strokeStyle = LINE;
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 - 0.5, y0 - 0.5, cell * cols + 1, cell * rows + 1);
  if (o.band > 0 && o.band < cols) {
    ctx.strokeStyle = MUTED;
    ctx.setLineDash([3, 3]);
    ctx.strokeRect(x0 - 1.5, y0 - 1.5, cell * o.band + 3, cell * rows + 3);
    ctx.setLineDash([]);
  }
  if (o.text && cell >= 30) {
    ctx.font = `${cell >= 44 ? 12 : 10.5}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = values[i * cols + j];
        if (!Number.isFinite(v)) continue;
        ctx.fillStyle = textOn(o.strength(v));
        ctx.fillText(o.text(v), x0 + (j + 0.5) * cell, y0 + (i + 0.5) * cell);
      }
    }
  }
  // Labels: every one when they fit, else every second or fourth.
  const font = cell >= 16 ? 11 : 9.5;
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.fillStyle = MUTED;
  const every = cell >= 18 ? 1 : cell >= 9 ? 2 : 4;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (let j = 0; j < cols; j++) {
    if (j % every) continue;
    ctx.fillText(o.colLabel(j), x0 + (j + 0.5) * cell, y0 - 2);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < rows; i++) {
    if (i % every) continue;
    ctx.fillText(o.rowLabel(i), x0 - 4, y0 + (i + 0.5) * cell);
  }
}

/**
 * A sparse network: n neurons on a circle, each live synapse w_ij (from j to i) a curved arrow
 * whose width grows with |w_ij|, warm for positive and cool for negative weights. Synapses that
 * just appeared get a halo; ones just pruned fade out as dashed grey curves.
 * @param {object} o
 * @param {number} o.n
 * @param {Float64Array} o.weights n × n
 * @param {Float64Array} o.alive n × n, 1 or 0
 * @param {Map<number, {t: number, on: boolean}>} o.recent pair → when it appeared or vanished
 * @param {number} o.now performance.now() of this drawing
 * @param {number} o.fade ms a change stays marked
 */
export function drawGraph(canvas, dpr, o) {
  const p = prepare(canvas, dpr);
  if (!p) return;
  const { ctx, w, h } = p;
  const n = o.n;
  if (!(n > 0) || o.weights.length < n * n || o.alive.length < n * n) return;
  const node = Math.max(7, Math.min(11, Math.min(w, h) / (n * 1.6)));
  const radius = Math.min(w, h) / 2 - node - 6;
  const pos = [];
  for (let i = 0; i < n; i++) {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    pos.push([w / 2 + radius * Math.cos(a), h / 2 + radius * Math.sin(a)]);
  }
  let max = 0;
  for (let ij = 0; ij < n * n; ij++) {
    if (o.alive[ij]) max = Math.max(max, Math.abs(o.weights[ij]));
  }
  if (!(max > 0) || !Number.isFinite(max)) max = 1;

  // The curve from neuron j to neuron i, bent to the left of its direction, so i→j and j→i
  // do not overlap; trimmed at both nodes.
  const curve = (i, j) => {
    const [x0, y0] = pos[j];
    const [x1, y1] = pos[i];
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len = Math.hypot(dx, dy) || 1;
    const bend = 0.14 * len;
    const cx = (x0 + x1) / 2 - (dy / len) * bend;
    const cy = (y0 + y1) / 2 + (dx / len) * bend;
    const trim = (px, py, qx, qy, d) => {
      const l = Math.hypot(qx - px, qy - py) || 1;
      return [px + ((qx - px) / l) * d, py + ((qy - py) / l) * d];
    };
    const [sx, sy] = trim(x0, y0, cx, cy, node + 2);
    const [ex, ey] = trim(x1, y1, cx, cy, node + 3);
    return { sx, sy, cx, cy, ex, ey };
  };
  const stroke = (c) => {
    ctx.beginPath();
    ctx.moveTo(c.sx, c.sy);
    ctx.quadraticCurveTo(c.cx, c.cy, c.ex, c.ey);
    ctx.stroke();
  };

  ctx.lineCap = 'round';
  // Just pruned: fading dashed ghosts.
  for (const [ij, r] of o.recent) {
    if (r.on || o.alive[ij]) continue;
    const age = (o.now - r.t) / o.fade;
    if (age >= 1) continue;
    const c = curve(Math.floor(ij / n), ij % n);
    ctx.strokeStyle = `rgba(91, 98, 112, ${(0.6 * (1 - age)).toFixed(3)})`;
    ctx.lineWidth = 1.2;
    ctx.setLineDash([3, 3]);
    stroke(c);
    ctx.setLineDash([]);
  }
  // Live synapses, weakest first so strong ones sit on top.
  const live = [];
  for (let ij = 0; ij < n * n; ij++) if (o.alive[ij]) live.push(ij);
  live.sort((a, b) => Math.abs(o.weights[a]) - Math.abs(o.weights[b]));
  for (const ij of live) {
    const i = Math.floor(ij / n);
    const j = ij % n;
    const v = o.weights[ij];
    const t = Math.min(1, Math.abs(v) / max);
    const width = 0.8 + 4.2 * t;
    const c = curve(i, j);
    const r = o.recent.get(ij);
    if (r && r.on) {
      const age = (o.now - r.t) / o.fade;
      if (age < 1) {
        ctx.strokeStyle = `rgba(61, 140, 64, ${(0.4 * (1 - age)).toFixed(3)})`;
        ctx.lineWidth = width + 4;
        stroke(c);
      }
    }
    const colour = v >= 0 ? WARM_RGB : COOL_RGB;
    const alpha = 0.35 + 0.6 * t;
    ctx.strokeStyle = `rgba(${colour[0]}, ${colour[1]}, ${colour[2]}, ${alpha.toFixed(3)})`;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = width;
    stroke(c);
    // Arrowhead at the postsynaptic neuron.
    const hx = c.ex - c.cx;
    const hy = c.ey - c.cy;
    const hl = Math.hypot(hx, hy) || 1;
    const ux = hx / hl;
    const uy = hy / hl;
    const head = 4 + width;
    ctx.beginPath();
    ctx.moveTo(c.ex + ux * 1.5, c.ey + uy * 1.5);
    ctx.lineTo(c.ex - ux * head - uy * head * 0.5, c.ey - uy * head + ux * head * 0.5);
    ctx.lineTo(c.ex - ux * head + uy * head * 0.5, c.ey - uy * head - ux * head * 0.5);
    ctx.closePath();
    ctx.fill();
  }
  // The neurons.
  ctx.font = `${node >= 10 ? 11 : 9.5}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < n; i++) {
    const [x, y] = pos[i];
    ctx.beginPath();
    ctx.arc(x, y, node, 0, 2 * Math.PI);
    ctx.fillStyle = '#fff';
    ctx.fill();
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1.3;
    ctx.stroke();
    ctx.fillStyle = INK;
    ctx.fillText(String(i + 1), x, y + 0.5);
  }
}
