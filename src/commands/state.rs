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
        StateAction::Export { format } => export(*format, data_dir),
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
            let mut newsboat: Vec<String> = Vec::new();
            let mut whole: Vec<StoredMark> = Vec::new();
            let warn = |n: usize, reason: &str| {
                eprintln!("broadsheet: warning: {} line {n}: {reason}", file.display());
            };
            let from_newsboat_only = is_newsboat_export(&bytes);
            for (n, raw) in bytes.split(|&b| b == b'\n').enumerate() {
                let Ok(line) = std::str::from_utf8(raw) else {
                    warn(n + 1, "not valid UTF-8; skipped");
                    continue;
                };
                // newsboat's lines are names, whatever they look like (`{…}`, `#…`, 32 hex digits).
                if from_newsboat_only {
                    let name = line.trim_end_matches('\r');
                    if !name.trim().is_empty() {
                        newsboat.push(name.to_owned());
                    }
                    continue;
                }
                if line.trim_start().starts_with('{') {
                    match from_json_line(line) {
                        Ok(m) => whole.push(m),
                        Err(reason) => warn(n + 1, &reason),
                    }
                    continue;
                }
                match parse_line(line, now) {
                    Line::Record(row, note) => {
                        if let Some(note) = note {
                            warn(n + 1, &note);
                        }
                        rows.push(row);
                    }
                    Line::Newsboat(name) => newsboat.push(name),
                    Line::Blank => {}
                }
            }
            let (matched, unnamed) = from_newsboat(&db, &newsboat, now)?;
            rows.extend(matched);
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
            if unnamed > 0 {
                // One line for all of them: an export from a long-used newsboat names thousands of items
                // no folder read here holds.
                eprintln!(
                    "broadsheet: {} lines of {} name no story in the index (GUIDs of items not indexed); skipped",
                    crate::text::thousands(unnamed),
                    file.display()
                );
            }
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

/// `state export`: the marks in `format` on standard output.
fn export(format: ExportFormat, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let db = open_db(data_dir)?.db;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match format {
        ExportFormat::Jsonl => db
            .stored_marks()
            .iter()
            .filter(|m| m.mark != Mark::default())
            .try_for_each(|m| writeln!(out, "{}", json_line(m))),
        ExportFormat::Newsboat => db
            .read_guids()?
            .iter()
            // newsboat reads one name per line, and a name is printed as it is: one with a line
            // break could not be matched, and one with a control character could drive the
            // terminal.
            .filter(|g| !g.chars().any(char::is_control))
            .try_for_each(|g| writeln!(out, "{g}")),
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

/// A line of an import.
enum Line {
    /// A mark, with a note when part of it had to be guessed.
    Record(Imported, Option<String>),
    /// Anything else: what newsboat's `-E` export names an item by (its GUID; its link and date, or its
    /// link, when the feed gave no GUID), matched against the index.
    Newsboat(String),
    /// Blank, or a comment.
    Blank,
}

/// One line of an export (`id<TAB>url<TAB>time`), or of newsboat's export. A time that does not parse is
/// taken as now, with a note.
fn parse_line(line: &str, now: i64) -> Line {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() || line.starts_with('#') {
        return Line::Blank;
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
        return Line::Record((id, url, Some(at)), note);
    }
    Line::Newsboat(line.to_owned())
}

/// Whether an import file is newsboat's `-E` export: one name per line, so no tab (both of our text
/// exports have them) and no JSON object on its first line.
fn is_newsboat_export(bytes: &[u8]) -> bool {
    let first = bytes
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|l| !l.is_empty());
    !bytes.contains(&b'\t') && first.is_some_and(|l| !l.starts_with(b"{\""))
}

/// The stories newsboat's export names, read now, and how many lines named none. A line is matched as a
/// GUID first; then as a link followed by a date (newsboat's GUID for an item whose feed gives none), or a
/// link alone; a URL that names no indexed story is kept as a mark by URL, for when it is indexed.
fn from_newsboat(
    db: &crate::store::db::Db,
    lines: &[String],
    now: i64,
) -> anyhow::Result<(Vec<Imported>, usize)> {
    if lines.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let by_guid = db.stories_by_guid()?;
    let by_url = db.stories_by_url()?;
    let mut out = Vec::new();
    let mut unnamed = 0;
    for line in lines {
        let name = line.trim();
        // newsboat marks every item with the GUID: so are all the stories that have it.
        if let Some(stories) = by_guid.get(name) {
            out.extend(
                stories
                    .iter()
                    .map(|(id, url)| (*id, url.clone(), Some(now))),
            );
            continue;
        }
        match link_and_date(name, &by_url) {
            Some((id, url)) => out.push((*id, url.clone(), Some(now))),
            None if name.starts_with("http://") || name.starts_with("https://") => {
                out.push((
                    ArticleId::from_url(name),
                    Some(canonical_url(name)),
                    Some(now),
                ));
            }
            // A list of our own ids, one per line, reads as before.
            None => match ArticleId::parse(name) {
                Some(id) => out.push((id, None, Some(now))),
                None => unnamed += 1,
            },
        }
    }
    Ok((out, unnamed))
}

/// The story whose URL `name` starts with, when the rest is empty or a date (newsboat writes the feed's
/// date string right after the link).
fn link_and_date<'a>(
    name: &str,
    by_url: &'a std::collections::HashMap<String, crate::store::guids::Named>,
) -> Option<&'a crate::store::guids::Named> {
    name.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(name.len()))
        .rev()
        .filter(|&i| i > 0)
        .find_map(|i| {
            let story = by_url.get(&name[..i])?;
            let rest = name[i..].trim();
            (rest.is_empty() || looks_like_a_date(rest)).then_some(story)
        })
}

