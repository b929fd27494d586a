// The look of the memory family (`hopfield`, `capacity`, `modern`, `ei`): pixel grids of the
// network's state, the stored patterns with their live overlaps, the chart of each kind (drawn by
// plotters in Rust) and, for `hopfield`, the weight matrix. The element (hebb-widget.js) owns the
// controls, readouts, status, actions and the frame loop; this module fills the picture area,
// paints on the state grid, and says what one frame of running means for each kind.
// Every number shown comes from a Rust buffer; JS only lays out and colours.

import { PixelGrid, drawWeightMatrix } from './draw-grid.js';
import { grouped, human } from './format.js';
import { advanceWithin, FRAME_BUDGET_MS } from './pace.js';
import { el, figure, fitCanvas } from './dom.js';

/** Rule, equation and a hint for each kind (the page's words, not its maths). */
const KIND_TEXT = {
  hopfield: {
    title: 'Hopfield network: completing a picture',
    rule: 'W = (1/N) Σ ξᵘξᵘᵀ,  sᵢ ← sgn(Σⱼ Wᵢⱼ sⱼ)',
    hint: 'Each stored picture is a valley of the energy. A neuron flips when its input disagrees with it, and every flip goes downhill, so a noisy cue rolls into the nearest memory.',
  },
  capacity: {
    title: 'How many memories fit',
    rule: 'load P/N: retrieval up to ≈ 0.138, perfect recall up to N/(4 ln N)',
    hint: 'Random patterns are stored at rising loads and recall starts from each stored pattern itself. Up to a load of about 0.138 it stays close, with a few bits wrong; past it, it collapses. Recall with no bit wrong ends far earlier, near N/(4 ln N) patterns.',
  },
  modern: {
    title: 'Modern Hopfield network',
    rule: 'ξ ← X softmax(β Xᵀ ξ)',
    hint: 'One update mixes the stored patterns, weighted by a softmax of their match with the state. Large β picks the best match in one step, even with many more patterns than N; small β blends them.',
  },
  ei: {
    title: 'Excitatory and inhibitory neurons',
    rule: 'τẏ = W D y − y,  ΔW = η (F − W D F)(D F)ᵀ',
    hint: 'W learns by gradient steps on ½‖WDF − F‖²; D gives each neuron its sign. After learning, the cue settles on its projection onto the stored patterns, next to what the classic network recalls from the same cue. Right of the loss: the eigenvalues of W·D; one past the dashed line Re λ = 1 makes recall run away.',
  },
};

const pct = (v) => `${(v * 100).toFixed(v !== 0 && Math.abs(v) < 0.1 ? 2 : 1)} %`;
/** A number with a real minus sign. */
const signed = (s) => s.replace(/^-/, '−');

const STEP_WORD = { hopfield: 'sweep', capacity: 'trial', modern: 'update', ei: 'learning step' };

/** Human text of each readout (the value itself comes from Rust). */
const READOUT_TEXT = {
  step: (v, kind) => `${STEP_WORD[kind] ?? 'step'} ${grouped(v)}`,
  overlap: (v, kind) => (kind === 'ei' ? `cosine ${signed(v.toFixed(3))}` : `overlap m = ${signed(v.toFixed(3))}`),
  energy: (v, kind) => (kind === 'ei' ? `loss ${signed(human(v, 3))}` : `energy ${signed(human(v, 4))}`),
  'wrong-bits': (v, kind) => (kind === 'capacity' ? `last trial: ${pct(v)} wrong` : `wrong bits ${pct(v)}`),
  capacity: (v) => (v > 0 ? `critical load ≈ ${v.toFixed(3)}` : 'critical load: not reached yet'),
  'dale-violations': (v) => `Dale violations ${grouped(v)}`,
  'lambda-max': (v) => `Re λmax ${signed(v.toFixed(3))}`,
};

