//! The memory widgets, driven as the page drives them (a query string, then `advance`).
use hebb::runs::Status;
use hebb::widget::Widget;

const SEEDS: [u32; 4] = [1, 2, 3, 4242];

fn settle(q: &str, per_frame: u64) -> Widget {
    let mut w = Widget::from_query(q);
    for _ in 0..10_000 {
        if w.advance(per_frame) == 0 {
            break;
        }
    }
    w
}

fn readout(w: &Widget, name: &str) -> f64 {
    let i = w.readout_names().iter().position(|n| *n == name).unwrap();
    w.readouts()[i]
}

/// Five letters at N = 256 (α ≈ 0.02): a 20 %-flipped cue is completed exactly, whichever
/// letter is cued, and the energy is that of the stored pattern.
#[test]
fn hopfield_completes_a_noisy_letter() {
    for seed in SEEDS {
        for cue in 1..=5 {
            let w = settle(&format!("kind=hopfield&seed={seed}&cue={cue}"), 32);
            assert_eq!(w.status(), Status::Converged, "seed {seed} cue {cue}");
            assert_eq!(readout(&w, "overlap"), 1.0, "seed {seed} cue {cue}");
            assert_eq!(readout(&w, "wrong-bits"), 0.0);
        }
    }
}

/// Overload: P = 64 random patterns at N = 256 (α = 0.25 ≫ 0.138): recall does not clean up
/// even a 10 % cue. Retrieval would end near 0 wrong bits (AGS: 1.7 % even at α_c); here each
/// seed ends above 5 % and on average above the cue's own 10 %.
#[test]
fn hopfield_overload_lands_on_garbage() {
    let mut total = 0.0;
    for seed in 1..=8 {
        let w = settle(&format!("kind=hopfield&preset=overload&seed={seed}"), 256);
        assert_eq!(w.status(), Status::Converged);
        let wrong = readout(&w, "wrong-bits");
        assert!(wrong > 0.05, "seed {seed}: {wrong}");
        total += wrong / 8.0;
    }
    assert!(total > 0.1, "mean wrong bits {total}");
}

/// The 3-mixture preset is a stable state at low load (it is the target it is compared with).
#[test]
fn hopfield_mixture_preset_is_stable() {
    for seed in SEEDS {
        let w = settle(&format!("kind=hopfield&preset=mixture&seed={seed}"), 256);
        assert_eq!(w.status(), Status::Converged);
        assert!(readout(&w, "wrong-bits") < 0.02, "seed {seed}");
        assert!(readout(&w, "step") <= 2.0);
    }
}

/// `until` stops exactly; painting a pixel changes the state and wakes a converged run.
#[test]
fn hopfield_until_and_painting() {
    let mut w = Widget::from_query("kind=hopfield&preset=overload&until=1&speed=1");
    w.advance(10_000);
    assert_eq!((w.status(), readout(&w, "step")), (Status::Paused, 1.0));
    let mut c = settle("kind=hopfield", 64);
    assert_eq!(c.status(), Status::Converged);
    let before = c.buffer("state")[7];
    c.toggle(7);
    assert_eq!(c.buffer("state")[7], -before);
    assert_eq!(c.status(), Status::Ready);
    assert!(readout(&c, "wrong-bits") > 0.0);
    settle_more(&mut c);
    assert_eq!(readout(&c, "wrong-bits"), 0.0, "the painted pixel is repaired");
}

fn settle_more(w: &mut Widget) {
    for _ in 0..100 {
        w.advance(64);
    }
}

/// The capacity sweep at N = 400 finishes, fails near α_c ≈ 0.138 and is exact at low load.
#[test]
fn capacity_sweep_estimates_alpha_c() {
    for seed in [1, 2] {
        let w = settle(&format!("kind=capacity&seed={seed}&trials=3"), 1);
        assert_eq!(w.status(), Status::Converged);
        let est = readout(&w, "capacity");
        assert!((0.11..=0.19).contains(&est), "seed {seed}: α_c estimated at {est}");
        let curve = w.buffer("curve");
        assert!(curve[1] < 0.001, "α = 0.02: {}", curve[1]);
        assert!(curve[curve.len() - 3] > 0.1, "α = 0.3 still recalls");
        assert!(w.buffer("theory").len() > 100);
    }
}

/// Modern retrieval: exact in one step at β = 1 even with 200 patterns (≫ 0.138 N);
/// a blend at β = 0.003.
#[test]
fn modern_exact_at_large_beta_and_blended_at_small() {
    for seed in SEEDS {
        let mut w = Widget::from_query(&format!("kind=modern&preset=crowded&seed={seed}"));
        w.advance(1);
        assert_eq!(readout(&w, "overlap"), 1.0, "seed {seed}");
        let w = settle(&format!("kind=modern&preset=blend&seed={seed}"), 1);
        assert!(readout(&w, "overlap") < 0.8, "seed {seed}: {}", readout(&w, "overlap"));
        assert!(w.buffer("softmax").iter().all(|&p| p < 0.5));
    }
}

