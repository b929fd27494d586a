//! A tied linear autoencoder trained by backprop, next to Oja's subspace rule (docs/science.md:
//! backprop). The encoder is y = W x (W: k × d, row-major), the decoder its transpose,
//! x̂ = Wᵀ y, and one online step descends ½‖e‖², e = x − x̂:
//!
//!   −∂(½‖e‖²)/∂W = y eᵀ + (W e) xᵀ
//!
//! The first term is the decoder's (W appears as Wᵀ in x̂) and is exactly Oja's subspace rule,
//! y xᵀ − y yᵀ W; the second is the encoder's, the output error carried back through the
//! decoder's weights. Feedback alignment (Lillicrap et al. 2016) carries it back through a fixed
//! random B instead: ΔW = η (y eᵀ + (B e) xᵀ).
//!
//! Matrices are small (d ≤ 16) and row-major in plain vectors; a step allocates nothing.

use crate::science::many::Spectrum;
use crate::science::rng::Rng;
use nalgebra::DMatrix;

/// How the output error reaches the encoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feedback {
    /// Through the transposed decoder weights, which are W itself: the gradient.
    Exact,
    /// Through a fixed random matrix B: feedback alignment.
    Random,
}

/// The update direction y eᵀ + (F e) xᵀ of a tied autoencoder W for one sample x, with the
/// error fed back through F (W for the gradient, B for feedback alignment), into `out` (k × d).
/// Scratch: `y` (k), `e` (d), `delta` (k). Returns ½‖e‖² before the update.
#[allow(clippy::too_many_arguments)]
pub fn tied_update(
    w: &[f64],
    f: &[f64],
    x: &[f64],
    (k, d): (usize, usize),
    y: &mut [f64],
    e: &mut [f64],
    delta: &mut [f64],
    out: &mut [f64],
) -> f64 {
    for i in 0..k {
        y[i] = w[i * d..(i + 1) * d].iter().zip(x).map(|(a, b)| a * b).sum();
    }
    e.copy_from_slice(x);
    for i in 0..k {
        e.iter_mut().zip(&w[i * d..(i + 1) * d]).for_each(|(ec, wc)| *ec -= y[i] * wc);
    }
    for i in 0..k {
        delta[i] = f[i * d..(i + 1) * d].iter().zip(&*e).map(|(a, b)| a * b).sum();
    }
    for i in 0..k {
        for c in 0..d {
            out[i * d + c] = y[i] * e[c] + delta[i] * x[c];
        }
    }
    0.5 * e.iter().map(|v| v * v).sum::<f64>()
}

/// A tied linear autoencoder and its fixed random feedback matrix.
#[derive(Clone, Debug)]
pub struct Autoencoder {
    pub k: usize,
    pub d: usize,
    pub w: Vec<f64>,
    /// Feedback alignment's B (k × d), entries N(0, 1/d) so its rows have about unit length,
    /// the length W's rows reach.
    pub b: Vec<f64>,
    y: Vec<f64>,
    e: Vec<f64>,
    delta: Vec<f64>,
    update: Vec<f64>,
    /// The gradient's direction at the same W and sample, to compare feedback alignment with.
    gradient: Vec<f64>,
}

impl Autoencoder {
    /// Starts from the given weights (the Hebbian learner's, so both start alike).
    pub fn new(k: usize, d: usize, w: &[f64], rng: &mut Rng) -> Autoencoder {
        let s = 1.0 / libm::sqrt(d as f64);
        let b = (0..k * d).map(|_| s * rng.gaussian()).collect();
        Autoencoder {
            k,
            d,
            w: w.to_vec(),
            b,
            y: vec![0.0; k],
            e: vec![0.0; d],
            delta: vec![0.0; k],
            update: vec![0.0; k * d],
            gradient: vec![0.0; k * d],
        }
    }

