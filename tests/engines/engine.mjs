// The page tests' engine layer: the same few operations in Chromium (playwright-core, as the page
// tests), Firefox (puppeteer-core over WebDriver BiDi, Debian's firefox-esr) and WebKit
// (selenium-webdriver against WebKitWebDriver driving MiniBrowser under xvfb-run):
//
//   const engine = await launch('webkit');
//   const s = await engine.open('embed.html?kind=oja', { width: 720, height: 480 });
//   await s.waitLoaded();              // s is the page tests' PageSession (harness.mjs)
//   await s.page.click(selector); await s.page.press(selector, 'Space'); await s.page.evaluate(fn, arg);
//   await s.resize(360, 300);         // the viewport, in the same page
//   await s.collectErrors(); s.assertNoErrors(); await s.close();
//   await engine.close();
//
// Pages come from a test-only server of the repository root that injects
// <script src="/__test_capture.js"> (tests/engines/capture.js) at the top of every HTML page: it
// records console errors, uncaught errors, unhandled rejections and CSP violations in the page,
// since WebKitWebDriver has no console-log endpoint. ENGINES (comma-separated, default
// "firefox,webkit") picks the engines the tests run in.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import path from 'node:path';
import { launchBrowser, PageSession, sleep } from '../page/harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The engines to test, from ENGINES. */
export const ENGINES = (process.env.ENGINES || 'firefox,webkit').split(',').map((e) => e.trim()).filter(Boolean);

const CAPTURE = '/__test_capture.js';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
};

let server;
/** The test server's base URL (started once per process). */
export function testServer() {
  server ??= new Promise((resolve) => {
    const srv = createServer(async (req, res) => {
      const url = new URL(req.url, 'http://x');
      let file = url.pathname === CAPTURE ? fileURLToPath(new URL('capture.js', import.meta.url)) : path.join(ROOT, decodeURIComponent(url.pathname));
      if (!file.startsWith(ROOT) && url.pathname !== CAPTURE) return res.writeHead(403).end();
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        let body = await readFile(file);
        const ext = path.extname(file);
        if (ext === '.html') body = body.toString('utf8').replace(/<head>/i, `<head><script src="${CAPTURE}"></script>`);
        res.writeHead(200, { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    srv.listen(0, '127.0.0.1', () => {
      srv.unref();
      resolve(`http://127.0.0.1:${srv.address().port}`);
    });
  });
  return server;
}

/**
 * A page of one engine, with the calls PageSession and the engine tests make: evaluate(fn, arg),
 * click(selector), press(selector, key), resize(width, height) of the viewport, close(), and
 * on(event, fn) for the page events an engine reports (none in WebKit: there the capture script
 * hears them).
 */
class Tab {
  constructor(impl) {
    Object.assign(this, impl);
  }

  on(event, fn) {
    this.subscribe?.(event, fn);
  }
}

/**
 * A playwright or puppeteer page as a Tab (the two APIs agree on what is used here, and puppeteer's
 * console messages, page errors, failed requests and responses have the playwright shapes
 * PageSession reads). `keys` renames keys the engine's keyboard knows by another name.
 */
function pageTab(page, context, url, keys = {}) {
  const tab = new Tab({
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    click: (sel) => page.click(sel),
    press: async (sel, key) => { await page.focus(sel); await page.keyboard.press(keys[key] ?? key); },
    // playwright's name, then puppeteer's.
    resize: (width, height) => (page.setViewportSize ? page.setViewportSize({ width, height }) : page.setViewport({ width, height })),
    subscribe: (event, fn) => page.on(event, fn),
    close: () => context.close(),
  });
  return [tab, () => page.goto(url, { waitUntil: 'load' })];
}

/** Chromium through playwright-core, as in the page tests. */
async function chromium() {
  const browser = await launchBrowser();
  return {
    async open(url, { width, height }) {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'no-preference' });
      return pageTab(await context.newPage(), context, url);
    },
    close: () => browser.close(),
  };
}

/** Firefox (firefox-esr) through puppeteer-core and WebDriver BiDi. */
async function firefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  return {
    async open(url, { width, height }) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height });
      // Over BiDi puppeteer knows printable keys by their character only.
      return pageTab(page, context, url, { Space: ' ' });
    },
    close: () => browser.close(),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** WebKit (MiniBrowser) through WebKitWebDriver, under xvfb-run (MiniBrowser has no headless mode here). */
