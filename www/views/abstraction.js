// Many learners, one world (`abstraction`): the world's points on the plane of its top two
// directions (trees in green), every learner's weight line through the centre of the world it
// learns from, their mean line bold and the other world's mean line dashed; beside it, the
// learners' directions as bars per input dimension. Every number comes from the run's buffers
// (src/runs/abstraction.rs); this file only draws.

import { CircuitView, figure } from './circuit.js';
import { prepare } from '../draw/canvas.js';
import { INK, MUTED, LINE, COOL, STROKE, fade } from '../draw/palette.js';
import { el } from '../dom.js';
import { human, percent } from '../format.js';

/** The `state` buffer (src/runs/abstraction.rs STATE). */
const S = { d: 0, agents: 1, trees: 2, world: 3 };
/** The trees' colour: the green of the palette's inputs. */
const TREE = '#3d8c40';
const OTHER_POINT = 'rgba(120, 128, 142, 0.4)';

const TEXT = {
  title: 'Many learners, one world',
  rule: 'each learner: Δw = η y (x − y w), its own samples',
  hint: 'Every line is one learner’s weight, each from its own random start and its own stream of samples. They end on one line: the world’s direction of largest variance. Among everything, that line tells trees from the rest; among trees alone, it is the way trees differ from each other (dashed: what the other world’s learners found).',
};

export class AbstractionView extends CircuitView {
  words() {
    const mixed = this.host.schemaValue('rules') === 'mixed';
    return mixed
      ? { ...TEXT, rule: 'rules in turn: Oja · explicit norm · decay · Sanger row 1 · similarity (k = 1)' }
      : TEXT;
  }

  readoutText(name, v) {
    switch (name) {
      case 'spread':
        return `spread ${v.toFixed(1)}°`;
      case 'angle':
        return `angle to PC1 ${v.toFixed(1)}°`;
      case 'separation':
        return `trees vs rest d′ ${human(v, 3)}`;
      case 'tree-variance':
        return `within-tree variance ${percent(v)}`;
      case 'between-worlds':
        return `between worlds ${v.toFixed(1)}°`;
      default:
        return super.readoutText(name, v);
    }
  }

  readoutTitle(name) {
    return {
      spread: 'the largest angle between any two learners’ weight lines (0–90°)',
      angle: 'the learners’ mean angle to the first principal axis of their world',
      separation: 'd′ of trees against everything else along the learners’ mean line: the gap between the two means over their pooled standard deviation',
      'tree-variance': 'the share of the trees’ own variance (how trees differ from each other) along the learners’ mean line',
      'between-worlds': 'the angle between this world’s mean learned line and the line learned by as many learners on the other world (everything ↔ trees)',
    }[name] ?? super.readoutTitle(name);
  }

  build(readouts, main) {
    const side = el('div', 'hw-c-side');
    this.plane = figure('hw-ab-planefig', '', 'The world’s points on its top two directions, trees in green, with every learner’s weight line');
    this.bars = figure('hw-ab-barsfig', '', 'Each learner’s direction as bars per input dimension, their mean, and the other world’s');
    this.bars.fig.dataset.part = 'charts';
    side.append(readouts, this.bars.fig);
    main.replaceChildren(this.plane.fig, side);
    this.extent = 0;
  }

  updateLabels() {
    const trees = this.host.schemaValue('world') === 'trees';
    this.plane.cap.textContent = trees ? 'trees only; a line per learner' : 'trees in green; a line per learner';
    this.bars.cap.textContent = 'w per input: mean (filled), each learner (ticks), other world (dashed)';
  }

  restarted(why) {
    if (this.isNewRun(why)) {
      this.extent = 0;
      this.layerKey = '';
    }
    super.restarted();
  }

  drawPicture(dpr) {
    const state = this.buf('state');
    if (state.length < 4) return;
    this.drawPlane(dpr, state);
    if (this.host.shown(this.bars.fig)) this.drawBars(dpr, state);
  }

