//! Parsing under a guard: a panic in a parser, ours or a dependency's, becomes an error that names it
//! ("the parser crashed: …"), so one bad file is a warning and never the end of a scan or of the reader.
//!
//! Panics run the process's panic hook before they unwind to `catch_unwind`. The first guarded parse
//! installs a hook in front of the one in place that keeps quiet about panics inside a guarded parse (it
//! only notes where they happened, for the warning) and hands every other panic to the hook it replaced.
//! A hook installed later, such as the reader's hook that restores the terminal, runs before this one: it
//! must return at once when [`in_guarded_parse`] is true, or a caught parser panic would restore the
//! terminal under a reader that goes on running.
//!
//! A stack overflow aborts the process and cannot be caught: the loaders bound nesting depth before any
//! parser runs (see `bounds`) and walk trees without recursion for that.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::LoadError;

/// A crash message is cut to this many characters: a warning is one line, and dependencies' panic
/// messages quote the input they choked on, which can be long.
const MAX_MESSAGE_CHARS: usize = 200;

thread_local! {
    /// Whether this thread is inside a guarded parse.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last guarded panic on this thread happened, noted by the hook.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

/// Whether the current thread is inside a guarded parse, where a panic is caught and becomes a warning.
/// A panic hook must then do nothing visible: no message, no terminal restore.
#[must_use]
pub fn in_guarded_parse() -> bool {
    GUARDED.with(Cell::get)
}

/// Installs, once per process, the hook that keeps quiet about panics inside guarded parses. Called by the
/// first guarded parse; a program that installs its own hook later must check [`in_guarded_parse`] in it.
pub fn install_hook() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if in_guarded_parse() {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", short_path(l.file()), l.line()));
                LOCATION.with(|slot| *slot.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// A source path without the registry's folders: `quick-xml-0.42.0/src/encoding.rs`.
fn short_path(file: &str) -> &str {
    match file.find("/registry/src/") {
        Some(i) => {
            let index = &file[i + "/registry/src/".len()..];
            index.find('/').map_or(index, |j| &index[j + 1..])
        }
        None => file,
    }
}

/// Sets the flag for the life of a guarded parse, and puts back what it was (guards may nest).
struct Flag(bool);

impl Flag {
    fn raise() -> Self {
        Self(GUARDED.with(|g| g.replace(true)))
    }
}

impl Drop for Flag {
    fn drop(&mut self) {
        GUARDED.with(|g| g.set(self.0));
    }
}

/// The text of a panic's payload, on one line.
fn message(payload: &(dyn Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > MAX_MESSAGE_CHARS {
        let cut: String = one_line.chars().take(MAX_MESSAGE_CHARS).collect();
        format!("{cut}\u{2026}")
    } else {
        one_line
    }
}

/// Runs `parse`; a panic inside it becomes [`LoadError::Crashed`] with its message and where it happened.
///
/// # Errors
/// Whatever `parse` returns, and [`LoadError::Crashed`] when it panics.
pub fn guarded<T>(parse: impl FnOnce() -> Result<T, LoadError>) -> Result<T, LoadError> {
    install_hook();
    let result = {
        let _flag = Flag::raise();
        // Nothing `parse` touches outlives it: a panic leaves no shared state half-changed behind.
        panic::catch_unwind(AssertUnwindSafe(parse))
    };
    result.unwrap_or_else(|payload| {
        let mut reason = message(payload.as_ref());
        if let Some(at) = LOCATION.with(|slot| slot.borrow_mut().take()) {
            reason = format!("{reason} (at {at})");
        }
        Err(LoadError::Crashed(reason))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_it() {
        let err = guarded::<()>(|| panic!("byte index 9 is not a char boundary")).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("the parser crashed: byte index 9 is not a char boundary (at "),
            "{text}"
        );
        assert!(text.contains("src/loader/guard.rs:"), "{text}");
        assert!(!in_guarded_parse());
        let long = guarded::<()>(|| panic!("{}", "x\n".repeat(500))).unwrap_err();
        assert!(long.to_string().chars().count() < MAX_MESSAGE_CHARS + 80);
        assert!(matches!(guarded(|| Ok(7)), Ok(7)));
    }

    #[test]
    fn the_flag_is_up_only_inside() {
        assert!(!in_guarded_parse());
        assert!(guarded(|| Ok(in_guarded_parse())).unwrap());
        assert!(!in_guarded_parse());
    }

    #[test]
    fn registry_paths_are_shortened() {
        assert_eq!(
            short_path(
                "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/quick-xml-0.42.0/src/encoding.rs"
            ),
            "quick-xml-0.42.0/src/encoding.rs"
        );
        assert_eq!(short_path("src/loader/html.rs"), "src/loader/html.rs");
    }
}
