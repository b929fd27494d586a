// A sparse network that grows and prunes synapses (`prune`): the graph with what grew and what was
// cut marked for a moment, and one step of Hebb with decay worked by hand (L2 and L1).

import { worked_example } from '../pkg/hebb.js';
import { CircuitView, figure } from './circuit.js';
import { drawGraph } from '../draw/circuit.js';
import { el } from '../dom.js';
import { grouped, human, signed } from '../format.js';

const TEXT = {
  title: 'Growth and pruning',
  rule: 'Δw = η x y − γ w,  cut when |w| < w_min,  grow up to K_max',
  hint: 'Synapses strengthen with correlated activity and leak with decay; weak ones are cut, and new ones sprout, never more than K_max at a time. At the cap a new synapse replaces the weakest one.',
};

/** ms a grown or pruned synapse stays marked in the graph, and how many of each at most. */
const FADE_MS = 700;
const MARKS = 3;

/** A short decimal for the worked example: 0.010000000000000002 → "0.01", −0.5 → "−0.5". */
function short(v) {
  return signed(String(Number(v.toPrecision(8))));
}

const vec = (a, b) => `[${short(a)}, ${short(b)}]`;

export class PruneView extends CircuitView {
  constructor(main, host) {
    super(main, host);
    this.prevAlive = null;
    this.recent = new Map();
    this.example = { step: 1, l1: false };
  }

  /** The rule follows the decay, the cut and the growth. */
  words() {
    const value = (key) => this.host.schemaValue(key);
    const decay = value('decay') === 'l1' ? 'Δw = η x y − γ sign(w)' : 'Δw = η x y − γ w';
    const cut = {
      soft: 'w ← sign(w)(|w| − θ)₊',
      trace: 'cut when the trace cᵢⱼ < θ',
    }[value('rule')] ?? 'cut when |w| < θ';
    const grow = {
      random: 'grow at random up to K_max',
      none: 'no growth',
    }[value('grow')] ?? 'grow the most correlated pair, up to K_max';
    return { ...TEXT, rule: `${decay},  ${cut},  ${grow}` };
  }

  readoutText(name, v) {
    if (name === 'connections') return `synapses ${grouped(v)} of ${grouped(this.host.schemaValue('kmax') ?? 0)}`;
    if (name === 'norm') return `‖W‖ = ${human(v, 3)}`;
    return super.readoutText(name, v);
  }

  readoutTitle(name) {
    return {
      connections: 'live synapses, at most K_max',
      norm: '‖W‖, the size of all live weights together',
    }[name] ?? super.readoutTitle(name);
  }

  build(readouts, main) {
    const side = el('div', 'hw-c-side');
    this.graph = figure(
      'hw-c-graphfig',
      'width ∝ |w|; warm +, cool −',
      'The network: neurons on a circle, each live synapse an arrow from j to i',
    );
    this.exampleBox = this.buildExample();
    side.append(readouts, this.exampleBox.box);
    main.replaceChildren(this.graph.fig, side);
  }

  /** The seed's worked example of Hebb with decay, one term at a time, L2 and L1. */
  buildExample() {
    const box = el('section', 'hw-c-example', { 'data-part': 'text', 'aria-label': 'One step of Hebb with decay, by hand' });
    const head = el('div', 'hw-c-ex-head');
    const title = el('span', 'hw-c-ex-title');
    const tools = el('div', 'hw-c-ex-tools', { role: 'group', 'aria-label': 'worked example' });
    const button = (action, text, title) => {
      const b = el('button', 'hw-button hw-c-ex-button', { type: 'button', 'data-action': action, title });
      b.textContent = text;
      tools.append(b);
      return b;
    };
    const l2 = button('example-l2', 'L2', 'decay γ w');
    const l1 = button('example-l1', 'L1', 'decay γ sign(w)');
    const prev = button('example-prev', '‹', 'one term back');
    const next = button('example-next', '›', 'next term');
    head.append(title, tools);
    const lines = el('ol', 'hw-c-ex-lines', { 'aria-live': 'polite' });
    box.append(head, lines);
    const ex = { box, title, lines, l1, l2, prev, next };
    this.renderExample(ex);
    return ex;
  }

