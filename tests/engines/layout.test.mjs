// Every kind's embed in Chromium and each engine of ENGINES (Firefox, WebKit), at Notion's
// 720×480, then in the same tab at the smallest frame 360×300 and at a laptop's full screen
// 1280×800 (an embed fills its frame with the full-screen rules; a size the engine's window
// cannot take is measured in an iframe of that size): no two parts of the widget
// on show overlap (the status message, the sliders and menus, their labels, the pictures and
// charts, the buttons, the readouts, the captions). The Chromium page tests check that the
// widget fits its frame; an engine that sizes a box otherwise (WebKit once drew the Hopfield
// energy chart 134 px tall in an 89 px row, over the message) shows up here.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { KIND_NAMES } from '../page/harness.mjs';
import { ENGINES, launch, withTab } from './engine.mjs';

// Laid out at step 0: running first would cost seconds per kind and engine and move no box.
const query = (kind) => `kind=${kind}&seed=11&play=0`;
const SIZES = [
  [720, 480],
  [360, 300],
  [1280, 800],
];
const T = { timeout: 240_000 };

/** In the page: every pair of parts on show that overlap by more than a pixel each way, in the
 * page's own widget or (`framed`) in the one of the iframe `frameInPage` made. */
function overlapsInPage(framed) {
  const doc = framed ? document.getElementById('__frame').contentDocument : document;
  const getComputedStyle = doc.defaultView.getComputedStyle;
  const PARTS = [
    '.hw-title', '.hw-rule', '.hw-hint', '.hw-button', '.hw-export > summary', '.hw-menu', '.hw-menu-cell',
    '.hw-message', '.hw-slider', '.hw-slider-head label', '.hw-slider output', '.hw-readout', 'canvas',
    'figcaption', '.hw-m-more',
  ].join(', ');
  const widget = doc.querySelector('hebb-widget');
  /** The part's box cut to what its scrolling or clipping ancestors inside the widget show. */
  const shownBox = (e) => {
    let r = e.getBoundingClientRect();
    let box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
    for (let a = e.parentElement; a && a !== widget.parentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflow === 'visible') continue;
      r = a.getBoundingClientRect();
      box = { l: Math.max(box.l, r.left), t: Math.max(box.t, r.top), r: Math.min(box.r, r.right), b: Math.min(box.b, r.bottom) };
    }
    return box;
  };
  const name = (e) => `${e.localName}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}${e.dataset.action ? `[${e.dataset.action}]` : ''}${e.closest('[data-key]') ? ` (${e.closest('[data-key]').dataset.key})` : ''}`;
  const parts = [];
  for (let e of widget.querySelectorAll(PARTS)) {
    // The cloud's two canvases are layers of one picture, drawn on top of each other.
    if (e.classList.contains('hw-layer')) e = e.parentElement;
    if (parts.some((p) => p.e === e) || !e.checkVisibility({ visibilityProperty: true })) continue;
    const box = shownBox(e);
    // 1 px boxes are visually hidden words (kept as accessible names), not parts on show.
    if (box.r - box.l > 2 && box.b - box.t > 2) parts.push({ e, box });
  }
  const out = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const [a, b] = [parts[i], parts[j]];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const w = Math.min(a.box.r, b.box.r) - Math.max(a.box.l, b.box.l);
      const h = Math.min(a.box.b, b.box.b) - Math.max(a.box.t, b.box.t);
      if (w > 1 && h > 1) out.push(`${name(a.e)} and ${name(b.e)} overlap by ${w.toFixed(0)}×${h.toFixed(0)} px`);
    }
  }
  return { count: parts.length, out };
}

/** In the page: `embed.html?query` in an iframe of width × height over the page, for a size the
 * engine's window cannot take (MiniBrowser's is never narrower than ~450 px). An embed in
 * Notion is such a frame. */
function frameInPage([query, width, height]) {
  document.getElementById('__frame')?.remove();
  const f = document.createElement('iframe');
  f.id = '__frame';
  f.style.cssText = `position: fixed; left: 0; top: 0; width: ${width}px; height: ${height}px; border: 0; z-index: 9`;
  f.src = `/embed.html?${query}`;
  document.body.append(f);
}

/** In the page: the status of the framed widget (null until it exists). */
function framedStatus() {
  return document.getElementById('__frame')?.contentDocument?.querySelector('hebb-widget')?.dataset.status ?? null;
}

/** In the page: the figure replaced by a fresh one of `kind`, made as embed.html makes its own
 * (one page load per engine, not one per kind: the wasm is compiled once). */
function swapInPage(query) {
  window.__swapped = false;
  import('/www/compare.js').then(({ createFigure }) => {
    document.querySelector('hebb-widget').remove();
    document.body.append(createFigure(new URLSearchParams(query), { fill: true }));
    window.__swapped = true;
  });
}

for (const name of ['chromium', ...ENGINES.filter((e) => e !== 'chromium')]) {
  describe(`${name}: nothing in an embed overlaps`, () => {
    let engine;
    before(async () => {
      engine = await launch(name);
    });
    after(() => engine?.close());

    test(`${name}: every kind's embed at ${SIZES.map((s) => s.join('×')).join(', ')}: no part on show overlaps another`, T, async () => {
      const found = [];
      await withTab(engine, `embed.html?${query(KIND_NAMES[0])}`, async (s) => {
        for (const kind of KIND_NAMES) {
          if (kind !== KIND_NAMES[0]) {
            await s.resize(...SIZES[0]);
            await s.page.evaluate(swapInPage, query(kind));
            await s.waitUntil(`a ${kind} figure in place`, ([w]) => w?.kind === kind && w.status && w.status !== 'loading', { timeout: 90_000 });
          }
          await s.waitLoaded({ timeout: 90_000 });
          for (const [width, height] of SIZES) {
            await s.resize(width, height);
            const inner = await s.page.evaluate(() => [innerWidth, innerHeight]);
            const framed = inner[0] !== width || inner[1] !== height;
            if (framed) {
              await s.resize(...SIZES[0]);
              await s.page.evaluate(frameInPage, [query(kind), width, height]);
              const end = Date.now() + 90_000;
              while (!['ready', 'paused', 'converged'].includes(await s.page.evaluate(framedStatus))) {
                if (Date.now() > end) assert.fail(`${kind}: the framed ${width}×${height} embed did not load`);
                await new Promise((r) => setTimeout(r, 100));
              }
            }
            const got = await s.page.evaluate(overlapsInPage, framed);
            if (framed) await s.page.evaluate(() => document.getElementById('__frame').remove());
            if (got.count < 8) found.push(`${kind} at ${width}×${height}: only ${got.count} parts on show`);
            found.push(...got.out.map((o) => `${kind} at ${width}×${height}: ${o}`));
          }
        }
      }, { width: SIZES[0][0], height: SIZES[0][1] });
      assert.deepEqual(found, [], `overlaps in ${name}`);
    });
  });
}
