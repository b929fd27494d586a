// Loading a saved file without freezing the page: Rust checks the file and bounds its work up
// front, then its log replays in slices, one per frame, while the old run stays on screen.
// Cancel keeps the old run; a file that does not land on its own readouts is refused. A widget
// taken off the page parks its run the same way, and after a trap (instance.js) the other
// widgets' runs are rebuilt from their save files.

import { Widget } from '../pkg/hebb.js';
import { Pacer } from '../pace.js';
import { keyQuery } from './attributes.js';
import { enlist, leave } from './instance.js';

export class Replay {
  /** @param next the run made from the file (Widget.from_json), its log still to replay */
  constructor(next) {
    this.next = next;
    this.pacer = new Pacer();
  }

  /** One frame's slice. Returns null while replaying; then `{ run }` or `{ error }`. */
  slice(budget) {
    const next = this.next;
    this.pacer.run((n) => next.prepare(n), Infinity, budget);
    if (next.progress() < 1) return null;
    const error = next.load_error();
    if (!error) return { run: next };
    next.free();
    return { error };
  }

  cancel() {
    this.next.free();
  }

  words() {
    return `Replaying the saved file: ${progress(this.next)}. Cancel keeps the run as it was.`;
  }
}

/** How far a run's set-up or replay has come, in words. */
export function progress(sim) {
  return `${Math.floor(sim.progress() * 100)} %`;
}

/** Loads `next`, a run made from a saved file (widget/exports.js checked its kind): its log
 * replays in slices while this run waits; Cancel keeps this run. */
/** Loads `next`, a run made from a saved file (exports.js checked its kind): its log replays
 * in slices while the widget's run waits on screen; Cancel keeps that run. */
export function loadRun(w, next) {
  cancelLoad(w);
  w.loading = new Replay(next);
  w.playing = false;
  w.markAll();
  w.syncText();
  w.schedule();
}

export function cancelLoad(w) {
  w.loading?.cancel();
  w.loading = null;
  w.dirty.status = true;
}

/** Replaces the run by `next`, replayed to the saved state. */
export function swap(w, next) {
  const before = w.sim.query();
  w.sim.free();
  w.sim = next;
  w.playing = false;
  w.autoStarted = true;
  w.note = '';
  w.coreStatus = w.sim.status();
  w.refreshSchema();
  w.changed(before);
}

/** Off the page for a while: the run's memory goes back to the shared instance, and its exact
 * state is kept as a save file, replayed in slices (status `loading`) if the element returns. */
export function park(w) {
  cancelLoad(w);
  w.parked = w.sim.to_json();
  w.sim.free();
  w.sim = null;
  leave(w);
}

export function unpark(w) {
  const saved = w.parked;
  w.parked = null;
  restore(w, saved);
  w.observe();
}

/** After a trap (widget/instance.js): the run, an object of the old instance, is dropped
 * without being freed (freeing it would free memory of the new one) and made again from
 * `saved`, or from the keys when its state could not be read. */
export function rebuild(w, saved) {
  w.sim = null;
  if (w.loading) {
    w.loading = null;
    w.note = 'the file being loaded was lost when another figure on the page failed; load it again';
  }
  restore(w, saved);
}

/** Makes the run again from its save file `saved`, replayed in slices. */
function restore(w, saved) {
  try {
    w.sim = Widget.from_json(saved);
  } catch {
    // A run too long to replay, or whose state a trap left unreadable, starts again from its keys.
    const why = saved === null ? 'a failure left it unreadable' : 'too long to replay';
    w.sim = new Widget(keyQuery(w));
    w.note = `this figure could not restore its run (${why}); it started again`;
  }
  enlist(w);
  w.coreStatus = w.sim.status();
  w.refreshSchema();
  w.view.restarted('change');
  w.markAll();
  w.syncText(); // status `loading` at once, until the replay is done
  w.schedule();
}
