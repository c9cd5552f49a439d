//! HTML to the model's blocks: `p` to paragraphs, `h1`–`h6` to subheads, `figure`/`figcaption` to captions,
//! `blockquote` to quotes, `li` to list items, `pre` to preformatted text; links inside are collected.
//! Used for saved pages (after Readability) and for feed entries.

use dom_query::{Document, NodeRef};

use crate::model::{Block, Link};

/// Elements whose content is never text of the story.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "button", "input", "select", "textarea", "form", "nav", "head", "title", "meta", "link", "img",
    "picture", "video", "audio", "source",
];

/// Elements that start a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "blockquote",
    "ul",
    "ol",
    "li",
    "pre",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "center",
];

/// Collapses runs of whitespace to single spaces and trims.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn name(node: &NodeRef<'_>) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The blocks and links of an HTML fragment or document. Relative links are made absolute against `base`
/// (the page's address) when there is one, and dropped otherwise.
#[must_use]
pub fn from_html(html: &str, base: Option<&str>) -> (Vec<Block>, Vec<Link>) {
    let doc = Document::from(html);
    let mut out = Walker {
        base: base.and_then(|b| url::Url::parse(b).ok()),
        ..Walker::default()
    };
    let root = doc.select("body");
    match root.nodes().first() {
        Some(body) => out.children(body),
        None => out.children(&doc.root()),
    }
    out.flush();
    (out.blocks, out.links)
}

/// Below this depth the walk stops descending and takes a subtree's text as one paragraph, so a page
/// nested thousands of elements deep cannot exhaust the stack.
const MAX_DEPTH: usize = 200;

/// How deep the elements of `doc` nest, counting no further than `limit`.
#[must_use]
pub fn depth(doc: &Document, limit: usize) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        if deepest > limit {
            break;
        }
        stack.extend(
            node.children_it(false)
                .filter(NodeRef::is_element)
                .map(|c| (c, d + 1)),
        );
    }
    deepest
}

/// Walks the tree, gathering loose inline text into paragraphs between blocks.
#[derive(Default)]
struct Walker {
    depth: usize,
    /// The address relative links are resolved against.
    base: Option<url::Url>,
    blocks: Vec<Block>,
    links: Vec<Link>,
    /// Inline text met outside any block element, waiting to become a paragraph.
    loose: String,
}

/// Class and id fragments of text shown only to screen readers ("Media caption", "Image source"): read
/// aloud, never seen, and run into the visible text beside them.
const SCREEN_READER_ONLY: &[&str] = &[
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader",
    "screenreader",
    "off-screen",
    "offscreen",
    "a11y-hidden",
];

/// Whether `node` is text for screen readers only.
#[must_use]
pub fn screen_reader_only(node: &NodeRef<'_>) -> bool {
    // Most elements carry no class or id, and most names hold no such fragment: no text is copied.
    let marked = |v: &str| {
        v.as_bytes().windows(6).any(|w| {
            w.eq_ignore_ascii_case(b"sr-onl")
                || w.eq_ignore_ascii_case(b"visual")
                || w.eq_ignore_ascii_case(b"screen")
                || w.eq_ignore_ascii_case(b"-scree")
                || w.eq_ignore_ascii_case(b"offscr")
                || w.eq_ignore_ascii_case(b"y-hidd")
        }) && {
            let v = v.to_ascii_lowercase();
            SCREEN_READER_ONLY.iter().any(|m| v.contains(m))
        }
    };
    node.attr("class").is_some_and(|v| marked(&v)) || node.attr("id").is_some_and(|v| marked(&v))
}

