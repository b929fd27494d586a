// Shared helpers for the page tests: one headless Chromium per test file, one fresh context per
// page, every console error and page error collected (a test fails on any), and the public names
// of docs/contract.md read from the DOM: `hebb-widget[data-status]`, `[data-readout=NAME]` →
// `data-value`, `[data-message]`.
//
// `./build.sh test` serves the site and passes BASE_URL; run alone (`node --test tests/page/`)
// the harness serves the repository root itself.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || path.join(ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** How every test and the bench start Chromium (see the machine notes: no background network). */
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * The kinds table of the built wasm (`kinds()`, from src/runs/mod.rs) as `[{name, family}]`, read
 * once per test process: tests iterate it, so a kind registered in Rust runs through them.
 */
export const KINDS = await (async () => {
  const pkg = path.join(ROOT, 'www', 'pkg');
  const { initSync, kinds } = await import(pathToFileURL(path.join(pkg, 'hebb.js')).href);
  initSync({ module: await readFile(path.join(pkg, 'hebb_bg.wasm')) });
  return kinds();
})();

/** Every registered kind's name, in the table's order. */
export const KIND_NAMES = KINDS.map((k) => k.name);

/** The registered kinds of one family (`cloud` | `memory` | `circuit`). */
export const kindsOf = (family) => KINDS.filter((k) => k.family === family).map((k) => k.name);

/**
 * Per-kind test data, keyed by kind: returned as it is when it covers exactly the registered
 * kinds, else an error (at load, so the whole file fails) that names what to add or remove.
 */
export function everyKind(what, table) {
  const missing = KIND_NAMES.filter((k) => !Object.hasOwn(table, k));
  const stale = Object.keys(table).filter((k) => !KIND_NAMES.includes(k));
  if (missing.length || stale.length) {
    const parts = [];
    if (missing.length) parts.push(`no entry for ${missing.join(', ')} (registered in src/runs/mod.rs): add one`);
    if (stale.length) parts.push(`entries for ${stale.join(', ')}, which kinds() does not list`);
    throw new Error(`${what}: ${parts.join('; ')}`);
  }
  return table;
}

/** Statuses after which a widget does nothing more by itself. */
export const STOPPED = ['paused', 'converged', 'diverged'];

let server; // the fallback http.server, when BASE_URL is not given

/** The site's base URL, without a trailing slash. */
export async function baseUrl() {
  if (process.env.BASE_URL) return process.env.BASE_URL.replace(/\/$/, '');
  if (!server) {
    server = new Promise((resolve, reject) => {
      const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', ROOT], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      process.on('exit', () => child.kill());
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/port (\d+).*\n/);
        if (!m) return;
        // Let the test process end while the server runs (it is killed on exit). Not destroy():
        // python writes the line's newline separately and would die of the broken pipe.
        child.stdout.unref();
        child.unref();
        resolve(`http://127.0.0.1:${m[1]}`);
      });
      child.on('exit', (code) => reject(new Error(`http.server exited with ${code}`)));
    });
  }
  return server;
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Opens `rel` (e.g. `embed.html?kind=oja`) in a fresh context of `browser`. */
export async function openPage(browser, rel, { width = 720, height = 480 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'no-preference' });
  const page = await context.newPage();
  const session = new PageSession(context, page);
  await page.goto(`${await baseUrl()}/${rel}`, { waitUntil: 'load' });
  return session;
}

/** Everything the tests know about a widget, read in the page in one go. */
function snapshotInPage() {
  return [...document.querySelectorAll('hebb-widget')].map((w) => ({
    kind: w.getAttribute('kind'),
    status: w.getAttribute('data-status'),
    message: w.querySelector('[data-message]')?.textContent ?? null,
    readouts: Object.fromEntries(
      [...w.querySelectorAll('[data-readout]')].map((e) => [e.getAttribute('data-readout'), e.getAttribute('data-value')]),
    ),
  }));
}

