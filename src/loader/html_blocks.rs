//! HTML to the model's blocks: `p` to paragraphs, `h1`–`h6` to subheads, `img` and `figure` to images
//! with their captions, `blockquote` to quotes, `li` to list items with their number and depth, `pre` to
//! code, data tables to tables, footnotes (see `html_notes`) to footnotes at the end; links inside are
//! collected. Used for saved pages (after Readability) and for feed entries.

use dom_query::{Document, NodeRef};

use super::html_media::image;
use super::html_table::data_table;
use crate::model::{Block, Image, Link};

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
pub(super) fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An element's name in lower case ("" for other nodes).
pub(super) fn name(node: &NodeRef<'_>) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The blocks and links of an HTML fragment or document. Relative links are made absolute against `base`
/// (the page's address) when there is one, and dropped otherwise.
#[must_use]
pub fn from_html(html: &str, base: Option<&str>) -> (Vec<Block>, Vec<Link>) {
    let doc = Document::from(html);
    let base = base.and_then(|b| url::Url::parse(b).ok());
    // Footnotes first: their references become `[n]` in the text, and the notes leave the tree to be
    // listed at the end.
    let (notes, note_links) = super::html_notes::take(&doc, base.as_ref());
    let mut out = Walker {
        base,
        ..Walker::default()
    };
    let root = doc.select("body");
    match root.nodes().first() {
        Some(body) => out.children(body),
        None => out.children(&doc.root()),
    }
    out.flush();
    out.blocks.extend(notes);
    out.links.extend(note_links);
    (out.blocks, out.links)
}

/// The web link an `a` element makes (its address made absolute against `base`), when it has text and
/// leads to an http or https address.
pub(super) fn link(a: &NodeRef<'_>, base: Option<&url::Url>) -> Option<Link> {
    let href = a.attr("href")?;
    let href = href.trim();
    let url = match base {
        Some(base) => base.join(href).map(String::from).unwrap_or_default(),
        None => href.to_owned(),
    };
    // As the page shows it: no "Opens a new window" notice of its own, nothing hidden.
    let text = squeeze(&visible_text(a));
    ((url.starts_with("http://") || url.starts_with("https://")) && !text.is_empty())
        .then_some(Link { text, url })
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
    /// Pictures met inside that text, placed after it.
    pictures: Vec<Image>,
    /// The lists the walk is inside, innermost last.
    lists: Vec<ListFrame>,
}

/// A list being walked: whether it is numbered, and the next item's number.
#[derive(Clone, Copy)]
struct ListFrame {
    ordered: bool,
    next: i64,
    step: i64,
}

impl ListFrame {
    /// The list `node` (`ul`, `ol`, `menu`), numbered from its `start` (counting down when `reversed`).
    fn of(node: &NodeRef<'_>) -> Self {
        let ordered = name(node) == "ol";
        let reversed = ordered && node.has_attr("reversed");
        let items = || {
            node.element_children()
                .iter()
                .filter(|c| name(c) == "li")
                .count()
        };
        let start = node
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                if reversed {
                    i64::try_from(items()).unwrap_or(1)
                } else {
                    1
                }
            });
        Self {
            ordered,
            next: start,
            step: if reversed { -1 } else { 1 },
        }
    }

    /// The number of the item `li` (its `value` when given), and the next one counted on.
    fn number(&mut self, li: &NodeRef<'_>) -> Option<u32> {
        if !self.ordered {
            return None;
        }
        if let Some(v) = li.attr("value").and_then(|v| v.trim().parse::<i64>().ok()) {
            self.next = v;
        }
        let n = self.next;
        self.next = self.next.saturating_add(self.step);
        u32::try_from(n).ok()
    }
}

/// A programming language's name as markup gives it in a class (`language-rust`, `lang-py`,
/// `highlight-source-js`) or a `data-lang` attribute; only letters, digits and `+#-_.`.
fn language(node: &NodeRef<'_>) -> Option<String> {
    const PREFIXES: &[&str] = &["language-", "lang-", "highlight-source-", "brush:"];
    /// Longer than this is no language's name ("objective-c++" is 13).
    const MAX_LANGUAGE_CHARS: usize = 24;
    let code = node
        .element_children()
        .into_iter()
        .find(|c| name(c) == "code");
    let tidy = |s: &str| {
        let s = s.trim().trim_end_matches(';').to_ascii_lowercase();
        (!s.is_empty()
            && s.len() <= MAX_LANGUAGE_CHARS
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c)))
        .then_some(s)
    };
    std::iter::once(*node).chain(code).find_map(|n| {
        n.attr("data-lang").and_then(|l| tidy(&l)).or_else(|| {
            let class = n.attr("class")?;
            class.split_whitespace().find_map(|token| {
                let lower = token.to_ascii_lowercase();
                PREFIXES
                    .iter()
                    .find_map(|p| lower.strip_prefix(p).and_then(tidy))
            })
        })
    })
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

