// A BCM neuron with its sliding threshold (`bcm`): the chart of the responses over time, and the
// response to each input now as bars under θ.

import { CircuitView } from './circuit.js';
import { INPUTS } from '../draw/palette.js';
import { el } from '../dom.js';
import { human, signed } from '../format.js';

const TEXT = {
  title: 'BCM: a sliding threshold',
  rule: 'Δw = η x y (y − θ),  θ ← θ + (y² − θ) / τθ',
  hint: 'A response above θ grows, one below θ shrinks, and θ follows the average of y². The neuron ends up answering one input and ignoring the rest, as long as θ keeps up with the weights.',
};

export class BcmView extends CircuitView {
  words() {
    return TEXT;
  }

  readoutText(name, v) {
    if (name === 'selectivity') return `selectivity ${v.toFixed(3)}`;
    if (name === 'threshold') return `θ = ${signed(human(v, 3))}`;
    return super.readoutText(name, v);
  }

  readoutTitle(name) {
    return {
      selectivity: '1 − second-largest response / largest response: 1 when a single input drives the neuron',
      threshold: 'the sliding threshold θ, a running average of y² with time constant τθ',
    }[name] ?? super.readoutTitle(name);
  }

  build(readouts, main) {
    const side = el('div', 'hw-c-side');
    this.chart = el('canvas', 'hw-chart hw-c-chart', {
      role: 'img',
      'aria-label': 'The response to each input against samples, with the threshold θ dashed',
      'data-part': 'charts',
    });
    this.resp = this.buildResponses();
    side.append(this.resp.box, readouts);
    main.replaceChildren(this.chart, side);
  }

  /** The current response to each input as bars, with θ as a line across them. */
  buildResponses() {
    const box = el('div', 'hw-c-resp', { role: 'img', 'aria-label': 'The response to each input now, with the threshold θ' });
    const label = el('span', 'hw-c-label');
    label.textContent = 'response to each input now';
    const plot = el('div', 'hw-c-resp-plot');
    const bars = el('div', 'hw-c-resp-bars');
    const theta = el('div', 'hw-c-theta');
    const tl = el('span');
    tl.textContent = 'θ';
    theta.append(tl);
    plot.append(bars, theta);
    const axis = el('div', 'hw-c-resp-axis');
    box.append(label, plot, axis);
    return { box, bars, axis, theta, items: [], count: -1 };
  }

  drawPicture() {
    const r = this.resp;
    const y = this.buf('responses');
    const theta = this.host.readout('threshold');
    const k = y.length;
    if (k !== r.count) {
      r.count = k;
      r.items = [];
      const bars = [];
      const nums = [];
      for (let i = 0; i < k; i++) {
        const b = el('span', 'hw-c-resp-bar');
        b.style.background = INPUTS[i % INPUTS.length];
        const n = el('span');
        n.textContent = String(i + 1);
        bars.push(b);
        nums.push(n);
        r.items.push({ bar: b, shown: Number.NaN });
      }
      r.bars.replaceChildren(...bars);
      r.axis.replaceChildren(...nums);
    }
    // A steady scale around the selective state (one response K, θ ≈ K), growing when needed.
    let top = 1.3 * Math.max(1, k);
    for (const v of y) if (Number.isFinite(v)) top = Math.max(top, 1.05 * v);
    if (Number.isFinite(theta)) top = Math.max(top, 1.05 * theta);
    const frac = (v) => Math.max(0, Math.min(1, v / top));
    const rescaled = top !== r.top; // a new scale redraws every bar, not only the changed ones
    r.top = top;
    r.items.forEach((it, i) => {
      const v = y[i];
      if (v === it.shown && !rescaled) return;
      it.shown = v;
      it.bar.style.height = `${(frac(Number.isFinite(v) ? v : 0) * 100).toFixed(2)}%`;
      it.bar.title = `input ${i + 1}: response ${Number.isFinite(v) ? signed(human(v, 3)) : '—'}`;
    });
    const ok = Number.isFinite(theta);
    r.theta.style.visibility = ok ? 'visible' : 'hidden';
    if (ok) {
      r.theta.style.bottom = `${(frac(theta) * 100).toFixed(2)}%`;
      r.theta.title = `θ = ${signed(human(theta, 3))}`;
    }
  }
}
