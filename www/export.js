// The files a widget exports (its Export menu): a download helper, and the PNG of its picture.
// The numbers in every file come from Rust (the SVG charts and the CSV are made there too); this
// module only composes what is already drawn on the page.

/** Saves `blob` as `name` through a temporary link. */
export function download(blob, name) {
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
export function picturePng(area, caption, { dpr = 1, background = '#fff', ink = '#282c34', font = 'sans-serif' } = {}) {
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
