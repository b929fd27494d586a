// The widget's stylesheets. Pages link www/hebb.css (the shell); the element links the rest
// right after it, in cascade order: each picture's own rules, then the frame modes last, so
// they win as they did in one file. Links rather than @import: the CSP (style-src 'self')
// forbids the inline copies tools such as axe make of imported sheets.

import { linkStylesheet } from '../dom.js';

const SHEETS = [
  'views/cloud.css',
  'views/memory.css',
  'views/recall.css',
  'views/hopfield.css',
  'views/modern.css',
  'views/ei.css',
  'views/capacity.css',
  'views/circuit.css',
  'views/many.css',
  'views/recurrent.css',
  'views/bcm.css',
  'views/prune.css',
  'css/frame.css',
];

/** A link's sheet has arrived (or failed: the widget then runs unstyled rather than not at all). */
function arrived(link) {
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

/** Links hebb.css (unless the page does) and every other sheet after it, once. Resolves when
 * all have arrived, so no picture is first drawn in a layout that is not yet the final one. */
export function linkStyles() {
  let at = linkStylesheet(new URL('../hebb.css', import.meta.url).href);
  const links = [at];
  for (const path of SHEETS) {
    at = linkStylesheet(new URL(`../${path}`, import.meta.url).href, at);
    links.push(at);
  }
  return Promise.all(links.map(arrived));
}
