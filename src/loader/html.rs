//! Saved HTML pages: the main content found by a Readability port (`dom_smoothie`), mapped to blocks, with the
//! page's own metadata (headline, byline, date, section, canonical URL, site name).

use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::dateline::parse_date;
use super::{html_blocks, html_head, html_rescue as rescue};
use crate::model::{Article, ArticleId, Block, Format, Headline, RelatedLink};

/// Deeper nesting than this is not a news page (browsers stop at 512). The raw text was checked against
/// the same bound before parsing; this catches what that rough count missed.
const MAX_READABLE_DEPTH: usize = super::bounds::MAX_DEPTH;

/// Why a saved page gives no story.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The HTML could not be parsed at all.
    #[error("not readable HTML: {0}")]
    NotHtml(#[source] dom_smoothie::ReadabilityError),
    /// The parsed page nests too deep to be read in reasonable time.
    #[error("nested more than {limit} elements deep; not read")]
    TooDeep {
        /// The limit it broke.
        limit: usize,
    },
    /// Readability found no article in the page.
    #[error("no article found in the page: {0}")]
    NoArticle(#[source] dom_smoothie::ReadabilityError),
}

/// What the page says about itself in its head.
#[derive(Default)]
struct PageMeta {
    url: Option<String>,
    /// `<base href>`, which relative links are resolved against.
    base: Option<String>,
    section: Option<String>,
    site: Option<String>,
    published: Option<String>,
    /// The page's `h1` headings, in order (the headline it prints is one of them).
    headings: Vec<String>,
    /// The generator named in a meta tag ("escenic"), which is no headline.
    generator: Option<String>,
}

/// The `h1` headings read from a page: a page prints its headline in one of the first.
const MAX_HEADINGS: usize = 4;

fn meta_content(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|sel| {
        let s = doc.select(sel);
        let node = *s.nodes().first()?;
        let value = node
            .attr("content")
            .or_else(|| node.attr("href"))
            .or_else(|| node.attr("datetime"))?;
        let v = value.trim().to_owned();
        (!v.is_empty()).then_some(v)
    })
}

impl PageMeta {
    fn read(doc: &Document) -> Self {
        let url = meta_content(doc, &["link[rel=canonical]", "meta[property='og:url']"])
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        let section = meta_content(
            doc,
            &[
                "meta[property='article:section']",
                "meta[name=section]",
                "meta[name='article:section']",
            ],
        )
        // A path ("/world/middle_east") is not a section name; breadcrumbs may have the name.
        .filter(|s| !s.starts_with('/'))
        .or_else(|| breadcrumb_section(doc));
        let site = meta_content(
            doc,
            &[
                "meta[property='og:site_name']",
                "meta[name='application-name']",
            ],
        );
        let published = meta_content(
            doc,
            &[
                "meta[property='article:published_time']",
                "meta[name=date]",
                "meta[itemprop=datePublished]",
                "time[datetime]",
            ],
        );
        let headings = doc
            .select("h1")
            .nodes()
            .iter()
            .take(MAX_HEADINGS)
            .map(|h| h.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .collect();
        let generator = meta_content(doc, &["meta[name=generator]"]);
        let base = meta_content(doc, &["base[href]"])
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        Self {
            url,
            base,
            section,
            site,
            published,
            headings,
            generator,
        }
    }
}

/// Headings that open a page's own list of related stories.
const RELATED_HEADINGS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "more on this story",
    "more on this topic",
    "read more",
    "you may also like",
    "more stories",
];

/// The related list the sidebar shows, printed again in the body: its teasers (as list items or
/// paragraphs of their own) and its heading leave the body, once the list is in the sidebar.
fn drop_related_echo(body: &mut Vec<Block>, related: &[RelatedLink]) {
    use crate::text::fold::fold;
    if related.is_empty() {
        return;
    }
    let teasers: std::collections::HashSet<String> =
        related.iter().map(|r| fold(&r.text)).collect();
    body.retain(|b| {
        let (Block::ListItem { text, .. } | Block::Paragraph(text) | Block::Subhead(text)) = b
        else {
            return true;
        };
        if text.len() > 200 {
            return true;
        }
        // A "Read more: …" line inside the story stays: the publisher set it in the text, where it reads.
        let folded = fold(text);
        !(RELATED_HEADINGS.contains(&folded.trim_end_matches(':')) || teasers.contains(&folded))
    });
}

