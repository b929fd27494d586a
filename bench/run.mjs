#!/usr/bin/env node
// The browser side of `./build.sh bench`: races the core's kernels in wasm against plain JS
// (bench/bench.html), measures the widget's work per frame and the time to its first drawn frame
// in headless Chromium, reads the wasm size, merges the native timings of
// `cargo bench --bench kernels` (target/bench-native.json), prints one table and writes
// target/bench.json.
//
//   BASE_URL=http://127.0.0.1:8000 node bench/run.mjs [--quick | --load]
//
// BASE_URL: the site (the repository root) as served; without it this script serves the root
// itself with python3's http.server. --quick: few repetitions, a smoke run (~15 s). --load: only
// the load figures (wasm size, first drawn frame per kind, Lighthouse when LIGHTHOUSE_URL is set)
// → target/bench-load.json, for working on load time without the kernel and frame runs.
//
// Exits 1 when a numeric comparison fails (wasm against JS, wasm against native) or when
// something could not be measured; never because of a timing: the targets are printed beside the
// figures, not asserted.
//
// Frames: requestAnimationFrame is wrapped before the page's scripts load, and each callback (the
// widget's whole frame: its JS, the wasm it calls, its canvas and DOM calls) is timed with
// performance.now(): median_ms / p95_ms. The same callbacks are found in a devtools.timeline
// trace, whose thread CPU times (cpu_*) do not count the time the renderer spent descheduled on
// a busy machine, and which also gives the CPU of the rendering that follows (style, layout,
// paint: with_render_cpu_*).
//
// Timer resolution: Chromium gives performance.now() 100 µs (jittered) steps unless the page is
// cross-origin isolated, then 5 µs. The bench and frame pages are therefore served with
// COOP/COEP headers added through request interception (the files are unchanged). The
// first-frame loads are not intercepted, so they time the site exactly as served.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { ARGS } from '../tests/page/harness.mjs';
import { lighthouse, lighthouseLines } from './lighthouse.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TARGET = path.join(ROOT, 'target');
const NATIVE_JSON = path.join(TARGET, 'bench-native.json');
const OUT_JSON = path.join(TARGET, 'bench.json');
const WASM = path.join(ROOT, 'www', 'pkg', 'hebb_bg.wasm');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log('usage: BASE_URL=http://127.0.0.1:PORT node bench/run.mjs [--quick | --load]');
  process.exit(0);
}
const unknown = argv.filter((a) => a !== '--quick' && a !== '--load');
if (unknown.length) {
  console.error(`bench/run.mjs: unknown argument(s): ${unknown.join(' ')}`);
  process.exit(2);
}
const QUICK = argv.includes('--quick');
const LOAD = argv.includes('--load');

const KERNELS = ['oja_epoch', 'hopfield_sweep', 'capacity_curve', 'stdp_second', 'basins_diagram'];

const FRAME_PAGES = {
  oja_10k: { query: 'kind=oja&n=10000&speed=100', target: 4 },
  hopfield_32: { query: 'kind=hopfield&side=32&patterns=random&p=100&noise=0.2&speed=128', target: 2 },
};
/** Frames measured per page, after skipping the first few (JIT warm-up, first layout). */
const FRAMES = QUICK ? 60 : 300;
const SKIP_FRAMES = 10;
/** Cold loads (fresh context each) timed to the first drawn frame. */
const FIRST_FRAME_LOADS = QUICK ? 2 : 5;

/** Targets, printed beside the figures (never asserted). */
const TARGETS = {
  oja_ratio: 1.2, // wasm within 1.2× native
  hopfield_ms: 0.2,
  hopfield_speedup: 10,
  capacity_ms: 60,
  capacity_speedup: 15,
  stdp_ms: 4, // one simulated second of 100 inputs: the default 2000 ms per frame in ≤ 8 ms
  gzip_bytes: 150 * 1024,
  crowd_fps: 50, // 40 widgets on screen at default settings
  pause_ms: 100,
};
const CROWD_FRAMES = QUICK ? 60 : 300;

const failures = [];
const warnings = [];

// ---------------------------------------------------------------- serving

let server = null;
async function baseUrl() {
  if (process.env.BASE_URL) return process.env.BASE_URL.replace(/\/$/, '');
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', ROOT], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    server = child;
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/port (\d+)/);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`http.server exited with ${code}`)));
  });
}

