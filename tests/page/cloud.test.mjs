// The one-neuron cloud kinds in embed.html at Notion's 720×480, checked against docs/science.md (hebb, decay, oja)
// with seeds. Tolerances come from the statistics (see harness.mjs), not from tuning:
//  - the angle between w and PC1 fluctuates with s.d. σ = √(ηλ1λ2 / 2(λ1−λ2)) once settled
//    (3.1° at η = 0.01, 1.0° at η = 0.001 for λ = 3, 0.5);
//  - a sample variance of n = 500 Gaussian points has relative s.d. √(2/n) = 6.3 %.
// Bounds are 4–5 of those standard deviations.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage, angleSpreadDeg, varianceRelSd, assertFitsFrame, inkedPixels, sleep } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const T = { timeout: 180_000 };
const L1 = 3; // defaults of l1, l2 and n (CLOUD_SCHEMA)
const L2 = 0.5;
const N = 500;

/** Sample eigenvalues near the requested variances: within 4 s.d. of a sample variance. */
function assertLambdas(v) {
  const tol = 4 * varianceRelSd(N);
  assert.ok(Math.abs(v.lambda1 / L1 - 1) < tol, `lambda1 = ${v.lambda1}, want ${L1} ± ${(tol * 100).toFixed(0)} %`);
  assert.ok(Math.abs(v.lambda2 / L2 - 1) < tol, `lambda2 = ${v.lambda2}, want ${L2} ± ${(tol * 100).toFixed(0)} %`);
  assert.ok(v.lambda1 >= v.lambda2, `lambda1 = ${v.lambda1} < lambda2 = ${v.lambda2}`);
}

/** An embed page must fit its frame: no scrollbars at 720×480. */
for (const seed of [1, 2, 3]) {
  test(`oja, seed ${seed}: |w| → 1 and w → ±PC1 (η = 0.001, 20,000 steps)`, T, async () => {
    const eta = 0.001;
    await withPage(browser, `embed.html?kind=oja&seed=${seed}&eta=${eta}&until=20000&speed=1000&play=1`, async (s) => {
      await s.waitLoaded();
      const w = await s.waitStopped(20000);
      const v = w.values;
      assert.equal(w.status, 'paused', `status ${w.status}: ${w.message}`);
      assert.ok(Math.abs(v.norm - 1) < 0.1, `|w| = ${v.norm}, want 1 ± 0.1`);
      const bound = 5 * angleSpreadDeg(eta, v.lambda1, v.lambda2);
      assert.ok(v.angle < bound, `angle = ${v.angle}°, want < ${bound.toFixed(2)}° (5 σ)`);
      assert.ok(v.angle < 5, `angle = ${v.angle}°, want < 5°`);
      assertLambdas(v);
      // At w = ±e1 the output captures the fraction λ1 / tr C of the variance.
      const captured = v.lambda1 / (v.lambda1 + v.lambda2);
      assert.ok(Math.abs(v.variance - captured) < 0.01, `variance = ${v.variance}, want λ1/trC = ${captured}`);
      if (seed === 1) {
        await assertFitsFrame(s);
        await s.screenshot('oja');
      }
    });
  });
}

test('oja, seed 1: at η = 0.01 |w| → 1 and the angle stays within its online noise', T, async () => {
  const eta = 0.01;
  await withPage(browser, `embed.html?kind=oja&seed=1&eta=${eta}&until=20000&speed=1000&play=1`, async (s) => {
    await s.waitLoaded();
    const { status, message, values: v } = await s.waitStopped(20000);
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    // Online noise biases the norm by (η/2)(tr C − λ1) ≈ 0.0025 here.
    assert.ok(Math.abs(v.norm - 1) < 0.1, `|w| = ${v.norm}, want 1 ± 0.1`);
    const bound = 4 * angleSpreadDeg(eta, v.lambda1, v.lambda2);
    assert.ok(v.angle < bound, `angle = ${v.angle}°, want < ${bound.toFixed(2)}° (4 σ)`);
    assertLambdas(v);
  });
});

for (const seed of [1, 2]) {
  test(`decay, seed ${seed}: α = 4 > λ1 → |w| shrinks from 0.5 towards 0 while turning to PC1`, T, async () => {
    const eta = 0.01;
    await withPage(browser, `embed.html?kind=decay&seed=${seed}&alpha=4&eta=${eta}&until=3000&speed=500&play=1`, async (s) => {
      await s.waitLoaded();
      const { status, message, values: v } = await s.waitStopped(3000);
      assert.equal(status, 'paused', `status ${status}: ${message}`);
      // Averaged map: |w| ≈ 0.5·(1 − η(α − λ1))^3000 ≈ 0.5·e^−30.
      assert.ok(v.norm < 0.05, `|w| = ${v.norm}, want < 0.05 (started at 0.5)`);
      const bound = 4 * angleSpreadDeg(eta, v.lambda1, v.lambda2);
      assert.ok(v.angle < bound, `angle = ${v.angle}°, want < ${bound.toFixed(2)}° (4 σ)`);
      assertLambdas(v);
      if (seed === 1) {
        await assertFitsFrame(s);
        await s.screenshot('decay');
      }
    });
  });
}

