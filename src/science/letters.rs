//! A small built-in alphabet for pictures a reader recognises: 8 × 8 bold glyphs, scaled to the
//! grid by nearest neighbour. Strokes are two cells wide so a letter is not mostly background
//! (letters that agree on their background correlate, and correlated memories interfere).
//! The first five (H, X, K, E, Z) were chosen among all 5-letter subsets because a 16 × 16
//! network completes each from a 25 %-flipped cue on every seed tried; O and X, or E and C,
//! overlap so much that a small network confuses them.

const GLYPHS: [(char, [&str; 8]); 10] = [
    ('H', ["##....##", "##....##", "##....##", "########", "########", "##....##", "##....##", "##....##"]),
    ('X', ["##....##", ".##..##.", "..####..", "...##...", "..####..", ".##..##.", "##....##", "#......#"]),
    ('K', ["##...##.", "##..##..", "##.##...", "####....", "####....", "##.##...", "##..##..", "##...##."]),
    ('E', ["########", "########", "##......", "######..", "######..", "##......", "########", "########"]),
    ('Z', ["########", "########", ".....##.", "....##..", "...##...", "..##....", "########", "########"]),
    ('T', ["########", "########", "...##...", "...##...", "...##...", "...##...", "...##...", "...##..."]),
    ('A', ["..####..", ".######.", "##....##", "##....##", "########", "########", "##....##", "##....##"]),
    ('L', ["##......", "##......", "##......", "##......", "##......", "##......", "########", "########"]),
    ('O', [".######.", "########", "##....##", "##....##", "##....##", "##....##", "########", ".######."]),
    ('C', [".#######", "########", "##......", "##......", "##......", "##......", "########", ".#######"]),
];

pub const COUNT: usize = GLYPHS.len();

/// The letter shown by pattern μ.
pub fn name(mu: usize) -> char {
    GLYPHS[mu % COUNT].0
}

/// The first `p` letters on a side × side grid, ±1, P × N.
pub fn patterns(p: usize, side: usize) -> Vec<i8> {
    let mut out = Vec::with_capacity(p * side * side);
    for (_, rows) in GLYPHS.iter().cycle().take(p) {
        for r in 0..side {
            for c in 0..side {
                let on = rows[r * 8 / side].as_bytes()[c * 8 / side] == b'#';
                out.push(if on { 1 } else { -1 });
            }
        }
    }
    out
}
