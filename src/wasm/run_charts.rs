//! The chart under each memory widget, drawn with plotters into a canvas a few times a second:
//! energy during recall (hopfield), the learning loss (ei), the capacity curve against the AGS
//! theory (capacity), the softmax weights over stored patterns (modern), the BCM responses, the
//! pairing experiment (EPSP over the protocol, and the change against its setting) and the
//! balanced cell's rate and tuning curves; on a canvas or, for the export, in SVG (the same drawing on either backend).

use super::charts::{rgb, Fallible};
use super::palette;
use crate::runs::{Model, BALANCE_READOUTS, BCM_RECORD, DT_MAX, HOPFIELD_RECORD, RATE_MAX, TEST_PULSES, UNSTABLE};
use crate::science::hopfield::{ags_critical_load, perfect_recall_loads};
use crate::widget::Widget;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

const INK: RGBColor = rgb(palette::INK);
const ACCENT: RGBColor = rgb(palette::STROKE);
const SECOND: RGBColor = rgb(palette::COOL);
const GUIDE: RGBColor = rgb(palette::GUIDE);

/// Whether the kind has a chart here.
pub fn has_chart(widget: &Widget) -> bool {
    matches!(
        widget.model(),
        Model::Hopfield(_)
            | Model::Dense(_)
            | Model::Ei(_)
            | Model::Capacity(_)
            | Model::Modern(_)
            | Model::Bcm(_)
            | Model::Pairing(_)
            | Model::Balance(_)
    )
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, widget: &Widget, scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    match widget.model() {
        Model::Hopfield(_) | Model::Dense(_) => {
            series(root, widget.buffer("series"), HOPFIELD_RECORD, "sweeps", "energy", false, scale)?
        }
        Model::Ei(_) => {
            // The loss on the left; the outer spectrum of W·D on the right, where a real part
            // past 1 means recall runs away.
            let (loss, eig) = root.split_horizontally(root.dim_in_pixel().0 * 3 / 5);
            series(&loss, widget.buffer("series"), 2, "learning step", "loss", true, scale)?;
            spectrum(&eig, widget.buffer("spectrum"), scale)?;
        }
        Model::Capacity(_) => {
            let n = widget.params().num("side") * widget.params().num("side");
            capacity(root, widget.buffer("curve"), widget.buffer("theory"), n as usize, scale)?
        }
        Model::Modern(_) => bars(root, widget.buffer("softmax"), scale)?,
        Model::Bcm(_) => bcm(root, widget.buffer("series"), widget.buffer("responses").len(), scale)?,
        Model::Balance(_) => {
            // The output rate against its target on the left; the two tuning curves on the right.
            let (rate, tuning) = root.split_horizontally(root.dim_in_pixel().0 * 11 / 20);
            balance_rate(&rate, widget.buffer("series"), scale)?;
            balance_tuning(&tuning, widget.buffer("tuning"), scale)?;
        }
        Model::Pairing(r) => {
            // The EPSP over the protocol on the left; the summary of finished protocols on the right.
            let (time, summary) = root.split_horizontally(root.dim_in_pixel().0 / 2);
            epsp(&time, widget.buffer("series"), r.total(), scale)?;
            let rate = widget.params().text("protocol") == "rate";
            let theta = widget.readouts()[4];
            pairing_summary(&summary, widget.buffer("points"), widget.buffer("curve"), rate, theta, scale)?;
        }
        // The other kinds draw no chart here (`has_chart`).
        _ => {}
    }
    Ok(())
}

fn font(scale: f64) -> TextStyle<'static> {
    (FontFamily::SansSerif, 11.0 * scale).into_font().color(&INK)
}

fn builder<'a, 'b, DB: DrawingBackend>(root: &'a DrawingArea<DB, Shift>, scale: f64) -> ChartBuilder<'a, 'b, DB> {
    let mut b = ChartBuilder::on(root);
    // Room under the axis for the tick labels and, below them, the axis description.
    b.margin((6.0 * scale) as u32).x_label_area_size((34.0 * scale) as u32).y_label_area_size((50.0 * scale) as u32);
    b
}

