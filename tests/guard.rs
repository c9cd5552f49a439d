//! A panic inside a guarded parse is an error and prints nothing; every other panic still reaches the
//! hook that was in place. Run in a child process, since panic hooks and stderr are the process's own.

use std::process::Command;

use broadsheet::loader::LoadError;
use broadsheet::loader::guard::{guarded, in_guarded_parse};

/// Set in the child: which part of the test it runs.
const CHILD: &str = "BROADSHEET_GUARD_TEST_CHILD";

#[test]
fn a_caught_parser_panic_prints_nothing_and_others_still_report() {
    if std::env::var_os(CHILD).is_some() {
        // A hook installed before the first guarded parse, like a program's own: it still sees the
        // panics outside parses, and none inside.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            assert!(!in_guarded_parse());
            eprintln!("outer hook ran");
            previous(info);
        }));
        let caught = guarded::<()>(|| panic!("dependency blew up")).unwrap_err();
        assert!(matches!(caught, LoadError::Crashed(_)));
        println!("{caught}");
        // A thread of its own, so the panic outside a parse reaches the hooks and the test goes on.
        let outside = std::thread::spawn(|| panic!("a bug outside any parse")).join();
        assert!(outside.is_err());
        return;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_caught_parser_panic_prints_nothing_and_others_still_report",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("the parser crashed: dependency blew up (at tests/guard.rs:"),
        "{stdout}"
    );
    assert!(!stderr.contains("dependency blew up"), "{stderr}");
    // Only the panic outside a parse prints a backtrace.
    assert_eq!(stderr.matches("stack backtrace").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("outer hook ran").count(), 1, "{stderr}");
    assert!(stderr.contains("a bug outside any parse"), "{stderr}");
}
