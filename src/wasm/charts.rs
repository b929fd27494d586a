//! The small charts under a cloud widget, drawn with plotters into a canvas a few times a second,
//! or into an SVG text for the export (the same drawing on either backend).

use super::palette::{self, Rgb};
use crate::runs::NeuronRun;
use crate::science::rules::Rule;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

pub type Fallible = Result<(), Box<dyn std::error::Error>>;

/// Draws `f` into a canvas (at its pixel size).
pub fn on_canvas(
    canvas: HtmlCanvasElement,
    f: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Fallible,
) -> Fallible {
    let root = CanvasBackend::with_canvas_object(canvas).ok_or("no 2-D context")?.into_drawing_area();
    f(&root)?;
    root.present()?;
    Ok(())
}

/// Draws `f` into an SVG document of `width` × `height` and returns its text.
pub fn to_svg(
    width: u32,
    height: u32,
    f: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Fallible,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        f(&root)?;
        root.present()?;
    }
    Ok(text)
}

/// A palette colour for plotters.
pub const fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

const INK: RGBColor = rgb(palette::INK);
const WEIGHT: RGBColor = rgb(palette::STROKE);
const GUIDE: RGBColor = rgb(palette::GUIDE);

fn last_step(run: &NeuronRun) -> f64 {
    run.history().last().map_or(1.0, |r| r[0]).max(1.0)
}

/// |w| against step on a log axis: Hebb's explosion is a straight line, Oja levels at 1.
pub fn draw_norm<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, run: &NeuronRun, scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let (mut lo, mut hi) = (f64::INFINITY, 0.0f64);
    for r in run.records().filter(|r| r[1] > 0.0) {
        lo = lo.min(r[1]);
        hi = hi.max(r[1]);
    }
    if lo == f64::INFINITY {
        (lo, hi) = (0.1, 10.0);
    }
    // Always show |w| = 1 and at least a decade, so a flat line reads as flat.
    let (lo, hi) = (lo.min(0.5) / 1.5, hi.max(2.0) * 1.5);
    let font = ("sans-serif", 11.0 * scale).into_font().color(&INK);
    let mut chart = ChartBuilder::on(root)
        .margin((6.0 * scale) as u32)
        .margin_right((14.0 * scale) as u32)
        .x_label_area_size((22.0 * scale) as u32)
        .y_label_area_size((46.0 * scale) as u32)
        .build_cartesian_2d(0.0..last_step(run), (lo..hi).log_scale())?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(5)
        .label_style(font.clone())
        .axis_desc_style(font)
        .y_desc("|w|")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| short(*x))
        .y_label_formatter(&|y| short(*y))
        .draw()?;
    if run.rule == Rule::Oja {
        let end = last_step(run);
        chart.draw_series(LineSeries::new([(0.0, 1.0), (end, 1.0)], GUIDE.stroke_width(1)))?;
    }
    let line = run.records().filter(|r| r[1] > 0.0).map(|r| (r[0], r[1]));
    chart.draw_series(LineSeries::new(line, WEIGHT.stroke_width((2.0 * scale) as u32)))?;
    Ok(())
}

/// The angle between w's line and PC1, 0–90°.
pub fn draw_angle<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, run: &NeuronRun, scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let font = ("sans-serif", 11.0 * scale).into_font().color(&INK);
    let mut chart = ChartBuilder::on(root)
        .margin((6.0 * scale) as u32)
        .margin_right((14.0 * scale) as u32)
        .x_label_area_size((22.0 * scale) as u32)
        .y_label_area_size((46.0 * scale) as u32)
        .build_cartesian_2d(0.0..last_step(run), 0.0..90.0)?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(4)
        .label_style(font.clone())
        .axis_desc_style(font)
        .y_desc("angle (°)")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| short(*x))
        .draw()?;
    let line = run.records().map(|r| (r[0], r[2]));
    chart.draw_series(LineSeries::new(line, WEIGHT.stroke_width((2.0 * scale) as u32)))?;
    Ok(())
}

/// Axis numbers: 1200 → "1.2k", 1e9 → "1e9", 0.05 → "0.05".
fn short(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 {
        "0".into()
    } else if !(1e-3..1e6).contains(&a) {
        format!("{x:.0e}")
    } else if a >= 1e3 {
        format!("{}k", x / 1e3)
    } else {
        format!("{}", (x * 1000.0).round() / 1000.0)
    }
}
