// `dense`: a dense associative memory of order n (or exponential) on the recall picture of
// `hopfield` and `modern`: the state grid to paint on, the stored patterns with their overlaps,
// and the energy against time in sweeps.

import { RecallView } from './recall.js';
import { human } from '../format.js';

const READOUT_WORDS = {
  ...RecallView.readoutWords,
  'capacity-predicted': (v) => `capacity ≈ ${human(v, 3)}`,
};

const READOUT_TITLES = {
  step: 'sweeps done (one sweep = N single-neuron updates)',
  overlap: 'overlap m = (1/N) Σ ξᵢ σᵢ with the cued pattern (1 = recalled)',
  energy: 'energy −(N/n) Σ mᵘⁿ (for exp: −log Σ exp(ξᵘ·σ) + N/2); every flip lowers it',
  'wrong-bits': 'fraction of neurons whose sign differs from the cued pattern',
  'capacity-predicted':
    'predicted capacity of this order: Nⁿ⁻¹/(2 (2n−3)!! ln N) patterns (Krotov & Hopfield 2016), 2^(N/2) for exp (Demircigil et al. 2017)',
};

const STATUS_WORDS = {
  running: 'Recalling: one neuron at a time takes the sign that lowers the energy. Paint on the picture to disturb it.',
  ready: 'Ready: press play (Space) or step (→, one sweep). Paint on the picture first if you like.',
  paused: 'Paused: Space plays, → runs one sweep of N updates.',
  converged: 'Converged: a whole sweep without a flip, so this is a stable state. Paint on it, change the order, or reset.',
};

export class DenseView extends RecallView {
  words() {
    return {
      title: 'Dense associative memory: one knob from Hopfield to modern',
      rule: 'E = −Σᵤ F(ξᵘ·σ),  F(x) = xⁿ or eˣ',
      hint: 'Order 2 is the classic network. A higher order sharpens each memory’s valley, so far more patterns fit in the same neurons; with the exponential the count grows exponentially with N.',
    };
  }

  static readoutWords = READOUT_WORDS;
  static readoutTitles = READOUT_TITLES;
  static statusWords = STATUS_WORDS;
  buttonTitles() {
    return { ...super.buttonTitles(), step: 'one sweep: N single-neuron updates (→)' };
  }

  build() {
    const { lower } = this.buildRecall('state σ');
    lower.append(this.chartCanvas('Energy against time in sweeps'), this.host.readoutBox);
  }

  /** One sweep, in neuron updates over as many frames as it takes (a sweep of the largest
   * memory is N × P pattern reads). */
  step(budget) {
    return this.stepInUnits(budget);
  }
}
