// The circuit kinds (`gha`, `subspace`, `similarity`, `recurrent`, `bcm`, `prune`) in embed.html
// at Notion's 720×480, opened by URL keys and run to `until`, checked against docs/science.md (gha … prune).
// The bounds were checked natively with the same keys and seeds (one step = one sample, so the
// numbers do not depend on the frame rate):
//  - GHA rows line up with e1, e2 in order (angles < 6° after 10⁵ samples at η = 0.001);
//  - Oja's subspace rule finds the top-3 subspace of d = 8 in some rotation (projector error
//    < 0.2), so the test looks at the projector, not at the rows;
//  - similarity matching: F = M⁻¹W orthonormal and eig(M) → the top variances (within 15 %);
//  - recurrent Hebb with decay: αW → C (relative error < 0.15), the shared pattern amplified more
//    than ten times as much as a pattern no source makes; run as a closed loop it diverges iff
//    α < λ1;
//  - BCM becomes selective (> 0.99) when η·τθ < 1, and diverges with the reason when η·τθ = 4;
//  - growth and pruning never keep more than K_max synapses.
// Every page must stay free of console errors (withPage fails on any).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage, sleep, assertFitsFrame, inkedPixels, kindsOf } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const T = { timeout: 180_000 };

/** An embed page must fit its frame: no scrollbars at 720×480. */
/** The widget's family layout is the circuit one. */
async function assertCircuitView(s) {
  assert.equal(await s.page.locator('hebb-widget .hw-main.hw-circuit').count(), 1, 'the picture area is not the circuit view');
}

test('gha: rows line up with e1 and e2 in order (η = 0.001, 100,000 samples)', T, async () => {
  await withPage(browser, 'embed.html?kind=gha&eta=0.001&seed=1&until=100000&speed=5000', async (s) => {
    await s.waitLoaded();
    await assertCircuitView(s);
    const { status, message, values: v } = await s.waitStopped(100000);
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    assert.ok(v.angle1 < 6, `angle1 = ${v.angle1}°, want < 6°`);
    assert.ok(v.angle2 < 6, `angle2 = ${v.angle2}°, want < 6°`);
    // d = 2: the plane with the points and arrows, and the small overlap matrix.
    assert.ok((await inkedPixels(s.page, '.hw-c-planefig canvas')) > 500, 'the plane is blank');
    assert.ok((await inkedPixels(s.page, '.hw-c-small canvas')) > 100, 'the overlap matrix is blank');
    await assertFitsFrame(s);
    await s.screenshot('gha');
  });
});

test('subspace, d = 8, k = 3: the rows span the top-3 subspace (projector error < 0.2)', T, async () => {
  await withPage(browser, 'embed.html?kind=subspace&preset=high&eta=0.001&until=200000&speed=10000', async (s) => {
    await s.waitLoaded();
    const { status, message, values: v } = await s.waitStopped(200000);
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    assert.ok(v['subspace-error'] < 0.2, `subspace-error = ${v['subspace-error']}, want < 0.2`);
    assert.ok(v.orthogonality < 0.2, `orthogonality = ${v.orthogonality}, want < 0.2`);
    // d > 2: the overlap heatmap and the spectrum, one bar per dimension.
    assert.ok((await inkedPixels(s.page, '.hw-c-overlapfig canvas')) > 500, 'the overlap heatmap is blank');
    assert.equal(await s.page.locator('.hw-c-lambda').count(), 8, 'want one variance bar per dimension');
    await assertFitsFrame(s);
    await s.screenshot('subspace');
  });
});

test('similarity: F = M⁻¹W orthonormal, eig(M) within 15 % of the top variances', T, async () => {
  await withPage(browser, 'embed.html?kind=similarity&eta=0.001&until=200000&speed=10000', async (s) => {
    await s.waitLoaded();
    const { status, message, values: v } = await s.waitStopped(200000);
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    assert.ok(v.orthogonality < 0.1, `orthogonality = ${v.orthogonality}, want < 0.1`);
    await sleep(300); // the bars follow on the next frame
    const bars = await s.page.evaluate(() => ({
      m: [...document.querySelectorAll('hebb-widget .hw-c-meig')].map((e) => Number(e.dataset.value)),
      lambda: [...document.querySelectorAll('hebb-widget .hw-c-lambda')].map((e) => Number(e.dataset.value)),
    }));
    assert.equal(bars.m.length, 2, `eigenvalue bars of M: ${JSON.stringify(bars)}`);
    bars.m.forEach((m, i) => {
      const l = bars.lambda[i];
      assert.ok(Math.abs(m / l - 1) < 0.15, `eigenvalue ${i + 1} of M = ${m}, λ${i + 1} = ${l}: want within 15 %`);
    });
    await assertFitsFrame(s);
    await s.screenshot('similarity');
  });
});

