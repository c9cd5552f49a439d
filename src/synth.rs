//! Synthetic stores in the seed's layout, for benchmarks and tests: deterministic, no outside data.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

const SECTIONS: &[&str] = &[
    "World",
    "Business",
    "Tech & Science",
    "Entertainment",
    "Sports",
    "Life",
    "Politics",
    "Health",
];
const WORDS: &[&str] = &[
    "council",
    "meeting",
    "harbour",
    "report",
    "inquiry",
    "network",
    "ferry",
    "resolution",
    "members",
    "budget",
    "envoys",
    "officials",
    "tariffs",
    "program",
    "river",
    "signal",
    "tests",
    "referral",
    "court",
    "market",
    "growth",
    "energy",
    "climate",
    "election",
    "vote",
    "parliament",
    "minister",
    "inflation",
    "rates",
    "bank",
    "policy",
    "trade",
    "exports",
    "harvest",
    "storm",
    "flood",
    "rescue",
    "hospital",
    "study",
    "researchers",
    "data",
    "satellite",
    "launch",
    "orbit",
    "team",
    "season",
    "coach",
    "final",
    "match",
    "players",
    "stadium",
    "festival",
    "museum",
    "bridge",
    "railway",
    "schools",
    "teachers",
    "farmers",
    "drought",
    "coastline",
];
const NAMES: &[&str] = &[
    "Ana Ruiz",
    "Li Wei",
    "Omar Haddad",
    "Grace Mbeki",
    "Jonas Berg",
    "Zo\u{eb} M\u{fc}ller",
];
const AUTHORS: &[&str] = &["Wire Desk", "Harbour Desk", "Staff Writer", "Metro Desk"];

/// Syllables of made-up words.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "re", "sa", "tu", "ve", "no", "pi", "da", "ge", "ho", "ju", "be", "fi", "co",
    "ra", "te", "lu", "si", "mo", "na", "di", "po", "ze", "ki", "la", "me", "ro", "su", "ta", "vi",
];

/// How steeply word frequencies fall with rank: 1.07, as in English text and in the project's corpus
/// generator.
const ZIPF_EXPONENT: f64 = 1.07;

/// Made-up words with Zipf frequencies, as real text has: a few words are in every story, most in a few.
/// A search index's size and speed depend on that shape, so search benchmarks use it.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    words: Vec<String>,
    /// Running sums of the words' weights, for sampling.
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// `size` words, the most frequent first.
    #[must_use]
    pub fn zipf(size: usize) -> Self {
        let base = SYLLABLES.len();
        let words = (0..size.max(1))
            .map(|rank| {
                // Frequent words are short, as in real text.
                let mut n = rank + base;
                let mut w = String::new();
                while n > 0 {
                    w.push_str(SYLLABLES[n % base]);
                    n /= base;
                }
                w
            })
            .collect();
        let mut total = 0.0;
        let cumulative = (0..size.max(1))
            .map(|rank| {
                #[allow(clippy::cast_precision_loss)]
                let weight = 1.0 / ((rank + 1) as f64).powf(ZIPF_EXPONENT);
                total += weight;
                total
            })
            .collect();
        Self { words, cumulative }
    }

    /// The word of rank `rank` (0: the most frequent).
    #[must_use]
    pub fn word(&self, rank: usize) -> &str {
        &self.words[rank.min(self.words.len() - 1)]
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        #[allow(clippy::cast_precision_loss)]
        let at = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let rank = self.cumulative.partition_point(|&c| c < at);
        self.word(rank)
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same store on every machine.
/// With a vocabulary, words come from it; else from a short list.
struct Rng(u64, Option<std::sync::Arc<Vocabulary>>);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed, None)
    }

    /// A word of the story text.
    fn word(&mut self) -> String {
        match self.1.clone() {
            Some(v) => v.sample(self).to_owned(),
            None => self.pick(WORDS).to_owned(),
        }
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        // The modulo bias is irrelevant for test data.
        lo + usize::try_from(self.next() % (hi - lo + 1) as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

/// One generated story's parts.
struct Story {
    section: &'static str,
    title: String,
    paragraphs: Vec<String>,
    author: &'static str,
}

fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut words: Vec<String> = (0..n).map(|_| rng.word()).collect();
    if rng.range(0, 9) < 3 {
        let i = rng.range(0, n - 1);
        words[i] = format!("\"{} {}\"", rng.word(), rng.word());
    }
    if rng.range(0, 9) < 3 {
        let i = rng.range(0, n - 1);
        words.insert(i, format!("{}'s", rng.pick(NAMES)));
    }
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(..1, &upper);
    }
    s.push('.');
    s
}

