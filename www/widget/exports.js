// The Export menu: Save/Load of the exact state as JSON, a PNG of the picture, the charts as SVG
// and the trajectory as CSV. The numbers in every file come from Rust (the SVG charts and the CSV
// are made there too, and Rust checks a loaded file); this module only composes what is already
// drawn on the page and moves files in and out.

import { Widget } from '../pkg/hebb.js';
import { el } from '../dom.js';
import { actionButton, labelled } from './shell.js';
import { loadRun } from './replay.js';

/** Buttons in the Export menu. */
const EXPORTS = [
  ['export-json', '⤓', 'Save (JSON)', 'save the exact state as a JSON file'],
  ['import-json', '⤒', 'Load (JSON)', 'load a saved JSON file and go on from there'],
  ['export-png', '▣', 'Picture (PNG)', 'the picture as a PNG image'],
  ['export-svg', '∿', 'Charts (SVG)', 'the charts as an SVG drawing'],
  ['export-csv', '▤', 'Trajectory (CSV)', 'the recorded trajectory as a CSV table'],
];

/** The words of an error, whatever was thrown. */
export function reason(err) {
  return err && err.message ? err.message : String(err);
}

/** Saves `blob` as `name` through a temporary link. */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Height of the caption line above the picture, CSS pixels. */
const CAPTION = 26;

/**
 * One PNG of `area`: every visible canvas in it at its on-screen place and size, on `background`,
 * under a line of text (`caption`), at `dpr` device pixels per CSS pixel.
 * Resolves to a Blob.
 */
function picturePng(area, caption, { dpr = 1, background = '#fff', ink = '#282c34', font = 'sans-serif' } = {}) {
  const box = area.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height)) + CAPTION;
  const out = document.createElement('canvas');
  out.width = Math.round(width * dpr);
  out.height = Math.round(height * dpr);
  const g = out.getContext('2d');
  g.scale(dpr, dpr);
  g.fillStyle = background;
  g.fillRect(0, 0, width, height);
  g.fillStyle = ink;
  g.font = `13px ${font}`;
  g.textBaseline = 'middle';
  g.fillText(caption, 4, CAPTION / 2, width - 8);
  for (const c of area.querySelectorAll('canvas')) {
    const r = c.getBoundingClientRect();
    const shown = c.checkVisibility ? c.checkVisibility({ visibilityProperty: true }) : c.offsetParent !== null;
    if (!shown || !c.width || !c.height || r.width < 1 || r.height < 1) continue;
    g.drawImage(c, r.left - box.left, r.top - box.top + CAPTION, r.width, r.height);
  }
  return new Promise((resolve, reject) => {
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png');
  });
}

/** The menu of one widget. `widget` is the element: its run (`sim`), its picture area (`main`),
 * `readouts`, `readout(name)`, `say(note)` and `load(next)`. */
export class ExportMenu {
  constructor(widget) {
    this.widget = widget;
    // Save, load and the exports share one menu, so the bar fits a narrow frame.
    this.el = el('details', 'hw-export');
    const summary = labelled('summary', 'hw-button', '⤓', 'Export', { title: 'save, load and export' });
    const caret = el('span', 'hw-caret', { 'aria-hidden': 'true' });
    caret.textContent = '▾';
    summary.append(caret);
    const items = el('div', 'hw-export-items', { role: 'group', 'aria-label': 'Save, load and export' });
    for (const a of EXPORTS) items.append(actionButton(a, 'hw-item'));
    this.el.append(summary, items);
    this.el.addEventListener('toggle', () => this.toggled());
  }

  /** One of the menu's actions; false when `action` is not one. */
  act(action) {
    if (!EXPORTS.some(([a]) => a === action)) return false;
    this.close();
    const sim = this.widget.sim;
    switch (action) {
      case 'export-json':
        download(new Blob([sim.to_json()], { type: 'application/json' }), this.fileName('json'));
        break;
      case 'import-json':
        this.pickJson();
        break;
      case 'export-png':
        this.savePng();
        break;
      case 'export-svg':
        this.saveSvg();
        break;
      case 'export-csv':
        download(new Blob([sim.trajectory_csv()], { type: 'text/csv' }), this.fileName('csv'));
        break;
    }
    return true;
  }

  /** hebb-oja-step1200.csv */
  fileName(ext) {
    return `hebb-${this.widget.sim.kind()}-step${Math.round(this.widget.readout('step'))}.${ext}`;
  }

  /** The picture area as drawn now, under a line with the kind and the readouts. */
  async savePng() {
    const w = this.widget;
    const style = getComputedStyle(w);
    const bg = style.backgroundColor;
    try {
      const blob = await picturePng(w.main, [w.sim.kind(), ...w.readouts.texts()].join(' · '), {
        dpr: window.devicePixelRatio || 1,
        background: bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent' ? bg : '#fff',
        ink: style.color,
        font: style.fontFamily,
      });
      download(blob, this.fileName('png'));
    } catch (err) {
      w.say(`The picture could not be saved: ${reason(err)}`);
    }
  }

  /** The kind's charts, drawn by plotters into SVG (the cloud's two one above the other). */
  saveSvg() {
    const sim = this.widget.sim;
    const svg = sim.charts_svg(640, sim.family() === 'cloud' ? 480 : 320);
    if (!svg) {
      this.widget.say('This kind has no charts to save as SVG; the PNG holds its picture and the CSV its numbers');
      return;
    }
    download(new Blob([svg], { type: 'image/svg+xml' }), this.fileName('svg'));
  }

  /** Asks for a saved file and loads it: a bad file, or one of a kind this widget cannot show,
   * leaves the run as it was and says why (Rust checks the file and bounds its replay; the
   * widget replays it in slices and checks it lands on the saved readouts). */
  pickJson() {
    this.picker ??= Object.assign(document.createElement('input'), { type: 'file', accept: '.json,application/json' });
    this.picker.onchange = async () => {
      const file = this.picker.files?.[0];
      this.picker.value = '';
      if (file) this.load(await file.text());
    };
    this.picker.click();
  }

  load(text) {
    const w = this.widget;
    let next;
    try {
      next = Widget.from_json(text);
    } catch (err) {
      w.say(`This file could not be loaded: ${reason(err)}`);
      return;
    }
    if (next.family() !== w.sim.family()) {
      const kind = next.kind();
      const a = /^[aeiou]/.test(kind) ? 'an' : 'a';
      w.say(`This file holds ${a} ${kind} widget, which this one cannot show: open it in ${a} ${kind} widget.`);
      next.free();
      return;
    }
    loadRun(w, next);
  }

  close() {
    if (this.el.open) this.el.open = false;
  }

  /** Escape closes the open menu and gives the focus back to its button; true when it did. */
  escape() {
    if (!this.el.open) return false;
    this.close();
    this.el.querySelector('summary').focus();
    return true;
  }

  /** While the menu is open, a press elsewhere closes it. */
  toggled() {
    if (this.el.open) {
      this.outside ??= (e) => {
        if (!this.el.contains(e.target)) this.close();
      };
      document.addEventListener('pointerdown', this.outside, true);
    } else if (this.outside) {
      document.removeEventListener('pointerdown', this.outside, true);
    }
  }
}
