// `modern`: the state ξ to paint on, the stored patterns with their overlaps, and the softmax
// weight of each pattern; one retrieval update every half second, so the reader can watch.

import { RecallView } from './recall.js';

/** Time between two retrieval updates while running, ms. */
const INTERVAL_MS = 500;

const READOUT_TITLES = {
  step: 'retrieval updates done',
  overlap: 'cosine between the state and the cued pattern',
  energy: 'energy −(1/β) log Σ exp(β xᵀξ) + ½ ξᵀξ; each update lowers it',
  'wrong-bits': 'fraction of components whose sign differs from the cued pattern',
};

const STATUS_WORDS = {
  running: 'Retrieving: one update every half second. Paint on the picture to change the cue.',
  ready: 'Ready: press play (Space) or step (→, one update).',
  paused: 'Paused: Space plays, → runs one update.',
  converged: 'Converged: the update no longer changes ξ. Paint on it or move β.',
};

export class ModernView extends RecallView {
  constructor(main, host) {
    super(main, host);
    this.lastUpdate = -Infinity;
  }

  words() {
    return {
      title: 'Modern Hopfield network',
      rule: 'ξ ← X softmax(β Xᵀ ξ)',
      hint: 'One update mixes the stored patterns, weighted by a softmax of their match with the state. Large β picks the best match in one step, even with many more patterns than N; small β blends them.',
    };
  }

  static readoutTitles = READOUT_TITLES;
  static statusWords = STATUS_WORDS;
  buttonTitles() {
    return { ...super.buttonTitles(), step: 'one retrieval update (→)' };
  }

  build() {
    const { lower } = this.buildRecall('state ξ');
    lower.append(this.chartCanvas('Softmax weight of each stored pattern'), this.host.readoutBox);
  }

  restarted() {
    this.lastUpdate = -Infinity;
    super.restarted();
  }

  /** One update every INTERVAL_MS, at any frame rate; 'wait' in the frames between. An update
   * of a large memory runs in units over several frames, and the interval counts from its end. */
  step(budget) {
    return this.stepInUnits(budget);
  }

  advance(speed, t, budget, fresh) {
    // A fresh start shows the state for one interval before the first update.
    if (fresh) {
      this.lastUpdate = t;
      this.midUpdate = false;
    }
    if (!this.midUpdate && t - this.lastUpdate < INTERVAL_MS) return 'wait';
    const steps = this.advanceUnits(speed, budget);
    this.midUpdate = steps < speed && this.host.sim().status() === 'ready';
    if (!this.midUpdate) this.lastUpdate = t;
    return 'check';
  }
}
