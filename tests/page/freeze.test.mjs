// Nothing a host page or a reader does freezes the page: attribute storms apply once per frame,
// a key set to its own value changes nothing, attributes changed while the element is away
// apply when it returns, a live preset leaves explicit keys alone, <hebb-compare> keeps both of
// two keys set in one task, modern retrieval advances at any frame rate, and save files are
// priced, refused with a reason, or replayed in slices with a Cancel.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage, sleep } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const T = { timeout: 120_000 };

/** Starts counting long tasks (Chromium's PerformanceObserver 'longtask'). */
function watchLongTasks(page) {
  return page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
}

const q = (w, key) => new URLSearchParams(w.query()).get(key);

test('2,000 setAttribute calls on a live hopfield widget apply once, with the last values', T, async () => {
  await withPage(browser, 'embed.html?kind=hopfield&side=32&patterns=random&p=20&play=1', async (s) => {
    await s.waitLoaded();
    await watchLongTasks(s.page);
    const r = await s.page.evaluate(async () => {
      const w = document.querySelector('hebb-widget');
      let changes = 0;
      w.addEventListener('change', () => changes++);
      const t0 = performance.now();
      for (let i = 0; i < 1000; i++) {
        w.setAttribute('noise', String((i % 10) / 20));
        w.setAttribute('p', String(10 + (i % 30)));
      }
      const storm = performance.now() - t0;
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      return { storm, changes, noise: new URLSearchParams(w.query()).get('noise'), p: new URLSearchParams(w.query()).get('p') };
    });
    assert.equal(r.noise, '0.45');
    assert.equal(r.p, '19');
    assert.equal(r.changes, 1, 'the storm should be one application, one change event');
    await sleep(300);
    const long = await s.page.evaluate(() => Math.max(0, ...window.__long));
    assert.ok(long < 50 + r.storm, `a ${long.toFixed(0)} ms task after a storm of ${r.storm.toFixed(0)} ms of host work`);
  });
});

test('a key set to its own value, or a refused kind, does not restart the run', T, async () => {
  await withPage(browser, 'embed.html?kind=gha&seed=4&d=6&k=3&speed=5&play=1', async (s) => {
    await s.waitUntil('the run to advance', (ws) => Number(ws[0].readouts.step) > 20);
    const before = await s.readout('step');
    await s.page.evaluate(() => {
      const w = document.querySelector('hebb-widget');
      for (const k of ['seed', 'd', 'kind', 'k']) w.setAttribute(k, new URLSearchParams(w.query()).get(k));
      w.setAttribute('kind', 'hopfield');
    });
    await sleep(300);
    const w = await s.widget();
    assert.ok(w.values.step >= before, `step went from ${before} to ${w.values.step}: the run restarted`);
    assert.match(w.message, /hopfield/, 'the refused kind is named in the message');
  });
});

test('attributes changed or removed while the element is away apply when it returns', T, async () => {
  await withPage(browser, 'embed.html?kind=oja&eta=0.05&l1=4&play=0', async (s) => {
    await s.waitLoaded();
    const r = await s.page.evaluate(async () => {
      const w = document.querySelector('hebb-widget');
      const parent = w.parentNode;
      w.remove();
      w.setAttribute('eta', '0.002');
      w.removeAttribute('l1');
      parent.append(w);
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      const p = new URLSearchParams(w.query());
      return { eta: p.get('eta'), l1: p.get('l1') };
    });
    assert.deepEqual(r, { eta: '0.002', l1: '3' }, 'eta follows the attribute, l1 returns to its default');
  });
});

test('a live preset leaves the keys the author set, as a fresh element with the same attributes would', T, async () => {
  await withPage(browser, 'embed.html?kind=hopfield&preset=retrieval&p=4&play=0', async (s) => {
    await s.waitLoaded();
    const r = await s.page.evaluate(async () => {
      const w = document.querySelector('hebb-widget');
      w.setAttribute('preset', 'overload');
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      const fresh = document.createElement('hebb-widget');
      for (const a of w.attributes) if (!a.name.startsWith('data-') && a.name !== 'tabindex') fresh.setAttribute(a.name, a.value);
      document.body.append(fresh);
      for (let i = 0; i < 100 && !fresh.sim; i++) await new Promise((res) => setTimeout(res, 50));
      return { live: w.query(), fresh: fresh.query() };
    });
    assert.match(r.live, /&p=4&/, `the explicit p=4 was overridden: ${r.live}`);
    assert.match(r.live, /patterns=random/, 'the preset’s own keys apply');
    assert.equal(r.live, r.fresh);
  });
});

test('<hebb-compare>: two keys set in one task land in both widgets', T, async () => {
  await withPage(browser, 'embed.html?kind=oja&compare=eta:0.01,0.05&play=0', async (s) => {
    await s.waitLoaded();
    const r = await s.page.evaluate(async () => {
      const c = document.querySelector('hebb-compare');
      for (let i = 0; i < 50; i++) {
        c.setAttribute('l1', String(2 + (i % 5)));
        c.setAttribute('theta', String(10 * (i % 7)));
      }
      for (let i = 0; i < 10; i++) await new Promise((res) => requestAnimationFrame(res));
      return [...c.querySelectorAll('hebb-widget')].map((w) => {
        const p = new URLSearchParams(w.query());
        return [p.get('l1'), p.get('theta')];
      });
    });
    assert.deepEqual(r, [['6', '0'], ['6', '0']]);
  });
});

