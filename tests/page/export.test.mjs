// Exports, full screen and the screen-reader summary: every file of the Export menu is a valid
// file of its type with the run's numbers in it (PNG decodes and has ink, SVG parses with lines
// and text, CSV is a numeric table along the run, JSON loads back to the same readouts); the
// full-screen button enters and leaves full screen; the summary follows the run without being
// rewritten every frame.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, withPage, sleep, assertFitsFrame } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const MENU = 'hebb-widget .hw-export > summary';

/** Opens the Export menu, clicks `action` in it and returns the downloaded file's name and bytes. */
async function exportFile(s, action) {
  await s.page.click(MENU);
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click(`hebb-widget [data-action=${action}]`)]);
  const bytes = await readFile(await download.path());
  assert.equal(await s.page.evaluate(() => document.querySelector('hebb-widget .hw-export').open), false, 'the menu closes after an export');
  return { name: download.suggestedFilename(), bytes };
}

async function loadFile(s, text) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hebb-'));
  const file = path.join(dir, 'state.json');
  await writeFile(file, text);
  await s.page.click(MENU);
  const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.click('hebb-widget [data-action=import-json]')]);
  await chooser.setFiles(file);
}

/** Decodes a PNG in the page: its size and how many pixels differ from its corner (background). */
function decodePng(page, bytes) {
  return page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = c.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const px = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let inked = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i] - px[0]) + Math.abs(px[i + 1] - px[1]) + Math.abs(px[i + 2] - px[2]) > 60) inked++;
    }
    const main = document.querySelector('hebb-widget .hw-main').getBoundingClientRect();
    return { width: bitmap.width, height: bitmap.height, inked, mainWidth: main.width, dpr: devicePixelRatio };
  }, bytes.toString('base64'));
}

function parseSvg(page, text) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      lines: doc.querySelectorAll('path, polyline, line').length,
      texts: [...doc.querySelectorAll('text')].map((e) => e.textContent),
    };
  }, text);
}

function parseCsv(text) {
  const lines = text.trim().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  for (const r of rows) {
    assert.equal(r.length, header.length, `row width: ${r}`);
    for (const cell of r) {
      assert.match(cell, /^-?\d+(\.\d+)?$/, `not a plain decimal: ${cell}`);
      assert.ok(Number.isFinite(Number(cell)));
    }
  }
  return { header, rows: rows.map((r) => r.map(Number)) };
}

const KINDS = [
  { q: 'kind=oja&seed=3&until=2000&speed=100', columns: ['step', 'w1', 'w2', 'norm', 'angle'], svgText: '|w|' },
  { q: 'kind=hopfield&seed=2', columns: ['step', 'overlap', 'energy', 'wrong_bits'], svgText: 'energy' },
  { q: 'kind=modern&seed=2&until=3', columns: ['step', 'overlap', 'energy', 'wrong_bits'], svgText: 'softmax weight' },
  { q: 'kind=bcm&until=3000&speed=500', columns: ['step', 'threshold', 'response1'], svgText: 'response' },
];

for (const { q, columns, svgText } of KINDS) {
  test(`${q}: PNG, SVG, CSV and JSON exports are valid files of the run`, async () => {
    const kind = q.split('&')[0].split('=')[1];
    let json;
    let readouts;
    await withPage(browser, `embed.html?${q}`, async (s) => {
      const [w] = await s.waitUntil('the run to stop', (ws) => ['paused', 'converged'].includes(ws[0].status));
      readouts = w.readouts;
      const step = Math.round(Number(readouts.step));

      const png = await exportFile(s, 'export-png');
      assert.equal(png.name, `hebb-${kind}-step${step}.png`);
      assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
      const img = await decodePng(s.page, png.bytes);
      assert.ok(img.width > 0 && img.height > 0, `decoded ${img.width}×${img.height}`);
      assert.ok(Math.abs(img.width - Math.round(img.mainWidth * img.dpr)) <= 1, `PNG ${img.width} px wide, picture ${img.mainWidth} × ${img.dpr}`);
      assert.ok(img.inked > 0.01 * img.width * img.height, `only ${img.inked} drawn pixels`);

      const svg = await exportFile(s, 'export-svg');
      assert.equal(svg.name, `hebb-${kind}-step${step}.svg`);
      const doc = await parseSvg(s.page, svg.bytes.toString('utf8'));
      assert.equal(doc.error, null);
      assert.equal(doc.root, 'svg');
      assert.ok(doc.lines > 0, 'the SVG has lines');
      assert.ok(doc.texts.some((t) => t.includes(svgText)), `no "${svgText}" among ${JSON.stringify(doc.texts)}`);

      const csv = await exportFile(s, 'export-csv');
      assert.equal(csv.name, `hebb-${kind}-step${step}.csv`);
      const table = parseCsv(csv.bytes.toString('utf8'));
      assert.deepEqual(table.header.slice(0, columns.length), columns);
      assert.ok(table.rows.length >= 2, `${table.rows.length} rows`);
      for (let i = 1; i < table.rows.length; i++) assert.ok(table.rows[i][0] > table.rows[i - 1][0], `step ${table.rows[i][0]} after ${table.rows[i - 1][0]}`);
      assert.equal(table.rows.at(-1)[0], Number(readouts.step), 'the last row is the present step');
      if (kind === 'oja') assert.equal(table.rows.at(-1)[3], Number(readouts.norm));
      if (kind === 'hopfield') assert.equal(table.rows.at(-1)[1], Number(readouts.overlap));

      const saved = await exportFile(s, 'export-json');
      assert.equal(saved.name, `hebb-${kind}-step${step}.json`);
      json = saved.bytes.toString('utf8');
      assert.match(json, /"format":"hebb-widget\/1"/);
    });
    await withPage(browser, `embed.html?kind=${kind}&seed=77&play=0`, async (s) => {
      await s.waitLoaded();
      await loadFile(s, json);
      const [w] = await s.waitUntil('the loaded readouts', (ws) => ws[0].readouts.step === readouts.step);
      assert.deepEqual(w.readouts, readouts);
    });
  });
}

