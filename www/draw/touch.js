// A finger on a picture that takes edits (the cloud, the painting grid): outside edit mode it
// must not trap the page, so the picture lets the browser pan (touch-action in the stylesheet),
// a swipe scrolls, and only a tap edits. With the widget's Edit toggle on, the picture takes the
// finger like a mouse. A mouse or a pen edits as it always did; a pen that hovers over the
// picture stops it panning until it leaves, so that its strokes paint rather than scroll (a pen
// that cannot hover pans like a finger, and edits with the toggle on).

/** Whether a finger may be used on the page (a phone, a tablet, a touch screen beside a mouse):
 * then the widget shows its Edit toggle and says how a finger edits. */
export function fingers() {
  return window.matchMedia?.('(any-pointer: coarse)').matches ?? false;
}

/** How far (CSS px) a finger may wander between down and up and still count as a tap. */
const TAP_SLOP_PX = 10;

export class FingerTaps {
  /**
   * @param {HTMLElement} target the picture's element
   * @param {object} host the widget's services (widget/host.js): editing(), editable()
   * @param {(e: PointerEvent) => void} tap called with the pointerup of a tap
   */
  constructor(target, host, tap) {
    this.target = target;
    this.host = host;
    this.tap = tap;
    this.pending = null;
    target.addEventListener('pointerover', (e) => this.pen(e, 'none'));
    target.addEventListener('pointerleave', (e) => this.pen(e, ''));
    target.addEventListener('pointermove', (e) => this.move(e));
    target.addEventListener('pointerup', (e) => this.up(e));
    target.addEventListener('pointercancel', () => {
      // The browser took the finger for a scroll or a zoom.
      this.pending = null;
    });
  }

  /** Whether the pointerdown `e` is a finger outside edit mode: then it is only watched (a tap
   * edits on its pointerup) and the caller must not edit. */
  down(e) {
    if (e.pointerType !== 'touch' || this.host.editing()) return false;
    this.pending = { id: e.pointerId, x: e.clientX, y: e.clientY };
    return true;
  }

  /** A pen over the picture: `none` stops it panning; '' gives the stylesheet's back. */
  pen(e, action) {
    if (e.pointerType === 'pen') this.target.style.touchAction = action;
  }

  move(e) {
    const p = this.pending;
    if (p && e.pointerId === p.id && Math.hypot(e.clientX - p.x, e.clientY - p.y) > TAP_SLOP_PX) this.pending = null;
  }

  up(e) {
    const p = this.pending;
    if (!p || e.pointerId !== p.id) return;
    this.pending = null;
    if (Math.hypot(e.clientX - p.x, e.clientY - p.y) <= TAP_SLOP_PX && this.host.editable()) this.tap(e);
  }
}