test('modern retrieval advances when frames come 300 ms apart', T, async () => {
  await withPage(browser, 'embed.html?kind=modern&preset=blend&play=0', async (s) => {
    await s.waitLoaded();
    await s.page.evaluate(() => {
      // A busy host page: every frame costs 300 ms.
      const slow = () => {
        const t = performance.now();
        while (performance.now() - t < 300);
        requestAnimationFrame(slow);
      };
      requestAnimationFrame(slow);
      document.querySelector('hebb-widget [data-action=play]').click();
    });
    await s.waitUntil('a retrieval update', (ws) => Number(ws[0].readouts.step) >= 2, { timeout: 20_000 });
  });
});

test('save files: too costly or without readouts refused with the reason; a long one replays in slices and can be cancelled', T, async () => {
  await withPage(browser, 'embed.html?kind=gha&d=16&k=16&play=0', async (s) => {
    await s.waitLoaded();
    const load = (text) => s.page.evaluate((t) => document.querySelector('hebb-widget').exports.load(t), text);
    await load('{"format":"hebb-widget/1","query":"kind=gha&d=16&k=16","log":[["advance",20000000,1]],"readouts":{"step":20000000}}');
    await s.waitUntil('the refusal', (ws) => /s of work/.test(ws[0].message));
    await load('{"format":"hebb-widget/1","query":"kind=gha&d=16&k=16","log":[["advance",1000,1]]}');
    await s.waitUntil('the refusal', (ws) => /no readouts/.test(ws[0].message));
    // A real file of a long run: saved by a native-equivalent widget in the page, then loaded.
    const saved = await s.page.evaluate(async () => {
      const { Widget } = await import('./www/pkg/hebb.js');
      const w = new Widget('kind=gha&d=16&k=16&seed=3');
      w.advance(400_000);
      const text = w.to_json();
      const step = w.readouts_ptr() && JSON.parse(text).readouts.step;
      w.free();
      return { text, step };
    });
    await watchLongTasks(s.page);
    await load(saved.text);
    await s.waitUntil('the replay', (ws) => ws[0].status === 'loading' && /Replaying the saved file: \d+ %/.test(ws[0].message));
    assert.equal(await s.page.locator('hebb-widget [data-action=cancel]').isVisible(), true, 'Cancel shows while replaying');
    await s.page.click('hebb-widget [data-action=cancel]');
    let w = await s.waitUntil('the cancelled load', (ws) => ws[0].status !== 'loading');
    assert.equal(Number(w[0].readouts.step), 0, 'Cancel keeps the run as it was');
    assert.equal(await s.page.locator('hebb-widget [data-action=cancel]').isVisible(), false);
    await load(saved.text);
    w = await s.waitUntil('the loaded run', (ws) => ws[0].status !== 'loading', { timeout: 60_000 });
    assert.equal(Number(w[0].readouts.step), saved.step);
    const long = await s.page.evaluate(() => Math.max(0, ...window.__long));
    assert.ok(long < 100, `replay made a ${long.toFixed(0)} ms task`);
  });
});

test('the largest Hopfield memory (N = 4096, P = 4096) is stored in slices: no long task, progress shown, Reset answers', T, async () => {
  await withPage(browser, 'embed.html?kind=hopfield&side=64&patterns=random&p=4096&play=1', async (s) => {
    await s.page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    });
    const w = await s.waitUntil('the storage progress', (ws) => ws[0].status === 'loading' && /Storing 4,096 patterns.*\d+ %/.test(ws[0].message), { timeout: 30_000 });
    // From here on the set-up runs in slices (the boot before it, making 16 M pattern entries, is
    // not sliced: see the README).
    const storing = await s.page.evaluate(() => performance.now());
    // Rows of W now build in about 1.5 s in all (packed sign planes), so look sooner, and count
    // a finished storage as progress too.
    await sleep(300);
    const later = await s.snapshot();
    const pct = (m) => Number(/(\d+) %/.exec(m)?.[1] ?? 100);
    assert.ok(later[0].status !== 'loading' || pct(later[0].message) > pct(w[0].message), `no progress: ${w[0].message} → ${later[0].message}`);
    const t0 = Date.now();
    await s.page.evaluate(() => document.querySelector('hebb-widget').setAttribute('side', '16'));
    await s.waitUntil('the small network', (ws) => ws[0].status !== 'loading', { timeout: 5_000 });
    assert.ok(Date.now() - t0 < 2000, 'a new size replaces the pending storage at once');
    const long = await s.page.evaluate((t0) => window.__long.filter(([t, d]) => t >= t0 && d > 50).map(([, d]) => d), storing);
    assert.ok(long.length <= 1 && long.every((d) => d < 150), `long tasks while storing: ${long.map((d) => d.toFixed(0))}`);
  });
});
