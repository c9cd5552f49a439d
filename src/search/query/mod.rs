//! The query language, parsed: words (all required), phrases, `OR`, `-` to exclude, parentheses, `word*`,
//! fields (`title:`), and the filters `is:`, `after:`, `before:` and `sort:`. One grammar for the command
//! line and the reader; an error names the column and what was expected there.

mod lex;
mod parser;
mod words;

use std::fmt;

use chrono::NaiveDate;

pub use parser::parse;

/// The query language in brief, form and meaning, for the reader's help.
pub const GRAMMAR: &[(&str, &str)] = &[
    (
        "storm surge",
        "both words, anywhere in the story (case, accents, quotes ignored)",
    ),
    ("\"sea wall\"", "the phrase"),
    ("storm OR flood", "either word"),
    ("-ferry  -\"sea wall\"", "without the word or phrase"),
    ("(storm OR flood) coast", "parentheses group"),
    ("harb*", "words starting with harb"),
    (
        "title: author: section:",
        "in that field (a word or \"a phrase\")",
    ),
    (
        "source: site: body:",
        "feed title or folder, the link's site, the text",
    ),
    ("is:unread is:read is:starred", "by read state or star"),
    (
        "after:2026-03-01 before:2w",
        "by date: a day, or an age (3d, 2w, 6m, 1y)",
    ),
    (
        "sort:newest sort:oldest",
        "order (default sort:relevance: headlines first)",
    ),
];

/// Where a term must occur.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The headline.
    Title,
    /// The byline.
    Author,
    /// The section.
    Section,
    /// The feed's title, or the folder the page sits in.
    Source,
    /// The host of the story's link.
    Site,
    /// The text of the story (its standfirst and body).
    Body,
}

impl Field {
    /// Every field, with the name a query gives it.
    pub const NAMES: [(&'static str, Field); 6] = [
        ("title", Field::Title),
        ("author", Field::Author),
        ("section", Field::Section),
        ("source", Field::Source),
        ("site", Field::Site),
        ("body", Field::Body),
    ];
}

/// One word, prefix or phrase, folded into index tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The field it must occur in; `None` for anywhere.
    pub field: Option<Field>,
    /// Its tokens, in order: more than one is a phrase.
    pub tokens: Vec<String>,
    /// Whether the last token is a prefix (`word*`).
    pub prefix: bool,
}

/// The words part of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A word, prefix or phrase.
    Term(Term),
    /// All of these (an item may be a `Not`).
    And(Vec<Expr>),
    /// Any of these.
    Or(Vec<Expr>),
    /// Not this.
    Not(Box<Expr>),
}

/// A mark a story must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Not read.
    Unread,
    /// Read.
    Read,
    /// Starred.
    Starred,
}

/// A point in time for `after:` and `before:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// The start of a day.
    Date(NaiveDate),
    /// This many days ago.
    Days(u32),
    /// This many weeks ago.
    Weeks(u32),
    /// This many calendar months ago.
    Months(u32),
    /// This many years ago.
    Years(u32),
}

/// A condition on a story's marks or date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// `is:unread`, `is:read`, `is:starred`.
    Is(State),
    /// `after:`: dated at or after.
    After(When),
    /// `before:`: dated before.
    Before(When),
}

/// The order of the results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (headline matches above body matches), ties newest first.
    #[default]
    Relevance,
    /// Newest first; undated stories last.
    Newest,
    /// Oldest first; undated stories last.
    Oldest,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The words to find; `None` when the query is only filters.
    pub text: Option<Expr>,
    /// Conditions every result meets.
    pub filters: Vec<Filter>,
    /// The order of the results.
    pub sort: Sort,
}

/// A query that cannot be read: where, and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    /// The column (counting characters from 1) the problem is at.
    pub column: usize,
    /// What was expected there, for a person.
    pub message: String,
}

impl QueryError {
    /// The query with a caret under the column, for a terminal.
    #[must_use]
    pub fn pointer(&self, query: &str) -> String {
        let line: String = query
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let pad: usize = line
            .chars()
            .take(self.column.saturating_sub(1))
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        format!("  {line}\n  {}^", " ".repeat(pad))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Field::NAMES
            .iter()
            .find(|(_, field)| field == self)
            .map_or("?", |(n, _)| n);
        f.write_str(name)
    }
}

impl Query {
    /// The terms a match can show: every word, prefix and phrase not excluded, for highlighting.
    #[must_use]
    pub fn shown_terms(&self) -> Vec<&Term> {
        fn walk<'a>(expr: &'a Expr, out: &mut Vec<&'a Term>) {
            match expr {
                Expr::Term(t) => out.push(t),
                Expr::And(all) | Expr::Or(all) => all.iter().for_each(|e| walk(e, out)),
                Expr::Not(_) => {}
            }
        }
        let mut out = Vec::new();
        if let Some(e) = &self.text {
            walk(e, &mut out);
        }
        out
    }

    /// Whether the query asks for nothing at all (no words, no filters).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.text.is_none() && self.filters.is_empty()
    }
}
