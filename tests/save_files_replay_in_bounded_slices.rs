//! A save file cannot freeze the page: its replay is priced before it starts (every event
//! counts), refused past the bound, and otherwise replayed in small slices that land on the
//! file's readouts bit for bit.
use hebb::widget::Widget;

fn file(query: &str, log: &str, readouts: &str) -> String {
    format!(r#"{{"format":"hebb-widget/1","query":"{query}","log":[{log}],"readouts":{{{readouts}}}}}"#)
}

#[test]
fn a_tiny_file_asking_for_hours_of_work_is_refused_with_the_reason() {
    // The hostile file of the review: 150 bytes, d = k = 16, one advance of 2·10⁷ steps.
    let heavy = file("kind=gha&d=16&k=16", r#"["advance",20000000,1]"#, r#""step":20000000"#);
    let err = Widget::from_json(&heavy).unwrap_err();
    assert!(err.contains("s of work"), "{err}");
    // Not only advances: a log of rebuilds of a large Hopfield network is priced too.
    let sets: Vec<String> = (0..400).map(|i| format!(r#"["set","seed","{}"]"#, i + 2)).collect();
    let rebuilds = file("kind=hopfield&side=64&patterns=random&p=1000", &sets.join(","), r#""step":0"#);
    let err = Widget::from_json(&rebuilds).unwrap_err();
    assert!(err.contains("s of work"), "{err}");
}

#[test]
fn a_file_without_readouts_is_refused() {
    let bare = r#"{"format":"hebb-widget/1","query":"kind=oja","log":[["advance",10,1]]}"#;
    let err = Widget::from_json(bare).unwrap_err();
    assert!(err.contains("no readouts"), "{err}");
}

#[test]
fn a_saved_run_replays_in_slices_to_the_same_state() {
    for (query, steps) in
        [("kind=oja&seed=3", 200_000), ("kind=gha&d=8&k=4&seed=5", 30_000), ("kind=hopfield&seed=2", 20_000)]
    {
        for seed in 1..=3 {
            let mut live = Widget::from_query(&format!("{query}&seed={seed}"));
            live.advance(steps / 2);
            live.set("eta", "0.003");
            live.advance(steps / 2);
            let saved = live.to_json();
            let mut next = hebb::widget::replay::start(&saved).unwrap();
            let (mut slices, mut last) = (0, next.progress());
            while next.preparing() {
                assert_eq!(next.prepare(1), 1);
                slices += 1;
                assert!(next.progress() >= last && next.progress() <= 1.0);
                last = next.progress();
            }
            assert_eq!(next.load_error(), "", "{query}");
            assert_eq!(next.progress(), 1.0);
            assert_eq!(next.readouts(), live.readouts(), "{query} seed {seed}");
            assert!(slices > 3, "{query}: {slices} slices: the replay was not sliced");
            // A slice is small: no slice of these runs does more than ~0.2 ms of estimated work.
            assert!(slices as u64 >= steps / 50_000, "{query}: {slices} slices for {steps} steps");
        }
    }
}

#[test]
fn a_file_that_does_not_land_on_its_readouts_is_refused_after_replay() {
    let edited = file("kind=oja&seed=3", r#"["advance",1000,1]"#, r#""step":1000,"norm":0.5"#);
    let mut next = hebb::widget::replay::start(&edited).unwrap();
    next.prepare(u64::MAX);
    assert!(next.load_error().contains("saved norm"), "{}", next.load_error());
}

/// A large Hopfield memory is not stored when the widget is made: W is built a row per slice
/// of set-up, readouts stay finite meanwhile, and the finished run is the one a single call
/// would give (same trajectory), recalling its cue as a memory well below capacity does.
#[test]
fn a_large_memory_is_stored_in_slices_with_the_same_result() {
    for seed in 1..=3 {
        let query = format!("kind=hopfield&side=32&patterns=random&p=60&noise=0.1&seed={seed}");
        let mut sliced = Widget::from_query(&query);
        assert!(sliced.preparing(), "P N² = 6.3·10⁷ should be left to the set-up slices");
        let mut slices = 0;
        while sliced.preparing() {
            assert!(sliced.readouts().iter().all(|x| x.is_finite()));
            assert!(sliced.progress() < 1.0);
            slices += sliced.prepare(1);
        }
        assert_eq!(slices, 1024, "one slice per row of W");
        let mut at_once = Widget::from_query(&query);
        at_once.prepare(u64::MAX);
        assert_eq!(sliced.trajectory_hash(3000), at_once.trajectory_hash(3000), "seed {seed}");
        let overlap = sliced.readouts()[1];
        assert!(overlap > 0.95, "seed {seed}: P/N = 0.06 recalls its cue (overlap {overlap})");
    }
}
