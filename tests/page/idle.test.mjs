// Nothing runs that nobody sees: a paused widget and widgets scrolled out of view request no
// animation frames at all (counted over 1.5 s by wrapping requestAnimationFrame).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, baseUrl, PageSession, sleep } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function open(rel, viewport) {
  const context = await browser.newContext({ viewport, reducedMotion: 'no-preference' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__rafs = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => { window.__rafs++; return raf(cb); };
  });
  await page.goto(`${await baseUrl()}/${rel}`, { waitUntil: 'load' });
  return new PageSession(context, page);
}

async function framesDuring(s, ms) {
  const a = await s.page.evaluate(() => window.__rafs);
  await sleep(ms);
  return (await s.page.evaluate(() => window.__rafs)) - a;
}

test('a paused widget requests no frames', async () => {
  const s = await open('embed.html?kind=oja&play=0', { width: 720, height: 480 });
  try {
    await s.waitLoaded();
    await sleep(500); // the first drawing
    assert.equal(await framesDuring(s, 1500), 0);
    await s.page.click('hebb-widget [data-action=play]');
    assert.ok((await framesDuring(s, 500)) > 5, 'playing should request frames');
    await s.page.click('hebb-widget [data-action=pause]');
    await sleep(300);
    assert.equal(await framesDuring(s, 1500), 0);
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});

test('on the article, widgets out of view do not run: with the visible ones paused, no frames', async () => {
  const s = await open('index.html', { width: 1280, height: 800 });
  try {
    await s.waitLoaded();
    await sleep(500);
    const counts = await s.page.evaluate(() => {
      const all = [...document.querySelectorAll('hebb-widget')];
      const visible = all.filter((w) => {
        const r = w.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      });
      for (const w of visible) w.querySelector('[data-action=pause]').click();
      return { all: all.length, visible: visible.length };
    });
    assert.ok(counts.all >= 13 && counts.visible < counts.all, JSON.stringify(counts));
    await sleep(300);
    assert.equal(await framesDuring(s, 1500), 0, `${counts.all - counts.visible} widgets out of view requested frames`);
    // Scrolled into view, an off-screen widget starts by itself.
    await s.page.evaluate(() => {
      const all = document.querySelectorAll('hebb-widget');
      all[all.length - 1].scrollIntoView();
    });
    assert.ok((await framesDuring(s, 1000)) > 5, 'a widget scrolled into view should start');
    s.assertNoErrors();
  } finally {
    await s.close();
  }
});
