//! Second chances for pages where Readability alone reads too little: a body hidden until scripts run, a
//! body kept only as JSON-LD data, and a standfirst (the summary under the headline) left out.

use dom_query::{Document, NodeRef};

use crate::model::Block;

pub use super::furniture::drop_furniture;
use crate::text::fold::fold;

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

/// Removes consent dialogs (cookie walls) before the article is looked for.
pub fn remove_consent_dialogs(doc: &Document) {
    let marked = |v: Option<&str>| {
        v.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            CONSENT_MARKERS.iter().any(|m| v.contains(m))
        })
    };
    for node in doc.select("[class], [id]").nodes() {
        // A dialog is short; a container of the whole page that happens to carry such a class is not.
        // (The text is counted only for marked elements: counting it for every one would be quadratic.)
        if (marked(node.attr("class").as_deref()) || marked(node.attr("id").as_deref()))
            && node.text().split_whitespace().count() < 400
        {
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

/// The page's description when the page also shows it as text (the standfirst under the headline).
pub fn visible_standfirst(doc: &Document) -> Option<String> {
    let description = ["meta[name=description]", "meta[property='og:description']"]
        .iter()
        .find_map(|sel| {
            let d = doc
                .select(sel)
                .nodes()
                .first()?
                .attr("content")?
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (d.split_whitespace().count() >= 8).then_some(d)
        })?;
    let wanted = fold(&description);
    // Paragraphs, subtitles and elements named like a standfirst: not every div, whose text would be
    // gathered again for each of its ancestors.
    let candidates = doc.select(
        "p, h2, [class*=standfirst], [class*=dek], [class*=subtitle], [class*=summary], [class*=lede], [class*=intro]",
    );
    let shown = candidates.nodes().iter().any(|n| {
        let t = n.text();
        let len = t.len();
        len >= wanted.len().saturating_sub(4) && len <= wanted.len() + 40 && fold(&t) == wanted
    });
    shown.then_some(description)
}

/// Puts the standfirst first in `body` when the body does not already have it.
pub fn keep_standfirst(body: &mut Vec<Block>, standfirst: String) {
    let wanted = fold(&standfirst);
    if body.iter().any(|b| fold(b.text()).contains(&wanted)) {
        return;
    }
    body.insert(0, Block::Paragraph(standfirst));
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
    }

    #[test]
    fn a_standfirst_left_out_is_put_back() {
        let lead =
            "Engineers say the new wall will keep the old quarter dry for a century of storms.";
        let body = format!("<p>{PARA}</p>").repeat(5);
        let html = format!(
            r#"<html><head><title>Harbour wall opens</title><meta name="description" content="{lead}"></head>
            <body><header><h1>Harbour wall opens</h1><div class="standfirst">{lead}</div></header><article>{body}</article></body></html>"#
        );
        let a = super::super::html::parse(&html, Path::new("x.html")).unwrap();
        assert_eq!(a.body[0].text(), lead);
        assert_eq!(a.body.iter().filter(|b| b.text() == lead).count(), 1);
    }
}
