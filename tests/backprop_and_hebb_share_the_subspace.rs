//! docs/science.md: backprop. A tied linear autoencoder trained by backprop and Oja's subspace
//! rule, fed the same samples, end on the same principal subspace (Baldi & Hornik 1989);
//! feedback alignment with tied weights lowers the loss but stays off it.
use hebb::science::backprop::{
    covariance, expected_loss, expected_updates, subspace_error, tied_update, Alignment, Autoencoder, Feedback,
};
use hebb::science::many::{ManyRule, Population, Spectrum};
use hebb::science::rng::{Rng, Stream};
use hebb::widget::Widget;
use nalgebra::DMatrix;

const SEEDS: [u32; 4] = [1, 2, 3, 4242];
/// The widget's defaults: d = 8, k = 3, λ = 3 · 0.4^m = (3, 1.2, 0.48, 0.19, 0.077, …), η = 0.005.
const D: usize = 8;
const K: usize = 3;
const ETA: f64 = 0.005;

fn data(seed: u32) -> Spectrum {
    Spectrum::geometric(D, 3.0, 0.4, &mut Rng::new(seed, Stream::Data))
}

fn gaussian_matrix(rng: &mut Rng, n: usize, scale: f64) -> Vec<f64> {
    (0..n).map(|_| scale * rng.gaussian()).collect()
}

/// ½‖x − WᵀWx‖² through the update function's own forward pass.
fn half_loss(w: &[f64], x: &[f64]) -> f64 {
    let (mut y, mut e, mut delta, mut out) = (vec![0.0; K], vec![0.0; D], vec![0.0; K], vec![0.0; K * D]);
    tied_update(w, w, x, (K, D), &mut y, &mut e, &mut delta, &mut out)
}

/// The update with W as its own feedback is minus the gradient: y eᵀ + (W e) xᵀ against central
/// differences of ½‖e‖². With h = 10⁻⁵ the truncation error is O(h²) ≈ 10⁻¹⁰ and the rounding
/// error ε·L/h ≈ 10⁻¹⁰, so 10⁻⁶ of the largest entry is a wide margin; dropping either of the
/// two terms misses by a relative O(1).
#[test]
fn tied_gradient_has_two_terms_and_matches_finite_differences() {
    for seed in SEEDS {
        let mut rng = Rng::new(seed, Stream::Start);
        let w = gaussian_matrix(&mut rng, K * D, 0.5);
        let x = gaussian_matrix(&mut rng, D, 1.0);
        let (mut y, mut e, mut delta, mut update) = (vec![0.0; K], vec![0.0; D], vec![0.0; K], vec![0.0; K * D]);
        tied_update(&w, &w, &x, (K, D), &mut y, &mut e, &mut delta, &mut update);
        let h = 1e-5;
        let scale = update.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for i in 0..K * D {
            let (mut up, mut down) = (w.clone(), w.clone());
            up[i] += h;
            down[i] -= h;
            let numeric = -(half_loss(&up, &x) - half_loss(&down, &x)) / (2.0 * h);
            assert!((numeric - update[i]).abs() < 1e-6 * scale, "seed {seed} entry {i}: {numeric} vs {}", update[i]);
        }
    }
}

/// With no feedback at all (F = 0) only the decoder's term y eᵀ is left, and it is Oja's
/// subspace rule: one step of each from the same W on the same x lands on the same W (to
/// rounding, 10⁻¹² of the step).
#[test]
fn decoder_term_is_the_subspace_rule() {
    for seed in SEEDS {
        let mut rng = Rng::new(seed, Stream::Start);
        let mut pop = Population::new(K, D, &mut rng);
        pop.w = gaussian_matrix(&mut rng, K * D, 0.5);
        let x = gaussian_matrix(&mut rng, D, 1.0);
        let before = pop.w.clone();
        pop.step(ManyRule::Subspace, &x, ETA, 1.0);
        let (mut y, mut e, mut delta, mut update) = (vec![0.0; K], vec![0.0; D], vec![0.0; K], vec![0.0; K * D]);
        tied_update(&before, &[0.0; K * D], &x, (K, D), &mut y, &mut e, &mut delta, &mut update);
        for i in 0..K * D {
            let oja = (pop.w[i] - before[i]) / ETA;
            assert!((oja - update[i]).abs() < 1e-12 * (1.0 + update[i].abs()), "seed {seed} entry {i}");
        }
    }
}

