//! Configuration errors that help: the file, the line and column, the key or value, and the nearest valid
//! key when a name is misspelt.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::suggest::nearest;

/// What is wrong with a configuration file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: usize,
    /// 1-based column, when known.
    pub column: usize,
    /// What is wrong ("unknown key `sidebar_widht`").
    pub problem: String,
    /// The valid name nearest to a misspelt one.
    pub suggestion: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{} at line {}, column {} of {}",
                self.problem,
                self.line,
                self.column,
                self.file.display()
            )?;
        } else {
            write!(f, "{} in {}", self.problem, self.file.display())?;
        }
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and column of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl ConfigError {
    /// An error about the text at `span` of `source` (the file's contents).
    #[must_use]
    pub fn at(file: &Path, source: &str, span: Option<Range<usize>>, problem: String) -> Self {
        let (line, column) = span.map_or((0, 0), |s| position(source, s.start));
        Self {
            file: file.to_path_buf(),
            line,
            column,
            problem,
            suggestion: None,
        }
    }

    /// Adds the nearest of `candidates` to `wrong` as a suggestion.
    #[must_use]
    pub fn suggest<'a>(
        mut self,
        wrong: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        self.suggestion = nearest(wrong, candidates).map(str::to_owned);
        self
    }

    /// A TOML or serde error, reworded: unknown keys get a suggestion, type errors name their key.
    #[must_use]
    pub fn from_toml(file: &Path, source: &str, e: &toml::de::Error) -> Self {
        let message = e.message().trim();
        let span = e.span();
        // serde: "unknown field `x`, expected one of `a`, `b`" (or "expected `a`").
        if let Some(rest) = message.strip_prefix("unknown field `")
            && let Some((wrong, expected)) = rest.split_once('`')
        {
            let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            return Self::at(file, source, span, format!("unknown key `{wrong}`"))
                .suggest(wrong, candidates);
        }
        let key = span.as_ref().and_then(|s| key_before(source, s.start));
        let problem = match key {
            Some(k)
                if message.starts_with("invalid type") || message.starts_with("invalid value") =>
            {
                format!("wrong type for `{k}`: {}", reword(message))
            }
            Some(k) => format!("`{k}`: {message}"),
            None => message.to_owned(),
        };
        Self::at(file, source, span, problem)
    }
}

/// serde's "invalid type: string \"x\", expected u16" in plainer words.
fn reword(message: &str) -> String {
    message
        .replace("invalid type: ", "found ")
        .replace("invalid value: ", "found ")
        .replace("expected u16", "expected a whole number")
        .replace("expected u8", "expected a whole number from 0 to 255")
        .replace("expected a boolean", "expected true or false")
}

/// The key on the line where a value at `offset` stands (`width = "wide"` gives `width`).
fn key_before(source: &str, offset: usize) -> Option<String> {
    let offset = source.floor_char_boundary(offset.min(source.len()));
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &source[line_start..offset];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty()).then(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let text = "a = 1\n[b]\n  c = 2\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, text.find('c').unwrap()), (3, 3));
    }

    #[test]
    fn messages_read_well() {
        let e = ConfigError::at(
            Path::new("/x/config.toml"),
            "a\nsidebar_widht = 3",
            Some(2..15),
            "unknown key `sidebar_widht`".into(),
        )
        .suggest("sidebar_widht", ["sidebar_width", "list_width"]);
        assert_eq!(
            e.to_string(),
            "unknown key `sidebar_widht` at line 2, column 1 of /x/config.toml; did you mean `sidebar_width`?"
        );
    }
}
