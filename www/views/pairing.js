// The virtual slice experiment (`pairing`): one plotters chart (Rust) with the EPSP over the
// protocol and the summary of finished protocols, and the readouts beside or under it.

import { CircuitView } from './circuit.js';
import { el } from '../dom.js';
import { human, signed } from '../format.js';

const TEXT = {
  title: 'A slice experiment: pairing',
  rule: 'rate: Δw ∝ φ(y, θ) = y (y − θ) ·  timing: Δw ∝ A₊e^(−Δt/τ₊) or −A₋e^(Δt/τ₋)',
  hint: 'Ten test pulses measure the EPSP, the pairing phase runs, ten more pulses measure it again; the change lands as a dot on the right. Move the rate (or Δt) and the protocol runs again on a fresh synapse: the dots trace the curve. Lower the past rate (dark rearing) and θ slides down.',
};

const STATUS_TEXT = {
  running: 'Running the protocol: baseline test pulses, the pairing, test pulses again.',
  ready: 'Ready: press play (Space) to run the protocol, or step (→, one pulse or pairing).',
  paused: 'Paused: Space carries on with the protocol, → gives one pulse or pairing.',
  converged: 'Protocol over: its change is a dot on the summary. Change the rate or Δt to run it again.',
};

export class PairingView extends CircuitView {
  words() {
    return TEXT;
  }

  statusText(status) {
    return STATUS_TEXT[status] ?? super.statusText(status);
  }

  buttonTitles() {
    return { step: 'one test pulse or one pairing (→)', 'new-seed': 'new measurement noise and a new past for the cell' };
  }

  readoutText(name, v) {
    if (name === 'epsp-before') return `before ${human(v, 3)} mV`;
    if (name === 'epsp-after') return `after ${human(v, 3)} mV`;
    if (name === 'change') return `change ${signed(human(v, 3))} %`;
    if (name === 'theta') return `θ = ${human(v, 3)} Hz`;
    return super.readoutText(name, v);
  }

  readoutTitle(name) {
    return {
      step: 'test pulses and pairings so far in this protocol',
      'epsp-before': 'mean EPSP of the baseline test pulses (mV)',
      'epsp-after': 'mean EPSP of the test pulses after the pairing (mV)',
      change: 'after / before − 1, in per cent: positive is LTP, negative LTD',
      theta: 'the BCM threshold as a rate: pairing below it depresses, above it potentiates; it follows the cell’s past average of y²',
    }[name] ?? super.readoutTitle(name);
  }

  build(readouts, main) {
    this.chart = el('canvas', 'hw-chart hw-c-chart hw-c-pairing-chart', {
      role: 'img',
      'aria-label':
        'Left: the EPSP of each test pulse and pairing, baseline, pairing (shaded) and after. Right: the change in per cent against the paired rate or the spike delay, one dot per finished protocol, with the predicted curve',
      'data-part': 'charts',
    });
    const side = el('div', 'hw-c-side');
    side.append(readouts);
    main.replaceChildren(this.chart, side);
  }
}
