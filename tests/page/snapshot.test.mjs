// Save and load: the JSON a widget saves loads back into another widget at exactly the same
// readouts; a bad file is refused with a visible reason and leaves the run as it was.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, withPage } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Save and Load live in the widget's Export menu. */
const openMenu = (s) => s.page.click('hebb-widget .hw-export > summary');

async function save(s) {
  await openMenu(s);
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('hebb-widget [data-action=export-json]')]);
  return readFile(await download.path(), 'utf8');
}

async function load(s, text) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hebb-'));
  const file = path.join(dir, 'state.json');
  await writeFile(file, text);
  await openMenu(s);
  const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.click('hebb-widget [data-action=import-json]')]);
  await chooser.setFiles(file);
}

for (const q of ['kind=oja&seed=3&until=700', 'kind=infomax&seed=3&until=700', 'kind=hopfield&preset=overload&until=2', 'kind=bcm&until=3000&speed=500']) {
  test(`${q}: saved JSON loads back at the same readouts`, async () => {
    let saved;
    let readouts;
    await withPage(browser, `embed.html?${q}`, async (s) => {
      const w = await s.waitUntil('the run to stop', (ws) => ['paused', 'converged', 'diverged'].includes(ws[0].status));
      readouts = w[0].readouts;
      saved = await save(s);
      assert.match(saved, /"format":"hebb-widget\/1"/);
    });
    const kind = q.split('&')[0];
    await withPage(browser, `embed.html?${kind}&seed=77&play=0`, async (s) => {
      await s.waitLoaded();
      await load(s, saved);
      const [w] = await s.waitUntil('the loaded readouts', (ws) => ws[0].readouts.step === readouts.step);
      assert.deepEqual(w.readouts, readouts);
      assert.match(w.message, /loaded from a file/);
    });
  });
}

test('a bad or tampered file is refused with the reason, and the run goes on as it was', async () => {
  let hopfield;
  await withPage(browser, 'embed.html?kind=hopfield&until=1', async (s) => {
    await s.waitUntil('the sweep', (ws) => ws[0].status === 'paused' || ws[0].status === 'converged');
    hopfield = await save(s);
  });
  await withPage(browser, 'embed.html?kind=oja&seed=3&until=300', async (s) => {
    const [w] = await s.waitUntil('the run to pause', (ws) => ws[0].status === 'paused');
    const good = await save(s);
    for (const [text, why] of [
      ['{"hello":', 'not a JSON file'],
      ['{"format":"something else"}', 'is not hebb-widget/1'],
      [good.replace('"norm":', '"norm":1'), 'does not give its saved norm'],
    ]) {
      await load(s, text);
      const [after] = await s.waitUntil(`the refusal (${why})`, (ws) => ws[0].message.includes(why));
      assert.match(after.message, /could not be loaded/);
      assert.deepEqual(after.readouts, w.readouts, 'a refused file must not change the run');
    }
    await load(s, hopfield);
    await s.waitUntil('the family refusal', (ws) => /cannot show/.test(ws[0].message));
  });
});
