//! A bare word of a query: a field and its value, a filter (`is:`, `after:`, `before:`), `sort:`, or a
//! word to find (a prefix when it ends in `*`).

use chrono::NaiveDate;

use super::parser::Node;
use super::{Expr, Field, Filter, QueryError, Sort, State, Term, When};
use crate::search::tokens;

pub(super) fn field_named(name: &str, column: usize) -> Result<Field, QueryError> {
    let lower = name.to_ascii_lowercase();
    if let Some((_, f)) = Field::NAMES.iter().find(|(n, _)| *n == lower) {
        return Ok(*f);
    }
    let known: Vec<&str> = Field::NAMES
        .iter()
        .map(|(n, _)| *n)
        .chain(["is", "after", "before", "sort"])
        .collect();
    let close = known
        .iter()
        .copied()
        .filter(|k| strsim::levenshtein(k, &lower) <= 2)
        .min_by_key(|k| strsim::levenshtein(k, &lower));
    let hint = close.map_or_else(String::new, |k| format!(" (did you mean {k}:?)"));
    Err(QueryError {
        column,
        message: format!(
            "unknown field {name}:{hint}; expected one of {}:, or quote the text to search for it",
            known.join(":, ")
        ),
    })
}

/// A term from text, or `None` when the text holds no letters or digits.
pub(super) fn term(field: Option<Field>, text: &str, prefix: bool) -> Option<Expr> {
    let tokens = tokens::of(text);
    (!tokens.is_empty()).then_some(Expr::Term(Term {
        field,
        tokens,
        prefix,
    }))
}

/// A bare word: a filter, `sort:`, a field and its word, or a word (a prefix when it ends in `*`).
pub(super) fn word_node(word: &str, column: usize) -> Result<Option<Node>, QueryError> {
    if let Some((name, value)) = word.split_once(':')
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphabetic())
        && !value.is_empty()
    {
        let value_column = column + name.chars().count() + 1;
        return match name.to_ascii_lowercase().as_str() {
            "is" => Ok(Some(Node::Filter(
                column,
                Filter::Is(state(value, value_column)?),
            ))),
            "after" => Ok(Some(Node::Filter(
                column,
                Filter::After(when(value, value_column)?),
            ))),
            "before" => Ok(Some(Node::Filter(
                column,
                Filter::Before(when(value, value_column)?),
            ))),
            "sort" => Ok(Some(Node::Sort(column, sort(value, value_column)?))),
            _ => {
                let field = field_named(name, column)?;
                let (text, prefix) = strip_star(value);
                Ok(term(Some(field), text, prefix).map(Node::Expr))
            }
        };
    }
    if let Some(name) = word.strip_suffix(':')
        && Field::NAMES
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        return Err(QueryError {
            column: column + word.chars().count(),
            message: format!("expected a word or \"a phrase\" right after {word}"),
        });
    }
    if let Some(name) = word.strip_suffix(':')
        && ["is", "after", "before", "sort"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
    {
        return Err(QueryError {
            column: column + word.chars().count(),
            message: format!("expected a value right after {word}"),
        });
    }
    let (text, prefix) = strip_star(word);
    Ok(term(None, text, prefix).map(Node::Expr))
}

fn strip_star(word: &str) -> (&str, bool) {
    match word.strip_suffix('*') {
        Some(rest) if !rest.is_empty() => (rest, true),
        _ => (word, false),
    }
}

fn state(value: &str, column: usize) -> Result<State, QueryError> {
    match value.to_ascii_lowercase().as_str() {
        "unread" => Ok(State::Unread),
        "read" => Ok(State::Read),
        "starred" => Ok(State::Starred),
        _ => Err(QueryError {
            column,
            message: format!("expected unread, read or starred after is:, not {value}"),
        }),
    }
}

fn sort(value: &str, column: usize) -> Result<Sort, QueryError> {
    match value.to_ascii_lowercase().as_str() {
        "relevance" => Ok(Sort::Relevance),
        "newest" => Ok(Sort::Newest),
        "oldest" => Ok(Sort::Oldest),
        _ => Err(QueryError {
            column,
            message: format!("expected relevance, newest or oldest after sort:, not {value}"),
        }),
    }
}

fn when(value: &str, column: usize) -> Result<When, QueryError> {
    let bad = || QueryError {
        column,
        message: format!("expected a date (2026-03-01) or an age (3d, 2w, 6m, 1y), not {value}"),
    };
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(When::Date(date));
    }
    let unit = value.chars().last().ok_or_else(bad)?;
    let count: u32 = value[..value.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| bad())?;
    match unit.to_ascii_lowercase() {
        'd' => Ok(When::Days(count)),
        'w' => Ok(When::Weeks(count)),
        'm' => Ok(When::Months(count)),
        'y' => Ok(When::Years(count)),
        _ => Err(bad()),
    }
}
