//! The text around the contract: query strings, percent-encoding, JSON strings, and quoting
//! hostile input in notices.

use std::fmt::Write;

/// A decimal number, read exactly as `str::parse::<f64>` reads it (the same strings accepted, the
/// same correctly rounded value), without core's float parser in the wasm: its table of powers of
/// five and its big-number fallback are ~10 KB of the gzipped module. The grammar is checked here
/// (optional sign, then `inf`, `infinity` or `nan` in any case, or digits with an optional point and
/// an optional exponent; no spaces, no `_`); the value of a well-formed decimal then comes from
/// the browser's `parseFloat`, which rounds correctly too, and natively from std.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, body) = match b.first() {
        Some(b'+') => (false, &b[1..]),
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let word = |w: &str| body.eq_ignore_ascii_case(w.as_bytes());
    if word("inf") || word("infinity") {
        return Some(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if word("nan") {
        return Some(if neg { -f64::NAN } else { f64::NAN });
    }
    let digits = |i: usize| body[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = digits(0);
    let mut mantissa = i;
    if body.get(i) == Some(&b'.') {
        let frac = digits(i + 1);
        mantissa += frac;
        i += 1 + frac;
    }
    if mantissa == 0 {
        return None;
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(body.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digits(i);
        if exp == 0 {
            return None;
        }
        i += exp;
    }
    if i != body.len() {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    let x = js_sys::parse_float(s);
    #[cfg(not(target_arch = "wasm32"))]
    let x = s.parse().ok()?;
    Some(x)
}

/// Two finite numbers "x,y" of modest size (a start weight beyond 10⁶ is refused).
pub fn parse_pair(s: &str) -> Option<[f64; 2]> {
    let (a, b) = s.split_once(',')?;
    let x = parse_f64(a.trim())?;
    let y = parse_f64(b.trim())?;
    let ok = |v: f64| v.is_finite() && v.abs() <= 1e6;
    (ok(x) && ok(y)).then_some([x, y])
}

/// Hostile input can be long; notices quote at most 40 characters of it.
pub fn shorten(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// Splits a query string into decoded key/value pairs (`+` is a space, `%XX` a byte).
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            write!(out, "%{b:02X}").unwrap();
        }
    }
    out
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    /// The same strings accepted or refused as `str::parse::<f64>`, with the same bits.
    #[test]
    fn parse_f64_reads_what_std_reads() {
        // One string per case, `|` between them (the empty string and spaces are cases too).
        let cases = concat!(
            "0|-0|+0|1|-1|+1.5|1.|.5|-.5|+.5e-3|1e5|1E5|1e+5|1e-5|00012|3.14159|0.1|0.30000000000000004|",
            "2.2250738585072014e-308|4.9e-324|1e-400|1e400|1.7976931348623157e308|1.7976931348623159e308|",
            "123456789012345678901234567890|9007199254740993|inf|-inf|+INF|Infinity|-infinity|NaN|nan|-nan|",
            "|+|-|.|e5|1e|1e+|1.2.3| 1|1 |1_000|0x10|1e5.5|--1|+-1|infinit|nana|1,5|١|1e9999999999"
        );
        for s in cases.split('|') {
            let ours = parse_f64(s);
            let std = s.parse::<f64>().ok();
            assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{s:?}: {ours:?} against std's {std:?}");
        }
    }
}
