// Pacing: no input may block the page for long, whatever a step costs (a cloud sample takes
// nanoseconds, an `ei` learning step at its largest sizes milliseconds).
//
// - One frame loop for the whole page (`requestFrame`): every widget that wants a frame gets it
//   from the same requestAnimationFrame callback, and all of them share one time budget. A
//   widget that finds the budget spent waits for the next frame and goes first then, so 40
//   figures on one page run in turn at a steady frame rate instead of each taking its own 12 ms.
// - A `Pacer` per run learns the measured cost of one step and asks the core for only as many
//   steps as fit in the widget's share. The trajectory is the same whatever the chunking, only
//   slower: `speed` is an upper limit.

/** Work (simulation and drawing) of the whole page in one frame. */
export const PAGE_BUDGET_MS = 10;
/** The least a running widget computes when it gets the frame. */
const MIN_SHARE_MS = 0.5;
/** A chunk this long measures the cost of a step well (the clock is coarse, ~0.1 ms). */
const MEASURABLE_MS = 0.5;

/** The widgets waiting for the next frame, in the order they will get it. */
const waiting = new Set();
let raf = 0;

/** Asks for one call of `client.frame(t, shareMs)` in the page's next frame. */
export function requestFrame(client) {
  waiting.add(client);
  if (!raf) raf = requestAnimationFrame(runFrame);
}

export function cancelFrame(client) {
  waiting.delete(client);
}

function runFrame(t) {
  raf = 0;
  const start = performance.now();
  const deadline = start + PAGE_BUDGET_MS;
  const queue = [...waiting];
  const groups = new Set();
  let served = 0;
  for (const client of queue) {
    const now = performance.now();
    // Always serve one, and the partners of one served (`frameGroup`: a <hebb-compare> pair
    // runs in the same frames); past the deadline the rest keep their place for the next frame.
    if (served > 0 && now >= deadline && !groups.has(client.frameGroup)) continue;
    if (client.frameGroup) groups.add(client.frameGroup);
    waiting.delete(client);
    served += 1;
    const share = Math.max(MIN_SHARE_MS, (deadline - now) / (queue.length - served + 1));
    client.frame(t, share);
  }
  if (waiting.size && !raf) raf = requestAnimationFrame(runFrame);
}

/** Runs a kind's work in chunks sized by the measured cost of one unit of it. */
export class Pacer {
  constructor() {
    /** Milliseconds per unit; 0 while not yet measured. */
    this.cost = 0;
  }

  /** The settings changed: a step may cost something else now. */
  forget() {
    this.cost = 0;
  }

  /**
   * Calls `work(n)` (which does up to n units and returns how many it did) until `want` units
   * are done or `budget` ms are spent. Returns how many ran and whether the work stopped short
   * of what it was asked (the run reached `until`, converged or diverged).
   */
  run(work, want, budget) {
    const start = performance.now();
    let done = 0;
    let ask = 1;
    while (done < want) {
      const left = budget - (performance.now() - start);
      if (done > 0 && left <= 0) break;
      if (this.cost > 0) ask = Math.max(1, Math.floor(Math.max(left, 0) / this.cost));
      ask = Math.min(ask, want - done);
      const t0 = performance.now();
      const ran = work(ask);
      const dt = performance.now() - t0;
      done += ran;
      if (ran < ask) return { done, stopped: true };
      if (dt >= MEASURABLE_MS) this.cost = dt / ran;
      else if (this.cost === 0) ask *= 4; // too quick to time yet: try more
      else this.cost = Math.min(this.cost, MEASURABLE_MS / ran); // cheaper than thought
    }
    return { done, stopped: false };
  }
}
