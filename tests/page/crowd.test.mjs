// Forty widgets on one page (bench/crowd.html: every kind in turn, all on screen). The page has
// one frame loop with one time budget (www/pace.js): every widget must make progress, twins of
// one kind must get fair shares, and Pause must stop one widget and leave the others running.
// How many frames a second the crowd holds is the bench's figure (`./build.sh bench`), not a test's.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage, sleep, STOPPED } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const T = { timeout: 180_000 };
const ALL_ON_SCREEN = { width: 1920, height: 2400 };
const step = (w) => Number(w.readouts.step);

test('40 widgets on one page: all on screen, every one makes progress, twins of a kind get fair shares', T, async () => {
  await withPage(
    browser,
    'bench/crowd.html',
    async (s) => {
      const onScreen = await s.page.$$eval('hebb-widget', (ws) =>
        ws.map((w) => w.getBoundingClientRect()).filter((r) => r.top >= 0 && r.bottom <= innerHeight).length,
      );
      assert.equal(onScreen, 40, `${onScreen} of 40 widgets wholly on screen`);
      // Every run has done a step (or stopped by itself, as converged) — nobody starves.
      const ws = await s.waitUntil('every widget to have stepped', (snap) => snap.length === 40 && snap.every((w) => step(w) > 0), { timeout: 120_000 });
      for (const w of ws) assert.ok(['running', 'converged'].includes(w.status), `a ${w.kind} widget is ${w.status}: ${w.message}`);
      // Twins (same kind, same defaults, other seed) that keep running: after a few seconds
      // of sharing, none has under a third of its twin's steps. Each is paced by its own
      // measured cost, so a twin that booted a frame later may trail by a little, never by much.
      await sleep(3000);
      const later = await s.snapshot();
      const kinds = new Set(later.map((w) => w.kind));
      for (const kind of kinds) {
        const twins = later.filter((w) => w.kind === kind && w.status === 'running');
        if (twins.length < 2) continue;
        const steps = twins.map(step);
        assert.ok(Math.min(...steps) >= Math.max(...steps) / 3, `${kind} twins at ${steps.join(', ')} steps: unfair shares`);
      }
    },
    ALL_ON_SCREEN,
  );
});

test('40 widgets on one page: Pause stops one widget and leaves the other 39 running', T, async () => {
  await withPage(
    browser,
    'bench/crowd.html',
    async (s) => {
      await s.waitUntil('every widget to have stepped', (snap) => snap.length === 40 && snap.every((w) => step(w) > 0), { timeout: 120_000 });
      // The first widget is a plain Hebb cloud, which never stops by itself.
      await s.page.click('hebb-widget:first-of-type [data-action=pause]');
      const [paused] = await s.waitUntil('the first widget to pause', ([w]) => STOPPED.includes(w.status));
      assert.equal(paused.status, 'paused');
      const before = await s.snapshot();
      // Every other running widget steps on (an `ei` learning step can take a second or more).
      const after = await s.waitUntil('the other running widgets to step on', (snap) =>
        snap.every((w, i) => i === 0 || before[i].status !== 'running' || step(w) > step(before[i]) || w.status !== 'running'),
      );
      assert.equal(after[0].status, 'paused');
      assert.equal(step(after[0]), step(before[0]), 'the paused widget went on stepping');
    },
    ALL_ON_SCREEN,
  );
});
