//! The query's grammar: OR over groups of words, `-` and parentheses, with the filters lifted to the top.

use super::lex::{Item, lex};
use super::words::{field_named, term, word_node};
use super::{Expr, Filter, Query, QueryError, Sort};

/// A filter or sort found in the expression, kept with its column until it is checked to stand at the top.
#[derive(Clone, Debug)]
pub(super) enum Node {
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
