// The drawing colours, in one place. The first four are the stylesheet's custom properties
// (`--hw-ink`…) and STROKE the charts' line colour: the same values as src/wasm/palette.rs,
// which tests/palette.rs holds equal to this file and to the CSS. Canvas code takes them as
// `#rrggbb` text or, where it mixes or fades a colour, as an [r, g, b] triple.

/** `--hw-ink`: text, axes, outlines. */
export const INK = '#282c34';
/** `--hw-muted`: secondary text. */
export const MUTED = '#5b6270';
/** `--hw-line`: grid lines and borders. */
export const LINE = '#d9dde3';
/** `--hw-cool`: the second series; negative values of a diverging map. */
export const COOL = '#346eb4';
/** The main stroke (weight arrows, the first neuron, positive values): brighter than
 * `--hw-accent`, which is darkened only so that text in it stays readable. */
export const STROKE = '#d64c2a';

/** One colour per BCM input, as `INPUTS` in src/wasm/palette.rs, so a bar and its line match. */
export const INPUTS = [
  '#d64c2a', '#346eb4', '#3d8c40', '#8e5ba8', '#c98a12', '#2a9d9a', '#b8487a', '#6b7280',
  '#8f3b1f', '#1f4f82', '#6a9a3a', '#5b3a7a', '#9c6b1e', '#1f6f6d', '#d17fa0', '#3a3f4a',
];

/** `#rrggbb` → [r, g, b]. */
export const rgb = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

/** The colour at opacity a, as canvas text. */
export const fade = (hex, a) => `rgba(${rgb(hex).join(', ')}, ${a})`;
