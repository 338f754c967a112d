//! Replays the fuzz inputs kept in the repository through the fuzz targets' checks, on a
//! stable toolchain and without libFuzzer: `fuzz/seeds/<target>/*` (hand-written seeds) and
//! `fuzz/regressions/<target>/*` (inputs that once crashed or hung a target; each is named
//! after what it found). See `fuzz/README.md`.

#[path = "support/check.rs"]
mod check;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use newsfacts::Extractor;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// The same sample text as `fuzz/fuzz_targets/gazetteer.rs`.
const SAMPLE: &str = "Lt. Gen. Aruzhan Abenov, Kazakhstan's Defence Minister, met \
                      General Lars Brandt in Astana on May 3, 2024. KAZIND-24 begins.";

/// Every file under `fuzz/seeds/<target>` and `fuzz/regressions/<target>`, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs `check` on every input of `target`, naming the file when one fails.
fn replay(target: &str, check: impl Fn(&str)) -> usize {
    let files = inputs(target);
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8_lossy(&bytes);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&text)));
        if let Err(panic) = outcome {
            eprintln!("fuzz input {} fails its checks", path.display());
            std::panic::resume_unwind(panic);
        }
    }
    files.len()
}

#[test]
fn extract_inputs_replay_clean() {
    let n = replay("extract", |text| {
        let doc = check::extract_and_check(&EXTRACTOR, text);
        check::check_html(text, &doc);
    });
    assert!(n >= 10, "only {n} extract inputs found");
}

#[test]
fn gazetteer_inputs_replay_clean() {
    let n = replay("gazetteer", |text| check::check_gazetteer(text, SAMPLE));
    assert!(n >= 10, "only {n} gazetteer inputs found");
}
