//! A query's words as a tantivy query: each term searched in the fields it names (every field when none),
//! boosted by field, combined with AND, OR and NOT.

use tantivy::Term as IndexTerm;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field as IndexField, IndexRecordOption};

use super::Fields;
use crate::search::query::{Expr, Field, Term};

/// How many words a prefix (`harb*`) may stand for: more than any real prefix of three or more letters
/// has in a news archive's vocabulary, while `a*` cannot make a query of the whole dictionary.
pub const PREFIX_EXPANSIONS: u32 = 2000;

/// How much a match in each field counts, in `search::document::COLUMNS` order. The headline counts most,
/// then the standfirst (a story's summary of itself); byline, section, source and site are names, each
/// worth a little more than one more mention in the body.
pub const BOOSTS: [f32; 7] = [10.0, 4.0, 2.0, 2.0, 2.0, 1.0, 2.0];

/// The fields a term is searched in, with their boosts.
fn fields_of(
    fields: &Fields,
    field: Option<Field>,
    default: Option<Field>,
) -> Vec<(IndexField, f32)> {
    let index = |i: usize| (fields.columns[i], BOOSTS[i]);
    match field.or(default) {
        None => (0..7).map(index).collect(),
        Some(Field::Title) => vec![index(0)],
        Some(Field::Author) => vec![index(2)],
        Some(Field::Section) => vec![index(3)],
        Some(Field::Source) => vec![index(4)],
        Some(Field::Site) => vec![index(6)],
        Some(Field::Body) => vec![index(1), index(5)],
    }
}

/// One term in one field.
fn in_field(term: &Term, field: IndexField) -> Box<dyn Query> {
    let terms: Vec<IndexTerm> = term
        .tokens
        .iter()
        .map(|t| IndexTerm::from_field_text(field, t))
        .collect();
    if term.prefix {
        let mut q = PhrasePrefixQuery::new(terms);
        q.set_max_expansions(PREFIX_EXPANSIONS);
        return Box::new(q);
    }
    if terms.len() == 1 {
        let mut terms = terms;
        return Box::new(TermQuery::new(
            terms.remove(0),
            IndexRecordOption::WithFreqs,
        ));
    }
    Box::new(PhraseQuery::new(terms))
}

/// A term in any of its fields.
fn term_query(fields: &Fields, term: &Term, default: Option<Field>) -> Box<dyn Query> {
    let mut any: Vec<(Occur, Box<dyn Query>)> = fields_of(fields, term.field, default)
        .into_iter()
        .map(|(f, boost)| {
            let q: Box<dyn Query> = Box::new(BoostQuery::new(in_field(term, f), boost));
            (Occur::Should, q)
        })
        .collect();
    if any.len() == 1 {
        return any.remove(0).1;
    }
    Box::new(BooleanQuery::new(any))
}

/// `expr` as a query; unfielded terms search `default` (every field when `None`).
#[must_use]
pub fn compile(fields: &Fields, expr: &Expr, default: Option<Field>) -> Box<dyn Query> {
    match expr {
        Expr::Term(t) => term_query(fields, t, default),
        Expr::And(all) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for e in all {
                match e {
                    Expr::Not(inner) => {
                        clauses.push((Occur::MustNot, compile(fields, inner, None)));
                    }
                    _ => clauses.push((Occur::Must, compile(fields, e, default))),
                }
            }
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Or(any) => Box::new(BooleanQuery::new(
            any.iter()
                .map(|e| (Occur::Should, compile(fields, e, default)))
                .collect(),
        )),
        Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::MustNot, compile(fields, inner, None)),
        ])),
    }
}
