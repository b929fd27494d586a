// bench/crowd.html: many widgets visible at once, every kind in turn, for the bench's frame
// rate with a crowd and for tests/page/crowd.test.mjs. The kinds come from the views' registry,
// so a new kind joins the crowd by itself.

import '../www/hebb-widget.js';
import { VIEWS } from '../www/views/index.js';

const params = new URLSearchParams(window.location.search);
const n = Math.max(1, Math.min(200, Number(params.get('n')) || 40));
const speed = params.get('speed');
const kinds = Object.keys(VIEWS);
const crowd = document.getElementById('crowd');
for (let i = 0; i < n; i++) {
  const w = document.createElement('hebb-widget');
  w.setAttribute('kind', kinds[i % kinds.length]);
  w.setAttribute('seed', String(i + 1));
  w.setAttribute('hide', params.get('hide') ?? 'text,controls,readouts');
  if (speed) w.setAttribute('speed', speed);
  crowd.append(w);
}