/// The page's own "Related" or "More on this story" lists: the links in the section a matching heading opens.
fn related_lists(doc: &Document) -> Vec<RelatedLink> {
    let mut out: Vec<RelatedLink> = Vec::new();
    let headings = doc.select("h2, h3, h4, h5, h6, strong, b, p, span, div");
    for h in headings.nodes() {
        // Cheap checks first: a heading holds at most two elements and little text. (Gathering the text of
        // every div would cost as much again for each of its ancestors.)
        if h.element_children().len() > 2 {
            continue;
        }
        // Headings' own text; for paragraphs and boxes only the text directly inside them (a "Read more:"
        // inside <strong> is met as the strong element itself).
        let own = h
            .node_name()
            .is_some_and(|n| matches!(n.to_ascii_lowercase().as_str(), "p" | "span" | "div"));
        let raw = if own { h.immediate_text() } else { h.text() };
        if raw.len() > 60 {
            continue;
        }
        let text = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let text = text.trim_end_matches(':');
        if !RELATED_HEADINGS.contains(&text) {
            continue;
        }
        // The list is what follows the heading (its next element, or its parent's when the heading is wrapped),
        // not the whole container: a "Read more:" inside a body must not sweep up the body's links.
        let Some(section) = h
            .next_element_sibling()
            .or_else(|| h.parent().and_then(|p| p.next_element_sibling()))
        else {
            continue;
        };
        let anchors = section
            .descendants_it()
            .filter(|d| {
                d.is_element() && d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("a"))
            })
            .count();
        if anchors > 20 {
            continue;
        }
        for a in section.descendants_it().filter(|d| {
            d.is_element() && d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("a"))
        }) {
            let Some(href) = a.attr("href") else { continue };
            let teaser = a.text().split_whitespace().collect::<Vec<_>>().join(" ");
            let url = href.trim();
            if teaser.split_whitespace().count() >= 3
                && (url.starts_with("http://") || url.starts_with("https://"))
                && !out.iter().any(|r| r.url.as_deref() == Some(url))
            {
                out.push(RelatedLink {
                    section: None,
                    text: teaser,
                    url: Some(url.to_owned()),
                    target: None,
                });
            }
        }
        if out.len() >= 12 {
            break;
        }
    }
    out.truncate(12);
    out
}

/// The section named by the page's breadcrumbs: the last crumb before the story itself (or the last one,
/// when the story is not a crumb).
fn breadcrumb_section(doc: &Document) -> Option<String> {
    let crumbs = doc.select(
        "nav[aria-label*=readcrumb] a, [class*=breadcrumb] a, ol[itemtype*=BreadcrumbList] a, [itemtype*=BreadcrumbList] [itemprop=name]",
    );
    let names: Vec<String> = crumbs
        .nodes()
        .iter()
        .map(|n| n.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty() && t.len() <= 40 && !t.eq_ignore_ascii_case("home"))
        .collect();
    names.last().cloned()
}

/// The headline without a trailing or leading site name ("Story | Site", "Site - Story").
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    for sep in [
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " :: ",
        " \u{b7} ",
        " / ",
    ] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            // A tail is a site name when it is the page's site name, or looks like one: at most three words,
            // each capitalised or a domain ("Golem.de", "BBC News"), after a headline of some length.
            let looks_like_site = tail.split_whitespace().count() <= 3
                && tail.split_whitespace().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        || w.contains('.')
                });
            let site_like = site.is_some_and(|s| tail.eq_ignore_ascii_case(s.trim()))
                || (looks_like_site && head.split_whitespace().count() >= 3);
            if site_like {
                return head.trim().to_owned();
            }
        }
        if let (Some((head, tail)), Some(s)) = (title.split_once(sep), site)
            && head.eq_ignore_ascii_case(s.trim())
        {
            return tail.trim().to_owned();
        }
    }
    title.to_owned()
}

