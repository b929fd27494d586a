// The full-screen button: the widget on the whole screen (the stylesheet lays it out for it,
// css/frame.css), or a note saying why not: a frame or a browser that does not allow it, or a
// browser that refused (Firefox does when the page has lost the focus, e.g. to a download).

import { ACTIONS } from './shell.js';

const NOT_HERE = 'Full screen is not available here (a frame that does not allow it, or a browser without it): open the widget on its own page instead';
/** Firefox refuses a page without the focus, as after a download: the frame is not to blame. */
const NO_FOCUS = 'The browser refused full screen because the page does not have the focus (a download or another window took it): click the figure, then try again';
const REFUSED = 'The browser refused full screen: try the button again, or open the widget on its own page';

/** Words and tooltip of the button, off (as on the bar) and on. */
const [, , OFF_WORDS, OFF_TITLE] = ACTIONS.find(([action]) => action === 'fullscreen');

/** Enters or leaves full screen for `widget`; `say(note)` reports a refusal. */
export function toggleFullscreen(widget, say) {
  if (document.fullscreenElement === widget) {
    document.exitFullscreen().catch(() => {});
    return;
  }
  if (!document.fullscreenEnabled || typeof widget.requestFullscreen !== 'function') {
    say(NOT_HERE);
    return;
  }
  widget.requestFullscreen().catch(() => say(document.hasFocus() ? REFUSED : NO_FOCUS));
}

/** After a fullscreenchange: the button says how to leave. Returns whether `widget` is full screen. */
export function showFullscreen(widget, button) {
  const on = document.fullscreenElement === widget;
  button.setAttribute('aria-pressed', String(on));
  button.querySelector('.hw-words').textContent = on ? 'Exit full screen' : OFF_WORDS;
  button.title = on ? 'back to the page (Esc)' : OFF_TITLE;
  return on;
}
