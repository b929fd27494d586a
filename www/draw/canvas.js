// Sizing canvases: one helper for every view and drawing, so a canvas always has one device
// pixel per screen pixel whatever devicePixelRatio is, and is only resized (which clears it)
// when its size really changes.

/** Sets a canvas's pixel size to w × h, leaving it alone when it already has that size. */
export function setSize(c, w, h) {
  if (c.width !== w) c.width = w;
  if (c.height !== h) c.height = h;
}

/** Sizes a canvas for a CSS box of w × h at `dpr` (at least one pixel each way). */
export function sizeTo(c, w, h, dpr) {
  setSize(c, Math.max(1, Math.round(w * dpr)), Math.max(1, Math.round(h * dpr)));
}

/** Sizes `canvases` (layers filling `plot.box`) to the box at `dpr` when the box or `dpr` changed
 * since the last call; `plot` keeps the box's CSS width and height and the dpr. True if it did. */
export function followBox(plot, canvases, dpr) {
  const w = plot.box.clientWidth;
  const h = plot.box.clientHeight;
  if (w === plot.width && h === plot.height && dpr === plot.dpr) return false;
  plot.width = w;
  plot.height = h;
  plot.dpr = dpr;
  for (const c of canvases) sizeTo(c, w, h, dpr);
  return true;
}

/** Sizes a canvas's pixels to its box × devicePixelRatio; false when the box is too small to draw. */
export function fitCanvas(c, dpr) {
  const w = Math.round(c.clientWidth * dpr);
  const h = Math.round(c.clientHeight * dpr);
  if (w < 2 || h < 2) return false;
  setSize(c, w, h);
  return true;
}

/**
 * Sizes a canvas to its CSS box at `dpr` and returns a cleared 2-D context in CSS pixels with
 * the box's width and height, or null when the box is too small to draw in.
 */
export function prepare(canvas, dpr) {
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (w < 4 || h < 4) return null;
  sizeTo(canvas, w, h, dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}
