//! Recognising a file's layout by its content, with the extension as a hint.

use std::path::Path;

use crate::model::Format;

/// The layout of a file whose text is `text`.
#[must_use]
pub fn detect(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // A feed or page may open with comments, processing instructions or a DOCTYPE (the RSS 0.91 one
    // names the Netscape DTD): its first element decides, whatever the extension says.
    match super::prolog::first_element(text).as_deref() {
        Some("rss" | "feed" | "rdf:rdf") => return Format::Feed,
        Some("html") => return Format::Html,
        _ => {}
    }
    let start = text.trim_start();
    let head: String = start
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let xml_start = ["<?xml", "<rss", "<feed", "<rdf"]
        .iter()
        .any(|t| head.starts_with(t));
    if xml_start {
        let feed_root = ["<rss", "<feed", "<rdf"].iter().any(|t| head.contains(t));
        return if !feed_root && head.contains("<html") {
            Format::Html
        } else {
            Format::Feed
        };
    }
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && matches!(ext.as_str(), "html" | "htm" | "xhtml"))
    {
        return Format::Html;
    }
    // JSON is read as a feed (JSON Feed); JSON that is not one is reported as such, not read as text.
    if head.starts_with('{') || (head.starts_with('[') && ext == "json") {
        return Format::Feed;
    }
    let front_matter =
        start.starts_with("+++") || start.starts_with("---\n") || start.starts_with("---\r\n");
    if matches!(ext.as_str(), "md" | "markdown") || (front_matter && ext != "txt") {
        return Format::Markdown;
    }
    Format::Scraped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides() {
        let p = Path::new("x.txt");
        assert_eq!(detect(p, "World\n\nHeadline\n\n-\n"), Format::Scraped);
        assert_eq!(
            detect(p, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            detect(p, "  <feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(detect(p, "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            detect(p, "{\"version\": \"https://jsonfeed.org/version/1.1\"}"),
            Format::Feed
        );
        assert_eq!(detect(Path::new("note.md"), "# Hello"), Format::Markdown);
        assert_eq!(
            detect(Path::new("note"), "+++\ntitle = 'x'\n+++\n"),
            Format::Markdown
        );
        // A scraped page that opens with a dash line stays scraped.
        assert_eq!(detect(p, "---\nHeadline"), Format::Scraped);
    }

    #[test]
    fn the_first_element_decides_past_the_prolog() {
        let netscape = "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \
                        \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\">";
        for name in ["news.rss", "news.xml", "news.txt", "news.html", "news"] {
            let p = Path::new(name);
            assert_eq!(detect(p, netscape), Format::Feed, "{name}");
            assert_eq!(
                detect(p, "<!-- generated -->\n<rss version=\"2.0\">"),
                Format::Feed,
                "{name}"
            );
            assert_eq!(
                detect(
                    p,
                    "<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl\"?><!-- x --><feed>"
                ),
                Format::Feed,
                "{name}"
            );
            assert_eq!(
                detect(
                    p,
                    "<!-- x --><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                ),
                Format::Feed,
                "{name}"
            );
            // A page whose opening comment mentions a feed is a page.
            assert_eq!(
                detect(p, "<!-- saved from <rss> -->\n<html><body>x</body></html>"),
                Format::Html,
                "{name}"
            );
        }
    }
}
