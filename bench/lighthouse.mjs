// Lighthouse for `./build.sh bench` (not the quick smoke run): the mobile preset (simulated slow
// 4G and a 4× slower CPU) on the article and two embeds, each scored as served by
// tools/serve.py, the production-like server. Scores and the main metrics go into the bench
// table and target/bench.json; nothing is asserted (a score depends on the machine's load).
//
// Lighthouse is installed apart from the test tools, in bench/lighthouse/ (12.2.3: 13 needs
// Node 22); build.sh runs `npm ci` there on first use.

import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';

const CLI = fileURLToPath(new URL('./lighthouse/node_modules/lighthouse/cli/index.js', import.meta.url));

export const LIGHTHOUSE_PAGES = {
  article: '/',
  embed_oja: '/embed.html?kind=oja',
  embed_hopfield: '/embed.html?kind=hopfield',
};

export const LIGHTHOUSE_TARGETS = { performance: 0.95, accessibility: 1, 'best-practices': 1, seo: 1 };

const METRICS = {
  fcp_ms: 'first-contentful-paint',
  lcp_ms: 'largest-contentful-paint',
  tbt_ms: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  speed_index_ms: 'speed-index',
};

// The flags the rest of the suite gives Chromium here: without the background-networking ones
// it keeps dialling Google's hosts, which this machine's closed network refuses.
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

function run(url, out, chromium) {
  return new Promise((resolve, reject) => {
    const args = [CLI, url, '--output=json', `--output-path=${out}`, '--quiet', `--chrome-flags=${CHROME_FLAGS}`,
      '--only-categories=performance,accessibility,best-practices,seo'];
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromium }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}: ${err.trim().split('\n').pop()}`))));
  });
}

/** Scores (0…1) and metrics of every page; a page that could not be measured gets `error`. */
export async function lighthouse(base, chromium) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hebb-lh-'));
  const out = {};
  try {
    for (const [name, page] of Object.entries(LIGHTHOUSE_PAGES)) {
      const file = path.join(dir, `${name}.json`);
      try {
        await run(`${base}${page}`, file, chromium);
        const report = JSON.parse(await readFile(file, 'utf8'));
        const scores = Object.fromEntries(Object.entries(report.categories).map(([k, c]) => [k, c.score]));
        const metrics = Object.fromEntries(Object.entries(METRICS).map(([k, a]) => [k, report.audits[a]?.numericValue ?? null]));
        const failing = Object.values(report.audits)
          .filter((a) => a.score !== null && a.score < 0.9 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
          .map((a) => a.id);
        out[name] = { page, scores, metrics, dom_nodes: report.audits['dom-size']?.numericValue ?? null, failing };
      } catch (e) {
        out[name] = { page, error: e.message };
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** The table rows for the bench's printout. */
export function lighthouseLines(results, { fmt, pad, lpad }) {
  const cats = Object.keys(LIGHTHOUSE_TARGETS);
  const lines = [`${pad('Lighthouse (mobile preset)', 28)}${cats.map((c) => lpad(c === 'best-practices' ? 'best pr.' : c.slice(0, 11), 12)).join('')}${lpad('FCP s', 8)}${lpad('LCP s', 8)}${lpad('TBT ms', 8)}${lpad('CLS', 7)}`];
  for (const [name, r] of Object.entries(results)) {
    if (r.error) {
      lines.push(`${pad(name, 28)}  not measured: ${r.error}`);
      continue;
    }
    const m = r.metrics;
    lines.push(
      `${pad(name, 28)}${cats.map((c) => lpad(`${fmt(r.scores[c], 2)} ${r.scores[c] >= LIGHTHOUSE_TARGETS[c] ? '✓' : '✗'}`, 12)).join('')}` +
        `${lpad(fmt(m.fcp_ms / 1000, 1), 8)}${lpad(fmt(m.lcp_ms / 1000, 1), 8)}${lpad(fmt(m.tbt_ms, 0), 8)}${lpad(fmt(m.cls, 3), 7)}`,
    );
    if (r.failing.length) lines.push(`  ${r.page}: below 0.9: ${r.failing.join(', ')}`);
  }
  lines.push(`  targets: performance ≥ ${LIGHTHOUSE_TARGETS.performance}, the others 1.0; served by tools/serve.py (gzip, revalidating cache, application/wasm)`);
  return lines;
}