/// Readability's settings: a generous element limit, and the class names that mark a photo credit kept
/// (Readability drops the others) for the caption mapping.
fn readability_config() -> Config {
    let credits = [
        "credit",
        "copyright",
        "photo-credit",
        "caption-credit",
        "image-credit",
        "credits",
    ];
    Config {
        max_elements_to_parse: 200_000,
        classes_to_preserve: credits.iter().map(|c| (*c).to_owned()).collect(),
        ..Config::default()
    }
}

/// Runs Readability on the page, a second time with hidden article text shown when the first run found
/// almost nothing (a body hidden until a script shows it).
fn find_article(
    text: &str,
    mut readability: Readability,
) -> Result<dom_smoothie::Article, HtmlError> {
    // Readability's cost grows with the square of the nesting depth: a page nested absurdly deep is skipped
    // with a warning rather than left to run for minutes.
    if html_blocks::depth(&readability.doc, MAX_READABLE_DEPTH) > MAX_READABLE_DEPTH {
        return Err(HtmlError::TooDeep {
            limit: MAX_READABLE_DEPTH,
        });
    }
    let first = readability.parse();
    let words = |a: &dom_smoothie::Article| a.text_content.split_whitespace().count();
    let found_words = first.as_ref().map_or(0, words);
    if found_words < 50
        && let Ok(mut again) = readable(text)
        && rescue::unhide_article_text(&again.doc)
        && let Ok(more) = again.parse()
        && words(&more) > 2 * found_words.max(25)
    {
        return Ok(more);
    }
    first.map_err(HtmlError::NoArticle)
}

/// The page parsed for Readability, with what makes `dom_smoothie` panic worked around.
fn readable(text: &str) -> Result<Readability, dom_smoothie::ReadabilityError> {
    let readability = Readability::new(text, None, Some(readability_config()))?;
    super::workaround::ascii_embeds(&readability.doc);
    Ok(readability)
}