test('recurrent: αW → C and the shared pattern is amplified, not the one no source makes', T, async () => {
  await withPage(browser, 'embed.html?kind=recurrent&until=100000&speed=5000', async (s) => {
    await s.waitLoaded();
    const { status, message, values: v } = await s.waitStopped(100000);
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    assert.ok(v['rel-error'] < 0.15, `rel-error = ${v['rel-error']}, want < 0.15`);
    assert.ok(
      v['gain-shared'] > 10 * v['gain-spurious'],
      `gain-shared = ${v['gain-shared']}, gain-spurious = ${v['gain-spurious']}: want a ratio > 10`,
    );
    assert.equal(await s.page.locator('.hw-c-heat canvas').count(), 2, 'want the target and learned heatmaps');
    for (const i of [1, 2]) {
      assert.ok((await inkedPixels(s.page, `.hw-c-heat:nth-child(${i}) canvas`)) > 500, `heatmap ${i} is blank`);
    }
    await assertFitsFrame(s);
    await s.screenshot('recurrent');
  });
});

// The closed loop r = u + W r settles only while every eigenvalue of W is below 1; W → C/α, so
// only while α > λ1. η = 0.0001 keeps the learned W near C/α: its top eigenvalue wanders by
// √(2ηα/(2 − ηα)) ≈ √(ηα) of itself (4 % at α = 1.25 λ1 ≈ 15), far less than the margin 1 − 0.8 = 0.2.
// Below the threshold the mean W reaches an eigenvalue of 1 after ln 5/(ηα) ≈ 2,000 samples.
test('recurrent, loop=closed: diverges iff α < λ1 (λ1 from the lambda1 readout), with the reason', T, async () => {
  const eta = 0.0001;
  const sigma2 = 0.25; // the default σ = 0.5
  for (const seed of [1, 3]) {
    let lambda1;
    await withPage(browser, `embed.html?kind=recurrent&loop=closed&seed=${seed}&play=0`, async (s) => {
      await s.waitLoaded();
      lambda1 = await s.readout('lambda1');
      assert.ok(lambda1 > sigma2, `lambda1 = ${lambda1}`);
      const marks = await s.page.locator('.hw-slider[data-key=alpha] .hw-mark').allTextContents();
      assert.ok(marks.some((m) => m.includes('λ1')), `α marks: ${JSON.stringify(marks)}`);
      const label = await s.page.locator('hebb-widget .hw-c-gains .hw-c-label').textContent();
      assert.match(label, /closed-loop gain/, `gains label: "${label}"`);
    });
    for (const f of [0.8, 1.25]) {
      const alpha = f * lambda1;
      const q = `kind=recurrent&loop=closed&alpha=${alpha}&eta=${eta}&seed=${seed}&until=20000&speed=5000`;
      await withPage(browser, `embed.html?${q}`, async (s) => {
        await s.waitLoaded();
        const w = await s.waitStopped(20000); // every readout a finite decimal
        const where = `seed ${seed}, α = ${alpha.toFixed(3)} = ${f} λ1`;
        if (f < 1) {
          assert.equal(w.status, 'diverged', `${where}: status ${w.status} (${w.message})`);
          assert.match(w.message, /closed loop: after [\d,]+ samples W has an eigenvalue 1\.\d{3} ≥ 1/, `${where}: "${w.message}"`);
          assert.match(w.message, /α = [\d.]+ < λ1 = [\d.]+/, `${where}: "${w.message}"`);
          assert.ok(w.values.step > 0 && w.values.step % 64 === 0, `${where}: stopped at step ${w.values.step}`);
          await assertFitsFrame(s);
          await s.screenshot(`recurrent-closed-diverged-${seed}`);
        } else {
          assert.equal(w.status, 'paused', `${where}: status ${w.status} (${w.message})`);
          // The spurious pattern (Cv = σ²v) settles at 1/(1 − σ²/α). Its error is at most
          // ‖(I − W)⁻¹‖·|(W − C/α)u| with u = (I − C/α)⁻¹v: the norm below 1/(0.2 − 4 rms of W's top
          // eigenvalue), and |(W − C/α)u|² = η/(α(2 − ηα))·(tr C·σ²|u|² + σ⁴|u|²) with tr C ≤ 8 λ1.
          const g = 1 / (1 - sigma2 / alpha);
          const wobble = Math.sqrt((2 * eta * alpha) / (2 - eta * alpha)) * 0.8;
          const noise = g * Math.sqrt(((eta / (alpha * (2 - eta * alpha))) * (8 * lambda1 * sigma2 + sigma2 ** 2)));
          const tol = (4 * noise) / (0.2 - 4 * wobble);
          const got = w.values['gain-spurious'];
          assert.ok(Math.abs(got - g) < tol, `${where}: closed-loop spurious gain ${got}, want ${g} ± ${tol}`);
          assert.ok(w.values['gain-shared'] > 1.5, `${where}: the loop amplifies the shared pattern (gain ${w.values['gain-shared']})`);
        }
      });
    }
  }
});