test('decay, seed 1: α = 1 < λ1 → |w| grows', T, async () => {
  await withPage(browser, 'embed.html?kind=decay&seed=1&alpha=1&eta=0.01&until=1000&speed=500&play=1', async (s) => {
    await s.waitLoaded();
    const { status, message, values: v } = await s.waitStopped(1000);
    // Averaged growth factor 1 + η(λ1 − α) ≈ 1.02 per step: ~10⁸ after 1000 steps.
    assert.equal(status, 'paused', `status ${status}: ${message}`);
    assert.ok(v.norm > 5, `|w| = ${v.norm}, want > 5 (started at 0.5)`);
    await s.screenshot('decay-growing');
  });
});

for (const seed of [1, 2]) {
  test(`hebb, seed ${seed}: plain Hebb has no brake`, T, async () => {
    await withPage(browser, `embed.html?kind=hebb&seed=${seed}&eta=0.01&until=5000&speed=100&play=1`, async (s) => {
      await s.waitLoaded();
      const { status, message, values: v } = await s.waitStopped(5000);
      if (status === 'diverged') {
        assert.match(message, /no brake/i, `diverged with message "${message}"`);
        assert.ok(v.step > 0 && v.step < 5000, `diverged at step ${v.step}`);
      } else {
        assert.equal(status, 'paused', `status ${status}: ${message}`);
      }
      // (1 + ηλ1)^n from 0.5: |w| passes 10⁶ by step ~500; the data-value stays finite.
      assert.ok(v.norm > 1e6, `|w| = ${v.norm}, want huge`);
      assertLambdas(v);
      if (seed === 1) {
        await assertFitsFrame(s);
        await s.screenshot('hebb');
      }
    });
  });
}

test('same keys and seed, different speed → the same numbers (until stops exactly)', T, async () => {
  const runs = [];
  for (const speed of [7, 1000]) {
    await withPage(browser, `embed.html?kind=oja&seed=5&eta=0.01&until=2000&speed=${speed}&play=1`, async (s) => {
      await s.waitLoaded();
      const w = await s.waitStopped(2000);
      assert.equal(w.values.step, 2000);
      runs.push(w.readouts);
    });
  }
  assert.deepEqual(runs[0], runs[1], 'readouts differ between speed=7 and speed=1000');
});

// docs/science.md#eigen: the strip shows the readouts mu1, mu2 and names the two ways out.
for (const [query, word] of [
  ['kind=hebb&eta=0.01', ''],
  ['kind=decay&eta=0.1&alpha=15', 'e2 takeover'],
  ['kind=decay&eta=0.5&alpha=8', 'sign-flip trap'],
  ['kind=oja&eta=0.01', ''],
]) {
  test(`${query}: the μ strip shows μ1, μ2 and says "${word || 'nothing'}"`, T, async () => {
    await withPage(browser, `embed.html?${query}&seed=2&until=50&speed=50&play=1`, async (s) => {
      await s.waitLoaded();
      const { values: v } = await s.waitStopped(50);
      const strip = s.page.locator('hebb-widget .hw-mu');
      const label = await strip.getAttribute('aria-label');
      for (const k of ['mu1', 'mu2']) {
        const shown = Number(label.match(new RegExp(`μ${k.at(-1)} = (-?[\\d.]+)`))[1]);
        assert.ok(Math.abs(shown - v[k]) < 1e-3 * Math.max(1, Math.abs(v[k])), `${k}: strip says ${shown}, readout ${v[k]}`);
      }
      assert.equal((await strip.locator('.hw-mu-label').textContent()).trim(), word);
    });
  });
}

// docs/science.md#eigen: ghost=1 runs the averaged map beside the online run. At 1280×800 (a frame
// that shows the eigen chart) the ghost's faint arrow adds ink to the cloud's top layer, the eigen
// chart is drawn, the key survives in the widget's query and every readout stays finite.
test('decay with ghost=1: the averaged map draws beside the run, the eigen chart draws, readouts stay finite', T, async () => {
  const ink = {};
  for (const ghost of [0, 1]) {
    const q = `embed.html?kind=decay&alpha=2.9&seed=5&ghost=${ghost}&until=2000&speed=200&play=1`;
    await withPage(
      browser,
      q,
      async (s) => {
        await s.waitLoaded();
        const w = await s.waitStopped(2000);
        for (const [k, v] of Object.entries(w.values)) assert.ok(Number.isFinite(v), `${k} = ${v}`);
        assert.equal(new URLSearchParams(await s.page.evaluate(() => document.querySelector('hebb-widget').query())).get('ghost'), `${ghost}`);
        // Charts are redrawn a few times a second: give them one more turn after the stop.
        await sleep(600);
        // The top layer is transparent where nothing is drawn: count the pixels with any alpha.
        ink[ghost] = await s.page.evaluate(() => {
          const c = document.querySelector('hebb-widget .hw-cloud .hw-layer:last-child');
          const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
          return n;
        });
        assert.ok((await inkedPixels(s.page, 'hebb-widget .hw-chart-eigen')) > 500, 'the eigen chart is empty');
        if (ghost) await s.screenshot('decay-ghost');
        s.assertNoErrors();
      },
      { width: 1280, height: 800 },
    );
  }
  // The ghost's faint arrow mostly lies under w's (both along e1) but its 'averaged' label does not.
  assert.ok(ink[1] > ink[0] + 100, `cloud ink with the ghost ${ink[1]}, without ${ink[0]}`);
});
