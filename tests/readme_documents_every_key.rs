//! The README's key tables are the embedders' reference: every key of every kind must be there.
use hebb::params::Params;
use hebb::runs::Kind;

#[test]
fn every_schema_key_has_a_readme_row() {
    let readme = include_str!("../README.md");
    for kind in Kind::ALL {
        assert!(readme.contains(&format!("`{}`", kind.name())), "README does not name kind {}", kind.name());
        let p = Params::defaults(kind);
        for e in p.schema().iter().filter(|e| p.applies(e)) {
            let row = format!("| `{}`", e.key);
            let shared = format!("`, `{}`", e.key); // rows like | `l1`, `l2` |
            let listed =
                readme.contains(&row) || readme.contains(&shared) || readme.contains(&format!("| `{}`,", e.key));
            assert!(listed, "README has no row for key `{}` of kind {}", e.key, kind.name());
        }
    }
}