    /// One online step on sample x. Returns the sample's ½‖e‖² before it and the angle in
    /// degrees between the update taken and the gradient's (0 for exact feedback, where they
    /// are the same).
    pub fn step(&mut self, feedback: Feedback, x: &[f64], eta: f64) -> (f64, f64) {
        let kd = (self.k, self.d);
        let loss = tied_update(&self.w, &self.w, x, kd, &mut self.y, &mut self.e, &mut self.delta, &mut self.gradient);
        let angle = if feedback == Feedback::Random {
            tied_update(&self.w, &self.b, x, kd, &mut self.y, &mut self.e, &mut self.delta, &mut self.update);
            vector_angle(&self.update, &self.gradient)
        } else {
            self.update.copy_from_slice(&self.gradient);
            0.0
        };
        self.w.iter_mut().zip(&self.update).for_each(|(w, u)| *w += eta * u);
        (loss, angle)
    }
}

/// Degrees between two vectors; 90 when either is zero (no direction to share).
pub fn vector_angle(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = libm::sqrt(a.iter().map(|x| x * x).sum::<f64>());
    let nb = libm::sqrt(b.iter().map(|x| x * x).sum::<f64>());
    if na == 0.0 || nb == 0.0 {
        return 90.0;
    }
    libm::acos((dot / (na * nb)).clamp(-1.0, 1.0)).to_degrees()
}

/// The alignment readout: an exponential mean of the per-sample angles over about the last
/// `SPAN` samples, corrected for its start so the first samples count fully. A single angle
/// is noisy (its spread is tens of degrees); the mean's is about √(1/2SPAN) of that.
#[derive(Clone, Debug, Default)]
pub struct Alignment {
    sum: f64,
    weight: f64,
}

/// The samples the alignment mean spans.
pub const SPAN: f64 = 100.0;

impl Alignment {
    pub fn push(&mut self, angle: f64) {
        let keep = 1.0 - 1.0 / SPAN;
        self.sum = keep * self.sum + angle;
        self.weight = keep * self.weight + 1.0;
    }

    /// The mean angle; 90° before any sample, the angle between unrelated directions.
    pub fn degrees(&self) -> f64 {
        if self.weight == 0.0 {
            90.0
        } else {
            self.sum / self.weight
        }
    }
}

/// The data's covariance C = Σ λ_k e_k e_kᵀ.
pub fn covariance(spec: &Spectrum) -> DMatrix<f64> {
    let e = DMatrix::from_row_slice(spec.d, spec.d, &spec.basis);
    e.transpose() * DMatrix::from_diagonal(&nalgebra::DVector::from_vec(spec.lambdas.clone())) * e
}

/// The expected reconstruction error E‖x − WᵀWx‖² = tr(R C R), R = I − WᵀW. Its minimum over
/// k × d matrices is the sum of the d − k smallest eigenvalues, reached exactly when the rows of
/// W are an orthonormal basis of the top-k subspace (Baldi & Hornik 1989).
pub fn expected_loss(w: &DMatrix<f64>, c: &DMatrix<f64>) -> f64 {
    let r = DMatrix::identity(w.ncols(), w.ncols()) - w.transpose() * w;
    (&r * c * &r).trace()
}

/// The data-averaged update directions of the gradient and of feedback alignment at W:
/// W C R + W R C and W C R + B R C (the averages of y eᵀ and of (F e) xᵀ).
pub fn expected_updates(w: &DMatrix<f64>, b: &DMatrix<f64>, c: &DMatrix<f64>) -> (DMatrix<f64>, DMatrix<f64>) {
    let r = DMatrix::identity(w.ncols(), w.ncols()) - w.transpose() * w;
    let decoder = w * c * &r;
    let rc = &r * c;
    (&decoder + w * &rc, decoder + b * rc)
}

/// ‖WᵀW − P‖_F, P the projector onto the top-k eigenvectors (`Spectrum::top_projector`): 0 on
/// the principal subspace.
pub fn subspace_error(w: &DMatrix<f64>, projector: &DMatrix<f64>) -> f64 {
    (w.transpose() * w - projector).norm()
}
