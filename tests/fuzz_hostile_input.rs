//! Property tests over the parameter schema and every kind's step: whatever a URL, an
//! attribute or a slider sends, nothing panics, every value lands in range, repairs are
//! reported, and the readouts stay finite.
use hebb::params::{Params, Spec, CIRCUIT_SCHEMA, CLOUD_SCHEMA, MEMORY_SCHEMA};
use hebb::runs::{Family, Kind};
use hebb::widget::Widget;
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "kind", "seed", "play", "speed", "until", "hide", "preset", "eta", "alpha", "n", "l1", "l2", "theta", "w0", "side",
    "p", "patterns", "noise", "cue", "update", "beta", "ratio", "trials", "d", "k", "top", "tau", "sources", "sigma",
    "decay", "inputs", "kmax", "lambda", "rule", "grow", "bogus", "",
];
/// Every registered kind's name, and names that are none.
fn kind_names() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.name()).chain(["x", "", "<b>"]).collect()
}

fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-inf".to_string()),
        Just("1e308".to_string()),
        Just("-1e308".to_string()),
        Just("1e-320".to_string()),
        Just(String::new()),
        Just("%".to_string()),
        Just("%zz%0".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("1,2,3".to_string()),
        any::<f64>().prop_map(|x| x.to_string()),
        (-1e4f64..1e4).prop_map(|x| x.to_string()),
        (0u32..100).prop_map(|x| x.to_string()),
        "\\PC{0,12}",
    ]
}

fn query() -> impl Strategy<Value = String> {
    (prop::sample::select(kind_names()), prop::collection::vec((prop::sample::select(KEYS), hostile_value()), 0..8))
        .prop_map(|(kind, pairs)| {
            let mut q = format!("kind={kind}");
            for (k, v) in pairs {
                q.push('&');
                q.push_str(k);
                q.push('=');
                q.push_str(&v.replace('&', "%26"));
            }
            q
        })
}

/// Every value of every schema entry of the kind is in its range.
fn assert_in_range(p: &Params) {
    for param in p.schema().iter().filter(|e| p.applies(e)) {
        if let Spec::Number { min, max, integer, .. } = param.spec {
            let v = p.num(param.key);
            assert!(v.is_finite() && v >= min && v <= max, "{} = {v}", param.key);
            assert!(!integer || v == v.round(), "{} = {v}", param.key);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Parsing and clamping alone: 10,000 random hostile queries.
    #[test]
    fn parsing_never_panics_and_clamps_everything(q in query()) {
        let mut notices = Vec::new();
        let p = Params::from_query(&q, &mut notices);
        assert_in_range(&p);
        // A repair is never silent: a key whose value changed on the way in has a notice.
        let pairs = hebb::params::decode_query(&q);
        for (i, (k, v)) in pairs.iter().enumerate() {
            if pairs[i + 1..].iter().any(|(later, _)| later == k) {
                continue; // the last value of a repeated key wins
            }
            let Some(param) = p.schema().iter().find(|e| e.key == k && p.applies(e)) else { continue };
            if let Spec::Number { .. } = param.spec {
                let kept = v.trim().parse::<f64>().is_ok_and(|x| x == p.num(k));
                let preset_set = k == "l1" || k == "l2" || k == "p" || k == "cue";
                prop_assert!(kept || preset_set || notices.iter().any(|n| n.contains(k.as_str())), "{k}={v}: {notices:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Building and stepping every kind from hostile queries, then hostile live changes. The grid
    /// is kept small here (side ≤ 16) so a thousand networks build in seconds; the largest
    /// settings are exercised by the soak in `./build.sh bench`.
    #[test]
    fn every_kind_steps_without_panic(q in query(), live in prop::collection::vec((prop::sample::select(KEYS), hostile_value()), 0..4)) {
        let q = q.replace("side=", "ignored-side=") + "&side=8";
        let mut w = Widget::from_query(&q);
        assert_in_range(w.params());
        w.advance(50);
        for (k, v) in &live {
            if *k != "side" {
                w.set(k, v);
            }
            w.advance(20);
        }
        assert_in_range(w.params());
        prop_assert!(w.readouts().iter().all(|r| r.is_finite()), "{q}: {:?}", w.readouts());
        let _ = w.message();
    }
}

/// The defaults of every kind are in range and name the kind.
#[test]
fn every_kind_defaults_are_valid() {
    for kind in Kind::ALL {
        let p = Params::defaults(kind);
        assert_in_range(&p);
        assert_eq!(p.text("kind"), kind.name());
        let table = match kind.family() {
            Family::Cloud => CLOUD_SCHEMA,
            Family::Memory => MEMORY_SCHEMA,
            Family::Circuit => CIRCUIT_SCHEMA,
        };
        let keys = |t: &[hebb::params::Param]| t.iter().map(|e| e.key).collect::<Vec<_>>();
        assert_eq!(keys(p.schema()), keys(table), "{kind:?}");
    }
}
