// Sliders and menus built from the Rust schema (key, label, range, log flag, options, value).
// No range is written here: change the schema in src/params.rs and the controls follow.

import { controlText, human, plainDecimal } from './format.js';

/** Slider positions of a log-scale slider: 0…LOG_STEPS. */
const LOG_STEPS = 1000;

/** Words for menu values; anything not listed shows its raw name. */
const OPTION_TEXT = {
  hebb: 'Hebb',
  decay: 'Hebb + decay',
  oja: 'Oja',
  infomax: 'why PC1',
  gaussian: 'Gaussian',
  clusters: 'two clusters',
  round: 'round',
  line: 'stretched line',
  gha: 'GHA (Sanger)',
  subspace: 'Oja subspace',
  similarity: 'similarity matching',
  recurrent: 'recurrent Hebb',
  bcm: 'BCM',
  prune: 'growth and pruning',
  backprop: 'Hebb vs backprop',
  balance: 'inhibitory plasticity',
  l2: 'L2: λ w',
  l1: 'L1: λ sign(w)',
};

/** A slider is drawn on a log scale when the schema says so, or when its range spans three or
 * more decades from a positive minimum (a linear 0.01…100 slider would crowd 0.5 and 3 together). */
function isLog(p) {
  return p.log || (p.min > 0 && p.max / p.min >= 1000);
}

/** Linear slider step: a power of ten giving at least ~500 positions. */
function linearStep(p) {
  if (p.integer) return 1;
  return 10 ** Math.floor(Math.log10((p.max - p.min) / 500));
}

/** Where a value sits along its slider, 0…1 (NaN when outside). */
function fraction(p, v) {
  if (!(v >= p.min && v <= p.max)) return Number.NaN;
  if (isLog(p)) return (Math.log(v) - Math.log(p.min)) / (Math.log(p.max) - Math.log(p.min));
  return (v - p.min) / (p.max - p.min);
}

export class Controls {
  /**
   * @param {HTMLElement} menus   where choice controls go
   * @param {HTMLElement} sliders where number controls go
   * @param {string} prefix       unique id prefix of this widget
   * @param {(key: string, text: string) => void} onSet
   */
  constructor(menus, sliders, prefix, onSet) {
    this.menus = menus;
    this.sliders = sliders;
    this.prefix = prefix;
    this.onSet = onSet;
    this.signature = '';
    /** key → { param, input, output, marks } */
    this.items = new Map();
    this.active = null; // the slider being dragged: its thumb is left alone while it moves
    for (const box of [menus, sliders]) {
      box.addEventListener('input', (e) => this.handle(e));
      box.addEventListener('change', (e) => {
        this.handle(e);
        // Native change events stop here; the widget's own `change` event carries the query.
        e.stopPropagation();
      });
    }
    sliders.addEventListener('pointerdown', (e) => {
      if (e.target instanceof HTMLInputElement) this.active = e.target;
    });
    sliders.addEventListener('pointerup', () => {
      this.active = null;
    });
    sliders.addEventListener('focusout', () => {
      this.active = null;
    });
  }

  handle(e) {
    const input = e.target;
    const item = this.items.get(input.name);
    if (!item) return;
    const p = item.param;
    if (input.tagName === 'SELECT') {
      if (e.type === 'change') this.onSet(p.key, input.value);
      return;
    }
    if (e.type !== 'input') return;
    if (isLog(p)) {
      const t = Number(input.value) / LOG_STEPS;
      let v = Math.exp(Math.log(p.min) + t * (Math.log(p.max) - Math.log(p.min)));
      // Three significant figures keep URLs readable; whole-number keys get whole numbers.
      v = Number(v.toPrecision(3));
      if (p.integer) v = Math.round(v);
      this.onSet(p.key, plainDecimal(v));
    } else {
      this.onSet(p.key, input.value);
    }
  }

  /** Rebuilds the controls when the set of keys changed (e.g. α appears for `decay`), then
   * shows the schema's current values. */
  update(schema) {
    // A menu with a single option (the one preset of some kinds) offers no choice: not shown,
    // the key keeps its value.
    const shown = schema.filter((p) => p.control && !(p.type === 'choice' && p.options.length < 2));
    const signature = shown.map((p) => (p.type === 'choice' ? `${p.key}:${p.options.join('|')}` : p.key)).join(',');
    if (signature !== this.signature) this.build(shown, signature);
    for (const p of shown) this.show(this.items.get(p.key), p);
  }

