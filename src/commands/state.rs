//! `state export` and `state import`: read state as text, to move it between machines or from newsboat.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{DateTime, TimeZone, Utc};

use super::finish_output;
use super::library::{open_db, open_db_to_write};
use crate::cli::{ExportFormat, StateAction};
use crate::model::{ArticleId, canonical_url};
use crate::store::marks::{Mark, StoredMark};

/// Runs `state export` or `state import`.
///
/// # Errors
/// When the database or the file cannot be read or written.
pub fn run(action: &StateAction, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    match action {
        StateAction::Export { format } => {
            let db = open_db(data_dir)?.db;
            let mut out = io::BufWriter::new(io::stdout().lock());
            let written = match format {
                ExportFormat::Jsonl => db
                    .stored_marks()
                    .iter()
                    .filter(|m| m.mark != Mark::default())
                    .try_for_each(|m| writeln!(out, "{}", json_line(m))),
                ExportFormat::Tsv => {
                    // Marks with unreadable ids were named when the database was opened.
                    let (records, _) = db.read_records()?;
                    records.iter().try_for_each(|r| {
                        let url = escape_url(r.url.as_deref().unwrap_or(""));
                        writeln!(out, "{}\t{url}\t{}", r.id, rfc3339(r.read_at))
                    })
                }
            };
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
            let mut whole: Vec<StoredMark> = Vec::new();
            let warn = |n: usize, reason: &str| {
                eprintln!("broadsheet: warning: {} line {n}: {reason}", file.display());
            };
            for (n, raw) in bytes.split(|&b| b == b'\n').enumerate() {
                let Ok(line) = std::str::from_utf8(raw) else {
                    warn(n + 1, "not valid UTF-8; skipped");
                    continue;
                };
                if line.trim_start().starts_with('{') {
                    match from_json_line(line) {
                        Ok(m) => whole.push(m),
                        Err(reason) => warn(n + 1, &reason),
                    }
                    continue;
                }
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
            let unmatched = rows.iter().filter(|(id, _, _)| !known.contains(id)).count()
                + whole.iter().filter(|m| !known.contains(&m.id)).count();
            db.restore_marks(&whole)?;
            let refs: Vec<(ArticleId, Option<&str>, Option<i64>)> = rows
                .iter()
                .map(|(id, url, at)| (*id, url.as_deref(), *at))
                .collect();
            db.set_read(&refs)?;
            let count = refs.len() + whole.len();
            let marks = if count == 1 { "mark" } else { "marks" };
            let kind = if whole.is_empty() { "read " } else { "" };
            let count = crate::text::thousands(count);
            if unmatched > 0 {
                println!(
                    "imported {count} {kind}{marks}; {} of them match no story in the index yet",
                    crate::text::thousands(unmatched)
                );
            } else {
                println!("imported {count} {kind}{marks}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A time as the exports write it (RFC 3339, UTC).
fn rfc3339(at: i64) -> String {
    Utc.timestamp_opt(at, 0)
        .single()
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// One mark as a line of the JSON Lines export.
fn json_line(m: &StoredMark) -> String {
    serde_json::json!({
        "id": m.id.to_string(),
        "url": m.url,
        "read_at": m.mark.read_at.map(rfc3339),
        "starred": m.mark.starred,
        "position": m.mark.position,
    })
    .to_string()
}

/// A line of the JSON Lines export read back.
fn from_json_line(line: &str) -> Result<StoredMark, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Line {
        id: String,
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        read_at: Option<String>,
        #[serde(default)]
        starred: bool,
        #[serde(default)]
        position: u32,
    }
    let l: Line = serde_json::from_str(line).map_err(|e| format!("not an export line: {e}"))?;
    let id = ArticleId::parse(&l.id).ok_or_else(|| format!("not a story id: {:?}", l.id))?;
    let read_at = match l.read_at {
        None => None,
        Some(t) => Some(
            DateTime::parse_from_rfc3339(&t)
                .map_err(|_| format!("bad read time {t:?}"))?
                .timestamp(),
        ),
    };
    Ok(StoredMark {
        id,
        url: l.url,
        mark: Mark {
            read_at,
            starred: l.starred,
            position: l.position,
        },
    })
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
