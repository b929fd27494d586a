//! The charts drawn in Rust use the stylesheet's colours: every `--hw-…` custom property the
//! palette names is defined in some stylesheet under www/, and every definition has the palette's
//! value.
use hebb::wasm::palette::{Rgb, CSS};
use std::path::{Path, PathBuf};

fn css_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            css_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "css") {
            out.push(path);
        }
    }
}

/// `#rrggbb` → the colour.
fn hex(value: &str) -> Option<Rgb> {
    let h = value.strip_prefix('#').filter(|h| h.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// Every `name: #rrggbb;` definition of the property in the stylesheets (overrides to other
/// custom properties, such as the presentation theme's `var(--present-…)`, are not definitions).
fn definitions(name: &str, sheets: &[(PathBuf, String)]) -> Vec<(String, Rgb)> {
    let mut found = Vec::new();
    for (path, text) in sheets {
        for part in text.split(&format!("{name}:")).skip(1) {
            let value = part.split(';').next().unwrap_or("").trim();
            if let Some(c) = hex(value) {
                found.push((path.display().to_string(), c));
            }
        }
    }
    found
}

#[test]
fn the_chart_palette_is_the_stylesheets() {
    let mut files = Vec::new();
    css_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("www"), &mut files);
    let sheets: Vec<(PathBuf, String)> =
        files.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect();
    for (name, ours) in CSS {
        let defs = definitions(name, &sheets);
        assert!(!defs.is_empty(), "{name}: no #rrggbb definition in any stylesheet under www/");
        for (file, theirs) in defs {
            assert_eq!(theirs, ours, "{name} in {file} differs from src/wasm/palette.rs");
        }
    }
}

/// `export const NAME = '#rrggbb';` of www/draw/palette.js, or the colours of `export const NAME = [ … ];`.
fn js_colours(source: &str, name: &str) -> Vec<Rgb> {
    let start = format!("export const {name} = ");
    let at = source.find(&start).unwrap_or_else(|| panic!("www/draw/palette.js exports no {name}"));
    let rest = &source[at + start.len()..];
    let end = rest.find(';').expect("a ; after the constant");
    rest[..end].split(['\'', '"']).filter_map(hex).collect()
}

#[test]
fn the_canvas_palette_is_the_charts() {
    use hebb::wasm::palette::{COOL, INK, INPUTS, LINE, MUTED, STROKE};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/draw/palette.js");
    let js = std::fs::read_to_string(&path).unwrap();
    for (name, ours) in [("INK", INK), ("MUTED", MUTED), ("LINE", LINE), ("COOL", COOL), ("STROKE", STROKE)] {
        assert_eq!(js_colours(&js, name), [ours], "{name} in www/draw/palette.js differs from src/wasm/palette.rs");
    }
    assert_eq!(js_colours(&js, "INPUTS"), INPUTS, "INPUTS in www/draw/palette.js differs from src/wasm/palette.rs");
}