/// Records of `width` numbers starting (t, y), as a line; log y for a loss that falls by many
/// decades.
fn series<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    xy: &[f64],
    width: usize,
    x_desc: &str,
    y_desc: &str,
    log: bool,
    scale: f64,
) -> Fallible
where
    DB::ErrorType: 'static,
{
    let pts: Vec<(f64, f64)> =
        xy.chunks_exact(width).map(|p| (p[0], p[1])).filter(|p| p.1.is_finite() && (!log || p.1 > 0.0)).collect();
    let x_end = pts.last().map_or(1.0, |p| p.0).max(1.0);
    let (mut lo, mut hi) = pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.1), b.max(p.1)));
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    let line = LineSeries::new(pts.iter().copied(), ACCENT.stroke_width((2.0 * scale) as u32));
    // Whole steps once the axis is long enough; otherwise as few decimals as needed.
    let x_label = move |x: &f64| trimmed(*x, x_end >= 10.0);
    if log {
        let mut chart =
            builder(root, scale).build_cartesian_2d(0.0..x_end, (lo.max(1e-12) / 2.0..hi * 2.0).log_scale())?;
        chart
            .configure_mesh()
            .x_labels(4)
            .y_labels(4)
            .label_style(font(scale))
            .axis_desc_style(font(scale))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .light_line_style(WHITE)
            .x_label_formatter(&x_label)
            .y_label_formatter(&|y| format!("{y:.0e}"))
            .draw()?;
        chart.draw_series(line)?;
    } else {
        let pad = ((hi - lo) * 0.1).max(1.0);
        let mut chart = builder(root, scale).build_cartesian_2d(0.0..x_end, lo - pad..hi + pad)?;
        chart
            .configure_mesh()
            .x_labels(4)
            .y_labels(4)
            .label_style(font(scale))
            .axis_desc_style(font(scale))
            .x_desc(x_desc)
            .y_desc(y_desc)
            .light_line_style(WHITE)
            .x_label_formatter(&x_label)
            .y_label_formatter(&|y| trimmed(*y, hi - lo >= 10.0))
            .draw()?;
        chart.draw_series(line)?;
    }
    Ok(())
}

/// Eigenvalues of W·D in the complex plane (re, im pairs), with the stability edge Re λ = 1.
fn spectrum<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, eig: &[f64], scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    let pts: Vec<(f64, f64)> =
        eig.chunks_exact(2).map(|z| (z[0], z[1])).filter(|z| z.0.is_finite() && z.1.is_finite()).collect();
    let (lo, hi, im) = pts.iter().fold((-0.2f64, 1.4f64, 0.5f64), |(lo, hi, im), z| {
        (lo.min(z.0 - 0.1), hi.max(z.0 + 0.1), im.max(z.1.abs() * 1.2))
    });
    let mut chart = builder(root, scale).build_cartesian_2d(lo..hi, -im..im)?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(3)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc("Re λ(W·D)")
        .y_desc("Im λ")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| trimmed(*x, false))
        .y_label_formatter(&|y| trimmed(*y, false))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        [(1.0, -im), (1.0, im)],
        5,
        4,
        GUIDE.stroke_width((1.5 * scale) as u32),
    ))?;
    let r = (3.0 * scale) as u32;
    chart.draw_series(pts.iter().map(|&(re, i)| {
        Circle::new((re, i), r, if re > 1.0 + UNSTABLE { ACCENT.filled() } else { SECOND.filled() })
    }))?;
    Ok(())
}

