// Every registered kind's embed in each engine of ENGINES (Firefox, WebKit): a seeded run reaches
// its stopping status with finite readouts and a clean console, and its readouts (the exact
// `data-value` strings) and status equal Chromium's for the same URL — the core is deterministic
// and f64 arithmetic in wasm is the same in every engine, so any difference is a bug.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { KIND_NAMES } from '../page/harness.mjs';
import { ENGINES, launch, withTab } from './engine.mjs';

const UNTIL = 40;
const rel = (kind) => `embed.html?kind=${kind}&seed=11&until=${UNTIL}`;
const T = { timeout: 120_000 };

/** Runs a kind's seeded embed to its stop and returns its widget, readouts checked finite. */
async function stoppedRun(engine, kind) {
  let run;
  await withTab(engine, rel(kind), async (s) => {
    const [w] = await s.waitUntil(
      `${kind} to stop at step ${UNTIL} (paused) or by itself (converged, diverged)`,
      ([w]) => w && (['converged', 'diverged'].includes(w.status) || (w.status === 'paused' && Number(w.readouts.step) === UNTIL)),
      { timeout: 90_000 },
    );
    run = s.parse(w);
    assert.ok(Object.keys(run.readouts).length > 1, `${kind}: readouts ${JSON.stringify(run.readouts)}`);
  });
  return run;
}

// Chromium's runs, the reference (one browser, opened once for the file).
const reference = new Map();
before(async () => {
  const chromium = await launch('chromium');
  try {
    for (const kind of KIND_NAMES) reference.set(kind, await stoppedRun(chromium, kind));
  } finally {
    await chromium.close();
  }
});

for (const name of ENGINES.filter((e) => e !== 'chromium')) {
  describe(`${name}: every kind's seeded embed`, () => {
    let engine;
    before(async () => { engine = await launch(name); });
    after(() => engine?.close());

    for (const kind of KIND_NAMES) {
      test(`${name}: ${rel(kind)} stops cleanly with Chromium's readouts, bit for bit`, T, async () => {
        const run = await stoppedRun(engine, kind);
        const want = reference.get(kind);
        assert.ok(want, `no Chromium run of ${kind}`);
        assert.equal(run.status, want.status, `status in ${name} vs Chromium (message: ${run.message})`);
        assert.deepEqual(run.readouts, want.readouts, `readouts in ${name} vs Chromium`);
      });
    }
  });
}