const READOUT_TITLE = {
  step: {
    hopfield: 'sweeps done (one sweep = N single-neuron updates)',
    capacity: 'trials done (one trial = one load, one seed)',
    modern: 'retrieval updates done',
    ei: 'learning updates of W done',
  },
  overlap: {
    hopfield: 'overlap m = (1/N) Σ ξᵢ sᵢ with the cued pattern (1 = recalled)',
    modern: 'cosine between the state and the cued pattern',
    ei: 'cosine between the settled recall and the cued letter',
  },
  energy: {
    hopfield: 'energy E = −½ sᵀ W s; asynchronous updates never raise it',
    modern: 'energy −(1/β) log Σ exp(β xᵀξ) + ½ ξᵀξ; each update lowers it',
    ei: 'the learning loss ½‖W D F − F‖²',
  },
  'wrong-bits': {
    hopfield: 'fraction of neurons whose sign differs from the cued pattern',
    modern: 'fraction of components whose sign differs from the cued pattern',
    ei: 'fraction of neurons of the recall whose sign differs from the letter',
    capacity: 'mean fraction of wrong bits after recall in the latest trial',
  },
  capacity: { capacity: 'estimated critical load P/N: where the mean wrong-bit fraction after recall first passes 5 %' },
  'dale-violations': { ei: 'weights below 0: with D carrying the signs, Dale’s law needs W ≥ 0' },
  'lambda-max': { ei: 'largest real part of the eigenvalues of W·D: above 1, recall τẏ = WDy − y runs away along that direction; the learned projector has 1' },
};

const STATUS_TEXT = {
  hopfield: {
    running: 'Recalling: one neuron at a time takes the sign of its input. Paint on the picture to disturb it.',
    ready: 'Ready: press play (Space) or step (→, one sweep). Paint on the picture first if you like.',
    paused: 'Paused: Space plays, → runs one sweep of N updates.',
    converged: 'Converged: a whole sweep without a flip, so this is a stable state. Paint on it, store it, or reset.',
  },
  modern: {
    running: 'Retrieving: one update every half second. Paint on the picture to change the cue.',
    ready: 'Ready: press play (Space) or step (→, one update).',
    paused: 'Paused: Space plays, → runs one update.',
    converged: 'Converged: the update no longer changes ξ. Paint on it or move β.',
  },
  ei: {
    running: 'Learning W, one gradient step at a time; the cue settles when learning ends.',
    ready: 'Ready: press play (Space) to learn W, or step (→, one update).',
    paused: 'Paused: Space plays, → runs one learning update.',
    converged: 'Learned: the loss is near 0 and the cue has settled under τẏ = WDy − y.',
  },
  capacity: {
    running: 'Running the sweep: each trial stores random patterns at one load and recalls every one.',
    ready: 'Ready: press play (Space) to run the sweep, or step (→, one trial).',
    paused: 'Paused: Space carries on with the sweep, → runs one trial.',
    converged: 'Sweep finished.',
  },
  common: {
    until: 'Stopped at the step set by “until”; reset to run again.',
    diverged: 'Diverged:',
  },
};

/** Time between two modern retrieval updates while running, ms (so the reader can watch). */
const MODERN_INTERVAL_MS = 500;
/** The weight heatmap shows at most this many neurons (a crop of W). */
const W_SHOWN = 256;

/** A pixel grid in a figure with a caption. */
function gridFigure(className, caption, label) {
  const f = figure('hw-m', className, caption, label, 'hw-grid');
  return { ...f, grid: new PixelGrid(f.canvas) };
}

export class MemoryFamilyView {
  /**
   * @param {HTMLElement} main the widget's picture area (emptied and filled here)
   * @param {object} host services of the widget (see HebbWidget.host)
   */
  constructor(main, host) {
    this.main = main;
    this.host = host;
    this.kind = '';
    this.dirty = { state: true, patterns: true, weights: true };
    this.paint = null;
    this.lastTick = -Infinity;
    this.lastUpdate = -Infinity;
    this.cue = null; // ei: the cue as it was at step 0 (the state shows it until recall)
  }

  words(kind) {
    return KIND_TEXT[kind] ?? { title: kind, rule: '', hint: '' };
  }

  readoutText(name, v) {
    const fmt = READOUT_TEXT[name];
    return fmt ? fmt(v, this.kind) : undefined;
  }

  readoutTitle(name) {
    return READOUT_TITLE[name]?.[this.kind];
  }

  statusText(status) {
    return STATUS_TEXT[this.kind]?.[status] ?? STATUS_TEXT.common[status];
  }

  /** Tooltips of the shared buttons whose meaning depends on the kind. */
  buttonTitles() {
    const step = {
      hopfield: 'one sweep: N single-neuron updates (→)',
      capacity: 'one trial (→)',
      modern: 'one retrieval update (→)',
      ei: 'one learning update of W (→)',
    }[this.kind];
    const seed = this.kind === 'capacity' ? 'new random patterns for every trial' : 'a new noisy cue (and new random patterns)';
    return { step: step ?? 'one step (→)', 'new-seed': seed };
  }

