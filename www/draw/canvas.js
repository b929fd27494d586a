// Sizing canvases: one helper for every view and drawing, so a canvas always has one device
// pixel per screen pixel whatever devicePixelRatio is, and is only resized (which clears it)
// when its size really changes.
//
// Box sizes come from a ResizeObserver, not from reading clientWidth as each widget draws: with
// many widgets on a page, each read after another widget's DOM writes forced a layout of the
// whole page (40 widgets: a sixth of every frame). The observer reports after the browser's own
// layout, so a size is at most one frame old, and a frame that draws after a resize sees it.

/** The event a watched box sends up when its size changed. */
export const BOX_RESIZED = 'hw-box-resized';

/** Each watched element's { w, h } (clientWidth, clientHeight) as of the last layout. */
const sizes = new WeakMap();
const watcher = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    // Removed elements report a zero size: stop watching them, so a removed widget is freed.
    if (!target.isConnected) {
      watcher.unobserve(target);
      sizes.delete(target);
    } else {
      // Layout is up to date while observers run: these reads cost nothing.
      const old = sizes.get(target);
      const now = { w: target.clientWidth, h: target.clientHeight };
      sizes.set(target, now);
      // A box can change without its widget changing size (a part shown or hidden): the
      // widget draws again, as after its own resize.
      if (old && (old.w !== now.w || old.h !== now.h)) target.dispatchEvent(new Event(BOX_RESIZED, { bubbles: true }));
    }
  }
});

/** An element's clientWidth and clientHeight, read once and then kept by the observer. */
export function boxOf(el) {
  let s = sizes.get(el);
  if (!s) {
    s = { w: el.clientWidth, h: el.clientHeight };
    sizes.set(el, s);
    watcher.observe(el);
  }
  return s;
}

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
  const { w, h } = boxOf(plot.box);
  if (w === plot.width && h === plot.height && dpr === plot.dpr) return false;
  plot.width = w;
  plot.height = h;
  plot.dpr = dpr;
  for (const c of canvases) sizeTo(c, w, h, dpr);
  return true;
}

/** Sizes a canvas's pixels to its box × devicePixelRatio; false when the box is too small to draw. */
export function fitCanvas(c, dpr) {
  const box = boxOf(c);
  const w = Math.round(box.w * dpr);
  const h = Math.round(box.h * dpr);
  if (w < 2 || h < 2) return false;
  setSize(c, w, h);
  return true;
}

/**
 * Sizes a canvas to its CSS box at `dpr` and returns a cleared 2-D context in CSS pixels with
 * the box's width and height, or null when the box is too small to draw in.
 */
export function prepare(canvas, dpr) {
  const { w, h } = boxOf(canvas);
  if (w < 4 || h < 4) return null;
  sizeTo(canvas, w, h, dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}
