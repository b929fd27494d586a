// Layout of embed.html from a phone-sized frame to a full screen: for every kind (and every
// preset of the kinds that have several), the widget fits the frame without scrolling, nothing
// in it sticks out sideways, every canvas on show has something drawn, no slider label is cut
// short, the readouts are on screen and the buttons within the frame. `hide=` takes each part
// out of the layout (display: none, still in the DOM) while the widget runs on and its picture
// area takes the room. Screenshots: target/screenshots/layout-KIND-WxH.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage, sleep, assertFitsFrame, KIND_NAMES } from './harness.mjs';
import { KIND_TESTS } from './kinds.mjs';

const SIZES = [
  [360, 300],
  [720, 480],
  [1920, 1080],
];
/** Kinds whose screenshots are kept at every size (plus the two in-between sizes). */
const SHOWN = ['oja', 'infomax', 'hopfield', 'gha', 'ei', 'bcm', 'prune'];

/** Measurements of each kind at 720×480 with nothing hidden (the hide= tests compare). */
const atNotionSize = new Map();

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** Everything the layout checks need, measured in the page in one go. */
function measureInPage(selector = 'hebb-widget') {
  const widget = document.querySelector(selector);
  const box = widget.getBoundingClientRect();
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    // 1 px boxes are visually hidden words (kept as accessible names), not content on show.
    return r.width > 1 && r.height > 1 && e.checkVisibility({ visibilityProperty: true });
  };
  const name = (e) => {
    const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
    const key = e.closest('[data-key]')?.dataset.key ?? e.getAttribute('data-readout') ?? e.getAttribute('data-action') ?? '';
    return `${e.tagName.toLowerCase()}${cls}${key ? `[${key}]` : ''}`;
  };
  // Sideways: every element on show lies within the widget (1 px for rounding).
  const sideways = [];
  for (const e of widget.querySelectorAll('*')) {
    if (!shown(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1) sideways.push(`${name(e)} spans ${Math.round(r.left)}…${Math.round(r.right)}`);
  }
  // Canvases on show with nothing drawn (a transparent pixel is not ink).
  const blank = [];
  let canvases = 0;
  for (const c of widget.querySelectorAll('canvas')) {
    if (!shown(c) || !c.width || !c.height) continue;
    canvases++;
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200)) ink++;
    if (ink === 0) blank.push(name(c));
  }
  // Text cut short: slider and menu labels, readouts.
  const truncated = [];
  for (const e of widget.querySelectorAll('.hw-slider-head label, .hw-menu > span, [data-readout]')) {
    if (shown(e) && e.scrollWidth > e.clientWidth + 1) truncated.push(`${name(e)} "${e.textContent}" (${e.scrollWidth} > ${e.clientWidth})`);
  }
  // Readouts and the bar's buttons must be inside the frame, not below it.
  const offscreen = [];
  for (const e of widget.querySelectorAll('[data-readout], .hw-bar .hw-button, .hw-bar select')) {
    if (!shown(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1) offscreen.push(`${name(e)} at ${Math.round(r.right)},${Math.round(r.bottom)}`);
  }
  // Nothing lies on top of a readout or the message (an overflowing panel would).
  const covered = [];
  for (const e of widget.querySelectorAll('[data-readout], .hw-message')) {
    if (!shown(e) || !e.textContent.trim()) continue;
    const r = e.getBoundingClientRect();
    for (const [fx, fy] of [[0.15, 0.5], [0.5, 0.5], [0.5, 0.2], [0.5, 0.8]]) {
      const x = Math.min(r.left + fx * r.width, window.innerWidth - 1);
      const y = Math.min(r.top + fy * r.height, window.innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      if (top && !e.contains(top)) {
        covered.push(`${name(e)} "${e.textContent.slice(0, 30)}" under ${name(top)}`);
        break;
      }
    }
  }
  const readouts = [...widget.querySelectorAll('[data-readout]')].filter(shown).length;
  const main = widget.querySelector('.hw-main').getBoundingClientRect();
  const parts = {};
  for (const part of ['text', 'controls', 'charts', 'readouts']) {
    parts[part] = [...widget.querySelectorAll(`[data-part="${part}"]`)].map((e) => getComputedStyle(e).display);
  }
  return { sideways, blank, canvases, truncated, offscreen, covered, readouts, main: { w: main.width, h: main.height }, parts };
}

/** Opens an embed at a size, lets it run, checks the layout; returns the measurements. */
async function checkLayout(s, what, width, height, { canvas = true } = {}) {
  await s.waitUntil(`${what} to run`, (ws) => ws[0] && ws[0].status !== 'loading' && Number(ws[0].readouts.step) > 0);
  await sleep(700); // charts redraw a few times a second
  await assertFitsFrame(s, width, height);
  const m = await s.page.evaluate(measureInPage);
  assert.deepEqual(m.sideways, [], `${what}: elements stick out of the widget sideways`);
  if (canvas) assert.ok(m.canvases > 0, `${what}: no canvas on show`);
  assert.deepEqual(m.blank, [], `${what}: canvases on show with nothing drawn`);
  assert.deepEqual(m.truncated, [], `${what}: labels or readouts cut short`);
  assert.deepEqual(m.offscreen, [], `${what}: readouts or buttons outside the frame`);
  assert.deepEqual(m.covered, [], `${what}: readouts or the message covered by something else`);
  return m;
}

for (const kind of KIND_NAMES) {
  for (const [width, height] of SIZES) {
    const size = `${width}x${height}`;
    test(`embed.html?kind=${kind} fits ${size}`, { timeout: 60_000 }, async () => {
      await withPage(
        browser,
        `embed.html?kind=${kind}&seed=3`,
        async (s) => {
          const m = await checkLayout(s, `${kind} at ${size}`, width, height);
          assert.ok(m.readouts >= 3, `${kind} at ${size}: only ${m.readouts} readouts on show`);
          if (size === '720x480') atNotionSize.set(kind, m);
          if (SHOWN.includes(kind)) await s.screenshot(`layout-${kind}-${size}`);
        },
        { width, height },
      );
    });
  }
}

for (const kind of KIND_NAMES) {
  for (const preset of KIND_TESTS[kind].presets) {
    // At the tightest size only: 720×480 has the room the defaults show it needs.
    for (const [width, height] of [SIZES[0]]) {
      const size = `${width}x${height}`;
      test(`embed.html?kind=${kind}&preset=${preset} fits ${size}`, { timeout: 60_000 }, async () => {
        await withPage(
          browser,
          `embed.html?kind=${kind}&preset=${preset}&seed=3`,
          (s) => checkLayout(s, `${kind}/${preset} at ${size}`, width, height),
          { width, height },
        );
      });
    }
  }
}

test('the in-between sizes (480×360, 1280×800) and a phone held upright (360×640) fit too', { timeout: 180_000 }, async () => {
  for (const [width, height] of [
    [480, 360],
    [1280, 800],
    [360, 640],
  ]) {
    for (const kind of SHOWN) {
      const size = `${width}x${height}`;
      await withPage(
        browser,
        `embed.html?kind=${kind}&seed=3`,
        async (s) => {
          await checkLayout(s, `${kind} at ${size}`, width, height);
          await s.screenshot(`layout-${kind}-${size}`);
        },
        { width, height },
      );
    }
  }
});

/** A comparison per view: two widgets of about 355 px side by side in a 720×480 frame. */
const COMPARED = {
  oja: 'eta:0.005,0.05',
  infomax: 'sigma:0.3,3',
  hopfield: 'noise:0.2,0.45',
  capacity: 'trials:1,3',
  modern: 'beta:1,0.003',
  ei: 'eta:0.0005,0.001',
  gha: 'eta:0.002,0.01',
  recurrent: 'sigma:0.5,2',
  bcm: 'tau:20,150',
  prune: 'kmax:8,15',
  balance: 'plasticity:on,off',
};

for (const [kind, spec] of Object.entries(COMPARED)) {
  test(`compare=${spec} of ${kind}: both halves fit 720×480 (each a small frame)`, { timeout: 60_000 }, async () => {
    await withPage(
      browser,
      `embed.html?kind=${kind}&seed=3&compare=${spec}`,
      async (s) => {
        await s.waitUntil(`both ${kind} widgets to run`, (ws) => ws.length === 2 && ws.every((w) => w.status !== 'loading' && Number(w.readouts.step) > 0));
        await sleep(700);
        await assertFitsFrame(s, 720, 480);
        for (const n of [1, 2]) {
          const what = `${kind} ${spec}, widget ${n}`;
          const m = await s.page.evaluate(measureInPage, `.hc-panel:nth-of-type(${n}) hebb-widget`);
          assert.deepEqual(m.sideways, [], `${what}: elements stick out of the widget sideways`);
          assert.deepEqual(m.blank, [], `${what}: canvases on show with nothing drawn`);
          assert.deepEqual(m.truncated, [], `${what}: labels or readouts cut short`);
          assert.deepEqual(m.covered, [], `${what}: readouts or the message covered by something else`);
          assert.ok(m.readouts >= 3, `${what}: only ${m.readouts} readouts on show`);
        }
        if (kind === 'hopfield') await s.screenshot('layout-compare-hopfield-720x480');
      },
      { width: 720, height: 480 },
    );
  });
}

test('a single-option menu is not shown; its key still works', { timeout: 60_000 }, async () => {
  await withPage(browser, 'embed.html?kind=bcm&preset=orthonormal', async (s) => {
    await s.waitLoaded();
    assert.equal(await s.page.locator('hebb-widget select[name=preset]').count(), 0, 'bcm shows its one-option preset menu');
    assert.equal(await s.page.locator('hebb-widget select[name=kind]').count(), 1, 'bcm lost its kind menu');
    assert.ok(!(await s.snapshot())[0].message.includes('preset'), 'preset=orthonormal was reported as wrong');
  });
});

/** Each part `hide=` can name, hidden two at a time so every kind hides each part once. */
const HIDE_PAIRS = [
  ['text', 'controls'],
  ['charts', 'readouts'],
];

for (const kind of KIND_NAMES) {
  test(`embed.html?kind=${kind}: hide= takes each part out and the rest uses the room`, { timeout: 60_000 }, async () => {
    let full = atNotionSize.get(kind);
    if (!full) {
      await withPage(browser, `embed.html?kind=${kind}&seed=3`, async (s) => {
        full = await checkLayout(s, kind, 720, 480);
      });
    }
    for (const pair of HIDE_PAIRS) {
      await withPage(browser, `embed.html?kind=${kind}&seed=3&hide=${pair.join(',')}`, async (s) => {
        // The chart is the only canvas of capacity and bcm.
        const canvas = !(pair.includes('charts') && KIND_TESTS[kind].chartOnly);
        const m = await checkLayout(s, `${kind} hide=${pair}`, 720, 480, { canvas });
        for (const part of pair) {
          // Charts and readouts are parts of the picture of most kinds; text and controls of all.
          if (part === 'text' || part === 'controls') assert.ok(m.parts[part].length > 0, `${kind} has no [data-part=${part}]`);
          assert.ok(m.parts[part].every((d) => d === 'none'), `hide=${part} left ${kind}'s ${part} shown: ${m.parts[part]}`);
        }
        for (const other of ['text', 'controls', 'charts', 'readouts'].filter((p) => !pair.includes(p))) {
          assert.ok(m.parts[other].every((d) => d !== 'none'), `hide=${pair} also hid ${kind}'s ${other}`);
        }
        if (pair.includes('controls')) {
          assert.ok(m.main.h > full.main.h + 40, `${kind}: hiding text and controls did not give the picture the room (${full.main.h} → ${m.main.h} px)`);
        }
        // The run goes on: the step moves.
        const before = await s.readout('step');
        await s.waitUntil(`${kind} to step on with hide=${pair}`, (ws) => Number(ws[0].readouts.step) > before || ws[0].status === 'converged');
      });
    }
  });
}

test('a widget of the article in full screen fills the screen with a larger picture', { timeout: 90_000 }, async () => {
  await withPage(
    browser,
    'index.html',
    async (s) => {
      await s.waitLoaded();
      const widget = s.page.locator('hebb-widget[kind=hopfield]').first();
      await widget.scrollIntoViewIfNeeded();
      const inline = await widget.locator('.hw-main').boundingBox();
      await widget.locator('[data-action=fullscreen]').click();
      await s.page.waitForFunction(() => document.fullscreenElement?.matches('hebb-widget'));
      await sleep(800);
      const m = await s.page.evaluate(measureInPage, ':fullscreen');
      const box = await s.page.evaluate(() => document.fullscreenElement.getBoundingClientRect().toJSON());
      assert.ok(box.width === 1280 && box.height === 800, `the full-screen widget is ${box.width}×${box.height}`);
      assert.deepEqual(m.sideways, [], 'full screen: elements stick out sideways');
      assert.deepEqual(m.blank, [], 'full screen: canvases with nothing drawn');
      assert.deepEqual(m.covered, [], 'full screen: readouts or the message covered');
      assert.deepEqual(m.offscreen, [], 'full screen: readouts or buttons off the screen');
      assert.ok(m.main.h > 0.6 * 800 && m.main.h > inline.height * 1.3, `full screen: the picture area is ${m.main.h} px high (inline ${inline.height})`);
      await s.screenshot('layout-fullscreen-hopfield-1280x800');
    },
    { width: 1280, height: 800 },
  );
});
