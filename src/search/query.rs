//! The query language, parsed: words (all required), phrases, `OR`, `-` to exclude, parentheses, `word*`,
//! fields (`title:`), and the filters `is:`, `after:`, `before:` and `sort:`. One grammar for the command
//! line and the reader; an error names the column and what was expected there.

use std::fmt;

use chrono::NaiveDate;

use super::tokens;

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

/// One lexical item of a query, with the column it starts at.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
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
fn lex(query: &str) -> Result<Vec<(usize, Item)>, QueryError> {
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

/// A filter or sort found in the expression, kept with its column until it is checked to stand at the top.
#[derive(Clone, Debug)]
enum Node {
    Expr(Expr),
    Filter(usize, Filter),
    Sort(usize, Sort),
}

/// The items between ORs, with the column the group starts at.
type Group = (usize, Vec<Node>);

/// The parser's position in the items.
struct Parser {
    items: Vec<(usize, Item)>,
    at: usize,
    /// The column just past the query, for errors at its end.
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Item> {
        self.items.get(self.at).map(|(_, item)| item)
    }

    fn column(&self) -> usize {
        self.items.get(self.at).map_or(self.end, |(c, _)| *c)
    }

    fn fail<T>(&self, message: impl Into<String>) -> Result<T, QueryError> {
        Err(QueryError {
            column: self.column(),
            message: message.into(),
        })
    }

    /// `and ( OR and )*`
    fn or(&mut self) -> Result<Vec<Group>, QueryError> {
        let mut groups = vec![(self.column(), self.and()?)];
        while self.peek() == Some(&Item::Or) {
            if groups.last().is_some_and(|(_, g)| g.is_empty()) {
                return self.fail("expected a word, phrase or ( before OR");
            }
            self.at += 1;
            let column = self.column();
            let group = self.and()?;
            if group.is_empty() {
                return self.fail("expected a word, phrase or ( after OR");
            }
            groups.push((column, group));
        }
        Ok(groups)
    }

    /// `unary+`, up to `)`, `OR` or the end.
    fn and(&mut self) -> Result<Vec<Node>, QueryError> {
        let mut nodes = Vec::new();
        loop {
            match self.peek() {
                None | Some(Item::Close | Item::Or) => return Ok(nodes),
                Some(Item::And) => {
                    if nodes.is_empty() {
                        return self.fail("expected a word, phrase or ( before AND");
                    }
                    self.at += 1;
                    if matches!(self.peek(), None | Some(Item::Close | Item::Or | Item::And)) {
                        return self.fail("expected a word, phrase or ( after AND");
                    }
                }
                Some(_) => {
                    if let Some(node) = self.unary()? {
                        nodes.push(node);
                    }
                }
            }
        }
    }

    /// `-atom` or `atom`; `None` for a word with no letters or digits in it.
    fn unary(&mut self) -> Result<Option<Node>, QueryError> {
        if self.peek() != Some(&Item::Minus) {
            return self.atom();
        }
        let column = self.column();
        self.at += 1;
        if matches!(self.peek(), Some(Item::Minus | Item::Or | Item::And) | None) {
            return self.fail("expected a word, phrase or ( after -");
        }
        Ok(match self.atom()? {
            Some(Node::Expr(e)) => Some(Node::Expr(Expr::Not(Box::new(e)))),
            Some(Node::Filter(..) | Node::Sort(..)) => {
                return Err(QueryError {
                    column,
                    message:
                        "a filter cannot be excluded with -: use is:unread rather than -is:read"
                            .into(),
                });
            }
            None => None,
        })
    }

    fn atom(&mut self) -> Result<Option<Node>, QueryError> {
        let column = self.column();
        let Some((_, item)) = self.items.get(self.at).cloned() else {
            return self.fail("expected a word, phrase or (");
        };
        self.at += 1;
        match item {
            Item::Open => {
                let groups = self.or()?;
                if self.peek() != Some(&Item::Close) {
                    return self.fail(format!("expected ) to close the ( at column {column}"));
                }
                self.at += 1;
                let groups: Vec<Group> =
                    groups.into_iter().filter(|(_, g)| !g.is_empty()).collect();
                if groups.is_empty() {
                    return Err(QueryError {
                        column: column + 1,
                        message: "expected a word or phrase inside ( )".into(),
                    });
                }
                Ok(Some(Node::Expr(nested(groups)?)))
            }
            Item::Close => Err(QueryError {
                column,
                message: "expected a word or phrase: this ) closes nothing".into(),
            }),
            Item::Phrase(text, star) => Ok(term(None, &text, star).map(Node::Expr)),
            Item::FieldPhrase(name, text, star) => {
                let field = field_named(&name, column)?;
                Ok(term(Some(field), &text, star).map(Node::Expr))
            }
            Item::Word(word) => word_node(&word, column),
            Item::Or | Item::And | Item::Minus => Err(QueryError {
                column,
                message: "expected a word, phrase or (".into(),
            }),
        }
    }
}

/// The expression of groups joined by OR, checked to hold no filter (those apply to the whole query).
fn nested(groups: Vec<Group>) -> Result<Expr, QueryError> {
    let mut alternatives = Vec::new();
    for (start, group) in groups {
        let mut all = Vec::new();
        for node in group {
            match node {
                Node::Expr(e) => all.push(e),
                Node::Filter(column, _) | Node::Sort(column, _) => return Err(not_at_top(column)),
            }
        }
        let alternative = conjunction(all);
        if only_excludes(&alternative) {
            return Err(QueryError {
                column: start,
                message:
                    "expected a word to search for beside the excluded ones (inside ( ) or OR)"
                        .into(),
            });
        }
        alternatives.push(alternative);
    }
    Ok(disjunction(alternatives))
}

fn not_at_top(column: usize) -> QueryError {
    QueryError {
        column,
        message:
            "is:, after:, before: and sort: apply to the whole query: put them outside ( ) and OR"
                .into(),
    }
}

fn conjunction(mut all: Vec<Expr>) -> Expr {
    if all.len() == 1 {
        all.remove(0)
    } else {
        Expr::And(all)
    }
}

fn disjunction(mut any: Vec<Expr>) -> Expr {
    if any.len() == 1 {
        any.remove(0)
    } else {
        Expr::Or(any)
    }
}

/// Whether an expression can match without a word of its own (only exclusions).
fn only_excludes(expr: &Expr) -> bool {
    match expr {
        Expr::Term(_) => false,
        Expr::Not(_) => true,
        Expr::And(all) => all.iter().all(only_excludes),
        Expr::Or(any) => any.iter().any(only_excludes),
    }
}

fn field_named(name: &str, column: usize) -> Result<Field, QueryError> {
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
fn term(field: Option<Field>, text: &str, prefix: bool) -> Option<Expr> {
    let tokens = tokens::of(text);
    (!tokens.is_empty()).then_some(Expr::Term(Term {
        field,
        tokens,
        prefix,
    }))
}

/// A bare word: a filter, `sort:`, a field and its word, or a word (a prefix when it ends in `*`).
fn word_node(word: &str, column: usize) -> Result<Option<Node>, QueryError> {
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

/// Parses a query.
///
/// # Errors
/// A [`QueryError`] naming the column and what was expected there.
pub fn parse(query: &str) -> Result<Query, QueryError> {
    let items = lex(query)?;
    let mut parser = Parser {
        items,
        at: 0,
        end: query.chars().count() + 1,
    };
    let groups = parser.or()?;
    if parser.peek() == Some(&Item::Close) {
        return parser.fail("expected a word or phrase: this ) closes nothing");
    }
    let mut result = Query::default();
    // The top level: filters and sort apply to the whole query, wherever they stand in it (beside an OR
    // too: `storm OR flood is:unread` is unread stories with either word).
    let alternatives = groups.len();
    let mut sorted = false;
    let mut kept: Vec<Group> = Vec::with_capacity(alternatives);
    for (start, group) in groups {
        let mut words = Vec::new();
        let mut lifted = None;
        for node in group {
            match node {
                Node::Expr(_) => words.push(node),
                Node::Filter(column, f) => {
                    result.filters.push(f);
                    lifted.get_or_insert(column);
                }
                Node::Sort(column, s) => {
                    if sorted {
                        return Err(QueryError {
                            column,
                            message: "expected one sort: at most".into(),
                        });
                    }
                    sorted = true;
                    result.sort = s;
                    lifted.get_or_insert(column);
                }
            }
        }
        if words.is_empty() && alternatives > 1 {
            return Err(QueryError {
                column: lifted.unwrap_or(start),
                message:
                    "expected a word or phrase beside OR: is:, after:, before: and sort: apply to \
                          the whole query"
                        .into(),
            });
        }
        if !words.is_empty() {
            kept.push((start, words));
        }
    }
    result.text = match kept.len() {
        0 => None,
        1 => {
            let (_, words) = kept.remove(0);
            let words = words
                .into_iter()
                .filter_map(|n| match n {
                    Node::Expr(e) => Some(e),
                    _ => None,
                })
                .collect();
            // Only exclusions is allowed here: every story but those.
            Some(conjunction(words))
        }
        _ => Some(nested(kept)?),
    };
    Ok(result)
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