/// Whether `s` is a date as feeds write them (RFC 2822, RFC 3339, or a day `2023-07-31`).
fn looks_like_a_date(s: &str) -> bool {
    DateTime::parse_from_rfc2822(s).is_ok()
        || DateTime::parse_from_rfc3339(s).is_ok()
        || chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || crate::loader::dateline::parse_date(s).is_some()
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

    fn record(line: &str, now: i64) -> (Imported, Option<String>) {
        match parse_line(line, now) {
            Line::Record(row, note) => (row, note),
            _ => panic!("not a record: {line:?}"),
        }
    }

    #[test]
    fn export_lines_are_records_and_the_rest_is_newsboats() {
        let id = ArticleId(0xabc);
        let line = format!("{id}\thttps://x.test/a\t2026-11-20T10:00:00+00:00");
        let ((got, url, at), note) = record(&line, 5);
        assert_eq!(
            (got, url.as_deref(), at, note),
            (id, Some("https://x.test/a"), Some(1_795_168_800), None)
        );
        let ((_, _, at), note) = record(&format!("{id}\t\tyesterday"), 5);
        assert_eq!(at, Some(5));
        assert!(note.unwrap().contains("bad read time"));
        assert!(matches!(parse_line("", 5), Line::Blank));
        assert!(matches!(parse_line("# a comment", 5), Line::Blank));
        for newsboat in [
            "https://Example.com/story/1/",
            "story-99",
            "tag:x.test,2026:1",
        ] {
            assert!(matches!(parse_line(newsboat, 5), Line::Newsboat(n) if n == newsboat));
        }
    }

    #[test]
    fn a_link_followed_by_a_date_names_the_story_at_that_link() {
        let story: crate::store::guids::Named = (ArticleId(7), Some("https://x.test/a".into()));
        let by_url = std::collections::HashMap::from([("https://x.test/a".to_owned(), story)]);
        for name in [
            "https://x.test/a",
            "https://x.test/aTue, 24 Nov 2026 08:00:00 GMT",
            "https://x.test/a2023-07-31",
            "https://x.test/a2026-11-24T08:00:00+01:00",
        ] {
            assert_eq!(
                link_and_date(name, &by_url).map(|s| s.0),
                Some(ArticleId(7)),
                "{name}"
            );
        }
        assert!(link_and_date("https://x.test/abc", &by_url).is_none());
        assert!(link_and_date("https://x.test/", &by_url).is_none());
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
            let ((_, read, _), _) = record(&line, 0);
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