export class PageSession {
  constructor(context, page) {
    this.context = context;
    this.page = page;
    this.errors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console error: ${m.text()} (${m.location()?.url ?? ''})`);
    });
    page.on('pageerror', (e) => this.errors.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => this.errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      if (r.status() >= 400) this.errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  }

  /** Status, message and raw readouts of every widget on the page. */
  snapshot() {
    return this.page.evaluate(snapshotInPage);
  }

  /** Waits for `pred(widgets)` (run in Node on snapshots); on timeout, says what the page showed. */
  async waitUntil(what, pred, { timeout = 60_000, interval = 100 } = {}) {
    const end = Date.now() + timeout;
    let snap;
    for (;;) {
      snap = await this.snapshot();
      const failed = snap.find((w) => w.status === 'error');
      if (failed) assert.fail(`widget status "error" while waiting for ${what}: ${failed.message}`);
      if (pred(snap)) return snap;
      if (Date.now() > end) break;
      await new Promise((r) => setTimeout(r, interval));
    }
    assert.fail(
      `timed out after ${timeout / 1000}s waiting for ${what}; page errors: ${JSON.stringify(this.errors)}; ` +
        `widgets: ${JSON.stringify(snap)}`,
    );
  }

  /** Every widget has a `data-status` other than `loading`. */
  waitLoaded(opts) {
    return this.waitUntil(
      'every hebb-widget to leave data-status=loading',
      (ws) => ws.length > 0 && ws.every((w) => w.status && w.status !== 'loading'),
      opts,
    );
  }

  /** Widget `i` has stopped: at step `until` (paused/converged) or diverged before it. */
  async waitStopped(until, i = 0, opts) {
    const snap = await this.waitUntil(
      `widget ${i} to stop at step ${until} (status paused/converged) or diverge`,
      (ws) => ws[i] && (ws[i].status === 'diverged' || (STOPPED.includes(ws[i].status) && Number(ws[i].readouts.step) === until)),
      opts,
    );
    return this.parse(snap[i]);
  }

  /** Widget `i`'s state with every readout as a number, each checked to be a finite decimal. */
  parse(w) {
    const values = {};
    for (const [name, raw] of Object.entries(w.readouts)) {
      assert.ok(raw !== null && raw.trim() !== '', `readout ${name} has no data-value`);
      const x = Number(raw);
      assert.ok(Number.isFinite(x), `readout ${name} data-value "${raw}" is not a finite number`);
      values[name] = x;
    }
    return { ...w, values };
  }

  async widget(i = 0) {
    const snap = await this.snapshot();
    assert.ok(snap[i], `no hebb-widget #${i} on the page`);
    return this.parse(snap[i]);
  }

  async readout(name, i = 0) {
    const w = await this.widget(i);
    assert.ok(name in w.values, `widget ${i} has no [data-readout=${name}] (has: ${Object.keys(w.values)})`);
    return w.values[name];
  }

  async screenshot(name, opts = {}) {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), ...opts });
  }

  assertNoErrors() {
    assert.deepEqual(this.errors, [], 'the page logged errors');
  }

  close() {
    return this.context.close();
  }
}

/**
 * Runs `fn(session)` on a fresh page and fails on any console or page error, even if `fn` passed.
 * The page is closed whatever happens.
 */
export async function withPage(browser, rel, fn, opts) {
  const s = await openPage(browser, rel, opts);
  try {
    await fn(s);
    s.assertNoErrors();
  } catch (e) {
    if (s.errors.length && !String(e.message).includes('page errors')) {
      e.message += `\npage errors: ${JSON.stringify(s.errors)}`;
    }
    throw e;
  } finally {
    await s.close();
  }
}

/**
 * Standard deviation (degrees) of the angle between w and PC1 once online Oja (or Hebb with
 * decay, whose direction obeys the same first-order equation) has settled: the e2 component
 * ε of w follows Δε ≈ −η(λ1 − λ2)ε + η x1x2, so Var ε = η λ1λ2 / (2(λ1 − λ2)).
 */
export function angleSpreadDeg(eta, l1, l2) {
  return (Math.sqrt((eta * l1 * l2) / (2 * (l1 - l2))) * 180) / Math.PI;
}

/** Relative standard deviation of a sample variance of n Gaussian points: √(2/n). */
export function varianceRelSd(n) {
  return Math.sqrt(2 / n);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Scrolls each widget of `ws` (a snapshot) into view in turn and waits for it to start. */
export async function assertEachStartsOnScreen(s, ws, { timeout = 30_000 } = {}) {
  for (let i = 0; i < ws.length; i++) {
    await s.page.evaluate((k) => document.querySelectorAll('hebb-widget')[k].scrollIntoView({ block: 'center' }), i);
    await s.waitUntil(
      `widget ${i} (${ws[i].kind}) to start once on screen`,
      (snap) => ['running', 'paused', 'converged', 'diverged'].includes(snap[i].status) && Number(snap[i].readouts.step) > 0,
      { timeout },
    );
  }
}

/** Fails when the page scrolls: an embed must fit its frame (720×480 by default). */
export async function assertFitsFrame(s, width = 720, height = 480) {
  const size = await s.page.evaluate(() => ({
    w: document.documentElement.scrollWidth,
    h: document.documentElement.scrollHeight,
  }));
  assert.ok(size.w <= width && size.h <= height, `embed.html overflows its ${width}×${height} frame: content is ${size.w}×${size.h}`);
}

/** How many pixels of the first canvas matching `selector` are not (near) white: something drawn. */
export function inkedPixels(page, selector) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel);
    if (!c || !c.width || !c.height) return -1;
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) n++;
    return n;
  }, selector);
}