fn story(rng: &mut Rng, index: usize) -> Story {
    let n = rng.range(5, 10);
    let mut title: String = (0..n).map(|_| rng.word()).collect::<Vec<_>>().join(" ");
    title.replace_range(..1, &title[..1].to_ascii_uppercase());
    let _ = write!(title, " {index}");
    let mut paragraphs = vec![sentence(rng, 18, 30)];
    for _ in 0..rng.range(8, 18) {
        let count = rng.range(1, 2);
        paragraphs.push(
            (0..count)
                .map(|_| sentence(rng, 12, 34))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    Story {
        section: rng.pick(SECTIONS),
        title,
        paragraphs,
        author: rng.pick(AUTHORS),
    }
}

/// The body lines of a story's first (ASCII) copy, with a caption and a subhead.
fn body_lines(rng: &mut Rng, s: &Story) -> Vec<String> {
    let mut out = Vec::new();
    for (k, p) in s.paragraphs.iter().enumerate() {
        out.push(p.clone());
        if k == 3 {
            let fragment = format!("Photo of the {} {}", rng.word(), rng.word());
            out.push(format!(
                "{fragment}\n{fragment} \"{}\" in Velmar on November 11, 2026\n, Wire/File",
                rng.word()
            ));
        }
        if k == s.paragraphs.len() * 2 / 3 {
            out.push(format!("- {} {} {} -", rng.word(), rng.word(), rng.word()));
        }
    }
    out
}

/// Typographic punctuation, as the second scrape of a page has it.
fn typographic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut open = true;
    for c in s.chars() {
        match c {
            '"' => {
                out.push(if open { '\u{201c}' } else { '\u{201d}' });
                open = !open;
            }
            '\'' => out.push('\u{2019}'),
            _ => out.push(c),
        }
    }
    out.replace("- ", "\u{2013} ").replace(" -", " \u{2013}")
}

/// The pages of a synthetic store of `count` stories, as (file name, text). Each page has the seed's every
/// part, and its four "You may also like" teasers are the opening paragraphs of other pages.
#[must_use]
pub fn pages(count: usize, seed: u64) -> Vec<(String, String)> {
    pages_from(Rng::new(seed), count)
}

/// [`pages`] with their words drawn from `vocabulary` (see [`Vocabulary::zipf`]).
#[must_use]
pub fn pages_with(count: usize, seed: u64, vocabulary: &Vocabulary) -> Vec<(String, String)> {
    pages_from(
        Rng(seed, Some(std::sync::Arc::new(vocabulary.clone()))),
        count,
    )
}

fn pages_from(mut rng: Rng, count: usize) -> Vec<(String, String)> {
    let stories: Vec<Story> = (0..count).map(|i| story(&mut rng, i)).collect();
    stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let body = body_lines(&mut rng, s);
            let mut parts: Vec<String> = vec![
                "Connect with us".into(),
                "Hi, what are you looking for?".into(),
                s.section.into(),
                s.title.clone(),
            ];
            parts.push(if i % 3 == 0 {
                "-".into()
            } else {
                format!("November {}, 2026", 1 + i % 28)
            });
            parts.extend(body.iter().cloned());
            parts.extend(body.iter().map(|b| typographic(b)));
            parts.push(format!("{}\nWritten By", s.author));
            parts.push(format!(
                "{} covers the region for this synthetic site.",
                s.author
            ));
            parts.push("You may also like:".into());
            for _ in 0..4 {
                let other = &stories[rng.range(0, count - 1)];
                parts.push(other.section.into());
                parts.push(other.paragraphs[0].clone());
            }
            (format!("{i:06}.txt"), parts.join("\n\n") + "\n")
        })
        .collect()
}

/// Writes a synthetic store of `count` pages into `dir`; returns the bytes written.
///
/// # Errors
/// When the folder or a file cannot be written.
pub fn write_store(dir: &Path, count: usize, seed: u64) -> io::Result<u64> {
    write_pages(dir, pages(count, seed))
}

/// Writes pages (file name, text) into `dir`; returns the bytes written.
///
/// # Errors
/// When the folder or a file cannot be written.
pub fn write_pages(dir: &Path, pages: Vec<(String, String)>) -> io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut total = 0;
    for (name, text) in pages {
        std::fs::write(dir.join(name), &text)?;
        total += text.len() as u64;
    }
    Ok(total)
}

