//! The frozen normalisation that story ids hash: a story's text key and a URL's canonical form.
//!
//! NEVER CHANGE WHAT THESE FUNCTIONS RETURN. Every id ever listed, exported, or stored with a read mark or
//! a star is the hash of one of their outputs: a change re-keys stories and orphans their marks. This is a
//! copy, frozen on purpose, of what `text::fold` did when ids were first defined; `text::fold` serves the
//! extraction heuristics and keeps changing with them, this does not. The golden tests in `id.rs` and
//! `tests/identity.rs` pin the outputs. The one dependency left is the standard library's Unicode tables
//! (lower case, white space), which Unicode's stability policies keep for characters already assigned.

/// Maps one character to its folded form: typographic quotes to ASCII, dashes to `-`. `None` for
/// characters that fold to themselves (apart from case).
fn fold_punct(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        _ => return None,
    })
}

/// Appends the folded form of `s` to `out`: lower case, ASCII quotes and dashes, an ellipsis as three
/// dots, white-space runs as one space, trimmed.
fn fold_into(s: &str, out: &mut String) {
    let mut pending_space = false;
    let mut started = false;
    for c in s.chars() {
        // ASCII white space is tested apart on purpose: U+000B (vertical tab) is not ASCII white space but
        // is Unicode white space, and this is how the first definition treated it (as a character).
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                pending_space = started;
                continue;
            }
        } else if c.is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        started = true;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\u{2026}' {
            out.push_str("...");
        } else if let Some(p) = fold_punct(c) {
            out.push(p);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// What a story known only by its text is identified by: its folded headline, a line break, its folded
/// first paragraph.
#[must_use]
pub fn text_key(headline: &str, first_paragraph: &str) -> String {
    let mut key = String::with_capacity(headline.len() + first_paragraph.len() + 1);
    fold_into(headline, &mut key);
    key.push('\n');
    fold_into(first_paragraph, &mut key);
    key
}

/// The form of a URL that two saves of the same page share: trimmed, no fragment, no trailing slash,
/// lower-case scheme and host.
///
/// The one difference from the first definition: white space left at the end once the fragment or the
/// trailing slashes are cut is cut too (`"a/ #top"` gave `"a/ "`, whose canonical form was `"a"`), so that
/// the canonical form of a canonical form is itself. URLs as pages and feeds carry them hold no such
/// white space (it would be percent-encoded).
#[must_use]
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let (scheme_host, rest) = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            let host_end = after.find('/').map_or(url.len(), |j| i + 3 + j);
            (&url[..host_end], &url[host_end..])
        }
        None => ("", url),
    };
    let rest = rest.trim_end_matches(|c: char| c == '/' || c.is_whitespace());
    let scheme_host = if rest.is_empty() {
        scheme_host.trim_end()
    } else {
        scheme_host
    };
    let mut out = scheme_host.to_ascii_lowercase();
    out.push_str(rest);
    out
}
