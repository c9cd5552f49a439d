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
/// every declaration's encoding is made to say so.
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
        if let Some(fixed) = utf8_declaration(decl) {
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

/// `decl` with its encoding made UTF-8, when it declares another one.
fn utf8_declaration(decl: &str) -> Option<String> {
    let at = decl.find("encoding")?;
    let rest = &decl[at + "encoding".len()..];
    let value_at = rest.find(['"', '\''])?;
    let quote = rest[value_at..].chars().next()?;
    let value_len = rest[value_at + 1..].find(quote)?;
    let value = &rest[value_at + 1..value_at + 1 + value_len];
    if value.eq_ignore_ascii_case("utf-8") {
        return None;
    }
    let before = at + "encoding".len() + value_at + 1;
    Some(format!(
        "{}UTF-8{}",
        &decl[..before],
        &decl[before + value_len..]
    ))
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
            "<?xml=\"i\"ISO-8859-1\"?><?xml version='1.0' encoding='UTF-8'?>"
        );
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
