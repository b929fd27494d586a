//! The colours of the plotters charts, in one place. The first six are the stylesheet's custom
//! properties (`--hw-…`), held equal to it by tests/palette.rs; the rest are the charts' own.
//! www/draw/palette.js holds the canvas drawings' copy of the same values (the test reads it too).
//! Plain constants, so the native test can read them without the web layer.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// `--hw-accent`: the accent for text (darkened to 5.1:1 on white).
pub const ACCENT: Rgb = Rgb(0xc4, 0x41, 0x1f);
/// `--hw-ink`: text, axes and tick labels.
pub const INK: Rgb = Rgb(0x28, 0x2c, 0x34);
/// `--hw-muted`: secondary text.
pub const MUTED: Rgb = Rgb(0x5b, 0x62, 0x70);
/// `--hw-line`: borders.
pub const LINE: Rgb = Rgb(0xd9, 0xdd, 0xe3);
/// `--hw-soft`: soft backgrounds.
pub const SOFT: Rgb = Rgb(0xf5, 0xf6, 0xf8);
/// `--hw-cool`: the second series (perfect recall, stable eigenvalues).
pub const COOL: Rgb = Rgb(0x34, 0x6e, 0xb4);

/// The stylesheet's custom properties and their colours here.
pub const CSS: [(&str, Rgb); 6] = [
    ("--hw-accent", ACCENT),
    ("--hw-ink", INK),
    ("--hw-muted", MUTED),
    ("--hw-line", LINE),
    ("--hw-soft", SOFT),
    ("--hw-cool", COOL),
];

/// The charts' main line and bars: brighter than [`ACCENT`], which is darkened only so that
/// text in it stays readable.
pub const STROKE: Rgb = Rgb(214, 76, 42);
/// Reference lines, theory curves and legend borders.
pub const GUIDE: Rgb = Rgb(120, 130, 150);

/// One colour per BCM input, calm and distinct on white; the same list as `INPUTS` in
/// www/draw/palette.js, so a line of the chart and its bar beside it match.
pub const INPUTS: [Rgb; 16] = [
    Rgb(214, 76, 42),
    Rgb(52, 110, 180),
    Rgb(61, 140, 64),
    Rgb(142, 91, 168),
    Rgb(201, 138, 18),
    Rgb(42, 157, 154),
    Rgb(184, 72, 122),
    Rgb(107, 114, 128),
    Rgb(143, 59, 31),
    Rgb(31, 79, 130),
    Rgb(106, 154, 58),
    Rgb(91, 58, 122),
    Rgb(156, 107, 30),
    Rgb(31, 111, 109),
    Rgb(209, 127, 160),
    Rgb(58, 63, 74),
];