/// E/I: learning converges below 2/λmax(FᵀF) and recall of the cue lands near the letter;
/// above the bound it is stopped with the reason.
#[test]
fn ei_learns_then_recalls_and_refuses_a_too_large_eta() {
    for seed in SEEDS {
        let w = settle(&format!("kind=ei&seed={seed}"), 5);
        assert_eq!(w.status(), Status::Converged, "seed {seed}: {}", w.message());
        assert!(readout(&w, "energy") < 1e-6);
        assert!(readout(&w, "overlap") > 0.95, "seed {seed}: {}", readout(&w, "overlap"));
        assert!(readout(&w, "dale-violations") > 1000.0);
        let bad = settle(&format!("kind=ei&seed={seed}&eta=0.01"), 5);
        assert_eq!(bad.status(), Status::Diverged);
        assert!(bad.message().contains("2/λmax(FᵀF)"), "{}", bad.message());
        let dale = settle(&format!("kind=ei&seed={seed}&preset=dale"), 5);
        assert_eq!(readout(&dale, "dale-violations"), 0.0);
    }
}

/// P is limited by N (4N for modern) and by the alphabet for letters, with a notice.
#[test]
fn pattern_count_is_fitted_to_the_network() {
    let w = Widget::from_query("kind=hopfield&side=4&p=100&patterns=random");
    assert_eq!(w.params().num("p"), 16.0);
    assert!(w.message().contains("N = 16"));
    let w = Widget::from_query("kind=modern&side=4&p=100&patterns=random");
    assert_eq!(w.params().num("p"), 64.0);
    let w = Widget::from_query("kind=modern&side=64&p=16384&patterns=random");
    assert_eq!(w.params().num("p"), 4096.0);
    assert!(w.message().contains("memory budget"));
    let w = Widget::from_query("kind=ei&side=64");
    assert_eq!(w.params().num("side"), 32.0);
    let w = Widget::from_query("kind=hopfield&p=30");
    assert_eq!(w.params().num("p"), 10.0);
    assert!(w.message().contains("letters"));
}

/// A capacity trial split into small units (as the page runs it, a frame at a time) gives the
/// same curve, bit for bit, as whole trials.
#[test]
fn capacity_work_can_be_split_without_changing_the_result() {
    let q = "kind=capacity&side=12&trials=2&seed=5";
    let whole = settle(q, 1);
    let mut split = Widget::from_query(q);
    let mut units = 0;
    while split.status() != Status::Converged {
        split.advance_units(1);
        units += 1;
    }
    assert!(units > 30 * 2, "only {units} units");
    assert_eq!(whole.buffer("curve"), split.buffer("curve"));
    assert_eq!(readout(&whole, "capacity"), readout(&split, "capacity"));
}

/// At side 32 the default E/I η is still below its bound.
#[test]
fn ei_default_eta_converges_at_the_largest_side() {
    let w = settle("kind=ei&side=32", 20);
    assert_eq!(w.status(), Status::Converged, "{}", w.message());
}

/// A learning step of `ei` split into blocks of rows over many calls (as the page does at large
/// sizes) lands on the same bits as whole steps, recall included.
#[test]
fn ei_steps_split_by_rows_land_on_the_same_bits() {
    for seed in [1u32, 2, 3] {
        let q = format!("kind=ei&side=12&patterns=random&p=9&eta=0.002&seed={seed}&until=40");
        let mut whole = Widget::from_query(&q);
        whole.advance(40);
        let mut split = Widget::from_query(&q);
        let mut calls = 0;
        while split.status() == Status::Ready && calls < 100_000 {
            split.advance_units(1 + (calls % 3));
            calls += 1;
        }
        split.prepare(u64::MAX);
        assert!(split.units_per_step() > 1, "the test needs steps of several units");
        let (a, b) = (whole.readouts(), split.readouts());
        assert_eq!(a[0], 40.0);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.to_bits(), y.to_bits(), "seed {seed}: {a:?} vs {b:?}");
        }
    }
}

/// A `modern` update of a large memory split into blocks of pattern passes over many calls (as
/// the page does) lands on the same bits as whole updates.
#[test]
fn modern_updates_split_into_passes_land_on_the_same_bits() {
    for seed in [1u32, 2, 3] {
        let q = format!("kind=modern&side=24&patterns=random&p=900&beta=0.02&noise=0.4&seed={seed}&until=6");
        let mut whole = Widget::from_query(&q);
        whole.advance(6);
        let mut split = Widget::from_query(&q);
        assert!(split.units_per_step() > 1, "the test needs updates of several units");
        let mut calls = 0;
        while split.status() == Status::Ready && calls < 100_000 {
            split.advance_units(1 + (calls % 4));
            calls += 1;
        }
        let (a, b) = (whole.readouts(), split.readouts());
        assert!(a[0] >= 2.0, "seed {seed}: {a:?}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.to_bits(), y.to_bits(), "seed {seed}: {a:?} vs {b:?}");
        }
        assert_eq!(whole.buffer("state"), split.buffer("state"));
    }
}
