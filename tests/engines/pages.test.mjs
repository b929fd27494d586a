// A fast, representative subset of the page tests in each engine of ENGINES (Firefox, WebKit):
// the article, the classroom tour, the bar by real clicks and Space, a CSV export (compared with
// Chromium's, byte for byte), the CSP and a hostile URL. Clean consoles throughout (withTab).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, assertEachStartsOnScreen } from '../page/harness.mjs';
import { MOMENTS } from '../../www/moments.js';
import { ENGINES, launch, withTab } from './engine.mjs';

const T = { timeout: 180_000 };
const WIDE = { width: 1280, height: 800 };
const EXPORT_RUN = 'embed.html?kind=oja&seed=3&until=300&speed=100';

/** In the page: keeps the files the widget saves (blob + a.download) instead of downloading them. */
function keepDownloads() {
  window.__saved = [];
  const blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = (b) => {
    const url = create.call(URL, b);
    blobs.set(url, b);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (!this.download) return click.call(this);
    window.__saved.push({ name: this.download, blob: blobs.get(this.href) });
  };
}

/** Runs EXPORT_RUN to its stop and saves its CSV through the Export menu, by clicks. */
async function exportCsv(engine) {
  let out;
  await withTab(engine, EXPORT_RUN, async (s) => {
    const [w] = await s.waitUntil('the run to stop', ([w]) => ['paused', 'converged'].includes(w?.status));
    await s.page.evaluate(keepDownloads);
    await s.page.click('hebb-widget .hw-export > summary');
    await s.page.click('hebb-widget [data-action=export-csv]');
    const saved = await s.page.evaluate(() => Promise.all(window.__saved.map(async (f) => ({ name: f.name, text: await f.blob.text() }))));
    assert.equal(saved.length, 1, `files saved: ${JSON.stringify(saved.map((f) => f.name))}`);
    out = { ...saved[0], step: w.readouts.step };
  });
  return out;
}

let chromiumCsv;
before(async () => {
  const chromium = await launch('chromium');
  try {
    chromiumCsv = await exportCsv(chromium);
  } finally {
    await chromium.close();
  }
});

for (const name of ENGINES.filter((e) => e !== 'chromium')) {
  describe(`${name}: the pages`, () => {
    let engine;
    before(async () => { engine = await launch(name); });
    after(() => engine?.close());

    test(`${name}: index.html loads every widget, and each starts once scrolled to`, T, async () => {
      await withTab(engine, 'index.html', async (s) => {
        const ws = await s.waitLoaded();
        assert.ok(ws.length > 5, `${ws.length} widgets`);
        await assertEachStartsOnScreen(s, ws);
      }, WIDE);
    });

    test(`${name}: classroom.html — the tour starts, and steps by button and by key`, T, async () => {
      await withTab(engine, 'classroom.html', async (s) => {
        const at = () => s.page.evaluate(() => [location.hash, document.querySelector('[data-tour="count"]').textContent, document.querySelector('[data-tour="title"]').textContent]);
        await s.page.click('[data-room="start"]');
        assert.deepEqual(await at(), ['#tour=1', `1 / ${MOMENTS.length}`, MOMENTS[0].title]);
        await s.waitLoaded();
        await s.page.click('[data-tour="next"]');
        assert.deepEqual(await at(), ['#tour=2', `2 / ${MOMENTS.length}`, MOMENTS[1].title]);
        await s.page.press('[data-tour="title"]', 'ArrowRight');
        assert.deepEqual(await at(), ['#tour=3', `3 / ${MOMENTS.length}`, MOMENTS[2].title]);
        await s.waitLoaded();
      }, { width: 1280, height: 720 });
    });

    test(`${name}: step, play and pause by real clicks, and Space plays and pauses`, T, async () => {
      await withTab(engine, 'embed.html?kind=oja&seed=3&play=0', async (s) => {
        const step = async () => Number((await s.widget()).readouts.step);
        const [w] = await s.waitLoaded();
        assert.equal(w.status, 'ready');
        await s.page.click('hebb-widget [data-action=step]');
        await s.waitUntil('one step', ([w]) => Number(w.readouts.step) === 1, { timeout: 5_000 });
        await s.page.click('hebb-widget [data-action=play]');
        await s.waitUntil('running past step 1', ([w]) => w.status === 'running' && Number(w.readouts.step) > 1, { timeout: 10_000 });
        await s.page.click('hebb-widget [data-action=pause]');
        await s.waitUntil('paused', ([w]) => w.status === 'paused', { timeout: 5_000 });
        const held = await step();
        await sleep(500);
        assert.equal(await step(), held, 'a paused run moved');
        await s.page.press('hebb-widget', 'Space');
        await s.waitUntil('Space to play', ([w]) => w.status === 'running' && Number(w.readouts.step) > held, { timeout: 10_000 });
        await s.page.press('hebb-widget', 'Space');
        await s.waitUntil('Space to pause', ([w]) => w.status === 'paused', { timeout: 5_000 });
      });
    });

    test(`${name}: Export → CSV saves the trajectory, byte for byte Chromium's`, T, async () => {
      const csv = await exportCsv(engine);
      assert.equal(csv.name, `hebb-oja-step${csv.step}.csv`);
      const rows = csv.text.trim().split('\n');
      assert.equal(rows[0].split(',')[0], 'step');
      assert.equal(rows.at(-1).split(',')[0], csv.step, 'the last row is the present step');
      assert.equal(csv.text, chromiumCsv.text, `CSV in ${name} vs Chromium`);
    });

    for (const rel of ['index.html', 'embed.html?kind=hopfield']) {
      test(`${name}: ${rel} runs under its CSP without a violation`, T, async () => {
        await withTab(engine, rel, async (s) => {
          const csp = await s.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
          assert.match(csp ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
          const ws = await s.waitLoaded();
          assert.ok(ws.every((w) => w.status !== 'error'), JSON.stringify(ws));
          await sleep(1000);
          assert.deepEqual(await s.page.evaluate(() => window.__testCapture.csp), []);
        }, WIDE);
      });
    }

    test(`${name}: HTML in a URL key shows as text and never runs`, T, async () => {
      const q = `kind=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}&seed=${encodeURIComponent('<b>bold</b>')}`;
      await withTab(engine, `embed.html?${q}`, async (s) => {
        await s.waitLoaded();
        await sleep(300);
        const r = await s.page.evaluate(() => ({
          pwned: window.__pwned ?? null,
          elements: [...document.querySelectorAll('hebb-widget img[src="x"], hebb-widget b')].filter((e) => e.localName === 'img' || e.textContent === 'bold').length,
          message: document.querySelector('hebb-widget [data-message]').textContent,
        }));
        assert.deepEqual([r.pwned, r.elements], [null, 0]);
        assert.ok(r.message.includes('<img src=x'), r.message);
      });
    });
  });
}
