//! Story identity: `ArticleId`, stable across runs, moves and typographic re-saves.

use std::fmt;

use serde::Serialize;

use crate::text::fold::fold;

/// A story's identity, stable across runs, file moves and typographic re-saves.
///
/// It is the xxh3-128 of the canonical URL when the story has one, else of its folded headline and first
/// paragraph. Shown as 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub u128);

impl ArticleId {
    /// The id of a story with a canonical URL.
    #[must_use]
    pub fn from_url(url: &str) -> Self {
        Self(xxhash_rust::xxh3::xxh3_128(canonical_url(url).as_bytes()))
    }

    /// The id of a story known only by its text: headline and first paragraph, folded so that typography,
    /// case and whitespace do not change it.
    #[must_use]
    pub fn from_text(headline: &str, first_paragraph: &str) -> Self {
        let mut key = fold(headline);
        key.push('\n');
        key.push_str(&fold(first_paragraph));
        Self(xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
    }

    /// Parses the 32-hex-digit form.
    #[must_use]
    pub fn parse(hex: &str) -> Option<Self> {
        if hex.len() != 32 {
            return None;
        }
        u128::from_str_radix(hex, 16).ok().map(Self)
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl fmt::Debug for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ArticleId({self})")
    }
}

impl Serialize for ArticleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The form of a URL that two saves of the same page share: no fragment, no trailing slash, lower-case scheme
/// and host.
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
    let mut out = scheme_host.to_ascii_lowercase();
    out.push_str(rest.trim_end_matches('/'));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_survives_typography_and_whitespace() {
        let a = ArticleId::from_text("North Korea's \"bid\"", "It said - today  more.");
        let b = ArticleId::from_text(
            "North Korea\u{2019}s \u{201c}bid\u{201d}",
            "It said \u{2013} today more.",
        );
        assert_eq!(a, b);
        assert_eq!(a.to_string().len(), 32);
        assert_eq!(ArticleId::parse(&a.to_string()), Some(a));
    }

    #[test]
    fn canonical_url_drops_fragment_and_trailing_slash() {
        assert_eq!(
            canonical_url("HTTPS://Example.COM/a/B/#top"),
            "https://example.com/a/B"
        );
        assert_eq!(
            ArticleId::from_url("https://example.com/x/"),
            ArticleId::from_url("https://EXAMPLE.com/x#y")
        );
    }
}
