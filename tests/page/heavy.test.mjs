// The heaviest in-range settings of every kind, from a shared link: the page never blocks for
// long. Each kind opens at its largest sizes and fastest speed and runs a few seconds while a
// PerformanceObserver records every long task (> 50 ms) from the first script on; then Pause
// must take effect at once. Only the boot (compiling and starting the wasm) may be one long
// task: set-up, learning and recall are sliced by the run's measured cost.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, baseUrl, PageSession, everyKind, sleep } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Per kind: the keys at the top of their ranges (src/params/). */
const HEAVIEST = everyKind('heavy.test.mjs', {
  hebb: 'n=20000&eta=0.00001&speed=100000',
  decay: 'n=20000&eta=0.00001&alpha=20&speed=100000',
  oja: 'n=20000&speed=100000',
  gha: 'd=16&k=16&speed=100000',
  subspace: 'd=16&k=16&speed=100000',
  similarity: 'd=16&k=16&tau=5&speed=100000',
  recurrent: 'n=16&sources=16&speed=100000',
  bcm: 'inputs=16&tau=1000&speed=100000',
  prune: 'n=16&kmax=240&speed=100000',
  hopfield: 'side=64&patterns=random&p=4096&speed=100000',
  capacity: 'side=64&trials=50&speed=100000',
  modern: 'side=64&patterns=random&p=4096&speed=100000',
  ei: 'side=32&patterns=random&p=1024&speed=100000',
});

for (const [kind, keys] of Object.entries(HEAVIEST)) {
  test(`${kind} at its heaviest (${keys}): no long task, Pause at once`, { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 720, height: 480 } });
    await context.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => Math.round(e.duration)))).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    const page = await context.newPage();
    const s = new PageSession(context, page);
    try {
      await page.goto(`${await baseUrl()}/embed.html?kind=${kind}&${keys}&play=1`, { waitUntil: 'load' });
      await sleep(4000);
      const [w] = await s.snapshot();
      assert.notEqual(w.status, 'error', w.message);
      assert.doesNotMatch(w.message ?? '', /NaN/);
      // Pause is delivered within a frame or two, whatever the run is doing.
      const latency = await page.evaluate(async () => {
        const el = document.querySelector('hebb-widget');
        const t0 = performance.now();
        el.querySelector('[data-action=pause]').click();
        while (!['paused', 'converged', 'diverged', 'ready', 'loading'].includes(el.dataset.status) || el.dataset.status === 'running') {
          await new Promise((r) => requestAnimationFrame(r));
          if (performance.now() - t0 > 5000) break;
        }
        return performance.now() - t0;
      });
      assert.ok(latency < 500, `Pause took ${latency.toFixed(0)} ms`);
      const long = await page.evaluate(() => window.__long.filter((d) => d > 50));
      assert.ok(long.length <= 1, `long tasks (ms): ${long.join(', ')}`);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
}
