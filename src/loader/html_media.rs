//! HTML pictures to the model's images: an `img`'s address (its lazy-loading one when the `src` is a
//! placeholder), alternative text and web address; icons, emoji and tracking pixels are left out.

use dom_query::NodeRef;

use super::html_blocks::{name, squeeze};
use crate::model::Image;

/// A picture this many pixels wide or high or less (as the markup says) is an icon, a spacer or a
/// tracking pixel, not a picture of the story: icons are 16 to 32 pixels, story pictures hundreds.
const MAX_ICON_PIXELS: u32 = 40;

/// Attributes lazy-loading scripts keep the real address in, while `src` holds a placeholder.
const LAZY_SOURCES: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-srcset"];

/// Class fragments of inline pictures that stand for a character (emoji, smileys) or decorate.
const DECORATION_CLASSES: &[&str] = &["emoji", "smiley", "icon", "avatar", "logo"];

/// The first address of a `srcset` ("a.jpg 1x, b.jpg 2x").
fn first_of_set(set: &str) -> Option<&str> {
    set.split(',').next()?.split_whitespace().next()
}

/// Where the picture is: `src`, unless it is missing or a placeholder `data:` (a lazy-loading page keeps
/// the real address in a `data-*` attribute).
fn source(node: &NodeRef<'_>) -> Option<String> {
    let src = node
        .attr("src")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let lazy = || {
        LAZY_SOURCES.iter().find_map(|a| {
            let v = node.attr(a)?;
            let v = if a.ends_with("srcset") {
                first_of_set(&v)?.to_owned()
            } else {
                v.trim().to_owned()
            };
            (!v.is_empty()).then_some(v)
        })
    };
    match src {
        Some(s) if !s.starts_with("data:") => Some(s),
        Some(s) => lazy().or(Some(s)),
        None => lazy().or_else(|| {
            node.attr("srcset")
                .and_then(|s| first_of_set(&s).map(str::to_owned))
        }),
    }
}

/// Whether the markup sizes the picture as an icon.
fn icon_sized(node: &NodeRef<'_>) -> bool {
    ["width", "height"].iter().any(|a| {
        node.attr(a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|px| px <= MAX_ICON_PIXELS)
    })
}

/// The picture of an `img` element; `None` for an icon, an emoji, a tracking pixel or one with no address.
#[must_use]
pub fn image(node: &NodeRef<'_>, base: Option<&url::Url>) -> Option<Image> {
    if name(node) != "img"
        || icon_sized(node)
        || node.attr("aria-hidden").as_deref() == Some("true")
    {
        return None;
    }
    let decorative = node.class().is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        DECORATION_CLASSES.iter().any(|d| c.contains(d))
    });
    if decorative {
        return None;
    }
    let source = source(node)?;
    let url = web_address(&source, base);
    let alt = squeeze(&node.attr("alt").unwrap_or_default());
    Some(Image {
        alt,
        source,
        url,
        caption: String::new(),
        credit: None,
    })
}

/// `source` as an absolute web address (http or https), made against `base` when relative. A path into
/// a saved page's own folder (`Page_files/…`, as browsers save pages) is a file beside the page, with no
/// web address.
#[must_use]
pub fn web_address(source: &str, base: Option<&url::Url>) -> Option<String> {
    let first = source
        .trim_start_matches("./")
        .split(['/', '\\'])
        .next()
        .unwrap_or("");
    if first.ends_with("_files") && !source.contains("://") {
        return None;
    }
    let joined = match base {
        Some(b) => b.join(source).ok()?,
        None => url::Url::parse(source).ok()?,
    };
    matches!(joined.scheme(), "http" | "https").then(|| joined.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn img(html: &str, base: Option<&str>) -> Option<Image> {
        let doc = Document::from(html);
        let base = base.and_then(|b| url::Url::parse(b).ok());
        doc.select("img")
            .nodes()
            .first()
            .and_then(|n| image(n, base.as_ref()))
    }

    #[test]
    fn pictures_with_their_addresses() {
        let i = img(
            r#"<img src="Page_files/ferry.jpg" alt=" The  ferry ">"#,
            Some("https://news.test/2026/ferry.html"),
        )
        .unwrap();
        assert_eq!(i.source, "Page_files/ferry.jpg");
        // A saved page's own folder is beside the file, not on the web.
        assert_eq!(i.url, None);
        let web = img(
            r#"<img src="img/ferry.jpg">"#,
            Some("https://news.test/2026/a.html"),
        )
        .unwrap();
        assert_eq!(
            web.url.as_deref(),
            Some("https://news.test/2026/img/ferry.jpg")
        );
        assert_eq!(i.alt, "The ferry");
        let lazy = img(
            r#"<img src="data:image/gif;base64,R0lGOD" data-src="/img/a.jpg">"#,
            None,
        )
        .unwrap();
        assert_eq!((lazy.source.as_str(), lazy.url), ("/img/a.jpg", None));
    }

    #[test]
    fn icons_and_emoji_are_left_out() {
        assert_eq!(img(r#"<img src="p.gif" width="1" height="1">"#, None), None);
        assert_eq!(
            img(r#"<img class="wp-smiley" src="s.png" alt="🙂">"#, None),
            None
        );
        assert_eq!(img("<img alt=no-address>", None), None);
    }
}
