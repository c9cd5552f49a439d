//! Story identity: `ArticleId`, stable across runs, moves and typographic re-saves. What it hashes is
//! defined in `frozen`, apart from the folding the extraction heuristics use, so that no change to them
//! can move an id by accident.

mod frozen;

use std::fmt;

use serde::Serialize;

pub use frozen::canonical_url;

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
        let key = frozen::text_key(headline, first_paragraph);
        Self(xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
    }

    /// Parses the 32-hex-digit form.
    #[must_use]
    pub fn parse(hex: &str) -> Option<Self> {
        // Digit by digit (every start reads 100,000 of these from the index); 32 digits fill a u128
        // exactly, so the shifts cannot overflow. Unlike from_str_radix, a leading '+' is refused.
        if hex.len() != 32 {
            return None;
        }
        let mut value: u128 = 0;
        for b in hex.bytes() {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return None,
            };
            value = (value << 4) | u128::from(digit);
        }
        Some(Self(value))
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
        assert_eq!(ArticleId::parse(&format!("+{}", &a.to_string()[1..])), None);
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

    /// URL-like text: a scheme or none, a host in mixed case, path pieces with slashes, white space and
    /// fragments where they can trip the cutting.
    fn url_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("/".to_owned()),
            Just("//".to_owned()),
            Just(" ".to_owned()),
            Just("\t".to_owned()),
            Just("\u{a0}".to_owned()),
            Just("#".to_owned()),
            Just("://".to_owned()),
            Just("?q=A%20b".to_owned()),
            "[A-Za-z0-9.-]{1,6}",
            "\\PC{0,3}",
        ];
        (
            prop_oneof![
                Just(""),
                Just("https://"),
                Just("HTTP://"),
                Just("file:///")
            ],
            proptest::collection::vec(piece, 0..10),
        )
            .prop_map(|(scheme, pieces)| format!("{scheme}{}", pieces.concat()))
    }

    proptest::proptest! {
        #[test]
        fn the_canonical_form_of_a_canonical_url_is_itself(url in url_like()) {
            let once = canonical_url(&url);
            proptest::prop_assert_eq!(canonical_url(&once), once.clone());
            proptest::prop_assert_eq!(ArticleId::from_url(&once), ArticleId::from_url(&url));
        }

        #[test]
        fn any_text_has_an_idempotent_canonical_form(url in "\\PC*") {
            let once = canonical_url(&url);
            proptest::prop_assert_eq!(canonical_url(&once), once);
        }
    }

    #[test]
    fn canonical_urls_keep_their_first_definition() {
        for (url, canonical) in [
            ("https://example.com/a/b", "https://example.com/a/b"),
            ("  HTTPS://Example.COM/a/B/#top ", "https://example.com/a/B"),
            ("https://EXAMPLE.com", "https://example.com"),
            ("https://example.com///", "https://example.com"),
            ("example.com/No-Scheme/", "example.com/No-Scheme"),
            ("file:///home/Ana/page.html", "file:///home/Ana/page.html"),
            ("https://x.test/a?q=1#frag#more", "https://x.test/a?q=1"),
            ("", ""),
        ] {
            assert_eq!(canonical_url(url), canonical, "{url:?}");
        }
    }
}

/// Hashes an [`ArticleId`] by folding its two halves: an id is already an xxh3 hash, so hashing it again
/// (the standard `SipHash`) only costs time, and maps of 100,000 ids are rebuilt whenever the list changes.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Not reached for ids (they write one u128); kept sound for anything else.
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u128(&mut self, n: u128) {
        // The two halves of the id, folded: both are uniformly spread already.
        #[allow(clippy::cast_possible_truncation)]
        let (low, high) = (n as u64, (n >> 64) as u64);
        self.0 ^= low ^ high;
    }
}

/// A map keyed by story id, hashed with [`IdHasher`].
pub type IdMap<V> =
    std::collections::HashMap<ArticleId, V, std::hash::BuildHasherDefault<IdHasher>>;