test('a kind without charts says so instead of saving an empty SVG', async () => {
  await withPage(browser, 'embed.html?kind=gha&until=100', async (s) => {
    await s.waitUntil('the run to stop', (ws) => ws[0].status === 'paused');
    let downloads = 0;
    s.page.on('download', () => downloads++);
    await s.page.click(MENU);
    await s.page.click('hebb-widget [data-action=export-svg]');
    await s.waitUntil('the note', (ws) => /no charts to save as SVG/.test(ws[0].message));
    await sleep(300);
    assert.equal(downloads, 0);
    const csv = await exportFile(s, 'export-csv');
    const table = parseCsv(csv.bytes.toString('utf8'));
    assert.deepEqual(table.header, ['step', 'angle1', 'angle2', 'orthogonality', 'subspace_error']);
    assert.equal(table.rows.at(-1)[0], 100);
  });
});

test('the Export menu opens from the keyboard, closes on Escape, and fits 720×480 and 360×300', async () => {
  for (const [width, height] of [[720, 480], [360, 300]]) {
    await withPage(
      browser,
      'embed.html?kind=oja&seed=3&play=0',
      async (s) => {
        await s.waitLoaded();
        const summary = s.page.locator(MENU);
        await summary.focus();
        await s.page.keyboard.press('Enter');
        const open = () => s.page.evaluate(() => document.querySelector('hebb-widget .hw-export').open);
        assert.equal(await open(), true, 'Enter opens the menu');
        // Every export button is reachable with Tab and lies inside the frame.
        for (const action of ['export-json', 'import-json', 'export-png', 'export-svg', 'export-csv']) {
          await s.page.keyboard.press('Tab');
          assert.equal(await s.page.evaluate(() => document.activeElement.dataset.action), action);
          const box = await s.page.locator(`hebb-widget [data-action=${action}]`).boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= width, `${action} at x ${box.x}…${box.x + box.width} in a ${width} px frame`);
        }
        // The direct buttons sit on one line above the picture, inside the frame.
        const bar = await s.page.evaluate(() => {
          const bs = [...document.querySelectorAll('hebb-widget .hw-buttons > .hw-button:not([hidden]), hebb-widget .hw-export > summary')];
          return bs.map((b) => b.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), right: r.right }));
        });
        assert.equal(new Set(bar.map((b) => b.top)).size, 1, `buttons on more than one line: ${JSON.stringify(bar)}`);
        assert.ok(Math.max(...bar.map((b) => b.right)) <= width);
        await s.screenshot(`export-menu-${width}x${height}`);
        await s.page.keyboard.press('Escape');
        assert.equal(await open(), false, 'Escape closes the menu');
        assert.equal(await s.page.evaluate(() => document.activeElement.localName), 'summary', 'focus goes back to the menu button');
        if (width === 720) await assertFitsFrame(s, width, height);
      },
      { width, height },
    );
  }
});

