//! HTML footnotes, read by their common patterns rather than per site. A reference is a link to an
//! element of the page (`href="#fn1"`) that is marked as one (`role="doc-noteref"`, `epub:type="noteref"`,
//! `data-type="noteref"`, `data-footnote-ref`, a `footnote-ref` class) or set as a superscript
//! (`<sup><a href="#fn1">1</a></sup>`, `<a href="#fn1"><sup>1</sup></a>`) with a short mark for text. What
//! it points at is a note when it is an item of a list (`<ol>` of references) or marked as one
//! (`role="doc-footnote"`/`doc-endnote`, `epub:type="footnote"`/`endnote`, `data-type="footnote"`), its id
//! on the note or just inside it. Notes also come from lists marked as notes (`role="doc-endnotes"`,
//! `epub:type="footnotes"`, `data-type="footnotes"`, a `footnotes` class, as Pandoc, kramdown, GitHub,
//! EPUB and O'Reilly write them).
//!
//! As Markdown's: each reference becomes `[mark]` in the text (the page's own mark, `[12]`, `[n 3]`, or
//! the note's number when the page's marks cannot tell the notes apart), and the notes leave the page's
//! flow to be footnote blocks at the end, in the order the page lists them, without the links back to
//! their references ("^", "↩").

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};

use super::html_blocks::{link, name, squeeze, visible_text};
use crate::model::{Block, Link};

/// A superscript link is taken for a reference only when its text is at most this long: a mark
/// (`1`, `[12]`, `*`, `[note 12]`, `[n 3]`), not a phrase set small.
const MAX_MARK_CHARS: usize = 12;

/// A link's target is taken for a note when a note holds it this few levels up: the id is on the note
/// or just inside it (`<li><p id="fn1">`); further up is only some list the whole story sits in.
const NOTE_DEPTH: usize = 2;

/// How a reference is marked: by role (DPUB-ARIA), `epub:type`, `data-type` (O'Reilly), class.
const REFERENCE_MARKS: Marks = Marks {
    role: &["doc-noteref"],
    epub: &["noteref"],
    data_type: &["noteref"],
    class: &["footnote-ref", "footnote-reference", "fnref", "noteref"],
    attribute: "data-footnote-ref",
};

/// How a note is marked.
const NOTE_MARKS: Marks = Marks {
    role: &["doc-footnote", "doc-endnote"],
    epub: &["footnote", "endnote", "rearnote", "note"],
    data_type: &["footnote"],
    class: &[],
    attribute: "data-footnote",
};

/// How a list of notes is marked.
const LIST_MARKS: Marks = Marks {
    role: &["doc-endnotes", "doc-footnotes"],
    epub: &["footnotes", "endnotes", "rearnotes"],
    data_type: &["footnotes"],
    class: &["footnotes", "footnote-list", "endnotes"],
    attribute: "data-footnotes",
};

/// How a link back from a note to its reference is marked (besides pointing at a reference).
const BACKLINK_MARKS: Marks = Marks {
    role: &["doc-backlink"],
    epub: &[],
    data_type: &[],
    class: &[
        "footnote-back",
        "footnote-backref",
        "reversefootnote",
        "backlink",
        "fn-backref",
    ],
    attribute: "data-footnote-backref",
};

/// The marks left where a link back to a reference was ("^ a b" on Wikipedia, "↩︎" after Pandoc's).
const BACK_MARKS: &[char] = &[
    '^', '\u{2191}', '\u{21a9}', '\u{2934}', '\u{fe0e}', '\u{fe0f}', ' ',
];

/// Marks of one kind, by where a page puts them; each attribute's value is a list of words.
struct Marks {
    role: &'static [&'static str],
    epub: &'static [&'static str],
    data_type: &'static [&'static str],
    class: &'static [&'static str],
    /// An attribute whose presence alone marks it.
    attribute: &'static str,
}

impl Marks {
    /// Whether `node` carries one of the marks.
    fn on(&self, node: &NodeRef<'_>) -> bool {
        let has = |attr: &str, words: &[&str]| {
            !words.is_empty()
                && node.attr(attr).is_some_and(|v| {
                    v.split_whitespace()
                        .any(|w| words.iter().any(|m| w.eq_ignore_ascii_case(m)))
                })
        };
        node.has_attr(self.attribute)
            || has("role", self.role)
            || has("epub:type", self.epub)
            || has("data-type", self.data_type)
            || has("class", self.class)
    }
}

