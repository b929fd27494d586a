// The article on a phone: 390×844 CSS px at DPR 3 with a touch screen and no mouse, the size of
// a common iPhone. Every gesture is real touch input (CDP Input.dispatchTouchEvent, and
// Playwright's touchscreen.tap, which sends the same), so the browser decides as on a phone
// whether a finger scrolls the page or reaches the figure (touch-action). The reader's motion
// preference is "reduce": no figure starts by itself, so every readout stays put unless a
// gesture changes it.
//  - A vertical swipe that starts on any figure's picture scrolls the page and edits nothing.
//  - A tap adds a point to the cloud, flips one pixel of a recall grid.
//  - With the Edit toggle on, a finger drags a point and paints a line of pixels, and the page
//    does not move; off again, a swipe scrolls.
//  - A slider follows a finger; every control is at least 24×24 CSS px, a slider 44 px tall.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, baseUrl, PageSession, sleep } from './harness.mjs';

const T = { timeout: 180_000 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
/** A swipe: how far the finger travels, in CSS px, and in how many moves. */
const SWIPE_PX = 240;
const SWIPE_MOVES = 12;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** Runs `fn(session)` on the article in a phone-sized touch context; fails on any page error. */
async function onPhone(fn) {
  const context = await browser.newContext({ ...PHONE, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const s = new PageSession(context, page);
  try {
    await page.goto(`${await baseUrl()}/index.html`, { waitUntil: 'load' });
    s.cdp = await context.newCDPSession(page);
    await fn(s);
    s.assertNoErrors();
  } finally {
    await s.close();
  }
}

const widget = (kind) => `hebb-widget[kind="${kind}"]`;

/** One finger down at `from`, through `moves` even steps, up at `to` (CSS px in the viewport). */
async function touchPath(s, from, to, moves) {
  const at = (t) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t, id: 1 }];
  await s.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let k = 1; k <= moves; k++) await s.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(k / moves) });
  await s.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** The page's scroll position once it has stopped moving (a swipe may end in a fling). */
