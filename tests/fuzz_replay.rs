//! Replays every saved fuzzing finding, `fuzz/regressions/<target>/<input>`, through the function its fuzz
//! target runs (`fuzz/src/lib.rs`, included here as a module), so each finding stays fixed in CI without
//! building the fuzzers. With no findings saved, it checks only that the folder names real targets.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
mod targets;

/// A saved finding is minimised (`cargo fuzz tmin`) before it is kept: one past this size was not, and
/// would slow the suite. The largest bound a finding may have to cross (512 nested elements) fits well
/// inside.
const MAX_FINDING_BYTES: u64 = 16 * 1024;

/// What a fuzz target runs on one input; it panics on a finding.
type Check = fn(&[u8]);

/// Each fuzz target's name (its folder under `fuzz/regressions/`) and the check it runs.
const TARGETS: [(&str, Check); 8] = [
    ("load_scraped", targets::load_scraped),
    ("load_html", targets::load_html),
    ("load_feed", targets::load_feed),
    ("load_markdown", targets::load_markdown),
    ("detect", targets::detect),
    ("decode", targets::decode),
    ("reflow", targets::reflow),
    ("config", targets::config),
];

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

/// The files in `dir`, sorted; none when it does not exist.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("a readable folder entry").path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_saved_finding_stays_fixed() {
    let mut failed = Vec::new();
    for (target, check) in TARGETS {
        for input in files_in(&regressions().join(target)) {
            let bytes = fs::read(&input).expect("a readable finding");
            if panic::catch_unwind(AssertUnwindSafe(|| check(&bytes))).is_err() {
                failed.push(input.display().to_string());
            }
        }
    }
    assert!(failed.is_empty(), "findings that fail again: {failed:#?}");
}

#[test]
fn findings_are_filed_under_real_targets_and_minimised() {
    let Ok(entries) = fs::read_dir(regressions()) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        assert!(
            TARGETS.iter().any(|(target, _)| *target == name),
            "{} is not a fuzz target's folder",
            path.display()
        );
        for input in files_in(&path) {
            let size = fs::metadata(&input).expect("a readable finding").len();
            assert!(
                size <= MAX_FINDING_BYTES,
                "{} is {size} bytes: minimise it with `cargo fuzz tmin`",
                input.display()
            );
        }
    }
}
