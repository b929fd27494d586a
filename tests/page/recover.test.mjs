// A trap inside wasm (the core is built with panic = "abort") recovers: the page moves every other
// run to a fresh instance of the module, bit for bit where it was, and the widget that trapped says
// why and starts again on Reset, however many traps come in a row; memory running out is said in
// words; and a widget taken off the page gives its memory back after the 2-s grace period.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const T = { timeout: 120_000 };
/** Tall enough for the test's widgets to be on screen at once (a hidden run does not replay). */
const TALL = { width: 900, height: 3200 };

/** In the page: helpers on window, and the page's own figure replaced by `queries`' widgets. */
function setUp(page, queries) {
  return page.evaluate(async (queries) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    window.until = async (pred, ms = 20_000) => {
      const end = performance.now() + ms;
      while (!pred()) {
        if (performance.now() > end) throw new Error(`timed out: ${pred}`);
        await frame();
      }
    };
    window.values = (w) => [...w.querySelectorAll('[data-readout]')].map((e) => `${e.dataset.readout}=${e.dataset.value}`).join(' ');
    window.make = (query) => {
      const w = document.createElement('hebb-widget');
      for (const [k, v] of new URLSearchParams(query)) w.setAttribute(k, v);
      document.body.append(w);
      return w;
    };
    window.instance = await import(new URL('www/widget/instance.js', document.baseURI));
    window.core = await import(new URL('www/pkg/hebb.js', document.baseURI));
    document.body.replaceChildren();
    window.ws = queries.map(window.make);
    await window.until(() => window.ws.every((w) => w.sim && w.dataset.status !== 'loading'));
  }, queries);
}

test('a trap stops only its widget, which restarts on Reset; the others go on bit for bit, 200 traps in a row', T, async () => {
  await withPage(
    browser,
    'embed.html?kind=oja',
    async (s) => {
      await setUp(s.page, ['kind=oja&seed=1&play=0', 'kind=oja&seed=7&play=0', 'kind=gha&seed=3&play=1', 'kind=hopfield&seed=5&play=1']);
      // B (ws[1]) is stepped by hand, so its readouts are exact; C and D run on their own.
      const first = await s.page.evaluate(async () => {
        const [a, b, c] = ws;
        for (let i = 0; i < 30; i++) b.querySelector('[data-action=step]').click();
        const before = values(b);
        const cStep = Number(c.querySelector('[data-readout=step]').dataset.value);
        // A real trap through the frame loop: A's next step panics in the core.
        a.querySelector('[data-action=play]').click();
        const sim = a.sim;
        sim.advance = () => sim.fault();
        await until(() => a.dataset.status === 'error');
        const message = a.querySelector('[data-message]').textContent;
        await until(() => b.sim && b.dataset.status !== 'loading' && values(b) === before);
        await until(() => Number(c.querySelector('[data-readout=step]').dataset.value) > cStep + 20);
        return { message, statuses: ws.map((w) => w.dataset.status) };
      });
      assert.match(first.message, /internal error .*the other figures on the page go on.*Press Reset/);
      assert.deepEqual(first.statuses.slice(1).filter((x) => x === 'error'), []);

      // 200 traps in a row, a frame apart (the others' replays are often cut short by the next).
      const many = await s.page.evaluate(async () => {
        const [a, b, c] = ws;
        const before = values(b);
        const cStep = () => Number(c.querySelector('[data-readout=step]').dataset.value);
        const cBefore = cStep();
        for (let i = 0; i < 200; i++) {
          a.querySelector('[data-action=reset]').click();
          if (a.dataset.status === 'error') throw new Error(`trap ${i}: Reset did not restart it`);
          const sim = a.sim;
          sim.advance = () => sim.fault();
          a.querySelector('[data-action=step]').click();
          if (a.dataset.status !== 'error') throw new Error(`trap ${i}: no error shown`);
          await new Promise((r) => requestAnimationFrame(() => r()));
        }
        await until(() => ws.slice(1).every((w) => w.dataset.status !== 'loading'));
        const after = values(b);
        const cAfter = cStep();
        // B goes on from where it was: 30 more steps land where a fresh run's 60 do.
        for (let i = 0; i < 30; i++) b.querySelector('[data-action=step]').click();
        const fresh = make('kind=oja&seed=7&play=0');
        await until(() => fresh.sim && fresh.dataset.status !== 'loading');
        for (let i = 0; i < 60; i++) fresh.querySelector('[data-action=step]').click();
        // And A runs again after its last Reset.
        a.querySelector('[data-action=reset]').click();
        a.querySelector('[data-action=play]').click();
        await until(() => Number(a.querySelector('[data-readout=step]').dataset.value) > 50);
        return {
          before,
          after,
          b60: values(b),
          fresh60: values(fresh),
          cBefore,
          cAfter,
          cStatus: c.dataset.status,
          errors: ws.slice(1).map((w) => w.querySelector('[data-message]').textContent).filter((m) => /error|could not/.test(m)),
          bytes: instance.memory().buffer.byteLength,
        };
      });
      assert.equal(many.after, many.before, 'B after 200 rebuilds');
      assert.equal(many.b60, many.fresh60, 'B stepped on after the rebuilds against a fresh run');
      assert.deepEqual(many.errors, []);
      assert.notEqual(many.cStatus, 'error');
      assert.ok(many.cAfter >= many.cBefore, `C went back from step ${many.cBefore} to ${many.cAfter}`);
      assert.ok(many.bytes < 64 << 20, `the fresh instance holds ${many.bytes} bytes`);
      // The panic's report may reach the console; the widget says it in words, which is the point.
      s.errors = s.errors.filter((e) => !/deliberate fault|unreachable|RuntimeError/.test(e));
    },
    TALL,
  );
});

