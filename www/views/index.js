// Every picture of the widget, by kind: adding a kind is one view file (and its stylesheet next
// to it) and its import and line here. Kinds that share a picture share a view.
//
// A view's stylesheet is the .css of the same name next to it (www/views/<name>.css); the build
// joins them into www/pkg/widget.css in the order of the module graph from this file: a base
// view's sheet before its subclasses', and otherwise the order of the imports below, so a later
// sheet wins a tie (tools/preloads.mjs).

import { CloudView } from './cloud.js';
import { InfomaxView } from './infomax.js';
import { HopfieldView } from './hopfield.js';
import { ModernView } from './modern.js';
import { EiView } from './ei.js';
import { CapacityView } from './capacity.js';
import { BasinsView } from './basins.js';
import { ManyView } from './many.js';
import { RecurrentView } from './recurrent.js';
import { BcmView } from './bcm.js';
import { BalanceView } from './balance.js';
import { PruneView } from './prune.js';
import { AbstractionView } from './abstraction.js';
import { PairingView } from './pairing.js';
import { BackpropView } from './backprop.js';
import { StdpView } from './stdp.js';
import { DenseView } from './dense.js';

export const VIEWS = {
  hebb: CloudView,
  decay: CloudView,
  oja: CloudView,
  infomax: InfomaxView,
  abstraction: AbstractionView,
  gha: ManyView,
  subspace: ManyView,
  similarity: ManyView,
  recurrent: RecurrentView,
  bcm: BcmView,
  balance: BalanceView,
  prune: PruneView,
  pairing: PairingView,
  backprop: BackpropView,
  stdp: StdpView,
  hopfield: HopfieldView,
  capacity: CapacityView,
  basins: BasinsView,
  modern: ModernView,
  ei: EiView,
  dense: DenseView,
};
