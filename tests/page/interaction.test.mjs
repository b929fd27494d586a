// Live controls, hostile URLs, hidden parts and the action buttons of docs/contract.md, in embed.html.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage, sleep } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const T = { timeout: 120_000 };

/** The `eta` in the page's own URL (embed.html writes it with replaceState). */
async function urlEta(page) {
  const v = new URL(page.url()).searchParams.get('eta');
  return v === null ? null : Number(v);
}

/**
 * Moves `input[name=eta]` to `target` the way a reader would (value + input + change events)
 * and returns the η it now means, after the browser snapped it to the slider's step. The slider
 * may hold η itself, log10 η, or a position along the documented log scale 10⁻⁵…1.
 */
async function moveEtaSlider(page, target) {
  return page.evaluate((target) => {
    const el = document.querySelector('hebb-widget input[name=eta]');
    if (!el) throw new Error('no input[name=eta] inside the widget');
    const min = Number(el.min);
    const max = Number(el.max);
    const [lo, hi] = [Math.log10(1e-5), Math.log10(1)];
    let scale;
    if (el.type !== 'range' || (min > 0 && max <= 1.0001)) scale = 'eta';
    else if (Math.abs(min - lo) < 1e-9 && Math.abs(max - hi) < 1e-9) scale = 'log10';
    else scale = 'position';
    if (scale === 'eta') el.value = String(target);
    else if (scale === 'log10') el.value = String(Math.log10(target));
    else el.value = String(min + ((Math.log10(target) - lo) / (hi - lo)) * (max - min));
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    const v = Number(el.value);
    if (scale === 'eta') return v;
    if (scale === 'log10') return 10 ** v;
    return 10 ** (lo + ((v - min) / (max - min)) * (hi - lo));
  }, target);
}

test('moving the η slider while running changes the run without resetting step, and the URL follows', T, async () => {
  await withPage(browser, 'embed.html?kind=oja&seed=3&eta=0.01&play=1', async (s) => {
    await s.waitLoaded();
    await s.waitUntil('the run to pass step 200', (ws) => Number(ws[0].readouts.step) > 200);
    const before = await s.readout('step');
    const meant = await moveEtaSlider(s.page, 0.02);
    const right = await s.readout('step');
    assert.ok(right >= before, `step went from ${before} back to ${right} when η moved`);
    await s.waitUntil('the run to keep going after the change', (ws) => Number(ws[0].readouts.step) > right + 100);
    const w = await s.widget();
    assert.equal(w.status, 'running', `status ${w.status}: ${w.message}`);

    let eta = null;
    for (let i = 0; i < 50 && (eta === null || eta === 0.01); i++) {
      eta = await urlEta(s.page);
      if (eta === null || eta === 0.01) await sleep(100);
    }
    assert.ok(eta !== null, `no eta in the URL ${s.page.url()}`);
    // 2 %: a few slider positions' worth of rounding on a 1000-position log scale.
    assert.ok(Math.abs(eta / meant - 1) < 0.02, `URL eta = ${eta}, the slider means ${meant} (${s.page.url()})`);

    // The new rate really drives the run: at η = 1, ηλ1 ≈ 3 > 1 and Oja's update blows up.
    const stepBefore = await s.readout('step');
    await moveEtaSlider(s.page, 1);
    const blown = await s.waitUntil('η = 1 to make Oja diverge', (ws) => ws[0].status === 'diverged', { timeout: 20_000 });
    const v = s.parse(blown[0]).values;
    assert.ok(v.step >= stepBefore, `step went from ${stepBefore} back to ${v.step}`);
    assert.ok(blown[0].message && blown[0].message.trim() !== '', 'diverged without a message');
    await s.screenshot('oja-diverged-by-slider');
  });
});

test('a bad URL (eta=abc, n=-5) shows a notice and still runs', T, async () => {
  await withPage(browser, 'embed.html?eta=abc&n=-5', async (s) => {
    await s.waitLoaded();
    const w = await s.widget();
    assert.ok(w.message !== null, 'no [data-message] element in the widget');
    assert.ok(w.message.trim() !== '', 'the [data-message] notice is empty');
    assert.match(w.message, /eta|η/, `the notice does not name eta: "${w.message}"`);
    await s.waitUntil('the widget to run (step > 0)', (ws) => Number(ws[0].readouts.step) > 0, { timeout: 20_000 });
    const v = (await s.widget()).values;
    assert.ok(Number.isFinite(v.norm) && Number.isFinite(v.angle));
    await s.screenshot('bad-url');
  });
});

test('an unknown kind falls back to oja with a notice', T, async () => {
  await withPage(browser, 'embed.html?kind=nope&until=50&play=1', async (s) => {
    await s.waitLoaded();
    const w = await s.waitStopped(50);
    assert.ok(w.message && w.message.includes('nope'), `the notice does not quote the unknown kind: "${w.message}"`);
    assert.ok(['norm', 'angle', 'lambda1', 'lambda2', 'variance'].every((k) => k in w.values), 'not a cloud widget');
  });
});

test('hide=controls,readouts hides those parts but keeps them in the DOM', T, async () => {
  await withPage(browser, 'embed.html?kind=oja&hide=controls,readouts&until=100&play=1', async (s) => {
    await s.waitLoaded();
    await s.waitStopped(100);
    const eta = s.page.locator('hebb-widget input[name=eta]');
    const step = s.page.locator('hebb-widget [data-readout=step]');
    assert.equal(await eta.count(), 1, 'input[name=eta] is gone from the DOM');
    assert.equal(await step.count(), 1, '[data-readout=step] is gone from the DOM');
    assert.equal(await eta.isVisible(), false, 'hide=controls left the η slider visible');
    assert.equal(await step.isVisible(), false, 'hide=readouts left the step readout visible');
    assert.equal(await step.getAttribute('data-value'), '100');
  });
});

test('buttons: pause stops, step advances by one, reset returns to step 0', T, async () => {
  await withPage(browser, 'embed.html?kind=oja&seed=2&play=1', async (s) => {
    await s.waitLoaded();
    await s.waitUntil('the run to pass step 300', (ws) => Number(ws[0].readouts.step) > 300);
    const click = (a) => s.page.locator(`hebb-widget [data-action=${a}]`).first().click();
    await click('pause');
    await s.waitUntil('status paused', (ws) => ws[0].status === 'paused', { timeout: 5_000 });
    const paused = await s.readout('step');
    await sleep(500);
    assert.equal(await s.readout('step'), paused, 'step kept moving while paused');
    await click('step');
    await s.waitUntil(`step ${paused + 1}`, (ws) => Number(ws[0].readouts.step) === paused + 1, { timeout: 5_000 });
    await click('reset');
    // Reset returns to step 0; if the widget then plays on, step only has to be back below.
    const reset = await s.waitUntil('reset to go back to step 0', (ws) => Number(ws[0].readouts.step) <= paused, { timeout: 5_000 });
    if (reset[0].status !== 'running') assert.equal(Number(reset[0].readouts.step), 0, `step after reset (${reset[0].status})`);
  });
});