async function webkit() {
  const { WebDriver, By, Key } = await import('selenium-webdriver');
  const http = await import('selenium-webdriver/http/index.js');
  const port = await freePort();
  // Its own process group, so close() ends xvfb-run, Xvfb and the driver together.
  const child = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
  });
  const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/status`).then((r) => r.ok, () => false)) break;
    if (i > 200) { stop(); throw new Error(`WebKitWebDriver did not answer on port ${port}`); }
    await sleep(100);
  }
  const caps = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  };
  const driver = await WebDriver.createSession(new http.Executor(new http.HttpClient(base)), caps);
  const KEYS = { Space: Key.SPACE, Enter: Key.ENTER, Escape: Key.ESCAPE, ArrowRight: Key.ARROW_RIGHT };
  const run = (fn, arg) => driver.executeScript(`return (${fn})(arguments[0]);`, arg);
  /** Sizes the window's viewport: its chrome, measured once, is added. */
  let chrome = null;
  const resize = async (width, height) => {
    if (!chrome) {
      await driver.manage().window().setRect({ width, height });
      const inner = await run(() => [innerWidth, innerHeight]);
      chrome = [width - inner[0], height - inner[1]];
    }
    await driver.manage().window().setRect({ width: width + chrome[0], height: height + chrome[1] });
  };
  return {
    async open(url, { width, height }) {
      // One window for the session.
      await driver.get('about:blank');
      await resize(width, height);
      const tab = new Tab({
        evaluate: run,
        resize,
        click: async (sel) => (await driver.findElement(By.css(sel))).click(),
        press: async (sel, key) => {
          await run((s) => document.querySelector(s).focus(), sel);
          await driver.actions().sendKeys(KEYS[key] ?? key).perform();
        },
        close: () => driver.get('about:blank'),
      });
      return [tab, () => driver.get(url)];
    },
    close: async () => {
      await driver.quit().catch(() => {});
      stop();
    },
  };
}

const LAUNCHERS = { chromium, firefox, webkit };

/** Starts one engine: `open(rel, viewport)` → a PageSession on a fresh page; `close()`. */
export async function launch(name) {
  if (!LAUNCHERS[name]) throw new Error(`unknown engine "${name}" (ENGINES may list ${Object.keys(LAUNCHERS)})`);
  const engine = await LAUNCHERS[name]();
  return {
    name,
    async open(rel, { width = 720, height = 480 } = {}) {
      const [tab, go] = await engine.open(`${await testServer()}/${rel}`, { width, height });
      const s = new PageSession({ close: () => tab.close() }, tab);
      /** A new viewport size, once the page has laid itself out and drawn for it. */
      s.resize = async (w, h) => {
        await tab.resize(w, h);
        for (let i = 0; i < 50; i++) {
          const [iw, ih] = await tab.evaluate(() => [innerWidth, innerHeight]);
          if (iw === w && ih === h) break;
          await sleep(50);
        }
        await sleep(150);
      };
      /** Adds what the in-page capture heard to the session's errors (once each). */
      s.collectErrors = async () => {
        const got = await tab.evaluate(() => window.__testCapture?.errors.splice(0) ?? ['no __testCapture: the capture script did not run']);
        s.errors.push(...got.filter((e) => !s.errors.includes(e)));
        return s.errors;
      };
      await go();
      return s;
    },
    close: () => engine.close(),
  };
}

/** Runs `fn(session)` on a fresh page of `engine`; fails on any error the page logged. */
export async function withTab(engine, rel, fn, opts) {
  const s = await engine.open(rel, opts);
  try {
    await fn(s);
    await s.collectErrors();
    s.assertNoErrors();
  } catch (e) {
    if (s.errors.length && !String(e.message).includes('page errors')) e.message += `\npage errors: ${JSON.stringify(s.errors)}`;
    throw e;
  } finally {
    await s.close();
  }
}
