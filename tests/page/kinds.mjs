// Per-kind page-test data, one entry per registered kind, in the article's order (index.html):
// what the layout, a11y, soak and index tests need to know about each kind. Every test that
// imports this file fails at load when the wasm's kinds() (src/runs/mod.rs) lists a kind with no
// entry here, an entry names a kind it does not list, or an entry lacks a field.

import { everyKind } from './harness.mjs';

/**
 * The fields of an entry:
 * - `rung`: the id of the article section (index.html) whose figure shows the kind;
 * - `rule`: whether it has a row in the article's locality and recap tables;
 * - `presets`: its presets other than its first (the default, which every test checks);
 * - `chartOnly`: whether its only canvas is the chart (hiding the charts leaves no canvas);
 * - `ownLook`: whether it gets its own axe run (false: it looks like one that has, e.g. hebb like oja);
 * - `soak`: keys that keep it busy for the whole soak (no early divergence);
 * - `heaviest`: its keys at the top of their ranges (src/params/), the most work it can ask for.
 */
const FIELDS = ['rung', 'rule', 'presets', 'chartOnly', 'ownLook', 'soak', 'heaviest'];

export const KIND_TESTS = everyKind('kinds.mjs', {
  hebb: {
    rung: 'hebb',
    rule: true,
    presets: [],
    chartOnly: false,
    ownLook: false,
    soak: 'eta=0.00001&speed=5',
    heaviest: 'n=20000&eta=0.00001&speed=100000&ghost=1',
  },
  decay: {
    rung: 'decay',
    rule: true,
    presets: [],
    chartOnly: false,
    ownLook: false,
    soak: 'alpha=4&speed=200',
    heaviest: 'n=20000&eta=0.00001&alpha=20&speed=100000&ghost=1',
  },
  oja: {
    rung: 'oja',
    rule: true,
    presets: ['clusters', 'round', 'line'],
    chartOnly: false,
    ownLook: true,
    soak: 'n=10000&speed=200',
    heaviest: 'n=20000&speed=100000&ghost=1',
  },
  infomax: {
    rung: 'infomax',
    rule: false,
    presets: ['clusters', 'line'],
    chartOnly: false,
    ownLook: true,
    soak: 'n=10000&speed=200',
    heaviest: 'n=20000&speed=100000',
  },
  abstraction: {
    rung: 'infomax',
    rule: false,
    presets: [],
    chartOnly: false,
    ownLook: true,
    soak: 'rules=mixed&speed=300',
    heaviest: 'd=16&agents=64&rules=mixed&speed=100000',
  },
  pairing: {
    rung: 'experiments',
    rule: false,
    presets: ['dark'],
    chartOnly: true,
    ownLook: true,
    soak: 'protocol=timing&speed=1',
    heaviest: 'protocol=timing&speed=100000',
  },
  stdp: {
    rung: 'stdp',
    rule: false,
    presets: [],
    chartOnly: false,
    ownLook: true,
    soak: 'speed=2000',
    heaviest: 'inputs=1000&group=1000&corr=1&rate=50&pairing=all&speed=100000',
  },
  balance: {
    rung: 'balance',
    rule: false,
    presets: [],
    chartOnly: true,
    ownLook: true,
    soak: 'speed=2000',
    heaviest: 'channels=16&eta=1&speed=100000',
  },
  gha: {
    rung: 'many',
    rule: true,
    presets: ['high'],
    chartOnly: false,
    ownLook: true,
    soak: 'preset=high&speed=200',
    heaviest: 'd=16&k=16&speed=100000',
  },
  subspace: {
    rung: 'many',
    rule: true,
    presets: ['high'],
    chartOnly: false,
    ownLook: false,
    soak: 'preset=high&speed=200',
    heaviest: 'd=16&k=16&speed=100000',
  },
  similarity: {
    rung: 'many',
    rule: true,
    presets: ['high'],
    chartOnly: false,
    ownLook: false,
    soak: 'speed=200',
    heaviest: 'd=16&k=16&tau=5&speed=100000',
  },
  recurrent: {
    rung: 'recurrent',
    rule: true,
    presets: [],
    chartOnly: false,
    ownLook: true,
    soak: 'speed=200',
    heaviest: 'n=16&sources=16&speed=100000',
  },
  bcm: {
    rung: 'bcm',
    rule: true,
    presets: [],
    chartOnly: true,
    ownLook: true,
    soak: 'speed=200',
    heaviest: 'inputs=16&tau=1000&speed=100000',
  },
  prune: {
    rung: 'prune',
    rule: true,
    presets: [],
    chartOnly: false,
    ownLook: true,
    soak: 'grow=random&speed=20',
    heaviest: 'n=16&kmax=240&speed=100000',
  },
  hopfield: {
    rung: 'hopfield',
    rule: true,
    presets: ['mixture', 'overload'],
    chartOnly: false,
    ownLook: true,
    soak: 'side=32&patterns=random&p=100&noise=0.3&update=sync',
    heaviest: 'side=64&patterns=random&p=4096&speed=100000',
  },
  capacity: {
    rung: 'capacity',
    rule: false,
    presets: [],
    chartOnly: true,
    ownLook: true,
    soak: 'side=10&trials=50',
    heaviest: 'side=64&trials=50&speed=100000',
  },
  basins: {
    rung: 'capacity',
    rule: false,
    presets: [],
    chartOnly: false,
    ownLook: true,
    soak: 'side=10&trials=50',
    heaviest: 'side=32&trials=50&load-min=0.3&m0-min=0.1&speed=100000',
  },
  modern: {
    rung: 'modern',
    rule: true,
    presets: ['blend', 'crowded'],
    chartOnly: false,
    ownLook: true,
    soak: 'preset=blend&speed=1',
    heaviest: 'side=64&patterns=random&p=4096&speed=100000',
  },
  dense: {
    rung: 'dense',
    rule: false,
    presets: [],
    chartOnly: false,
    ownLook: true,
    soak: 'side=32&p=1000&noise=0.3&update=sync',
    heaviest: 'side=64&patterns=random&p=4096&order=8&update=sync&speed=100000',
  },
  ei: {
    rung: 'ei',
    rule: true,
    presets: ['dale'],
    chartOnly: false,
    ownLook: true,
    soak: 'side=8&eta=0.0001&speed=20',
    heaviest: 'side=32&patterns=random&p=1024&speed=100000',
  },
  backprop: {
    rung: 'backprop',
    rule: true,
    presets: [],
    // The two networks are SVG: the chart is its one canvas.
    chartOnly: true,
    ownLook: true,
    soak: 'feedback=random&speed=20',
    heaviest: 'd=16&k=16&feedback=random&speed=100000',
  },
});

for (const [kind, entry] of Object.entries(KIND_TESTS)) {
  const lacking = FIELDS.filter((f) => !Object.hasOwn(entry, f));
  if (lacking.length) throw new Error(`kinds.mjs: the ${kind} entry has no ${lacking.join(', ')}`);
}