/// Near the subspace, a kept axis i and a discarded axis m are coupled by a tilt θ whose
/// stationary variance is η λ_i λ_m / (2(λ_i − λ_m)) (the averaged restoring rate is
/// η(λ_i − λ_m), the noise η²λ_iλ_m per step), and a tilt θ moves the projector by √2 θ in the
/// Frobenius norm. The prediction for ⟨‖WᵀW − P‖²⟩ is 2 Σ of those variances.
fn predicted_square_error(spec: &Spectrum) -> f64 {
    let l = &spec.lambdas;
    (0..K).flat_map(|i| (K..D).map(move |m| (i, m))).map(|(i, m)| ETA * l[i] * l[m] / (l[i] - l[m])).sum()
}

struct Late {
    square_error: f64,
    loss: f64,
}

/// Trains from the shared start for `burn` samples, then averages over `window` more (read
/// every 10): the learners' squared subspace errors and expected losses, and the alignment.
fn train(seed: u32, burn: usize, window: usize) -> (Spectrum, Late, Late, Late, f64, f64) {
    let spec = data(seed);
    let c = covariance(&spec);
    let mut hebb = Population::new(K, D, &mut Rng::new(seed, Stream::Start));
    let mut exact = Autoencoder::new(K, D, &hebb.w, &mut Rng::with_stream(seed, 4));
    let mut random = exact.clone();
    let start_loss = expected_loss(&DMatrix::from_row_slice(K, D, &hebb.w), &c);
    let mut samples = Rng::new(seed, Stream::Samples);
    let mut x = vec![0.0; D];
    let mut alignment = Alignment::default();
    let late = || Late { square_error: 0.0, loss: 0.0 };
    let (mut lh, mut le, mut lr, mut mean_alignment) = (late(), late(), late(), 0.0);
    let reads = (window / 10) as f64;
    for t in 0..burn + window {
        spec.sample(&mut samples, &mut x);
        hebb.step(ManyRule::Subspace, &x, ETA, 1.0);
        exact.step(Feedback::Exact, &x, ETA);
        alignment.push(random.step(Feedback::Random, &x, ETA).1);
        if t >= burn && t % 10 == 0 {
            for (w, acc) in [(&hebb.w, &mut lh), (&exact.w, &mut le), (&random.w, &mut lr)] {
                let w = DMatrix::from_row_slice(K, D, w);
                acc.square_error += subspace_error(&w, &spec.top_projector(K)).powi(2) / reads;
                acc.loss += expected_loss(&w, &c) / reads;
            }
            mean_alignment += alignment.degrees() / reads;
        }
    }
    (spec, lh, le, lr, mean_alignment, start_loss)
}

/// Both the subspace rule and exact backprop sit on the principal subspace, within the noise η
/// leaves: their mean squared error below twice the prediction above (the factor 2 covers the
/// rows' length noise, which the tilt count leaves out, and O(η²)), where a learner stuck one
/// axis off would be at 2. Their mean loss E‖x − x̂‖² is the sum of the discarded eigenvalues plus
/// what the tilts cost, Σ θ²(λ_i − λ_m) ≈ ½ Σ η λ_iλ_m: within twice that.
#[test]
fn both_learners_reach_the_principal_subspace() {
    for seed in SEEDS {
        let (spec, hebb, exact, _, _, _) = train(seed, 20_000, 40_000);
        let predicted = predicted_square_error(&spec);
        let discarded: f64 = spec.lambdas[K..].iter().sum();
        let l = &spec.lambdas;
        let tilt_cost: f64 = (0..K).flat_map(|i| (K..D).map(move |m| 0.5 * ETA * l[i] * l[m])).sum();
        for (name, late) in [("subspace rule", &hebb), ("backprop", &exact)] {
            assert!(
                late.square_error < 2.0 * predicted,
                "seed {seed} {name}: ⟨error²⟩ {} vs predicted {predicted}",
                late.square_error
            );
            assert!(
                late.loss - discarded < 2.0 * tilt_cost,
                "seed {seed} {name}: loss {} vs Σ discarded λ {discarded} + {tilt_cost}",
                late.loss
            );
        }
    }
}

