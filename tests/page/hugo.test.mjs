// The Hugo shortcode: the example site (built by `./build.sh test` into target/hugo-site with
// Debian's hugo) shows working widgets, loaded once, with no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser, withPage } from './harness.mjs';

const SITE = fileURLToPath(new URL('../../target/hugo-site/index.html', import.meta.url));

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the Hugo example page built with the shortcode runs its widgets', { skip: !existsSync(SITE) && 'run ./build.sh test (it builds the Hugo site)' }, async () => {
  await withPage(browser, 'target/hugo-site/', async (s) => {
    const scripts = await s.page.locator('script[src$="hebb-widget.js"]').count();
    assert.equal(scripts, 1, 'the module is included once per page');
    await s.waitLoaded();
    const [oja] = await s.waitUntil('the Oja widget to run', (ws) => Number(ws[0].readouts.step) > 100);
    assert.equal(oja.kind, 'oja');
    const ws = await s.snapshot();
    assert.equal(ws.length, 2);
    assert.equal(ws[1].kind, 'hopfield');
    assert.ok(['ready', 'paused'].includes(ws[1].status), ws[1].status);
    await s.screenshot('hugo-example', { fullPage: true });
  }, { width: 1000, height: 900 });
});
