//! Every key a reader can type is parsed, clamped into range and the repair reported.
use hebb::params::{decode_query, Params, Spec, CLOUD_SCHEMA};
use hebb::science::letters;

fn parse(q: &str) -> (Params, Vec<String>) {
    let mut notices = Vec::new();
    let p = Params::from_query(q, &mut notices);
    (p, notices)
}

#[test]
fn every_numeric_key_survives_hostile_values() {
    for param in CLOUD_SCHEMA {
        let Spec::Number { min, max, default, integer, .. } = param.spec else {
            continue;
        };
        for raw in ["NaN", "inf", "-inf", "-1e300", "1e300", "-5", "abc", "", "%00", "1e-320"] {
            let (p, notices) = parse(&format!("kind=decay&{}={}", param.key, raw));
            let v = p.num(param.key);
            assert!(v.is_finite() && v >= min && v <= max, "{}={raw} gave {v}", param.key);
            if integer {
                assert_eq!(v, v.round(), "{}={raw}", param.key);
            }
            let unchanged = raw.parse::<f64>().is_ok_and(|x| x == v);
            if !unchanged && param.key != "l1" && param.key != "l2" {
                assert!(
                    notices.iter().any(|n| n.starts_with(param.key)),
                    "{}={raw}: no notice in {notices:?}",
                    param.key
                );
            }
            if raw == "abc" {
                assert_eq!(v, default, "a non-number keeps the default");
            }
        }
    }
}

#[test]
fn out_of_range_values_clamp_to_the_nearest_end() {
    let (p, notices) = parse("eta=5&n=-5&theta=720&alpha=-1&speed=1e9&until=2.6");
    assert_eq!(p.num("eta"), 1.0);
    assert_eq!(p.num("n"), 10.0);
    assert_eq!(p.num("theta"), 180.0);
    assert_eq!(p.num("speed"), 1e5);
    assert_eq!(p.num("until"), 3.0);
    assert_eq!(notices.len(), 6, "{notices:?}"); // alpha is read for every cloud kind
    assert_eq!(p.num("alpha"), 0.0);
}

#[test]
fn bad_url_of_the_issue_is_repaired_with_notices() {
    let (p, notices) = parse("eta=abc&n=-5");
    assert_eq!(p.num("eta"), 0.01);
    assert_eq!(p.num("n"), 10.0);
    assert!(notices.iter().any(|n| n.contains("eta") && n.contains("not a number")));
    assert!(notices.iter().any(|n| n.contains("n = -5")));
}

#[test]
fn unknown_kind_falls_back_to_oja_with_a_notice() {
    let (p, notices) = parse("kind=<script>alert(1)</script>&eta=0.02");
    assert_eq!(p.kind().name(), "oja");
    assert_eq!(p.num("eta"), 0.02);
    assert!(notices[0].contains("unknown kind"), "{notices:?}");
}

#[test]
fn larger_l2_is_swapped_into_l1() {
    let (p, notices) = parse("l1=0.5&l2=4");
    assert_eq!((p.num("l1"), p.num("l2")), (4.0, 0.5));
    assert!(notices.iter().any(|n| n.contains("swapped")));
}

#[test]
fn preset_sets_its_variances_unless_given() {
    let (p, _) = parse("preset=line");
    assert_eq!((p.num("l1"), p.num("l2")), (3.0, 0.01));
    let (p, _) = parse("l2=0.2&preset=line");
    assert_eq!(p.num("l2"), 0.2, "an explicit key wins over the preset, in any order");
    let (p, notices) = parse("preset=spiral");
    assert_eq!(p.text("preset"), "gaussian");
    assert!(notices[0].contains("preset"));
}

#[test]
fn start_weight_and_hide_lists_are_validated() {
    let (p, notices) = parse("w0=0.3,-0.4&hide=text,bogus,charts,text");
    assert_eq!(p.w0(), Some([0.3, -0.4]));
    assert_eq!(p.text("hide"), "text,charts");
    assert_eq!(notices.len(), 1);
    for bad in ["1", "a,b", "NaN,1", "1,inf", "1e9,0"] {
        let (p, notices) = parse(&format!("w0={bad}"));
        assert_eq!(p.w0(), None, "{bad}");
        assert_eq!(notices.len(), 1, "{bad}");
    }
}

#[test]
fn query_round_trips_and_decodes_percent_escapes() {
    let (p, _) = parse("kind=decay&eta=0.02&alpha=2.5&seed=7&w0=0.1%2C0.2&hide=text%2Ccontrols");
    let (q, notices) = parse(&p.query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(q.query(), p.query());
    assert_eq!(q.w0(), Some([0.1, 0.2]));
    assert_eq!(q.text("hide"), "text,controls");
    assert_eq!(
        decode_query("?a=x+y&b=%zz&c"),
        vec![("a".into(), "x y".into()), ("b".into(), "%zz".into()), ("c".into(), "".into())]
    );
}

#[test]
fn unknown_keys_are_reported_and_ignored() {
    let (p, notices) = parse("bogus=1&eta=0.03");
    assert_eq!(p.num("eta"), 0.03);
    assert!(notices[0].contains("unknown key"));
}

/// The `max` the schema gives the slider of `key` (the JSON is flat: one object per key).
fn slider_max(query: &str, key: &str) -> f64 {
    let json = Params::from_query(query, &mut Vec::new()).schema_json();
    let entry = json.split("{\"key\":").find(|e| e.starts_with(&format!("\"{key}\""))).expect("key in schema");
    let max = entry.split("\"max\":").nth(1).expect("a number");
    max[..max.find(',').unwrap()].parse().unwrap()
}

/// The `p` slider ends at the most patterns the kind stores at its size (N, 4N up to 4096 for
/// modern, the letters), and the `cue` slider at P: no stretch of either track is clamped.
#[test]
fn pattern_sliders_end_where_the_size_allows() {
    for (query, p_max, cue_max) in [
        ("kind=hopfield&patterns=random&side=8&p=10", 64.0, 10.0),
        ("kind=hopfield&patterns=random&side=64&p=300", 4096.0, 300.0),
        ("kind=hopfield&patterns=letters&side=16", letters::COUNT as f64, 5.0),
        ("kind=modern&patterns=random&side=8&p=7", 256.0, 7.0),
        ("kind=modern&patterns=random&side=64", 4096.0, 5.0),
        ("kind=ei&patterns=random&side=32&p=2", 1024.0, 2.0),
    ] {
        assert_eq!(slider_max(query, "p"), p_max, "{query}");
        assert_eq!(slider_max(query, "cue"), cue_max, "{query}");
    }
}
