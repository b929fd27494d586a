// The one DOM helper every view shares.

/** A new element with a class and attributes (set as text: nothing is parsed as HTML). */
export function el(tag, className, attrs = {}) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}
