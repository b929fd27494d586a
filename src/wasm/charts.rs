//! The small charts under a cloud widget, drawn with plotters into a canvas a few times a second,
//! or into an SVG text for the export (the same drawing on either backend).

use super::palette::{self, Rgb};
use crate::runs::NeuronRun;
use crate::science::rules::Rule;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::{self as pb, BackendColor, BackendCoord, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub type Fallible = Result<(), Box<dyn std::error::Error>>;

/// The one backend type every chart is drawn on: the canvas on screen or the SVG export. One type
/// means plotters' chart code (meshes, axes, series, labels) is compiled once rather than once per
/// backend, which kept a second copy of it in the wasm (~20 KB gzip).
pub enum Backend<'a> {
    Canvas(CanvasBackend),
    Svg(SVGBackend<'a>),
}

/// Either backend's error.
#[derive(Debug)]
pub struct ChartError(Box<dyn std::error::Error + Send + Sync>);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ChartError {}

type Drawn<T = ()> = Result<T, DrawingErrorKind<ChartError>>;

fn lift<T, E: std::error::Error + Send + Sync + 'static>(r: Result<T, DrawingErrorKind<E>>) -> Drawn<T> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(ChartError(Box::new(e))),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

/// Forwards to the backend in use.
macro_rules! both {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Backend::Canvas($b) => lift($call),
            Backend::Svg($b) => lift($call),
        }
    };
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = ChartError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Drawn {
        both!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Drawn {
        both!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        both!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: pb::BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Drawn {
        both!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: pb::BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> Drawn {
        both!(self, b => b.draw_rect(ul, br, style, fill))
    }

    fn draw_path<S: pb::BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Drawn {
        both!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: pb::BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Drawn {
        both!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: pb::BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Drawn {
        both!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Drawn {
        both!(self, b => b.draw_text(text, style, pos))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        both!(self, b => b.blit_bitmap(pos, size, src))
    }

    /// The trait's default asks plotters' web font code, which appends a span to the page and
    /// reads its `offsetHeight`: a layout of the whole page for every label, dozens a frame with
    /// many widgets. A canvas's `measureText` needs no layout, and one context serves both
    /// backends, so the SVG export is laid out as the screen is.
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Drawn<(u32, u32)> {
        let font = format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        let measured = MEASURE.with(|ctx| {
            let ctx = ctx.as_ref()?;
            ctx.set_font(&font);
            let m = ctx.measure_text(text).ok()?;
            Some((m.width(), m.font_bounding_box_ascent() + m.font_bounding_box_descent()))
        });
        // Without a document (never on the page) or metrics, a fair guess from the size.
        let (w, h) = measured.unwrap_or((0.55 * style.size() * text.chars().count() as f64, 1.2 * style.size()));
        let h = if h > 0.0 { h } else { 1.2 * style.size() };
        Ok((w.ceil() as u32, h.ceil() as u32))
    }
}

thread_local! {
    /// A detached canvas's 2-D context, only for measuring text.
    static MEASURE: Option<CanvasRenderingContext2d> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
}

/// Draws `f` into a canvas (at its pixel size).
pub fn on_canvas(canvas: HtmlCanvasElement, f: impl FnOnce(&DrawingArea<Backend, Shift>) -> Fallible) -> Fallible {
    let canvas = CanvasBackend::with_canvas_object(canvas).ok_or("no 2-D context")?;
    let root = Backend::Canvas(canvas).into_drawing_area();
    f(&root)?;
    root.present()?;
    Ok(())
}

/// Draws `f` into an SVG document of `width` × `height` and returns its text.
pub fn to_svg(
    width: u32,
    height: u32,
    f: impl FnOnce(&DrawingArea<Backend, Shift>) -> Fallible,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut text = String::new();
    {
        let root = Backend::Svg(SVGBackend::with_string(&mut text, (width, height))).into_drawing_area();
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
    let font = (FontFamily::SansSerif, 11.0 * scale).into_font().color(&INK);
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
    let font = (FontFamily::SansSerif, 11.0 * scale).into_font().color(&INK);
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
