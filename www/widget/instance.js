// The page's one wasm instance, shared by every widget, and its recovery after a trap. The core
// is built with panic = "abort": a trap (a panic, or memory that could not grow) unwinds
// nothing, so the instance keeps the trapped call's stack and borrows for good (after some
// thousands of traps every widget breaks). So after a trap the page does not carry on in it:
// it reads every other run's exact state (its save file) from the old instance, makes a fresh
// instance of the same module (wasm-bindgen's __wbg_reset_state, which also makes the old
// instance's objects refuse any further use) and rebuilds those runs in it (widget/replay.js).

import init, { __wbg_reset_state, initSync, refused_bytes } from '../pkg/hebb.js';

/** Settles once the module is instantiated (no value: the exports change after a trap). */
export const ready = init().then(() => {});

/** Widgets waiting to make their first run once the module is here. */
const waiting = new Set();
let booting = 0;
/** Boot work in one task: a page of many figures boots over several tasks, never in one long one. */
const BOOT_SLICE_MS = 8;

/** `w.boot()` once `gate` (the module, and whatever else the page needs) has settled, or
 * `w.fail(err)` if it failed; a few widgets per task, the ones nearest the viewport first. */
export function bootSoon(w, gate) {
  waiting.add(w);
  gate.then(
    () => {
      booting ||= setTimeout(bootSome, 0);
    },
    (err) => {
      waiting.delete(w);
      w.fail(err);
    },
  );
}

function bootSome() {
  booting = 0;
  const start = performance.now();
  // One layout per task to rank them (a widget's distance from the viewport, 0 on screen).
  const away = (w) => {
    const r = w.getBoundingClientRect();
    return r.bottom < 0 ? -r.bottom : Math.max(0, r.top - innerHeight);
  };
  const queue = [...waiting].map((w) => [away(w), w]).sort((a, b) => a[0] - b[0]);
  for (const [, w] of queue) {
    if (performance.now() - start > BOOT_SLICE_MS) break;
    waiting.delete(w);
    w.boot();
  }
  if (waiting.size) booting = setTimeout(bootSome, 0);
}

/** The elements (hebb-widget.js) that may hold a run in the instance. */
const widgets = new Set();

export function enlist(w) {
  widgets.add(w);
}

export function leave(w) {
  widgets.delete(w);
}

/** The instance's memory now (views over it are made afresh for each use). */
export function memory() {
  return initSync().memory; // the current instance's exports, once instantiated
}

/**
 * After a trap: every enlisted widget with a run, `culprit` excepted (its run is lost), is
 * rebuilt in a fresh instance by `rebuild(w, saved)` from its exact state (`saved` null when it
 * could not be read). Returns how many bytes the failed allocation asked for (0 when the trap
 * was not memory running out).
 */
export function recover(culprit, rebuild) {
  let refused = 0;
  const saved = [];
  try {
    refused = refused_bytes();
  } catch {
    // nothing to learn from the instance
  }
  for (const w of widgets) {
    if (w === culprit || !w.sim) continue;
    let state = null;
    try {
      state = w.sim.to_json();
    } catch {
      // this run was in the broken call too: its keys are all that is left
    }
    saved.push([w, state]);
  }
  try {
    __wbg_reset_state();
  } catch (err) {
    // No fresh instance (the tab has no memory left for one): every run stops and says so.
    for (const [w] of saved) w.fail(err, true);
    return refused;
  }
  for (const [w, state] of saved) {
    try {
      rebuild(w, state);
    } catch (err) {
      w.fail(err, true); // even a fresh instance cannot hold it (a trap again: recovered in turn)
    }
  }
  return refused;
}
