// Number formatting for the page. Display only: every value shown here was computed in Rust.

/** A finite number as a plain decimal with every digit of its shortest round-trip form
 * (no exponent): 1e-7 → "0.0000001", 1.5e21 → "1500000000000000000000". */
export function plainDecimal(x) {
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', e] = m;
  const exp = Number.parseInt(e, 10);
  const digits = lead + frac;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** About `digits` significant figures, switching to "3.2 × 10⁹" for very large or small values. */
export function human(x, digits = 3) {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 10 ** digits && a < 1e5) return grouped(Math.round(x));
  if (a >= 1e5 || a < 1e-3) {
    const [mant, exp] = x.toExponential(Math.max(0, digits - 2)).split('e');
    const sup = String(Number.parseInt(exp, 10)).replace(/[-\d]/g, (c) => SUPERSCRIPT[c]);
    return `${trimZeros(mant)} × 10${sup}`;
  }
  return trimZeros(x.toPrecision(digits));
}

function trimZeros(s) {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12400 → "12,400". */
export function grouped(x) {
  return grouping.format(x);
}

/** A slider's value text: whole numbers grouped, others with three significant figures. */
export function controlText(x, integer) {
  if (integer) return grouped(x);
  return human(x, 3);
}

/** A number's text with a real minus sign: "-0.5" → "−0.5". */
export function signed(s) {
  return s.replace(/^-/, '−');
}

/** A share as a percentage, with two decimals below 10 %: 0.034 → "3.40 %". */
export function percent(v) {
  return `${(v * 100).toFixed(v !== 0 && Math.abs(v) < 0.1 ? 2 : 1)} %`;
}
