// The classroom features: classroom.html (the teacher presets of www/moments.js as links, the
// tour, presentation mode) and compare= (<hebb-compare>: two widgets on the same seed and data
// under one shared bar). Each moment is opened through the link the page shows and must make its
// point within the time a class would watch it; the numbers come from the science
// (docs/science.md) and from the seeds the moments pin (seed 19: λ1 ≈ 3.03, λ2 ≈ 0.50).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchBrowser, withPage, assertFitsFrame, angleSpreadDeg, baseUrl, sleep } from './harness.mjs';
import { MOMENTS } from '../../www/moments.js';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const T = { timeout: 180_000 };

const abs = (x) => Math.abs(x);
const num = (w, name) => Number(w.readouts[name]);
const steps = (ws) => ws.map((w) => num(w, 'step'));

/** What each moment must show, read from its widgets' status, readouts and message. `ready`
 * says when to judge (the run has had its time); `check` asserts the point. */
const POINTS = {
  'hebb-explodes': {
    ready: ([w]) => w.status === 'diverged',
    check: ([w]) => {
      assert.match(w.message, /no brake/);
      assert.ok(num(w, 'norm') > 1e9, `|w| = ${num(w, 'norm')}: no explosion`);
      assert.ok(num(w, 'angle') < 10, `angle ${num(w, 'angle')}°: w did not turn to PC1`);
    },
  },
  'decay-below': {
    // Averaged growth (1 + η(λ1 − α)) per step ≈ e^0.0011: about ×30 over 3,000 steps.
    ready: ([w]) => num(w, 'step') >= 3000,
    check: ([w]) => {
      assert.ok(num(w, 'lambda1') > 2.8, `λ1 = ${num(w, 'lambda1')} is not above α = 2.8`);
      assert.ok(num(w, 'norm') > 2, `|w| = ${num(w, 'norm')} after ${num(w, 'step')} steps: want growth from 0.5`);
      assert.ok(num(w, 'norm') < 1e4, `|w| = ${num(w, 'norm')}: grows too fast for "slowly"`);
      assert.notEqual(w.status, 'diverged', w.message);
    },
  },
  'decay-above': {
    ready: ([w]) => num(w, 'step') >= 3000,
    check: ([w]) => {
      assert.ok(num(w, 'lambda1') < 3.2, `λ1 = ${num(w, 'lambda1')} is not below α = 3.2`);
      assert.ok(num(w, 'norm') < 0.05, `|w| = ${num(w, 'norm')} after ${num(w, 'step')} steps: want it fading from 0.5`);
    },
  },
  'decay-compare': {
    ready: (ws) => ws.length === 2 && steps(ws).every((s) => s >= 3000),
    check: ([a, b]) => {
      assert.equal(a.readouts.lambda1, b.readouts.lambda1, 'not the same data');
      assert.ok(num(a, 'norm') > 2, `α = 2.8: |w| = ${num(a, 'norm')}, want growth`);
      assert.ok(num(b, 'norm') < 0.05, `α = 3.2: |w| = ${num(b, 'norm')}, want decay`);
    },
  },
  'oja-pc1': {
    ready: ([w]) => num(w, 'step') >= 2000,
    check: ([w]) => {
      assert.ok(abs(num(w, 'norm') - 1) < 0.05, `|w| = ${num(w, 'norm')}, want 1`);
      const bound = 4 * angleSpreadDeg(0.005, num(w, 'lambda1'), num(w, 'lambda2'));
      assert.ok(num(w, 'angle') < bound, `angle ${num(w, 'angle')}°, want < ${bound.toFixed(1)}° (4 σ)`);
    },
  },
  'oja-too-large': {
    ready: ([w]) => w.status === 'diverged',
    check: ([w]) => {
      const m = /η·λ1 = ([\d.]+) > 1/.exec(w.message);
      assert.ok(m, `the message does not name η·λ1: ${w.message}`);
      assert.ok(abs(Number(m[1]) - 0.4 * num(w, 'lambda1')) < 0.01, `η·λ1 = ${m[1]}, want 0.4 × ${num(w, 'lambda1')}`);
    },
  },
  'oja-compare': {
    ready: (ws) => ws.length === 2 && steps(ws).every((s) => s >= 1000),
    check: (ws) => {
      for (const w of ws) assert.ok(abs(num(w, 'norm') - 1) < 0.1, `|w| = ${num(w, 'norm')}, want 1`);
    },
  },
  // The online arrow reaches the information maximum: within 2 % of ½ ln(1 + λ1/σ²) once its
  // angle is inside the jitter of η = 0.01 (a few degrees cost well under 1 %).
  'infomax-pc1': {
    ready: ([w]) => num(w, 'step') >= 1500,
    check: ([w]) => {
      assert.ok(num(w, 'angle') < 10, `angle ${num(w, 'angle')}°, want the long axis`);
      const [i, top] = [num(w, 'information'), num(w, 'information-max')];
      assert.ok(i <= top && i > 0.98 * top, `information ${i} nats, want near its maximum ${top}`);
    },
  },
  // Trees only, seed 3: 0.8° apart and 90° from everything's learners at 20,000 samples (native);
  // the spread's stationary wobble is about a degree, so 5° leaves room for an earlier reading.
  'abstraction-worlds': {
    ready: ([w]) => num(w, 'step') >= 15000,
    check: ([w]) => {
      assert.ok(num(w, 'spread') < 5, `spread ${num(w, 'spread')}°, want the learners on one line`);
      assert.ok(num(w, 'between-worlds') > 80, `between worlds ${num(w, 'between-worlds')}°, want nearly perpendicular`);
    },
  },
  // Same 5 Hz pairing, two pasts: −14.6 % below θ ≈ 10.8 Hz, +10.1 % above θ ≈ 1 Hz. One
  // protocol's change has a spread under 1.5 points here (docs/science.md#pairing), so each
  // sign holds by more than 5 spreads, and θ (3.8 % spread) sits well clear of 5 Hz in both.
  'pairing-dark': {
    ready: (ws) => ws.length === 2 && ws.every((w) => w.status === 'converged'),
    check: ([normal, dark]) => {
      assert.ok(num(normal, 'theta') > 9 && num(dark, 'theta') < 1.3, `θ = ${num(normal, 'theta')} and ${num(dark, 'theta')} Hz`);
      assert.ok(num(normal, 'change') < -5, `normal rearing: change ${num(normal, 'change')} %, want depression`);
      assert.ok(num(dark, 'change') > 3, `dark rearing: change ${num(dark, 'change')} %, want potentiation`);
    },
  },
  'hopfield-recall': {
    ready: ([w]) => w.status === 'converged',
    check: ([w]) => assert.equal(num(w, 'overlap'), 1, `overlap ${num(w, 'overlap')}: the letter was not recalled`),
  },
  'hopfield-overload': {
    ready: ([w]) => w.status === 'converged',
    check: ([w]) => assert.ok(num(w, 'wrong-bits') > 0.2, `wrong bits ${num(w, 'wrong-bits')}: want recall to make the 10 % cue worse`),
  },
  capacity: {
    ready: ([w]) => w.status === 'converged',
    check: ([w]) => {
      const c = num(w, 'capacity');
      assert.ok(c > 0.1 && c < 0.2, `capacity ${c}: want the cliff near 0.138`);
    },
  },
  // N = 256, 10 trials a cell: the capacity lands near the capacity figure's ≈ 0.16 (one grid
  // step of 0.02 either way for one seed), and at load 0.12 the basin edge sits near m₀ ≈ 0.5
  // (0.1 grid, ±0.1 for one seed): well above the light loads' 0.2, well below 1.
  basins: {
    ready: ([w]) => w.status === 'converged',
    check: ([w]) => {
      const [c, b] = [num(w, 'capacity'), num(w, 'basin')];
      assert.ok(c > 0.1 && c < 0.22, `capacity ${c}: want near 0.16`);
      assert.ok(b > 0.3 && b < 0.85, `basin edge ${b} at load 0.12: want about 0.5`);
    },
  },
  'dense-order': {
    ready: (ws) => ws.length === 2 && ws.every((w) => w.status === 'converged'),
    check: ([a, b]) => {
      assert.ok(num(a, 'capacity-predicted') < num(b, 'capacity-predicted'), 'order 2 left, order 3 right');
      // Natively, seeds 1–3 of order 2 at α = 0.55 end with 32–42 % wrong bits.
      assert.ok(num(a, 'wrong-bits') > 0.15, `order 2: ${num(a, 'wrong-bits')} wrong bits, want a failed recall`);
      assert.equal(num(b, 'wrong-bits'), 0, 'order 3: want every bit back');
    },
  },
  'modern-crowded': {
    ready: ([w]) => w.status === 'converged',
    check: ([w]) => {
      assert.equal(num(w, 'overlap'), 1, `overlap ${num(w, 'overlap')}: want exact retrieval`);
      // One update retrieves; the second changes nothing and so ends the run as converged.
      assert.ok(num(w, 'step') <= 2, `${num(w, 'step')} updates: want one, and one more that changes nothing`);
    },
  },
  // Part 2 (docs/science.md (gha … prune)): learning kinds never stop by themselves, so each is judged after
  // a number of samples that its speed shows in about a second or two.
  // At η = 0.002 in 8-D an arrow on its axis still wobbles: angle1 reads 2.8° ± 1.35° and a single
  // reading is above 4° a sixth of the time (tests/circuit_widgets_land_where_the_science_says.rs).
  // The mean of 30 readings a poll apart has sd 0.27; in native runs of 100 seeds it never passed 3.5°.
  'gha-order': {
    ready: ([w]) => sampled(anglesSeen, w, 10000, ['angle1', 'angle2']),
    check: () => {
      assert.ok(mean(anglesSeen.angle1) < 4, `angle1 averages ${mean(anglesSeen.angle1)}°: neuron 1 is not on e1`);
      assert.ok(mean(anglesSeen.angle2) < 4, `angle2 averages ${mean(anglesSeen.angle2)}°: neuron 2 is not on e2`);
    },
  },
  'subspace-one': {
    ready: ([w]) => sampled(rowSeen, w, 10000, ['angle1']),
    check: () => assert.ok(mean(rowSeen.angle1) < 4, `angle1 averages ${mean(rowSeen.angle1)}°: the one row is not on e1`),
  },
  'similarity-slow': {
    ready: ([w]) => num(w, 'step') >= 20000,
    check: ([w]) => assert.ok(num(w, 'orthogonality') > 1, `‖FFᵀ − I‖ = ${num(w, 'orthogonality')}: want it stuck above 1`),
  },
  'bcm-selective': {
    ready: ([w]) => {
      if (num(w, 'step') >= 2000) thetaSeen.push(num(w, 'threshold'));
      return num(w, 'step') >= 5000 && thetaSeen.length >= 50;
    },
    check: ([w]) => {
      assert.ok(num(w, 'selectivity') > 0.95, `selectivity ${num(w, 'selectivity')}: not selective`);
      // θ averages y² (16 a quarter of the time) over about τ = 20 presentations, so one reading
      // lies outside 2–7 a tenth of the time (sd 1.4, with long tails). The mean of 50 readings a
      // poll apart has sd 0.22 in native runs of seeds 1–11; none of 2,000 such means left 4 ± 2.
      const m = mean(thetaSeen);
      assert.ok(abs(m - 4) < 2, `mean θ over ${thetaSeen.length} readings = ${m}: want it near K = 4`);
    },
  },  // The group's mean weight reaches g_max within about 200 s of simulated time and the rest's
  // falls to about a third (native: 0.985 and 0.33 at 200 s on seed 1; every seed of the claim
  // test has the group more than 0.4 above the rest at 400 s).
  'stdp-group-wins': {
    ready: ([w]) => num(w, 'step') >= 300000,
    check: ([w]) => {
      assert.ok(num(w, 'w-group') > 0.85, `group w̄ ${num(w, 'w-group')}: the group did not win`);
      assert.ok(num(w, 'w-rest') < 0.5, `rest w̄ ${num(w, 'w-rest')}: the rest did not lose`);
    },
  },

  'prune-cap': {
    ready: ([w]) => {
      if (Number.isFinite(num(w, 'connections'))) capSeen.push(num(w, 'connections'));
      return num(w, 'step') >= 3000;
    },
    check: ([w]) => {
      assert.equal(num(w, 'connections'), 12, `${num(w, 'connections')} synapses: want the cap of 12`);
      assert.ok(capSeen.length >= 5 && Math.max(...capSeen) <= 12, `the count reached ${Math.max(...capSeen)} in ${capSeen.length} readings, past the cap`);
    },
  },
  // Balance (docs/science.md#balance): rate-out averages the spikes over a 2-s window, so one
  // reading at 5 Hz has sd ≈ 1.1 Hz. From 30 s of simulated time on (the rate settles in ~20 s),
  // at least 30 readings spread over 40 s or more hold about 20 independent windows: their mean
  // has sd ≈ 0.25 Hz, and 1 Hz is 4 of those.
  'balance-target': {
    ready: ([w]) => {
      if (num(w, 'step') >= 30000) rateSeen.push(num(w, 'rate-out'));
      return num(w, 'step') >= 70000 && rateSeen.length >= 30;
    },
    check: ([w]) => {
      assert.ok(abs(mean(rateSeen) - 5) < 1, `the rate averages ${mean(rateSeen)} Hz over ${rateSeen.length} readings: want the 5 Hz target`);
      assert.ok(num(w, 'cotuning') > 0.95, `co-tuning ${num(w, 'cotuning')}: the inhibitory curve did not take the excitatory one's shape`);
    },
  },
  // E/I (docs/science.md#ei): lambda-max is the largest real part of eig(WD).
  'ei-normative': {
    ready: ([w]) => ['converged', 'diverged'].includes(w.status),
    check: ([w]) => {
      assert.equal(w.status, 'converged', w.message);
      assert.ok(num(w, 'overlap') > 0.9, `overlap ${num(w, 'overlap')}: the cue did not settle near its letter`);
      assert.ok(abs(num(w, 'lambda-max') - 1) < 0.01, `λmax = ${num(w, 'lambda-max')}: want the projector's 1`);
    },
  },
  'ei-dale': {
    ready: ([w]) => ['converged', 'diverged'].includes(w.status),
    check: ([w]) => {
      assert.equal(w.status, 'diverged', `status ${w.status}: ${w.message}`);
      assert.ok(num(w, 'lambda-max') > 1, `λmax = ${num(w, 'lambda-max')}: want an eigenvalue above 1`);
      assert.match(w.message, /eigenvalue/, 'the message does not say why');
      assert.ok(num(w, 'dale-violations') === 0, `${num(w, 'dale-violations')} weights break Dale's law after clipping`);
    },
  },
  // docs/science.md#backprop: at η = 0.005 the subspace errors' rms is about 0.075 (a single
  // reading above 0.3 would be 16 times the mean square); the loss's least value is
  // Σ_{m>3} 3 · 0.4^(m−1) = 0.3167 and the tilts add about 1 % to it.
  'backprop-same-subspace': {
    ready: ([w]) => num(w, 'step') >= 8000,
    check: ([w]) => {
      assert.ok(num(w, 'subspace-error-hebb') < 0.3, `Hebb's subspace error ${num(w, 'subspace-error-hebb')}`);
      assert.ok(num(w, 'subspace-error-backprop') < 0.3, `backprop's subspace error ${num(w, 'subspace-error-backprop')}`);
      const loss = num(w, 'loss');
      assert.ok(loss >= 0.3166 && loss < 0.36, `loss ${loss}: want near the least 0.3167`);
    },
  },
};

