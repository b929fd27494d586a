// `capacity`: the chart of recall against the load P/N, and the progress of the sweep of trials.

import { MemoryView } from './memory.js';
import { el } from '../dom.js';
import { grouped, percent } from '../format.js';

const READOUT_WORDS = {
  'wrong-bits': (v) => `last trial: ${percent(v)} wrong`,
  capacity: (v) => (v > 0 ? `critical load ≈ ${v.toFixed(3)}` : 'no critical load yet'),
};

const READOUT_TITLES = {
  step: 'trials done (one trial = one load, one seed)',
  'wrong-bits': 'mean fraction of wrong bits after recall in the latest trial',
  capacity: 'estimated critical load P/N: where the mean wrong-bit fraction after recall first passes 5 %',
};

const STATUS_WORDS = {
  running: 'Running the sweep: each trial stores random patterns at one load and recalls every one.',
  ready: 'Ready: press play (Space) to run the sweep, or step (→, one trial).',
  paused: 'Paused: Space carries on with the sweep, → runs one trial.',
  converged: 'Sweep finished.',
};

export class CapacityView extends MemoryView {
  words() {
    return {
      title: 'How many memories fit',
      rule: 'load P/N: retrieval up to ≈ 0.138, perfect recall up to N/(4 ln N)',
      hint: 'Random patterns are stored at rising loads and recall starts from each stored pattern itself. Up to a load of about 0.138 it stays close, with a few bits wrong; past it, it collapses. Recall with no bit wrong ends far earlier, near N/(4 ln N) patterns.',
    };
  }

  static readoutWords = READOUT_WORDS;
  static readoutTitles = READOUT_TITLES;
  static statusWords = STATUS_WORDS;
  buttonTitles() {
    return { step: 'one trial (→)', 'new-seed': 'new random patterns for every trial' };
  }

  build() {
    const side = el('div', 'hw-m-side');
    this.progress = el('div', 'hw-m-progress', {
      role: 'progressbar',
      'aria-label': 'trials done',
      'aria-valuemin': '0',
    });
    this.progressFill = el('span');
    this.progress.append(this.progressFill);
    this.progressText = el('p', 'hw-m-progress-text');
    side.append(this.progress, this.progressText, this.host.readoutBox);
    this.main.replaceChildren(
      this.chartCanvas('Wrong bits after recall and fraction of patterns recalled perfectly against the load P/N, with the AGS theory, the critical load and the perfect-recall loads N/(4 ln N) and N/(2 ln N) marked'),
      side,
    );
  }

  /** Small pieces of trials (a few rows of W, or one recall) until the frame's budget is spent
   * or `speed` trials are finished, so no frame is long whatever N is. */
  /** One trial at the largest N is seconds of work: the → action runs it in units too. */
  step(budget) {
    return this.stepInUnits(budget);
  }

  advance(speed, t, budget) {
    const sim = this.host.sim();
    const start = performance.now();
    let done = 0;
    while (done < speed && performance.now() - start < budget) {
      done += sim.advance_units(1);
      if (sim.status() !== 'ready') break;
    }
    this.markDynamic();
    return 'check';
  }

  drawState() {
    const curve = this.buf('curve');
    const loads = Math.floor(curve.length / 4);
    const trials = this.host.schemaValue('trials') ?? 1;
    const total = loads * trials;
    const done = Math.min(total, this.host.readout('step'));
    const frac = total > 0 ? done / total : 0;
    this.progressFill.style.width = `${(frac * 100).toFixed(2)}%`;
    this.progress.setAttribute('aria-valuemax', String(total));
    this.progress.setAttribute('aria-valuenow', String(done));
    const k = Math.floor(done / Math.max(1, trials));
    const now = done < total && k < loads ? `, load α = ${curve[4 * k].toFixed(2)}` : '';
    this.progressText.textContent = `${grouped(done)} of ${grouped(total)} trials${now}`;
  }
}
