//! Work-arounds for panics in dependencies, each applied before the dependency sees the input. Remove one
//! when the dependency's fix is released (the parse stays guarded either way, see `guard`).

use std::borrow::Cow;
use std::fmt::Write as _;

use dom_query::Document;

/// `dom_smoothie` 0.19's `is_video_url` slices an attribute value two and six bytes before a video host's
/// name, and panics ("byte index 9 is not a char boundary") when a character of several bytes stands
/// there: `<iframe src="https://é.youtube-nocookie.com/embed/x">`. It reads the attributes of `iframe`,
/// `embed` and `object` elements and the markup inside `object`, none of which is text of the story: their
/// non-ASCII characters are percent-encoded (as a URL would carry them), and an `object`'s content, when
/// not ASCII, is dropped.
pub fn ascii_embeds(doc: &Document) {
    for node in doc.select("iframe, embed, object").nodes() {
        for attr in node.attrs() {
            if !attr.value.is_ascii() {
                node.set_attr(&attr.name.local, &percent_encode_non_ascii(&attr.value));
            }
        }
        if node.has_name("object") && !node.inner_html().is_ascii() {
            for child in node.children() {
                child.remove_from_parent();
            }
        }
    }
}

/// `s` with each character beyond ASCII written as `%XX` escapes of its UTF-8 bytes.
fn percent_encode_non_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// quick-xml 0.42 (inside feed-rs 3.0) panics ("`set_encoding()` called after prefix buffer was drained")
/// when an XML declaration names an encoding other than the one it is decoding after its first 64 bytes:
/// a UTF-16 feed whose declaration says `encoding="utf-16"` (read as little-endian) behind a big-endian
/// mark, or a second declaration further on. Feeds reach feed-rs as UTF-8 text we decoded ourselves, so
/// every declaration (`<?xml` and white space, as quick-xml tells one) is made to say so.
#[must_use]
pub fn declare_utf8(xml: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(i) = xml[from..].find("<?xml") {
        let start = from + i;
        let Some(len) = xml[start..].find("?>") else {
            break;
        };
        let end = start + len + 2;
        let decl = &xml[start..end];
        // `<?xml-stylesheet …?>` and the like are processing instructions, never read for an encoding.
        let is_declaration = decl[5..].starts_with([' ', '\t', '\r', '\n']);
        if is_declaration && let Some(fixed) = utf8_declaration(decl) {
            out.push_str(&xml[copied..start]);
            out.push_str(&fixed);
            copied = end;
        }
        from = end;
    }
    if copied == 0 {
        return Cow::Borrowed(xml);
    }
    out.push_str(&xml[copied..]);
    Cow::Owned(out)
}

/// The declaration that replaces one naming another encoding than UTF-8.
const UTF8_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

/// A UTF-8 declaration to put in place of `decl`, unless `decl` already declares UTF-8. It looks for the
/// word `encoding` where quick-xml reads attributes, quotes and all: with the word there once, both find
/// the same value; with it there twice (`version="1 encoding='utf-8'" encoding="latin1"`, `xencoding="utf-8"
/// encoding="latin1"`), which value quick-xml takes is not worth guessing, so the whole declaration goes.
/// Nothing of it but the encoding matters to feed-rs.
fn utf8_declaration(decl: &str) -> Option<String> {
    let mut named = decl.match_indices("encoding");
    let (at, _) = named.next()?;
    if named.next().is_none()
        && quoted_value(&decl[at + "encoding".len()..])
            .is_some_and(|v| v.eq_ignore_ascii_case("utf-8"))
    {
        return None;
    }
    Some(UTF8_DECLARATION.to_owned())
}

/// The first quoted value in `rest` (what follows an attribute's name), without its quotes.
fn quoted_value(rest: &str) -> Option<&str> {
    let value_at = rest.find(['"', '\''])?;
    let quote = rest[value_at..].chars().next()?;
    let value_len = rest[value_at + 1..].find(quote)?;
    Some(&rest[value_at + 1..value_at + 1 + value_len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_say_utf8() {
        assert_eq!(
            declare_utf8("<?xml version=\"1.0\" encoding=\"utf-16\"?><rss/>"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>"
        );
        assert_eq!(
            declare_utf8("<?xml=\"i\"ISO-8859-1\"?><?xml version='1.0' encoding='ISO-8859-1'?>"),
            "<?xml=\"i\"ISO-8859-1\"?><?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        );
        // Found by fuzzing (FUZZING.md): the word `encoding` twice, where quick-xml reads the second.
        for two in [
            "<?xml version=\"1.0\" xencoding=\"UTF-8\" encoding=\"ISO-8859-1\"?>",
            "<?xml version=\"1 encoding='utf-8'\" encoding=\"ISO-8859-1\"?>",
        ] {
            assert_eq!(declare_utf8(two), UTF8_DECLARATION);
        }
        assert!(matches!(
            declare_utf8("<?xml-stylesheet encoding=\"latin1\"?><rss/>"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            declare_utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(declare_utf8("<rss/>"), Cow::Borrowed(_)));
    }

    #[test]
    fn embed_addresses_become_ascii() {
        let doc = Document::from(
            "<iframe src=\"https://\u{e9}.youtube-nocookie.com/embed/x\"></iframe><object><p>\u{e9}</p></object>",
        );
        ascii_embeds(&doc);
        let iframe = doc.select("iframe");
        assert_eq!(
            iframe.attr("src").unwrap().as_ref(),
            "https://%C3%A9.youtube-nocookie.com/embed/x"
        );
        assert!(doc.select("object").inner_html().is_empty());
    }
}