/** Readings of the named readouts once the run is past `from` steps, into `seen`; true after 30. */
function sampled(seen, w, from, names) {
  if (num(w, 'step') < from) return false;
  for (const n of names) (seen[n] ??= []).push(num(w, n));
  return seen[names[0]].length >= 30;
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Angles read while the GHA and the one-row subspace moments run (their checks: the means). */
const anglesSeen = {};
const rowSeen = {};
/** Synapse counts seen while the prune moment runs (its check: never past the cap). */
const capSeen = [];
/** Thresholds read while the BCM moment runs (its check: their mean). */
const thetaSeen = [];
/** Output rates read while the balance moment runs (its check: their mean). */
const rateSeen = [];

test('every moment has a check here, and moments have unique ids', () => {
  assert.deepEqual(MOMENTS.map((m) => m.id).sort(), Object.keys(POINTS).sort());
  assert.equal(new Set(MOMENTS.map((m) => m.id)).size, MOMENTS.length);
});

test('classroom.html lists every moment as a link to embed.html with its query, with zero console errors', T, async () => {
  await withPage(
    browser,
    'classroom.html',
    async (s) => {
      const links = await s.page.$$eval('a[data-moment]', (as) => as.map((a) => ({ id: a.dataset.moment, text: a.textContent, href: a.getAttribute('href') })));
      assert.deepEqual(
        links,
        MOMENTS.map((m) => ({ id: m.id, text: m.title, href: `embed.html?${m.query}` })),
      );
      const captions = await s.page.$$eval('.moment-caption', (ps) => ps.map((p) => p.textContent));
      assert.deepEqual(captions, MOMENTS.map((m) => m.caption));
      assert.equal(await s.page.locator('[data-room="start"]').textContent(), '▶ Start the tour');
      assert.equal(await s.page.locator('hebb-widget').count(), 0, 'no figure runs before the tour starts');
    },
    { width: 1280, height: 720 },
  );
});

for (const m of MOMENTS) {
  test(`moment “${m.title}”: its link opens a working figure that shows its point`, T, async () => {
    const rel = `embed.html?${m.query}`;
    await withPage(browser, rel, async (s) => {
      const ws = await s.waitUntil(`“${m.title}” to show its point`, POINTS[m.id].ready, { timeout: 90_000 });
      POINTS[m.id].check(ws);
      const expected = new URLSearchParams(m.query).has('compare') ? 2 : 1;
      assert.equal(ws.length, expected, `${ws.length} widgets`);
      // A class watches for about ten seconds. For the cloud kinds that is a number of steps,
      // whatever the load of the test machine: `speed` samples a frame at 60 frames a second.
      if ('norm' in ws[0].readouts) {
        const speeds = await s.page.evaluate(() => [...document.querySelectorAll('hebb-widget')].map((w) => Number(new URLSearchParams(w.query()).get('speed'))));
        const seconds = num(ws[0], 'step') / speeds[0] / 60;
        assert.ok(seconds <= 10, `“${m.title}” needs ${num(ws[0], 'step')} steps, ${seconds.toFixed(1)} s at ${speeds[0]} a frame`);
      }
    });
  });
}

/** The tour's counter, hash, title and the moment its figure shows. */
function tourState(s) {
  return s.page.evaluate(() => ({
    hash: location.hash,
    count: document.querySelector('[data-tour="count"]').textContent,
    title: document.querySelector('[data-tour="title"]').textContent,
    caption: document.querySelector('[data-tour="caption"]').textContent,
    figures: [...document.querySelectorAll('[data-tour="stage"] > *')].map((f) => ({ tag: f.localName, moment: f.dataset.moment })),
    hidden: document.querySelector('[data-room="tour"]').hidden,
    present: document.documentElement.classList.contains('present'),
  }));
}

async function assertAt(s, n) {
  const st = await tourState(s);
  const m = MOMENTS[n - 1];
  assert.equal(st.hidden, false, 'the tour is hidden');
  assert.equal(st.hash, `#tour=${n}`);
  assert.equal(st.count, `${n} / ${MOMENTS.length}`);
  assert.equal(st.title, m.title);
  assert.equal(st.caption, m.caption);
  const tag = new URLSearchParams(m.query).has('compare') ? 'hebb-compare' : 'hebb-widget';
  assert.deepEqual(st.figures, [{ tag, moment: m.id }], `figure of moment ${n}`);
  assert.equal(st.present, true, 'the tour presents');
}

test('the tour steps by button and key, keeps its place in the hash, and restores it on load', T, async () => {
  await withPage(
    browser,
    'classroom.html',
    async (s) => {
      const { page } = s;
      await page.click('[data-room="start"]');
      await assertAt(s, 1);
      await s.waitLoaded();
      const first = await page.$('[data-tour="stage"] > hebb-widget');
      await page.click('[data-tour="next"]');
      await assertAt(s, 2);
      assert.equal(await first.evaluate((w) => w.isConnected), false, 'the old widget was not replaced');
      await page.click('[data-tour="back"]');
      await assertAt(s, 1);
      assert.equal(await page.locator('[data-tour="back"]').isDisabled(), true, 'Back is not disabled at the first moment');

      // Keys, with the focus on the page (the title): PageDown/PageUp, N/P, arrows.
      await page.focus('[data-tour="title"]');
      await page.keyboard.press('PageDown');
      await assertAt(s, 2);
      await page.keyboard.press('n');
      await assertAt(s, 3);
      await page.keyboard.press('PageUp');
      await assertAt(s, 2);
      await page.keyboard.press('p');
      await assertAt(s, 1);
      await page.keyboard.press('ArrowRight');
      await assertAt(s, 2);
      await page.keyboard.press('ArrowRight');
      await assertAt(s, 3);
      await page.keyboard.press('ArrowLeft');
      await assertAt(s, 2);
      await page.keyboard.press('End');
      await assertAt(s, MOMENTS.length);
      assert.equal(await page.locator('[data-tour="next"]').isDisabled(), true, 'Next is not disabled at the last moment');
      await page.keyboard.press('Home');
      await assertAt(s, 1);
      await page.keyboard.press('ArrowRight');
      await assertAt(s, 2);

      // With the focus in a widget, → is the widget's step, not the tour's.
      await s.waitLoaded();
      await page.click('[data-tour="stage"] hebb-widget [data-action="pause"]');
      const before = await s.widget();
      await page.focus('[data-tour="stage"] hebb-widget');
      await page.keyboard.press('ArrowRight');
      await assertAt(s, 2);
      const after = await s.widget();
      assert.equal(after.values.step, before.values.step + 1, 'ArrowRight did not step the focused widget');
      // …while PageDown and N still move on, as a presentation clicker expects.
      await page.focus('[data-tour="stage"] hebb-widget');
      await page.keyboard.press('PageDown');
      await assertAt(s, 3);

      // Escape leaves: no figure, no hash, the list is back.
      await page.focus('[data-tour="title"]');
      await page.keyboard.press('Escape');
      const closed = await tourState(s);
      assert.equal(closed.hidden, true);
      assert.equal(closed.hash, '');
      assert.deepEqual(closed.figures, []);
      assert.equal(closed.present, false, 'presentation mode stayed on after the tour');
      assert.equal(await page.locator('hebb-widget').count(), 0);
    },
    { width: 1280, height: 720 },
  );

  // A bookmark or a reload opens the tour at its moment.
  await withPage(
    browser,
    'classroom.html#tour=5',
    async (s) => {
      await assertAt(s, 5);
      await s.waitLoaded();
      await s.page.click('[data-tour="next"]');
      await assertAt(s, 6);
      await s.page.reload({ waitUntil: 'load' });
      await assertAt(s, 6);
      // The moment runs: Oja with too large η diverges and says why, in the tour too.
      const [w] = await s.waitUntil('the moment to diverge', ([x]) => x?.status === 'diverged');
      assert.match(w.message, /η·λ1 = [\d.]+ > 1/);
    },
    { width: 1280, height: 720 },
  );
});

test('classroom.html#tour=99 opens the last moment; a malformed hash opens no tour', T, async () => {
  await withPage(browser, 'classroom.html#tour=99', async (s) => assertAt(s, MOMENTS.length), { width: 1280, height: 720 });
  await withPage(
    browser,
    'classroom.html#tour=abc',
    async (s) => {
      const st = await tourState(s);
      assert.equal(st.hidden, true);
      assert.deepEqual(st.figures, []);
    },
    { width: 1280, height: 720 },
  );
});

/** Serves axe-core from the site's origin (the pages allow scripts from 'self' only) and
 * returns axe's failures on the page: of `rules` if given, else the serious and critical ones. */
async function axeFailures(s, rules = null) {
  const base = await baseUrl();
  const source = await readFile(AXE, 'utf8');
  await s.page.route(`${base}/__axe-core__.js`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: source }));
  await s.page.addScriptTag({ url: `${base}/__axe-core__.js` });
  return s.page.evaluate(async (rules) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, rules ? { runOnly: rules } : {});
    if (r.passes.length + r.violations.length === 0) return ['axe checked nothing'];
    return r.violations
      .filter((v) => rules || v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
  }, rules);
}