/// Measured wrong-bit fraction and fraction of perfect recalls against the load, over the AGS
/// prediction, with both capacities marked: the critical load of error-tolerant retrieval and
/// the perfect-recall loads N/(2 ln N) (one pattern) and N/(4 ln N) (all).
fn capacity<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    curve: &[f64],
    theory: &[f64],
    n: usize,
    scale: f64,
) -> Fallible
where
    DB::ErrorType: 'static,
{
    let mut chart = builder(root, scale).build_cartesian_2d(0.0..0.31, 0.0..1.0)?;
    chart
        .configure_mesh()
        .x_labels(7)
        .y_labels(5)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc("load P/N")
        .light_line_style(WHITE)
        .draw()?;
    let ac = critical_load();
    chart.draw_series(LineSeries::new([(ac, 0.0), (ac, 1.0)], GUIDE.stroke_width(1)))?;
    chart.draw_series(std::iter::once(Text::new(
        format!("{ac:.3}"),
        // Halfway up, clear of the legend (upper right) and of the curves (low, or left of it).
        (ac + 0.004, 0.55),
        font(scale),
    )))?;
    // Perfect recall ends far earlier (McEliece et al. 1987); labelled low, under the blue
    // curve, which is still near 1 there.
    let (one, all) = perfect_recall_loads(n);
    for (load, label, y) in [(all, "N/(4 ln N)", 0.32), (one, "N/(2 ln N)", 0.2)] {
        chart.draw_series(DashedLineSeries::new([(load, 0.0), (load, 1.0)], 4, 4, GUIDE.stroke_width(1)))?;
        chart.draw_series(std::iter::once(Text::new(label, (load + 0.003, y), font(scale))))?;
    }
    let predicted = theory.chunks_exact(2).filter(|p| p[0] <= ac).map(|p| (p[0], p[1]));
    chart.draw_series(LineSeries::new(predicted, GUIDE.stroke_width((2.0 * scale) as u32)))?;
    let measured: Vec<&[f64]> = curve.chunks_exact(4).filter(|c| c[3] > 0.0).collect();
    let r = 3.0 * scale;
    for (column, color) in [(1, ACCENT), (2, SECOND)] {
        chart.draw_series(
            LineSeries::new(measured.iter().map(|c| (c[0], c[column])), color.stroke_width((2.0 * scale) as u32))
                .point_size(r as u32),
        )?;
    }
    legend(
        &chart.plotting_area().strip_coord_spec(),
        &[("theory: wrong bits", GUIDE), ("wrong bits after recall", ACCENT), ("patterns recalled perfectly", SECOND)],
        scale,
    )
}

/// A legend in the upper right corner of `area`. plotters' own (`configure_series_labels`)
/// measures its labels through the page's DOM, one layout of the whole page per label; this
/// measures them on the backend.
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, entries: &[(&str, RGBColor)], scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    let style = font(scale);
    let sizes =
        entries.iter().map(|(label, _)| area.estimate_text_size(label, &style)).collect::<Result<Vec<_>, _>>()?;
    let pad = (5.0 * scale) as i32;
    let line = (14.0 * scale) as i32;
    let row = sizes.iter().map(|s| s.1 as i32).max().unwrap_or(0) + pad / 2;
    let width = 3 * pad + line + sizes.iter().map(|s| s.0 as i32).max().unwrap_or(0);
    let height = 2 * pad + row * entries.len() as i32;
    let (x0, y0) = (area.dim_in_pixel().0 as i32 - width - pad, pad);
    let corners = [(x0, y0), (x0 + width, y0 + height)];
    area.draw(&Rectangle::new(corners, WHITE.mix(0.85).filled()))?;
    area.draw(&Rectangle::new(corners, GUIDE))?;
    let left = style.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, color)) in entries.iter().enumerate() {
        let y = y0 + pad + row * i as i32 + row / 2;
        area.draw(&PathElement::new([(x0 + pad, y), (x0 + pad + line, y)], color.stroke_width((2.0 * scale) as u32)))?;
        area.draw(&Text::new(*label, (x0 + 2 * pad + line, y), left.clone()))?;
    }
    Ok(())
}

/// BCM: the response to each input over time, with the sliding threshold θ dashed.
fn bcm<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, series: &[f64], inputs: usize, scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    const W: usize = BCM_RECORD;
    let recs: Vec<&[f64]> = series.chunks_exact(W).collect();
    let x_end = recs.last().map_or(1.0, |r| r[0]).max(1.0);
    let hi = recs.iter().flat_map(|r| r[1..2 + inputs].iter()).cloned().filter(|v| v.is_finite()).fold(1.0, f64::max);
    let mut chart = builder(root, scale).build_cartesian_2d(0.0..x_end, 0.0..hi * 1.1)?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(4)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc("samples")
        .y_desc("response")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| trimmed(*x, x_end >= 10.0))
        .y_label_formatter(&|y| trimmed(*y, false))
        .draw()?;
    for k in 0..inputs {
        let colour = rgb(palette::INPUTS[k % palette::INPUTS.len()]);
        chart.draw_series(LineSeries::new(
            recs.iter().map(|r| (r[0], r[2 + k])),
            colour.stroke_width((2.0 * scale) as u32),
        ))?;
    }
    chart.draw_series(DashedLineSeries::new(
        recs.iter().map(|r| (r[0], r[1])),
        6,
        4,
        GUIDE.stroke_width((1.5 * scale) as u32),
    ))?;
    Ok(())
}

