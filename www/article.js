// The article's own behaviour (index.html), on top of the widgets:
// - a "Try this" button (`data-for` = a figure's id, `data-set` = keys as a query string) puts
//   that figure's widget on exactly those values and runs it again from step 0;
// - the contents list marks the section being read (aria-current);
// - an equation too wide for a narrow screen scrolls sideways and can take the keyboard focus.
// Everything else on the page is static HTML and reads the same without this module.

/** The widget in the figure a button points at (`data-for`). */
function widgetOf(button) {
  return document.getElementById(button.dataset.for)?.querySelector('hebb-widget') ?? null;
}

/** Every key any button sets on `widget`, with the value the page gave it (null: none, so the
 * key takes what a fresh widget would, preset included). A button's values are applied on top
 * of these, so the result does not depend on which buttons came before. */
const originals = new Map();
for (const button of document.querySelectorAll('button.try-set')) {
  const widget = widgetOf(button);
  if (!widget) continue;
  const keys = originals.get(widget) ?? new Map();
  for (const key of new URLSearchParams(button.dataset.set).keys()) {
    keys.set(key, widget.getAttribute(key));
  }
  originals.set(widget, keys);
}

/** Sets (or, for null, removes) attributes. The widget applies them together in its next frame,
 * as a fresh element reads them: a preset's defaults, then the keys given explicitly. */
function setKeys(widget, pairs) {
  for (const [key, value] of pairs) {
    if (value === null) widget.removeAttribute(key);
    else widget.setAttribute(key, value);
  }
}

function tryIt(button) {
  const widget = widgetOf(button);
  if (!widget) return;
  setKeys(widget, originals.get(widget) ?? []);
  setKeys(widget, new URLSearchParams(button.dataset.set));
  // Attributes apply in the widget's next frame; a click takes them in at once.
  widget.applyAttributes?.();
  widget.querySelector('[data-action=reset]')?.click();
  widget.querySelector('[data-action=play]')?.click();
  const box = widget.getBoundingClientRect();
  if (box.bottom < 0 || box.top > window.innerHeight) widget.scrollIntoView({ block: 'nearest' });
}

document.addEventListener('click', (e) => {
  const button = e.target.closest?.('button.try-set');
  if (button) tryIt(button);
});

// ---- contents: mark the section that crosses a line a third of the way down the window ----
const links = new Map(
  [...document.querySelectorAll('nav.toc a[href^="#"]')].map((a) => [a.getAttribute('href').slice(1), a]),
);
let current = null;
const reading = new IntersectionObserver(
  (entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      const link = links.get(e.target.id);
      if (!link || link === current) continue;
      current?.removeAttribute('aria-current');
      link.setAttribute('aria-current', 'true');
      current = link;
    }
  },
  { rootMargin: '-33% 0px -66% 0px' },
);
for (const id of links.keys()) {
  const section = document.getElementById(id);
  if (section) reading.observe(section);
}

// ---- equations wider than the column: scrollable, so reachable by keyboard too ----
const equations = [...document.querySelectorAll('math[display=block]')];
function focusableWhenScrolling() {
  for (const m of equations) {
    if (m.scrollWidth > m.clientWidth + 1) {
      m.tabIndex = 0;
    } else {
      m.removeAttribute('tabindex');
    }
  }
}
new ResizeObserver(focusableWhenScrolling).observe(document.documentElement);