/// What a link says of itself for screen readers, in an element of its own beside the link's words
/// ("said<span>Opens a new window</span>"): hidden or an icon on screen, run into the sentence in text.
const LINK_NOTICES: &[&str] = &[
    "opens a new window",
    "opens in a new window",
    "opens in new window",
    "opens a new tab",
    "opens in a new tab",
    "opens in new tab",
    "link opens in a new window",
    "link opens in a new tab",
    "external link",
];

/// Whether `node` is only a link's notice of itself (see [`LINK_NOTICES`]).
fn link_notice(node: &NodeRef<'_>) -> bool {
    let mut children = node.children_it(false);
    let (Some(only), None) = (children.next(), children.next()) else {
        return false;
    };
    if !only.is_text() {
        return false;
    }
    let text = only.text();
    let text = text.trim().trim_matches(['(', ')', '[', ']']).trim();
    text.len() <= 30 && LINK_NOTICES.iter().any(|n| text.eq_ignore_ascii_case(n))
}

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
        self.blocks
            .extend(self.pictures.drain(..).map(Block::Image));
    }

    /// The pictures inside `node`, to follow the text it gives.
    fn pictures_in(&mut self, node: &NodeRef<'_>) {
        let base = self.base.clone();
        self.pictures.extend(
            node.descendants_it()
                .filter(|d| d.is_element() && !d.has_attr("hidden"))
                .filter_map(|d| image(&d, base.as_ref())),
        );
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
        let base = self.base.as_ref();
        self.links
            .extend(found.iter().filter_map(|a| link(a, base)));
    }

    fn push_text(&mut self, node: &NodeRef<'_>, make: impl FnOnce(String) -> Block) {
        self.flush();
        let text = squeeze(&visible_text(node));
        if !text.is_empty() {
            let block = make(text);
            // A figure set large above the words that finish its sentence (a statistic box's "68%" and
            // "of adults read…"): one sentence, as a reader takes it, where alone the figure says nothing.
            if let (Block::Paragraph(text), Some(Block::Paragraph(lead))) =
                (&block, self.blocks.last_mut())
                && is_lead_figure(lead)
                && text.chars().next().is_some_and(char::is_lowercase)
            {
                lead.push(' ');
                lead.push_str(text);
            } else {
                self.blocks.push(block);
            }
        }
        self.collect_links(node);
        self.pictures_in(node);
        self.flush();
    }

    /// A walker for what is inside `node`, in the same lists, its blocks to be taken over.
    fn inner(&self) -> Walker {
        Walker {
            base: self.base.clone(),
            depth: self.depth,
            lists: self.lists.clone(),
            ..Walker::default()
        }
    }

    /// A list item, numbered in its list and as deep as the lists it is in. An item holding blocks
    /// (paragraphs, a list nested in it) gives its leading text as the item, then the blocks.
    fn list_item(&mut self, node: &NodeRef<'_>) {
        self.flush();
        let number = self.lists.last_mut().and_then(|l| l.number(node));
        let depth = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
        let item = |text| Block::ListItem {
            text,
            number,
            depth,
        };
        if !has_block_child(node) {
            self.push_text(node, item);
            return;
        }
        let mut inner = self.inner();
        inner.children(node);
        inner.flush();
        let lead = inner
            .blocks
            .iter()
            .take_while(|b| matches!(b, Block::Paragraph(_)))
            .count();
        let text = inner
            .blocks
            .drain(..lead)
            .map(|b| b.text().to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() {
            self.blocks.push(item(text));
        }
        self.blocks.append(&mut inner.blocks);
        self.links.append(&mut inner.links);
    }

    /// A figure: its pictures, the last with the caption; with no picture, the caption alone; with no
    /// caption, its content block by block.
    fn figure(&mut self, node: &NodeRef<'_>) {
        self.flush();
        let caption = node
            .descendants_it()
            .find(|d| d.is_element() && name(d) == "figcaption");
        let Some(caption) = caption else {
            self.children(node);
            self.flush();
            return;
        };
        let in_caption = |d: &NodeRef<'_>| d.ancestors_it(None).any(|a| a.id == caption.id);
        let base = self.base.clone();
        let mut pictures: Vec<Image> = node
            .descendants_it()
            .filter(|d| d.is_element() && !in_caption(d))
            .filter_map(|d| image(&d, base.as_ref()))
            .collect();
        let (text, credit) = caption_parts(&caption);
        match pictures.last_mut() {
            Some(last) => {
                last.caption = text;
                last.credit = credit;
                self.blocks.extend(pictures.into_iter().map(Block::Image));
            }
            None if !text.is_empty() || credit.is_some() => {
                self.blocks.push(Block::Caption { text, credit });
            }
            None => {}
        }
        self.collect_links(&caption);
    }

    fn node(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            push_run(&mut self.loose, &node.text());
            return;
        }
        if !node.is_element() {
            return;
        }
        if node.has_attr("hidden") || screen_reader_only(node) || link_notice(node) {
            return;
        }
        let tag = name(node);
        match tag.as_str() {
            "img" | "picture" => {
                // Inside a run of text, it follows the paragraph the text makes.
                self.pictures_in(node);
                if let Some(picture) = image(node, self.base.as_ref()) {
                    self.pictures.push(picture);
                }
            }
            t if SKIPPED.contains(&t) => {}
            "br" => self.loose.push(' '),
            "p" | "dt" | "dd" | "address" | "summary" if !has_block_child(node) => {
                self.push_text(node, Block::Paragraph);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.push_text(node, Block::Subhead),
            "ul" | "ol" | "menu" => {
                self.flush();
                self.lists.push(ListFrame::of(node));
                self.children(node);
                self.lists.pop();
                self.flush();
            }
            "li" => self.list_item(node),
            "table" => {
                self.flush();
                if let Some(table) = data_table(node) {
                    self.blocks.push(Block::Table(table));
                    self.collect_links(node);
                } else {
                    // A table laying out the page: its rows, block by block.
                    self.children(node);
                    self.flush();
                }
            }
            "pre" => {
                self.flush();
                // Lines broken with <br> keep their breaks (node.text() would run them together).
                let text = preformatted_text(node).trim_end().to_owned();
                if !text.trim().is_empty() {
                    self.blocks.push(Block::Preformatted {
                        text,
                        language: language(node),
                    });
                }
            }
            "blockquote" => {
                self.flush();
                let mut inner = self.inner();
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
            "figure" => self.figure(node),
            "figcaption" => self.caption(node),
            "tr" => self.push_text_joined(node),
            t if BLOCKS.contains(&t) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            "a" => {
                self.collect_links(node);
                push_run(&mut self.loose, &visible_text(node));
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
                    push_run(&mut self.loose, &visible_text(node));
                }
            }
        }
    }

    /// A caption met outside a figure.
    fn caption(&mut self, node: &NodeRef<'_>) {
        self.flush();
        let (text, credit) = caption_parts(node);
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

/// A figure that leads a statistic is short: "68%", "$1.2bn", "3 in 4".
const LEAD_FIGURE_MAX_CHARS: usize = 12;

/// Whether `t` is a figure standing alone, the way a statistic box sets one above its words: digits and
/// the signs around them, at most a short word ("3 in 4", "£2.5bn").
fn is_lead_figure(t: &str) -> bool {
    t.chars().count() <= LEAD_FIGURE_MAX_CHARS
        && t.chars()
            .next()
            .is_some_and(|c| c.is_numeric() || currency_sign(c))
        && t.chars().any(char::is_numeric)
        && t.split_whitespace().count() <= 3
}

/// Whether `c` is a currency sign a figure may open with.
fn currency_sign(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '¢')
}

/// Appends a run of text from another node to `out`. Markup sets runs side by side with no space where
/// its style sets them apart (a statistic's `<span>68%</span><span>of…</span>`, a hidden label's
/// `Media caption` before `Drone footage`): a space goes between a percentage and a word, and between a
/// lower-case letter and a capitalised word. Other joins are the text's own: a drop cap's "T" + "urkey",
/// "2" + "nd", "example." + "com".
fn push_run(out: &mut String, run: &str) {
    let (Some(before), Some(after)) = (out.chars().next_back(), run.chars().next()) else {
        out.push_str(run);
        return;
    };
    // "Drone", "A drone": not "PDF", nor "Phone" after a lone "i" (a word must come before).
    let capitalised_word = || {
        let mut chars = run.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars
                .next()
                .is_none_or(|c| c.is_lowercase() || c.is_whitespace())
    };
    let word_before = out
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .nth(1)
        .is_some();
    let apart = (before == '%' && after.is_alphabetic())
        || (before.is_lowercase() && word_before && capitalised_word());
    if apart {
        out.push(' ');
    }
    out.push_str(run);
}

/// Words that label a credit the markup already marks as one ("Credit", shown and again for screen
/// readers: "`CreditCredit` Name/Agency"). They are dropped from its front; "Photo: …" and "Photo by …"
/// stay, as they say what the credit is for.
const CREDIT_LABEL_WORDS: &[&str] = &["credit", "credits"];

/// A caption's text and its credit, split off when the markup marks it (`cite`, `.credit`, `.copyright`,
/// schema.org's `itemprop="copyrightHolder"` or `"creditText"`).
fn caption_parts(node: &NodeRef<'_>) -> (String, Option<String>) {
    let marked = |v: Option<String>| {
        v.is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("credit") || c.contains("copyright")
        })
    };
    let credit_node = node.descendants_it().find(|d| {
        d.is_element()
            && (name(d) == "cite"
                || marked(d.class().map(|c| c.to_string()))
                || marked(d.attr("itemprop").map(|c| c.to_string())))
    });
    let credit = credit_node
        .as_ref()
        .map(|c| squeeze(&visible_text(c)))
        .filter(|c| !c.is_empty());
    let mut text = squeeze(&visible_text(node));
    if let Some(c) = &credit {
        text = squeeze(&text.replacen(c.as_str(), "", 1));
    }
    let credit = credit.map(|c| unlabelled(&c)).filter(|c| !c.is_empty());
    (text, credit)
}

