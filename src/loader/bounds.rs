//! Bounds on markup, checked on the raw text before any parser sees it: how deep elements nest and how
//! many attributes one element carries. Parsers and Readability take time growing with the square of
//! both, and our own tree walks with the depth, so past these bounds a file is refused with a warning
//! rather than parsed for minutes or overflowing the stack.

use memchr::{memchr, memmem};

use crate::text::thousands;

/// Elements nested deeper than this are refused. Browsers stop nesting at 512; real news pages nest under
/// about 100 deep, so this leaves five times their depth, and it is where saved pages were refused before.
pub const MAX_DEPTH: usize = 512;

/// One element with more attributes than this is refused. Real elements carry a few dozen at most (SVG
/// and `data-` attributes); html5ever checks each new attribute against those before it, so 200,000 took
/// nearly a minute, while a thousand take a millisecond.
pub const MAX_ATTRIBUTES: usize = 1_000;

/// Markup nested or attributed past a bound.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoundsError {
    /// Elements nested past [`MAX_DEPTH`].
    #[error("nested {} deep; over the {} limit", thousands(*.depth), thousands(*.limit))]
    TooDeep {
        /// How deep the markup nests (past the limit, roughly: opening tags less closing ones).
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// An element with more than [`MAX_ATTRIBUTES`] attributes.
    #[error("an element with {} attributes; over the {} limit", thousands(*.count), thousands(*.limit))]
    TooManyAttributes {
        /// How many attributes it has (counted up to one past the limit).
        count: usize,
        /// The limit.
        limit: usize,
    },
}

/// Which rules the markup follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markup {
    /// HTML: void elements, elements whose end tag may be left out, raw-text elements, and `<div/>` opening
    /// a div like `<div>` does.
    Html,
    /// XML (feeds): every start tag opens an element unless it ends in `/>`; `CDATA` sections hold HTML,
    /// counted by HTML's rules on top of the elements around them.
    Xml,
}

/// Elements that never hold anything.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Groups of elements that a sibling of the same group closes: `<li>` closes an open `<li>`, `<td>` an
/// open `<th>`.
const IMPLIED_END_GROUPS: &[&[&str]] = &[
    &["p"],
    &["li"],
    &["dt", "dd"],
    &["tr"],
    &["td", "th"],
    &["option"],
    &["optgroup"],
    &["rb", "rt", "rp", "rtc"],
    &["thead", "tbody", "tfoot"],
];

/// Elements below which a same-group sibling no longer closes anything (a list inside a list item).
const SCOPES: &[&str] = &[
    "ul",
    "ol",
    "dl",
    "table",
    "select",
    "datalist",
    "ruby",
    "menu",
    "blockquote",
];

/// How far down the open elements an implied end tag is looked for: real markup closes its list items
/// and cells within a few levels, and the bound keeps each tag's cost fixed.
const IMPLIED_END_REACH: usize = 8;

fn is(list: &[&str], name: &[u8]) -> bool {
    list.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name))
}

fn group(name: &[u8]) -> Option<usize> {
    IMPLIED_END_GROUPS.iter().position(|g| is(g, name))
}

/// Checks `text` against [`MAX_DEPTH`] and [`MAX_ATTRIBUTES`], in one pass over its bytes.
///
/// # Errors
/// The first bound broken. Depth is measured roughly, as the tags would open and close elements; where
/// it can err it errs deep, by elements a browser would close itself.
pub fn check(text: &str, markup: Markup) -> Result<(), BoundsError> {
    Scanner {
        bytes: text.as_bytes(),
        at: 0,
        open: Vec::new(),
        cdata_floor: None,
        markup,
    }
    .run()
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The names of the open elements, outermost first.
    open: Vec<&'a [u8]>,
    /// Inside a CDATA section (HTML inside a feed): how many elements were open where it began.
    cdata_floor: Option<usize>,
    markup: Markup,
}

impl<'a> Scanner<'a> {
    fn rules(&self) -> Markup {
        if self.cdata_floor.is_some() {
            Markup::Html
        } else {
            self.markup
        }
    }

    /// Moves past the next `needle`, or to the end.
    fn skip_past(&mut self, needle: &[u8]) {
        self.at = memmem::find(&self.bytes[self.at..], needle)
            .map_or(self.bytes.len(), |i| self.at + i + needle.len());
    }

