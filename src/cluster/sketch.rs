//! A near-duplicate fingerprint of a story's text: one-permutation `MinHash` over word shingles, and the
//! bands it is bucketed by so that finding a story's copies looks at a few candidates, not every story.

/// Words per shingle. Four, as the extraction benchmark's scorer counts overlap: long enough that two
/// different stories share next to none (of the 33,540 pairs of different pages of the 130-page corpus,
/// none reached 0.15 but the test pages built on one template), short enough that an HTML page and its
/// text dump, which cut and join a few lines differently, still share most (median 0.97).
pub const SHINGLE: usize = 4;

/// Bins of the sketch: each keeps the least hash of the shingles that fall in it, cut to 16 bits (two
/// different least hashes agree by chance once in 65,536 bins, far below the estimate's own error). 32
/// bins estimate a resemblance within ±0.09 (one standard deviation at 0.5), ample where copies measure
/// above 0.6 and different stories below 0.1; and 32 two-byte bins cost 64 bytes a story, in the index
/// and in the reader's memory (6 MB at 100,000 stories).
pub const BINS: usize = 32;

/// Bins per band: two stories are compared when all the bins of one band agree. Two rows in 16 bands
/// find a pair of resemblance 0.5 with probability 1 − (1 − 0.5²)¹⁶ = 0.99, and one of 0.1 in 15% of
/// cases, which the full comparison then turns down.
pub const ROWS: usize = 2;

/// A bin no shingle fell in.
const EMPTY: u16 = u16::MAX;

/// A story's fingerprint; empty when its text is too short to tell it from another by text alone. Its
/// bins are kept in place, not on the heap: the reader holds one for every story.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sketch {
    bins: [u16; BINS],
    filled: bool,
}

/// The hash of one word: its lower-case alphanumeric characters.
pub(super) fn word_hash(word: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word.as_bytes())
}

/// Mixes the hashes of a shingle's words in order (a `splitmix64` round per word).
fn mix(hash: u64, word: u64) -> u64 {
    let mut z = hash.rotate_left(23) ^ word;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Calls `emit` with each word of `text`: runs of letters and digits, lower-cased, so that punctuation,
/// quote styles, case and line breaks do not count; in scripts written without spaces, each character.
pub(super) fn words(text: &str, mut emit: impl FnMut(&str)) {
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        // Most text is ASCII: a letter or digit joins the word, anything else ends it, without looking
        // characters up in Unicode's tables.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !word.is_empty() {
                emit(&word);
                word.clear();
            }
        // Scripts written without spaces: each character a word, as the search index takes them.
        } else if crate::search::tokens::is_unspaced(c) {
            if !word.is_empty() {
                emit(&word);
                word.clear();
            }
            let mut bytes = [0u8; 4];
            emit(c.encode_utf8(&mut bytes));
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            emit(&word);
            word.clear();
        }
    }
}

impl Sketch {
    /// The sketch of `text`, and how many shingles it has. Empty when it has fewer than `min_shingles`.
    #[must_use]
    pub fn of(text: &str, min_shingles: usize) -> (Self, usize) {
        let mut bins = [EMPTY; BINS];
        let mut window = [0u64; SHINGLE];
        let mut seen = 0usize;
        words(text, |w| {
            window[seen % SHINGLE] = word_hash(w);
            seen += 1;
            if seen >= SHINGLE {
                let mut h = 0u64;
                for i in 0..SHINGLE {
                    h = mix(h, window[(seen + i) % SHINGLE]);
                }
                // The high bits choose the bin, the low 16 rank within it.
                #[allow(clippy::cast_possible_truncation)]
                let (bin, rank) = ((h >> 59) as usize % BINS, (h as u16).min(EMPTY - 1));
                if rank < bins[bin] {
                    bins[bin] = rank;
                }
            }
        });
        let shingles = seen.saturating_sub(SHINGLE - 1);
        if shingles < min_shingles {
            return (Self::default(), shingles);
        }
        (Self { bins, filled: true }, shingles)
    }