/// A credit without the label words at its front ("Credit Credit Jo Bloggs/Agency").
fn unlabelled(credit: &str) -> String {
    let mut rest = credit;
    loop {
        let trimmed =
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '…' | ':'));
        let word_end = trimmed
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        let labelled = CREDIT_LABEL_WORDS
            .iter()
            .any(|l| word.eq_ignore_ascii_case(l));
        // A label, then the name: never the whole credit.
        if !labelled || trimmed[word_end..].trim().is_empty() {
            return trimmed.to_owned();
        }
        rest = &trimmed[word_end..];
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
pub(super) fn visible_text(node: &NodeRef<'_>) -> String {
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
            push_run(&mut out, &d.text());
        } else if d.is_element() {
            let n = name(&d);
            if SKIPPED.contains(&n.as_str())
                || d.has_attr("hidden")
                || screen_reader_only(&d)
                || link_notice(&d)
            {
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
                Block::Image(Image {
                    alt: String::new(),
                    source: "a.jpg".into(),
                    url: None,
                    caption: "Flooded streets".into(),
                    credit: Some("Photo: Ana Ruiz".into())
                }),
                Block::Quote("We lost everything.".into()),
                Block::item("One"),
                Block::item("Two link"),
                Block::preformatted("  code\n  block"),
                Block::Table(crate::model::Table {
                    header: vec![],
                    rows: vec![vec!["A".into(), "B".into()]],
                    caption: None
                }),
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
        // A cell holding a block is page layout: its row is one paragraph.
        let mixed = "<table><tr><td><span>a<div>b</div>c<br>d<script>x</script></span></td><td>e</td></tr></table>";
        assert_eq!(
            from_html(mixed, None).0,
            vec![Block::Paragraph("ab c d | e".into())]
        );
    }

    #[test]
    fn runs_set_apart_by_style_are_spaced_and_words_split_by_markup_are_not() {
        let text = |html: &str| {
            let (blocks, _) = from_html(html, None);
            blocks
                .iter()
                .map(|b| b.text().to_owned())
                .collect::<Vec<_>>()
        };
        // A statistic's figure and words, a hidden label before a caption's first word.
        assert_eq!(
            text("<p><span>68%</span><span>of adults</span></p>"),
            ["68% of adults"]
        );
        assert_eq!(
            text("<p><span>Media caption</span>Drone footage</p>"),
            ["Media caption Drone footage"]
        );
        assert_eq!(
            text("<p><span>caption</span>A drone</p>"),
            ["caption A drone"]
        );
        // A drop cap, an ordinal, a brand, a domain, a lone letter: joined as written.
        assert_eq!(text("<p><span>T</span>urkey</p>"), ["Turkey"]);
        assert_eq!(text("<p>the 2<sup>nd</sup> day</p>"), ["the 2nd day"]);
        assert_eq!(text("<p>an i<b>Phone</b></p>"), ["an iPhone"]);
        assert_eq!(text("<p>example.<b>com</b></p>"), ["example.com"]);
    }

    #[test]
    fn a_figure_set_above_its_words_joins_them() {
        let (blocks, _) = from_html(
            "<div><p><span>68%</span></p><p>of adults read the news each day.</p></div>\
             <div><p>2026</p><p>The year began.</p></div>",
            None,
        );
        let texts: Vec<&str> = blocks.iter().map(Block::text).collect();
        assert_eq!(
            texts,
            [
                "68% of adults read the news each day.",
                "2026",
                "The year began."
            ]
        );
    }

    #[test]
    fn a_links_notice_of_itself_is_not_text() {
        let (blocks, _) = from_html(
            r#"<p>The company <a href="https://x.example/">said<span class="icon">Opens a new window</span></a> so.</p>"#,
            None,
        );
        assert_eq!(blocks[0].text(), "The company said so.");
    }

    #[test]
    fn a_marked_credit_loses_its_label_words() {
        let (blocks, _) = from_html(
            r#"<figure><img src="a.jpg"><figcaption><span>Cables under repair.</span><span itemprop="copyrightHolder"><span>Credit</span><span><span>Credit</span><span>Chang Lee/The Times</span></span></span></figcaption></figure>
               <figure><img src="b.jpg"><figcaption>The mayor. <cite>Photo by Jo Bloggs</cite></figcaption></figure>"#,
            None,
        );
        assert_eq!(blocks[0].credit(), Some("Chang Lee/The Times"));
        assert_eq!(blocks[0].text(), "Cables under repair.");
        assert_eq!(blocks[1].credit(), Some("Photo by Jo Bloggs"));
    }

    #[test]
    fn hidden_and_nested_content() {
        let (blocks, _) = from_html(
            "<p hidden>secret</p><div><div><p>deep</p></div></div><li><p>a</p><p>b</p></li>",
            None,
        );
        assert_eq!(
            blocks,
            vec![Block::Paragraph("deep".into()), Block::item("a b"),]
        );
    }

    #[test]
    fn lists_keep_their_numbers_and_nesting() {
        let html = r#"<ol start="3"><li>Three</li><li>Four<ul><li>Inner <b>a</b></li><li><p>Inner b</p><ol><li>Deep</li></ol></li></ul></li>
            <li value="9">Nine</li></ol><ol reversed><li>Two</li><li>One</li></ol>"#;
        let items: Vec<(String, Option<u32>, u8)> = from_html(html, None)
            .0
            .into_iter()
            .map(|b| match b {
                Block::ListItem {
                    text,
                    number,
                    depth,
                } => (text, number, depth),
                other => panic!("{other:?}"),
            })
            .collect();
        let want = [
            ("Three", Some(3), 0),
            ("Four", Some(4), 0),
            ("Inner a", None, 1),
            ("Inner b", None, 1),
            ("Deep", Some(1), 2),
            ("Nine", Some(9), 0),
            ("Two", Some(2), 0),
            ("One", Some(1), 0),
        ];
        let want: Vec<(String, Option<u32>, u8)> = want
            .iter()
            .map(|(t, n, d)| ((*t).to_owned(), *n, *d))
            .collect();
        assert_eq!(items, want);
    }

    #[test]
    fn pictures_and_code() {
        let html = r#"<p>Before <img src="x/one.png" alt="One"> after.</p><img src="two.png">
            <figure><img src="three.png" alt="Three"><img src="four.png"><figcaption>Both <cite>AP</cite></figcaption></figure>
            <pre><code class="hljs language-Rust">fn main() {}</code></pre>"#;
        let (blocks, _) = from_html(html, Some("https://n.test/a/"));
        let kinds: Vec<&str> = blocks.iter().map(Block::kind).collect();
        assert_eq!(
            kinds,
            [
                "paragraph",
                "image",
                "image",
                "image",
                "image",
                "preformatted"
            ]
        );
        assert_eq!(blocks[0].text(), "Before after.");
        let Block::Image(one) = &blocks[1] else {
            unreachable!()
        };
        assert_eq!(
            (one.alt.as_str(), one.url.as_deref()),
            ("One", Some("https://n.test/a/x/one.png"))
        );
        assert_eq!((blocks[4].text(), blocks[4].credit()), ("Both", Some("AP")));
        assert_eq!(blocks[3].text(), "");
        assert_eq!(
            blocks[5],
            Block::Preformatted {
                text: "fn main() {}".into(),
                language: Some("rust".into())
            }
        );
    }
}
