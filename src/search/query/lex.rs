//! Cutting a query into items (words, phrases, parentheses, OR, AND, `-`), each with the column it starts at.

use super::QueryError;

/// One lexical item of a query, with the column it starts at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Item {
    Open,
    Close,
    Or,
    And,
    /// `-` in front of the next item.
    Minus,
    /// A quoted phrase; whether `*` follows it.
    Phrase(String, bool),
    /// A bare word (it may hold `field:`).
    Word(String),
    /// `field:"a phrase"`, and whether `*` follows it.
    FieldPhrase(String, String, bool),
}

/// Splits a query into items, with their columns.
pub(super) fn lex(query: &str) -> Result<Vec<(usize, Item)>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    let quoted = |i: usize, opened: usize| -> Result<(String, usize), QueryError> {
        // `i` is just past the opening quote.
        let mut j = i;
        while j < chars.len() && chars[j] != '"' {
            j += 1;
        }
        if j == chars.len() {
            return Err(QueryError {
                column: chars.len() + 1,
                message: format!("expected a closing \" for the phrase opened at column {opened}"),
            });
        }
        Ok((chars[i..j].iter().collect(), j + 1))
    };
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                items.push((column, Item::Open));
                i += 1;
            }
            ')' => {
                items.push((column, Item::Close));
                i += 1;
            }
            '"' => {
                let (text, next) = quoted(i + 1, column)?;
                let star = chars.get(next) == Some(&'*');
                items.push((column, Item::Phrase(text, star)));
                i = next + usize::from(star);
            }
            '-' if chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != ')') =>
            {
                items.push((column, Item::Minus));
                i += 1;
            }
            _ => {
                let mut j = i;
                while j < chars.len()
                    && !chars[j].is_whitespace()
                    && !matches!(chars[j], '(' | ')' | '"')
                {
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect();
                if word.ends_with(':') && chars.get(j) == Some(&'"') {
                    let (text, next) = quoted(j + 1, j + 1)?;
                    let star = chars.get(next) == Some(&'*');
                    let name = word.trim_end_matches(':').to_owned();
                    items.push((column, Item::FieldPhrase(name, text, star)));
                    i = next + usize::from(star);
                    continue;
                }
                items.push((
                    column,
                    match word.as_str() {
                        "OR" => Item::Or,
                        "AND" => Item::And,
                        _ => Item::Word(word),
                    },
                ));
                i = j;
            }
        }
    }
    Ok(items)
}
