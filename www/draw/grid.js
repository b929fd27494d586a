// Pixel grids: a network's state, a stored pattern, the weight matrix. One canvas pixel per
// neuron (ImageData), scaled up by CSS with `image-rendering: pixelated`, so the picture stays
// crisp at any size. Display only: the values come from Rust buffers.

import { setSize } from './canvas.js';
import { INK as INK_HEX, STROKE, COOL as COOL_HEX, rgb } from './palette.js';

/** +1 is ink (a letter's stroke), −1 is paper; values between are grey. */
const INK = rgb(INK_HEX);
const PAPER = [252, 252, 253];
/** Weight heatmap: positive warm (the accent), negative cool, zero white. */
const WARM = rgb(STROKE);
const COOL = rgb(COOL_HEX);
const WHITE = [255, 255, 255];

export class PixelGrid {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    this.side = 0;
    this.image = null;
  }

  /**
   * Draws `values` (side² numbers, row-major) as grey levels: `scale` maps to full ink, −`scale`
   * to paper (values beyond are clamped).
   */
  draw(values, side, scale = 1) {
    if (!(side > 0) || values.length < side * side) return;
    setSize(this.canvas, side, side);
    const ctx = this.canvas.getContext('2d');
    if (!this.image || this.side !== side) {
      this.image = ctx.createImageData(side, side);
      this.side = side;
    }
    const px = this.image.data;
    const k = scale > 0 && Number.isFinite(scale) ? 1 / scale : 1;
    for (let i = 0, o = 0; i < side * side; i++, o += 4) {
      let t = (values[i] * k + 1) / 2;
      if (!(t > 0)) t = 0; // also NaN
      else if (t > 1) t = 1;
      px[o] = PAPER[0] + (INK[0] - PAPER[0]) * t;
      px[o + 1] = PAPER[1] + (INK[1] - PAPER[1]) * t;
      px[o + 2] = PAPER[2] + (INK[2] - PAPER[2]) * t;
      px[o + 3] = 255;
    }
    ctx.putImageData(this.image, 0, 0);
  }

  /** The neuron under a pointer position, or −1. */
  indexAt(clientX, clientY) {
    const r = this.canvas.getBoundingClientRect();
    const side = this.side;
    if (!side || r.width <= 0 || r.height <= 0) return -1;
    const col = Math.floor(((clientX - r.left) / r.width) * side);
    const row = Math.floor(((clientY - r.top) / r.height) * side);
    if (col < 0 || row < 0 || col >= side || row >= side) return -1;
    return row * side + col;
  }
}

/**
 * The top-left `m` × `m` block of an n × n weight matrix (Int16Array, row-major) as a diverging
 * heatmap, scaled to the largest |W| shown. Returns that largest value (0 for an empty W).
 */
export function drawWeightMatrix(canvas, w, n, m) {
  m = Math.min(m, n);
  if (!(m > 0) || w.length < n * n) return 0;
  setSize(canvas, m, m);
  let max = 0;
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < m; j++) {
      const a = Math.abs(w[row + j]);
      if (a > max) max = a;
    }
  }
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(m, m);
  const px = image.data;
  const k = max > 0 ? 1 / max : 0;
  for (let i = 0, o = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < m; j++, o += 4) {
      const v = w[row + j] * k;
      const c = v >= 0 ? WARM : COOL;
      const t = Math.min(1, Math.abs(v));
      px[o] = WHITE[0] + (c[0] - WHITE[0]) * t;
      px[o + 1] = WHITE[1] + (c[1] - WHITE[1]) * t;
      px[o + 2] = WHITE[2] + (c[2] - WHITE[2]) * t;
      px[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return max;
}
