//! `state export` and `state import`: read state as text, to move it between machines or from newsboat.

use std::io::{self, BufRead, Write};
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
            let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
                Box::new(io::stdin().lock())
            } else {
                let f = std::fs::File::open(file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                Box::new(io::BufReader::new(f))
            };
            let now = Utc::now().timestamp();
            let mut rows: Vec<Imported> = Vec::new();
            for (n, line) in reader.lines().enumerate() {
                let line = line.with_context(|| format!("cannot read {}", file.display()))?;
                match parse_line(&line, now) {
                    Ok(Some(row)) => rows.push(row),
                    Ok(None) => {}
                    Err(reason) => eprintln!(
                        "broadsheet: warning: {} line {}: {reason}",
                        file.display(),
                        n + 1
                    ),
                }
            }
            let refs: Vec<(ArticleId, Option<&str>, Option<i64>)> = rows
                .iter()
                .map(|(id, url, at)| (*id, url.as_deref(), *at))
                .collect();
            db.set_read(&refs)?;
            println!(
                "imported {} read {}",
                refs.len(),
                if refs.len() == 1 { "mark" } else { "marks" }
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One line of an export (`id<TAB>url<TAB>time`) or of newsboat's export (a URL).
/// A read mark to import: the story, its URL, and when it was read.
type Imported = (ArticleId, Option<String>, Option<i64>);

fn parse_line(line: &str, now: i64) -> Result<Option<Imported>, String> {
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
        let at = fields
            .next()
            .and_then(|t| DateTime::parse_from_rfc3339(t.trim()).ok())
            .map_or(now, |t| t.timestamp());
        return Ok(Some((id, url, Some(at))));
    }
    if first.starts_with("http://") || first.starts_with("https://") || first.starts_with("file://")
    {
        return Ok(Some((
            ArticleId::from_url(first),
            Some(canonical_url(first)),
            Some(now),
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
        let (got, url, at) = parse_line(&line, 5).unwrap().unwrap();
        assert_eq!(
            (got, url.as_deref(), at),
            (id, Some("https://x.test/a"), Some(1_795_168_800))
        );
        let (got, url, _) = parse_line("https://Example.com/story/1/", 5)
            .unwrap()
            .unwrap();
        assert_eq!(got, ArticleId::from_url("https://example.com/story/1"));
        assert_eq!(url.as_deref(), Some("https://example.com/story/1"));
        assert_eq!(parse_line("", 5), Ok(None));
        assert!(parse_line("nonsense", 5).is_err());
    }
}