/// On the exact principal subspace (rows e1…ek) the expected gradient is zero but feedback
/// alignment's expected update is B(I − P)C, whose squared norm averages (k/d) Σ_{m>k} λ_m² over
/// B's draws (entries N(0, 1/d)): the subspace is not a fixed point of feedback alignment with
/// tied weights. A chi-square of k(d − k) = 15 degrees of freedom is above a tenth of its mean
/// with probability > 0.9999, so the test asks for a third of the mean's square root.
#[test]
fn principal_subspace_is_not_a_fixed_point_of_feedback_alignment() {
    for seed in SEEDS {
        let spec = data(seed);
        let c = covariance(&spec);
        let w = DMatrix::from_row_slice(K, D, &spec.basis[..K * D]);
        let net = Autoencoder::new(K, D, &spec.basis[..K * D], &mut Rng::with_stream(seed, 4));
        let b = DMatrix::from_row_slice(K, D, &net.b);
        let (gradient, aligned) = expected_updates(&w, &b, &c);
        let scale: f64 = (K as f64 / D as f64 * spec.lambdas[K..].iter().map(|l| l * l).sum::<f64>()).sqrt();
        assert!(gradient.norm() < 1e-12, "seed {seed}: gradient {}", gradient.norm());
        assert!(aligned.norm() > scale / 3.0, "seed {seed}: FA update {} vs {scale}", aligned.norm());
    }
}

/// Feedback alignment: its update soon points within 60° of the gradient's (the mean of the
/// alignment readout after 2,000 samples; about 30° in practice, and the readout's own spread is
/// a few degrees, √(1/2·100) of a single angle's tens), it lowers the loss to within 1.5 times
/// the optimum from more than ten times it, but it stays off the principal subspace: the bias
/// B(I − P)C pushes with a force that does not shrink with η, so its mean squared error is more
/// than 4 times the exact learner's (whose error is noise of order √η).
#[test]
fn feedback_alignment_aligns_and_lowers_the_loss_but_misses_the_subspace() {
    for seed in SEEDS {
        let (spec, _, exact, random, alignment, start_loss) = train(seed, 2_000, 38_000);
        let discarded: f64 = spec.lambdas[K..].iter().sum();
        assert!(alignment < 60.0, "seed {seed}: mean alignment {alignment}°");
        assert!(start_loss > 10.0 * discarded, "seed {seed}: start loss {start_loss}");
        assert!(random.loss < 1.5 * discarded, "seed {seed}: loss {} vs optimum {discarded}", random.loss);
        assert!(
            random.square_error > 4.0 * exact.square_error,
            "seed {seed}: FA ⟨error²⟩ {} vs exact {}",
            random.square_error,
            exact.square_error
        );
    }
}

/// The widget as the page drives it: its readouts say the same (one reading each, so the bounds
/// are wide: a single squared error is at most a few times its mean, 2 × prediction ≈ 0.01 here).
#[test]
fn widget_readouts_tell_the_story() {
    let readout = |w: &Widget, name: &str| {
        let i = w.readout_names().iter().position(|n| *n == name).unwrap();
        w.readouts()[i]
    };
    for seed in SEEDS {
        let mut exact = Widget::from_query(&format!("kind=backprop&seed={seed}"));
        let mut random = Widget::from_query(&format!("kind=backprop&feedback=random&seed={seed}"));
        assert_eq!(readout(&random, "alignment"), 90.0, "no sample yet");
        for _ in 0..30 {
            exact.advance(1000);
            random.advance(1000);
        }
        assert!(readout(&exact, "subspace-error-hebb") < 0.3, "seed {seed}: {:?}", exact.readouts());
        assert!(readout(&exact, "subspace-error-backprop") < 0.3, "seed {seed}: {:?}", exact.readouts());
        assert_eq!(readout(&exact, "alignment"), 0.0);
        assert!(readout(&random, "alignment") < 60.0, "seed {seed}: {:?}", random.readouts());
        // Same data and start: the Hebbian panel does not depend on the feedback.
        assert_eq!(readout(&exact, "subspace-error-hebb"), readout(&random, "subspace-error-hebb"));
    }
}
