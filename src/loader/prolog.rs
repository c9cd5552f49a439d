//! What may stand before a markup file's first element (a byte-order mark, white space, the XML
//! declaration and other processing instructions, comments, a DOCTYPE), and that first element's name.

/// How many characters into a file its first element is looked for. Feeds' prologs are a few hundred
/// bytes and a licence comment a few kilobytes; past this the file is sniffed by its opening alone, and a
/// comment left open does not make sniffing read a whole file.
const PROLOG_LIMIT_CHARS: usize = 64 * 1024;

/// The name of the first element of `text`, in lower case ("rss", "feed", "rdf:rdf", "html"), once a
/// byte-order mark, white space, processing instructions (`<?xml …?>`), comments and a DOCTYPE (with its
/// internal subset) are skipped. `None` when `text` does not open with markup, when something other than
/// these stands first, or when no element starts within [`PROLOG_LIMIT_CHARS`].
#[must_use]
pub fn first_element(text: &str) -> Option<String> {
    // A text of no more bytes than the limit has no more characters either: only a longer one is walked.
    let limit = if text.len() <= PROLOG_LIMIT_CHARS {
        text.len()
    } else {
        text.char_indices()
            .nth(PROLOG_LIMIT_CHARS)
            .map_or(text.len(), |(at, _)| at)
    };
    let mut rest = &text[..limit];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = &comment[comment.find("-->")? + "-->".len()..];
        } else if rest.starts_with("<?") {
            rest = &rest[rest.find("?>")? + "?>".len()..];
        } else if starts_with_ignoring_case(rest, "<!doctype") {
            rest = &rest[doctype_len(rest)?..];
        } else {
            let name: String = rest
                .strip_prefix('<')?
                .chars()
                .take_while(|&c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
                .collect();
            return (!name.is_empty()).then(|| name.to_lowercase());
        }
    }
}

/// Whether `s` opens with the ASCII `prefix`, in any case.
fn starts_with_ignoring_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The length in bytes of the DOCTYPE `s` opens with, up to and with its closing `>`: a `>` inside a
/// quoted identifier or inside the internal subset (`[ <!ENTITY …> ]`) does not close it. `None` when it is
/// not closed.
fn doctype_len(s: &str) -> Option<usize> {
    let mut quote = None;
    let mut subset = false;
    for (at, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => subset = true,
            (None, ']') => subset = false,
            (None, '>') if !subset => return Some(at + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prolog_is_skipped() {
        let first = |s: &str| first_element(s).unwrap_or_default();
        assert_eq!(first("<rss version=\"2.0\">"), "rss");
        assert_eq!(first("\u{feff}  <?xml version=\"1.0\"?>\n<feed>"), "feed");
        assert_eq!(first("<!-- made by hand -->\n<rss>"), "rss");
        assert_eq!(
            first(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS \
                 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\">"
            ),
            "rss"
        );
        assert_eq!(
            first("<!DOCTYPE rss [ <!ENTITY nbsp \"&#160;\"> ]><rss>"),
            "rss"
        );
        assert_eq!(
            first("<?xml?><!-- a > b --><rdf:RDF xmlns:rdf=\"x\">"),
            "rdf:rdf"
        );
        // A comment that mentions a feed is still a comment.
        assert_eq!(
            first("<!-- see our <rss> feed --><!doctype html><HTML lang=en>"),
            "html"
        );
        assert_eq!(first("<!-- <html> -->\u{feff}<?pi?><feed/>"), "feed");
    }

    #[test]
    fn no_element_no_name() {
        assert_eq!(first_element("Headline\n\n<p>"), None);
        assert_eq!(first_element("<!-- never closed <rss>"), None);
        assert_eq!(first_element("<!DOCTYPE rss [ <rss>"), None);
        assert_eq!(first_element("< rss>"), None);
        assert_eq!(first_element(""), None);
        let far = format!("<!--{}--><rss>", " ".repeat(PROLOG_LIMIT_CHARS));
        assert_eq!(first_element(&far), None);
    }
}
