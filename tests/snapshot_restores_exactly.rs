//! A saved widget loads back exactly where it was and goes on identically; bad files are
//! refused with a reason.
use hebb::runs::Kind;
use hebb::widget::Widget;

/// Plays a widget the way a reader would: runs, slider moves, edits, a reset, more runs.
fn play(query: &str) -> Widget {
    let mut w = Widget::from_query(query);
    for n in [7, 256, 512, 1000, 3] {
        w.advance(n);
    }
    w.set("speed", "40");
    w.set("eta", "0.02");
    w.set("seed", "9");
    w.advance(300);
    w.toggle(5);
    w.add_point(1.5, -0.5);
    w.move_point(3, 0.2, 0.1);
    w.store_state();
    w.advance_units(3);
    w.advance(777);
    w.set("until", "5000");
    w.advance(100_000);
    w
}

#[test]
fn every_kind_round_trips_and_continues_identically() {
    for kind in Kind::ALL.map(Kind::name) {
        for extra in ["", "&update=sync&side=8", "&side=8", "&ghost=1"] {
            let q = format!("kind={kind}{extra}");
            let mut original = play(&q);
            let json = original.to_json();
            let mut loaded = Widget::from_json(&json).unwrap_or_else(|e| panic!("{q}: {e}\n{json}"));
            assert_eq!(loaded.readouts(), original.readouts(), "{q}");
            assert_eq!(loaded.status(), original.status(), "{q}");
            loaded.set("until", "0");
            original.set("until", "0");
            assert_eq!(loaded.trajectory_hash(300), original.trajectory_hash(300), "{q}: they part ways after loading");
        }
    }
}

#[test]
fn a_long_plain_run_keeps_a_one_line_log() {
    let mut w = Widget::from_query("kind=oja");
    for i in 0..10_000 {
        w.advance(1 + i % 300);
    }
    let json = w.to_json();
    // The query, one log entry and the ten readouts of a cloud kind.
    assert!(json.len() < 500, "{json}");
    w.reset();
    assert!(!w.to_json().contains("advance"), "a reset without edits starts a fresh log");
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let good = play("kind=oja").to_json();
    let cases: Vec<(String, &str)> = vec![
        ("not json at all".into(), "not a JSON file"),
        ("[1,2]".into(), "not a JSON object"),
        ("{}".into(), "no \"format\""),
        (good.replace("hebb-widget/1", "hebb-widget/9"), "is not hebb-widget/1"),
        (good.replace("\"query\":", "\"qurey\":"), "no \"query\""),
        (good.replace("[\"set\",", "[\"frobnicate\","), "is not a valid event"),
        (good.replace("\"log\":[", "\"log\":[[\"advance\",1000000000,1000],"), "refused"),
        (good.replace("\"step\":", "\"step\":1").replace("\"norm\":", "\"norm\":9"), "does not give its saved"),
        ("{\"a\":".repeat(100), "not a JSON file"),
    ];
    for (text, why) in cases {
        let err = Widget::from_json(&text).expect_err(why);
        assert!(err.contains(why), "expected “{why}”, got “{err}”");
    }
}