  // ---- reading Rust's buffers (views made afresh: any call may grow wasm memory) ----

  buf(name) {
    const sim = this.host.sim();
    const ptr = sim.buffer_ptr(name);
    const len = sim.buffer_len(name);
    return new Float64Array(this.host.buffer(), ptr, len);
  }

  get side() {
    return this.host.schemaValue('side') ?? 0;
  }

  // ---- layout ----

  /** The kind or its settings changed: a new layout when the kind is new. */
  configure(kind) {
    if (kind !== this.kind) this.build(kind);
    if (this.eiStrip) {
      // The first round(ratio · N) neurons (the top rows) are excitatory.
      const n = this.side * this.side;
      const exc = n > 0 ? Math.round((this.host.schemaValue('ratio') ?? 1) * n) / n : 1;
      this.eiStrip.style.setProperty('--hw-exc', `${(exc * 100).toFixed(2)}%`);
      this.eiStrip.title = `neurons 1–${Math.round(exc * n)} (top) excitatory, the rest inhibitory`;
    }
  }

  build(kind) {
    this.kind = kind;
    this.main.className = `hw-main hw-memory hw-m-${kind}`;
    this.main.dataset.kind = kind;
    this.stage = this.thumbRow = this.chart = this.wCanvas = this.progress = null;
    this.eiGrid = this.classicGrid = this.cueGrid = this.eiStrip = null;
    this.thumbs = [];
    this.thumbKey = '';
    const readouts = this.host.readoutBox;
    const chart = (label) => {
      this.chart = el('canvas', 'hw-chart hw-m-chart', { role: 'img', 'aria-label': label, 'data-part': 'charts' });
      return this.chart;
    };

    if (kind === 'capacity') {
      const side = el('div', 'hw-m-side');
      this.progress = el('div', 'hw-m-progress', {
        role: 'progressbar',
        'aria-label': 'trials done',
        'aria-valuemin': '0',
      });
      this.progressFill = el('span');
      this.progress.append(this.progressFill);
      this.progressText = el('p', 'hw-m-progress-text');
      side.append(this.progress, this.progressText, readouts);
      this.main.replaceChildren(
        chart('Wrong bits after recall and fraction of patterns recalled perfectly against the load P/N, with the AGS theory, the critical load and the perfect-recall loads N/(4 ln N) and N/(2 ln N) marked'),
        side,
      );
      return;
    }

    if (kind === 'ei') {
      const grids = el('div', 'hw-m-grids');
      const ei = gridFigure('hw-m-recall', 'E/I network: recall', 'The E/I network’s settled recall of the cue');
      // Beside the E/I grid, which rows are excitatory (top) and which inhibitory.
      this.eiStrip = el('div', 'hw-m-strip', { 'aria-hidden': 'true' });
      const e = el('b');
      e.textContent = 'E';
      const i = el('b');
      i.textContent = 'I';
      this.eiStrip.append(e, i);
      const row = el('div', 'hw-m-withstrip');
      ei.frame.replaceWith(row);
      row.append(this.eiStrip, ei.frame);
      const classic = gridFigure('hw-m-classic', 'classic network: recall', 'The classic Hopfield network’s recall of the same cue');
      // The same indent as the E/I grid's strip, so both recalls are the same size.
      const spacer = el('div', 'hw-m-withstrip');
      classic.frame.replaceWith(spacer);
      spacer.append(el('div'), classic.frame);
      grids.append(ei.fig, classic.fig);
      const side = el('div', 'hw-m-side');
      const top = el('div', 'hw-m-top');
      const cue = gridFigure('hw-m-cue', 'cue', 'The noisy cue');
      top.append(cue.fig, readouts);
      side.append(top, chart('Learning loss ½‖WDF − F‖² against learning step, log scale, and the eigenvalues of W·D in the complex plane with the line Re λ = 1'));
      this.main.replaceChildren(grids, side);
      this.eiGrid = ei;
      this.classicGrid = classic;
      this.cueGrid = cue;
      return;
    }

    // hopfield, modern: the state grid to paint on, the stored patterns, the chart.
    const stage = gridFigure(
      'hw-m-stage',
      kind === 'modern' ? 'state ξ: paint on it' : 'state: paint on it',
      'The network’s state; press and drag to paint pixels',
    );
    stage.canvas.classList.add('hw-paint');
    const c = stage.canvas;
    c.addEventListener('pointerdown', (e) => this.down(e));
    c.addEventListener('pointermove', (e) => this.move(e));
    c.addEventListener('pointerup', (e) => this.up(e));
    c.addEventListener('pointercancel', (e) => this.up(e));
    this.stage = stage;

    const side = el('div', 'hw-m-side');
    const head = el('div', 'hw-m-head');
    const label = el('span', 'hw-m-label');
    label.textContent = 'stored patterns · overlap m';
    label.title = 'each stored pattern, with its overlap m with the current state under it';
    head.append(label);
    if (kind === 'hopfield') {
      const store = el('button', 'hw-button hw-m-store', {
        type: 'button',
        'data-action': 'store',
        title: 'add the current picture to the memories (W += ξξᵀ)',
      });
      const icon = el('span', 'hw-icon', { 'aria-hidden': 'true' });
      icon.textContent = '+';
      store.append(icon, 'store this picture');
      head.append(store);
    }
    this.thumbRow = el('div', 'hw-m-thumbs', { role: 'list', 'aria-label': 'stored patterns' });
    const lower = el('div', 'hw-m-lower');
    if (kind === 'hopfield') {
      lower.append(chart('Energy against time in sweeps'));
      const box = el('div', 'hw-m-wbox');
      const wfig = el('figure', 'hw-m-fig hw-m-w');
      const frame = el('div', 'hw-m-frame');
      this.wCanvas = el('canvas', 'hw-grid', {
        role: 'img',
        'aria-label': 'The weight matrix W: warm positive, cool negative',
      });
      frame.append(this.wCanvas);
      this.wCaption = el('figcaption', 'hw-m-caption');
      wfig.append(frame, this.wCaption);
      // Readouts first: in a short frame the heatmap gives way, never the numbers.
      box.append(readouts, wfig);
      lower.append(box);
    } else {
      lower.append(chart('Softmax weight of each stored pattern'), readouts);
    }
    side.append(head, this.thumbRow, lower);
    this.main.replaceChildren(stage.fig, side);
  }