test('memory that runs out is said in words, with how much more was needed', T, async () => {
  await withPage(
    browser,
    'embed.html?kind=oja',
    async (s) => {
      await setUp(s.page, ['kind=oja&seed=1&play=0', 'kind=oja&seed=7&play=0']);
      const r = await s.page.evaluate(async () => {
        const [a, b] = ws;
        for (let i = 0; i < 10; i++) b.querySelector('[data-action=step]').click();
        const before = values(b);
        // The core asks for 256 MB blocks until the tab refuses one (wasm32 holds 4 GB at most).
        a.sim.advance = () => core.fault_memory();
        a.querySelector('[data-action=step]').click();
        const message = a.querySelector('[data-message]').textContent;
        await until(() => b.sim && b.dataset.status !== 'loading');
        return { message, status: a.dataset.status, same: values(b) === before, bytes: instance.memory().buffer.byteLength };
      });
      assert.equal(r.status, 'error');
      assert.match(r.message, /^This figure needs about 256 MB more memory than the tab can give/);
      assert.doesNotMatch(r.message, /unreachable/);
      assert.ok(r.same, 'the other widget is where it was');
      assert.ok(r.bytes < 64 << 20, `the fresh instance holds ${r.bytes} bytes`);
      s.errors = s.errors.filter((e) => !/unreachable|RuntimeError|memory allocation/.test(e));
    },
    TALL,
  );
});

test('removed widgets give their memory back after 2 s (150 of the largest Hopfield), and not before', T, async (t) => {
  await withPage(browser, 'embed.html?kind=oja', async (s) => {
    await setUp(s.page, ['kind=oja&seed=1&play=0']);
    const r = await s.page.evaluate(async () => {
      const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
      const bytes = () => instance.memory().buffer.byteLength;
      const query = 'kind=hopfield&side=64&patterns=random&p=20&seed=';
      // Within the grace period a widget moved in the page keeps its run, as it was.
      const kept = make(`${query}1`);
      await until(() => kept.sim);
      const sim = kept.sim;
      kept.remove();
      await sleep(1000);
      document.body.append(kept);
      const keptSame = kept.sim === sim && !kept.parked;
      kept.remove();
      await sleep(1000);
      const stillThere = kept.sim === sim;
      await sleep(1300);
      const parked = kept.sim === null && typeof kept.parked === 'string';
      // 15 waves of 10: made, removed, and freed before the next wave.
      let afterFirst = 0;
      for (let wave = 0; wave < 15; wave++) {
        const made = Array.from({ length: 10 }, (_, i) => make(`${query}${wave * 10 + i + 2}`));
        await until(() => made.every((w) => w.sim));
        if (wave === 0) afterFirst = bytes();
        for (const w of made) w.remove();
        await sleep(2100);
        if (!made.every((w) => w.sim === null)) throw new Error(`wave ${wave}: not parked after 2.1 s`);
      }
      return { keptSame, stillThere, parked, afterFirst, end: bytes() };
    });
    assert.ok(r.keptSame, 'a widget back within 2 s keeps its run');
    assert.ok(r.stillThere, 'a widget away for 1 s still holds its run');
    assert.ok(r.parked, 'a widget away for 2.3 s parked its run');
    const mb = (b) => (b / 2 ** 20).toFixed(0);
    t.diagnostic(`wasm memory: ${mb(r.afterFirst)} MB after the first wave of 10, ${mb(r.end)} MB after 150`);
    assert.ok(r.end <= r.afterFirst * 1.5, `wasm memory grew from ${mb(r.afterFirst)} MB after the first wave to ${mb(r.end)} MB`);
  }, TALL);
});
