// `ei`: the E/I network's recall beside the classic network's recall of the same cue, the cue,
// and the chart of the learning loss with the eigenvalues of W·D.

import { MemoryView, gridFigure } from './memory.js';
import { el } from '../dom.js';
import { grouped, human, percent, signed } from '../format.js';

const READOUT_WORDS = {
  overlap: (v) => `cosine ${signed(v.toFixed(3))}`,
  energy: (v) => `loss ${signed(human(v, 3))}`,
  'wrong-bits': (v) => `wrong bits ${percent(v)}`,
  'dale-violations': (v) => `Dale violations ${grouped(v)}`,
  'lambda-max': (v) => `Re λmax ${signed(v.toFixed(3))}`,
};

const READOUT_TITLES = {
  step: 'learning updates of W done',
  overlap: 'cosine between the settled recall and the cued letter',
  energy: 'the learning loss ½‖W D F − F‖²',
  'wrong-bits': 'fraction of neurons of the recall whose sign differs from the letter',
  'dale-violations': 'weights below 0: with D carrying the signs, Dale’s law needs W ≥ 0',
  'lambda-max': 'largest real part of the eigenvalues of W·D: above 1, recall τẏ = WDy − y runs away along that direction; the learned projector has 1',
};

const STATUS_WORDS = {
  running: 'Learning W, one gradient step at a time; the cue settles when learning ends.',
  ready: 'Ready: press play (Space) to learn W, or step (→, one update).',
  paused: 'Paused: Space plays, → runs one learning update.',
  converged: 'Learned: the loss is near 0 and the cue has settled under τẏ = WDy − y.',
};

export class EiView extends MemoryView {
  constructor(main, host) {
    super(main, host);
    this.cue = null; // the cue as it was at step 0 (the state shows it until recall)
  }

  words() {
    return {
      title: 'Excitatory and inhibitory neurons',
      rule: 'τẏ = W D y − y,  ΔW = η (F − W D F)(D F)ᵀ',
      hint: 'W learns by gradient steps on ½‖WDF − F‖²; D gives each neuron its sign. After learning, the cue settles on its projection onto the stored patterns, next to what the classic network recalls from the same cue. Right of the loss: the eigenvalues of W·D; one past the dashed line Re λ = 1 makes recall run away.',
    };
  }

  static readoutWords = READOUT_WORDS;
  static readoutTitles = READOUT_TITLES;
  static statusWords = STATUS_WORDS;
  buttonTitles() {
    return { ...super.buttonTitles(), step: 'one learning update of W (→)' };
  }

  /** A learning step of a large network is billions of multiply-adds: it runs in units. */
  step(budget) {
    return this.stepInUnits(budget);
  }

  advance(speed, t, budget) {
    this.advanceUnits(speed, budget);
    return 'check';
  }

  /** A new layout when the kind is new; the E/I strip follows the ratio. */
  configure(kind) {
    super.configure(kind);
    // The first round(ratio · N) neurons (the top rows) are excitatory.
    const n = this.side * this.side;
    const exc = n > 0 ? Math.round((this.host.schemaValue('ratio') ?? 1) * n) / n : 1;
    this.strip.style.setProperty('--hw-exc', `${(exc * 100).toFixed(2)}%`);
    this.strip.title = `neurons 1–${Math.round(exc * n)} (top) excitatory, the rest inhibitory`;
  }

  build() {
    const grids = el('div', 'hw-m-grids');
    const ei = gridFigure('hw-m-recall', 'E/I network: recall', 'The E/I network’s settled recall of the cue');
    // Beside the E/I grid, which rows are excitatory (top) and which inhibitory.
    this.strip = el('div', 'hw-m-strip', { 'aria-hidden': 'true' });
    const e = el('b');
    e.textContent = 'E';
    const i = el('b');
    i.textContent = 'I';
    this.strip.append(e, i);
    const row = el('div', 'hw-m-withstrip');
    ei.frame.replaceWith(row);
    row.append(this.strip, ei.frame);
    const classic = gridFigure('hw-m-classic', 'classic network: recall', 'The classic Hopfield network’s recall of the same cue');
    // The same indent as the E/I grid's strip, so both recalls are the same size.
    const spacer = el('div', 'hw-m-withstrip');
    classic.frame.replaceWith(spacer);
    spacer.append(el('div'), classic.frame);
    grids.append(ei.fig, classic.fig);
    const side = el('div', 'hw-m-side');
    const top = el('div', 'hw-m-top');
    const cue = gridFigure('hw-m-cue', 'cue', 'The noisy cue');
    top.append(cue.fig, this.host.readoutBox);
    side.append(top, this.chartCanvas('Learning loss ½‖WDF − F‖² against learning step, log scale, and the eigenvalues of W·D in the complex plane with the line Re λ = 1'));
    this.main.replaceChildren(grids, side);
    this.recall = ei;
    this.classic = classic;
    this.cueGrid = cue;
  }

  drawState() {
    const side = this.side;
    const status = this.host.status();
    const state = this.buf('state');
    // At step 0 the state is the cue itself: keep it for the cue panel (later the state is
    // the recall, and a live change such as η keeps the run and its cue).
    if (!this.cue || this.host.readout('step') === 0) this.cue = Float64Array.from(state);
    // The recall exists once learning is over (converged, or stopped at `until`).
    const settled = status === 'converged' || status === 'paused';
    let max = 0;
    for (const v of state) if (Math.abs(v) > max) max = Math.abs(v);
    const r = this.recall;
    r.grid.draw(state, side, max > 0 ? max : 1);
    r.fig.classList.toggle('hw-m-waiting', !settled);
    r.cap.textContent = settled
      ? 'E/I network: recall'
      : status === 'diverged'
        ? 'E/I network: no recall'
        : 'E/I: recall after learning';
    r.fig.title = settled
      ? `the settled state y; grey level ∝ y, full ink at the largest |y| = ${human(max, 3)}`
      : 'the E/I network recalls the cue once learning ends';
    this.classic.grid.draw(this.buf('classic'), side, 1);
    this.cueGrid.grid.draw(this.cue, side, 1);
  }
}
