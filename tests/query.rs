//! The query language: what each form parses to, and the column and message of each error.

use broadsheet::search::query::{Expr, Field, Filter, Sort, State, Term, When};
use broadsheet::search::{Query, parse};
use chrono::NaiveDate;

fn word(t: &str) -> Expr {
    Expr::Term(Term {
        field: None,
        tokens: vec![t.to_owned()],
        prefix: false,
    })
}

fn text(query: &str) -> Expr {
    parse(query)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .text
        .expect("words")
}

fn error(query: &str) -> (usize, String) {
    let e = parse(query).expect_err(query);
    (e.column, e.message)
}

#[test]
fn words_are_all_required() {
    assert_eq!(
        text("harbour ferries"),
        Expr::And(vec![word("harbour"), word("ferries")])
    );
    assert_eq!(text("harbour AND ferries"), text("harbour ferries"));
}

#[test]
fn phrases_prefixes_or_and_exclusions() {
    assert_eq!(
        text("\"night ferry\""),
        Expr::Term(Term {
            field: None,
            tokens: vec!["night".into(), "ferry".into()],
            prefix: false
        })
    );
    assert_eq!(
        text("harb*"),
        Expr::Term(Term {
            field: None,
            tokens: vec!["harb".into()],
            prefix: true
        })
    );
    assert_eq!(
        text("storm OR flood -ferry"),
        Expr::Or(vec![
            word("storm"),
            Expr::And(vec![word("flood"), Expr::Not(Box::new(word("ferry")))])
        ])
    );
    assert_eq!(
        text("(storm OR flood) -\"sea wall\""),
        Expr::And(vec![
            Expr::Or(vec![word("storm"), word("flood")]),
            Expr::Not(Box::new(Expr::Term(Term {
                field: None,
                tokens: vec!["sea".into(), "wall".into()],
                prefix: false
            })))
        ])
    );
    // A lower-case "or" is a word; a hyphen inside a word is not an exclusion.
    assert_eq!(
        text("this or that"),
        Expr::And(vec![word("this"), word("or"), word("that")])
    );
    assert_eq!(
        text("e-mail"),
        Expr::Term(Term {
            field: None,
            tokens: vec!["e".into(), "mail".into()],
            prefix: false
        })
    );
}

#[test]
fn fields_take_a_word_or_a_phrase() {
    let q = text(
        "title:ferries author:\"Mara Quill\" site:example.org body:dusk section:News source:wire",
    );
    let Expr::And(all) = q else { panic!("{q:?}") };
    let fields: Vec<Option<Field>> = all
        .iter()
        .map(|e| match e {
            Expr::Term(t) => t.field,
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        [
            Some(Field::Title),
            Some(Field::Author),
            Some(Field::Site),
            Some(Field::Body),
            Some(Field::Section),
            Some(Field::Source)
        ]
    );
    assert_eq!(
        all[1],
        Expr::Term(Term {
            field: Some(Field::Author),
            tokens: vec!["mara".into(), "quill".into()],
            prefix: false
        })
    );
}

#[test]
fn filters_and_sort_apply_to_the_whole_query() {
    let q = parse("is:unread ferries after:2026-03-01 before:2w sort:newest is:starred")
        .expect("parses");
    assert_eq!(q.text, Some(word("ferries")));
    assert_eq!(
        q.filters,
        [
            Filter::Is(State::Unread),
            Filter::After(When::Date(
                NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
            )),
            Filter::Before(When::Weeks(2)),
            Filter::Is(State::Starred)
        ]
    );
    assert_eq!(q.sort, Sort::Newest);
    let ages = parse("after:3d after:6m after:1y").expect("parses");
    assert_eq!(
        ages.filters,
        [
            Filter::After(When::Days(3)),
            Filter::After(When::Months(6)),
            Filter::After(When::Years(1))
        ]
    );
    assert_eq!(
        parse("is:read").expect("parses"),
        Query {
            text: None,
            filters: vec![Filter::Is(State::Read)],
            sort: Sort::Relevance
        }
    );
}

#[test]
fn words_without_letters_or_digits_are_left_out() {
    assert_eq!(
        text("rock & roll"),
        Expr::And(vec![word("rock"), word("roll")])
    );
    assert!(parse("& --").expect("parses").is_empty());
}

#[test]
fn errors_name_the_column_and_what_was_expected() {
    let cases: &[(&str, usize, &str)] = &[
        (
            "\"storm surge",
            13,
            "expected a closing \" for the phrase opened at column 1",
        ),
        (
            "(storm OR flood",
            16,
            "expected ) to close the ( at column 1",
        ),
        ("storm)", 6, "this ) closes nothing"),
        ("storm OR", 9, "expected a word, phrase or ( after OR"),
        ("OR storm", 1, "expected a word, phrase or ( before OR"),
        ("storm OR OR flood", 10, "after OR"),
        (
            "titel:ferries",
            1,
            "unknown field titel: (did you mean title:?)",
        ),
        (
            "title: ferries",
            7,
            "expected a word or \"a phrase\" right after title:",
        ),
        (
            "is:new",
            4,
            "expected unread, read or starred after is:, not new",
        ),
        (
            "after:March",
            7,
            "expected a date (2026-03-01) or an age (3d, 2w, 6m, 1y), not March",
        ),
        ("before:2026-13-01", 8, "expected a date"),
        (
            "sort:best",
            6,
            "expected relevance, newest or oldest after sort:, not best",
        ),
        (
            "storm (is:unread OR is:starred)",
            8,
            "apply to the whole query",
        ),
        (
            "storm OR is:unread",
            10,
            "expected a word or phrase beside OR",
        ),
        ("storm -is:read", 7, "a filter cannot be excluded"),
        ("storm OR -flood", 10, "beside the excluded ones"),
        ("(-flood)", 2, "beside the excluded ones"),
        ("()", 2, "expected a word or phrase inside ( )"),
    ];
    for (query, column, message) in cases {
        let (c, m) = error(query);
        assert_eq!(c, *column, "{query}: {m}");
        assert!(m.contains(message), "{query}: {m:?} lacks {message:?}");
    }
    // A lone "-" between spaces is punctuation, not an exclusion: it is left out.
    assert_eq!(
        text("storm - flood"),
        Expr::And(vec![word("storm"), word("flood")])
    );
}

#[test]
fn a_pointer_shows_the_column_under_the_query() {
    let e = parse("(storm OR flood").expect_err("unclosed");
    assert_eq!(
        e.pointer("(storm OR flood"),
        "  (storm OR flood\n                 ^"
    );
}

#[test]
fn filters_beside_or_apply_to_the_whole_query() {
    let q = parse("storm OR flood is:unread sort:oldest").expect("parses");
    assert_eq!(q.text, Some(Expr::Or(vec![word("storm"), word("flood")])));
    assert_eq!(q.filters, [Filter::Is(State::Unread)]);
    assert_eq!(q.sort, Sort::Oldest);
}

#[test]
fn a_query_with_only_exclusions_is_allowed_at_the_top() {
    let q = parse("-storm is:unread").expect("parses");
    assert_eq!(q.text, Some(Expr::Not(Box::new(word("storm")))));
}
