// A tuned cell kept in range by inhibitory plasticity (`balance`): the plotters chart of the
// output rate against its target and of the excitatory and inhibitory tuning curves, beside the
// readouts. Every number comes from the run.

import { CircuitView } from './circuit.js';
import { el } from '../dom.js';
import { grouped, human } from '../format.js';

const TEXT = {
  title: 'Inhibitory plasticity: a cell kept in range',
  rule: 'Δw_I = η (x_post − α) at each inhibitory spike,  Δw_I = η x_pre at each output spike,  α = 2ρ₀τ',
  hint: 'Inhibition that fired with the cell grows and lone inhibitory spikes shrink it, so each channel’s inhibition rises where the cell fires above ρ₀ and falls where it fires below: the inhibitory curve copies the excitatory one and the cell settles at the target. Switch plasticity off and the start decides: weak inhibition lets it run high, strong keeps it silent.',
};

const STATUS_TEXT = {
  running: 'Running: every step is one millisecond of simulated time. The rule never stops by itself.',
  ready: 'Ready: press play (Space) or step (→, one millisecond).',
  paused: 'Paused: Space plays, → runs one millisecond.',
};

export class BalanceView extends CircuitView {
  words() {
    return TEXT;
  }

  statusText(status) {
    return STATUS_TEXT[status] ?? super.statusText(status);
  }

  buttonTitles() {
    return { step: 'one millisecond (→)', 'new-seed': 'new spike trains, stimuli and start weights' };
  }

  readoutText(name, v) {
    if (name === 'step') return `${grouped(Math.round(v))} ms`;
    if (name === 'rate-out') return `rate ${human(v, 3)} Hz`;
    if (name === 'target') return `target ρ₀ ${human(v, 3)} Hz`;
    if (name === 'cotuning') return `co-tuning ${v.toFixed(3)}`;
    if (name === 'ei-ratio') return `I/E ${v.toFixed(3)}`;
    return super.readoutText(name, v);
  }

  readoutTitle(name) {
    return {
      step: 'simulated milliseconds so far',
      'rate-out': 'the output rate, spikes averaged over the last ~2 s of simulated time',
      target: 'the target rate ρ₀ set by the inhibitory rule’s depression α = 2ρ₀τ',
      cotuning: 'correlation of the inhibitory and the excitatory drive across stimulus channels: 1 when co-tuned',
      'ei-ratio': 'mean inhibitory drive over mean excitatory drive, across stimuli',
    }[name];
  }

  build(readouts, main) {
    const side = el('div', 'hw-c-side');
    this.chart = el('canvas', 'hw-chart hw-c-chart', {
      role: 'img',
      'aria-label': 'The output rate over time with the target dashed, and the excitatory and inhibitory drive for each stimulus channel',
      'data-part': 'charts',
    });
    side.append(readouts);
    main.replaceChildren(this.chart, side);
  }
}
