// Every picture of the widget, by kind: adding a kind is one view file (and its stylesheet) and
// one line here. Kinds that share a picture share a view.

import { CloudView } from './cloud.js';
import { ManyView } from './many.js';
import { RecurrentView } from './recurrent.js';
import { BcmView } from './bcm.js';
import { PruneView } from './prune.js';
import { HopfieldView } from './hopfield.js';
import { CapacityView } from './capacity.js';
import { ModernView } from './modern.js';
import { EiView } from './ei.js';

export const VIEWS = {
  hebb: CloudView,
  decay: CloudView,
  oja: CloudView,
  gha: ManyView,
  subspace: ManyView,
  similarity: ManyView,
  recurrent: RecurrentView,
  bcm: BcmView,
  prune: PruneView,
  hopfield: HopfieldView,
  capacity: CapacityView,
  modern: ModernView,
  ei: EiView,
};
