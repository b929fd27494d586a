//! docs/contract.md's key tables are the embedders' reference: every key of every kind must be there.
use hebb::params::Params;
use hebb::runs::Kind;

#[test]
fn every_schema_key_has_a_contract_row() {
    let contract = include_str!("../docs/contract.md");
    for kind in Kind::ALL {
        assert!(
            contract.contains(&format!("`{}`", kind.name())),
            "docs/contract.md does not name kind {}",
            kind.name()
        );
        let p = Params::defaults(kind);
        for e in p.schema().iter().filter(|e| p.applies(e)) {
            let row = format!("| `{}`", e.key);
            let shared = format!("`, `{}`", e.key); // rows like | `l1`, `l2` |
            let listed =
                contract.contains(&row) || contract.contains(&shared) || contract.contains(&format!("| `{}`,", e.key));
            assert!(listed, "docs/contract.md has no row for key `{}` of kind {}", e.key, kind.name());
        }
    }
}