const contrastFailures = (s) => axeFailures(s, ['color-contrast']);

test('axe: no serious or critical violation on classroom.html, in the tour and on a compare embed', T, async () => {
  for (const rel of ['classroom.html', 'classroom.html#tour=4', 'embed.html?kind=oja&seed=7&compare=eta:0.005,0.05', 'embed.html?kind=oja&compare=nonsense']) {
    await withPage(
      browser,
      rel,
      async (s) => {
        if (!rel.endsWith('classroom.html')) await s.waitLoaded();
        assert.deepEqual(await axeFailures(s), [], `axe on ${rel}`);
      },
      { width: 1280, height: 720 },
    );
  }
});

/** Computed font sizes (px) of the widget's message, a button and its readouts. */
function widgetType(s, scope = '') {
  return s.page.evaluate((scope) => {
    const w = document.querySelector(`${scope} hebb-widget`);
    const px = (sel) => parseFloat(getComputedStyle(w.querySelector(sel)).fontSize);
    return { message: px('[data-message]'), button: px('[data-action="play"]'), readout: px('[data-readout]') };
  }, scope);
}

test('presentation mode: larger type and AA contrast in the tour at 1280×720, the toggle, and present=1 on embed.html', T, async () => {
  await withPage(
    browser,
    'classroom.html#tour=1',
    async (s) => {
      await s.waitLoaded();
      await s.waitUntil('the run to explode', ([w]) => w.status === 'diverged');
      assert.equal(await s.page.evaluate(() => document.documentElement.className.split(' ').includes('present')), true);
      const big = await widgetType(s, '[data-tour="stage"]');
      const title = await s.page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-tour="title"]')).fontSize));
      await s.screenshot('classroom-tour-1280x720');
      await assertFitsFrame(s, 1280, 720);
      const failures = await contrastFailures(s);
      assert.deepEqual(failures, [], 'text below WCAG AA contrast in presentation mode');
      // The same page without the class: everything is smaller.
      await s.page.evaluate(() => document.documentElement.classList.remove('present'));
      const normal = await widgetType(s, '[data-tour="stage"]');
      for (const k of Object.keys(big)) assert.ok(big[k] >= normal[k] * 1.1, `${k}: ${big[k]}px presenting vs ${normal[k]}px not`);
      assert.ok(title >= 26, `tour title ${title}px`);
    },
    { width: 1280, height: 720 },
  );

  // The projector size.
  await withPage(
    browser,
    'classroom.html#tour=7',
    async (s) => {
      await s.waitLoaded();
      const type = await widgetType(s, '[data-tour="stage"]');
      assert.ok(type.message >= 20, `message ${type.message}px at 1920×1080`);
      await assertFitsFrame(s, 1920, 1080);
      await s.screenshot('classroom-tour-1920x1080');
    },
    { width: 1920, height: 1080 },
  );

  // The toggle on the list page.
  await withPage(
    browser,
    'classroom.html',
    async (s) => {
      const { page } = s;
      const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.moment-caption')).fontSize));
      const plain = await size();
      await page.click('[data-room="present"]');
      assert.equal(await page.getAttribute('[data-room="present"]', 'aria-pressed'), 'true');
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('present')), true);
      assert.ok((await size()) > plain * 1.1, 'the list did not grow');
      assert.match(await page.evaluate(() => location.search), /present=1/);
      const href = await page.getAttribute('a[data-moment]', 'href');
      assert.match(href, /&present=1$/, 'links do not open in presentation mode');
      assert.deepEqual(await contrastFailures(s), []);
      // Keyboard: the toggle and the start button are reachable with Tab, and Enter starts the tour.
      await page.focus('[data-room="present"]');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.room), 'start');
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineWidth);
      assert.ok(parseFloat(ring) >= 3, `focus ring ${ring}`);
      await page.keyboard.press('Enter');
      await assertAt(s, 1);
      await page.keyboard.press('Escape');
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('present')), true, 'leaving the tour turned the toggle off');
    },
    { width: 1280, height: 720 },
  );

  // embed.html?present=1: a page key, not a widget key; it stays in the URL the page writes.
  await withPage(browser, 'embed.html?kind=oja&seed=3&present=1', async (s) => {
    await s.waitLoaded();
    const [w] = await s.snapshot();
    assert.doesNotMatch(w.message, /unknown key/, 'present reached the widget');
    assert.equal(await s.page.evaluate(() => document.querySelector('hebb-widget').hasAttribute('present')), false);
    const big = await widgetType(s);
    await s.page.evaluate(() => document.querySelector('hebb-widget').setAttribute('eta', '0.02'));
    await s.page.waitForFunction(() => /eta=0\.02/.test(location.search));
    assert.match(await s.page.evaluate(() => location.search), /present=1/);
    await s.page.evaluate(() => document.documentElement.classList.remove('present'));
    const normal = await widgetType(s);
    assert.ok(big.message > normal.message, `message ${big.message}px presenting vs ${normal.message}px`);
  });
});