function stopServer() {
  if (server && server.exitCode === null) server.kill();
  server = null;
}

/** A fresh context; `isolate` adds COOP/COEP to every response (fine timer, same files). */
async function newPage(browser, { isolate }) {
  const context = await browser.newContext({ viewport: { width: 720, height: 480 }, reducedMotion: 'no-preference' });
  if (isolate) {
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
        },
      });
    });
  }
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { context, page, errors };
}

// ---------------------------------------------------------------- kernels (bench.html)

async function runBenchPage(browser, base) {
  const { context, page, errors } = await newPage(browser, { isolate: true });
  try {
    await page.goto(`${base}/bench/bench.html${QUICK ? '?quick=1' : ''}`, { waitUntil: 'load' });
    // Polled rather than waited on, so that a page that failed to load (e.g. a www/pkg without
    // BenchKernel) is reported at once instead of at the timeout.
    const deadline = Date.now() + (QUICK ? 120_000 : 600_000);
    for (;;) {
      const done = await page.evaluate(() => window.benchResults?.done === true);
      if (done) break;
      const started = await page.evaluate(() => window.benchResults !== undefined);
      if ((errors.length && !started) || Date.now() > deadline) {
        const partial = await page.evaluate(() => window.benchResults ?? null).catch(() => null);
        throw new Error(
          `bench.html did not finish${Date.now() > deadline ? ' in time' : ''}; errors: ${JSON.stringify(errors)}; results so far: ${JSON.stringify(partial)?.slice(0, 2000)}`,
        );
      }
      await page.waitForTimeout(250);
    }
    const results = await page.evaluate(() => window.benchResults);
    results.page_errors = errors;
    return results;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- frames

/**
 * Injected before any page script. Wraps requestAnimationFrame so that every callback is timed
 * with performance.now(): the widget's own work in its frame (its JS, the wasm it calls, its
 * canvas and DOM calls). Each record: [callback ms, data-status before the callback, whether it
 * is the first frame after one of our resets]. Each callback is also tagged in the trace with
 * console.timeStamp('bench-frame i'), so its CPU time can be found there (see frameTrace).
 *
 * `keepRunning`: when the widget stops by itself (converged), press reset (and play), so a kind
 * that settles in a few dozen frames can still be timed over a few hundred.
 * `firstFrame`: also counts canvas drawing calls, and records the end of the first callback after
 * which a widget has left data-status=loading and something has been drawn.
 */
function instrument({ keepRunning, wanted, firstFrame }) {
  const rec = { frames: [], restarts: 0, firstFrame: null, draws: 0, resetPending: false, from: 0 };
  window.__frameBench = rec;
  const widgetStatus = () => document.querySelector('hebb-widget')?.getAttribute('data-status') ?? null;
  const native = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = function requestAnimationFrame(callback) {
    return native((t) => {
      const status = widgetStatus();
      console.timeStamp(`bench-frame ${rec.frames.length}`);
      const t0 = performance.now();
      try {
        callback(t);
      } finally {
        const t1 = performance.now();
        rec.frames.push([t1 - t0, status, rec.resetPending]);
        rec.resetPending = false;
        if (firstFrame && rec.firstFrame === null && rec.draws > 0) {
          const s = widgetStatus();
          if (s && s !== 'loading') rec.firstFrame = t1;
        }
      }
    });
  };
  if (firstFrame) {
    const proto = CanvasRenderingContext2D.prototype;
    for (const name of ['fill', 'stroke', 'fillRect', 'strokeRect', 'fillText', 'strokeText', 'putImageData', 'drawImage']) {
      const original = proto[name];
      proto[name] = function counted(...args) {
        rec.draws++;
        return original.apply(this, args);
      };
    }
  }
  if (keepRunning) {
    const watch = new MutationObserver(() => {
      const w = document.querySelector('hebb-widget');
      const s = w?.getAttribute('data-status');
      if (!w || (s !== 'converged' && s !== 'paused')) return;
      const running = rec.frames.slice(rec.from).filter((f) => f[1] === 'running' && !f[2]).length;
      if (running >= wanted) return;
      setTimeout(() => {
        rec.restarts++;
        rec.resetPending = true;
        w.querySelector('[data-action="reset"]')?.click();
        if (w.getAttribute('data-status') !== 'running') w.querySelector('[data-action="play"]')?.click();
      }, 0);
    });
    const start = () => watch.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
  }
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return { median: null, p95: null, max: null, mean: null };
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** What the main thread's rendering of a frame is made of, in the devtools.timeline trace. */
const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'IntersectionObserverController::computeIntersections']);

/**
 * From a devtools.timeline trace: for each tagged rAF callback (index → ms), the thread CPU time
 * of the callback (FireAnimationFrame's tdur: what the callback cost, whatever else the machine
 * was doing) and of the rendering that followed it up to the next callback (style, layout,
 * pre-paint, paint, layerize; nested events counted once).
 */
function frameTrace(trace) {
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === 'X' || e.name === 'TimeStamp');
  const stamps = events.filter((e) => e.name === 'TimeStamp' && /^bench-frame \d+$/.test(e.args?.data?.message ?? ''));
  if (!stamps.length) return new Map();
  const tid = stamps[0].tid;
  const main = events.filter((e) => e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const fires = main.filter((e) => e.name === 'FireAnimationFrame');
  const out = new Map();
  for (const st of stamps) {
    const fire = fires.find((f) => f.ts <= st.ts && st.ts <= f.ts + f.dur);
    if (fire) out.set(Number(st.args.data.message.split(' ')[1]), { fire, cpu: fire.tdur / 1000, render: 0 });
  }
  // Rendering after each callback, until the next one.
  const byStart = [...out.values()].sort((a, b) => a.fire.ts - b.fire.ts);
  let k = -1;
  let end = -Infinity;
  for (const e of main) {
    while (k + 1 < byStart.length && byStart[k + 1].fire.ts <= e.ts) k++;
    if (k < 0 || e.ts < end) continue; // before the first frame, or nested in a counted event
    if (RENDER_EVENTS.has(e.name)) {
      byStart[k].render += (e.tdur ?? e.dur) / 1000;
      end = e.ts + e.dur;
    }
  }
  return out;
}

async function measureFrames(browser, base, name) {
  const { query } = FRAME_PAGES[name];
  const { context, page, errors } = await newPage(browser, { isolate: true });
  const deadline = Date.now() + (QUICK ? 30_000 : 90_000);
  // Running frames counted from index `from`, our reset frames left out.
  const count = () =>
    page.evaluate(() => {
      const rec = window.__frameBench;
      return {
        running: rec.frames.slice(rec.from).filter((f) => f[1] === 'running' && !f[2]).length,
        total: rec.frames.length,
        status: document.querySelector('hebb-widget')?.getAttribute('data-status') ?? null,
        message: document.querySelector('hebb-widget [data-message]')?.textContent ?? null,
      };
    });
  const waitFor = async (n, what) => {
    for (;;) {
      const state = await count();
      if (state.running >= n) return state;
      if (state.status === 'error' || errors.length || Date.now() > deadline) {
        throw new Error(
          `embed.html?${query}: ${state.running} running frames of ${n} ${what} (status ${state.status}: ${state.message}); errors: ${JSON.stringify(errors)}`,
        );
      }
      await page.waitForTimeout(100);
    }
  };
  let tracing = false;
  try {
    await page.addInitScript(instrument, { keepRunning: true, wanted: FRAMES, firstFrame: false });
    await page.goto(`${base}/embed.html?${query}`, { waitUntil: 'load' });
    // Warm-up (JIT, first layout), then the measured frames under a trace.
    await waitFor(SKIP_FRAMES, 'to warm up');
    await browser.startTracing(page, { categories: ['devtools.timeline'] });
    tracing = true;
    const from = await page.evaluate(() => (window.__frameBench.from = window.__frameBench.frames.length));
    await waitFor(FRAMES, 'to measure');
    const trace = JSON.parse((await browser.stopTracing()).toString());
    tracing = false;
    const rec = await page.evaluate(() => window.__frameBench);
    const cpu = frameTrace(trace);
    // Frames of a running widget; the first frame after each of our resets is the cost of the
    // reset (everything redrawn), not of running, and is reported apart.
    const frames = rec.frames.map((f, i) => ({ i, ms: f[0], status: f[1], reset: f[2] })).slice(from);
    const running = frames.filter((f) => f.status === 'running' && !f.reset).slice(0, FRAMES);
    const resets = frames.filter((f) => f.status === 'running' && f.reset).map((f) => f.ms);
    const wall = summary(running.map((f) => f.ms));
    const traced = running.map((f) => cpu.get(f.i)).filter(Boolean);
    const cpuCb = summary(traced.map((c) => c.cpu));
    const cpuAll = summary(traced.map((c) => c.cpu + c.render));
    const starts = traced.map((c) => c.fire.ts / 1000);
    return {
      median_ms: wall.median,
      p95_ms: wall.p95,
      max_ms: wall.max,
      mean_ms: wall.mean,
      frames: running.length,
      cpu_median_ms: cpuCb.median,
      cpu_p95_ms: cpuCb.p95,
      with_render_cpu_median_ms: cpuAll.median,
      with_render_cpu_p95_ms: cpuAll.p95,
      traced_frames: traced.length,
      frame_interval_median_ms: summary(starts.slice(1).map((t, i) => t - starts[i])).median,
      restarts: rec.restarts,
      reset_frame_median_ms: summary(resets).median,
      url: `embed.html?${query}`,
    };
  } finally {
    if (tracing) await browser.stopTracing().catch(() => {});
    await context.close();
  }
}

/** Navigation start to the end of the first frame that drew a canvas once the widget loaded. */
async function firstFrame(browser, base, name) {
  const { query } = FRAME_PAGES[name];
  const times = [];
  for (let i = 0; i < FIRST_FRAME_LOADS; i++) {
    const { context, page, errors } = await newPage(browser, { isolate: false });
    try {
      await page.addInitScript(instrument, { keepRunning: false, wanted: 0, firstFrame: true });
      await page.goto(`${base}/embed.html?${query}`, { waitUntil: 'commit' });
      const deadline = Date.now() + 30_000;
      while (!(await page.evaluate(() => window.__frameBench?.firstFrame != null))) {
        const status = await page.evaluate(() => document.querySelector('hebb-widget')?.getAttribute('data-status') ?? null);
        if (errors.length || status === 'error' || Date.now() > deadline) {
          throw new Error(`embed.html?${query}: no first drawn frame (status ${status}); errors: ${JSON.stringify(errors)}`);
        }
        await page.waitForTimeout(20);
      }
      times.push(await page.evaluate(() => window.__frameBench.firstFrame));
    } finally {
      await context.close();
    }
  }
  const s = [...times].sort((a, b) => a - b);
  return { median_ms: quantile(s, 0.5), all_ms: times };
}

// ---------------------------------------------------------------- a crowd

/**
 * bench/crowd.html: 40 widgets, every kind in turn, all on screen. Frames a second (from the
 * intervals between animation frames, over CROWD_FRAMES) and how long Pause takes to show on
 * one of them (click to `data-status="paused"`), at default speeds and at the largest speed.
 */
async function measureCrowd(browser, base, speed) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 2400 }, reducedMotion: 'no-preference' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}/bench/crowd.html${speed ? `?speed=${speed}` : ''}`, { waitUntil: 'load' });
    const deadline = Date.now() + 120_000;
    const allStepped = () =>
      page.$$eval('hebb-widget', (ws) => ws.length === 40 && ws.every((w) => Number(w.querySelector('[data-readout="step"]')?.getAttribute('data-value')) > 0));
    while (!(await allStepped())) {
      if (errors.length || Date.now() > deadline) throw new Error(`crowd.html: not every widget stepped; errors: ${JSON.stringify(errors)}`);
      await page.waitForTimeout(250);
    }
    const intervals = await page.evaluate(
      (n) =>
        new Promise((resolve) => {
          const t = [];
          let last = performance.now();
          const frame = (now) => {
            t.push(now - last);
            last = now;
            if (t.length < n) requestAnimationFrame(frame);
            else resolve(t);
          };
          requestAnimationFrame(frame);
        }),
      CROWD_FRAMES,
    );
    const pauses = [];
    for (let i = 0; i < 5; i++) {
      pauses.push(
        await page.evaluate(
          (i) =>
            new Promise((resolve) => {
              const w = document.querySelectorAll('hebb-widget')[i];
              const t0 = performance.now();
              new MutationObserver((_, obs) => {
                if (w.getAttribute('data-status') === 'paused') {
                  obs.disconnect();
                  resolve(performance.now() - t0);
                }
              }).observe(w, { attributes: true, attributeFilter: ['data-status'] });
              w.querySelector('[data-action=pause]').click();
            }),
          i,
        ),
      );
    }
    const s = [...intervals].sort((a, b) => a - b);
    const p = [...pauses].sort((a, b) => a - b);
    return { fps: 1000 / quantile(s, 0.5), frame_median_ms: quantile(s, 0.5), frame_p95_ms: quantile(s, 0.95), pause_median_ms: quantile(p, 0.5), pause_max_ms: p[p.length - 1] };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- the rest

async function readNative() {
  let text;
  try {
    text = await readFile(NATIVE_JSON, 'utf8');
  } catch {
    throw new Error(`${path.relative(ROOT, NATIVE_JSON)} is missing: run \`cargo bench --bench kernels${QUICK ? ' -- --quick' : ''}\` first`);
  }
  const json = JSON.parse(text);
  const age = (Date.now() - (await stat(NATIVE_JSON)).mtimeMs) / 60_000;
  if (age > 60) warnings.push(`${path.relative(ROOT, NATIVE_JSON)} is ${Math.round(age)} min old`);
  return json;
}