test('full screen: the button enters it, says how to leave, and leaves', async () => {
  await withPage(browser, 'embed.html?kind=hopfield&play=0', async (s) => {
    await s.waitLoaded();
    const state = () =>
      s.page.evaluate(() => {
        const b = document.querySelector('hebb-widget [data-action=fullscreen]');
        return { on: document.fullscreenElement === document.querySelector('hebb-widget'), pressed: b.getAttribute('aria-pressed'), words: b.textContent };
      });
    // The button follows the fullscreenchange event, which comes after fullscreenElement is set.
    const pressed = (v) =>
      s.page.waitForFunction((p) => document.querySelector('hebb-widget [data-action=fullscreen]').getAttribute('aria-pressed') === p, v);
    await s.page.click('hebb-widget [data-action=fullscreen]');
    await s.page.waitForFunction(() => document.fullscreenElement?.localName === 'hebb-widget');
    await pressed('true');
    let st = await state();
    assert.equal(st.on, true);
    assert.equal(st.pressed, 'true');
    assert.match(st.words, /Exit full screen/);
    await s.screenshot('fullscreen-hopfield');
    await s.page.click('hebb-widget [data-action=fullscreen]');
    await s.page.waitForFunction(() => document.fullscreenElement === null);
    await pressed('false');
    st = await state();
    assert.equal(st.pressed, 'false');
    assert.match(st.words, /Full screen/);
  });
});

test('full screen refused by the frame: a note in the message, no error', async () => {
  await withPage(browser, 'embed.html?kind=oja&play=0', async (s) => {
    await s.waitLoaded();
    // As in an iframe without allow="fullscreen".
    await s.page.evaluate(() => Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false }));
    await s.page.click('hebb-widget [data-action=fullscreen]');
    await s.waitUntil('the note', (ws) => /Full screen is not available here/.test(ws[0].message));
    assert.equal(await s.page.evaluate(() => document.fullscreenElement), null);
  });
});

test('full screen refused because the page lost the focus (Firefox after a download): the message says so', async () => {
  await withPage(browser, 'embed.html?kind=oja&play=0', async (s) => {
    await s.waitLoaded();
    // As Firefox does while a download has the focus: the request fails, the page is unfocused.
    await s.page.evaluate(() => {
      Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Fullscreen request denied'));
      Document.prototype.hasFocus = () => false;
    });
    await s.page.click('hebb-widget [data-action=fullscreen]');
    const [w] = await s.waitUntil('the note', (ws) => /refused full screen/.test(ws[0].message));
    assert.match(w.message, /does not have the focus.*click the figure, then try again/);
    assert.doesNotMatch(w.message, /frame/);
    // Focused, a refusal gives no reason it cannot know.
    await s.page.evaluate(() => {
      Document.prototype.hasFocus = () => true;
    });
    await s.page.click('hebb-widget [data-action=fullscreen]');
    await s.waitUntil('the other note', (ws) => /refused full screen: try the button again/.test(ws[0].message));
  });
});

test('the summary follows the run, at most every few seconds', async () => {
  await withPage(browser, 'embed.html?kind=oja&seed=4&speed=5', async (s) => {
    await s.waitUntil('the run', (ws) => ws[0].status === 'running');
    const attrs = await s.page.evaluate(() => {
      const e = document.querySelectorAll('hebb-widget [data-summary]');
      return { count: e.length, role: e[0].getAttribute('role'), live: e[0].getAttribute('aria-live') };
    });
    assert.deepEqual(attrs, { count: 1, role: 'status', live: 'polite' });
    const summary = () => s.page.evaluate(() => document.querySelector('hebb-widget [data-summary]').textContent);
    const first = await summary();
    assert.match(first, /^Step [\d,]+: \|w\| = [\d.]+, angle [\d.]+°.*\. (Running|Ready)\.$/);
    const mutations = await s.page.evaluate(async () => {
      const target = document.querySelector('hebb-widget [data-summary]');
      let n = 0;
      const o = new MutationObserver((records) => { n += records.length; });
      o.observe(target, { childList: true, characterData: true, subtree: true });
      await new Promise((r) => setTimeout(r, 2000));
      o.disconnect();
      return n;
    });
    assert.ok(mutations <= 2, `the summary was rewritten ${mutations} times in 2 s`);
    let later = first;
    for (let i = 0; i < 50 && later === first; i++) {
      await sleep(200);
      later = await summary();
    }
    assert.notEqual(later, first, 'the summary follows the run');
    assert.doesNotMatch(later, /NaN|Infinity|undefined/);
    // Pausing says so at once.
    await s.page.click('hebb-widget [data-action=pause]');
    await s.page.waitForFunction(() => /Paused\.$/.test(document.querySelector('hebb-widget [data-summary]').textContent), null, { timeout: 1000 });
    const paused = await summary();
    const step = Number((await s.snapshot())[0].readouts.step).toLocaleString('en-US');
    assert.ok(paused.startsWith(`Step ${step}:`), `${paused} at step ${step}`);
  });
});