/** Both widgets of a compare page: attributes, labels and canonical keys. */
function compareState(s) {
  return s.page.evaluate(() => {
    const c = document.querySelector('hebb-compare');
    const ws = [...document.querySelectorAll('hebb-widget')];
    return {
      mode: c.dataset.mode,
      notice: c.querySelector('.hc-notice').hidden ? null : c.querySelector('.hc-notice').textContent,
      labels: [...c.querySelectorAll('.hc-label')].map((l) => l.textContent),
      seeds: ws.map((w) => w.getAttribute('seed')),
      queries: ws.map((w) => Object.fromEntries(new URLSearchParams(w.query()))),
      pageKeys: ws.map((w) => ['compare', 'present'].filter((k) => w.hasAttribute(k))),
      search: location.search,
    };
  });
}

const shared = (s, action) => s.page.click(`hebb-compare [data-shared="${action}"]`);

test('compare=eta:0.005,0.05: two widgets, same seed and data, different η, driven together by the shared bar', T, async () => {
  await withPage(browser, 'embed.html?kind=oja&seed=7&compare=eta:0.005,0.05', async (s) => {
    await s.waitUntil('two running widgets', (ws) => ws.length === 2 && ws.every((w) => w.status === 'running'));
    const st = await compareState(s);
    assert.equal(st.mode, 'two');
    assert.equal(st.notice, null);
    assert.deepEqual(st.labels, ['η = 0.005', 'η = 0.05']);
    assert.deepEqual(st.seeds, ['7', '7']);
    assert.deepEqual(st.queries.map((q) => q.eta), ['0.005', '0.05']);
    assert.deepEqual(st.pageKeys, [[], []], 'a page key reached a widget');
    // Same data: the same eigenvalues of the same cloud, to the last digit.
    const [a, b] = await s.snapshot();
    assert.equal(a.readouts.lambda1, b.readouts.lambda1);
    assert.equal(a.readouts.lambda2, b.readouts.lambda2);

    await sleep(1000);
    await shared(s, 'pause');
    const [pa, pb] = await s.snapshot();
    assert.ok(num(pa, 'step') >= 20, `only ${num(pa, 'step')} steps in a second`);
    assert.equal(num(pa, 'step'), num(pb, 'step'), 'the two runs are not in step');
    assert.notEqual(pa.readouts.norm, pb.readouts.norm, 'different η, same |w|: is η compared at all?');
    assert.deepEqual([pa.status, pb.status], ['paused', 'paused']);
    await s.screenshot('compare-720x480');
    await assertFitsFrame(s);

    await shared(s, 'step');
    const stepped = steps(await s.snapshot());
    assert.deepEqual(stepped, [num(pa, 'step') + 1, num(pb, 'step') + 1]);
    await shared(s, 'play');
    await sleep(500);
    await shared(s, 'pause');
    const played = steps(await s.snapshot());
    assert.ok(played[0] >= stepped[0] + 10, `Play ran ${played[0] - stepped[0]} steps`);
    assert.equal(played[0], played[1], 'Play did not drive both the same');
    await shared(s, 'reset');
    assert.deepEqual(steps(await s.snapshot()), [0, 0]);

    // The URL keeps the compare key (readable), the seed and no compared key of its own.
    await s.page.evaluate(() => document.querySelectorAll('hebb-widget')[0].setAttribute('n', '300'));
    await s.page.waitForFunction(() => /n=300/.test(location.search));
    const after = await compareState(s);
    assert.equal(after.queries[1].n, '300', 'a key moved in one widget did not follow in the other');
    assert.deepEqual(after.queries.map((q) => q.eta), ['0.005', '0.05'], 'the compared key followed');
    assert.match(after.search, /[?&]compare=eta:0\.005,0\.05(&|$)/);
    assert.match(after.search, /[?&]seed=7(&|$)/);
    assert.doesNotMatch(after.search, /[?&]eta=/);

    // A host page sets a key on the element: both widgets take it; a new spec starts over.
    await s.page.evaluate(() => document.querySelector('hebb-compare').setAttribute('theta', '60'));
    await s.page.waitForFunction(() => [...document.querySelectorAll('hebb-widget')].every((w) => /theta=60/.test(w.query())));
    await s.page.evaluate(() => document.querySelector('hebb-compare').setAttribute('compare', 'n:100,1000'));
    await s.waitUntil('the new pair', (ws) => ws.length === 2 && ws.every((w) => w.status === 'running'));
    const renewed = await compareState(s);
    assert.deepEqual(renewed.labels, ['n = 100', 'n = 1000']);
    assert.deepEqual(renewed.queries.map((q) => [q.n, q.theta, q.seed]), [['100', '60', '7'], ['1000', '60', '7']]);
  });
});