  build(shown, signature) {
    this.signature = signature;
    this.items.clear();
    this.menus.replaceChildren();
    this.sliders.replaceChildren();
    for (const p of shown) {
      const id = `${this.prefix}-${p.key}`;
      if (p.type === 'choice') {
        // The rule menu sits with the buttons; other menus (the data preset) with the sliders.
        const inBar = p.key === 'kind';
        const label = document.createElement('label');
        label.className = inBar ? 'hw-menu' : 'hw-menu hw-menu-cell';
        label.htmlFor = id;
        const text = document.createElement('span');
        text.textContent = p.label;
        const select = document.createElement('select');
        select.id = id;
        select.name = p.key;
        for (const o of p.options) {
          const opt = document.createElement('option');
          opt.value = o;
          opt.textContent = OPTION_TEXT[o] ?? o;
          select.append(opt);
        }
        label.append(text, select);
        (inBar ? this.menus : this.sliders).append(label);
        this.items.set(p.key, { param: p, input: select, output: null, marks: null });
      } else if (p.type === 'number') {
        const box = document.createElement('div');
        box.className = 'hw-slider';
        box.dataset.key = p.key;
        const head = document.createElement('div');
        head.className = 'hw-slider-head';
        const label = document.createElement('label');
        label.htmlFor = id;
        label.textContent = p.label;
        const output = document.createElement('output');
        output.htmlFor = id;
        head.append(label, output);
        const track = document.createElement('div');
        track.className = 'hw-track';
        const input = document.createElement('input');
        input.type = 'range';
        input.id = id;
        input.name = p.key;
        if (isLog(p)) {
          input.min = '0';
          input.max = String(LOG_STEPS);
          input.step = '1';
          input.dataset.scale = 'log';
        } else {
          input.min = plainDecimal(p.min);
          input.max = plainDecimal(p.max);
          input.step = plainDecimal(linearStep(p));
        }
        const marks = document.createElement('div');
        marks.className = 'hw-marks';
        marks.setAttribute('aria-hidden', 'true');
        track.append(input, marks);
        box.append(head, track);
        this.sliders.append(box);
        this.items.set(p.key, { param: p, input, output, marks });
      }
    }
  }

  show(item, p) {
    if (!item) return;
    item.param = p;
    const { input, output } = item;
    if (input.tagName === 'SELECT') {
      if (input.value !== p.value) input.value = p.value;
      return;
    }
    const text = controlText(p.value, p.integer);
    output.textContent = text;
    input.setAttribute('aria-valuetext', text);
    input.dataset.value = plainDecimal(p.value);
    // A range may follow other keys (the `cue` slider ends at P).
    if (!isLog(p) && input.max !== plainDecimal(p.max)) {
      input.max = plainDecimal(p.max);
      input.step = plainDecimal(linearStep(p));
    }
    if (input === this.active) return;
    const pos = isLog(p)
      ? String(Math.round(fraction(p, p.value) * LOG_STEPS))
      : plainDecimal(p.value);
    if (input.value !== pos) input.value = pos;
  }

  /** Ticks and labels on the slider tracks, from the JSON of `marks()`. */
  setMarks(marks) {
    for (const [key, item] of this.items) {
      if (!item.marks) continue;
      const list = (marks[key] ?? [])
        .map((m) => ({ ...m, at: fraction(item.param, m.value) }))
        .filter((m) => Number.isFinite(m.at))
        .sort((a, b) => a.at - b.at);
      item.marks.replaceChildren();
      // Labels sit under their ticks; two close ticks push their labels apart (the left one
      // ending at its tick, the right one starting at its tick), or drop the second a row.
      let prev = null;
      let twoRows = false;
      for (const m of list) {
        const span = document.createElement('span');
        span.className = 'hw-mark';
        // The thumb is 14 px wide, so its centre runs from 7 px to (width − 7 px).
        span.style.left = `calc(7px + (100% - 14px) * ${m.at.toFixed(4)})`;
        let align = m.at < 0.1 ? 'start' : m.at > 0.9 ? 'end' : 'center';
        let row = 0;
        if (prev && m.at - prev.at < 0.22) {
          if (prev.row === 0 && prev.at > 0.22) {
            prev.span.dataset.align = 'end';
            align = 'start';
          } else {
            row = prev.row === 0 ? 1 : 0;
            twoRows ||= row === 1;
          }
        }
        span.dataset.align = align;
        span.dataset.row = String(row);
        span.title = `${item.param.key} = ${m.label} ≈ ${human(m.value, 3)}`;
        const label = document.createElement('b');
        label.textContent = m.label;
        span.append(label);
        item.marks.append(span);
        prev = { at: m.at, row, span };
      }
      item.marks.classList.toggle('hw-two-rows', twoRows);
      item.input.closest('.hw-slider').classList.toggle('hw-has-marks', list.length > 0);
    }
  }
}
