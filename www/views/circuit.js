// What the circuit pictures (`gha`, `subspace`, `similarity`, `recurrent`, `bcm`, `prune`)
// share: one sample per step, their status words, the picture area's classes and a side column
// for the readouts. Every number shown comes from a Rust buffer or readout; JS only lays out and
// colours.

import { View } from './view.js';
import { figure as domFigure } from '../dom.js';

const STATUS_TEXT = {
  running: 'Running: every step presents one sample. These rules never stop by themselves.',
  ready: 'Ready: press play (Space) or step (→, one sample).',
  paused: 'Paused: Space plays, → presents one sample.',
};

/** A canvas in a figure with a caption, in the circuit views' classes. */
export function figure(className, caption, label) {
  return domFigure('hw-c', className, caption, label);
}

export class CircuitView extends View {
  constructor(main, host) {
    super(main, host);
    this.layout = '';
    this.dirty = true;
  }

  statusText(status) {
    return STATUS_TEXT[status] ?? super.statusText(status);
  }

  buttonTitles() {
    return { step: 'one sample (→)', 'new-seed': 'new data and start weights' };
  }

  readoutTitle(name) {
    return name === 'step' ? 'samples presented so far' : undefined;
  }

  /** The shape of the picture for `kind` and the settings: a new one is built when it changes. */
  layoutOf(kind) {
    return kind;
  }

  configure(kind) {
    const layout = this.layoutOf(kind);
    this.kind = kind;
    if (layout !== this.layout) {
      this.layout = layout;
      this.main.className = `hw-main hw-circuit ${this.pictureClass()}`;
      this.main.dataset.kind = kind;
      this.build(this.host.readoutBox, this.main);
    }
    this.updateLabels();
    this.dirty = true;
  }

  /** The picture area's class for the layout. */
  pictureClass() {
    return `hw-c-${this.kind}`;
  }

  /** Fills `main`, with `readouts` in it somewhere. */
  build(readouts, main) {
    main.replaceChildren(readouts);
  }

  /** Words and sizes that follow the settings (not the run). */
  updateLabels() {}

  /** A new run, rather than a live change (η, τ, α…) that keeps the run going. */
  isNewRun(why) {
    return why !== 'change' || this.host.readout('step') === 0;
  }

  restarted() {
    this.dirty = true;
  }

  markAll() {
    this.dirty = true;
  }

  markDynamic() {
    this.dirty = true;
  }

  draw(dpr) {
    if (!this.dirty) return;
    this.dirty = false;
    this.drawPicture(dpr);
  }

  drawPicture() {}
}