async function wasmSize() {
  const bytes = await readFile(WASM);
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

const r6 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x ?? null);
const fmt = (x, d = 4) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '—');
const ratio = (a, b) => (a > 0 && b > 0 ? a / b : NaN);
const met = (ok) => (ok ? 'met' : 'MISSED');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/** --load: wasm size, first drawn frame per kind and Lighthouse, nothing else. */
async function loadOnly() {
  const size = await wasmSize();
  const base = await baseUrl();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const first = {};
  try {
    for (const name of Object.keys(FRAME_PAGES)) first[name] = await firstFrame(browser, base, name);
  } finally {
    await browser.close();
    stopServer();
  }
  const lh = process.env.LIGHTHOUSE_URL ? await lighthouse(process.env.LIGHTHOUSE_URL.replace(/\/$/, ''), CHROMIUM) : null;
  const json = {
    wasm_bytes: size.raw,
    wasm_gzip_bytes: size.gzip,
    first_frame_ms: r6(first.oja_10k?.median_ms),
    first_frame_hopfield_ms: r6(first.hopfield_32?.median_ms),
    first_frame_all_ms: Object.fromEntries(Object.entries(first).map(([k, f]) => [k, f.all_ms.map(r6)])),
    lighthouse: lh,
    machine: { cores: os.cpus().length, load_average_end: r6(os.loadavg()[0]) },
  };
  await mkdir(TARGET, { recursive: true });
  await writeFile(path.join(TARGET, 'bench-load.json'), `${JSON.stringify(json, null, 2)}\n`);
  const lines = [
    `wasm: ${size.raw.toLocaleString('en')} bytes raw, ${size.gzip.toLocaleString('en')} gzip -9 (${(size.gzip / 1024).toFixed(1)} KB)   target ≤ 150 KB gzip: ${met(size.gzip <= TARGETS.gzip_bytes)}`,
    `first drawn frame: ${fmt(first.oja_10k?.median_ms, 0)} ms after navigation (embed oja, median of ${FIRST_FRAME_LOADS} cold loads: ${first.oja_10k.all_ms.map((t) => t.toFixed(0)).join(', ')}); hopfield: ${fmt(first.hopfield_32?.median_ms, 0)} ms (${first.hopfield_32.all_ms.map((t) => t.toFixed(0)).join(', ')})`,
  ];
  if (lh) lines.push('', ...lighthouseLines(lh, { fmt, pad, lpad }));
  lines.push(`machine: 1-min load average ${os.loadavg()[0].toFixed(2)} at the end → target/bench-load.json`);
  console.log(lines.join('\n'));
}