test('bcm: η·τθ = 0.2 < 1 → the neuron answers one input only (selectivity > 0.99)', T, async () => {
  await withPage(browser, 'embed.html?kind=bcm&until=200000&speed=10000', async (s) => {
    await s.waitLoaded();
    const { status, message, values: v } = await s.waitStopped(200000);
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    assert.ok(v.selectivity > 0.99, `selectivity = ${v.selectivity}, want > 0.99`);
    assert.equal(await s.page.locator('.hw-c-resp-bar').count(), 4, 'want one response bar per input');
    await sleep(400); // the chart redraws a few times a second
    assert.ok((await inkedPixels(s.page, 'canvas.hw-c-chart')) > 500, 'the response chart is blank');
    // The τθ slider marks η·τθ = 1.
    const marks = await s.page.locator('.hw-slider[data-key=tau] .hw-mark').allTextContents();
    assert.ok(marks.some((m) => m.includes('η·τθ')), `τθ marks: ${JSON.stringify(marks)}`);
    await assertFitsFrame(s);
    await s.screenshot('bcm');
  });
});

test('bcm: τθ = 400 (η·τθ = 4) → diverged, and the message names η·τθ', T, async () => {
  await withPage(browser, 'embed.html?kind=bcm&tau=400&speed=10000', async (s) => {
    await s.waitLoaded();
    const snap = await s.waitUntil('BCM to diverge', (ws) => ws[0].status === 'diverged', { timeout: 30_000 });
    const w = s.parse(snap[0]); // every readout still a finite decimal
    assert.match(w.message, /η·τθ/, `message: "${w.message}"`);
    assert.ok(w.values.step > 0, `diverged at step ${w.values.step}`);
    await s.screenshot('bcm-diverged');
  });
});

test('prune: random growth never keeps more than K_max = 12 synapses; the worked example', T, async () => {
  await withPage(browser, 'embed.html?kind=prune&grow=random&kmax=12&until=3000', async (s) => {
    await s.waitLoaded();
    const { status, message, values: v } = await s.waitStopped(3000);
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    assert.ok(v.connections <= 12, `connections = ${v.connections}, want ≤ 12`);
    assert.ok(v.connections > 0, 'every synapse was pruned');
    assert.ok((await inkedPixels(s.page, '.hw-c-graphfig canvas')) > 500, 'the graph is blank');
    await assertFitsFrame(s);
    await s.screenshot('prune');

    // The seed's example, every term: w = [0.1, 0] → [0.59, 0.5] (L2), → [0.5, 0.5] (L1).
    const box = s.page.locator('hebb-widget .hw-c-example');
    const next = box.locator('[data-action=example-next]');
    for (let i = 0; i < 10 && (await next.isEnabled()); i++) await next.click();
    const l2 = await box.textContent();
    for (const term of ['[0.5, 0.5]', '[0.01, 0]', '[0.49, 0.5]', '[0.59, 0.5]']) {
      assert.ok(l2.includes(term), `the L2 example lacks ${term}: "${l2}"`);
    }
    await box.locator('[data-action=example-l1]').click();
    for (let i = 0; i < 10 && (await next.isEnabled()); i++) await next.click();
    const l1 = await box.textContent();
    for (const term of ['[0.1, 0]', '[0.4, 0.5]', '→ [0.5, 0.5]']) {
      assert.ok(l1.includes(term), `the L1 example lacks ${term}: "${l1}"`);
    }
    // The example's buttons do not touch the run.
    assert.equal(await s.readout('step'), 3000);
    await s.screenshot('prune-example');
  });
});

