// A reader whose browser cannot run the figures gets the article and a clear note, never a blank
// frame: scripts off, WebAssembly turned off (iPhone Lockdown Mode), or an engine without wasm
// SIMD (the module fails to compile).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, baseUrl, PageSession } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const T = { timeout: 60_000 };

async function open(rel, { script, javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 720, height: 480 }, javaScriptEnabled });
  const page = await context.newPage();
  if (script) await page.addInitScript(script);
  const s = new PageSession(context, page);
  await page.goto(`${await baseUrl()}/${rel}`, { waitUntil: 'load' });
  return s;
}

async function failsWith(script, pattern) {
  const s = await open('embed.html?kind=oja', { script });
  try {
    await s.page.waitForFunction(() => document.querySelector('hebb-widget')?.dataset.status === 'error', null, { timeout: 30_000 });
    const [w] = await s.snapshot();
    assert.match(w.message, pattern);
    assert.deepEqual(s.errors, [], 'the page logged errors');
  } finally {
    await s.close();
  }
}

test('WebAssembly turned off: the widget says so in words', T, async () => {
  await failsWith(() => {
    delete window.WebAssembly;
  }, /WebAssembly turned off/);
});

test('no wasm SIMD (the module does not compile): the widget names what is missing', T, async () => {
  await failsWith(() => {
    const refuse = () => Promise.reject(new WebAssembly.CompileError('invalid opcode 0xfd (SIMD)'));
    WebAssembly.instantiateStreaming = refuse;
    WebAssembly.instantiate = refuse;
  }, /lacks the SIMD instructions/);
});

test('scripts off: the article reads, with a note about the figures', T, async () => {
  const s = await open('index.html', { javaScriptEnabled: false });
  try {
    assert.match(await s.page.locator('main .noscript').innerText(), /need JavaScript and WebAssembly/);
    assert.ok((await s.page.locator('main').innerText()).length > 20_000, 'the article text is missing');
  } finally {
    await s.close();
  }
});
