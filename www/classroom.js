// classroom.html: the teacher presets of moments.js as links, a presentation-mode toggle, and a
// tour that shows one moment at a time in presentation mode.
//
// The tour's position lives in the URL hash (#tour=3, counted from 1), so a reload or a bookmark
// opens the same moment. Moving on replaces the figure with a new one built from the moment's
// query (createFigure: a <hebb-widget>, or a <hebb-compare> for a compare= moment); the old one is
// removed and stops. Keys: PageDown / N next, PageUp / P back, → / ← too when the focus is not in
// a control or a figure (a focused widget uses → to step), Home / End, Esc leaves.
// Presentation mode is <html class="present"> (www/present.css); classroom.html?present=1 starts
// with it on.

import { MOMENTS, embedHref } from './moments.js';
import { createFigure } from './compare.js';
import { el } from './dom.js';

const root = document.documentElement;
const $ = (sel) => document.querySelector(sel);
const room = $('#room');
const tour = $('[data-room="tour"]');
const presentButton = $('[data-room="present"]');
const list = $('[data-room="moments"]');
const part = (name) => tour.querySelector(`[data-tour="${name}"]`);

let presenting = new URLSearchParams(window.location.search).get('present') === '1';
let current = -1; // index of the moment on show; -1 when the tour is closed

/** The list of moments: a link to each alone, its caption, and a button to present it. */
function buildList() {
  for (const [i, m] of MOMENTS.entries()) {
    const li = el('li', 'moment', { id: `moment-${m.id}` });
    const a = el('a', 'moment-link', { 'data-moment': m.id });
    a.textContent = m.title;
    const caption = el('p', 'moment-caption');
    caption.textContent = m.caption;
    const show = el('button', 'room-button moment-present', { type: 'button', 'aria-label': `Present “${m.title}” in the tour` });
    show.textContent = 'Present';
    show.addEventListener('click', () => open(i));
    const head = el('div', 'moment-head');
    head.append(a, show);
    li.append(head, caption);
    list.append(li);
  }
  updateLinks();
}

/** Links open a moment alone, in presentation mode when it is on. */
function updateLinks() {
  for (const a of list.querySelectorAll('a[data-moment]')) {
    const m = MOMENTS.find((x) => x.id === a.dataset.moment);
    a.href = embedHref(m, presenting);
  }
}

function setPresenting(on) {
  presenting = on;
  presentButton.setAttribute('aria-pressed', String(on));
  applyPresent();
  updateLinks();
  const q = new URLSearchParams(window.location.search);
  if (on) q.set('present', '1');
  else q.delete('present');
  const search = q.toString();
  history.replaceState(history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`);
}

/** The tour always presents; the page does when the toggle says so. */
function applyPresent() {
  root.classList.toggle('present', presenting || current >= 0);
}

/** Shows moment `i` (0-based) in the tour, replacing whatever figure was there. */
function open(i) {
  const index = Math.max(0, Math.min(MOMENTS.length - 1, i));
  const wasOpen = current >= 0;
  const m = MOMENTS[index];
  current = index;
  root.classList.add('touring');
  tour.hidden = false;
  room.hidden = true;
  applyPresent();
  part('count').textContent = `${index + 1} / ${MOMENTS.length}`;
  part('title').textContent = m.title;
  part('caption').textContent = m.caption;
  part('alone').href = embedHref(m, true);
  part('back').disabled = index === 0;
  part('next').disabled = index === MOMENTS.length - 1;
  const figure = createFigure(new URLSearchParams(m.query), { fill: true });
  figure.dataset.moment = m.id;
  part('stage').replaceChildren(figure);
  const hash = `#tour=${index + 1}`;
  if (window.location.hash !== hash) {
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
  }
  // Keep the focus on a nav button that was just used (a disabled one loses it); else the title.
  const focused = document.activeElement;
  if (!wasOpen || !tour.contains(focused) || focused.disabled || part('stage').contains(focused) || focused === document.body) {
    part('title').focus({ preventScroll: true });
  }
}

function close() {
  if (current < 0) return;
  const m = MOMENTS[current];
  current = -1;
  part('stage').replaceChildren(); // the figure stops with it
  tour.hidden = true;
  room.hidden = false;
  root.classList.remove('touring');
  applyPresent();
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}`);
  const link = list.querySelector(`a[data-moment="${m.id}"]`);
  link?.focus({ preventScroll: true });
  link?.scrollIntoView({ block: 'center' });
}

/** #tour=N → N − 1, or −1 when the hash names no moment. */
function hashIndex() {
  const m = /^#tour=(\d{1,4})$/.exec(window.location.hash);
  return m ? Math.max(1, Math.min(MOMENTS.length, Number(m[1]))) - 1 : -1;
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else tour.requestFullscreen?.().catch(() => {});
}

/** Where typing goes to the element, not the tour. */
function typing(target) {
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  if (target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['range', 'checkbox', 'radio', 'button'].includes(target.type);
}

function key(e) {
  if (current < 0 || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const t = e.target;
  if (typing(t)) return;
  // Arrows belong to a focused control or figure (a widget steps on →, a slider moves).
  const inControl = t.closest('input, select, textarea, hebb-widget, hebb-compare');
  let go = null;
  switch (e.key) {
    case 'PageDown':
    case 'n':
    case 'N':
      go = current + 1;
      break;
    case 'PageUp':
    case 'p':
    case 'P':
      go = current - 1;
      break;
    case 'ArrowRight':
      if (!inControl) go = current + 1;
      break;
    case 'ArrowLeft':
      if (!inControl) go = current - 1;
      break;
    case 'Home':
      if (!inControl) go = 0;
      break;
    case 'End':
      if (!inControl) go = MOMENTS.length - 1;
      break;
    case 'Escape':
      if (!document.fullscreenElement) {
        e.preventDefault();
        close();
      }
      return;
    default:
      return;
  }
  if (go === null) return;
  e.preventDefault();
  if (go >= 0 && go < MOMENTS.length && go !== current) open(go);
}

buildList();
setPresenting(presenting);
$('[data-room="start"]').addEventListener('click', () => open(0));
presentButton.addEventListener('click', () => setPresenting(!presenting));
part('back').addEventListener('click', () => open(current - 1));
part('next').addEventListener('click', () => open(current + 1));
part('close').addEventListener('click', close);
part('fullscreen').addEventListener('click', toggleFullscreen);
document.addEventListener('keydown', key);
window.addEventListener('hashchange', () => {
  const i = hashIndex();
  if (i >= 0) open(i);
  else close();
});
if (hashIndex() >= 0) open(hashIndex());
