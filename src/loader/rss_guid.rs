//! What newsboat names an RSS item by, read from the feed's own text: its `<guid>`; without one, its link
//! followed by its `<pubDate>` exactly as written; else its link; else its title. feed-rs makes up an id
//! for an item without a GUID, which newsboat would not know. (newsboat rewrites a `dc:date` to RFC 822
//! and makes relative permalinks absolute first; those items are not matched by name.)

/// Each `<item>`'s newsboat name, in order; `None` when the text is not RSS with items (Atom and JSON
/// Feed entries always carry their own id).
#[must_use]
pub fn names(text: &str) -> Option<Vec<Option<String>>> {
    if !text.contains("<rss") && !text.contains("<rdf:RDF") {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = find_open(rest, "item") {
        let body = &rest[start..];
        let end = body.find("</item>").unwrap_or(body.len());
        let item = &body[..end];
        let guid = element(item, "guid");
        let link = element(item, "link");
        let date = element(item, "pubDate").or_else(|| element(item, "dc:date"));
        out.push(match (guid, link, date) {
            (Some(g), _, _) => Some(g),
            (None, Some(l), Some(d)) => Some(format!("{l}{d}")),
            (None, Some(l), None) => Some(l),
            (None, None, _) => element(item, "title"),
        });
        rest = &body[end..];
    }
    Some(out)
}

/// Where the next `<name>` or `<name …>` opens in `s`.
fn find_open(s: &str, name: &str) -> Option<usize> {
    let tag = format!("<{name}");
    let mut from = 0;
    while let Some(at) = s[from..].find(&tag) {
        let at = from + at;
        let next = s[at + tag.len()..].chars().next();
        if matches!(next, Some('>' | ' ' | '\t' | '\n' | '\r' | '/')) {
            return Some(at);
        }
        from = at + tag.len();
    }
    None
}

/// The text of the first `<name>` element in `item`, CDATA unwrapped and the XML entities decoded,
/// trimmed; `None` when missing or empty.
fn element(item: &str, name: &str) -> Option<String> {
    let open = find_open(item, name)?;
    let after = &item[open..];
    let content_start = after.find('>')? + 1;
    if after[..content_start].ends_with("/>") {
        return None;
    }
    let close = format!("</{name}>");
    // Searched after the opening tag: a `</guid>` inside an attribute before it is no end.
    let content_end = content_start + after[content_start..].find(&close)?;
    let content = &after[content_start..content_end];
    let content = content.trim();
    let text = match content.strip_prefix("<![CDATA[") {
        Some(inner) => inner.strip_suffix("]]>").unwrap_or(inner).to_owned(),
        None => decode(content),
    };
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// The five XML entities and numeric references.
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &tail[semi + 1..];
        } else {
            out.push('&');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_else_link_and_date_else_link() {
        let rss = r#"<rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://w.test/a</link><guid isPermaLink="false">wire-1</guid></item>
            <item><title>B</title><link>https://w.test/b?x=1&amp;y=2</link><pubDate>Wed, 25 Nov 2026 09:30:00 GMT</pubDate></item>
            <item><title>C</title><link><![CDATA[https://w.test/c]]></link><enclosure url="u" /></item>
            <item><title>D only</title></item>
            <item><title x="</guid>">E</title><guid>e-1</guid></item>
            </channel></rss>"#;
        assert_eq!(
            names(rss).unwrap(),
            vec![
                Some("wire-1".to_owned()),
                Some("https://w.test/b?x=1&y=2Wed, 25 Nov 2026 09:30:00 GMT".to_owned()),
                Some("https://w.test/c".to_owned()),
                Some("D only".to_owned()),
                Some("e-1".to_owned()),
            ]
        );
        assert!(names("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>").is_none());
        // A closing tag inside an attribute does not end the element before it began.
        let odd = r#"<rss><channel><item><guid a="</guid>">f-1</guid></item></channel></rss>"#;
        assert_eq!(names(odd).unwrap().len(), 1);
    }
}