    /// A sketch from its stored bytes (as [`Sketch::to_bytes`] gives them); empty when they are not one.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> Self {
        if bytes.len() != BINS * 2 {
            return Self::default();
        }
        let mut bins = [EMPTY; BINS];
        for (bin, c) in bins.iter_mut().zip(bytes.chunks_exact(2)) {
            *bin = u16::from_le_bytes([c[0], c[1]]);
        }
        Self { bins, filled: true }
    }

    /// The bytes stored in the index (empty for an empty sketch).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.is_empty() {
            return Vec::new();
        }
        self.bins.iter().flat_map(|b| b.to_le_bytes()).collect()
    }

    /// Whether the text was too short to sketch.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        !self.filled
    }

    /// The estimated resemblance (Jaccard index of the shingle sets) of two texts: the share of bins
    /// filled in either that hold the same least hash. 0 when either is empty.
    #[must_use]
    pub fn resemblance(&self, other: &Self) -> f32 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let (mut same, mut filled) = (0u16, 0u16);
        for (a, b) in self.bins.iter().zip(&other.bins) {
            if *a == EMPTY && *b == EMPTY {
                continue;
            }
            filled += 1;
            same += u16::from(a == b);
        }
        if filled == 0 {
            0.0
        } else {
            f32::from(same) / f32::from(filled)
        }
    }

    /// The keys of the sketch's bands (none for an empty sketch, and none for a band with an empty bin):
    /// stories with a key in common are candidates for one story.
    #[must_use]
    pub fn bands(&self) -> Vec<u64> {
        if self.is_empty() {
            return Vec::new();
        }
        self.bins
            .chunks_exact(ROWS)
            .enumerate()
            .filter(|(_, rows)| !rows.contains(&EMPTY))
            .map(|(band, rows)| {
                let mut h = band as u64;
                for &r in rows {
                    h = mix(h, u64::from(r));
                }
                h
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Storm Isolde flooded the coastal towns of Skerrow and Dunmere on Tuesday night as record \
        tides breached the sea walls, forcing hundreds of families from their homes. Rescue crews worked \
        through the night, and the harbour master said the water rose faster than at any time in forty \
        years. The council has opened three schools as shelters and asked residents to stay away from the \
        seafront until the tide turns on Thursday morning, when engineers will inspect the damage.";

    #[test]
    fn typography_case_and_line_breaks_do_not_count() {
        let (a, n) = Sketch::of(STORY, 10);
        let (b, _) = Sketch::of(&STORY.to_uppercase().replace(". ", ".\n\n"), 10);
        assert!(n > 60);
        assert!((a.resemblance(&b) - 1.0).abs() < f32::EPSILON);
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), a);
        assert_eq!(a.bands(), b.bands());
    }

    #[test]
    fn a_copy_with_chrome_around_it_resembles_the_story() {
        let chrome =
            format!("Home | World | Business\nSign in\n{STORY}\nShare this story\nMost read");
        let (a, _) = Sketch::of(STORY, 10);
        let (b, _) = Sketch::of(&chrome, 10);
        assert!(a.resemblance(&b) >= 0.6, "{}", a.resemblance(&b));
    }

    #[test]
    fn different_stories_do_not_resemble_each_other() {
        let other = "The city council voted on Monday to close the old ferry terminal after an inspection \
            found its pilings had rotted through, ending a service that had run since 1911. Commuters will \
            take a bus around the bay until a new terminal opens, which the mayor said could take five \
            years and cost more than forty million, money the council does not yet have.";
        let (a, _) = Sketch::of(STORY, 10);
        let (b, _) = Sketch::of(other, 10);
        assert!(a.resemblance(&b) < 0.1);
    }

    #[test]
    fn short_texts_have_no_sketch() {
        let (s, n) = Sketch::of("Three words only and some more", 40);
        assert!(s.is_empty());
        assert_eq!(n, 3);
        assert!(s.bands().is_empty());
        assert!(s.resemblance(&s).abs() < f32::EPSILON);
        assert!(Sketch::from_bytes(&[1, 2, 3]).is_empty());
    }
}