  drawPlane(dpr, state) {
    const p = prepare(this.plane.canvas, dpr);
    if (!p) return;
    const { ctx, w, h } = p;
    const pts = this.buf('points');
    if (!this.extent) {
      // The scale: the farthest point, read once per run (the points never move).
      let far = 1e-9;
      for (const v of pts) if (Number.isFinite(v)) far = Math.max(far, Math.abs(v));
      this.extent = far * 1.05;
    }
    const s = Math.min(w, h) / 2 / this.extent;
    const X = (x) => w / 2 + x * s;
    const Y = (y) => h / 2 - y * s;
    const onlyTrees = state[S.world] === 1;
    // The points never move during a run: they are drawn once into a layer of their own, which
    // each frame copies (thousands of rectangles a frame cost more than the learning).
    const key = `${w},${h},${dpr},${this.extent},${onlyTrees},${pts.length}`;
    if (this.layerKey !== key) {
      this.layerKey = key;
      this.layer ??= document.createElement('canvas');
      this.layer.width = Math.max(1, Math.round(w * dpr));
      this.layer.height = Math.max(1, Math.round(h * dpr));
      const lc = this.layer.getContext('2d');
      lc.setTransform(dpr, 0, 0, dpr, 0, 0);
      const trees = state[S.trees];
      lc.fillStyle = onlyTrees ? 'rgba(120, 128, 142, 0.14)' : OTHER_POINT;
      for (let i = 2 * trees; i + 1 < pts.length; i += 2) lc.fillRect(X(pts[i]) - 1, Y(pts[i + 1]) - 1, 2, 2);
      lc.fillStyle = fade(TREE, 0.6);
      for (let i = 0; i + 1 < 2 * trees && i + 1 < pts.length; i += 2) lc.fillRect(X(pts[i]) - 1.2, Y(pts[i + 1]) - 1.2, 2.4, 2.4);
    }
    ctx.drawImage(this.layer, 0, 0, w, h);

    // Lines through the centre of the world learned from, as long as the box allows: a line
    // shorter than the others has part of its direction off this plane.
    const axes = this.buf('axes');
    if (axes.length < 8) return;
    const [cx, cy] = [axes[0], axes[1]];
    const reach = 0.92 * this.extent;
    const segment = (ux, uy) => {
      if (!Number.isFinite(ux) || !Number.isFinite(uy)) return;
      ctx.moveTo(X(cx - reach * ux), Y(cy - reach * uy));
      ctx.lineTo(X(cx + reach * ux), Y(cy + reach * uy));
    };
    const line = (ux, uy, colour, width, dash = []) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.setLineDash(dash);
      ctx.beginPath();
      segment(ux, uy);
      ctx.stroke();
    };
    ctx.lineCap = 'round';
    line(axes[6], axes[7], fade(MUTED, 0.55), 1, [2, 3]);
    const lines = this.buf('lines');
    const many = lines.length / 2;
    const alpha = Math.max(0.18, Math.min(0.6, 4 / Math.max(1, many)));
    // All learners in one path (one stroke, not one per learner).
    ctx.strokeStyle = fade(STROKE, alpha);
    ctx.lineWidth = 1.4;
    ctx.setLineDash([]);
    ctx.beginPath();
    for (let i = 0; i + 1 < lines.length; i += 2) segment(lines[i], lines[i + 1]);
    ctx.stroke();
    line(axes[4], axes[5], COOL, 2, [6, 4]);
    line(axes[2], axes[3], 'rgba(255,255,255,0.9)', 5);
    line(axes[2], axes[3], STROKE, 2.6);
    ctx.setLineDash([]);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = MUTED;
    ctx.textBaseline = 'top';
    ctx.fillText(onlyTrees ? 'trees only' : 'everything', 6, 5);
  }

  drawBars(dpr, state) {
    const p = prepare(this.bars.canvas, dpr);
    if (!p) return;
    const { ctx, w, h } = p;
    const d = state[S.d];
    const dirs = this.buf('directions');
    const mean = this.buf('mean');
    const other = this.buf('other');
    if (!(d >= 1) || mean.length < d) return;
    const pad = 14;
    const col = (w - 8) / d;
    const mid = (h - pad) / 2;
    const Y = (v) => mid - v * (mid - 4);
    ctx.strokeStyle = LINE;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(4, Y(0));
    ctx.lineTo(w - 4, Y(0));
    ctx.stroke();
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    const ticks = new Path2D();
    for (let j = 0; j < d; j++) {
      const x0 = 4 + j * col;
      const bw = Math.max(2, col * 0.34);
      // The mean line's component (filled), the other world's beside it (outlined, dashed).
      ctx.fillStyle = fade(STROKE, 0.75);
      const m = mean[j];
      ctx.fillRect(x0 + col * 0.14, Math.min(Y(0), Y(m)), bw, Math.abs(Y(m) - Y(0)));
      const o = other[j];
      if (Number.isFinite(o)) {
        ctx.strokeStyle = COOL;
        ctx.setLineDash([3, 2]);
        ctx.strokeRect(x0 + col * 0.52, Math.min(Y(0), Y(o)), bw, Math.abs(Y(o) - Y(0)));
        ctx.setLineDash([]);
      }
      // Each learner's component: a tick across the filled bar (all in one path below).
      for (let i = j; i < dirs.length; i += d) {
        const y = Y(dirs[i]);
        ticks.moveTo(x0 + col * 0.08, y);
        ticks.lineTo(x0 + col * 0.14 + bw + col * 0.06, y);
      }
      ctx.fillStyle = MUTED;
      ctx.fillText(String(j + 1), x0 + col / 2, h);
    }
    ctx.strokeStyle = fade(INK, 0.45);
    ctx.stroke(ticks);
  }
}