test('compare without a seed draws one and gives it to both; the URL gets it', T, async () => {
  await withPage(browser, 'embed.html?kind=decay&compare=alpha:2,4&present=1', async (s) => {
    await s.waitLoaded();
    await s.waitUntil('two widgets', (ws) => ws.length === 2);
    await s.page.waitForFunction(() => /seed=\d+/.test(location.search));
    const st = await compareState(s);
    assert.equal(st.seeds[0], st.seeds[1]);
    assert.ok(/^\d+$/.test(st.seeds[0]) && Number(st.seeds[0]) < 2 ** 32, `seed ${st.seeds[0]}`);
    assert.match(st.search, new RegExp(`seed=${st.seeds[0]}(&|$)`));
    assert.match(st.search, /compare=alpha:2,4/);
    assert.match(st.search, /present=1/);
    assert.deepEqual(st.labels, ['α = 2', 'α = 4']);
    const [a, b] = await s.snapshot();
    assert.equal(a.readouts.lambda1, b.readouts.lambda1);
  });
});

for (const [spec, why] of [
  ['nonsense', /not of the form key:value1,value2/],
  ['eta:abc', /not of the form key:value1,value2/],
  ['eta:abc,0.05', /η = “abc” is not a value the oja widget takes/],
  ['eta:0.01,5', /η = “5” is not a value the oja widget takes \(it would use 1\)/],
  ['bogus:1,2', /no key “bogus”/],
  ['alpha:1,2', /no key “alpha”/],
  ['eta:0.01,0.01', /same value twice/],
  ['kind:hebb,oja', /cannot be compared/],
  ['<b>x</b>:1,2', /not of the form/],
]) {
  test(`compare=${spec}: a notice and one working widget`, T, async () => {
    await withPage(browser, `embed.html?kind=oja&seed=2&compare=${encodeURIComponent(spec)}`, async (s) => {
      await s.waitUntil('one running widget', (ws) => ws.length === 1 && ws[0].status === 'running' && num(ws[0], 'step') > 0);
      const st = await compareState(s);
      assert.equal(st.mode, 'one');
      assert.match(st.notice ?? '', why);
      assert.ok(await s.page.isVisible('hebb-compare .hc-notice'), 'the notice is not visible');
      assert.equal(await s.page.isVisible('hebb-compare [data-shared="play"]'), false, 'a shared bar without two runs');
      assert.equal(await s.page.isVisible('hebb-widget [data-action="play"]'), true, 'the one widget lost its own buttons');
      assert.equal(await s.page.locator('hebb-compare .hc-notice b').count(), 0, 'markup from the URL was parsed');
      assert.deepEqual(st.pageKeys, [[]]);
      assert.equal(st.seeds[0], '2');
      await assertFitsFrame(s);
    });
  });
}
