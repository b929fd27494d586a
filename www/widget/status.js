// The status the page shows, and the message under the picture: the core says ready | paused
// (at `until`) | converged | diverged; on top of its `ready` the page shows running (playing),
// paused (stopped by the reader mid-run) or ready (step 0); `error` says why in words.

import { grouped } from '../format.js';

/** The page status ([data-status]) from the core's, whether it plays, and the step shown. */
export function pageStatus(core, playing, step) {
  // Heavy set-up in slices (a large memory being stored) reads as loading, with its progress.
  if (core === 'preparing') return 'loading';
  if (core !== 'ready') return core;
  return playing ? 'running' : step > 0 ? 'paused' : 'ready';
}

/** The message: the view's words for the status, then the core's and the page's notes. */
export function statusMessage(said, status, notes) {
  const note = notes.filter(Boolean).join('; ');
  if (!note) return said;
  // The core's text starts with a symbol as often as a word (α, η, |w|): it is not recased.
  const end = /[.!?]$/.test(note) ? '' : '.';
  const lead = status === 'diverged' ? said : `${said} Note:`;
  return `${lead} ${note}${end}`;
}

/** The message of a widget that failed (`why`: the error's own words): memory the tab could not
 * give (`refused` bytes asked for in vain, or the browser's out-of-memory RangeError), a fault
 * in the core, or a start that failed. `restartable`: Reset starts it again. */
export function failureMessage(err, why, refused, restartable) {
  const others = 'the other figures on the page go on';
  const again = restartable ? ' Press Reset to start it again.' : '';
  if (refused > 0) {
    const mb = grouped(Math.max(1, Math.ceil(refused / 2 ** 20)));
    return `This figure needs about ${mb} MB more memory than the tab can give, so it stopped; ${others}. Smaller settings need less.${again}`;
  }
  if (err instanceof RangeError && /memory|allocat/i.test(why)) {
    return `The tab could not give this figure the memory it needs (${why}); ${others}.${again}`;
  }
  if (restartable) return `The simulation stopped on an internal error (${why}); ${others}.${again}`;
  // The module never ran: say what the browser lacks, not the engine's words for it.
  if (typeof WebAssembly === 'undefined') {
    return 'This browser has WebAssembly turned off (for example by Lockdown Mode on an iPhone or iPad, or by a policy), so the figure cannot run here; the text around it reads the same without it.';
  }
  if (err instanceof WebAssembly.CompileError) {
    return `This browser cannot run the figure: its WebAssembly lacks the SIMD instructions the simulation is built with, which Chrome and Edge 91, Firefox 89 and Safari 16.4 and later have (${why}). The text around it reads the same without it.`;
  }
  return `The simulation could not start: ${why}`;
}
