// Numbers the article's figures 1…K in document order: each `<figure id="fig-…">` caption's
// "Figure N." and every `<a href="#fig-…">Figure N</a>` in the prose. Run after adding or moving
// a figure (tests/page/index.test.mjs checks the numbering): node tools/figures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../index.html', import.meta.url));
const html = readFileSync(file, 'utf8');
const number = new Map([...html.matchAll(/<figure id="(fig-[^"]+)"/g)].map((m, i) => [m[1], i + 1]));
let out = '';
let from = 0;
for (const m of html.matchAll(/<figure id="(fig-[^"]+)"/g)) {
  const caption = html.indexOf('fig-num">Figure ', m.index);
  const dot = html.indexOf('.', caption + 16);
  out += `${html.slice(from, caption)}fig-num">Figure ${number.get(m[1])}`;
  from = dot;
}
out += html.slice(from);
out = out.replace(/<a href="#(fig-[^"]+)">Figure \d+/g, (all, id) => (number.has(id) ? `<a href="#${id}">Figure ${number.get(id)}` : all));
if (out !== html) writeFileSync(file, out);
console.log(`index.html: ${number.size} figures${out === html ? ', already in order' : ', renumbered'}`);
