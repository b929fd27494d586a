// Soak: every kind runs SOAK_FRAMES frames (default 300 here; `./build.sh soak` runs 10⁵: measured
// 3 ms a frame for oja, 15 ms for a 32×32 Hopfield network that is reset over and over, so
// the whole soak takes hours on 2 cores)
// with a high `speed`, and after a warm-up the wasm memory, the JS heap (after a forced GC) and
// the number of DOM nodes stay flat while the readouts stay finite. Frames run unthrottled
// (--disable-frame-rate-limit) so a long soak takes minutes, not hours.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { baseUrl, PageSession, KIND_NAMES } from './harness.mjs';
import { KIND_TESTS } from './kinds.mjs';

const FRAMES = Number(process.env.SOAK_FRAMES || 300);
// Each kind runs with its `soak` keys from kinds.mjs, which keep it busy for the whole soak (no
// early divergence). Kinds that converge (hopfield, modern, capacity, ei) are reset and played
// again whenever they stop, so the soak also runs the restart path over and over.
const RUNS = KIND_NAMES.map((kind) => `kind=${kind}&${KIND_TESTS[kind].soak}`);

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-sync', '--disable-frame-rate-limit', '--disable-gpu-vsync', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
});
after(async () => { await browser?.close(); });

/** Counts the widget's animation frames and measures memory, heap and DOM in the page. */
async function measure(page) {
  return page.evaluate(async () => {
    window.gc?.();
    const m = await import('./www/pkg/hebb.js');
    const wasm = await m.default(); // already initialised: returns the same instance
    return {
      frames: window.__frames,
      wasm: wasm.memory.buffer.byteLength,
      heap: performance.memory?.usedJSHeapSize ?? 0,
      nodes: document.getElementsByTagName('*').length,
      status: document.querySelector('hebb-widget').dataset.status,
      readouts: [...document.querySelectorAll('[data-readout]')].map((e) => e.dataset.value),
    };
  });
}

async function runFrames(page, n) {
  const start = await page.evaluate(() => window.__frames);
  await page.waitForFunction((target) => window.__frames >= target, start + n, { timeout: 0, polling: 200 });
}

for (const q of RUNS) {
  test(`soak ${q}: ${FRAMES} frames, memory and DOM flat, readouts finite`, { timeout: Infinity }, async () => {
    const context = await browser.newContext({ viewport: { width: 720, height: 480 }, reducedMotion: 'no-preference' });
    const page = await context.newPage();
    const s = new PageSession(context, page);
    try {
      await page.addInitScript(() => {
        window.__frames = 0;
        const tick = () => {
          window.__frames++;
          const w = document.querySelector('hebb-widget');
          if (window.__frames % 20 === 0 && w && ['converged', 'paused'].includes(w.dataset.status)) {
            w.querySelector('[data-action=reset]')?.click();
            w.querySelector('[data-action=play]')?.click();
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.goto(`${await baseUrl()}/embed.html?${q}`, { waitUntil: 'load' });
      await s.waitLoaded();
      await runFrames(page, Math.max(50, FRAMES / 10));
      const a = await measure(page);
      await runFrames(page, FRAMES);
      const b = await measure(page);
      assert.notEqual(b.status, 'error');
      assert.equal(b.wasm, a.wasm, `wasm memory grew from ${a.wasm} to ${b.wasm} bytes`);
      assert.equal(b.nodes, a.nodes, `DOM grew from ${a.nodes} to ${b.nodes} nodes`);
      // The heap may wobble by what one frame allocates; a leak grows with the frame count.
      assert.ok(b.heap - a.heap < 2e6, `JS heap grew by ${((b.heap - a.heap) / 1e6).toFixed(2)} MB over ${FRAMES} frames`);
      for (const v of b.readouts) assert.ok(v !== '' && Number.isFinite(Number(v)), `readout ${v}`);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
}