test('a bad URL (kind=gha&d=abc&k=99) shows notices and runs', T, async () => {
  await withPage(browser, 'embed.html?kind=gha&d=abc&k=99', async (s) => {
    await s.waitLoaded();
    const w = await s.widget();
    assert.match(w.message, /\bd\b/, `the notice does not name d: "${w.message}"`);
    assert.match(w.message, /\bk\b/, `the notice does not name k: "${w.message}"`);
    await s.waitUntil('the widget to run (step > 0)', (ws) => Number(ws[0].readouts.step) > 0, { timeout: 20_000 });
    await s.widget(); // finite readouts
  });
});

test('the kind menu switches within the family: gha → bcm → prune → similarity (d = 8)', T, async () => {
  await withPage(browser, 'embed.html?kind=gha&seed=3', async (s) => {
    await s.waitLoaded();
    const pick = (v) => s.page.selectOption('hebb-widget select[name=kind]', v);
    await pick('bcm');
    let w = await s.widget();
    assert.deepEqual(Object.keys(w.values), ['step', 'selectivity', 'threshold']);
    assert.equal(await s.page.locator('canvas.hw-c-chart').count(), 1, 'no BCM chart after the switch');
    await pick('prune');
    w = await s.widget();
    assert.deepEqual(Object.keys(w.values), ['step', 'connections', 'norm']);
    assert.equal(await s.page.locator('.hw-c-graphfig').count(), 1, 'no graph after the switch');
    await pick('similarity');
    await s.page.selectOption('hebb-widget select[name=preset]', 'high');
    await s.waitUntil('similarity to run', (ws) => Number(ws[0].readouts.step) > 0, { timeout: 20_000 });
    assert.equal(await s.page.locator('.hw-c-overlapfig').count(), 1, 'no overlap heatmap for d = 8');
    assert.equal(await s.page.locator('.hw-c-meig').count(), 3, 'want k = 3 eigenvalue bars of M');
    // The URL follows (embed.html only).
    await sleep(400);
    const url = new URL(s.page.url());
    assert.equal(url.searchParams.get('kind'), 'similarity');
    assert.equal(url.searchParams.get('preset'), 'high');
  });
});

test('keyboard: → presents one sample, R resets', T, async () => {
  await withPage(browser, 'embed.html?kind=recurrent&play=0', async (s) => {
    await s.waitLoaded();
    await s.page.locator('hebb-widget').focus();
    await s.page.keyboard.press('ArrowRight');
    await s.page.keyboard.press('ArrowRight');
    await s.waitUntil('two samples', (ws) => Number(ws[0].readouts.step) === 2, { timeout: 5_000 });
    await s.page.keyboard.press('r');
    await s.waitUntil('reset to step 0', (ws) => Number(ws[0].readouts.step) === 0, { timeout: 5_000 });
  });
});

test('index.html holds a widget of every circuit kind, each running without an error', T, async () => {
  await withPage(
    browser,
    'index.html',
    async (s) => {
      const ws = await s.waitLoaded();
      const kinds = ws.map((w) => w.kind);
      for (const k of kindsOf('circuit')) {
        assert.ok(kinds.includes(k), `index.html has no ${k} widget (kinds: ${kinds})`);
      }
      const circuits = await s.page.locator('#circuits-title').count();
      assert.equal(circuits, 1, 'no "Many neurons and circuits" section');
      // Each circuit section paragraph carries its equation as MathML.
      const maths = await s.page.locator('section[aria-labelledby=circuits-title] math').count();
      assert.ok(maths >= 6, `only ${maths} MathML equations in the circuits section`);
      await s.page.locator('hebb-widget[kind=bcm]').scrollIntoViewIfNeeded();
      await sleep(1500);
      for (const w of await s.snapshot()) s.parse(w);
      await s.page.locator('#circuits-title').scrollIntoViewIfNeeded();
      await s.screenshot('index-circuits');
    },
    { width: 1280, height: 900 },
  );
});
