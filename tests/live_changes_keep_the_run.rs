//! Sliders act on the running trajectory; the history stays bounded.
use hebb::runs::history::CAPACITY;
use hebb::runs::neuron::RECORD;
use hebb::runs::Status;
use hebb::widget::Widget;

#[test]
fn changing_eta_keeps_step_and_weight() {
    let mut w = Widget::from_query("kind=oja&seed=3");
    w.advance(500);
    let before = w.neuron().w();
    w.set("eta", "0.05");
    assert_eq!(w.neuron().step(), 500);
    assert_eq!(w.neuron().w(), before);
    assert_eq!(w.neuron().eta, 0.05);
    w.advance(10);
    assert_eq!(w.neuron().step(), 510);
}

#[test]
fn changing_data_keeps_the_weight_but_new_seed_restarts() {
    let mut w = Widget::from_query("kind=oja&seed=3");
    w.advance(300);
    let before = w.neuron().w();
    w.set("theta", "-60");
    assert_eq!((w.neuron().step(), w.neuron().w()), (300, before));
    assert!((w.neuron().stats().e1[1] / w.neuron().stats().e1[0] - (-60f64).to_radians().tan()).abs() < 0.3);
    w.set("seed", "9");
    assert_eq!(w.neuron().step(), 0);
}

#[test]
fn until_stops_exactly_and_can_be_extended() {
    let mut w = Widget::from_query("kind=decay&alpha=4&until=1234");
    assert_eq!(w.advance(1000), 1000);
    assert_eq!(w.advance(1000), 234);
    assert_eq!(w.status(), Status::Paused);
    assert_eq!(w.advance(5), 0);
    w.set("until", "2000");
    assert_eq!(w.status(), Status::Ready);
    assert_eq!(w.advance(10_000), 766);
}

#[test]
fn reset_replays_the_same_trajectory() {
    let mut w = Widget::from_query("kind=oja&seed=5");
    w.advance(777);
    let first = w.neuron().w();
    w.reset();
    assert_eq!(w.neuron().step(), 0);
    w.advance(777);
    assert_eq!(w.neuron().w(), first);
}

#[test]
fn history_is_bounded_ordered_and_spans_the_run() {
    let mut w = Widget::from_query("kind=oja&seed=2");
    for _ in 0..100 {
        w.advance(10_000);
    }
    let h = w.neuron().history();
    assert!(h.len() <= CAPACITY && h.len() > CAPACITY / 4, "{}", h.len());
    let steps: Vec<f64> = h.as_slice().chunks_exact(RECORD).map(|r| r[0]).collect();
    assert_eq!(steps[0], 0.0);
    assert!(steps.windows(2).all(|p| p[0] < p[1]));
    assert!(*steps.last().unwrap() > 0.99e6);
}

#[test]
fn editing_points_moves_the_statistics() {
    let mut w = Widget::from_query("kind=oja&n=10&seed=1");
    let l1 = w.neuron().stats().lambda1;
    assert!(w.neuron_mut().edit_cloud(|c| c.add(40.0, 0.0)));
    assert!(w.neuron().stats().lambda1 > 10.0 * l1);
    let i = w.neuron().cloud().nearest(40.0, 0.0, 0.5).unwrap();
    assert!(w.neuron_mut().edit_cloud(|c| c.remove(i)));
    assert!((w.neuron().stats().lambda1 - l1).abs() < 1e-12);
    assert!(!w.neuron_mut().edit_cloud(|c| c.add(f64::NAN, 0.0)));
}

/// Setting a key to the value it has, or a kind outside the widget's family, is not a change:
/// the run goes on where it was, for every family (a host page re-writing its attributes must
/// not restart its figures).
#[test]
fn setting_a_key_to_its_value_or_a_refused_kind_keeps_the_run() {
    for (query, key) in [
        ("kind=oja&seed=3", "seed"),
        ("kind=oja&seed=3", "kind"),
        ("kind=hopfield&seed=4&side=12", "side"),
        ("kind=ei&seed=5", "seed"),
        ("kind=gha&seed=6&d=6", "d"),
        ("kind=bcm&seed=7", "kind"),
    ] {
        let mut w = Widget::from_query(query);
        w.advance(400);
        let value =
            w.params().query().split('&').find_map(|kv| kv.strip_prefix(&format!("{key}="))).unwrap().to_string();
        let (step, readouts) = (w.readouts()[0], w.readouts());
        w.set(key, &value);
        assert_eq!(w.readouts(), readouts, "{query}: {key}={value} again restarted the run");
        let other = if query.contains("oja") { "hopfield" } else { "oja" };
        w.set("kind", other);
        assert_eq!(w.readouts(), readouts, "{query}: the refused kind {other} restarted the run");
        assert!(w.message().contains("not one of this widget's"), "{query}: {}", w.message());
        assert!(step > 0.0, "{query}: the run did not advance ({:?})", w.status());
    }
}