  // ---- runs ----

  /** A new run (`boot`, `change`) or the same run back at step 0 (`reset`). */
  restarted() {
    this.lastUpdate = -Infinity;
    this.lastTick = -Infinity;
    this.markAll();
  }

  /**
   * One frame of running. Returns 'wait' when this frame does nothing (modern between updates),
   * else 'check' (the run may have stopped by itself).
   */
  advance(speed, t) {
    const sim = this.host.sim();
    switch (this.kind) {
      case 'modern': {
        // A fresh start shows the state for one interval before the first update.
        if (!(t - this.lastTick < 200)) this.lastUpdate = t;
        this.lastTick = t;
        if (t - this.lastUpdate < MODERN_INTERVAL_MS) return 'wait';
        this.lastUpdate = t;
        sim.advance(speed);
        break;
      }
      case 'capacity': {
        // Small pieces of trials (a few rows of W, or one recall) until the frame's budget is
        // spent or `speed` trials are finished, so no frame is long whatever N is.
        const start = performance.now();
        let done = 0;
        while (done < speed && performance.now() - start < FRAME_BUDGET_MS) {
          done += sim.advance_units(1);
          if (sim.status() !== 'ready') break;
        }
        break;
      }
      case 'ei':
        advanceWithin(sim, speed);
        break;
      default:
        // hopfield: `speed` neuron updates (async) or exactly one sweep (sync) per frame.
        sim.advance(speed);
    }
    this.dirty.state = true;
    return 'check';
  }

  /** The → action: one step of the kind (for async Hopfield, one sweep = N updates). */
  step() {
    const sim = this.host.sim();
    sim.advance(this.kind === 'hopfield' ? Math.max(1, this.side * this.side) : 1);
    this.dirty.state = true;
  }

  /** Kind-specific buttons; true when handled. */
  act(action) {
    if (action !== 'store' || this.kind !== 'hopfield') return false;
    const ok = this.host.sim().store_state();
    this.dirty.patterns = this.dirty.weights = this.dirty.state = true;
    this.host.edited(ok ? '' : 'This picture could not be stored.');
    return true;
  }

  markAll() {
    const d = this.dirty;
    d.state = d.patterns = d.weights = true;
  }

  markDynamic() {
    this.dirty.state = true;
  }

  // ---- painting (hopfield, modern) ----

