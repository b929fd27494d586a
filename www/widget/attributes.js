// Which attributes of <hebb-widget> are keys of the contract (docs/contract.md): everything but plain
// HTML goes to Rust, so an unknown key is reported in the message rather than silently dropped.
// And how a host page's attribute changes reach a live widget: collected, and applied once per
// frame with the latest value of each, whatever the number of setAttribute calls.

const HTML_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'tabindex', 'title', 'lang', 'dir', 'hidden', 'slot', 'role', 'part',
  'autofocus', 'inert', 'nonce', 'is', 'translate', 'draggable', 'contenteditable', 'spellcheck',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'name',
]);

export function isKeyAttribute(name) {
  return !HTML_ATTRIBUTES.has(name) && !/^(data-|aria-|on)/.test(name);
}

/** An element's key attributes, in document order. */
function keyAttributes(element) {
  const keys = new Map();
  for (const a of element.attributes) if (isKeyAttribute(a.name)) keys.set(a.name, a.value);
  return keys;
}

/** An element's key attributes as a query string for Rust. */
export function keyQuery(element) {
  return new URLSearchParams([...keyAttributes(element)]).toString();
}

/**
 * The key attributes of `element` since they were last taken. Attributes changed or removed
 * while the element was away from the page count when it returns (the diff is against what was
 * applied, not a record of mutations); `onChange` asks for the frame that will take them.
 */
export class AttributeWatch {
  constructor(element, onChange) {
    this.element = element;
    this.applied = new Map();
    this.observer = new MutationObserver(() => onChange());
  }

  /** The run was just made from the attributes as they are now. */
  taken() {
    this.applied = keyAttributes(this.element);
  }

  start() {
    this.observer.observe(this.element, { attributes: true });
  }

  stop() {
    this.observer.disconnect();
  }

  /**
   * The changes to apply, in the order a fresh element reads its keys (`kind`, then `preset`,
   * then the rest): `[key, value]`, value null for a removed attribute. When `kind` or `preset`
   * changed, every other key attribute follows it again, so the keys the author set explicitly
   * win over the preset, as they do in a fresh element with the same attributes.
   */
  take() {
    const now = keyAttributes(this.element);
    const changed = [];
    for (const [k, v] of now) if (this.applied.get(k) !== v) changed.push([k, v]);
    for (const k of this.applied.keys()) if (!now.has(k)) changed.push([k, null]);
    this.applied = now;
    if (!changed.length) return changed;
    const rank = (k) => (k === 'kind' ? 0 : k === 'preset' ? 1 : 2);
    changed.sort((a, b) => rank(a[0]) - rank(b[0]));
    if (changed.some(([k]) => rank(k) < 2)) {
      const named = new Set(changed.map(([k]) => k));
      for (const [k, v] of now) if (rank(k) === 2 && !named.has(k)) changed.push([k, v]);
    }
    return changed;
  }
}
