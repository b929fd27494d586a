// Security and hostile input (the robustness issue): every page runs under a strict
// Content-Security-Policy without violations (scripts only from the site and wasm; style
// attributes are allowed because plotters measures text through a styled span, but no inline
// script and no <style>); HTML or script in any key shows as text; random
// hostile URLs never break a widget. HOSTILE_PER_KIND (default 6; `./build.sh bench` runs 200)
// sets how many random URLs each kind gets.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, withPage, sleep, baseUrl, PageSession, KIND_NAMES } from './harness.mjs';

const KEYS = ['seed', 'play', 'speed', 'until', 'hide', 'preset', 'eta', 'alpha', 'n', 'l1', 'l2', 'theta', 'w0', 'side', 'p',
  'patterns', 'noise', 'cue', 'update', 'beta', 'ratio', 'trials', 'd', 'k', 'top', 'tau', 'sources', 'sigma', 'decay',
  'inputs', 'kmax', 'lambda', 'rule', 'grow', 'bogus', 'class', 'onload', 'style'];
const VALUES = ['NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e-400', '', '%00', '-0', '0x10', '1,2,3', '√∞', "'\"",
  '<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=2">', 'javascript:alert(1)', 'x'.repeat(2000)];
const PER_KIND = Number(process.env.HOSTILE_PER_KIND || 6);
const CSP_SCRIPT = "script-src 'self' 'wasm-unsafe-eval'";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** A small seeded generator, so a failing URL can be found again. */
function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hostileQuery(kind, rnd) {
  const q = [`kind=${kind}`];
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0, n = 1 + Math.floor(rnd() * 5); i < n; i++) {
    const v = rnd() < 0.3 ? String((rnd() - 0.5) * 10 ** Math.floor(rnd() * 12 - 4)) : pick(VALUES);
    q.push(`${encodeURIComponent(pick(KEYS))}=${encodeURIComponent(v)}`);
  }
  q.push('speed=50');
  return q.join('&');
}

for (const rel of ['index.html', 'embed.html?kind=hopfield', 'embed.html?kind=oja']) {
  test(`${rel} carries a strict CSP and runs under it without a violation`, async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, reducedMotion: 'no-preference' });
    const page = await context.newPage();
    const s = new PageSession(context, page);
    try {
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.sourceFile}`));
      });
      await page.goto(`${await baseUrl()}/${rel}`, { waitUntil: 'load' });
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.ok(csp && csp.includes(CSP_SCRIPT) && !/script-src[^;]*unsafe-inline/.test(csp), `CSP: ${csp}`);
      await s.waitLoaded();
      await sleep(1500);
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
      const ws = await s.snapshot();
      assert.ok(ws.every((w) => w.status !== 'error'), JSON.stringify(ws));
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
}

test('HTML and script in keys show as text and never run', async () => {
  const q = 'kind=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E&eta=%3Cscript%3Ewindow.__pwned%3D2%3C%2Fscript%3E' +
    '&preset=%3Cb%3Ebold%3C%2Fb%3E&bogus=%3Ciframe%20src%3Djavascript%3Aalert(1)%3E';
  await withPage(browser, `embed.html?${q}`, async (s) => {
    await s.waitLoaded();
    await sleep(500);
    const r = await s.page.evaluate(() => {
      const w = document.querySelector('hebb-widget');
      return {
        pwned: window.__pwned ?? null,
        injected: w.querySelectorAll('img[src="x"], iframe, script').length +
          [...w.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
        message: w.querySelector('[data-message]').textContent,
      };
    });
    assert.equal(r.pwned, null);
    assert.equal(r.injected, 0);
    assert.ok(r.message.includes('<img src=x') && r.message.includes('<script>'), r.message);
  });
});

test(`${PER_KIND} random hostile URLs per kind: no uncaught error, a notice, the widget still runs`, async () => {
  const rnd = mulberry32(20261123);
  const s = await openPage(browser, 'embed.html?kind=oja');
  try {
    for (const kind of KIND_NAMES) {
      for (let i = 0; i < PER_KIND; i++) {
        const q = hostileQuery(kind, rnd);
        await s.page.goto(`${await baseUrl()}/embed.html?${q}`, { waitUntil: 'load' });
        s.errors.length = 0; // navigating away aborts the previous page's requests
        const [w] = await s.waitLoaded().catch((e) => assert.fail(`${q}: ${e.message}`));
        await sleep(150);
        const snap = (await s.snapshot())[0];
        assert.notEqual(snap.status, 'error', `${q}: ${snap.message}`);
        for (const [name, v] of Object.entries(snap.readouts)) {
          assert.ok(Number.isFinite(Number(v)) && v !== '', `${q}: readout ${name} = ${v}`);
        }
        assert.ok(snap.message && snap.message.trim().length > 0, `${q}: no notice for a hostile URL`);
        assert.equal(await s.page.evaluate(() => window.__pwned ?? null), null, q);
        assert.deepEqual(s.errors, [], `${q}: ${s.errors}`);
        void w;
      }
    }
  } finally {
    await s.close();
  }
});

test('a panic inside wasm shows an error in that widget and the other widgets keep running', async () => {
  await withPage(browser, 'index.html', async (s) => {
    await s.waitLoaded();
    const first = await s.page.evaluate(() => {
      const w = document.querySelector('hebb-widget');
      w.scrollIntoView();
      // The next frame's step makes the core panic (a real trap, through the real frame loop).
      const sim = w.sim;
      sim.advance = () => sim.fault();
      return w.getAttribute('kind');
    });
    // (s.waitUntil refuses any widget in status error, so wait for it directly.)
    await s.page.waitForFunction(() => document.querySelector('hebb-widget').dataset.status === 'error');
    const [bad] = await s.snapshot();
    assert.match(bad.message, /internal error/);
    // Another widget on the same page, sharing the wasm instance, still runs.
    const before = await s.page.evaluate(() => {
      const w = document.querySelectorAll('hebb-widget')[2];
      w.scrollIntoView();
      return Number(w.querySelector('[data-readout=step]').dataset.value);
    });
    await s.page.waitForFunction(
      (b) => Number(document.querySelectorAll('hebb-widget')[2].querySelector('[data-readout=step]').dataset.value) > b + 10,
      before,
    );
    assert.notEqual((await s.snapshot())[2].status, 'error');
    // The panic's own report reaches the console; the widget said it in words, which is the point.
    s.errors = s.errors.filter((e) => !/deliberate fault|unreachable|RuntimeError/.test(e));
    void first;
  });
});
