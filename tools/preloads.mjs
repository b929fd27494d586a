// Writes the load hints in the heads of index.html, embed.html and classroom.html, between
// `<!-- load: begin -->` and `<!-- load: end -->`, so that a page asks for everything it needs at
// once instead of discovering its modules one import level at a time (a waterfall):
//
//   - the widget's picture stylesheets: each view's own (www/views/<name>.css next to <name>.js),
//     in the order of the views' module graph from www/views/index.js, and the frame modes last,
//     concatenated in that cascade order into one built file, www/pkg/widget.css (`--css` writes
//     it; `./build.sh build` runs that), linked by the page so the element finds it already
//     loading instead of linking a late chain of 13 sheets;
//   - the wasm, fetched in parallel with the modules (`as="fetch"` + `crossorigin`: exactly the
//     request wasm-bindgen's init() makes, so the browser reuses it);
//   - `modulepreload` for every module in the static import graph of the page's module scripts.
//
//   node tools/preloads.mjs          rewrite the blocks
//   node tools/preloads.mjs --css    write www/pkg/widget.css from the views' sheets
//   node tools/preloads.mjs --check  exit 1 if a block is stale (the page test checks the same
//                                    against what the browser actually requests)

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGES = ['index.html', 'embed.html', 'classroom.html'];
const BEGIN = '<!-- load: begin (tools/preloads.mjs writes this block) -->';
const END = '<!-- load: end -->';

/** Static `import … from '…'` and `export … from '…'` specifiers of a module's source. */
function specifiers(source) {
  const out = [];
  const re = /^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gms;
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2]);
  return out;
}

/** Every module a set of entry files imports, in depth-first post-order (leaves first); only
 * modules under `within` when given. */
async function graph(entries, within = '') {
  const seen = new Set();
  const order = [];
  async function visit(file) {
    if (seen.has(file)) return;
    seen.add(file);
    const source = await readFile(path.join(ROOT, file), 'utf8');
    for (const spec of specifiers(source)) {
      if (!spec.startsWith('.')) continue;
      const next = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (next.startsWith(within)) await visit(next);
    }
    order.push(file);
  }
  for (const e of entries) await visit(e);
  return order;
}

const VIEWS = 'www/views/';
const FRAME = 'www/css/frame.css';

/** The picture stylesheets in cascade order: each view's sheet (www/views/<name>.css next to
 * <name>.js) in the order of the views' module graph from www/views/index.js (a base view's sheet
 * before its subclasses', otherwise the order of the imports there), then the frame modes. */
async function sheets() {
  const views = await graph([`${VIEWS}index.js`], VIEWS);
  const css = (await readdir(path.join(ROOT, VIEWS))).filter((f) => f.endsWith('.css')).map((f) => VIEWS + f);
  const ordered = views.map((m) => m.replace(/\.js$/, '.css')).filter((s) => css.includes(s));
  const orphans = css.filter((s) => !ordered.includes(s));
  if (orphans.length) throw new Error(`${orphans.join(', ')}: no view of that name in the graph of ${VIEWS}index.js`);
  return [...ordered, FRAME];
}

export async function hints(html) {
  const head = html.slice(0, html.indexOf('</head>'));
  const entries = [...head.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]);
  const modules = await graph(entries);
  const usesWidget = modules.includes('www/hebb-widget.js');
  const lines = [];
  if (usesWidget) {
    lines.push('<link rel="preload" href="www/pkg/hebb_bg.wasm" as="fetch" type="application/wasm" crossorigin>');
    // hebb.css is linked by the page itself, before this block.
    lines.push('<link rel="stylesheet" href="www/pkg/widget.css">');
  }
  // The entries themselves are found by the parser at once; preload what they import.
  for (const m of modules) if (!entries.includes(m)) lines.push(`<link rel="modulepreload" href="${m}">`);
  return lines;
}

/** www/pkg/widget.css: every picture sheet in cascade order (no url() in them to rebase). */
async function bundleCss() {
  const parts = [`/* Built by tools/preloads.mjs from the views' stylesheets (www/views/*.css) and www/css/frame.css,
   in this order. Edit those files, then run ./build.sh build (or node tools/preloads.mjs --css). */\n`];
  for (const s of await sheets()) {
    const text = await readFile(path.join(ROOT, s), 'utf8');
    if (/url\(|@import/.test(text)) throw new Error(`${s}: url() or @import would need rebasing in the bundle`);
    // Comments and blank lines dropped (a third of the bytes); the rules are left as written.
    const rules = text.replace(/\/\*[\s\S]*?\*\//g, '').split('\n').map((l) => l.trimEnd()).filter((l) => l.trim()).join('\n');
    parts.push(`/* ${s} */\n${rules}\n`);
  }
  await writeFile(path.join(ROOT, 'www/pkg/widget.css'), parts.join('\n'));
}

async function main() {
  if (process.argv.includes('--css')) return bundleCss();
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const page of PAGES) {
    const file = path.join(ROOT, page);
    const html = await readFile(file, 'utf8');
    const a = html.indexOf(BEGIN);
    const b = html.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${page}: no ${BEGIN} … ${END} block in the head`);
    const block = `${BEGIN}\n${(await hints(html)).join('\n')}\n`;
    const next = html.slice(0, a) + block + html.slice(b);
    if (next === html) continue;
    stale++;
    if (check) console.error(`${page}: its load hints are stale (run node tools/preloads.mjs)`);
    else {
      await writeFile(file, next);
      console.log(`${page}: load hints rewritten`);
    }
  }
  if (check && stale) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