  renderExample(ex = this.exampleBox) {
    if (!ex) return;
    const { l1, step } = this.example;
    // η x y (2), the decay term (2), Δw (2), the new w (2), from Rust.
    const a = worked_example(l1);
    const [hx, hy, dx, dy, cx, cy, nx, ny] = a;
    const w = [0.1, 0];
    const decayName = l1 ? 'γ sign(w)' : 'γ w';
    // sign(0) = 0: L1 leaves a weight that is exactly 0 alone.
    const decayTerms = l1 ? `0.1 · sign(${vec(...w)}) = 0.1 · [1, 0]` : `0.1 · ${vec(...w)}`;
    const lines = [
      ['start', `w = ${vec(...w)},  x = [1, 1],  y = 1,  η = 0.5,  γ = 0.1`],
      ['Hebbian term', `η x y = 0.5 · [1, 1] · 1 = ${vec(hx, hy)}`],
      ['decay', `${decayName} = ${decayTerms} = ${vec(dx, dy)}`],
      ['change', `Δw = η x y − ${decayName} = [${short(hx)} − ${short(dx)}, ${short(hy)} − ${short(dy)}] = ${vec(cx, cy)}`],
      ['new weight', `w + Δw = [${short(w[0])} + ${short(cx)}, ${short(w[1])} + ${short(cy)}] = ${vec(nx, ny)}`],
    ];
    if (l1) {
      lines.push(['why it prunes', 'L1 takes γ off every non-zero weight, so weak ones reach 0, but a synapse whose η|x y| beats γ grows without bound; L2 only shrinks them, towards η x y / γ.']);
    }
    const shown = Math.max(1, Math.min(lines.length, step));
    this.example.step = shown;
    ex.title.textContent = `One step by hand (${l1 ? 'L1' : 'L2'}): w = ${vec(...w)} → ${vec(nx, ny)}`;
    const items = lines.slice(0, shown).map(([name, text], i) => {
      const li = el('li', i === shown - 1 && shown > 1 ? 'hw-c-ex-new' : '');
      const b = el('b');
      b.textContent = `${name}: `;
      li.append(b, text);
      return li;
    });
    ex.lines.replaceChildren(...items);
    ex.l1.setAttribute('aria-pressed', String(l1));
    ex.l2.setAttribute('aria-pressed', String(!l1));
    ex.prev.disabled = shown <= 1;
    ex.next.disabled = shown >= lines.length;
    ex.next.title = shown >= lines.length ? 'all terms shown' : `next term (${shown} of ${lines.length} shown)`;
  }

  /** A live change (η, γ…) keeps the run and its marks; a new run starts them afresh. */
  restarted(why) {
    if (this.isNewRun(why)) {
      this.prevAlive = null;
      this.recent.clear();
    }
    super.restarted();
  }

  /** The worked example's buttons (they change nothing in the run). */
  act(action) {
    const ex = this.example;
    switch (action) {
      case 'example-next':
        ex.step += 1;
        break;
      case 'example-prev':
        ex.step -= 1;
        break;
      case 'example-l1':
        ex.l1 = true;
        break;
      case 'example-l2':
        ex.l1 = false;
        break;
      default:
        return false;
    }
    this.renderExample();
    return true;
  }

  drawPicture(dpr) {
    const weights = this.buf('weights');
    const alive = this.buf('alive');
    const n = Math.round(Math.sqrt(alive.length));
    const now = performance.now();
    // What grew and what was pruned since the last drawing.
    const prev = this.prevAlive;
    const mark = (ij, on) => {
      this.recent.delete(ij); // newest last
      this.recent.set(ij, { t: now, on });
    };
    if (prev && prev.length === alive.length) {
      for (let ij = 0; ij < alive.length; ij++) {
        if (alive[ij] && !prev[ij]) mark(ij, true);
        else if (!alive[ij] && prev[ij]) mark(ij, false);
      }
    }
    this.prevAlive = Float64Array.from(alive);
    // Only the newest few of each stay marked: random growth changes a synapse almost every
    // sample, and a crowd of marks would hide the network.
    let grown = 0;
    let cut = 0;
    for (const [ij, r] of [...this.recent].reverse()) {
      const excess = r.on ? ++grown > MARKS : ++cut > MARKS;
      if (excess || now - r.t > FADE_MS) this.recent.delete(ij);
    }
    drawGraph(this.graph.canvas, dpr, { n, weights, alive, recent: this.recent, now, fade: FADE_MS });
  }
}
