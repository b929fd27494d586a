// embed.html: one widget filling the frame, configured by the page's query string, e.g.
// embed.html?kind=oja&eta=0.02&seed=7&hide=text. This is the only page that writes its URL:
// as the controls change, the address becomes the widget's canonical query (history.replaceState).

import { isKeyAttribute } from './hebb-widget.js';

const widget = document.createElement('hebb-widget');
widget.className = 'hw-fill';
for (const [key, value] of new URLSearchParams(window.location.search)) {
  // Only widget keys become attributes: never class, style or an event handler from a URL.
  if (!isKeyAttribute(key.toLowerCase())) continue;
  try {
    widget.setAttribute(key, value);
  } catch {
    // Not a valid attribute name (e.g. "a b"): there is no such key, so nothing is lost.
  }
}
document.body.append(widget);

let pending = 0;
widget.addEventListener('change', (e) => {
  const query = e.detail?.query;
  if (typeof query !== 'string') return;
  // Sliders fire many changes a second; browsers limit replaceState, so write at most ~6 a second.
  clearTimeout(pending);
  pending = setTimeout(() => {
    history.replaceState(history.state, '', `${window.location.pathname}?${query}${window.location.hash}`);
  }, 150);
});