impl Walker {
    fn flush(&mut self) {
        let text = squeeze(&self.loose);
        self.loose.clear();
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    fn children(&mut self, node: &NodeRef<'_>) {
        if self.depth >= MAX_DEPTH {
            // Too deep to walk: the whole subtree's text, gathered without recursion.
            let text: String = node
                .descendants_it()
                .filter(NodeRef::is_text)
                .map(|d| d.text().to_string())
                .collect::<Vec<_>>()
                .join(" ");
            self.loose.push_str(&text);
            self.flush();
            return;
        }
        self.depth += 1;
        for child in node.children_it(false) {
            self.node(&child);
        }
        self.depth -= 1;
    }

    fn collect_links(&mut self, node: &NodeRef<'_>) {
        let mut found = Vec::new();
        if name(node) == "a" {
            found.push(*node);
        }
        found.extend(
            node.descendants_it()
                .filter(|d| d.is_element() && name(d) == "a"),
        );
        for a in found {
            if let Some(href) = a.attr("href") {
                let href = href.trim();
                let url = match &self.base {
                    Some(base) => base.join(href).map(String::from).unwrap_or_default(),
                    None => href.to_owned(),
                };
                let text = squeeze(&a.text());
                if (url.starts_with("http://") || url.starts_with("https://")) && !text.is_empty() {
                    self.links.push(Link { text, url });
                }
            }
        }
    }

    fn push_text(&mut self, node: &NodeRef<'_>, make: fn(String) -> Block) {
        self.flush();
        let text = squeeze(&visible_text(node));
        if !text.is_empty() {
            self.blocks.push(make(text));
        }
        self.collect_links(node);
    }

    fn node(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            self.loose.push_str(&node.text());
            return;
        }
        if !node.is_element() {
            return;
        }
        if node.has_attr("hidden") || screen_reader_only(node) {
            return;
        }
        let tag = name(node);
        match tag.as_str() {
            t if SKIPPED.contains(&t) => {}
            "br" => self.loose.push(' '),
            "p" | "dt" | "dd" | "address" | "summary" if !has_block_child(node) => {
                self.push_text(node, Block::Paragraph);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.push_text(node, Block::Subhead),
            "li" if !has_block_child(node) => self.push_text(node, Block::ListItem),
            "pre" => {
                self.flush();
                // Lines broken with <br> keep their breaks (node.text() would run them together).
                let text = preformatted_text(node).trim_end().to_owned();
                if !text.trim().is_empty() {
                    self.blocks.push(Block::Preformatted(text));
                }
            }
            "blockquote" => {
                self.flush();
                let mut inner = Walker {
                    base: self.base.clone(),
                    depth: self.depth,
                    ..Walker::default()
                };
                inner.children(node);
                inner.flush();
                for b in inner.blocks {
                    let text = b.text().to_owned();
                    self.blocks.push(match b {
                        Block::Paragraph(_) => Block::Quote(text),
                        other => other,
                    });
                }
                self.links.extend(inner.links);
            }
            "figure" => {
                self.flush();
                let caption = node
                    .descendants_it()
                    .find(|d| d.is_element() && name(d) == "figcaption");
                match caption {
                    Some(c) => self.caption(&c),
                    // A figure of text (a pull quote, a table): its content, block by block.
                    None => self.children(node),
                }
            }
            "figcaption" => self.caption(node),
            "tr" => self.push_text_joined(node),
            t if BLOCKS.contains(&t) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            "a" => {
                self.collect_links(node);
                self.loose.push_str(&visible_text(node));
            }
            _ => {
                // Inline elements (span, em, strong, …) and unknown ones: their text joins the current run,
                // unless they hold blocks of their own.
                if has_block_child(node) {
                    self.flush();
                    self.children(node);
                    self.flush();
                } else {
                    self.collect_links(node);
                    self.loose.push_str(&visible_text(node));
                }
            }
        }
    }

    /// A caption, its credit split off when the markup marks it (`cite`, `.credit`, `.copyright`).
    fn caption(&mut self, node: &NodeRef<'_>) {
        self.flush();
        let credit_node = node.descendants_it().find(|d| {
            d.is_element()
                && (name(d) == "cite"
                    || d.class().is_some_and(|c| {
                        let c = c.to_ascii_lowercase();
                        c.contains("credit") || c.contains("copyright")
                    }))
        });
        let credit = credit_node
            .as_ref()
            .map(|c| squeeze(&c.text()))
            .filter(|c| !c.is_empty());
        let mut text = squeeze(&visible_text(node));
        if let Some(c) = &credit {
            text = squeeze(&text.replacen(c.as_str(), "", 1));
        }
        if !text.is_empty() || credit.is_some() {
            self.blocks.push(Block::Caption { text, credit });
        }
        self.collect_links(node);
    }

    /// A table row as one paragraph, its cells separated by " | ".
    fn push_text_joined(&mut self, node: &NodeRef<'_>) {
        self.flush();
        let cells: Vec<String> = node
            .element_children()
            .iter()
            .map(|c| squeeze(&visible_text(c)))
            .filter(|t| !t.is_empty())
            .collect();
        if !cells.is_empty() {
            self.blocks.push(Block::Paragraph(cells.join(" | ")));
        }
        self.collect_links(node);
    }
}

/// The text of a `pre` element, a `<br>` as a line break, a block inside it (Readability turns `<br><br>`
/// into a paragraph) on a line of its own.
fn preformatted_text(node: &NodeRef<'_>) -> String {
    let mut out = String::new();
    for d in node.descendants_it() {
        if d.is_text() {
            out.push_str(&d.text());
        } else if d.is_element() {
            let n = name(&d);
            if n == "br"
                || (BLOCKS.contains(&n.as_str()) && !out.is_empty() && !out.ends_with('\n'))
            {
                out.push('\n');
            }
        }
    }
    out
}

/// Whether `node` holds block elements (so it is not one paragraph).
fn has_block_child(node: &NodeRef<'_>) -> bool {
    node.descendants_it()
        .any(|d| d.is_element() && BLOCKS.contains(&name(&d).as_str()) && name(&d) != "br")
}

/// The text of `node` without the text of skipped elements (scripts, styles, buttons). Walked with a
/// stack of its own, not by recursion, so no nesting can exhaust the thread's stack.
fn visible_text(node: &NodeRef<'_>) -> String {
    /// What is left to do, last first.
    enum Step<'a> {
        Node(NodeRef<'a>),
        /// The space that sets a block apart from what follows it.
        Space,
    }
    let mut out = String::new();
    let mut steps: Vec<Step<'_>> = node.children_it(true).map(Step::Node).collect();
    while let Some(step) = steps.pop() {
        let d = match step {
            Step::Space => {
                out.push(' ');
                continue;
            }
            Step::Node(d) => d,
        };
        if d.is_text() {
            out.push_str(&d.text());
        } else if d.is_element() {
            let n = name(&d);
            if SKIPPED.contains(&n.as_str()) || d.has_attr("hidden") || screen_reader_only(&d) {
                continue;
            }
            if n == "br" {
                out.push(' ');
            } else {
                // Inline elements run on (`<em>rain</em>.`); blocks inside are set apart.
                if BLOCKS.contains(&n.as_str()) {
                    steps.push(Step::Space);
                }
                steps.extend(d.children_it(true).map(Step::Node));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_map_to_blocks() {
        let html = r#"<div><h2>Rivers rise</h2><p>Heavy <em>rain</em> fell.<script>x()</script></p>
            loose text here
            <figure><img src="a.jpg"><figcaption>Flooded streets <span class="credit">Photo: Ana Ruiz</span></figcaption></figure>
            <blockquote><p>We lost everything.</p></blockquote>
            <ul><li>One</li><li>Two <a href="https://x.test/two">link</a></li></ul>
            <pre>  code
  block</pre><table><tr><td>A</td><td>B</td></tr></table></div>"#;
        let (blocks, links) = from_html(html, None);
        assert_eq!(
            blocks,
            vec![
                Block::Subhead("Rivers rise".into()),
                Block::Paragraph("Heavy rain fell.".into()),
                Block::Paragraph("loose text here".into()),
                Block::Caption {
                    text: "Flooded streets".into(),
                    credit: Some("Photo: Ana Ruiz".into())
                },
                Block::Quote("We lost everything.".into()),
                Block::ListItem("One".into()),
                Block::ListItem("Two link".into()),
                Block::Preformatted("  code\n  block".into()),
                Block::Paragraph("A | B".into()),
            ]
        );
        assert_eq!(
            links,
            vec![Link {
                text: "link".into(),
                url: "https://x.test/two".into()
            }]
        );
    }

    #[test]
    fn relative_links_are_made_absolute() {
        let html = r#"<p><a href="/2026/other.html">other story</a> <a href="//cdn.example/y">cdn</a> <a href="mailto:x@y">mail</a></p>"#;
        let (_, links) = from_html(html, Some("https://news.example/2026/story.html"));
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/2026/other.html",
                "https://cdn.example/y"
            ]
        );
        assert_eq!(from_html(html, None).1.len(), 0);
    }

    #[test]
    fn text_nested_past_any_stack_is_read() {
        // Recursion overflowed the stack here (an abort, not a panic) on HTML nested ~9,300 deep.
        let deep = format!(
            "<p>{}deep text{}</p>",
            "<span>".repeat(50_000),
            "</span>".repeat(50_000)
        );
        let (blocks, _) = from_html(&deep, None);
        assert_eq!(blocks, vec![Block::Paragraph("deep text".into())]);
        let mixed = "<table><tr><td><span>a<div>b</div>c<br>d<script>x</script></span></td><td>e</td></tr></table>";
        assert_eq!(
            from_html(mixed, None).0,
            vec![Block::Paragraph("ab c d | e".into())]
        );
    }

    #[test]
    fn hidden_and_nested_content() {
        let (blocks, _) = from_html(
            "<p hidden>secret</p><div><div><p>deep</p></div></div><li><p>a</p><p>b</p></li>",
            None,
        );
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph("deep".into()),
                Block::Paragraph("a".into()),
                Block::Paragraph("b".into())
            ]
        );
    }
}