/// balance: the output rate (`rate-out`, readout 1) over simulated seconds, the target ρ₀
/// (readout 2) dashed.
fn balance_rate<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, series: &[f64], scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    let recs: Vec<&[f64]> = series.chunks_exact(BALANCE_READOUTS.len()).collect();
    let x_end = recs.last().map_or(1.0, |r| r[0] / 1000.0).max(1.0);
    let hi = recs.iter().flat_map(|r| [r[1], r[2]]).filter(|v| v.is_finite()).fold(1.0, f64::max);
    let mut chart = builder(root, scale).build_cartesian_2d(0.0..x_end, 0.0..hi * 1.15)?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(4)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc("simulated seconds")
        .y_desc("output rate (Hz)")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| trimmed(*x, x_end >= 10.0))
        .y_label_formatter(&|y| trimmed(*y, hi >= 10.0))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        recs.iter().map(|r| (r[0] / 1000.0, r[2])),
        6,
        4,
        GUIDE.stroke_width((1.5 * scale) as u32),
    ))?;
    chart.draw_series(LineSeries::new(
        recs.iter().map(|r| (r[0] / 1000.0, r[1])),
        ACCENT.stroke_width((2.0 * scale) as u32),
    ))?;
    Ok(())
}

/// balance: the excitatory and the inhibitory drive for each stimulus channel (the `tuning`
/// buffer: K excitatory values, then K inhibitory).
fn balance_tuning<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, tuning: &[f64], scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    let k = tuning.len() / 2;
    let hi = tuning.iter().cloned().filter(|v| v.is_finite()).fold(1.0, f64::max);
    let mut chart = builder(root, scale).build_cartesian_2d(0.5..k.max(1) as f64 + 0.5, 0.0..hi * 1.3)?;
    chart
        .configure_mesh()
        .x_labels(k.clamp(1, 8))
        .y_labels(4)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc("stimulus channel")
        .y_desc("input drive (Hz)")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| {
            // Channel numbers only at whole positions.
            let i = x.round();
            if (x - i).abs() < 1e-6 {
                format!("{i}")
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| trimmed(*y, hi >= 10.0))
        .draw()?;
    let r = (3.0 * scale) as u32;
    for (half, colour) in [(&tuning[..k], ACCENT), (&tuning[k..], SECOND)] {
        chart.draw_series(
            LineSeries::new(
                half.iter().enumerate().map(|(s, &v)| (s as f64 + 1.0, v)),
                colour.stroke_width((2.0 * scale) as u32),
            )
            .point_size(r),
        )?;
    }
    legend(&chart.plotting_area().strip_coord_spec(), &[("excitatory", ACCENT), ("inhibitory", SECOND)], scale)
}

/// The EPSP of each step of a pairing protocol (step, EPSP, phase records), coloured by phase:
/// baseline, pairing (shaded), after; the baseline's mean dashed across.
fn epsp<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, series: &[f64], total: u64, scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    let recs: Vec<&[f64]> = series.chunks_exact(3).filter(|r| r[1].is_finite()).collect();
    let (lo, hi) = recs.iter().fold((0.7, 1.3), |(a, b): (f64, f64), r| (a.min(r[1] - 0.05), b.max(r[1] + 0.05)));
    let x_end = total as f64 + 0.5;
    let mut chart = builder(root, scale).build_cartesian_2d(0.0..x_end, lo..hi)?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(4)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc("test pulses and pairings")
        .y_desc("EPSP (mV)")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| trimmed(*x, true))
        .y_label_formatter(&|y| trimmed(*y, false))
        .draw()?;
    let pairing = (TEST_PULSES as f64 + 0.5, (total - TEST_PULSES) as f64 + 0.5);
    chart
        .draw_series(std::iter::once(Rectangle::new([(pairing.0, lo), (pairing.1, hi)], SECOND.mix(0.08).filled())))?;
    let base: Vec<f64> = recs.iter().filter(|r| r[2] == 0.0).map(|r| r[1]).collect();
    if !base.is_empty() {
        let m = base.iter().sum::<f64>() / base.len() as f64;
        chart.draw_series(DashedLineSeries::new([(0.0, m), (x_end, m)], 4, 4, GUIDE.stroke_width(1)))?;
    }
    let r = (3.0 * scale) as i32;
    for (phase, color) in [(0.0, INK), (1.0, SECOND), (2.0, ACCENT)] {
        chart
            .draw_series(recs.iter().filter(|c| c[2] == phase).map(|c| Circle::new((c[0], c[1]), r, color.filled())))?;
    }
    Ok(())
}

