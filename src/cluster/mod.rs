//! Copies of one story: the signals that tell that two stored stories are the same one (the page's URL,
//! the folded headline, a fingerprint of the text), the thresholds they are held to, and the groups they
//! make. Pure: no I/O, no terminal.

mod collapse;
mod groups;
mod mode;
pub mod sketch;
mod url;

pub use collapse::collapse;
pub use groups::Groups;
pub use mode::{Listing, listing, set_listing};
pub use sketch::Sketch;
pub use url::story_url;

use crate::text::fold::fold;

/// Least shingles a text needs to be fingerprinted at all: below this, a bin or two decide.
pub const SKETCH_SHINGLES: usize = 8;

/// Least shingles both texts need for their fingerprints alone (with agreeing headlines) to make them one
/// story: below this (a feed's two-line summary, a caption-only page) two different stories can share a
/// quarter of their few shingles by chance (a dateline, a stock phrase), so short texts also need the
/// same headline.
pub const MIN_SHINGLES: usize = 40;

/// Least shingles both texts need to be one story on text alone, whatever their headlines. A template
/// that carries one text under many headlines (the corpus's 23 "Lorem ipsum" test pages titled "Base
/// URL test", "Replace brs test", ...) is short, 125 to 350 shingles there; a story that long, reprinted
/// under another headline (a wire story, a page whose `og:title` is not its headline), is one story.
pub const LONG_SHINGLES: usize = 500;

/// Least resemblance for two long texts ([`LONG_SHINGLES`]) to be one story whatever their headlines:
/// 110 of the corpus's 130 copies resemble each other at 0.8 or more (median 0.97), and no two different
/// pages do but those built on one template or captured twice, all shorter than [`LONG_SHINGLES`].
pub const SAME_LONG_TEXT: f32 = 0.8;

/// Least resemblance for two texts ([`MIN_SHINGLES`] and more) whose headlines agree to be one story:
/// 120 of the 130 copies measured reach it (the lowest taken, Wikipedia's "Hermitian matrix", just under 0.5:
/// its page and its dump keep different parts of a long article); different pages that reach it are
/// template pages, kept apart by their headlines and lengths.
pub const SAME_TEXT: f32 = 0.45;

/// Least resemblance for two stories whose headlines agree, with [`HEADLINE_WORDS`] words or more, to be
/// one story: a headline that long is strong evidence, but a generic one ("Live updates on the storm")
/// recurs over different stories, so the texts must still overlap more than different stories' do: of
/// the 33,540 pairs of different pages measured, none outside the template test pages reached 0.15.
pub const SAME_TEXT_WITH_HEADLINE: f32 = 0.15;

/// Least share of the shorter text that the longer must hold (estimated from their resemblance and
/// lengths, see [`containment`]) for two stories whose headlines agree to be one story although their
/// resemblance is under [`SAME_TEXT_WITH_HEADLINE`]: a page whose extraction kept a part of a long
/// article (nytimes-5 of the corpus: 388 shingles of its dump's 1,772, resemblance 0.12, about 0.6 of it
/// held) is the story, whose resemblance can be at most 0.22. Half: more than chance and stock phrases
/// give two different stories under one headline.
pub const SAME_TEXT_INSIDE: f64 = 0.5;

/// Least resemblance for [`SAME_TEXT_INSIDE`] to be trusted: three bins of [`sketch::BINS`]. One or two
/// bins agree by chance or by a shared stock phrase, and between texts of very different lengths a
/// single bin would estimate most of the shorter one held.
pub const INSIDE_LEAST: f32 = 0.09;

/// Most times longer one text may be than the other for the two to be one story on [`SAME_TEXT`]: a
/// short text that a longer one repeats (a template's paragraph, given three times over on another test
/// page of the corpus: 346 shingles against 133, 2.6 times) is not that page, while a page and its text
/// dump differ by what each left out (at most 2.3 times on the corpus, "visibility-hidden").
pub const LENGTHS_ALIKE: f64 = 2.5;

/// Least words in a headline for it to count on its own: shorter ones ("Opinion", "In brief",
/// "Weather") are section names more than headlines.
pub const HEADLINE_WORDS: usize = 4;