/// The id a link points at in its own page: what follows its `#`.
fn fragment(a: &NodeRef<'_>) -> Option<String> {
    let href = a.attr("href")?;
    let (_, id) = href.rsplit_once('#')?;
    (!id.is_empty()).then(|| id.to_owned())
}

/// Whether `node` is an item of a list.
fn list_item(node: &NodeRef<'_>) -> bool {
    name(node) == "li"
        && node
            .parent()
            .is_some_and(|p| matches!(name(&p).as_str(), "ol" | "ul"))
}

/// The note that holds `target`, if one does (see [`NOTE_DEPTH`]).
fn note_of<'a>(target: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    std::iter::once(*target)
        .chain(target.ancestors_it(Some(NOTE_DEPTH)))
        .find(|n| list_item(n) || NOTE_MARKS.on(n))
}

/// The element a reference is drawn as: the link, or the superscript (or mark-up) that holds only it.
/// Only the siblings are looked at, never a parent's whole text: a page of many references in one long
/// run of inline mark-up costs no more than one with few.
fn drawn<'a>(a: &NodeRef<'a>) -> NodeRef<'a> {
    let blank = |n: &NodeRef<'_>| n.is_comment() || (n.is_text() && n.text().trim().is_empty());
    let alone = |n: &NodeRef<'_>| {
        let mut before = n.prev_sibling();
        while let Some(b) = before.filter(blank) {
            before = b.prev_sibling();
        }
        let mut after = n.next_sibling();
        while let Some(f) = after.filter(blank) {
            after = f.next_sibling();
        }
        before.is_none() && after.is_none()
    };
    let mut at = *a;
    while let Some(parent) = at.parent() {
        let inline = matches!(name(&parent).as_str(), "sup" | "span" | "small" | "b" | "i");
        if !inline || !alone(&at) {
            break;
        }
        at = parent;
    }
    at
}

/// Whether link `a` is drawn as a reference mark: marked as one (it, or the superscript holding it), or a
/// superscript with a short mark for text.
fn looks_like_reference(a: &NodeRef<'_>) -> bool {
    let wrapper = drawn(a);
    let marked = REFERENCE_MARKS.on(a) || REFERENCE_MARKS.on(&wrapper);
    let superscript = name(&wrapper) == "sup"
        || a.descendants_it()
            .any(|d| d.is_element() && name(&d) == "sup");
    marked || (superscript && squeeze(&a.text()).chars().count() <= MAX_MARK_CHARS)
}

/// The footnotes found in `doc`.
#[derive(Default)]
struct Found<'a> {
    /// Each reference's link, with the note it points at.
    references: Vec<(NodeRef<'a>, NodeRef<'a>)>,
    /// The notes, in page order.
    notes: Vec<NodeRef<'a>>,
    /// The notes referred to.
    referred: HashSet<NodeId>,
    /// What leaves the page's flow: the notes, or the lists and sections holding them.
    removed: Vec<NodeRef<'a>>,
}