/// Change (%) against the protocol's setting: the theory at the current settings (line), every
/// finished protocol as a dot (in grey when it ran under another θ), θ dashed for `rate`.
fn pairing_summary<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[f64],
    curve: &[f64],
    rate: bool,
    theta: f64,
    scale: f64,
) -> Fallible
where
    DB::ErrorType: 'static,
{
    let (x0, x1) = if rate { (0.0, RATE_MAX) } else { (-DT_MAX, DT_MAX) };
    let ys = curve.chunks_exact(2).map(|c| c[1]).chain(points.chunks_exact(3).map(|p| p[1]));
    let (lo, hi) = ys.filter(|v| v.is_finite()).fold((-30.0, 30.0), |(a, b): (f64, f64), v| (a.min(v), b.max(v)));
    let (lo, hi) = (lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo));
    let mut chart = builder(root, scale).build_cartesian_2d(x0..x1, lo..hi)?;
    chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(5)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc(if rate { "paired rate y (Hz)" } else { "Δt = t_post − t_pre (ms)" })
        .y_desc("change (%)")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| trimmed(*x, true))
        .y_label_formatter(&|y| trimmed(*y, true))
        .draw()?;
    chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], GUIDE.stroke_width(1)))?;
    if rate && theta.is_finite() && theta <= x1 {
        chart.draw_series(DashedLineSeries::new([(theta, lo), (theta, hi)], 4, 4, GUIDE.stroke_width(1)))?;
        chart.draw_series(std::iter::once(Text::new("θ", (theta, hi), font(scale))))?;
    }
    // The time axis has a gap at Δt = 0, where the window jumps.
    let line = |c: &&[f64]| !rate && c[0] == 0.0;
    let (left, right): (Vec<&[f64]>, Vec<&[f64]>) =
        curve.chunks_exact(2).filter(|c| !line(c)).partition(|c| c[0] < 0.0);
    for part in [left, right] {
        chart.draw_series(LineSeries::new(
            part.iter().map(|c| (c[0], c[1])),
            GUIDE.stroke_width((1.5 * scale) as u32),
        ))?;
    }
    let r = (4.0 * scale) as i32;
    chart.draw_series(points.chunks_exact(3).map(|p| {
        let color = if (p[2] - theta).abs() < 1e-9 { ACCENT } else { GUIDE };
        Circle::new((p[0], p[1]), r, color.filled())
    }))?;
    Ok(())
}

/// softmax(β Xᵀ ξ): one bar per stored pattern, centred on its number.
fn bars<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, p: &[f64], scale: f64) -> Fallible
where
    DB::ErrorType: 'static,
{
    let mut chart = builder(root, scale).build_cartesian_2d(-0.5..p.len().max(1) as f64 - 0.5, 0.0..1.0)?;
    chart
        .configure_mesh()
        .x_labels(p.len().clamp(1, 10))
        .y_labels(3)
        .label_style(font(scale))
        .axis_desc_style(font(scale))
        .x_desc("stored pattern")
        .y_desc("softmax weight")
        .light_line_style(WHITE)
        .x_label_formatter(&|x| {
            // Pattern numbers only at whole positions (1-based).
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                format!("{}", i as usize + 1)
            } else {
                String::new()
            }
        })
        .draw()?;
    chart.draw_series(
        p.iter()
            .enumerate()
            .map(|(i, &v)| Rectangle::new([(i as f64 - 0.35, 0.0), (i as f64 + 0.35, v)], ACCENT.filled())),
    )?;
    Ok(())
}

/// A tick label: a whole number, or as few of two decimals as needed; a real minus sign.
fn trimmed(v: f64, whole: bool) -> String {
    let s = if whole {
        format!("{v:.0}")
    } else {
        format!("{v:.2}").trim_end_matches('0').trim_end_matches('.').to_string()
    };
    s.replace('-', "−")
}

/// α_c of the AGS theory. Finding it is a root search (~20 ms in wasm) and the chart redraws a few
/// times a second, so it is found once.
fn critical_load() -> f64 {
    static AC: OnceLock<f64> = OnceLock::new();
    *AC.get_or_init(ags_critical_load)
}