/// What clustering knows of a story.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// The hash of [`story_url`], when the story has a URL naming a page.
    pub url: Option<u64>,
    /// The hash of the folded headline, when it has [`HEADLINE_WORDS`] words or more.
    pub headline: Option<u64>,
    /// The hash of the folded start of the first paragraph (as the index keys leads), when long enough.
    pub lead: Option<u64>,
    /// The text's fingerprint.
    pub sketch: Sketch,
    /// How many shingles the text has: how full a copy it is.
    pub shingles: u32,
    /// The headline's words (see [`headline_words`]).
    pub words: Box<[u32]>,
}

/// Characters of a headline's word that a headline cut short in that word must keep for the cut to
/// count ("…Deep fake phish" of "…Deep fake phishing is still rare"): three, so that a cut after a letter
/// or two ("…rare, L") or a word that merely starts alike by one letter does not.
pub const CUT_WORD: usize = 3;

/// The bits of a headline word's key that hold the hash of its first [`CUT_WORD`] characters; the rest
/// hold the whole word's. 20 bits of the whole word: two different words of two headlines compared
/// agree by chance once in a million, and headlines agree only on runs of several words.
const CUT_BITS: u32 = 12;

/// A headline word's key: the hash of its first [`CUT_WORD`] characters in the high [`CUT_BITS`] bits,
/// the hash of the whole word below.
fn word_key(word: &str) -> u32 {
    let whole_bits = 32 - CUT_BITS;
    let cut = word
        .char_indices()
        .nth(CUT_WORD)
        .map_or(word, |(i, _)| &word[..i]);
    #[allow(clippy::cast_possible_truncation)]
    let (whole, start) = (
        sketch::word_hash(word) as u32 & ((1 << whole_bits) - 1),
        sketch::word_hash(cut) as u32 >> whole_bits,
    );
    (start << whole_bits) | whole
}

/// Whether headline word `cut`, the last of a headline, may be the start of `word`: the same first
/// [`CUT_WORD`] characters (a word of fewer is its own start only).
fn cut_from(cut: u32, word: u32) -> bool {
    cut >> (32 - CUT_BITS) == word >> (32 - CUT_BITS)
}

/// The words of a headline as keys ([`word_key`]), in order: runs of letters and digits, lower-cased,
/// each character of a script written without spaces, and no one-letter Latin words (the "s" of
/// "Dropbox’s", which another copy writes "Dropbox").
#[must_use]
pub fn headline_words(headline: &str) -> Box<[u32]> {
    let mut out = Vec::new();
    sketch::words(headline, |w| {
        if w.len() > 1 {
            out.push(word_key(w));
        }
    });
    out.into_boxed_slice()
}

/// Whether two headlines agree: one's words are a run of the other's (the same headline, or one with a
/// site's name or a section added, or cut short after a word). A headline of [`HEADLINE_WORDS`] words
/// or more may also be cut inside its last word (a feed's title cut to a length, a headline made from
/// the text's first words). `None` when either has no words.
#[must_use]
pub fn headlines_agree(a: &[u32], b: &[u32]) -> Option<bool> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (&last, most) = short.split_last()?;
    let may_cut = short.len() >= HEADLINE_WORDS;
    Some(long.windows(short.len()).any(|w| {
        w[..most.len()] == *most
            && (w[most.len()] == last || (may_cut && cut_from(last, w[most.len()])))
    }))
}

/// The hash a signal's text is kept as.
fn hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

impl Signals {
    /// The signals of a story: its URL, headline, first paragraph and whole text.
    #[must_use]
    pub fn of(url: Option<&str>, headline: &str, first_paragraph: &str, text: &str) -> Self {
        let folded = fold(headline);
        let words = headline_words(headline);
        let headline = (words.len() >= HEADLINE_WORDS).then(|| hash(&folded));
        let lead_folded = fold(crate::text::at_most(first_paragraph, 1024));
        let lead = crate::store::index::lead_prefix(&lead_folded).map(hash);
        let (sketch, shingles) = Sketch::of(text, SKETCH_SHINGLES);
        Self {
            url: url.and_then(story_url).map(|u| hash(&u)),
            headline,
            lead,
            sketch,
            shingles: u32::try_from(shingles).unwrap_or(u32::MAX),
            words,
        }
    }