  down(e) {
    if (e.button !== 0 || !this.host.editable() || !this.stage) return;
    const i = this.stage.grid.indexAt(e.clientX, e.clientY);
    if (i < 0) return;
    e.preventDefault(); // no text selection; keep the keyboard on the widget
    this.host.focus();
    // The stroke paints the colour opposite to the first pixel's, like a pen.
    const value = this.buf('state')[i] > 0 ? -1 : 1;
    this.paint = { id: e.pointerId, value, x: e.clientX, y: e.clientY };
    this.host.paintStart();
    this.paintPixel(i);
    this.stage.canvas.setPointerCapture(e.pointerId);
  }

  move(e) {
    const p = this.paint;
    if (!p || e.pointerId !== p.id) return;
    // Every pixel along the segment since the last event, so a fast stroke leaves no gaps.
    const r = this.stage.canvas.getBoundingClientRect();
    const cell = Math.max(1, r.width / Math.max(1, this.stage.grid.side));
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    const n = Math.max(1, Math.ceil((Math.hypot(dx, dy) / cell) * 3));
    let last = -1;
    for (let k = 1; k <= n; k++) {
      const i = this.stage.grid.indexAt(p.x + (dx * k) / n, p.y + (dy * k) / n);
      if (i !== last) this.paintPixel(i);
      last = i;
    }
    p.x = e.clientX;
    p.y = e.clientY;
  }

  up(e) {
    const p = this.paint;
    if (!p || e.pointerId !== p.id) return;
    this.paint = null;
    const c = this.stage.canvas;
    if (c.hasPointerCapture(e.pointerId)) c.releasePointerCapture(e.pointerId);
    this.host.paintEnd();
  }

  /** Sets pixel i to the stroke's colour exactly (a grey modern pixel may need two flips). */
  paintPixel(i) {
    if (i < 0 || !this.paint) return;
    const sim = this.host.sim();
    let changed = false;
    for (let k = 0; k < 2 && this.buf('state')[i] !== this.paint.value; k++) {
      sim.toggle(i);
      changed = true;
    }
    if (changed) {
      this.dirty.state = true;
      this.host.edited();
    }
  }

  // ---- drawing ----

  draw() {
    // A resize marks everything (the widget's ResizeObserver), so the thumbnails that fit are
    // counted again then.
    const d = this.dirty;
    if (d.patterns) {
      this.drawPatterns();
      d.patterns = false;
      d.state = true;
    }
    if (d.weights) {
      this.drawWeights();
      d.weights = false;
    }
    if (d.state) {
      this.drawState();
      d.state = false;
    }
  }

  drawState() {
    const side = this.side;
    const status = this.host.status();
    if (this.stage) {
      this.stage.grid.draw(this.buf('state'), side, 1);
      this.drawOverlaps();
    }
    if (this.eiGrid) {
      const state = this.buf('state');
      // At step 0 the state is the cue itself: keep it for the cue panel (later the state is
      // the recall, and a live change such as η keeps the run and its cue).
      if (!this.cue || this.host.readout('step') === 0) this.cue = Float64Array.from(state);
      // The recall exists once learning is over (converged, or stopped at `until`).
      const settled = status === 'converged' || status === 'paused';
      let max = 0;
      for (const v of state) if (Math.abs(v) > max) max = Math.abs(v);
      this.eiGrid.grid.draw(state, side, max > 0 ? max : 1);
      this.eiGrid.fig.classList.toggle('hw-m-waiting', !settled);
      this.eiGrid.cap.textContent = settled
        ? 'E/I network: recall'
        : status === 'diverged'
          ? 'E/I network: no recall'
          : 'E/I: recall after learning';
      this.eiGrid.fig.title = settled
        ? `the settled state y; grey level ∝ y, full ink at the largest |y| = ${human(max, 3)}`
        : 'the E/I network recalls the cue once learning ends';
      this.classicGrid.grid.draw(this.buf('classic'), side, 1);
      this.cueGrid.grid.draw(this.cue, side, 1);
    }
    if (this.progress) {
      const curve = this.buf('curve');
      const loads = Math.floor(curve.length / 4);
      const total = loads * (this.host.schemaValue('trials') ?? 1);
      const done = Math.min(total, this.host.readout('step'));
      const frac = total > 0 ? done / total : 0;
      this.progressFill.style.width = `${(frac * 100).toFixed(2)}%`;
      this.progress.setAttribute('aria-valuemax', String(total));
      this.progress.setAttribute('aria-valuenow', String(done));
      const k = Math.floor(done / Math.max(1, this.host.schemaValue('trials') ?? 1));
      const now = done < total && k < loads ? `, load α = ${curve[4 * k].toFixed(2)}` : '';
      this.progressText.textContent = `${grouped(done)} of ${grouped(total)} trials${now}`;
    }
  }