/// Parses one saved page.
///
/// # Errors
/// When no article can be found in it.
pub fn parse(text: &str, path: &Path) -> Result<Article, HtmlError> {
    let readability = readable(text).map_err(HtmlError::NotHtml)?;
    let meta = PageMeta::read(&readability.doc);
    let related = related_lists(&readability.doc);
    let json_ld_body = rescue::json_ld_article_body(&readability.doc);
    rescue::remove_consent_dialogs(&readability.doc);
    let found = find_article(text, readability)?;
    let base = meta.base.clone().or_else(|| meta.url.clone());
    let (mut body, mut links) = html_blocks::from_html(&found.content, base.as_deref());
    // The footnotes come last: the story's own blocks are tidied without them, and they follow whatever
    // is kept.
    let notes_at = body
        .iter()
        .position(|b| matches!(b, Block::Footnote { .. }))
        .unwrap_or(body.len());
    let notes = body.split_off(notes_at);
    if let Some(data) = json_ld_body {
        rescue::prefer_json_ld(&mut body, &data);
    }
    let (byline, byline_date) = found
        .byline
        .as_deref()
        .map_or((None, None), html_head::clean_byline);
    rescue::drop_furniture(&mut body, byline.as_deref());
    drop_related_echo(&mut body, &related);
    // The related list's links are listed with it, not again among the body's.
    links.retain(|l| {
        !related
            .iter()
            .any(|r| r.url.as_deref() == Some(l.url.as_str()))
    });
    let site = found.site_name.clone().or(meta.site.clone());
    super::furniture::cut_about_box(&mut body, site.as_deref());
    body.extend(notes);
    let mut headings = meta.headings.clone();
    if let Some(Block::Subhead(h)) = body.first() {
        headings.push(h.clone());
    }
    let mut title = html_head::displayed_headline(
        &strip_site(&found.title, site.as_deref()),
        &headings,
        meta.generator.as_deref(),
    );
    if title.is_empty() {
        title = body
            .first()
            .map(|b| b.text().chars().take(80).collect())
            .unwrap_or_default();
    }
    // The headline often opens the content too: once is enough.
    if body.len() >= 2
        && let Some(Block::Subhead(h) | Block::Paragraph(h)) = body.first()
        && crate::text::fold::fold(h) == crate::text::fold::fold(&title)
    {
        body.remove(0);
    }
    let published = found
        .published_time
        .as_deref()
        .or(meta.published.as_deref())
        .and_then(parse_date)
        .or(byline_date);
    let mut article = Article {
        head: Headline {
            id: ArticleId(0),
            path: path.to_path_buf(),
            entry: 0,
            format: Format::Html,
            section: html_head::clean_section(meta.section),
            title,
            byline,
            published,
            source: site,
            url: meta.url,
            modified: None,
        },
        body,
        related,
        links,
        enclosures: Vec::new(),
    };
    article.head.id = article.compute_id();
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_kept_only_as_json_ld_is_read() {
        let para = "The council met on Tuesday and voted to rebuild the harbour wall before the winter storms arrive.";
        let body = (0..6).map(|_| para).collect::<Vec<_>>().join("\\n");
        let html = format!(
            r#"<html><head><title>Wall vote</title><script type="application/ld+json">{{"@graph": [{{"@type": "NewsArticle", "articleBody": "{body}"}}]}}</script></head>
            <body><article><h1>Wall vote</h1><p>Loading the story, please wait for it to appear here soon.</p><div hidden><p>{para}</p></div></article></body></html>"#
        );
        let a = parse(&html, Path::new("x.html")).unwrap();
        assert_eq!(a.body.len(), 6);
        assert_eq!(a.body[0].text(), para);
    }

    #[test]
    fn the_related_list_is_in_the_sidebar_and_not_again_in_the_body() {
        let para = "Ferry fares across the bay will rise by twelve percent in April, the operators said on Tuesday.";
        let html = format!(
            r#"<html><head><title>Fares rise</title></head><body><article><h1>Fares rise</h1>
            <p>{para}</p><p>{para}</p><p>{para}</p>
            <p><strong>Related</strong></p><ul>
            <li><a href="https://h.example/1">Ferry crews vote to strike over rotas</a></li>
            <li><a href="https://h.example/2">Fuel prices push shipping costs higher</a></li></ul>
            <p>Read more: <a href="https://h.example/3">Island bridge plan shelved again</a></p>
            <p>{para}</p></article></body></html>"#
        );
        let a = parse(&html, Path::new("x.html")).unwrap();
        let texts: Vec<&str> = a.body.iter().map(Block::text).collect();
        assert_eq!(a.related.len(), 2, "{:?}", a.related);
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("Ferry crews") || *t == "Related"),
            "{texts:?}"
        );
        // A "Read more" line the publisher set in the text stays where it reads.
        assert!(
            texts.contains(&"Read more: Island bridge plan shelved again"),
            "{texts:?}"
        );
        assert_eq!(texts.iter().filter(|t| **t == para).count(), 4);
    }

    #[test]
    fn site_names_come_off_headlines() {
        assert_eq!(
            strip_site(
                "Rivers rise across the valley | The Daily Tide",
                Some("The Daily Tide")
            ),
            "Rivers rise across the valley"
        );
        assert_eq!(
            strip_site("Rivers rise across the valley - Golem.de", None),
            "Rivers rise across the valley"
        );
        assert_eq!(
            strip_site(
                "The Daily Tide - Rivers rise across the valley",
                Some("The Daily Tide")
            ),
            "Rivers rise across the valley"
        );
        assert_eq!(strip_site("Well - I never", None), "Well - I never");
        assert_eq!(
            strip_site("Storm hits the coast \u{2013} what we know", None),
            "Storm hits the coast \u{2013} what we know"
        );
        assert_eq!(
            strip_site("Live: Election results 2024 - as it happened", None),
            "Live: Election results 2024 - as it happened"
        );
        assert_eq!(
            strip_site("Rivers rise across the valley | BBC News", None),
            "Rivers rise across the valley"
        );
    }
}
