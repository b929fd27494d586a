// Offline: the built site needs nothing but its own origin. Every request to any other host is
// aborted and recorded; the pages must still run their widgets (status running or converged,
// readouts moving) with zero console errors, and nothing may even have tried another origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, baseUrl, PageSession } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** A page whose context lets through only the test server's origin; `foreign` lists the rest. */
async function offlinePage(rel, viewport) {
  const base = await baseUrl();
  const origin = new URL(base).origin;
  const context = await browser.newContext({ viewport, reducedMotion: 'no-preference' });
  const foreign = [];
  const local = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) {
      local.push(url);
      return route.continue();
    }
    foreign.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const s = new PageSession(context, page);
  await page.goto(`${base}/${rel}`, { waitUntil: 'load' });
  return { s, foreign, local };
}

/** The route really saw the page's requests (else an empty `foreign` would prove nothing). */
function assertRouted(local) {
  assert.ok(local.some((u) => u.endsWith('.wasm')), `the route did not see the wasm request: ${JSON.stringify(local)}`);
}

const LIVE = ['running', 'converged'];

/** Steps of every widget on the page. */
async function steps(s) {
  return (await s.snapshot()).map((w) => Number(w.readouts.step));
}

// Hopfield at 4 neuron updates a frame: the recall takes a few seconds, so it is seen moving.
for (const [kind, query] of [['oja', 'kind=oja'], ['hopfield', 'kind=hopfield&speed=4']]) {
  test(`embed.html?${query} works with every other origin blocked`, { timeout: 90_000 }, async () => {
    const { s, foreign, local } = await offlinePage(`embed.html?${query}`, { width: 720, height: 480 });
    try {
      const [w] = await s.waitUntil(`the ${kind} widget to run`, (ws) => ws[0] && LIVE.includes(ws[0].status));
      const first = s.parse(w).values;
      // The run moves on: the step and at least one other readout change.
      await s.waitUntil(`${kind}'s readouts to change offline (from ${JSON.stringify(first)})`, (ws) => {
        const now = s.parse(ws[0]).values;
        return now.step > first.step && Object.keys(first).some((k) => k !== 'step' && now[k] !== first[k]);
      }, { timeout: 20_000 });
      assertRouted(local);
      assert.deepEqual(foreign, [], 'the page tried to reach another origin');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
}

test('index.html runs every widget with every other origin blocked', { timeout: 180_000 }, async () => {
  const { s, foreign, local } = await offlinePage('index.html', { width: 1280, height: 900 });
  try {
    await s.waitLoaded();
    const count = (await s.snapshot()).length;
    assert.ok(count >= 10, `index.html has only ${count} widgets`);
    // Scroll each widget into view in turn: it must start and move on its own.
    for (let i = 0; i < count; i++) {
      await s.page.evaluate((k) => document.querySelectorAll('hebb-widget')[k].scrollIntoView({ block: 'center' }), i);
      const at = (await steps(s))[i];
      const snap = await s.waitUntil(
        `widget ${i} to run offline`,
        (ws) => ws[i] && (LIVE.includes(ws[i].status) || (ws[i].status === 'paused' && Number(ws[i].readouts.step) > at)),
        { timeout: 30_000 },
      );
      const w = snap[i];
      if (w.status === 'converged') continue; // already done (e.g. a quick Hopfield recall)
      await s.waitUntil(`widget ${i} (${w.kind}) to step past ${at}`, (ws) => Number(ws[i].readouts.step) > at, { timeout: 30_000 });
    }
    assertRouted(local);
    assert.deepEqual(foreign, [], 'the article tried to reach another origin');
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});
