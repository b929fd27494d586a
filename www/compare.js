// <hebb-compare kind="oja" seed="7" compare="eta:0.005,0.05">: two widgets side by side (stacked
// when narrow) on the same seed and the same data, differing only in the compared key, each
// labelled ("η = 0.005" | "η = 0.05"), under one bar of Play / Pause / Step / Reset / New seed
// that drives both by clicking their own [data-action] buttons.
//
// Every other attribute is a widget key and goes to both widgets. Without a seed, one is drawn
// and given to both. The spec is `key:v1,v2`; whether the key belongs to the kind and whether
// each value is valid is left to the widgets themselves (Rust parses and clamps): a key missing
// from their canonical query, or a value they repaired, makes a bad spec. A bad spec shows a
// notice and falls back to one widget; nothing here throws on bad input.
//
// Keys moved in one widget follow in the other (the compared key excepted), so the two runs keep
// differing in one key only; a key attribute set on this element later goes to both, and a new
// `compare` starts over. Events: `change` (detail.query = both widgets' shared canonical
// query plus compare=…) after the start and whenever a key changes; embed.html writes it into
// its URL.
//
// Also exported: PAGE_KEYS (keys of the page, never of a widget) and createFigure(), which builds
// a <hebb-widget> or, when the query has `compare`, a <hebb-compare> from a query string.

import { isKeyAttribute } from './hebb-widget.js';
import { el, linkStylesheet } from './dom.js';

/** Keys of the page around a figure: never passed to a widget. */
export const PAGE_KEYS = new Set(['compare', 'present']);

/** Keys that cannot be compared: they pick the widget or the page's layout, not a setting. */
const NOT_COMPARABLE = new Set(['kind', 'play', 'hide']);

/** How a label names a key (the widgets' slider labels use the same symbols). */
const SYMBOLS = {
  eta: 'η', alpha: 'α', beta: 'β', theta: 'θ', tau: 'τ', lambda: 'λ', l1: 'λ1', l2: 'λ2',
  p: 'P', n: 'n', k: 'k', d: 'd', sigma: 'σ', kmax: 'K max', w0: 'w0',
};

/** The run buttons of the shared bar, with the widget action each one clicks. */
const SHARED_ACTIONS = [
  ['play', '▶', 'Play', 'play both'],
  ['pause', '❚❚', 'Pause', 'pause both'],
  ['step', '→', 'Step', 'one step of both'],
  ['reset', '↺', 'Reset', 'both back to step 0'],
  ['new-seed', '⚄', 'New seed', 'new data and start weight, the same for both'],
];

linkStylesheet(new URL('compare.css', import.meta.url).href);

/** A user's text, shortened for a notice (it is shown as text, never parsed). */
function quoted(text) {
  const t = String(text);
  return `“${t.length > 40 ? `${t.slice(0, 40)}…` : t}”`;
}

/** `key:v1,v2` → { key, values } or { error }. */
export function parseSpec(spec) {
  const m = /^\s*([a-z][a-z0-9_-]*)\s*:\s*([^,:]+?)\s*,\s*([^,:]+?)\s*$/i.exec(spec ?? '');
  if (!m) {
    return { error: `compare=${quoted(spec ?? '')} is not of the form key:value1,value2 (for example eta:0.005,0.05)` };
  }
  const key = m[1].toLowerCase();
  if (NOT_COMPARABLE.has(key) || PAGE_KEYS.has(key) || !isKeyAttribute(key)) {
    return { error: `“${key}” cannot be compared: pick a setting such as eta, alpha or p` };
  }
  if (m[2] === m[3]) return { error: `compare=${quoted(spec)} gives the same value twice` };
  return { key, values: [m[2], m[3]] };
}

