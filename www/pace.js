// Running `steps` steps in one frame without ever blocking it: the steps go to the core in
// growing chunks until they are done, the run stops, or the frame's time budget is spent (then
// the rest is simply not run: `speed` is an upper limit, and the trajectory is the same
// whatever the chunking, only slower).

export const FRAME_BUDGET_MS = 12;

/** Runs up to `steps` steps of `sim`; returns how many ran and whether the run stopped. */
export function advanceWithin(sim, steps, budget = FRAME_BUDGET_MS) {
  const start = performance.now();
  let done = 0;
  let chunk = Math.min(steps, 256);
  while (done < steps) {
    const ask = Math.min(chunk, steps - done);
    const ran = sim.advance(ask);
    done += ran;
    if (ran < ask) return { done, stopped: true }; // at `until`, converged or diverged
    const spent = performance.now() - start;
    if (spent >= budget) break;
    if (spent < budget / 4) chunk *= 2;
  }
  return { done, stopped: false };
}
