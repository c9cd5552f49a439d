//! Piping a story to a command the user names: the story's text on its standard input, its metadata in
//! `BROADSHEET_*` variables, run by `sh -c` as a shell line would be.

use std::io::Write as _;
use std::process::{Command, ExitStatus, Stdio};

use crate::model::Article;

/// The variables a piped command gets, from `a`'s metadata (empty when unknown), each on one line.
#[must_use]
pub fn environment(a: &Article) -> Vec<(&'static str, String)> {
    let h = &a.head;
    let one = |s: Option<&str>| crate::text::clean::one_line(s.unwrap_or(""));
    vec![
        ("BROADSHEET_ID", h.id.to_string()),
        ("BROADSHEET_TITLE", one(Some(&h.title))),
        ("BROADSHEET_URL", one(h.url.as_deref())),
        ("BROADSHEET_SOURCE", one(h.source.as_deref())),
        ("BROADSHEET_SECTION", one(h.section.as_deref())),
        ("BROADSHEET_AUTHOR", one(h.byline.as_deref())),
        (
            "BROADSHEET_DATE",
            h.published.map(|d| d.to_rfc3339()).unwrap_or_default(),
        ),
        ("BROADSHEET_PATH", h.path.display().to_string()),
    ]
}

/// Runs `command` with `sh -c`, `input` on its standard input and `a`'s variables in its environment;
/// its output goes where the reader's would (the terminal, handed over).
///
/// # Errors
/// When the shell cannot be started or waited for.
pub fn pipe(command: &str, input: &str, a: &Article) -> std::io::Result<ExitStatus> {
    // Ctrl-Z would stop the command while the reader waits for it, and nobody could resume it: the shell
    // ignores SIGTSTP, and what it runs inherits that.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' TSTP\n{command}"))
        .envs(environment(a))
        .stdin(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // Written on a thread: a command that reads only part (`head`) must not block the writer, and
        // one that stops reading (a pipe closed early) is not an error.
        let text = input.to_owned();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        });
        let status = child.wait();
        let _ = writer.join();
        return status;
    }
    child.wait()
}