/** Does the widget's canonical value `got` say what was asked (`want`)? Numbers by value. */
function sameValue(got, want) {
  if (got === null) return false;
  const a = Number(got);
  const b = Number(want);
  if (got.trim() !== '' && want.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return got.toLowerCase() === want.toLowerCase();
}

/** A query string with readable `:` and `,` (both are allowed in a query). */
function encodeSpec(spec) {
  return encodeURIComponent(spec).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** Resolves once `widget` has left data-status=loading. */
function booted(widget) {
  return new Promise((resolve) => {
    const done = () => widget.dataset.status && widget.dataset.status !== 'loading';
    if (done()) {
      resolve();
      return;
    }
    const watch = new MutationObserver(() => {
      if (!done()) return;
      watch.disconnect();
      resolve();
    });
    watch.observe(widget, { attributes: true, attributeFilter: ['data-status'] });
  });
}

function randomSeed() {
  return String(crypto.getRandomValues(new Uint32Array(1))[0]);
}

export class HebbCompare extends HTMLElement {
  constructor() {
    super();
    this.started = false;
    this.widgets = [];
    this.spec = null; // { key, values } while two widgets run
    this.generation = 0; // a newer set-up makes an older one's pending boot moot
  }

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    this.notice = el('p', 'hc-notice', { role: 'status', 'aria-live': 'polite', hidden: '' });
    this.bar = el('div', 'hc-bar', { role: 'group', 'aria-label': 'Both runs' });
    for (const [action, icon, words, title] of SHARED_ACTIONS) {
      const b = el('button', 'hc-button', { type: 'button', 'data-shared': action, title });
      const i = el('span', 'hc-icon', { 'aria-hidden': 'true' });
      i.textContent = icon;
      b.append(i, words);
      b.addEventListener('click', () => this.act(action));
      this.bar.append(b);
    }
    this.what = el('span', 'hc-what');
    this.bar.append(this.what);
    this.panels = el('div', 'hc-panels');
    this.append(this.notice, this.bar, this.panels);
    this.setUp();
    // A host page changing an attribute later: a new spec starts over, a key goes to both.
    new MutationObserver((records) => {
      for (const r of records) this.attributeChanged(r.attributeName);
    }).observe(this, { attributes: true });
  }

  attributeChanged(name) {
    if (name === 'compare') {
      this.notice.hidden = true;
      this.setUp();
    } else if (isKeyAttribute(name) && !PAGE_KEYS.has(name) && this.hasAttribute(name) && name !== this.spec?.key) {
      for (const w of this.widgets) w.setAttribute(name, this.getAttribute(name));
    }
  }

  /** The widget keys this element carries (everything but the page's keys). */
  keyAttributes() {
    const keys = new Map();
    for (const a of this.attributes) {
      if (isKeyAttribute(a.name) && !PAGE_KEYS.has(a.name)) keys.set(a.name, a.value);
    }
    return keys;
  }

  setUp() {
    const generation = ++this.generation;
    const keys = this.keyAttributes();
    const spec = parseSpec(this.getAttribute('compare'));
    if (spec.error) {
      this.single(keys, spec.error);
      return;
    }
    if (spec.key !== 'seed' && !keys.has('seed')) keys.set('seed', randomSeed());
    keys.delete(spec.key);
    // Both start paused and are started together once both are known to be valid.
    const play = keys.get('play');
    keys.set('play', '0');
    const widgets = spec.values.map((v) => this.widget(new Map([...keys, [spec.key, v]])));
    this.spec = spec;
    this.widgets = widgets;
    this.dataset.mode = 'two';
    this.panels.replaceChildren(
      ...widgets.map((w, i) => {
        const panel = el('figure', 'hc-panel');
        const label = el('figcaption', 'hc-label');
        label.textContent = this.label(spec.key, spec.values[i]);
        panel.append(label, w);
        return panel;
      }),
    );
    this.what.textContent = `Same seed and data; only ${SYMBOLS[spec.key] ?? spec.key} differs.`;
    Promise.all(widgets.map(booted)).then(() => {
      if (generation !== this.generation) return;
      this.check(spec, keys, play);
    });
  }

  /** After both widgets booted: is the spec one they accept? Then start them together. */
  check(spec, keys, play) {
    const queries = this.widgets.map((w) => new URLSearchParams(w.query()));
    const kind = queries[0].get('kind') ?? 'this';
    let problem = '';
    if (this.widgets.some((w) => w.dataset.status === 'error')) {
      return; // the widgets say why themselves
    } else if (!queries[0].has(spec.key)) {
      problem = `the ${kind} widget has no key “${spec.key}”, so there is nothing to compare`;
    } else {
      const bad = spec.values.findIndex((v, i) => !sameValue(queries[i].get(spec.key), v));
      if (bad >= 0) {
        const sym = SYMBOLS[spec.key] ?? spec.key;
        problem = `${sym} = ${quoted(spec.values[bad])} is not a value the ${kind} widget takes (it would use ${queries[bad].get(spec.key)})`;
      }
    }
    if (!problem && queries[0].get(spec.key) === queries[1].get(spec.key)) {
      problem = `the two values of ${SYMBOLS[spec.key] ?? spec.key} are the same`;
    }
    if (problem) {
      if (play === undefined) keys.delete('play');
      else keys.set('play', play);
      this.single(keys, problem);
      return;
    }
    // What each widget was last known to hold: only what a widget changed since then is sent
    // to the other (copying its whole query would send back values the other just changed).
    this.known = this.widgets.map((w) => new URLSearchParams(w.query()));
    for (const [i, w] of this.widgets.entries()) {
      w.addEventListener('change', (e) => this.follow(i, e.detail?.query));
    }
    this.watchStatus();
    this.playAfter = play;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (play === undefined ? !reduced : play.trim() === '1') this.act('play');
    this.announce();
  }

  /** One widget and a notice (a bad spec never stops the page). */
  single(keys, problem) {
    this.spec = null;
    this.statusWatch?.disconnect();
    delete this.dataset.status;
    this.dataset.mode = 'one';
    this.notice.textContent = `Showing one run: ${problem}.`;
    this.notice.hidden = false;
    const w = this.widget(keys);
    this.widgets = [w];
    const panel = el('div', 'hc-panel');
    panel.append(w);
    this.panels.replaceChildren(panel);
    w.addEventListener('change', () => this.announce());
  }

  widget(keys) {
    const w = document.createElement('hebb-widget');
    // The page's frame loop serves the pair in the same frames, so they stay in step.
    w.frameGroup = this;
    if (this.classList.contains('hc-fill')) w.className = 'hw-fill';
    for (const [k, v] of keys) {
      try {
        w.setAttribute(k, v);
      } catch {
        // not a valid attribute name: no such key, nothing lost
      }
    }
    return w;
  }

  label(key, value) {
    return `${SYMBOLS[key] ?? key} = ${value}`;
  }

  /** Widget `i` changed a key: the other follows, except in the compared key. */
  follow(i, query) {
    if (!this.spec || typeof query !== 'string') return;
    const mine = new URLSearchParams(query);
    const was = this.known[i];
    this.known[i] = mine;
    const other = this.widgets[1 - i];
    const theirs = new URLSearchParams(other.query());
    for (const [k, v] of mine) {
      if (was.get(k) === v) continue;
      if (k === this.spec.key) {
        if (!sameValue(this.spec.values[i], v)) {
          this.spec.values[i] = v;
          this.panels.children[i].querySelector('.hc-label').textContent = this.label(k, v);
        }
      } else if (theirs.get(k) !== v) {
        other.setAttribute(k, v);
      }
    }
    this.announce();
  }

  /** Presses the same button in every widget, in one go (so both run the same frames). */
  act(action) {
    if (action === 'new-seed') {
      const seed = randomSeed();
      for (const w of this.widgets) w.setAttribute('seed', seed);
      return;
    }
    for (const w of this.widgets) w.querySelector(`.hw-buttons [data-action="${action}"]`)?.click();
    // Each run is paced by its own measured cost, so one may be a frame's steps behind: paused,
    // the two show the same step.
    if (action === 'pause') {
      const steps = this.widgets.map((w) => (w.sim ? w.readout('step') : NaN));
      const ahead = Math.max(...steps);
      this.widgets.forEach((w, i) => {
        if (w.coreStatus === 'ready' && steps[i] < ahead) {
          w.sim.advance((ahead - steps[i]) * w.view.advancePerStep());
          w.coreStatus = w.sim.status();
          w.markDynamic();
          w.schedule();
        }
      });
    }
  }

  /** The shared Play / Pause show whether the runs are going, like the widgets' own buttons. */
  watchStatus() {
    const update = () => {
      const statuses = this.widgets.map((w) => w.dataset.status);
      this.dataset.status = statuses.join(' ');
      const running = statuses.some((s) => s === 'running');
      this.bar.querySelector('[data-shared="play"]').setAttribute('aria-pressed', String(running));
      this.bar.querySelector('[data-shared="pause"]').setAttribute('aria-pressed', String(!running && statuses.includes('paused')));
    };
    this.statusWatch?.disconnect();
    this.statusWatch = new MutationObserver(update);
    for (const w of this.widgets) this.statusWatch.observe(w, { attributes: true, attributeFilter: ['data-status'] });
    update();
  }

  /** The canonical query of what is shown: the widgets' shared keys plus compare=… */
  query() {
    const first = this.widgets[0];
    if (!first) return '';
    const q = new URLSearchParams(first.query());
    const compare = this.getAttribute('compare') ?? '';
    if (!this.spec) return `${q}&compare=${encodeSpec(compare)}`;
    q.delete(this.spec.key);
    // `play` was forced to 0 to start both together: the query says what was asked.
    if (this.playAfter === undefined) q.delete('play');
    else q.set('play', this.playAfter);
    return `${q}&compare=${encodeSpec(`${this.spec.key}:${this.spec.values.join(',')}`)}`;
  }

  announce() {
    this.dispatchEvent(new CustomEvent('change', { detail: { query: this.query() } }));
  }
}

if (!customElements.get('hebb-compare')) customElements.define('hebb-compare', HebbCompare);

/** A figure for `params` (URLSearchParams): a <hebb-widget>, or a <hebb-compare> when there is a
 * `compare` key. Only widget keys become attributes — never class, style or a handler from a
 * URL — and never the page's keys. `fill`: the figure fills its box (embed.html, the tour). */
export function createFigure(params, { fill = false } = {}) {
  const compare = params.get('compare');
  const figure = document.createElement(compare === null ? 'hebb-widget' : 'hebb-compare');
  if (fill) figure.className = compare === null ? 'hw-fill' : 'hc-fill';
  for (const [key, value] of params) {
    const name = key.toLowerCase();
    if (!isKeyAttribute(name) || PAGE_KEYS.has(name)) continue;
    try {
      figure.setAttribute(name, value);
    } catch {
      // Not a valid attribute name (e.g. "a b"): there is no such key, so nothing is lost.
    }
  }
  if (compare !== null) figure.setAttribute('compare', compare);
  return figure;
}
