// Which attributes of <hebb-widget> are keys of the contract (docs/contract.md): everything but plain
// HTML goes to Rust, so an unknown key is reported in the message rather than silently dropped.

const HTML_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'tabindex', 'title', 'lang', 'dir', 'hidden', 'slot', 'role', 'part',
  'autofocus', 'inert', 'nonce', 'is', 'translate', 'draggable', 'contenteditable', 'spellcheck',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'name',
]);

export function isKeyAttribute(name) {
  return !HTML_ATTRIBUTES.has(name) && !/^(data-|aria-|on)/.test(name);
}

/** An element's key attributes as a query string for Rust. */
export function keyQuery(element) {
  const q = new URLSearchParams();
  for (const a of element.attributes) if (isKeyAttribute(a.name)) q.append(a.name, a.value);
  return q.toString();
}
