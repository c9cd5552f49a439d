//! `state export` and `state import`: read state as text, to move it between machines or from newsboat.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{DateTime, TimeZone, Utc};

use super::finish_output;
use super::library::{open_db, open_db_to_write};
use crate::cli::StateAction;
use crate::model::{ArticleId, canonical_url};

/// Runs `state export` or `state import`.
///
/// # Errors
/// When the database or the file cannot be read or written.
pub fn run(action: &StateAction, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    match action {
        StateAction::Export => {
            let db = open_db(data_dir)?.db;
            // Marks with unreadable ids were named when the database was opened.
            let (records, _) = db.read_records()?;
            let mut out = io::BufWriter::new(io::stdout().lock());
            let written = records.iter().try_for_each(|r| {
                let when = Utc
                    .timestamp_opt(r.read_at, 0)
                    .single()
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default();
                let url = escape_url(r.url.as_deref().unwrap_or(""));
                writeln!(out, "{}\t{url}\t{when}", r.id)
            });
            finish_output(written.and_then(|()| out.flush()))
        }
        StateAction::Import { file } => {
            let mut db = open_db_to_write(data_dir)?;
            let bytes = if file.as_os_str() == "-" {
                let mut b = Vec::new();
                io::stdin()
                    .lock()
                    .read_to_end(&mut b)
                    .context("cannot read standard input")?;
                b
            } else {
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?
            };
            let now = Utc::now().timestamp();
            let mut rows: Vec<Imported> = Vec::new();
            let warn = |n: usize, reason: &str| {
                eprintln!("broadsheet: warning: {} line {n}: {reason}", file.display());
            };
            for (n, raw) in bytes.split(|&b| b == b'\n').enumerate() {
                let Ok(line) = std::str::from_utf8(raw) else {
                    warn(n + 1, "not valid UTF-8; skipped");
                    continue;
                };
                match parse_line(line, now) {
                    Ok(Some((row, note))) => {
                        if let Some(note) = note {
                            warn(n + 1, &note);
                        }
                        rows.push(row);
                    }
                    Ok(None) => {}
                    Err(reason) => warn(n + 1, &reason),
                }
            }
            let known = db.indexed_ids()?;
            let unmatched = rows.iter().filter(|(id, _, _)| !known.contains(id)).count();
            let refs: Vec<(ArticleId, Option<&str>, Option<i64>)> = rows
                .iter()
                .map(|(id, url, at)| (*id, url.as_deref(), *at))
                .collect();
            db.set_read(&refs)?;
            let marks = if refs.len() == 1 { "mark" } else { "marks" };
            if unmatched > 0 {
                println!(
                    "imported {} read {marks}; {unmatched} of them match no story in the index yet",
                    refs.len()
                );
            } else {
                println!("imported {} read {marks}", refs.len());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A read mark to import: the story, its URL, and when it was read.
type Imported = (ArticleId, Option<String>, Option<i64>);

/// One line of an export (`id<TAB>url<TAB>time`) or of newsboat's export (a URL), with a note when part of it
/// had to be guessed (a time that does not parse is taken as now).
fn parse_line(line: &str, now: i64) -> Result<Option<(Imported, Option<String>)>, String> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let mut fields = line.split('\t');
    let first = fields.next().unwrap_or("").trim();
    if let Some(id) = ArticleId::parse(first) {
        let url = fields
            .next()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(unescape_url);
        let (at, note) = match fields.next().map(str::trim).filter(|t| !t.is_empty()) {
            None => (now, None),
            Some(t) => match DateTime::parse_from_rfc3339(t) {
                Ok(d) => (d.timestamp(), None),
                Err(_) => (now, Some(format!("bad read time {t:?}; read now"))),
            },
        };
        return Ok(Some(((id, url, Some(at)), note)));
    }
    if first.starts_with("http://") || first.starts_with("https://") || first.starts_with("file://")
    {
        return Ok(Some((
            (
                ArticleId::from_url(first),
                Some(canonical_url(first)),
                Some(now),
            ),
            None,
        )));
    }
    Err(format!("not a story id or a URL: {first:?}"))
}

/// A URL as the export writes it: control characters (tab and line breaks, which would break the line
/// into fields, ESC and the rest, which a terminal would obey) percent-encoded, as a URL carries them.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_control() {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A URL read back from an export: the control characters [`escape_url`] encoded are decoded; any other
/// percent sign is left as it is.
fn unescape_url(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some((c, len)) = escaped_control(rest) {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('%');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The control character `s` starts with, percent-encoded (`%09`, or `%C2%85` for a C1 control), and the
/// length of its encoding.
fn escaped_control(s: &str) -> Option<(char, usize)> {
    let byte = |i: usize| -> Option<u8> {
        let hex = s.get(i + 1..i + 3)?;
        if s.as_bytes().get(i) != Some(&b'%') || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u8::from_str_radix(hex, 16).ok()
    };
    let first = byte(0)?;
    if first < 0x80 {
        let c = char::from(first);
        return c.is_control().then_some((c, 3));
    }
    let pair = [first, byte(3)?];
    let c = std::str::from_utf8(&pair).ok()?.chars().next()?;
    c.is_control().then_some((c, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_lines_and_newsboat_urls_are_read() {
        let id = ArticleId(0xabc);
        let line = format!("{id}\thttps://x.test/a\t2026-11-20T10:00:00+00:00");
        let ((got, url, at), note) = parse_line(&line, 5).unwrap().unwrap();
        assert_eq!(
            (got, url.as_deref(), at, note),
            (id, Some("https://x.test/a"), Some(1_795_168_800), None)
        );
        let ((got, url, _), _) = parse_line("https://Example.com/story/1/", 5)
            .unwrap()
            .unwrap();
        assert_eq!(got, ArticleId::from_url("https://example.com/story/1"));
        assert_eq!(url.as_deref(), Some("https://example.com/story/1"));
        let ((_, _, at), note) = parse_line(&format!("{id}\t\tyesterday"), 5)
            .unwrap()
            .unwrap();
        assert_eq!(at, Some(5));
        assert!(note.unwrap().contains("bad read time"));
        assert_eq!(parse_line("", 5), Ok(None));
        assert!(parse_line("nonsense", 5).is_err());
    }

    #[test]
    fn urls_with_tabs_line_breaks_and_escapes_survive_the_export() {
        for url in [
            "https://x.test/a\tb",
            "https://x.test/a\nb\r\n",
            "https://x.test/\u{1b}]0;title\u{7}",
            "https://x.test/\u{85}next-line",
            "https://x.test/already%09encoded%20and%zz%",
            "https://x.test/caf\u{e9}/%C3%A9",
        ] {
            let escaped = escape_url(url);
            assert!(
                !escaped.chars().any(char::is_control),
                "{escaped:?} holds a control character"
            );
            let line = format!("{}\t{escaped}\t2026-11-20T10:00:00+00:00", ArticleId(1));
            assert_eq!(line.split('\t').count(), 3);
            let ((_, read, _), _) = parse_line(&line, 0).unwrap().unwrap();
            let read = read.unwrap();
            assert_eq!(
                escape_url(&read),
                escaped,
                "export, import, export: {url:?}"
            );
            if !url.contains('%') {
                assert_eq!(read, url, "{url:?}");
            }
        }
    }
}
