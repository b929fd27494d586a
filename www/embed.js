// embed.html: one widget filling the frame, configured by the page's query string, e.g.
// embed.html?kind=oja&eta=0.02&seed=7&hide=text. This is the only page that writes its URL:
// as the controls change, the address becomes the figure's canonical query (history.replaceState).
//
// Two keys belong to the page, not to the widget (compare.js, PAGE_KEYS): `compare=key:v1,v2`
// shows two widgets side by side on the same seed (<hebb-compare>), and `present=1` turns on
// presentation mode (large type, high contrast: www/present.css). Both stay in the URL it writes.

import { createFigure } from './compare.js';

const params = new URLSearchParams(window.location.search);
const present = params.get('present') === '1';
if (present) document.documentElement.classList.add('present');

const figure = createFigure(params, { fill: true });
document.body.append(figure);

let pending = 0;
figure.addEventListener('change', (e) => {
  const query = e.detail?.query;
  if (typeof query !== 'string') return;
  // Sliders fire many changes a second; browsers limit replaceState, so write at most ~6 a second.
  clearTimeout(pending);
  pending = setTimeout(() => {
    const page = present ? '&present=1' : '';
    history.replaceState(history.state, '', `${window.location.pathname}?${query}${page}${window.location.hash}`);
  }, 150);
});