async function main() {
  if (LOAD) return loadOnly();
  const t0 = Date.now();
  // Other work on the machine (a build, a test run) shows in every timing: say so.
  const loadStart = os.loadavg()[0];
  const native = await readNative();
  const size = await wasmSize();
  const base = await baseUrl();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  let page;
  const frames = {};
  const first = {};
  const crowd = {};
  try {
    page = await runBenchPage(browser, base);
    for (const name of Object.keys(FRAME_PAGES)) {
      try {
        frames[name] = await measureFrames(browser, base, name);
      } catch (e) {
        failures.push(`frames ${name} could not be measured: ${e.message}`);
        frames[name] = { median_ms: null, p95_ms: null, error: e.message };
      }
      try {
        first[name] = await firstFrame(browser, base, name);
      } catch (e) {
        failures.push(`first frame ${name} could not be measured: ${e.message}`);
        first[name] = { median_ms: null, error: e.message };
      }
    }
    // The crowd takes minutes on a busy machine: the full bench only, not the smoke run.
    for (const [name, speed] of QUICK ? [] : [['default', null], ['fastest', 100000]]) {
      try {
        crowd[name] = await measureCrowd(browser, base, speed);
      } catch (e) {
        failures.push(`crowd (${name}) could not be measured: ${e.message}`);
      }
    }
  } finally {
    await browser.close();
    stopServer();
  }
  // Lighthouse scores the site as a production host serves it (LIGHTHOUSE_URL: tools/serve.py).
  const lh = QUICK || !process.env.LIGHTHOUSE_URL ? null : await lighthouse(process.env.LIGHTHOUSE_URL.replace(/\/$/, ''), CHROMIUM);
  for (const [name, r] of Object.entries(lh ?? {})) if (r.error) failures.push(`Lighthouse ${name} could not be measured: ${r.error}`);

  // ---- comparisons
  if (page.errors.length) failures.push(`bench.html: ${page.errors.join('; ')}`);
  if (page.page_errors.length) warnings.push(`bench.html logged: ${page.page_errors.join('; ')}`);
  const kernels = {};
  for (const name of KERNELS) {
    const k = page.kernels[name];
    const n = native[name];
    if (!k) {
      failures.push(`${name}: no browser result`);
      continue;
    }
    if (!n) failures.push(`${name}: not in ${path.relative(ROOT, NATIVE_JSON)}`);
    if (!k.ok) failures.push(`${name}: wasm and JS disagree: ${k.check}`);
    const out = {
      native_ms: r6(n?.native_ms),
      wasm_ms: r6(k.wasm_ms),
      js_ms: r6(k.js_ms),
      wasm_over_native: r6(ratio(k.wasm_ms, n?.native_ms)),
      js_over_wasm: r6(ratio(k.js_ms, k.wasm_ms)),
      wasm_p95_ms: r6(k.wasm.stats.p95),
      js_p95_ms: r6(k.js.stats.p95),
      wasm_reps: k.wasm.stats.n,
      js_reps: k.js.stats.n,
      wasm_statistic: k.wasm.method,
      js_statistic: k.js.method,
      js_matches_wasm: k.ok,
    };
    if (name === 'oja_epoch') {
      Object.assign(out, {
        checksum_native: n?.checksum ?? null,
        checksum_wasm: k.checksum_wasm,
        checksum_js: k.checksum_js,
        js_wasm_abs_diff: k.diff,
        js_random_ms: r6(k.js_random?.ms),
      });
    }
    if (name === 'hopfield_sweep') {
      out.flips_wasm = k.sweeps.map((s) => s.flips_wasm);
      out.flips_js = k.sweeps.map((s) => s.flips_js);
    }
    if (name === 'stdp_second') {
      Object.assign(out, {
        checksum_native: n?.checksum ?? null,
        checksum_wasm: k.checksum_wasm,
        mean_w_js: r6(k.mean_w_js),
        posts_wasm: k.posts_wasm,
        posts_js: k.posts_js,
      });
    }
    if (name === 'capacity_curve') {
      Object.assign(out, {
        checksum_native: n?.checksum ?? null,
        checksum_wasm: k.checksum_wasm,
        curve_wasm: k.curve_wasm.map(r6),
        curve_js: k.curve_js.map(r6),
        curve_max_abs_diff: r6(k.max_abs_diff),
        curve_max_abs_diff_at_p: k.max_abs_diff_at_p,
      });
    }
    if (name === 'basins_diagram') {
      Object.assign(out, { checksum_native: n?.checksum ?? null, checksum_wasm: k.checksum_wasm, mean_wasm: r6(k.mean_wasm), mean_js: r6(k.mean_js) });
    }
    // Seeded and integer or same-order f64 work: native and wasm give the same bits (TOOLCHAIN.md).
    // hopfield_sweep's checksum depends on how many orders were drawn, so it is not compared.
    if (n && name !== 'hopfield_sweep') {
      out.native_matches_wasm = n.checksum === k.checksum_wasm;
      if (!out.native_matches_wasm) failures.push(`${name}: native checksum ${n.checksum} ≠ wasm ${k.checksum_wasm}`);
    }
    kernels[name] = out;
  }

  const framesOut = {};
  for (const [name, f] of Object.entries(frames)) {
    framesOut[name] = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, r6(v)]));
  }
  const json = {
    kernels,
    frames: framesOut,
    crowd: Object.fromEntries(Object.entries(crowd).map(([k, c]) => [k, Object.fromEntries(Object.entries(c).map(([a, v]) => [a, r6(v)]))])),
    wasm_bytes: size.raw,
    wasm_gzip_bytes: size.gzip,
    first_frame_ms: r6(first.oja_10k?.median_ms),
    first_frame_hopfield_ms: r6(first.hopfield_32?.median_ms),
    lighthouse: lh,
    quick: QUICK,
    ok: failures.length === 0,
    timer: page.timer,
    machine: { cores: os.cpus().length, load_average_start: r6(loadStart), load_average_end: r6(os.loadavg()[0]) },
  };
  await mkdir(TARGET, { recursive: true });
  await writeFile(OUT_JSON, `${JSON.stringify(json, null, 2)}\n`);

  // ---- the table
  const lines = [];
  const K = kernels;
  lines.push(
    `${pad('kernel', 16)}${lpad('native ms', 11)}${lpad('wasm ms', 11)}${lpad('js ms', 12)}${lpad('wasm/native', 13)}${lpad('js/wasm', 9)}   target`,
  );
  const krow = (name, target) => {
    const k = K[name];
    if (!k) return `${pad(name, 16)}  (no result)`;
    return `${pad(name, 16)}${lpad(fmt(k.native_ms), 11)}${lpad(fmt(k.wasm_ms), 11)}${lpad(fmt(k.js_ms), 12)}${lpad(`${fmt(k.wasm_over_native, 2)}×`, 13)}${lpad(`${fmt(k.js_over_wasm, 1)}×`, 9)}   ${target}`;
  };
  const o = K.oja_epoch;
  const h = K.hopfield_sweep;
  const c = K.capacity_curve;
  lines.push(krow('oja_epoch', o ? `wasm ≤ ${TARGETS.oja_ratio}× native: ${met(o.wasm_over_native <= TARGETS.oja_ratio)}` : ''));
  lines.push(
    krow('hopfield_sweep', h ? `wasm ≤ ${TARGETS.hopfield_ms} ms: ${met(h.wasm_ms <= TARGETS.hopfield_ms)}; js/wasm ≥ ${TARGETS.hopfield_speedup}×: ${met(h.js_over_wasm >= TARGETS.hopfield_speedup)}` : ''),
  );
  lines.push(
    krow('capacity_curve', c ? `wasm ≤ ${TARGETS.capacity_ms} ms: ${met(c.wasm_ms <= TARGETS.capacity_ms)}; js/wasm ≥ ${TARGETS.capacity_speedup}×: ${met(c.js_over_wasm >= TARGETS.capacity_speedup)}` : ''),
  );
  const st = K.stdp_second;
  lines.push(krow('stdp_second', st ? `wasm ≤ ${TARGETS.stdp_ms} ms: ${met(st.wasm_ms <= TARGETS.stdp_ms)}` : ''));
  lines.push(krow('basins_diagram', ''));
  lines.push('');
  lines.push(
    `${pad('frames: widget work per rAF callback', 40)}${lpad('median ms', 11)}${lpad('p95 ms', 9)}${lpad('frames', 8)}   target           ` +
      `CPU: callback median, p95 | + rendering median, p95`,
  );
  for (const [name, spec] of Object.entries(FRAME_PAGES)) {
    const f = frames[name];
    if (f.median_ms === null) {
      lines.push(`${pad(name, 40)}  not measured: ${f.error}`);
      continue;
    }
    lines.push(
      `${pad(name, 40)}${lpad(fmt(f.median_ms, 3), 11)}${lpad(fmt(f.p95_ms, 3), 9)}${lpad(f.frames, 8)}   p95 ≤ ${spec.target} ms: ${pad(met(f.p95_ms <= spec.target), 6)}   ` +
        `${fmt(f.cpu_median_ms, 3)}, ${fmt(f.cpu_p95_ms, 3)} | ${fmt(f.with_render_cpu_median_ms, 3)}, ${fmt(f.with_render_cpu_p95_ms, 3)}`,
    );
    lines.push(
      `  embed.html?${spec.query}${f.restarts ? `; reset ${f.restarts}× after converging (frames after a reset left out, median ${fmt(f.reset_frame_median_ms, 3)} ms)` : ''}`,
    );
  }
  for (const [name, c] of Object.entries(crowd)) {
    const fps = name === 'default' ? `; ≥ ${TARGETS.crowd_fps} fps: ${met(c.fps >= TARGETS.crowd_fps)}` : '';
    lines.push(
      `crowd, 40 widgets on screen (bench/crowd.html, ${name === 'default' ? 'default speeds' : 'speed 100000'}): ${fmt(c.fps, 1)} fps (frame median ${fmt(c.frame_median_ms, 1)} ms, p95 ${fmt(c.frame_p95_ms, 1)})${fps}; ` +
        `Pause shows in ${fmt(c.pause_median_ms, 0)} ms (max ${fmt(c.pause_max_ms, 0)} of 5) ≤ ${TARGETS.pause_ms} ms: ${met(c.pause_max_ms <= TARGETS.pause_ms)}`,
    );
  }
  lines.push('');
  lines.push(
    `wasm ${path.relative(ROOT, WASM)}: ${size.raw.toLocaleString('en')} bytes raw, ${size.gzip.toLocaleString('en')} gzip -9 (${(size.gzip / 1024).toFixed(1)} KB)   target ≤ 150 KB gzip: ${met(size.gzip <= TARGETS.gzip_bytes)}`,
  );
  lines.push(
    `first drawn frame: ${fmt(first.oja_10k?.median_ms, 0)} ms after navigation (embed oja, median of ${FIRST_FRAME_LOADS} cold loads); hopfield: ${fmt(first.hopfield_32?.median_ms, 0)} ms`,
  );
  if (lh) lines.push('', ...lighthouseLines(lh, { fmt, pad, lpad }));
  lines.push('');
  lines.push('same results:');
  if (o) {
    lines.push(
      `  oja_epoch       |w₀|+|w₁| native ${o.checksum_native}, wasm ${o.checksum_wasm}, JS ${o.checksum_js}: |JS − wasm| = ${o.js_wasm_abs_diff}` +
        `  (JS drawing its own picks with Math.random: ${fmt(o.js_random_ms)} ms)`,
    );
  }
  if (h) lines.push(`  hopfield_sweep  flips in one sweep, 3 orders: wasm ${h.flips_wasm.join(', ')}; JS ${h.flips_js.join(', ')}`);
  if (c) {
    lines.push(
      `  capacity_curve  curve sum native ${c.checksum_native}, wasm ${c.checksum_wasm}; max |wasm − JS| over P = 4…80: ${fmt(c.curve_max_abs_diff, 4)} at P = ${c.curve_max_abs_diff_at_p} (JS with its own RNG)`,
    );
  }
  const b = K.basins_diagram;
  if (b) {
    lines.push(`  basins_diagram  cell sum native ${b.checksum_native}, wasm ${b.checksum_wasm}; fraction recalled wasm ${fmt(b.mean_wasm, 3)}, JS ${fmt(b.mean_js, 3)} (JS with its own RNG)`);
  }
  lines.push(
    `timer: ${fmt(page.timer?.resolution_ms * 1000, 1)} µs steps (cross-origin isolated: ${page.timer?.cross_origin_isolated}); ${QUICK ? 'quick run' : 'full run'} in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${path.relative(ROOT, OUT_JSON)}`,
  );
  lines.push(`machine: ${os.cpus().length} cores, 1-min load average ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end`);
  if (loadStart >= 1) warnings.push('the machine was busy when the bench started (load average ≥ 1): timings are inflated and noisier');
  console.log(lines.join('\n'));
  for (const w of warnings) console.log(`warning: ${w}`);
  if (failures.length) {
    console.error(`\nbench/run.mjs: ${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  stopServer();
  console.error(`bench/run.mjs: ${e.stack ?? e}`);
  process.exitCode = 1;
});
