//! Second chances for pages where Readability alone reads too little: a body hidden until scripts run, a
//! body kept only as JSON-LD data, and a consent dialog taken for the article.

use dom_query::{Document, NodeRef};

use crate::model::Block;

pub use super::furniture::drop_furniture;

/// The longest `articleBody` in the page's JSON-LD data (inside `@graph` and lists too).
pub fn json_ld_article_body(doc: &Document) -> Option<String> {
    fn find(v: &serde_json::Value, best: &mut Option<String>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(serde_json::Value::String(b)) = o.get("articleBody")
                    && best.as_ref().is_none_or(|x| x.len() < b.len())
                {
                    *best = Some(b.clone());
                }
                o.values().for_each(|c| find(c, best));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|c| find(c, best)),
            _ => {}
        }
    }
    let mut best = None;
    for script in doc.select("script[type='application/ld+json']").nodes() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(script.text().trim()) {
            find(&v, &mut best);
        }
    }
    best
}

/// Class or id fragments of consent dialogs, which Readability can take for the article on pages where the
/// dialog holds more text than the (script-loaded) story.
const CONSENT_MARKERS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "onetrust",
    "didomi",
    "qc-cmp",
    "cmp-container",
    "privacy-banner",
];

/// Removes consent dialogs (cookie walls) and text shown only to screen readers ("Media caption", which
/// runs into the caption beside it once Readability drops the class that hid it) before the article is
/// looked for. One pass over the elements with a class or an id.
pub fn remove_consent_dialogs(doc: &Document) {
    let marked = |v: Option<&str>, markers: &[&str]| {
        v.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            markers.iter().any(|m| v.contains(m))
        })
    };
    for node in doc.select("[class], [id]").nodes() {
        let class = node.attr("class");
        let id = node.attr("id");
        // A dialog is short; a container of the whole page that happens to carry such a class is not.
        // (The text is counted only for marked elements: counting it for every one would be quadratic.)
        let dialog = (marked(class.as_deref(), CONSENT_MARKERS)
            || marked(id.as_deref(), CONSENT_MARKERS))
            && node.text().split_whitespace().count() < 400;
        if dialog || super::html_blocks::screen_reader_only(node) {
            node.remove_from_parent();
        }
    }
}

/// A body the page keeps only as data (JSON-LD `articleBody`, shown by scripts) replaces a DOM body that is
/// much shorter than it.
pub fn prefer_json_ld(body: &mut Vec<Block>, data: &str) {
    let words = |blocks: &[Block]| {
        blocks
            .iter()
            .map(|b| b.text().split_whitespace().count())
            .sum::<usize>()
    };
    let data_blocks: Vec<Block> = data
        .split('\n')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(Block::Paragraph)
        .collect();
    if words(&data_blocks) > 2 * words(body).max(25) {
        *body = data_blocks;
    }
}

/// Whether `node` is hidden until a script shows it: a `hidden` attribute or an inline `display: none` /
/// `visibility: hidden` style.
fn hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden")
        || node.attr("style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Shows hidden elements that hold article text (at least two paragraphs and 40 words), so Readability,
/// which skips hidden nodes, can find a body that a script would have shown. Small hidden things (menus,
/// dialogs) stay hidden. Returns whether anything was shown.
pub fn unhide_article_text(doc: &Document) -> bool {
    let mut shown = false;
    for node in doc.select("[hidden], [style]").nodes() {
        if !hidden(node) {
            continue;
        }
        let paragraphs: Vec<NodeRef<'_>> = node
            .descendants_it()
            .filter(|d| {
                d.is_element() && d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("p"))
            })
            .collect();
        let words: usize = paragraphs
            .iter()
            .map(|p| p.text().split_whitespace().count())
            .sum();
        if paragraphs.len() >= 2 && words >= 40 {
            node.remove_attr("hidden");
            node.remove_attr("style");
            shown = true;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const PARA: &str = "The council met on Tuesday and voted to rebuild the harbour wall before the winter storms arrive.";

    #[test]
    fn a_body_hidden_until_scripts_run_is_read() {
        let html = format!(
            r#"<html><head><title>Harbour wall vote in Velmar</title></head><body><article><h1>Harbour wall vote in Velmar</h1>
            <div class="paywall" style="display: none"><p>{PARA}</p><p>{PARA} Again.</p><p>{PARA} And more.</p></div>
            <div hidden><p>Accept cookies?</p></div></article></body></html>"#
        );
        let a = super::super::html::parse(&html, Path::new("x.html")).unwrap();
        let text: Vec<&str> = a.body.iter().map(Block::text).collect();
        assert!(
            text.iter().any(|t| t.starts_with("The council met")),
            "{text:?}"
        );
        assert!(
            !text.iter().any(|t| t.contains("cookies")),
            "small hidden things stay hidden"
        );
    }

    #[test]
    fn furniture_and_consent_dialogs_are_left_out() {
        let mut body = vec![
            Block::Paragraph("Share".into()),
            Block::Paragraph("By Ana Ruiz".into()),
            Block::Paragraph("November 21, 2026".into()),
            Block::Paragraph(PARA.into()),
        ];
        drop_furniture(&mut body, Some("Ana Ruiz"));
        assert_eq!(body, vec![Block::Paragraph(PARA.into())]);
        let doc = Document::from(format!(
            r#"<div id="cookie-banner"><p>We use cookies.</p></div><article><p>{PARA}</p></article>"#
        ));
        remove_consent_dialogs(&doc);
        assert!(!doc.html().contains("We use cookies"));
        assert!(doc.html().contains("The council met"));
        let doc = Document::from(
            r#"<p><span class="visually-hidden">Media caption</span>Drone footage of the wall</p>"#,
        );
        remove_consent_dialogs(&doc);
        assert!(!doc.html().contains("Media caption"));
        assert!(doc.html().contains("Drone footage"));
    }
}
