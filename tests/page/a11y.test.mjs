// Accessibility: axe-core (npm) finds no serious or critical violation on the article and on
// embed.html for the kinds that look different (memories, circuits), once the widgets have
// booted and drawn.
//
// How axe gets in: the pages' CSP allows scripts from 'self' only, and addScriptTag({ path })
// would inject the file as an inline script, which the CSP blocks. Rather than switching the CSP
// off (bypassCSP would also hide a page that only works without it), the test serves axe.min.js
// from the site's own origin with page.route and adds it by URL: the page under test keeps its
// real policy.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchBrowser, withPage, sleep, baseUrl, KIND_NAMES } from './harness.mjs';
import { KIND_TESTS } from './kinds.mjs';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const AXE_PATH = '/__axe-core__.js';

let browser;
let axeSource;
before(async () => {
  browser = await launchBrowser();
  axeSource = await readFile(AXE, 'utf8');
});
after(() => browser?.close());

/** Runs axe on the page; returns the serious and critical violations, one line each. */
async function seriousViolations(s) {
  const base = await baseUrl();
  await s.page.route(`${base}${AXE_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: axeSource }),
  );
  await s.page.addScriptTag({ url: `${base}${AXE_PATH}` });
  const result = await s.page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return {
      rules: r.passes.length + r.violations.length + r.incomplete.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
      })),
    };
  });
  assert.ok(result.rules > 10, `axe checked only ${result.rules} rules: did it run?`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.help}):\n    ${v.nodes.join('\n    ')}`);
}

test('index.html: no serious or critical axe violations once every widget has booted', { timeout: 180_000 }, async () => {
  await withPage(
    browser,
    'index.html',
    async (s) => {
      await s.waitLoaded();
      // Scroll through the article so every widget has been on screen, drawn and run a little.
      const height = await s.page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y < height; y += 600) {
        await s.page.evaluate((top) => window.scrollTo(0, top), y);
        await sleep(250);
      }
      await s.page.evaluate(() => window.scrollTo(0, 0));
      const snap = await s.snapshot();
      const steps = snap.filter((w) => Number(w.readouts.step) > 0).length;
      assert.ok(steps >= snap.length / 2, `only ${steps} of ${snap.length} widgets ran while scrolled through`);
      const bad = await seriousViolations(s);
      assert.deepEqual(bad, [], `axe on index.html:\n${bad.join('\n')}`);
    },
    { width: 1280, height: 900 },
  );
});

// Every kind that looks different (`ownLook` in kinds.mjs) gets its own run.
for (const kind of KIND_NAMES.filter((k) => KIND_TESTS[k].ownLook)) {
  test(`embed.html?kind=${kind}: no serious or critical axe violations`, { timeout: 90_000 }, async () => {
    await withPage(browser, `embed.html?kind=${kind}`, async (s) => {
      await s.waitUntil(`the ${kind} widget to run`, (ws) => ws[0] && ws[0].status !== 'loading' && Number(ws[0].readouts.step) > 0);
      await sleep(600); // charts drawn
      const bad = await seriousViolations(s);
      assert.deepEqual(bad, [], `axe on embed.html?kind=${kind}:\n${bad.join('\n')}`);
    });
  });
}