/// `count` generated stories as articles, without going through text: for benchmarks of the reader at
/// sizes whose pages would not fit in memory as text. Each has at most `paragraphs` paragraphs.
#[must_use]
pub fn articles(count: usize, seed: u64, paragraphs: usize) -> Vec<crate::model::Article> {
    use crate::model::{Article, ArticleId, Block, Format, Headline};
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let s = story(&mut rng, i);
            let body: Vec<Block> = s
                .paragraphs
                .into_iter()
                .take(paragraphs.max(1))
                .map(Block::Paragraph)
                .collect();
            let first = body.first().map_or("", Block::text);
            Article {
                head: Headline {
                    id: ArticleId::from_text(&s.title, first),
                    path: format!("synthetic/{i:06}.txt").into(),
                    entry: 0,
                    format: Format::Scraped,
                    section: Some(s.section.to_owned()),
                    title: s.title,
                    byline: Some(s.author.to_owned()),
                    published: None,
                    source: None,
                    url: None,
                    modified: None,
                },
                body,
                related: Vec::new(),
                links: Vec::new(),
                enclosures: Vec::new(),
            }
        })
        .collect()
}

/// One article of about `words` words in paragraphs of about 100, for reflow benchmarks.
#[must_use]
pub fn long_article(words: usize, seed: u64) -> crate::model::Article {
    use crate::model::Block;
    let mut rng = Rng::new(seed);
    let mut a = articles(1, seed, 1).remove(0);
    a.body = (0..words.div_ceil(100))
        .map(|_| {
            Block::Paragraph(
                (0..100)
                    .map(|_| rng.pick(WORDS))
                    .collect::<Vec<_>>()
                    .join(" ")
                    + ".",
            )
        })
        .collect();
    a
}

/// A saved web page ("save page, complete") of about `bytes` bytes: a story of a few thousand words,
/// wrapped in what makes such files big (inline scripts and styles, comment threads, images as `data:`
/// addresses), so parsing it takes about as long as a real page of that size. Its headline ends in `index`.
#[must_use]
pub fn saved_page(bytes: usize, index: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let s = story(&mut rng, index);
    let mut page = String::with_capacity(bytes + 4096);
    let _ = write!(
        page,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{} | Synthetic Courier</title>\
         <meta property=\"og:title\" content=\"{}\"><style>",
        s.title, s.title
    );
    // A sixth of the bulk each as styles and script; the rest as markup and inline images, below.
    let third = bytes / 6;
    while page.len() < third {
        let _ = writeln!(
            page,
            ".c{} {{ margin: 0 {}px; color: #{:06x}; }}",
            rng.range(0, 99_999),
            rng.range(0, 64),
            rng.range(0, 0xff_ffff)
        );
    }
    page.push_str("</style><script>");
    while page.len() < 2 * third {
        let _ = writeln!(
            page,
            "window.__state_{} = {{\"k\": \"{}\", \"n\": {}}};",
            rng.range(0, 99_999),
            rng.pick(WORDS),
            rng.range(0, 1_000_000)
        );
    }
    let _ = write!(
        page,
        "</script></head><body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         </header><main><article><h1>{}</h1><p class=\"byline\">By {}</p>",
        s.title, s.author
    );
    for _ in 0..12 {
        for p in &s.paragraphs {
            let _ = write!(page, "<p>{p}</p>");
        }
    }
    page.push_str("</article><section class=\"comments\">");
    // Half of what is left as markup around the story (comment threads, teaser lists), half as images.
    let markup_end = page.len() + (bytes.saturating_sub(page.len())) / 2;
    while page.len() < markup_end {
        let _ = write!(
            page,
            "<div class=\"comment\"><span class=\"who\">{}</span> <a href=\"/u/{}\">reply</a>\
             <p>{} {}</p></div>",
            rng.pick(NAMES),
            rng.range(0, 99_999),
            sentence(&mut rng, 12, 20),
            sentence(&mut rng, 12, 20)
        );
    }
    page.push_str("</section>");
    while page.len() < bytes {
        page.push_str("<img alt=\"\" src=\"data:image/png;base64,");
        let chunk = (bytes - page.len()).min(256 * 1024);
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        page.extend((0..chunk).map(|i| char::from(alphabet[(i * 7 + i / 64) % 64])));
        page.push_str("\">");
    }
    page.push_str("</main></body></html>\n");
    page
}
