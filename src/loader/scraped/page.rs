//! Whole-page text dumps without the seed layout's markers: the headline matched against the page's title
//! line, and the body as the densest run of prose (menus, footers and link lists score against it).

use std::ops::Range;

use super::lines::{
    Line, ends_sentence, has_words, is_prose, is_prose_of, is_unstopped_text, text_words_of,
    word_count,
};
use super::stopwords;
use crate::text::fold::{fold, fold_into};

/// How far down the page the visible headline is looked for.
const HEADLINE_SCAN: usize = 150;

/// The line that the page's first line (its `<title>`, as scrapers save it) begins or ends with: the visible
/// headline, which the title repeats with the site's name around it. The longest such line of two words or
/// more wins.
#[must_use]
pub fn headline_in_title(lines: &[Line<'_>]) -> Option<usize> {
    let title = fold(lines.first()?.text);
    if word_count(&title) < 2 {
        return None;
    }
    let max_len = title.len().min(300);
    // A line that could be the title's start or end shares its first or its last letter (compared only
    // when both are letters or digits, which folding leaves as they are but for case).
    let (first, last) = (title.chars().next(), title.chars().next_back());
    let may_match = |s: &str| {
        let same = |a: Option<char>, b: Option<char>| match (a, b) {
            (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric() => {
                a.to_lowercase().eq(b.to_lowercase())
            }
            _ => true,
        };
        same(s.chars().next(), first) || same(s.chars().next_back(), last)
    };
    let mut f = String::new();
    lines
        .iter()
        .enumerate()
        .take(HEADLINE_SCAN)
        .skip(1)
        // Folding never lengthens text, and typography at most triples a byte: a line much longer than the
        // title cannot be part of it, and is not folded at all (most body lines).
        .filter(|(_, l)| l.text.len() <= 3 * max_len && may_match(l.text) && has_words(l.text, 2))
        .filter(|(_, l)| {
            // The title is "Headline | Site" or "Site: Headline": the line is its start or its end, cut at a
            // separator; an end must be the bigger part (else it is the site's name).
            f.clear();
            fold_into(l.text, &mut f);
            let f = f.as_str();
            let seps = [' ', ':', '|', '-', '\u{2013}', '\u{2014}', '\u{b7}'];
            let bigger = 2 * f.len() >= title.len();
            title == f
                || (title.starts_with(f) && title[f.len()..].starts_with(seps))
                || (bigger
                    && title.ends_with(f)
                    && title[..title.len() - f.len()].ends_with(seps)
                    && word_count(f) >= 3)
        })
        .max_by_key(|(i, l)| (l.text.len(), usize::MAX - i))
        .map(|(i, _)| i)
}

/// Separators between a page title's parts.
const TITLE_SEPARATORS: [&str; 6] = [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{b7} "];

/// The site's name a title line ends with ("Headline - The Courier"): its last part, of a few words.
#[must_use]
pub fn site_of_title(title: &str) -> Option<&str> {
    TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .map(|(_, site)| site.trim())
        .filter(|site| word_count(site) <= 5)
        .min_by_key(|site| site.len())
}

/// The title line without what follows the headline (" - 21/12/2018 - Esporte - Folha", " | Site"), for
/// pages whose visible headline could not be found: the part before the first separator, or, when that is
/// one word ("Firefox — Customize it — Mozilla"), everything before the last part.
#[must_use]
pub fn title_without_site(title: &str) -> String {
    for sep in TITLE_SEPARATORS {
        if let Some((head, _)) = title.split_once(sep)
            && word_count(head) >= 2
        {
            return head.trim().to_owned();
        }
    }
    for sep in TITLE_SEPARATORS {
        if let Some((head, site)) = title.rsplit_once(sep)
            && word_count(head) >= 2
            && word_count(site) <= 5
        {
            return head.trim().to_owned();
        }
    }
    title.trim().to_owned()
}

/// Headings of the boxes of other stories that pages put around and inside an article ("Related",
/// "Most read", "Lire aussi"), in the languages the pages come in, folded to lower case.
const OTHER_STORIES: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related coverage",
    "related content",
    "related posts",
    "related news",
    "related links",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended related news",
    "you may also like",
    "you might also like",
    "more stories",
    "more news",
    "more on this story",
    "most popular",
    "most read",
    "popular news",
    "popular stories",
    "latest news",
    "latest stories",
    "top stories",
    "trending",
    "trending now",
    "read next",
    "what to read next",
    "up next",
    "more to read",
    "more to explore",
    "also read",
    "editor's picks",
    "promoted stories",
    "sponsored stories",
    "around the web",
    "mehr zum thema",
    "weitere artikel",
    "meistgelesen",
    "das könnte sie auch interessieren",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "les plus lus",
    "artículos relacionados",
    "noticias relacionadas",
    "lo más leído",
    "te puede interesar",
    "articoli correlati",
    "i più letti",
    "leia também",
    "veja também",
    "notícias relacionadas",
    "mais lidas",
    "související",
    "další zprávy",
    "nejčtenější",
    "czytaj także",
    "zobacz także",
    "lees ook",
    "meest gelezen",
];

/// Whether `s` heads a box of other stories.
fn is_other_stories(s: &str) -> bool {
    let t = s.trim_end_matches([':', ' ']);
    if t.len() > 40 || word_count(t) > 5 {
        return false;
    }
    let f = fold(t);
    OTHER_STORIES.contains(&f.as_str())
}

/// What the run finder knows of a line, worked out once per line.
#[derive(Clone, Copy, Debug)]
struct Feat {
    /// Its words (unspaced scripts counted by characters).
    words: usize,
    /// Whether it is prose.
    prose: bool,
    /// Whether it reads as the story's text, short as it may be: prose, a sentence ("Nobody came."), or
    /// an item of a marked list.
    text: bool,
    /// How much it counts towards the body.
    score: i64,
    /// Whether it is running text in an unspaced script without a stop ([`is_unstopped_text`]): the
    /// page's prose if the page is written that way ([`read_unstopped_as_prose`]), else a teaser's title.
    unstopped: bool,
}

impl Feat {
    fn of(line: &Line<'_>) -> Feat {
        let spaced = word_count(line.text);
        let words = text_words_of(line.text, spaced);
        let prose = is_prose_of(line.text, words);
        let unstopped = !prose && is_unstopped_text(line.text);
        Feat {
            words,
            prose,
            text: prose
                || (spaced >= 2 && ends_sentence(line.text))
                || (spaced >= 2 && is_bulleted(line.text)),
            score: score(line.text, spaced, words, prose),
            unstopped,
        }
    }
}

/// On a page written without stops (Chinese or Japanese broken a phrase a line, as blogs often are), its
/// unstopped lines are its prose: they count as prose lines do. A page is written so when its unstopped lines
/// hold more words than its prose lines; where most text ends in stops, as news in those scripts does, the
/// unstopped lines are headlines of other stories and keep their score as the titles they are.
fn read_unstopped_as_prose(feats: &mut [Feat]) {
    let words_of = |pick: fn(&Feat) -> bool| -> usize {
        feats.iter().filter(|f| pick(f)).map(|f| f.words).sum()
    };
    if words_of(|f| f.unstopped) <= words_of(|f| f.prose) {
        return;
    }
    for f in feats.iter_mut().filter(|f| f.unstopped) {
        f.prose = true;
        f.text = true;
        f.score = i64::try_from(f.words).unwrap_or(i64::MAX / 4);
    }
}

/// The words of the prose lines among `feats`.
fn prose_in(feats: &[Feat]) -> usize {
    feats.iter().filter(|f| f.prose).map(|f| f.words).sum()
}

/// How much a line of `words` words counts towards the body: prose adds its words; anything else (a menu
/// item, a link list entry, a footer line) takes some away, so a run of them ends the body.
fn score(text: &str, spaced: usize, words: usize, prose: bool) -> i64 {
    let words = i64::try_from(words).unwrap_or(i64::MAX / 4);
    if is_formula(text, spaced) {
        -(2 + words / 4)
    } else if prose && !text.ends_with('\u{2026}') && !text.ends_with("...") {
        words
    } else if prose {
        // A summary cut short ("…") is a teaser's more often than a story's.
        words / 2
    } else if words >= 25 && stopwords::reaches(text, spaced, 15) {
        // Running text cut short (a teaser, a paragraph ending in a link) counts half; a long line without
        // function words is a list (languages, tags, names).
        words / 2
    } else if starts_with_clock(text) {
        // "14:44 Talks resume in Geneva": a ticker of other stories; a story's own lines do not open with the
        // time of day.
        -(2 + words)
    } else if words >= 3 && is_bulleted(text) {
        // A list the writer marked item by item ("+ Added Slime Block") belongs to the text; menus and
        // link lists in a dump carry no markers.
        words / 2
    } else {
        -(2 + words / 2)
    }
}

/// Links that end a teaser's summary, in the languages pages come in.
const READ_MORE: &[&str] = &[
    "read more",
    "continue reading",
    "lire la suite",
    "weiterlesen",
    "leer más",
    "leia mais",
    "czytaj więcej",
    "lees meer",
];

/// Whether `s` is text that ends in a "Read more" link (its summary goes on elsewhere): the link's words
/// with a capital, after no full stop of their own ("…encourage children to read more." is a sentence).
fn ends_in_read_more(s: &str) -> bool {
    if s.trim_end().ends_with('.') {
        return false;
    }
    let t = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    has_words(t, 4)
        && READ_MORE.iter().any(|m| {
            t.len() > m.len()
                && t.is_char_boundary(t.len() - m.len())
                && t[t.len() - m.len()..].eq_ignore_ascii_case(m)
                && t[t.len() - m.len()..].starts_with(char::is_uppercase)
        })
}

/// Whether `s` is a formula or a table row as a dump spells it ("x ˙ = σ ( y − x )"): words average
/// fewer than three characters, where running text averages about five.
fn is_formula(s: &str, words: usize) -> bool {
    // Characters counted by their first bytes: UTF-8 continuation bytes (0b10xx_xxxx) add none.
    words >= 6
        && s.bytes()
            .map(|b| usize::from(b > b' ' && b & 0xc0 != 0x80))
            .sum::<usize>()
            < 3 * words
}

/// Whether `s` opens with a time of day and goes on ("14:44 Talks resume", "9:05 Markets open").
fn starts_with_clock(s: &str) -> bool {
    let b = s.as_bytes();
    let hours = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&hours)
        && b.get(hours) == Some(&b':')
        && b.get(hours + 1..hours + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
        && b.get(hours + 3) == Some(&b' ')
        && word_count(s) >= 3
}

/// Whether `s` opens with a list marker: "+ ", "- ", "* ", "• " or "1. ".
fn is_bulleted(s: &str) -> bool {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix(['+', '-', '*', '\u{2022}', '\u{25aa}', '\u{2013}']) {
        return rest.starts_with(' ');
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && s[digits..].starts_with(['.', ')'])
        && s[digits + 1..].starts_with(' ')
}

/// The run of lines with the most prose in it (the maximum-sum window of the line scores).
#[must_use]
pub fn densest_run(lines: &[Line<'_>]) -> Range<usize> {
    let mut feats: Vec<Feat> = lines.iter().map(Feat::of).collect();
    read_unstopped_as_prose(&mut feats);
    let (mut best, mut best_sum) = (0..0, 0i64);
    let (mut start, mut sum) = (0, 0i64);
    for (i, feat) in feats.iter().enumerate() {
        if sum <= 0 {
            start = i;
            sum = 0;
        }
        sum += feat.score;
        if sum > best_sum {
            best_sum = sum;
            best = start..i + 1;
        }
    }
    let best = cut_at_ticker(lines, &feats, best);
    let best = cut_at_other_stories(lines, &feats, best);
    let mut best = cut_at_comments(lines, &feats, best);
    // A cut may leave furniture at the end ("AFP", "Get the newsletter"); the run ends on a line that counts.
    while best.end > best.start && feats[best.end - 1].score <= 0 {
        best.end -= 1;
    }
    best
}

/// How many lines opening with the time of day within a few lines make a ticker.
const TICKER_TIMES: usize = 5;
/// The few lines.
const TICKER_WINDOW: usize = 16;

/// Ends the run where a ticker of other stories begins ("14:44 Talks resume", "14:32 Markets open", ...),
/// once some prose stands before it: the items between the times may be prose, but they are not the story.
fn cut_at_ticker(lines: &[Line<'_>], feats: &[Feat], run: Range<usize>) -> Range<usize> {
    // The ticker may run on past the run's end: times after it count too.
    // A timeline told in sentences ("09:15 The first wave hits the quay.") is the story's own.
    let clocks: Vec<usize> = (run.start..lines.len().min(run.end + TICKER_WINDOW))
        .filter(|&i| !feats[i].prose && starts_with_clock(lines[i].text))
        .collect();
    for w in clocks.windows(TICKER_TIMES) {
        if w[0] < run.end
            && w[TICKER_TIMES - 1] - w[0] < TICKER_WINDOW
            && prose_in(&feats[run.start..w[0]]) >= 30
        {
            return run.start..w[0];
        }
    }
    run
}

/// `lines` without the boxes of other stories inside the story: a heading ("Related") and the teaser
/// headlines under it, up to where the prose goes on; and teaser cards (a headline, then a summary ending
/// in "Read more").
#[must_use]
pub fn without_boxes<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let mut out: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if ends_in_read_more(lines[i].text) {
            // A teaser card inside the story: its headline, then its summary ending in "Read more".
            if out.last().is_some_and(|l| !is_prose(l.text)) {
                out.pop();
            }
            i += 1;
            continue;
        }
        if is_other_stories(lines[i].text) {
            // The heading and the teaser headlines under it, as far as a box goes.
            let end = (i + 1 + BOX_LINES).min(lines.len());
            i += 1;
            while i < end && !is_prose(lines[i].text) {
                i += 1;
            }
            continue;
        }
        out.push(lines[i]);
        i += 1;
    }
    out
}

/// How many lines a box of other stories inside an article takes at most: a heading and a few teasers.
const BOX_LINES: usize = 8;

/// Ends the run at the first heading of other stories that the story does not go on after. The story goes
/// on where two prose lines stand in a row again right after a small box, or when the run from its next
/// prose line on is mostly text (paragraphs under subheads, short sentences, list items); a list of
/// teasers (headline, summary, date) is not.
fn cut_at_other_stories(lines: &[Line<'_>], feats: &[Feat], run: Range<usize>) -> Range<usize> {
    for h in run.clone().filter(|&i| is_other_stories(lines[i].text)) {
        if prose_in(&feats[run.start..h]) < 30 {
            continue;
        }
        let rest = &feats[h + 1..run.end];
        let two_in_a_row = rest.windows(2).position(|w| w[0].prose && w[1].prose);
        let mostly_text = rest.iter().position(|f| f.prose).is_some_and(|at| {
            let story = &rest[at..];
            2 * story.iter().filter(|f| f.text).count() >= story.len()
        });
        let goes_on = two_in_a_row.is_some_and(|at| at < BOX_LINES) || mostly_text;
        if !goes_on {
            return run.start..h;
        }
    }
    run
}

/// Words that head a reader comment section on their own, in the languages the pages come in.
const COMMENTS: &[&str] = &[
    "comments",
    "kommentare",
    "commentaires",
    "comentarios",
    "commenti",
    "reacties",
    "komentarze",
];
/// The same word in the singular: a heading only with other words ("Post a comment", "1 Kommentar"); alone
/// it is a form field or a table cell.
const COMMENT: &[&str] = &[
    "comment",
    "kommentar",
    "commentaire",
    "comentario",
    "commento",
];

/// Whether `s` heads a comment section: a short line naming comments, not a sentence ("14 Comments",
/// "Post a comment", "Leave a Reply", "Kommentare lesen (1 Beitrag)").
fn is_comment_marker(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 80 || word_count(s) > 5 || s.ends_with(['.', '!', '?', ':', ';']) {
        return false;
    }
    let is = |list: &[&str], w: &str| list.iter().any(|c| c.eq_ignore_ascii_case(w));
    let mut words = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let alone = words.clone().nth(1).is_none();
    s.eq_ignore_ascii_case("leave a reply")
        || words.any(|w| is(COMMENTS, w) || (!alone && is(COMMENT, w)))
}

/// How many lines may separate the headings of one comment section ("Comments", a sign-in form, "0
/// Comments", "Sort by").
const COMMENT_SECTION_LINES: usize = 12;

/// Ends the run at its comment-section heading, once some prose stands before it: readers' comments are
/// prose too, but not the story. Headings a few lines apart are one section. A run with headings far apart
/// (a digest of stories, each with its comment count) is left whole.
fn cut_at_comments(lines: &[Line<'_>], feats: &[Feat], run: Range<usize>) -> Range<usize> {
    let mut markers = run.clone().filter(|&i| is_comment_marker(lines[i].text));
    let Some(at) = markers.next() else {
        return run;
    };
    let (mut last, mut in_section) = (at, 1);
    for i in markers {
        if i - last > COMMENT_SECTION_LINES {
            return run;
        }
        (last, in_section) = (i, in_section + 1);
    }
    // Comment counts under every teaser of a page are furniture, not the page's own comment section.
    if lines.iter().filter(|l| is_comment_marker(l.text)).count() - in_section > 2 {
        return run;
    }
    let (before, after) = (
        prose_in(&feats[run.start..at]),
        prose_in(&feats[at..run.end]),
    );
    if before >= 30 && before * 2 >= after {
        run.start..at
    } else {
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::scraped::lines::split;

    #[test]
    fn the_title_line_finds_the_headline() {
        let text = "Harbour wall opens | The Courier\n\nHome\n\nWorld\n\nHarbour wall opens\n\nThe town opened its wall on Saturday.";
        let lines = split(text);
        assert_eq!(headline_in_title(&lines), Some(3));
        assert_eq!(
            title_without_site("Harbour wall opens today | The Courier"),
            "Harbour wall opens today"
        );
        assert_eq!(
            title_without_site("Wall opens - 21/12/2026 - Local - Courier"),
            "Wall opens"
        );
        assert_eq!(
            title_without_site("Harbour \u{2014} Walls and boats \u{2014} The Courier"),
            "Harbour \u{2014} Walls and boats"
        );
    }

    #[test]
    fn the_densest_run_is_the_body() {
        let text = "Home\nNews\nSport\nWeather\nThe council voted on Tuesday to rebuild the harbour wall before winter.\nThe work will take two years and cost more than planned, officials said.\nA short subhead\nResidents welcomed the news, though some said it came far too late for them.\nAbout us\nContact\nPrivacy\nTerms\nCookies";
        let lines = split(text);
        let run = densest_run(&lines);
        assert_eq!(
            lines[run.start].text,
            "The council voted on Tuesday to rebuild the harbour wall before winter."
        );
        assert_eq!(
            lines[run.end - 1].text,
            "Residents welcomed the news, though some said it came far too late for them."
        );
    }

    #[test]
    fn a_page_written_without_stops_has_its_unstopped_lines_as_body() {
        let story = [
            "清晨的河面上還留著一層薄薄的霧氣 我們沿著堤岸慢慢往上游走去",
            "路邊的老樹已經開始換上秋天的顏色 風一吹就落下滿地的黃葉",
            "走了大約一個小時終於看到那座熟悉的木造吊橋 橋下的溪水比上次清澈許多",
            "中午在橋邊的小店吃了一碗熱騰騰的麵 老闆還送了我們一盤自家種的青菜",
            "下午的陽光很溫和 大家坐在石頭上聊天 誰也不想太早回家",
        ];
        let text = format!(
            "首頁\n旅遊\n美食\n【台中】河邊步道一日遊與老街小吃整理\n{}\n版權所有\n聯絡我們\n隱私權政策",
            story.join("\n")
        );
        let lines = split(&text);
        let run = densest_run(&lines);
        assert_eq!(
            (lines[run.start].text, lines[run.end - 1].text),
            (story[0], story[4])
        );
    }

    #[test]
    fn unstopped_titles_under_stopped_prose_are_teasers() {
        // Where the text ends in stops, lines without one are other stories' headlines.
        let story = [
            "市議會週二通過了新的預算案，預計明年開始整修老舊的河堤。",
            "工程團隊表示，施工期間步道將分段封閉，請民眾留意公告。",
            "居民大多支持這項計畫，但也擔心施工會影響日常通行。",
        ];
        let text = format!(
            "{}\n相關新聞\n河邊步道整修工程將於明年春天正式開始施工\n老街商家盼望觀光人潮在整修後重新回來",
            story.join("\n")
        );
        let lines = split(&text);
        assert_eq!(densest_run(&lines), 0..3);
    }

    #[test]
    fn a_marked_list_stays_in_the_body() {
        let text = "Home\nNews\nThe update brings a long list of changes, the studio said on Monday.\n+ Added granite and basalt blocks\n+ Added the lighthouse keeper\n+ Doors now come in every wood\n1. Boats float in shallow water\nAbout us\nContact\nPrivacy";
        let lines = split(text);
        let run = densest_run(&lines);
        assert_eq!(lines[run.end - 1].text, "1. Boats float in shallow water");
        assert!(is_bulleted("- Added a new mob"));
        assert!(!is_bulleted("-5 degrees tonight"));
        assert!(!is_bulleted("2026. A year"));
    }

    #[test]
    fn readers_comments_end_the_body() {
        let story = "The council voted on Tuesday to rebuild the harbour wall before the winter storms, officials said.\nThe work will take two years and cost far more than planned, the engineers told the long meeting.";
        let comment = "I have lived by that wall for forty years and it has never once been repaired properly, so good luck.";
        let text = format!("{story}\n3 Comments\nAnna Berg\n{comment}\nReply");
        let lines = split(&text);
        let run = densest_run(&lines);
        assert_eq!(run, 0..2);
        assert!(is_comment_marker("Kommentare lesen (1 Beitrag)"));
        assert!(is_comment_marker("Leave a Reply"));
        assert!(!is_comment_marker("No reply."));
        assert!(!is_comment_marker("Comment"));
        assert!(!is_comment_marker("He made no comment on the vote"));
    }

    #[test]
    fn a_ticker_ends_the_story() {
        let story = "The council voted on Tuesday to rebuild the harbour wall before the winter storms, officials said.\nThe work will take two years and cost far more than planned, the engineers told the long meeting.";
        let item = "Forecasters expect the first frost of the season on Friday night, with temperatures falling fast.";
        let text = format!(
            "{story}\nLive\n14:44 Council delays vote\n14:32 Lifeboat rescues kayakers\n14:10\nWeather.\n{item}\n{item}\n13:54 Library reopens\n13:43 Choir wins prize\n13:18 Road closed near quarry\n{item}"
        );
        let lines = split(&text);
        assert_eq!(densest_run(&lines), 0..2);
        // Three times of day are a timeline inside the story, not yet a ticker.
        let timeline = format!(
            "{story}\n09:15 First wave hits the harbour wall\n09:40 Coastguard closes the port\n10:05 Mayor declares an emergency\n{item}\n{item}"
        );
        let lines = split(&timeline);
        assert_eq!(densest_run(&lines), 0..7);
        // Nor are five times of day told in sentences.
        let told = format!(
            "{story}\n09:15 The first wave hits the harbour wall and floods the quay.\n09:40 The coastguard closes the port to all traffic for the day.\n10:05 The mayor declares an emergency and calls in the army.\n10:30 The army arrives with sandbags and two pumping lorries.\n11:00 The water starts to fall along the front at last.\n{item}"
        );
        let lines = split(&told);
        assert_eq!(densest_run(&lines), 0..8);
        assert!(starts_with_clock("9:05 Markets open early"));
        assert!(!starts_with_clock("2.50 euros for a loaf of bread"));
        assert!(!starts_with_clock("14:10"));
        assert!(!starts_with_clock("2026 was a long year"));
    }

    #[test]
    fn a_box_of_other_stories_ends_the_story_unless_it_goes_on() {
        let p = "The council voted on Tuesday to rebuild the old harbour wall before the winter storms, officials said.";
        let teaser = "Ferries halted as crews walk out";
        let summary =
            "The crews stopped work at noon after talks with the harbour board broke down.";
        // At the end: teasers with summaries under "Most read" are not the story.
        let tail = format!(
            "{p}\n{p}\nMost read\n{teaser}\n{summary}\nMonday\n{teaser}\n{summary}\nTuesday\n{teaser}\n{summary}"
        );
        let lines = split(&tail);
        assert_eq!(densest_run(&lines), 0..2);
        // Inside: the story goes on right after the box, which is then left out.
        let inside = format!("{p}\n{p}\nRelated:\n{teaser}\n{teaser}\n{p}\n{p}");
        let lines = split(&inside);
        let run = densest_run(&lines);
        assert_eq!(run, 0..7);
        assert_eq!(without_boxes(&lines[run]).len(), 4);
        assert!(is_other_stories("Lo más leído"));
        assert!(!is_other_stories(
            "Related stories are hard to write, she said."
        ));
    }

    #[test]
    fn teaser_cards_inside_the_story_are_left_out() {
        let p = "The council voted on Tuesday to rebuild the old harbour wall before the winter storms, officials said.";
        let text = format!(
            "{p}\nHow Ports Prepare for Storms How Ports Prepare for Storms\nEvery autumn the harbour crews check each gate and pump, as they have… Read more Read more\n{p}"
        );
        let lines = split(&text);
        assert_eq!(without_boxes(&lines).len(), 2);
        assert!(ends_in_read_more(
            "The crews check each gate… Lire la suite »"
        ));
        assert!(!ends_in_read_more("Read more"));
        // A sentence that ends with the words is no link.
        assert!(!ends_in_read_more(
            "The library's new campaign for children is called Read More."
        ));
        assert!(!ends_in_read_more(
            "She did not read more than the first page of it."
        ));
    }

    #[test]
    fn lists_and_formulas_are_not_prose() {
        let languages = "English Deutsch Français Español Italiano Nederlands Polski Português Русский Svenska Türkçe Dansk Norsk Suomi Čeština Magyar Română Ελληνικά Български Hrvatski Slovenčina Slovenščina Lietuvių Latviešu Eesti";
        assert!(Feat::of(&split(languages)[0]).score < 0);
        let cut_short = "The council voted on Tuesday to rebuild the harbour wall before winter and the work will take two years and cost more than the engineers had planned for it";
        assert!(Feat::of(&split(cut_short)[0]).score > 0);
        let formula = "x ˙ = σ ( y − x ) y ˙ = ρ x − y";
        assert!(is_formula(formula, word_count(formula)));
        let sentence = "The council voted on Tuesday to rebuild the wall.";
        assert!(!is_formula(sentence, word_count(sentence)));
    }
}
