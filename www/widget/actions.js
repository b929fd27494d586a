// What the widget's buttons and keys do: play, pause, step, reset, a new seed, full screen, Cancel
// (a replaying file), an export or a view's own button. Functions of the element (hebb-widget.js).

import { fresh_seed } from '../pkg/hebb.js';
import { toggleFullscreen } from './fullscreen.js';
import { keyAction } from './keys.js';
import { cancelLoad } from './replay.js';
import { PAGE_BUDGET_MS } from '../pace.js';

/** A [data-action] of the widget, from a button or a key. */
export function act(w, action) {
  if (!w.sim) {
    // A run stopped by a failure starts again from its keys on Reset.
    if (action === 'reset' && w.restartable) w.restart();
    return;
  }
  if (action === 'play' || action === 'pause' || action === 'step') {
    // The reader took over: no autoplay later, no playing on by itself.
    w.autoStarted = true;
    w.resumable = false;
    w.stepping = false;
  }
  switch (action) {
    case 'play':
      if (w.playable) w.playing = true;
      break;
    case 'pause':
      w.playing = false;
      break;
    case 'step':
      w.playing = false;
      if (w.coreStatus === 'ready') {
        // A long step (a large ei or modern memory, a capacity trial) goes on in the next frames.
        w.stepping = w.view.step(PAGE_BUDGET_MS) === false;
        w.coreStatus = w.sim.status();
      }
      w.markDynamic();
      w.stepped = true;
      break;
    case 'cancel':
      cancelLoad(w);
      break;
    case 'reset':
      cancelLoad(w);
      w.stepping = false;
      w.sim.reset();
      w.coreStatus = w.sim.status();
      w.note = '';
      w.view.restarted('reset');
      w.resume();
      w.markDynamic();
      break;
    case 'new-seed':
      w.change('seed', String(fresh_seed()));
      return;
    case 'edit':
      setEditing(w, !w.editing);
      return;
    case 'fullscreen':
      toggleFullscreen(w, (note) => w.say(note));
      return;
    default:
      // An export, or a view's own button (e.g. `store`): it calls edited() when it changed
      // something.
      if (!w.exports.act(action)) w.view.act(action);
      return;
  }
  w.dirty.status = true;
  w.syncText();
  if (w.stepped) w.summary.update(true);
  w.stepped = false;
  w.schedule();
}

/** Edit mode for a finger (draw/touch.js): the stylesheet stops the picture panning the page. */
function setEditing(w, on) {
  w.editing = on;
  w.buttons.edit.setAttribute('aria-pressed', String(on));
  w.root.toggleAttribute('data-editing', on);
}

export function keyDown(w, e) {
  if (e.altKey || e.ctrlKey || e.metaKey || !(w.sim || w.restartable)) return;
  const action = e.key === 'Escape' ? '' : keyAction(e, w.playing);
  if (action || (e.key === 'Escape' && w.exports.escape())) {
    e.preventDefault();
    if (action) act(w, action);
  }
}
