// Load hints (tools/preloads.mjs writes them into each page's head): every module a page loads is
// announced by a `<link rel="modulepreload">` (so the graph is fetched at once, not one import
// level at a time), no hint is for a module the page does not load, the wasm preload is the very
// request init() makes (one wasm request, no "preloaded but not used" or "credentials mode does
// not match" warning), the picture stylesheets are linked by the page and not again by the
// element, and the console stays clean.
//
// The list is compared with the URLs the browser actually requested, so adding a module without
// rerunning `node tools/preloads.mjs` fails here.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, baseUrl, PageSession, sleep } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const PAGES = ['index.html', 'embed.html?kind=oja', 'embed.html?kind=hopfield', 'classroom.html'];

for (const rel of PAGES) {
  test(`${rel}: the load hints are exactly the modules and wasm it loads, each used`, { timeout: 60_000 }, async () => {
    const base = await baseUrl();
    const context = await browser.newContext({ viewport: { width: 720, height: 480 }, reducedMotion: 'no-preference' });
    const page = await context.newPage();
    const s = new PageSession(context, page);
    const messages = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    const requests = [];
    page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
    try {
      await page.goto(`${base}/${rel}`, { waitUntil: 'load' });
      if (rel !== 'classroom.html') await s.waitLoaded();
      // Chromium reports an unused preload a few seconds after the load event.
      await sleep(3500);

      const hints = await page.evaluate(() => ({
        modules: [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.href),
        preloads: [...document.querySelectorAll('link[rel="preload"]')].map((l) => ({ href: l.href, as: l.as, crossOrigin: l.crossOrigin })),
        entries: [...document.querySelectorAll('script[type="module"][src]')].map((e) => e.src),
        sheets: [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.href),
        inHead: [...document.querySelectorAll('link[rel~="stylesheet"]')].every((l) => l.parentNode === document.head),
      }));
      const scripts = [...new Set(requests.filter((r) => r.type === 'script').map((r) => r.url))];
      const expected = scripts.filter((u) => !hints.entries.includes(u)).sort();
      assert.deepEqual([...hints.modules].sort(), expected,
        'the modulepreload list differs from the modules the page loaded (run node tools/preloads.mjs)');
      assert.equal(new Set(hints.modules).size, hints.modules.length, 'a module is preloaded twice');

      // The wasm: one preload, as init() fetches it, and one request in all.
      const wasm = requests.filter((r) => r.url.endsWith('.wasm'));
      assert.equal(wasm.length, 1, `the wasm was requested ${wasm.length} times: ${JSON.stringify(wasm)}`);
      assert.deepEqual(hints.preloads, [{ href: wasm[0].url, as: 'fetch', crossOrigin: 'anonymous' }]);

      // No stylesheet requested twice, and none linked by the element after the page's own.
      const css = requests.filter((r) => r.type === 'stylesheet').map((r) => r.url);
      assert.equal(new Set(css).size, css.length, `a stylesheet was requested twice: ${JSON.stringify(css)}`);
      assert.deepEqual(new Set(hints.sheets), new Set(css), 'a stylesheet was loaded that the page does not link');
      assert.ok(hints.inHead);

      const noisy = messages.filter((m) => /preload|credentials mode/i.test(m) || m.startsWith('warning') || m.startsWith('error'));
      assert.deepEqual(noisy, [], 'the console reported a preload problem or another warning');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
}

// A host that sandboxes the frame without allow-same-origin gives it an opaque origin, and the
// browser then refuses the figure's module scripts: the page must say so, not stay blank. A
// normal load never shows that note.
test('embed.html in a sandboxed frame without allow-same-origin says why it is empty', { timeout: 60_000 }, async () => {
  const base = await baseUrl();
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  try {
    await page.setContent(`<iframe sandbox="allow-scripts" width="720" height="480" src="${base}/embed.html?kind=oja"></iframe>`);
    const frame = page.frameLocator('iframe');
    const note = frame.locator('.embed-stuck');
    await note.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await note.textContent(), /allow-same-origin/);
    assert.equal(await frame.locator('hebb-widget').count(), 0);

    await page.goto(`${base}/embed.html?kind=oja`);
    await page.waitForFunction(() => document.querySelector('hebb-widget')?.dataset.status !== 'loading');
    await sleep(4500);
    assert.equal(await page.locator('.embed-stuck').isVisible(), false, 'the note shows on a normal load');
  } finally {
    await context.close();
  }
});
