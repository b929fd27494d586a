// The widget's stylesheets. Pages link www/hebb.css (the shell); the element links the rest
// right after it, in cascade order: each picture's own rules, then the frame modes last, so
// they win as they did in one file. Links rather than @import: the CSP (style-src 'self')
// forbids the inline copies tools such as axe make of imported sheets.
//
// The picture sheets are the views' own, one next to each view (www/views/<name>.css beside
// <name>.js), and the frame modes (www/css/frame.css) last. They are served as one file,
// www/pkg/widget.css, which the build joins in that cascade order (tools/preloads.mjs --css):
// one request instead of 13. index.html, embed.html and classroom.html link it in their heads (so
// it loads in parallel with the modules and the wasm); linkStylesheet() then finds it and links
// nothing. A host page that includes only the script gets it linked here.

import { linkStylesheet } from '../dom.js';

/** A link's sheet has arrived (or failed: the widget then runs unstyled rather than not at all). */
function arrived(link) {
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

/** Links hebb.css (unless the page does) and the pictures' sheet after it, once. Resolves when
 * both have arrived, so no picture is first drawn in a layout that is not yet the final one. */
export function linkStyles() {
  const shell = linkStylesheet(new URL('../hebb.css', import.meta.url).href);
  const pictures = linkStylesheet(new URL('../pkg/widget.css', import.meta.url).href, shell);
  return Promise.all([shell, pictures].map(arrived));
}