/// The references and notes of `doc`.
fn find(doc: &Document) -> Found<'_> {
    let elements: Vec<NodeRef<'_>> = doc
        .root()
        .descendants_it()
        .filter(NodeRef::is_element)
        .collect();
    let mut ids: HashMap<String, NodeRef<'_>> = HashMap::new();
    for e in &elements {
        if let Some(id) = e.attr("id") {
            ids.entry(id.to_string()).or_insert(*e);
        }
    }
    let mut candidates: Vec<(NodeRef<'_>, NodeRef<'_>)> = elements
        .iter()
        .filter(|e| name(e) == "a")
        .filter_map(|a| {
            let target = ids.get(&fragment(a)?)?;
            let note = note_of(target)?;
            // A link inside the note it points at is no reference to it.
            let inside = a.ancestors_it(None).any(|p| p.id == note.id);
            (!inside && looks_like_reference(a)).then_some((*a, note))
        })
        .collect();
    // A link back from a note points at a reference (Wikipedia's "^", O'Reilly's number): it is none.
    let drawn_ids = reference_ids(&candidates);
    candidates.retain(|(a, _)| fragment(a).is_none_or(|f| !drawn_ids.contains(&f)));
    let mut found = Found::default();
    let mut seen: HashSet<NodeId> = HashSet::new();
    for (_, note) in &candidates {
        if seen.insert(note.id) {
            found.notes.push(*note);
        }
    }
    found.referred.clone_from(&seen);
    // The rest of the lists and marked sections the notes are in, in page order.
    let mut holders: Vec<NodeRef<'_>> = Vec::new();
    for note in &found.notes {
        if list_item(note)
            && let Some(list) = note.parent()
            && !holders.iter().any(|h| h.id == list.id)
        {
            holders.push(list);
        }
    }
    holders.extend(elements.iter().filter(|e| LIST_MARKS.on(e)).copied());
    let mut others: Vec<NodeRef<'_>> = Vec::new();
    for holder in &holders {
        let inner = holder
            .descendants_it()
            .filter(|d| d.is_element() && (NOTE_MARKS.on(d) || list_item(d)))
            // Only the outermost: a list nested in a note is part of it.
            .filter(|d| {
                !d.ancestors_it(None)
                    .take_while(|p| p.id != holder.id)
                    .any(|p| NOTE_MARKS.on(&p) || list_item(&p))
            });
        for note in inner {
            if seen.insert(note.id) {
                others.push(note);
            }
        }
    }
    let order: HashMap<NodeId, usize> = elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id, i))
        .collect();
    found.notes.extend(others);
    found.notes.sort_by_key(|n| order.get(&n.id).copied());
    if found.notes.is_empty() {
        return found;
    }
    // What leaves the flow: the holders that hold notes (a marked section with its heading), else each
    // note alone.
    for holder in holders {
        let holds = found
            .notes
            .iter()
            .any(|n| n.ancestors_it(None).any(|p| p.id == holder.id));
        let within = found
            .removed
            .iter()
            .any(|r| holder.ancestors_it(None).any(|p| p.id == r.id));
        if holds && !within {
            found
                .removed
                .retain(|r| !r.ancestors_it(None).any(|p| p.id == holder.id));
            found.removed.push(holder);
        }
    }
    for note in &found.notes {
        let covered = found
            .removed
            .iter()
            .any(|r| r.id == note.id || note.ancestors_it(None).any(|p| p.id == r.id));
        if !covered {
            found.removed.push(*note);
        }
    }
    found.references = candidates;
    found
}

/// The ids a link back to a reference can point at: on its link, on the superscript holding it, inside.
fn reference_ids(references: &[(NodeRef<'_>, NodeRef<'_>)]) -> HashSet<String> {
    let mut ids = HashSet::new();
    for (a, _) in references {
        // The link is the superscript's or inside it: among these.
        let top = drawn(a);
        let chain = std::iter::once(top).chain(top.descendants_it().filter(NodeRef::is_element));
        ids.extend(chain.filter_map(|e| e.attr("id")).map(|i| i.to_string()));
    }
    ids
}

/// Whether link `a` in a note leads back to a reference.
fn backlink(a: &NodeRef<'_>, reference_ids: &HashSet<String>) -> bool {
    BACKLINK_MARKS.on(a) || fragment(a).is_some_and(|f| reference_ids.contains(&f))
}

/// Takes the footnotes out of `doc`: each reference becomes `[n]` (no longer a link), each note leaves the
/// tree and becomes a footnote block, and the links in the notes are gathered (addresses made absolute
/// against `base`). The blocks come numbered from 1, in order.
pub(super) fn take(doc: &Document, base: Option<&url::Url>) -> (Vec<Block>, Vec<Link>) {
    let found = find(doc);
    if found.notes.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let index: HashMap<NodeId, usize> = found
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let labels = labels(&found, &index);
    let back_to = reference_ids(&found.references);
    for (a, note) in &found.references {
        let Some(&i) = index.get(&note.id) else {
            continue;
        };
        let mark = drawn(a);
        mark.set_text(format!("[{}]", labels[i]));
        mark.rename("span");
        mark.remove_all_attrs();
    }
    let mut blocks = Vec::with_capacity(found.notes.len());
    let mut links = Vec::new();
    for (i, note) in found.notes.iter().enumerate() {
        let back: Vec<NodeRef<'_>> = note
            .descendants_it()
            .filter(|d| d.is_element() && name(d) == "a" && backlink(d, &back_to))
            .collect();
        for a in back {
            a.remove_from_parent();
        }
        let text = squeeze(&visible_text(note));
        let text = text.trim_matches(BACK_MARKS).to_owned();
        links.extend(
            note.descendants_it()
                .filter(|d| d.is_element() && name(d) == "a")
                .filter_map(|a| link(&a, base)),
        );
        if !text.is_empty() {
            blocks.push(Block::Footnote {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                label: labels[i].clone(),
                text,
            });
        }
    }
    for r in &found.removed {
        if let Some(heading) = introduced_by(r) {
            heading.remove_from_parent();
        }
        r.remove_from_parent();
    }
    (blocks, links)
}

