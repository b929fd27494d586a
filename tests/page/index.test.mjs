// The article: every widget inline, one shared wasm instance, no console errors, and widgets
// that never touch the host page's URL.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage, sleep } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

test('index.html loads its widgets (hebb, decay, oja) with zero console errors', { timeout: 120_000 }, async () => {
  await withPage(
    browser,
    'index.html',
    async (s) => {
      const ws = await s.waitLoaded();
      assert.ok(ws.length >= 3, `index.html has ${ws.length} hebb-widget elements, want at least 3`);
      const kinds = ws.map((w) => w.kind ?? 'oja');
      for (const k of ['hebb', 'decay', 'oja']) assert.ok(kinds.includes(k), `no ${k} widget (kinds: ${kinds})`);
      for (const w of ws) {
        s.parse(w); // every readout a finite decimal
        assert.ok(w.message !== null, `a ${w.kind} widget has no [data-message]`);
      }
      await sleep(2000); // let the visible ones run a little
      await s.widget(0);
      await s.screenshot('index', { fullPage: true });
    },
    { width: 1280, height: 900 },
  );
});

test('a widget inside index.html never writes the host URL', { timeout: 60_000 }, async () => {
  await withPage(
    browser,
    'index.html',
    async (s) => {
      await s.waitLoaded();
      const url = s.page.url();
      const moved = await s.page.evaluate(() => {
        const el = document.querySelector('hebb-widget input[name=eta]');
        if (!el) return false;
        el.value = el.max;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      });
      assert.ok(moved, 'no input[name=eta] in any widget of index.html');
      await sleep(500);
      assert.equal(s.page.url(), url, 'moving a slider in index.html changed the page URL');
    },
    { width: 1280, height: 900 },
  );
});