  /** (Re)builds the thumbnails of the stored patterns that fit in the row, and draws them. */
  drawPatterns() {
    if (!this.thumbRow) return;
    const side = this.side;
    const n = side * side;
    if (!n) return;
    // P is the number of overlaps; Rust keeps pictures of only the first few patterns.
    const sim = this.host.sim();
    const count = sim.buffer_len('overlaps');
    const pictures = Math.min(count, Math.floor(sim.buffer_len('patterns') / n));
    // The thumbnails' size and gap are the stylesheet's (they grow on a big screen).
    const style = getComputedStyle(this.thumbRow);
    const thumb = Number.parseFloat(style.getPropertyValue('--hw-thumb')) || 38;
    const gap = Number.parseFloat(style.getPropertyValue('--hw-thumb-gap')) || 0;
    const fit = Math.max(1, Math.floor((this.thumbRow.clientWidth + gap) / (thumb + gap)));
    // When not all fit, the last two places go to the "+n more" note.
    const shown = Math.min(pictures, count <= fit ? count : Math.max(1, fit - 2));
    const preset = this.host.schemaValue('preset');
    const cue = preset === 'mixture' ? -1 : (this.host.schemaValue('cue') ?? 1) - 1;
    const key = `${count},${shown},${side},${cue}`;
    if (key !== this.thumbKey) {
      this.thumbKey = key;
      this.thumbs = [];
      const items = [];
      for (let mu = 0; mu < shown; mu++) {
        const item = el('div', 'hw-m-thumb', { role: 'listitem' });
        if (mu === cue) item.classList.add('hw-m-cued');
        const canvas = el('canvas', 'hw-grid', { 'aria-hidden': 'true' });
        const bar = el('div', 'hw-m-bar');
        const fill = el('span');
        bar.append(fill);
        const num = el('span', 'hw-m-num');
        item.append(canvas, bar, num);
        items.push(item);
        this.thumbs.push({ item, grid: new PixelGrid(canvas), fill, num, mu, shown: Number.NaN });
      }
      if (count > shown) {
        const more = el('div', 'hw-m-more', { role: 'listitem' });
        more.textContent = `+${grouped(count - shown)} more`;
        items.push(more);
      }
      this.thumbRow.replaceChildren(...items);
    }
    const patterns = this.buf('patterns');
    for (const t of this.thumbs) t.grid.draw(patterns.subarray(t.mu * n, (t.mu + 1) * n), side, 1);
  }

  /** The bar and number under each thumbnail: its overlap with the current state. */
  drawOverlaps() {
    if (!this.thumbs.length) return;
    const m = this.buf('overlaps');
    for (const t of this.thumbs) {
      const v = m[t.mu];
      if (!Number.isFinite(v) || v === t.shown) continue;
      t.shown = v;
      t.fill.style.width = `${(Math.min(1, Math.abs(v)) * 100).toFixed(1)}%`;
      t.fill.classList.toggle('hw-m-neg', v < 0);
      const text = signed(v.toFixed(2));
      t.num.textContent = text;
      t.item.title = `pattern ${t.mu + 1}${t.item.classList.contains('hw-m-cued') ? ' (the cued one)' : ''}: overlap m = ${text}`;
    }
  }

  drawWeights() {
    if (!this.wCanvas) return;
    const sim = this.host.sim();
    const ptr = sim.weights_ptr();
    const len = sim.weights_len();
    const n = Math.round(Math.sqrt(len));
    if (!n) return;
    const w = new Int16Array(this.host.buffer(), ptr, len);
    const max = drawWeightMatrix(this.wCanvas, w, n, W_SHOWN);
    const shown = Math.min(n, W_SHOWN);
    this.wCaption.textContent = shown < n ? `W (1–${shown})` : 'W';
    this.wCanvas.parentElement.title = `W = Σ ξξᵀ${shown < n ? ` for the first ${shown} of ${n} neurons` : ''}: warm positive, cool negative, full colour at |Σ ξξᵀ| = ${max}`;
  }

  /** The kind's chart (plotters, in Rust); `type` scales its text with the widget's. */
  drawCharts(dpr, type) {
    const c = this.chart;
    if (!c || !this.host.shown(c) || !fitCanvas(c, dpr)) return;
    this.host.sim().draw_memory_chart(c, dpr * type);
  }
}