/// What each note's references show, by note: the page's own marks (`12`, `n 3`, `a`, `*`, brackets
/// off) when every note referred to has one of its own, a short one no other note shares; else the notes'
/// numbers. A note no reference names takes its number in its numbered list, as the page shows it, else
/// the lowest number left free.
fn labels(found: &Found<'_>, index: &HashMap<NodeId, usize>) -> Vec<String> {
    let mut own: Vec<Option<String>> = vec![None; found.notes.len()];
    for (a, note) in &found.references {
        if let Some(&i) = index.get(&note.id)
            && own[i].is_none()
        {
            own[i] = mark_of(a);
        }
    }
    let marks: Vec<&String> = own.iter().flatten().collect();
    let distinct: HashSet<&&String> = marks.iter().collect();
    if marks.len() < found.referred.len() || distinct.len() < marks.len() {
        return (1..=found.notes.len()).map(|n| n.to_string()).collect();
    }
    let mut used: HashSet<String> = marks.into_iter().cloned().collect();
    let mut next = 1usize;
    let mut labels = Vec::with_capacity(found.notes.len());
    for (note, mark) in found.notes.iter().zip(own) {
        let label = match (mark, ordinal(note).map(|n| n.to_string())) {
            (Some(mark), _) => mark,
            (None, Some(shown)) if !used.contains(&shown) => shown,
            (None, _) => {
                while used.contains(&next.to_string()) {
                    next += 1;
                }
                next.to_string()
            }
        };
        used.insert(label.clone());
        labels.push(label);
    }
    labels
}

/// The number an item of an `<ol>` shows: its place, counted from the list's `start`.
fn ordinal(item: &NodeRef<'_>) -> Option<i64> {
    let list = item.parent().filter(|p| name(p) == "ol")?;
    let start = list
        .attr("start")
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(1);
    let before = list
        .element_children()
        .iter()
        .take_while(|c| c.id != item.id)
        .filter(|c| name(c) == "li")
        .count();
    start.checked_add(i64::try_from(before).ok()?)
}

/// The mark reference `a` shows, its brackets off (`[n 3]` is `n 3`), when it is a mark: short, and
/// holding no bracket of its own.
fn mark_of(a: &NodeRef<'_>) -> Option<String> {
    let text = squeeze(&drawn(a).text());
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| text.strip_prefix('(').and_then(|t| t.strip_suffix(')')))
        .unwrap_or(&text)
        .trim();
    let fits = !inner.is_empty()
        && inner.chars().count() <= MAX_MARK_CHARS
        && !inner.contains(['[', ']', '(', ')'])
        && !inner.chars().any(char::is_control);
    fits.then(|| inner.to_owned())
}

/// The heading that only introduces the list of notes `list` ("References", "Notes"): just before it (or
/// before the section that holds nothing else), with a heading or nothing after it. The notes are listed
/// at the end under a rule of their own, so it would head nothing.
fn introduced_by<'a>(list: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let heading =
        |n: &NodeRef<'_>| matches!(name(n).as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    let mut top = *list;
    while let Some(parent) = top.parent() {
        let wrapper = matches!(name(&parent).as_str(), "div" | "section" | "aside");
        if !wrapper || parent.element_children().len() != 1 {
            break;
        }
        top = parent;
    }
    let before = top.prev_element_sibling().filter(heading)?;
    top.next_element_sibling()
        .is_none_or(|n| heading(&n))
        .then_some(before)
}
