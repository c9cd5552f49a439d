//! `state export` and `state import`: read state as text, to move it between machines or from newsboat.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{DateTime, TimeZone, Utc};

use super::finish_output;
use super::library::open_db;
use crate::cli::StateAction;
use crate::model::{ArticleId, canonical_url};

/// Runs `state export` or `state import`.
///
/// # Errors
/// When the database or the file cannot be read or written.
pub fn run(action: &StateAction, data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut db = open_db(data_dir)?.db;
    match action {
        StateAction::Export => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let records = db.read_records()?;
            let written = records.iter().try_for_each(|r| {
                let when = Utc
                    .timestamp_opt(r.read_at, 0)
                    .single()
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default();
                writeln!(out, "{}\t{}\t{when}", r.id, r.url.as_deref().unwrap_or(""))
            });
            finish_output(written.and_then(|()| out.flush()))
        }
        StateAction::Import { file } => {
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
            .map(str::to_owned);
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
}