    /// The signals of a parsed story, whose text (its blocks, one a line) is `text`.
    #[must_use]
    pub fn of_story(story: &crate::model::Article, text: &str) -> Self {
        Self::of(
            story.head.url.as_deref(),
            &story.head.title,
            story.first_paragraph(),
            text,
        )
    }

    /// The signals as the index keeps them: the URL's key, the headline and its key, the lead's key, the
    /// fingerprint's bytes and the count of shingles.
    #[must_use]
    pub fn from_index(
        url: Option<i64>,
        headline: (&str, i64),
        lead: Option<i64>,
        sketch: Option<&[u8]>,
        shingles: i64,
    ) -> Self {
        let bits = |k: i64| u64::from_ne_bytes(k.to_ne_bytes());
        let words = headline_words(headline.0);
        Self {
            url: url.map(bits),
            headline: (words.len() >= HEADLINE_WORDS).then(|| bits(headline.1)),
            lead: lead.map(bits),
            sketch: sketch.map(Sketch::from_bytes).unwrap_or_default(),
            shingles: u32::try_from(shingles).unwrap_or(0),
            words,
        }
    }
}

/// The read state two copies of one story share: read when either was (at the earlier time), starred when
/// either is, and reading stopped at the further position.
#[must_use]
pub fn shared_mark(
    a: crate::store::marks::Mark,
    b: crate::store::marks::Mark,
) -> crate::store::marks::Mark {
    crate::store::marks::Mark {
        read_at: match (a.read_at, b.read_at) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        },
        starred: a.starred || b.starred,
        position: a.position.max(b.position),
    }
}

/// Whether two stories are copies of one: the same page's URL; or long texts ([`LONG_SHINGLES`]) that
/// resemble each other at [`SAME_LONG_TEXT`]; or texts at [`SAME_TEXT`] under headlines that agree
/// ([`headlines_agree`]); or agreeing headlines of [`HEADLINE_WORDS`] words with the same lead, or with
/// texts at [`SAME_TEXT_WITH_HEADLINE`].
#[must_use]
pub fn same_story(a: &Signals, b: &Signals) -> bool {
    if a.url.is_some() && a.url == b.url {
        return true;
    }
    let resemblance = a.sketch.resemblance(&b.sketch);
    let shorter = a.shingles.min(b.shingles) as usize;
    if shorter >= LONG_SHINGLES && resemblance >= SAME_LONG_TEXT {
        return true;
    }
    let agree = headlines_agree(&a.words, &b.words);
    // Texts of like length (see [`LENGTHS_ALIKE`]).
    let alike = f64::from(a.shingles.max(b.shingles))
        <= LENGTHS_ALIKE * f64::from(a.shingles.min(b.shingles));
    // A story with no headline has no say: its text decides.
    if shorter >= MIN_SHINGLES && alike && agree != Some(false) && resemblance >= SAME_TEXT {
        return true;
    }
    if agree != Some(true) || a.words.len().min(b.words.len()) < HEADLINE_WORDS {
        return false;
    }
    // A text too short to fingerprint (a feed's summary, a page whose text was not found) leaves it to
    // the headline, when it is the same headline word for word.
    let summary = a.sketch.is_empty() || b.sketch.is_empty();
    (summary && a.headline.is_some() && a.headline == b.headline)
        || (a.lead.is_some() && a.lead == b.lead)
        || resemblance >= SAME_TEXT_WITH_HEADLINE
        || (resemblance >= INSIDE_LEAST
            && containment(resemblance, a.shingles, b.shingles) >= SAME_TEXT_INSIDE)
}

