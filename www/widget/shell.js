// The element's light-DOM skeleton and the bar's buttons (an icon and words each; the words hide
// in a narrow frame, css/frame.css). Parts that `hide` can hide carry `data-part`.

import { el } from '../dom.js';

/** Buttons on the bar: action, icon, words, tooltip. */
export const ACTIONS = [
  ['play', '▶', 'Play', 'play (Space)'],
  ['pause', '❚❚', 'Pause', 'pause (Space)'],
  ['step', '→', 'Step', 'one step (→)'],
  ['reset', '↺', 'Reset', 'back to step 0 (R)'],
  ['new-seed', '⚄', 'New seed', 'new data and start weight'],
  ['edit', '✎', 'Edit', 'a finger drags and paints on the picture; off, a swipe scrolls the page and a tap edits'],
  ['fullscreen', '⤢', 'Full screen', 'show the widget on the whole screen'],
];

const CANCEL = ['cancel', '✕', 'Cancel', 'stop loading the file; the run stays as it was'];

/** An icon and words in `tag`; a menu item (hw-item) has classes of its own, so the bar's
 * icon-only modes do not reach it. */
export function labelled(tag, cls, icon, words, attrs) {
  const item = cls === 'hw-item';
  const e = el(tag, cls, attrs);
  const i = el('span', item ? 'hw-item-icon' : 'hw-icon', { 'aria-hidden': 'true' });
  i.textContent = icon;
  const w = el('span', item ? 'hw-item-words' : 'hw-words');
  w.textContent = words;
  e.append(i, w);
  return e;
}

/** A [data-action] button from a row of ACTIONS (or of the Export menu). */
export function actionButton([action, icon, words, title], cls) {
  return labelled('button', cls, icon, words, { type: 'button', 'data-action': action, title });
}

/** The skeleton; the picture area, controls and readouts are filled in once the schema is known. */
export function buildShell() {
  const root = el('div', 'hw');
  const text = el('div', 'hw-text', { 'data-part': 'text' });
  const title = el('h2', 'hw-title');
  const rule = el('p', 'hw-rule');
  const hint = el('p', 'hw-hint');
  text.append(title, rule, hint);
  const bar = el('div', 'hw-bar');
  const group = el('div', 'hw-buttons', { role: 'group', 'aria-label': 'Run' });
  const buttons = {};
  for (const a of ACTIONS) {
    buttons[a[0]] = actionButton(a, 'hw-button');
    group.append(buttons[a[0]]);
  }
  // Shown only on a touch screen, for a picture that takes edits (refreshSchema).
  buttons.edit.hidden = true;
  buttons.edit.setAttribute('aria-pressed', 'false');
  // Shown only while a saved file replays.
  buttons.cancel = actionButton(CANCEL, 'hw-button');
  buttons.cancel.hidden = true;
  group.append(buttons.cancel);
  const menus = el('div', 'hw-menus', { 'data-part': 'controls' });
  bar.append(group, menus);
  const main = el('div', 'hw-main');
  const message = el('p', 'hw-message', { 'data-message': '', role: 'status', 'aria-live': 'polite' });
  const sliders = el('div', 'hw-sliders', { 'data-part': 'controls' });
  root.append(text, bar, main, message, sliders);
  return { root, title, rule, hint, group, buttons, menus, main, message, sliders };
}