    fn run(mut self) -> Result<(), BoundsError> {
        while self.at < self.bytes.len() {
            let rest = &self.bytes[self.at..];
            let next_tag = memchr(b'<', rest);
            // The end of a CDATA section, when it comes before the next tag.
            if self.cdata_floor.is_some() {
                let end = memmem::find(&rest[..next_tag.unwrap_or(rest.len())], b"]]>");
                if let Some(end) = end {
                    if let Some(floor) = self.cdata_floor.take() {
                        self.open.truncate(floor);
                    }
                    self.at += end + 3;
                    continue;
                }
            }
            let Some(lt) = next_tag else { break };
            self.at += lt;
            self.tag()?;
            if self.open.len() > MAX_DEPTH {
                return Err(BoundsError::TooDeep {
                    depth: self.open.len() + self.count_on(),
                    limit: MAX_DEPTH,
                });
            }
        }
        Ok(())
    }

    /// Reads the markup at `<`.
    fn tag(&mut self) -> Result<(), BoundsError> {
        let rest = &self.bytes[self.at..];
        if rest.starts_with(b"<!--") {
            self.at += 4;
            self.skip_past(b"-->");
        } else if rest.starts_with(b"<![CDATA[") && self.rules() == Markup::Xml {
            self.at += 9;
            self.cdata_floor = Some(self.open.len());
        } else if rest.starts_with(b"</") {
            self.at += 2;
            let name = self.name();
            self.skip_past(b">");
            self.close(name);
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            self.at += 2;
            self.skip_past(b">");
        } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
            let name = self.name();
            let empty = self.attributes()?;
            self.open(name, empty);
        } else {
            self.at += 1;
        }
        Ok(())
    }

    /// The tag name at the cursor, which moves past it.
    fn name(&mut self) -> &'a [u8] {
        let bytes: &'a [u8] = self.bytes;
        let start = self.at;
        while self.at < bytes.len()
            && !matches!(
                bytes[self.at],
                b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'>'
            )
        {
            self.at += 1;
        }
        &bytes[start..self.at]
    }

    /// Moves past white space.
    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    /// Counts the attributes up to the tag's `>`, past which the cursor moves. Whether the tag ended in `/>`.
    fn attributes(&mut self) -> Result<bool, BoundsError> {
        let bytes = self.bytes;
        let mut count = 0;
        loop {
            self.skip_space();
            match bytes.get(self.at) {
                None => return Ok(false),
                Some(b'>') => {
                    self.at += 1;
                    return Ok(false);
                }
                Some(b'/') if bytes.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    return Ok(true);
                }
                Some(b'/') => {
                    self.at += 1;
                    continue;
                }
                Some(_) => {}
            }
            // An attribute: its name, then perhaps `=` and a value.
            count += 1;
            if count > MAX_ATTRIBUTES {
                return Err(BoundsError::TooManyAttributes {
                    count,
                    limit: MAX_ATTRIBUTES,
                });
            }
            self.at += 1;
            while self.at < bytes.len()
                && !matches!(bytes[self.at], b'=' | b'>' | b'/')
                && !bytes[self.at].is_ascii_whitespace()
            {
                self.at += 1;
            }
            self.skip_space();
            if bytes.get(self.at) != Some(&b'=') {
                continue;
            }
            self.at += 1;
            self.skip_space();
            match bytes.get(self.at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    self.at += 1;
                    self.at =
                        memchr(quote, &bytes[self.at..]).map_or(bytes.len(), |i| self.at + i + 1);
                }
                _ => {
                    while self.at < bytes.len()
                        && bytes[self.at] != b'>'
                        && !bytes[self.at].is_ascii_whitespace()
                    {
                        self.at += 1;
                    }
                }
            }
        }
    }

    /// A start tag named `name` opens an element (ending in `/>` if `empty`).
    fn open(&mut self, name: &'a [u8], empty: bool) {
        if self.rules() == Markup::Xml {
            if !empty {
                self.open.push(name);
            }
            return;
        }
        if is(VOID, name) {
            return;
        }
        if is(RAW_TEXT, name) {
            self.skip_raw_text(name);
            return;
        }
        if name.eq_ignore_ascii_case(b"plaintext") {
            self.at = self.bytes.len();
            return;
        }
        if let Some(g) = group(name) {
            let floor = self.cdata_floor.unwrap_or(0);
            let reach = self.open.len().saturating_sub(IMPLIED_END_REACH).max(floor);
            let open = &self.open[reach..];
            let scope = open
                .iter()
                .rposition(|t| is(SCOPES, t))
                .map_or(0, |i| i + 1);
            if let Some(i) = open[scope..].iter().rposition(|t| group(t) == Some(g)) {
                self.open.truncate(reach + scope + i);
            }
        }
        self.open.push(name);
    }

    /// Moves past the end tag of raw-text element `name` (or to the end).
    fn skip_raw_text(&mut self, name: &[u8]) {
        while let Some(i) = memmem::find(&self.bytes[self.at..], b"</") {
            self.at += i + 2;
            let rest = &self.bytes[self.at..];
            if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
                self.skip_past(b">");
                return;
            }
        }
        self.at = self.bytes.len();
    }

    /// An end tag closes the innermost open element of its name and those inside it; one that matches
    /// nothing open is ignored, as browsers do.
    fn close(&mut self, name: &[u8]) {
        let floor = self.cdata_floor.unwrap_or(0);
        if let Some(i) = self.open[floor..]
            .iter()
            .rposition(|t| t.eq_ignore_ascii_case(name))
        {
            self.open.truncate(floor + i);
        }
    }

    /// Past the limit, how much deeper the rest nests: start tags less end tags, counted without names,
    /// so a refused file's warning says how deep it went.
    fn count_on(&self) -> usize {
        let rest = &self.bytes[self.at..];
        let (mut depth, mut deepest) = (0usize, 0usize);
        for i in memchr::memchr_iter(b'<', rest) {
            match rest.get(i + 1) {
                Some(b'/') => depth = depth.saturating_sub(1),
                Some(c) if c.is_ascii_alphabetic() => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                _ => {}
            }
        }
        deepest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str, markup: Markup) -> Option<usize> {
        match check(text, markup) {
            Err(BoundsError::TooDeep { depth, .. }) => Some(depth),
            _ => None,
        }
    }

    #[test]
    fn real_markup_passes() {
        let page = "<!DOCTYPE html><html><head><title>a <b> c</title><script>if (a<b) {}</script></head>\
            <body><ul><li>one<li>two<li><p>three<p>four</ul><img src=x><br><table><tr><td>1<td>2<tr><td>3</table>\
            <!-- <div><div> --></body></html>";
        assert_eq!(check(page, Markup::Html), Ok(()));
        // Thousands of unclosed list items, paragraphs and cells do not add up.
        let sloppy = "<ul>".to_owned()
            + &"<li><p>item".repeat(5_000)
            + "</ul>"
            + &"<tr><td>x<td>y".repeat(5_000);
        assert_eq!(check(&sloppy, Markup::Html), Ok(()));
        // Nor do a feed's entries, each with unclosed HTML in its CDATA.
        let feed = "<rss><channel>".to_owned()
            + &"<item><description><![CDATA[<div><span>cut off]]></description></item>"
                .repeat(2_000)
            + "</channel></rss>";
        assert_eq!(check(&feed, Markup::Xml), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_with_its_depth() {
        let deep = "<div>".repeat(100_000);
        assert_eq!(depth_error(&deep, Markup::Html), Some(100_000));
        let err = check(&deep, Markup::Html).unwrap_err().to_string();
        assert_eq!(err, "nested 100,000 deep; over the 512 limit");
        // `<div/>` opens a div in HTML, but closes itself in XML.
        assert!(depth_error(&"<div/>".repeat(600), Markup::Html).is_some());
        assert_eq!(check(&"<a/>".repeat(600), Markup::Xml), Ok(()));
        // HTML inside a feed's CDATA counts, on top of the feed's own elements.
        let feed = format!(
            "<rss><item><description><![CDATA[{}]]></description></item></rss>",
            "<span>".repeat(600)
        );
        assert!(depth_error(&feed, Markup::Xml).is_some());
        assert_eq!(check(&"<span>".repeat(MAX_DEPTH), Markup::Html), Ok(()));
    }

    #[test]
    fn attributes_are_counted_per_element() {
        let many = format!("<p {}>x</p>", "a=\"1\" ".repeat(MAX_ATTRIBUTES + 1));
        assert_eq!(
            check(&many, Markup::Html),
            Err(BoundsError::TooManyAttributes {
                count: MAX_ATTRIBUTES + 1,
                limit: MAX_ATTRIBUTES
            })
        );
        let bare = format!("<p {}>x</p>", "a ".repeat(200_000));
        assert!(check(&bare, Markup::Html).is_err());
        let fine = format!("<p {}>x</p>", "data-x='>' ".repeat(MAX_ATTRIBUTES)).repeat(3);
        assert_eq!(check(&fine, Markup::Html), Ok(()));
    }
}
