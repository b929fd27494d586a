// Live changes of a widget's keys — from a control, "new seed", or the host page's attributes —
// act on the running widget `w` (the element, hebb-widget.js) like moving the matching sliders.

import { canonical_query } from '../pkg/hebb.js';
import { keyQuery } from './attributes.js';

/** A host page changing key attributes, once per frame; a removed attribute returns its key to
 * what a fresh element would have. */
export function applyAttributes(w) {
  if (!w.sim) return; // booting or parked: the run is made from the attributes as they are
  const changes = w.attrs.take();
  if (!changes.length) return;
  if (changes.some(([, v]) => v === null)) {
    const fresh = new URLSearchParams(canonical_query(keyQuery(w)));
    for (const c of changes) if (c[1] === null) c[1] = fresh.get(c[0]);
  }
  changeMany(w, changes.filter(([, v]) => v !== null));
}

/** Keys changed together: the schema and the pictures follow once, and nothing restarts when
 * every key already had its value. */
export function changeMany(w, changes) {
  if (!w.sim || !changes.length) return;
  const before = w.sim.query();
  for (const [key, value] of changes) w.sim.set(key, value);
  w.note = '';
  w.coreStatus = w.sim.status();
  if (!w.playable) w.playing = false;
  if (changes.some(([key]) => key === 'play')) {
    // A host page setting play="1" / "0" starts or stops the run.
    w.refreshSchema();
    w.autoStarted = true;
    w.playing = w.schemaValue('play') === 1 && w.playable;
    w.resumable = false;
  }
  if (w.sim.query() === before) {
    // Nothing changed (a key set to its value, a refused kind): only the notices show.
    w.dirty.status = true;
    w.syncText();
    w.schedule();
    return;
  }
  w.pacer.forget();
  w.refreshSchema();
  w.resume();
  changed(w, before);
}

/** After a change of the run's keys: everything is drawn again, and `change` fires when the
 * query differs from `before`. */
export function changed(w, before) {
  w.view.restarted('change');
  w.markAll();
  w.syncText();
  w.schedule();
  const query = w.sim.query();
  if (query !== before) w.dispatchEvent(new CustomEvent('change', { detail: { query } }));
}
