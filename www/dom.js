// The DOM helpers the views and elements share.

/** Links a stylesheet once (an element's own CSS), unless the page already links it: after
 * `after` when given, else at the end of the head. Returns the link. */
export function linkStylesheet(href, after = null) {
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    if (link.href === href) return link;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  if (after) after.after(link);
  else document.head.append(link);
  return link;
}

/** A new element with a class and attributes (set as text: nothing is parsed as HTML). */
export function el(tag, className, attrs = {}) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** A canvas in a figure with a caption; `prefix` names the view's classes (`hw-c`, `hw-m`). */
export function figure(prefix, className, caption, label, canvasClass = `${prefix}-canvas`) {
  const fig = el('figure', `${prefix}-fig ${className}`);
  const frame = el('div', `${prefix}-frame`);
  const canvas = el('canvas', canvasClass, { role: 'img', 'aria-label': label });
  frame.append(canvas);
  const cap = el('figcaption', `${prefix}-caption`);
  cap.textContent = caption;
  fig.append(frame, cap);
  return { fig, frame, canvas, cap };
}

