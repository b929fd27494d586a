// The status the page shows, and the message under the picture: the core says ready | paused
// (at `until`) | converged | diverged; on top of its `ready` the page shows running (playing),
// paused (stopped by the reader mid-run) or ready (step 0).

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
