// `hopfield`: the state grid to paint on, the stored patterns with their overlaps, the energy
// chart beside the weight matrix W, and a button that stores the current picture.

import { RecallView } from './recall.js';
import { drawWeightMatrix } from '../draw/grid.js';
import { el } from '../dom.js';

/** The weight heatmap shows at most this many neurons (a crop of W). */
const W_SHOWN = 256;

const READOUT_TITLES = {
  step: 'sweeps done (one sweep = N single-neuron updates)',
  overlap: 'overlap m = (1/N) Σ ξᵢ sᵢ with the cued pattern (1 = recalled)',
  energy: 'energy E = −½ sᵀ W s; asynchronous updates never raise it',
  'wrong-bits': 'fraction of neurons whose sign differs from the cued pattern',
};

const STATUS_WORDS = {
  running: 'Recalling: one neuron at a time takes the sign of its input. Paint on the picture to disturb it.',
  ready: 'Ready: press play (Space) or step (→, one sweep). Paint on the picture first if you like.',
  paused: 'Paused: Space plays, → runs one sweep of N updates.',
  converged: 'Converged: a whole sweep without a flip, so this is a stable state. Paint on it, store it, or reset.',
};

export class HopfieldView extends RecallView {
  words() {
    return {
      title: 'Hopfield network: completing a picture',
      rule: 'W = (1/N) Σ ξᵘξᵘᵀ,  sᵢ ← sgn(Σⱼ Wᵢⱼ sⱼ)',
      hint: 'Each stored picture is a valley of the energy. A neuron flips when its input disagrees with it, and every flip goes downhill, so a noisy cue rolls into the nearest memory.',
    };
  }

  static readoutTitles = READOUT_TITLES;
  static statusWords = STATUS_WORDS;
  buttonTitles() {
    return { ...super.buttonTitles(), step: 'one sweep: N single-neuron updates (→)' };
  }

  build() {
    const { head, lower } = this.buildRecall('state');
    const store = el('button', 'hw-button hw-m-store', {
      type: 'button',
      'data-action': 'store',
      title: 'add the current picture to the memories (W += ξξᵀ)',
    });
    const icon = el('span', 'hw-icon', { 'aria-hidden': 'true' });
    icon.textContent = '+';
    store.append(icon, 'store this picture');
    head.append(store);
    lower.append(this.chartCanvas('Energy against time in sweeps'));
    const box = el('div', 'hw-m-wbox');
    const wfig = el('figure', 'hw-m-fig hw-m-w');
    const frame = el('div', 'hw-m-frame');
    this.wCanvas = el('canvas', 'hw-grid', {
      role: 'img',
      'aria-label': 'The weight matrix W: warm positive, cool negative',
    });
    frame.append(this.wCanvas);
    this.wCaption = el('figcaption', 'hw-m-caption');
    wfig.append(frame, this.wCaption);
    // Readouts first: in a short frame the heatmap gives way, never the numbers.
    box.append(this.host.readoutBox, wfig);
    lower.append(box);
  }

  /** `speed` neuron updates (async) or exactly one sweep (sync) per frame. */
  advance(speed, t, budget) {
    const sim = this.host.sim();
    this.host.pace((n) => sim.advance(n), speed, budget);
    this.markDynamic();
    return 'check';
  }

  /** One sweep: N single-neuron updates. */
  /** A step of the readout is a sweep: N neuron updates. */
  advancePerStep() {
    return Math.max(1, this.side * this.side);
  }

  act(action) {
    if (action !== 'store') return false;
    const ok = this.host.sim().store_state();
    this.dirty.patterns = this.dirty.weights = this.dirty.state = true;
    this.host.edited(ok ? '' : 'This picture could not be stored.');
    return true;
  }

  drawWeights() {
    const sim = this.host.sim();
    const ptr = sim.weights_ptr();
    const len = sim.weights_len();
    const n = Math.round(Math.sqrt(len));
    if (!n) return;
    const w = new Int16Array(this.host.buffer(), ptr, len);
    const max = drawWeightMatrix(this.wCanvas, w, n, W_SHOWN);
    const shown = Math.min(n, W_SHOWN);
    this.wCaption.textContent = shown < n ? `W (1–${shown})` : 'W';
    this.wCanvas.parentElement.title = `W = Σ ξξᵀ${shown < n ? ` for the first ${shown} of ${n} neurons` : ''}: warm positive, cool negative, full colour at |Σ ξξᵀ| = ${max}`;
  }
}