async function settledScroll(s) {
  let last = await s.page.evaluate(() => scrollY);
  for (let still = 0, i = 0; still < 3 && i < 100; i++) {
    await sleep(80);
    const now = await s.page.evaluate(() => scrollY);
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

/** Status and raw readouts of the widget `sel`. */
function state(s, sel) {
  return s.page.evaluate((sel) => {
    const w = document.querySelector(sel);
    const readouts = Object.fromEntries([...w.querySelectorAll('[data-readout]')].map((e) => [e.dataset.readout, e.dataset.value]));
    return { status: w.dataset.status, readouts };
  }, sel);
}

/** Waits until `pred(state)` holds for the widget `sel`; says what it showed on a timeout. */
async function waitFor(s, sel, what, pred, timeout = 30_000) {
  const end = Date.now() + timeout;
  let st;
  for (;;) {
    st = await state(s, sel);
    if (pred(st)) return st;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what} in ${sel}: ${JSON.stringify(st)}`);
    await sleep(50);
  }
}

/** Brings `target` (a selector) to the middle of the screen and waits for its widget to be set up. */
async function centre(s, sel, target) {
  // The article's widgets boot a few per task after the module arrives: the part may not exist yet.
  await s.page.waitForFunction((t) => document.querySelector(t) !== null, target, { timeout: 30_000 });
  await s.page.evaluate((t) => document.querySelector(t).scrollIntoView({ block: 'center' }), target);
  await settledScroll(s);
  await waitFor(s, sel, 'the figure to be set up', (st) => st.status && st.status !== 'loading' && 'step' in st.readouts);
}

/** The viewport box of `target`. */
function box(s, target) {
  return s.page.evaluate((t) => {
    const r = document.querySelector(t).getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, target);
}

/** Which cells of the `side`×`side` pixel grid drawn on `canvas` are dark (1) or light (0), read
 * at the cells' centres after the next frame has drawn them. */
function gridCells(s, canvas, side) {
  return s.page.evaluate(
    ([sel, side]) =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const c = document.querySelector(sel);
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const cells = [];
            for (let r = 0; r < side; r++) {
              for (let q = 0; q < side; q++) {
                const x = Math.floor(((q + 0.5) * c.width) / side);
                const y = Math.floor(((r + 0.5) * c.height) / side);
                const i = (y * c.width + x) * 4;
                cells.push(px[i] + px[i + 1] + px[i + 2] < 3 * 128 ? 1 : 0);
              }
            }
            resolve(cells);
          }),
        ),
      ),
    [canvas, side],
  );
}

/** The viewport centre of cell (row, col) of a `side`-wide grid in box `b`. */
const cell = (b, side, row, col) => ({ x: b.x + ((col + 0.5) * b.width) / side, y: b.y + ((row + 0.5) * b.height) / side });

/** Taps the Edit toggle of `sel` and checks that it says it is `on`. */
async function toggleEdit(s, sel, on) {
  const b = await box(s, `${sel} [data-action=edit]`);
  await s.page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
  const pressed = await s.page.evaluate((t) => document.querySelector(t).getAttribute('aria-pressed'), `${sel} [data-action=edit]`);
  assert.equal(pressed, String(on), `the Edit toggle did not switch ${on ? 'on' : 'off'}`);
}

test('phone: a vertical swipe that starts on any figure’s picture scrolls the page and changes no readout', T, async () => {
  await onPhone(async (s) => {
    const kinds = await s.page.evaluate(() => [...document.querySelectorAll('hebb-widget')].map((w) => w.getAttribute('kind')));
    assert.ok(kinds.length >= 13, `only ${kinds.length} figures in the article`);
    for (const kind of kinds) {
      const sel = widget(kind);
      // The figure's picture: its largest canvas (the cloud, a grid, a circuit, a chart).
      const picture = await s.page.evaluate((sel) => {
        const cs = [...document.querySelectorAll(`${sel} .hw-main canvas`)];
        const area = (c) => c.getBoundingClientRect().width * c.getBoundingClientRect().height;
        const big = cs.reduce((a, c) => (area(c) > area(a) ? c : a));
        big.dataset.phonePicture = '';
        return `${sel} canvas[data-phone-picture]`;
      }, sel);
      await centre(s, sel, picture);
      const b = await box(s, picture);
      const from = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      const hit = await s.page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('canvas')?.closest('hebb-widget')?.getAttribute('kind'), from);
      assert.equal(hit, kind, `the swipe on ${kind} would not start on its picture`);
      const before = await state(s, sel);
      const y0 = await settledScroll(s);
      await touchPath(s, from, { x: from.x, y: from.y - SWIPE_PX }, SWIPE_MOVES);
      const y1 = await settledScroll(s);
      assert.ok(y1 - y0 > SWIPE_PX / 2, `a ${SWIPE_PX} px swipe up on the ${kind} picture scrolled the page ${y1 - y0} px`);
      assert.deepEqual(await state(s, sel), before, `the swipe on the ${kind} picture changed the figure`);
    }
  });
});

test('phone: a tap adds a point to the cloud; with Edit on a finger drags it and the page stays; off, a swipe scrolls', T, async () => {
  await onPhone(async (s) => {
    const sel = widget('oja');
    const layer = `${sel} .hw-cloud canvas:last-child`;
    await centre(s, sel, layer);
    assert.equal(await s.page.locator(`${sel} [data-action=edit]`).isVisible(), true, 'no Edit toggle on a touch screen');
    const b = await box(s, layer);
    const lambdas = (st) => `${st.readouts.lambda1},${st.readouts.lambda2}`;
    const y0 = await settledScroll(s);

    // Two taps in an empty corner, in quick succession: two new points (no double-tap zoom).
    let before = await state(s, sel);
    for (const [fx, fy] of [
      [0.9, 0.1],
      [0.1, 0.12],
    ]) {
      await s.page.touchscreen.tap(b.x + fx * b.width, b.y + fy * b.height);
      const after = await waitFor(s, sel, 'a tap to add a point', (st) => lambdas(st) !== lambdas(before), 5_000);
      assert.equal(after.readouts.step, before.readouts.step, 'a tap ran the neuron');
      before = after;
    }
    assert.equal(await settledScroll(s), y0, 'a tap scrolled the page');
    assert.equal(await s.page.evaluate(() => visualViewport.scale), 1, 'two taps zoomed the page');

    // Edit on: a finger that goes down on the cloud and moves drags a point, even straight down.
    await toggleEdit(s, sel, true);
    const start = { x: b.x + 0.85 * b.width, y: b.y + 0.2 * b.height };
    await s.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...start, id: 1 }] });
    const down = await state(s, sel);
    for (let k = 1; k <= SWIPE_MOVES; k++) {
      const at = { x: start.x, y: start.y + (0.6 * b.height * k) / SWIPE_MOVES, id: 1 };
      await s.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at] });
    }
    const moved = await state(s, sel);
    await s.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    assert.notEqual(lambdas(moved), lambdas(down), 'dragging in edit mode did not move the point');
    assert.equal(await settledScroll(s), y0, 'dragging in edit mode scrolled the page');

    // Edit off: the same gesture scrolls again and leaves the cloud alone.
    await toggleEdit(s, sel, false);
    const still = await state(s, sel);
    await touchPath(s, { x: b.x + b.width / 2, y: b.y + b.height / 2 }, { x: b.x + b.width / 2, y: b.y + b.height / 2 - SWIPE_PX }, SWIPE_MOVES);
    assert.ok((await settledScroll(s)) - y0 > SWIPE_PX / 2, 'with Edit off a swipe on the cloud did not scroll');
    assert.deepEqual(await state(s, sel), still, 'with Edit off a swipe changed the cloud');
  });
});

for (const kind of ['hopfield', 'modern']) {
  test(`phone: ${kind}: a tap flips one pixel; with Edit on a finger paints a line and the page stays`, T, async () => {
    await onPhone(async (s) => {
      const sel = widget(kind);
      const grid = `${sel} .hw-m-stage canvas`;
      await centre(s, sel, grid);
      const side = Number(await s.page.evaluate((t) => document.querySelector(`${t} [data-key=side] input`).dataset.value, sel));
      assert.ok(side >= 8, `grid side ${side}`);
      const n = side * side;
      const b = await box(s, grid);
      const y0 = await settledScroll(s);

      // A tap on cell (1, 1): that cell alone flips, and the wrong bits move by one in N.
      const before = await state(s, sel);
      const cells0 = await gridCells(s, grid, side);
      const p = cell(b, side, 1, 1);
      await s.page.touchscreen.tap(p.x, p.y);
      const tapped = await waitFor(s, sel, 'a tap to flip a pixel', (st) => st.readouts['wrong-bits'] !== before.readouts['wrong-bits'], 5_000);
      const dWrong = Math.abs(Number(tapped.readouts['wrong-bits']) - Number(before.readouts['wrong-bits']));
      assert.ok(Math.abs(dWrong * n - 1) < 1e-9, `a tap moved the wrong bits by ${dWrong * n} in ${n}`);
      const cells1 = await gridCells(s, grid, side);
      const flipped = cells1.map((v, i) => (v !== cells0[i] ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual(flipped, [side + 1], 'a tap on cell (1, 1) flipped other cells');
      assert.equal(tapped.readouts.step, before.readouts.step, 'a tap ran the network');

      // Edit on: a finger drawn straight down column 2 paints every cell it crosses in one colour,
      // the opposite of the first cell's.
      await toggleEdit(s, sel, true);
      const rows = side - 4;
      await touchPath(s, cell(b, side, 1, 2), cell(b, side, rows, 2), rows * 2);
      const cells2 = await gridCells(s, grid, side);
      const line = Array.from({ length: rows }, (_, r) => cells2[(r + 1) * side + 2]);
      const paint = 1 - cells1[side + 2];
      assert.deepEqual(line, Array(rows).fill(paint), `the stroke down column 2 did not paint rows 1–${rows} ${paint ? 'dark' : 'light'}`);
      assert.equal(await settledScroll(s), y0, 'painting in edit mode scrolled the page');
    });
  });
}

test('phone: a slider follows a finger, and every control is at least 24×24 CSS px (sliders 44 px tall)', T, async () => {
  await onPhone(async (s) => {
    const sel = widget('oja');
    const input = `${sel} input[name=speed]`;
    await centre(s, sel, input);
    const value = () => s.page.evaluate((t) => document.querySelector(t).dataset.value, input);
    const before = await value();
    const b = await box(s, input);
    const y0 = await settledScroll(s);
    // From the thumb (a linear slider: its place is its value's fraction of the range) to the right.
    const frac = await s.page.evaluate((t) => {
      const e = document.querySelector(t);
      return (Number(e.value) - Number(e.min)) / (Number(e.max) - Number(e.min));
    }, input);
    const x = b.x + 8 + frac * (b.width - 16);
    await touchPath(s, { x, y: b.y + b.height / 2 }, { x: Math.min(x + 120, b.x + b.width - 4), y: b.y + b.height / 2 }, 10);
    const after = await value();
    assert.ok(Number(after) > Number(before), `speed ${before} → ${after} after dragging its thumb to the right`);
    assert.equal(await settledScroll(s), y0, 'dragging a slider scrolled the page');

    // Every widget builds its controls once its run has started.
    await s.page.waitForFunction(() => [...document.querySelectorAll('hebb-widget')].every((w) => w.querySelector('.hw-slider')));
    const small = await s.page.evaluate(() => {
      const controls = document.querySelectorAll(
        'hebb-widget :is(button, select, input, summary, a), button, .toc a',
      );
      const out = [];
      for (const e of controls) {
        const r = e.getBoundingClientRect();
        if (!e.checkVisibility()) continue;
        const tall = e.type === 'range' ? 44 : 24;
        if (r.width < 24 || r.height < tall) out.push(`${e.closest('hebb-widget')?.getAttribute('kind') ?? 'page'} ${e.outerHTML.slice(0, 80)}: ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
      }
      return { count: controls.length, out };
    });
    assert.ok(small.count > 150, `only ${small.count} controls found`);
    assert.deepEqual(small.out, [], 'controls smaller than a finger’s target');
  });
});
