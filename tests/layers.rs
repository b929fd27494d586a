//! The science stands alone: no file under src/science/ reaches up into the runs, the parameter
//! contract, the widget or the web layer, so the maths can be read, tested and reused without them.
use std::path::Path;

const ABOVE: [&str; 4] = ["crate::runs", "crate::params", "crate::widget", "crate::wasm"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn science_uses_nothing_above_it() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/science"), &mut files);
    assert!(files.len() >= 9, "only {} files under src/science", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for layer in ABOVE.iter().filter(|l| line.contains(*l)) {
                found.push(format!("{}:{}: {layer}", file.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "science must not use the layers above it:\n{}", found.join("\n"));
}
