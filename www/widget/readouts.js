// The readouts: one [data-readout=NAME] per name Rust lists, its data-value the plain decimal and
// its text the view's words. Every value is Rust's; this module only shows it.

import { el } from '../dom.js';
import { human, plainDecimal } from '../format.js';

export class Readouts {
  constructor() {
    this.box = el('div', 'hw-readouts', { role: 'group', 'aria-label': 'Readouts', 'data-part': 'readouts' });
    this.names = [];
  }

  /** A readout per name (the list changes with the kind). */
  build(names) {
    this.names = names;
    this.els = names.map((name) => el('div', 'hw-readout', { 'data-readout': name, 'data-value': '0' }));
    this.shown = new Float64Array(names.length).fill(Number.NaN);
    this.lastFinite = new Float64Array(names.length);
    this.box.replaceChildren(...this.els);
  }

  /** The view's tooltips; the words are written afresh on the next update (they may change
   * with the kind). */
  retitle(view) {
    this.names.forEach((name, i) => {
      const title = view.readoutTitle(name);
      if (title) this.els[i].title = title;
      else this.els[i].removeAttribute('title');
    });
    this.shown.fill(Number.NaN);
  }

  /** Shows `values` (Rust's readouts, in the order of the names) in the view's words. */
  update(values, view) {
    for (let i = 0; i < this.names.length; i++) {
      let v = values[i];
      // Never show NaN or Infinity: keep the last finite value (the message says why).
      if (Number.isFinite(v)) this.lastFinite[i] = v;
      else v = this.lastFinite[i];
      if (v === this.shown[i]) continue;
      this.shown[i] = v;
      const e = this.els[i];
      e.dataset.value = plainDecimal(v);
      e.textContent = view.readoutText(this.names[i], v) ?? `${this.names[i]} = ${human(v, 4)}`;
    }
  }

  /** The step as shown (0 before the first update). */
  shownStep() {
    const i = this.names.indexOf('step');
    return i >= 0 ? this.shown[i] || 0 : 0;
  }

  /** The readouts' words as shown, the step first. */
  texts() {
    return this.els.map((e) => e.textContent).filter(Boolean);
  }
}
