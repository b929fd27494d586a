//! The small charts under a cloud widget, drawn with plotters into a canvas a few times a second,
//! or into an SVG text for the export (the same drawing on either backend).

use super::palette::{self, Rgb};
use crate::runs::neuron::RECORD;
use crate::runs::NeuronRun;
use crate::science::rules::{self, Rule};
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
/// w·e2 on the eigen chart: the μ strip's second dot is the muted one, this line the cool one
/// (muted is too near the axes' ink to tell apart at 1 px).
const SECOND: RGBColor = rgb(palette::COOL);

/// The ghost (`ghost=1`, the averaged map): the weight's colour, faint, under the online line.
fn ghost_style(scale: f64) -> ShapeStyle {
    WEIGHT.mix(0.35).stroke_width((2.0 * scale) as u32)
}

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
    let ghost = run.ghost_records().map(|g| g[1]);
    for n in run.records().map(|r| r[1]).chain(ghost).filter(|&n| n > 0.0) {
        lo = lo.min(n);
        hi = hi.max(n);
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
    let ghost = run.ghost_records().filter(|g| g[1] > 0.0).map(|g| (g[0], g[1]));
    chart.draw_series(LineSeries::new(ghost, ghost_style(scale)))?;
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
    chart.draw_series(LineSeries::new(run.ghost_records().map(|g| (g[0], g[2])), ghost_style(scale)))?;
    let line = run.records().map(|r| (r[0], r[2]));
    chart.draw_series(LineSeries::new(line, WEIGHT.stroke_width((2.0 * scale) as u32)))?;
    Ok(())
}

/// The weight in the data's eigenbasis on a log axis, measured (solid) against the averaged map's
/// prediction from the first record (dashed, [`rules::eigen_log_slopes`]): Hebb and decay
/// |w·e1| and |w·e2|, each a straight line of slope ln|μ_k| per step; Oja the ratio
/// |w·e2/w·e1|, falling at ln|μ2/μ1| ≈ −η(λ1 − λ2) per step.
pub fn draw_eigen<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, run: &NeuronRun, scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    // |w × e1| is |w·e2| in the plane (e2 is e1 turned by 90°).
    let series: Vec<(RGBColor, Vec<(f64, f64)>)> = if run.rule == Rule::Oja {
        vec![(WEIGHT, run.history().as_slice().chunks_exact(RECORD).map(|r| (r[0], r[3] / r[2])).collect())]
    } else {
        let leg = |k: usize| run.history().as_slice().chunks_exact(RECORD).map(|r| (r[0], r[k])).collect();
        vec![(WEIGHT, leg(2)), (SECOND, leg(3))]
    };
    let shown = |v: f64| v > 0.0 && v.is_finite();
    let hi = series.iter().flat_map(|(_, s)| s).map(|p| p.1).filter(|&v| shown(v)).fold(0.0f64, f64::max);
    let hi = if hi > 0.0 { hi } else { 1.0 };
    // A dying component would stretch the axis down to 1e-300: the last 14 decades are shown.
    let floor = hi * 1e-14;
    let lo = series.iter().flat_map(|(_, s)| s).map(|p| p.1).filter(|&v| shown(v) && v > floor).fold(hi, f64::min);
    let (lo, hi) = (lo.min(hi / 10.0) / 1.5, hi * 1.5);
    let end = last_step(run);
    let font = (FontFamily::SansSerif, 11.0 * scale).into_font().color(&INK);
    let mut chart = ChartBuilder::on(root)
        .margin((6.0 * scale) as u32)
        .margin_right((14.0 * scale) as u32)
        .x_label_area_size((22.0 * scale) as u32)
        .y_label_area_size((46.0 * scale) as u32)
        .build_cartesian_2d(0.0..end, (lo..hi).log_scale())?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(3)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .y_desc(if run.rule == Rule::Oja { "w·e2/w·e1" } else { "w·e1, w·e2" })
        .light_line_style(WHITE)
        .x_label_formatter(&|x| short(*x))
        .y_label_formatter(&|y| short(*y))
        .draw()?;
    let slopes = rules::eigen_log_slopes(run.rule, run.factors());
    let (ln_lo, ln_hi) = (libm::log(lo), libm::log(hi));
    for ((colour, points), slope) in series.iter().zip(slopes) {
        // The prediction from the first record: ln v(t) = ln v0 + slope (t − t0), cut where it
        // leaves the axis (plotters draws past the plot area otherwise).
        if let Some(&(t0, v0)) = points.first().filter(|p| shown(p.1) && slope.is_finite()) {
            let ln0 = libm::log(v0);
            let leave = |target: f64| t0 + (target - ln0) / slope;
            let t1 = match slope {
                s if s > 0.0 => leave(ln_hi).min(end),
                s if s < 0.0 => leave(ln_lo).min(end),
                _ => end,
            };
            if t1 > t0 {
                let at = |t: f64| (t, libm::exp(ln0 + slope * (t - t0)));
                let style = colour.stroke_width((1.5 * scale) as u32);
                let dash = (5.0 * scale) as u32;
                chart.draw_series(DashedLineSeries::new([at(t0), at(t1)], dash, dash, style))?;
            }
        }
        let line = points.iter().copied().filter(|p| shown(p.1) && p.1 >= lo);
        chart.draw_series(LineSeries::new(line, colour.stroke_width((2.0 * scale) as u32)))?;
    }
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
