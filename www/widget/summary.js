// The visually hidden summary of the readouts for screen readers ([data-summary], polite):
// rewritten at most every few seconds while running, so it is not read out every frame.

import { el } from '../dom.js';

/** The summary is rewritten at most this often, except when the status changes or the reader
 * steps. */
const SUMMARY_MS = 3000;

/** Short words for the summary's last sentence. */
const STATUS_WORD = {
  ready: 'Ready',
  running: 'Running',
  paused: 'Paused',
  converged: 'Converged',
  diverged: 'Diverged',
};

/** The readouts in a sentence, e.g. "Step 1,200: |w| = 1, angle 1.2°, … Running." */
function summaryText(texts, status) {
  if (!texts.length) return '';
  const [first, ...rest] = texts; // the step comes first
  const head = `${first[0].toUpperCase()}${first.slice(1)}: `;
  const word = STATUS_WORD[status] ?? '';
  return `${head}${rest.join(', ')}.${word ? ` ${word}.` : ''}`;
}

export class Summary {
  /** `read()` gives { texts: the readouts' words, status: the page status }, or null once the
   * widget has stopped. */
  constructor(read) {
    this.read = read;
    this.el = el('p', 'hw-summary', { 'data-summary': '', role: 'status', 'aria-live': 'polite' });
    this.last = -Infinity;
    this.status = '';
    this.timer = 0;
  }

  /** Rewrites the summary at once when the status changed or `now`; otherwise at most every
   * SUMMARY_MS (a timer catches up with the last state). */
  update(now = false) {
    const seen = this.read();
    if (!seen) return;
    const text = summaryText(seen.texts, seen.status);
    if (text === this.el.textContent) return;
    const wait = this.last + SUMMARY_MS - performance.now();
    if (now || wait <= 0 || seen.status !== this.status) {
      this.stop();
      this.el.textContent = text;
      this.last = performance.now();
      this.status = seen.status;
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.update(true);
      }, wait);
    }
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = 0;
  }
}
