//! Helpers shared by the science tests.
#![allow(dead_code)] // each test crate uses its own subset

pub mod kinds;

use hebb::science::cloud::Stats;
use hebb::science::rules::norm;
use hebb::widget::Widget;

pub const SEEDS: [u32; 5] = [1, 2, 3, 17, 4242];

pub fn widget(query: &str) -> Widget {
    Widget::from_query(query)
}

pub fn stats(w: &Widget) -> Stats {
    *w.neuron().stats()
}

/// The angle (degrees, 0–90) between the line of `w` and the line of `e`.
pub fn angle_deg(w: [f64; 2], e: [f64; 2]) -> f64 {
    let along = (w[0] * e[0] + w[1] * e[1]).abs();
    let across = (w[0] * e[1] - w[1] * e[0]).abs();
    across.atan2(along).to_degrees()
}

/// w scaled to unit length, and the log of the factor removed: lets a test follow a growing
/// or dying linear rule for as long as it likes without overflow.
pub fn renormalise(w: &mut [f64; 2]) -> f64 {
    let n = norm(w);
    w[0] /= n;
    w[1] /= n;
    n.ln()
}
