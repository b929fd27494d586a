// What a view may ask of the widget (views/view.js): the run and its memory, the schema's values,
// the readouts, whether a part is shown, edit mode, and the calls that report an edit or a paint
// stroke.

import { memory } from './instance.js';

/** The services of `widget` (the element) for its view. */
export function viewHost(widget) {
  return {
    sim: () => widget.sim,
    buffer: () => memory().buffer,
    readoutBox: widget.readouts.box,
    kind: () => widget.dataset.kind,
    status: () => widget.coreStatus,
    /** Runs `work(n)` up to `want` units within `budget` ms, sized by the run's measured cost. */
    pace: (work, want, budget) => widget.pacer.run(work, want, budget),
    schemaValue: (key) => widget.schemaValue(key),
    /** The current value of a readout, straight from Rust. */
    readout: (name) => widget.readout(name),
    shown: (e) => !widget.hiddenParts.has(e.closest('[data-part]')?.dataset.part),
    editable: () => widget.sim !== null && widget.coreStatus !== 'diverged',
    /** The Edit toggle is on: a finger edits like a mouse (draw/touch.js). */
    editing: () => widget.editing,
    focus: () => widget.focus({ preventScroll: true }),
    edited: (note) => widget.edited(note),
    paintStart: () => widget.paintStart(),
    paintEnd: () => widget.paintEnd(),
    /** A frame to draw a change of the view's own (a pin, a cursor) while the run is still. */
    redraw: () => widget.schedule(),
  };
}