/// The estimated share of the shorter of two texts of `a` and `b` shingles that the other holds, from
/// their resemblance `r` (the shared shingles are r·(a+b)/(1+r)).
#[must_use]
pub fn containment(r: f32, a: u32, b: u32) -> f64 {
    let r = f64::from(r);
    let shorter = f64::from(a.min(b).max(1));
    (r * (f64::from(a) + f64::from(b)) / (1.0 + r) / shorter).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A story of `n` words, word `i` made from `seed` and `i`: texts of different seeds share no word.
    fn text(seed: u32, n: u32) -> String {
        (0..n)
            .map(|i| format!("w{seed}x{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `n` words of which the first `shared` are story 1's, the rest story `seed`'s.
    fn mixed(seed: u32, n: u32, shared: u32) -> String {
        let mut words: Vec<String> = (0..shared).map(|i| format!("w1x{i}")).collect();
        words.extend((shared..n).map(|i| format!("w{seed}x{i}")));
        words.join(" ")
    }

    const HEADLINE: &str = "Storm Isolde floods coastal towns";

    #[test]
    fn the_thresholds_are_the_measured_ones() {
        // Changing one means measuring again (QUALITY.md, "Copies of one story").
        assert_eq!((SKETCH_SHINGLES, MIN_SHINGLES, LONG_SHINGLES), (8, 40, 500));
        assert!((SAME_TEXT - 0.45).abs() < f32::EPSILON);
        assert!((SAME_LONG_TEXT - 0.8).abs() < f32::EPSILON);
        assert!((SAME_TEXT_WITH_HEADLINE - 0.15).abs() < f32::EPSILON);
        assert!((LENGTHS_ALIKE - 2.5).abs() < f64::EPSILON);
        assert_eq!(HEADLINE_WORDS, 4);
    }

    #[test]
    fn a_feed_summary_and_the_saved_page_are_one_story_by_url() {
        let feed = Signals::of(
            Some("https://example.com/world/storm?utm_source=rss"),
            "Storm floods towns",
            "A summary.",
            "A summary.",
        );
        let page = Signals::of(
            Some("https://www.example.com/world/storm/"),
            HEADLINE,
            "Lead",
            &text(1, 300),
        );
        assert!(feed.sketch.is_empty());
        assert!(same_story(&feed, &page));
    }

    #[test]
    fn a_text_dump_and_the_page_are_one_story_by_text_and_headline() {
        let page = Signals::of(Some("https://example.com/a"), HEADLINE, "x", &text(1, 300));
        let dump_text = format!("Menu World Sign in {} Share this Most read", text(1, 300));
        let dump = Signals::of(None, &format!("{HEADLINE} | The Courier"), "y", &dump_text);
        assert!(page.sketch.resemblance(&dump.sketch) > 0.8);
        assert!(same_story(&page, &dump));
    }

    #[test]
    fn one_template_under_different_headlines_is_different_stories() {
        // As the corpus's "Lorem ipsum" test pages: the same short text, titled apart.
        let a = Signals::of(None, "Replace brs test", "x", &text(1, 130));
        let b = Signals::of(None, "Remove trailing brs test", "x", &text(1, 130));
        assert!(a.sketch.resemblance(&b.sketch) > 0.9);
        assert!(!same_story(&a, &b));
        // A text that another gives three times over is not the same page either.
        let thrice = format!("{} {} {}", text(1, 130), text(1, 130), text(1, 130));
        let c = Signals::of(None, "Replace brs", "x", &thrice);
        assert!(!same_story(&a, &c));
    }

    #[test]
    fn a_long_text_reprinted_under_another_headline_is_one_story() {
        let wire = Signals::of(None, HEADLINE, "x", &text(1, 900));
        let reprint = Signals::of(None, "Sea walls fail as storm hits", "y", &text(1, 900));
        assert!(same_story(&wire, &reprint));
        // Below the long-text resemblance, the headlines must agree.
        let edited = Signals::of(
            None,
            "Sea walls fail as storm hits",
            "y",
            &mixed(2, 900, 500),
        );
        assert!(!same_story(&wire, &edited));
    }

    #[test]
    fn resemblance_decides_around_the_threshold_under_one_headline() {
        let story = Signals::of(None, "One", "x", &text(1, 400));
        let close = Signals::of(None, "One", "y", &mixed(2, 400, 330));
        let far = Signals::of(None, "One", "y", &mixed(2, 400, 60));
        assert!(story.sketch.resemblance(&close.sketch) >= SAME_TEXT);
        assert!(same_story(&story, &close));
        assert!(story.sketch.resemblance(&far.sketch) < SAME_TEXT_WITH_HEADLINE);
        assert!(!same_story(&story, &far));
    }

    #[test]
    fn a_part_of_a_long_story_under_its_headline_is_the_story() {
        // A page whose extraction kept a twelfth of the article its dump holds: resemblance about 0.08.
        let dump = Signals::of(None, HEADLINE, "The storm came.", &text(1, 3600));
        let part = Signals::of(None, HEADLINE, "Towns flooded.", &text(1, 300));
        assert!(part.sketch.resemblance(&dump.sketch) < SAME_TEXT_WITH_HEADLINE);
        assert!(same_story(&part, &dump));
        let other = Signals::of(None, HEADLINE, "Towns flooded.", &text(2, 300));
        assert!(
            !same_story(&other, &dump),
            "another text under the headline"
        );
        let elsewhere = Signals::of(
            None,
            "Tides rise on the Dunmere shore",
            "Towns.",
            &text(1, 300),
        );
        assert!(!same_story(&elsewhere, &dump), "another headline");
    }

    #[test]
    fn a_summary_with_the_same_long_headline_is_the_story() {
        let feed = Signals::of(None, HEADLINE, "Towns flooded.", "Towns flooded.");
        let dump = Signals::of(None, HEADLINE, "The storm came.", &text(1, 300));
        assert!(same_story(&feed, &dump));
        let other = Signals::of(None, "Storm Isolde", "Towns flooded.", "Towns flooded.");
        let other_dump = Signals::of(None, "Storm Isolde", "The storm came.", &text(1, 300));
        assert!(
            !same_story(&other, &other_dump),
            "a short headline is no signal"
        );
    }

    #[test]
    fn headlines_agree_when_one_is_a_run_of_the_other() {
        let words = |s: &str| headline_words(s);
        let agree = |a: &str, b: &str| headlines_agree(&words(a), &words(b));
        assert_eq!(
            agree(HEADLINE, "Storm Isolde floods coastal towns | Courier"),
            Some(true)
        );
        assert_eq!(
            agree(
                "How we designed Dropbox’s ATF",
                "How we designed Dropbox ATF"
            ),
            Some(true)
        );
        assert_eq!(
            agree("Base URL test", "Base URL with base test"),
            Some(false)
        );
        assert_eq!(agree("", HEADLINE), None);
        assert_eq!(words("静かな海").len(), 4);
        // Cut inside its last word, a long headline still agrees; a short one, or a cut of two letters,
        // does not.
        assert_eq!(
            agree(
                "Storm Isolde floods coastal tow",
                "Storm Isolde floods coastal towns overnight"
            ),
            Some(true)
        );
        assert_eq!(
            agree("Storm Isolde flo", "Storm Isolde floods"),
            Some(false)
        );
        assert_eq!(
            agree(
                "Storm Isolde floods coastal to",
                "Storm Isolde floods coastal towns"
            ),
            Some(false)
        );
        assert_eq!(
            agree(
                "Storm Isolde floods coastal bays",
                "Storm Isolde floods coastal towns"
            ),
            Some(false)
        );
    }

    #[test]
    fn a_front_page_url_is_no_signal() {
        let a = Signals::of(
            Some("https://example.com/"),
            "One story here today",
            "a",
            "a",
        );
        let b = Signals::of(
            Some("https://example.com"),
            "Another story here today",
            "b",
            "b",
        );
        assert!(!same_story(&a, &b));
    }

    #[test]
    fn signals_read_back_from_the_index_are_the_same() {
        let s = Signals::of(
            Some("https://example.com/a"),
            HEADLINE,
            "Lead paragraph of the story, long enough to key.",
            &text(1, 100),
        );
        let back = Signals::from_index(
            s.url.map(|u| i64::from_ne_bytes(u.to_ne_bytes())),
            (
                HEADLINE,
                i64::from_ne_bytes(s.headline.unwrap().to_ne_bytes()),
            ),
            s.lead.map(|u| i64::from_ne_bytes(u.to_ne_bytes())),
            Some(&s.sketch.to_bytes()),
            i64::from(s.shingles),
        );
        assert_eq!(back, s);
    }

    #[test]
    fn shared_marks_keep_every_mark() {
        use crate::store::marks::Mark;
        let a = Mark {
            read_at: Some(20),
            starred: false,
            position: 3,
        };
        let b = Mark {
            read_at: Some(10),
            starred: true,
            position: 1,
        };
        let shared = shared_mark(a, b);
        assert_eq!(
            (shared.read_at, shared.starred, shared.position),
            (Some(10), true, 3)
        );
        assert_eq!(
            shared_mark(Mark::default(), a),
            Mark {
                starred: false,
                ..a
            }
        );
    }
}
