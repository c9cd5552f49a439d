//! The author in the body of a saved page: the byline printed again, a bio above the story, notes at
//! the end on who wrote it and how to reach them. Found by the names of the page's byline.

use crate::model::Block;
use crate::text::fold::fold;

/// An author's bio is looked for among this many blocks at the top of the body, where author cards
/// sit under the byline. (Bios at the bottom are left: as often they are the page's own signature, kept
/// by Readability and by readers, as a box of furniture.)
const BIO_LEADING_BLOCKS: usize = 3;

/// A bio or contact note is a few sentences; a longer paragraph that names the author is the story.
const BIO_MAX_WORDS: usize = 80;

/// The author's names to look for: the byline without "By", each author of "A and B, Site", and the
/// first name alone ("Anurag is an experienced journalist…").
pub(super) fn author_names(byline: &str) -> Vec<String> {
    let folded = fold(byline);
    let unlabelled = BYLINE_LABELS
        .iter()
        .find_map(|l| folded.strip_prefix(l))
        .unwrap_or(&folded);
    let mut names = Vec::new();
    for author in unlabelled
        .split([',', '|', '('])
        .next()
        .unwrap_or_default()
        .split(" and ")
        .map(str::trim)
    {
        if author.split_whitespace().count() < 2 {
            continue;
        }
        names.push(author.to_owned());
        if let Some(first) = author.split_whitespace().next()
            && first.chars().count() >= 3
        {
            names.push(first.to_owned());
        }
    }
    names
}

/// Labels a byline may keep before the names ("Posted by Android Developers").
const BYLINE_LABELS: &[&str] = &["posted by ", "written by ", "words by ", "by "];

/// The words after a name that make a sentence a bio ("Anurag is…", "Jared Newman has been…", "Jean-Luc
/// started…"), in the languages pages come in. A story that opens with its author's name goes on
/// otherwise ("Ana Ruiz said…" is reporting).
const BIO_VERBS: &[&str] = &[
    "is", "has", "was", "covers", "writes", "joined", "started", "ist", "schreibt", "est", "écrit",
    "es", "escribe", "è", "é",
];

/// Whether `t` (folded) opens with one of `names` and a verb of a bio ("jared newman has been…").
fn opens_with_name(t: &str, names: &[String]) -> bool {
    names.iter().any(|n| {
        t.strip_prefix(n.as_str())
            .and_then(|rest| rest.strip_prefix(' '))
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|verb| BIO_VERBS.contains(&verb))
    })
}

/// Blocks of text: positions among them are what the bio and note rules count (a picture between
/// paragraphs moves no paragraph nearer the end).
fn text_blocks(body: &[Block]) -> usize {
    body.iter()
        .filter(|b| !matches!(b, Block::Image(_)))
        .count()
}

/// Keeps the blocks that are not paragraphs, and the paragraphs for which `keep(position, text)` holds;
/// the position counts blocks of text only.
fn retain_paragraphs(body: &mut Vec<Block>, mut keep: impl FnMut(usize, &str) -> bool) {
    let mut index = 0;
    body.retain(|b| {
        let at = index;
        if !matches!(b, Block::Image(_)) {
            index += 1;
        }
        match b {
            Block::Paragraph(text) => keep(at, text),
            _ => true,
        }
    });
}

/// Drops the author's bio printed at the top of the body: a paragraph among the first ones that opens
/// with the author's name ("Anurag is an experienced journalist…").
pub(super) fn drop_author_bio(body: &mut Vec<Block>, byline: &str) {
    let names = author_names(byline);
    if names.is_empty() {
        return;
    }
    retain_paragraphs(body, |at, text| {
        at >= BIO_LEADING_BLOCKS
            || text.split_whitespace().count() > BIO_MAX_WORDS
            || !opens_with_name(&fold(text), &names)
    });
}

/// Words of a note on who wrote a story and how to reach them ("This story … was written by Jill
/// Barshay", "Contact staff writer Jill Barshay at…"), as opposed to a bio, which readers of some sites keep.
const AUTHOR_NOTE_WORDS: &[&str] = &["written by", "produced by", "reported by"];

/// Words that open a note on how to reach the author.
const AUTHOR_CONTACT_OPENINGS: &[&str] = &["contact ", "email ", "reach "];

/// Author notes are looked for among this many blocks at the end of the body.
const AUTHOR_NOTE_TRAILING_BLOCKS: usize = 4;

/// Drops notes at the end of the body that name the author in full and say who wrote the story or how to
/// reach its author.
pub(super) fn drop_author_notes(body: &mut Vec<Block>, byline: &str) {
    let names: Vec<String> = author_names(byline)
        .into_iter()
        .filter(|n| n.contains(' '))
        .collect();
    let len = text_blocks(body);
    if names.is_empty() || len <= AUTHOR_NOTE_TRAILING_BLOCKS {
        return;
    }
    let first_trailing = len - AUTHOR_NOTE_TRAILING_BLOCKS;
    retain_paragraphs(body, |at, text| {
        if at < first_trailing || text.split_whitespace().count() > BIO_MAX_WORDS {
            return true;
        }
        let t = fold(text);
        !(names.iter().any(|n| t.contains(n.as_str()))
            && (AUTHOR_NOTE_WORDS.iter().any(|w| t.contains(w))
                || AUTHOR_CONTACT_OPENINGS.iter().any(|w| t.starts_with(w))))
    });
}

/// A byline line is short: "By" and a name, perhaps the author's title and employer.
const BYLINE_LINE_MAX_WORDS: usize = 20;

/// The byline printed again with more than the page's metadata gives ("By Ana Ruiz, harbour reporter,
/// Velmar Tide"): "by" and an author's full name open a short line.
pub(super) fn is_byline_line(t: &str, names: &[String]) -> bool {
    t.split_whitespace().count() <= BYLINE_LINE_MAX_WORDS
        && t.strip_prefix("by ").is_some_and(|rest| {
            names.iter().any(|n| {
                n.contains(' ')
                    && rest
                        .strip_prefix(n.as_str())
                        .is_some_and(|after| after.is_empty() || after.starts_with([' ', ',']))
            })
        })
}
