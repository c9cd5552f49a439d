//! Page furniture in the body of a saved page: the lines news sites print around a story (share rows,
//! reading times, copyright lines, date labels, author bios, ornaments, layout class names) and the photo
//! credits printed as paragraphs. Every phrase list and threshold of these rules lives here.

mod author;
mod credit;

use crate::model::Block;
use crate::text::fold::fold;
use author::{author_names, drop_author_bio, drop_author_notes, is_byline_line};
use credit::as_caption;

/// Lines that pages print around a story's text and that are never part of it (folded, without a
/// trailing colon or full stop).
const BOILERPLATE: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "copy link",
    "link copied",
    "email",
    "print",
    "advertisement",
    "advertisement. scroll to continue reading",
    "scroll to continue reading",
    "story continues below advertisement",
    "skip advertisement",
    "ad",
    "sponsored",
    "read more",
    "show more",
    "continue reading",
    "sign up",
    "subscribe",
    "follow us",
    "follow author",
    "follow",
    "comments",
    "related",
    "related articles",
    "more on this story",
    "listen",
    "listen to this article",
    "save",
    "bookmark",
    "trending",
    "trending articles",
    "trending now",
    "most popular",
    "most read",
    "show caption",
    "hide caption",
    "video ad feedback",
    "next article",
    "previous article",
    "jump to",
    "view all articles by this author",
    "read next",
    "up next",
    // Box labels: a summary box's heading, a shop widget's, a review's verdict box's.
    "highlights",
    "story highlights",
    "key highlights",
    "best prices today",
    "where to buy",
    "pros",
    "cons",
    "阅读下一篇",
    "下一篇",
];

/// Words of a row of share buttons ("Facebook Twitter Email", "SMS Facebook Twitter Email"): a line made
/// only of these is the row, not prose.
const SHARE_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "mail",
    "sms",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "telegram",
    "flipboard",
    "messenger",
    "tumblr",
    "threads",
    "bluesky",
    "share",
    "print",
    "copy",
    "link",
    "comment",
    "comments",
];

/// Phrases that mark a copyright line, in the languages pages come in.
const RIGHTS_RESERVED: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
];

/// A copyright line is short: a paragraph of prose that mentions copyright is longer than this.
const COPYRIGHT_MAX_WORDS: usize = 40;

/// Labels that open a date line ("Published 6 hours ago", "Updated: January 16, 2020").
const DATE_LABELS: &[&str] = &[
    "published on",
    "published",
    "updated on",
    "updated",
    "last updated",
    "posted on",
    "posted",
    "submitted on",
    "submitted",
    "on",
];

/// Units of a relative time ("6 hours ago").
const TIME_UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr",
    "hrs", "day", "days", "week", "weeks", "month", "months", "year", "years",
];

/// A date line is short; longer lines that open with "Published" are sentences.
const DATE_LINE_MAX_CHARS: usize = 60;

/// A line of layout class names has at most this many names (a leak of markup, not a list).
const CLASS_LINE_MAX_NAMES: usize = 8;

/// Phrases of the calls to act that pages set in a story (sign-up forms and their fine print, paywall
/// notices, appeals for money), folded. A story quotes them rarely, and then in a longer paragraph.
const CALLS_TO_ACT: &[&str] = &[
    "by signing up, you agree",
    "by signing up you agree",
    "by subscribing, you agree",
    "by subscribing you agree",
    "by clicking submit",
    "by submitting your",
    "by entering your email",
    "sign up for our free",
    "sign up now",
    "subscribe to our newsletter",
    "subscribe now",
    "already have an account?",
    "already a subscriber?",
    "to read the rest of this story",
    "unlock this article",
    "this article is exclusive to",
    "consider supporting our",
    "consider pitching in",
    "please consider supporting",
    "support our journalism",
    "support our mission",
    "fill out the form below",
    "republish our articles",
    "republish this article",
    "donate via",
    "a small favor to ask",
    "a small favour to ask",
    "download our app",
    "download the app",
    "download and subscribe to",
    "become a patron",
];

/// A call to act is a line or two; a paragraph longer than this that holds such a phrase is the story.
const CALL_TO_ACT_MAX_WORDS: usize = 60;

/// A sign-up form's fine print, a paywall notice, an appeal for money.
fn is_call_to_act(t: &str) -> bool {
    t.split_whitespace().count() <= CALL_TO_ACT_MAX_WORDS
        && CALLS_TO_ACT.iter().any(|p| t.contains(p))
}

/// Hosts of the social networks a "follow us" line points at.
const SOCIAL_HOSTS: &[&str] = &[
    "facebook.com",
    "fb.me",
    "twitter.com",
    "x.com",
    "instagram.com",
    "youtube.com",
    "tiktok.com",
    "line.me",
    "t.me",
    "linkedin.com",
    "threads.net",
    "bsky.app",
];

/// A "follow us" line names at least this many networks' addresses.
const FOLLOW_LINE_MIN_LINKS: usize = 2;

/// A "follow us" line is short; a paragraph that cites two posts is longer than this.
const FOLLOW_LINE_MAX_WORDS: usize = 30;

/// "Follow us on Facebook `https://fb.me/x`, X `https://x.com/x`": the page's accounts.
fn is_follow_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() <= FOLLOW_LINE_MAX_WORDS
        && words
            .iter()
            .filter(|w| {
                w.starts_with("http")
                    && SOCIAL_HOSTS
                        .iter()
                        .any(|h| w.contains(&format!("://{h}/")) || w.contains(&format!(".{h}/")))
            })
            .count()
            >= FOLLOW_LINE_MIN_LINKS
}

/// Whether a block's text is page furniture. `t` is folded, without a trailing colon or full stop.
fn is_furniture_line(t: &str) -> bool {
    BOILERPLATE.contains(&t)
        || is_ornament(t)
        || is_orphan_number(t)
        || is_price_line(t)
        || is_reading_time(t)
        || is_share_row(t)
        || is_copyright(t)
        || is_date_line(t)
        || is_class_names(t)
        || is_call_to_act(t)
        || is_follow_line(t)
}

/// "4 min read", "12 minute read", "reading time: 3 minutes".
fn is_reading_time(t: &str) -> bool {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ':')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [n, unit, "read" | "reading" | "listen"] | ["reading", "time", n, unit] => {
            n.chars().all(|c| c.is_ascii_digit())
                && matches!(*unit, "min" | "mins" | "minute" | "minutes")
        }
        _ => false,
    }
}

/// A row of share buttons: only the names of networks and share verbs.
fn is_share_row(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    // One network's name alone may be a word of the story (a list of platforms, a caption).
    words.len() >= SHARE_ROW_MIN_WORDS && words.iter().all(|w| SHARE_WORDS.contains(w))
}

/// A share row names at least two networks or verbs.
const SHARE_ROW_MIN_WORDS: usize = 2;

/// An ornament between sections ("• • •", "* * *"): no letter or digit. Underscores are left: a rule of
/// them marks a break the story's own text draws.
fn is_ornament(t: &str) -> bool {
    !t.chars().any(|c| c.is_alphanumeric() || c == '_')
}

/// A number standing alone is at most this long: a price ("$1,299.99", "€89,95") or a list number.
const ORPHAN_NUMBER_MAX_CHARS: usize = 12;

/// A number standing alone as a block, with no word to say what it counts: a price box's "$82.99" or a
/// list's "3." left from its item. A figure the story gives comes inside a sentence.
fn is_orphan_number(t: &str) -> bool {
    t.chars().count() <= ORPHAN_NUMBER_MAX_CHARS
        && t.chars().any(char::is_numeric)
        && !t.chars().any(char::is_alphabetic)
}

/// Words a shop's price badge uses beside its figures ("Now 20% off", "$429.99 $1,799 Save $1,369.01").
const PRICE_WORDS: &[&str] = &[
    "now", "was", "save", "off", "from", "only", "sale", "price", "list", "msrp", "deal",
];

/// A price badge is short: a figure or three and their words.
const PRICE_LINE_MAX_WORDS: usize = 8;

/// A shop's price badge: only prices, percentages and the words around them, with at least one price.
fn is_price_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let price = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .any(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '%'))
            && w.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '₹' | '%' | '.' | ',')
            })
    };
    words.len() <= PRICE_LINE_MAX_WORDS
        && words.iter().any(|w| price(w))
        && words.iter().all(|w| price(w) || PRICE_WORDS.contains(w))
}

/// "© Thomson Reuters 2020", "Copyright © 2025 WABC-TV. All Rights Reserved.", "… Alle Rechte vorbehalten."
fn is_copyright(t: &str) -> bool {
    if t.split_whitespace().count() > COPYRIGHT_MAX_WORDS {
        return false;
    }
    let opens = t.starts_with('©')
        || t.starts_with("(c) ")
        || t.strip_prefix("copyright ").is_some_and(|rest| {
            rest.starts_with(['©', '(']) || rest.starts_with(|c: char| c.is_ascii_digit())
        });
    opens
        || (t.contains('©') && RIGHTS_RESERVED.iter().any(|p| t.contains(p)))
        || RIGHTS_RESERVED.iter().any(|p| t.ends_with(p))
}

/// A line that is only a date, perhaps after a label: "Published 6 hours ago", "Updated: January 16, 2020",
/// "Submitted on Mon, 2019-01-21 13:49", "on December 18, 2025".
fn is_date_line(t: &str) -> bool {
    if t.chars().count() > DATE_LINE_MAX_CHARS {
        return false;
    }
    let mut rest = t;
    if let Some(after) = DATE_LABELS.iter().find_map(|l| {
        rest.strip_prefix(l)
            .filter(|r| r.starts_with([' ', ':']))
            .map(|r| r.trim_start_matches([' ', ':']))
    }) {
        rest = after;
    }
    // A weekday before a date the formats do not name it with ("Mon, 2019-01-21 13:49").
    let without_weekday = rest
        .split_once(", ")
        .filter(|(day, _)| WEEKDAYS.contains(day))
        .map_or(rest, |(_, date)| date);
    if super::dateline::parse_date(rest).is_some()
        || super::dateline::parse_date(without_weekday).is_some()
        || opens_with_cjk_date(rest)
    {
        return true;
    }
    // "6 hours ago", "an hour ago"
    let words: Vec<&str> = rest.split_whitespace().collect();
    matches!(words.as_slice(), [n, unit, "ago"]
        if (n.chars().all(|c| c.is_ascii_digit()) || matches!(*n, "a" | "an"))
            && TIME_UNITS.contains(unit))
}

/// Weekday abbreviations that open a date.
const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A line that opens with a date written the Chinese and Japanese way ("2018年6月18日 10:01 発信地：…"):
/// the date, perhaps a time and place, and no sentence (no full stop).
fn opens_with_cjk_date(t: &str) -> bool {
    let mut rest = t;
    for unit in ['年', '月', '日'] {
        let Some((digits, after)) = rest.split_once(unit) else {
            return false;
        };
        if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        rest = after;
    }
    !t.contains('。')
}

/// Layout class names leaked into the text ("article-body__content paragraph-wrapper"): every word a
/// name joined with `-` or `_`, at least two of them or one with a doubled joiner.
fn is_class_names(t: &str) -> bool {
    let names: Vec<&str> = t.split_whitespace().collect();
    let class_like = |w: &&str| {
        w.contains(['-', '_'])
            && w.split(['-', '_'])
                .all(|p| p.chars().all(|c| c.is_ascii_alphanumeric()))
            && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    };
    !names.is_empty()
        && names.len() <= CLASS_LINE_MAX_NAMES
        && names.iter().all(class_like)
        && (names.len() >= 2 || names[0].contains("__") || names[0].contains("--"))
}

/// Drops share buttons set as a list, one network to an item ("Facebook", "X", "Email"): two such items
/// in a row are the buttons. (One item alone may be a list of the story's: platforms, services.)
fn drop_share_lists(body: &mut Vec<Block>) {
    let share_item = |b: &Block| matches!(b, Block::ListItem { text: t, .. } if SHARE_WORDS.contains(&fold(t).as_str()));
    let marks: Vec<bool> = (0..body.len())
        .map(|i| {
            share_item(&body[i])
                && ((i > 0 && share_item(&body[i - 1])) || body.get(i + 1).is_some_and(share_item))
        })
        .collect();
    let mut index = 0;
    body.retain(|_| {
        index += 1;
        !marks[index - 1]
    });
}

/// The publisher's "About" box ends a story: it sits in the last part of the body, this share of it.
const ABOUT_BOX_LAST_SHARE: f64 = 0.3;

/// Cuts the body at the publisher's own "About" box ("About Velmar Tide Media" and its paragraphs on the
/// company), found in the last part of the body by the site's name.
pub fn cut_about_box(body: &mut Vec<Block>, site: Option<&str>) {
    let Some(site) = site.map(fold).filter(|s| !s.is_empty()) else {
        return;
    };
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let from = (body.len() as f64 * (1.0 - ABOUT_BOX_LAST_SHARE)) as usize;
    let heading = body.iter().enumerate().skip(from).find_map(|(i, b)| {
        let t = fold(b.text());
        let name = t.strip_prefix("about ")?;
        (name == site || (name.starts_with(site.as_str()) && name.split_whitespace().count() <= 4))
            .then_some(i)
    });
    if let Some(at) = heading {
        body.truncate(at);
    }
}

/// Joins a drop cap set apart as its own paragraph to the paragraph it opens ("T" + "urkey, Poland…").
fn join_drop_caps(body: &mut Vec<Block>) {
    let mut i = 0;
    while i + 1 < body.len() {
        let is_cap = matches!(&body[i], Block::Paragraph(t)
            if t.chars().count() == 1 && t.chars().all(char::is_alphabetic));
        let continues = matches!(&body[i + 1], Block::Paragraph(t)
            if t.starts_with(|c: char| c.is_lowercase()));
        if is_cap && continues {
            let cap = body.remove(i);
            if let Block::Paragraph(rest) = &mut body[i] {
                rest.insert_str(0, cap.text());
            }
        }
        i += 1;
    }
}

/// Drops blocks that are page furniture (share buttons, "Advertisement", reading times, copyright lines,
/// date lines, a repeat of the byline, the author's bio), turns credits printed as paragraphs into
/// captions, and joins drop caps to their paragraphs.
pub fn drop_furniture(body: &mut Vec<Block>, byline: Option<&str>) {
    join_drop_caps(body);
    drop_share_lists(body);
    let folded_byline = byline.map(fold);
    let names = byline.map(author_names).unwrap_or_default();
    body.retain(|b| {
        if matches!(
            b,
            Block::Caption { .. }
                | Block::Preformatted { .. }
                | Block::Image(_)
                | Block::Table(_)
                | Block::Footnote { .. }
        ) {
            return true;
        }
        let t = fold(b.text());
        let t = t.trim_end_matches([':', '.', ' ', '\u{ff1a}']);
        let is_byline = folded_byline.as_ref().is_some_and(|by| {
            t == by.as_str() || t.strip_prefix("by ").is_some_and(|r| r == by.as_str())
        }) || is_byline_line(t, &names);
        !(is_byline || is_furniture_line(t))
    });
    for block in body.iter_mut() {
        if let Some(caption) = as_caption(&mut *block) {
            *block = caption;
        }
    }
    if let Some(by) = byline {
        drop_author_bio(body, by);
        drop_author_notes(body, by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(lines: &[&str]) -> Vec<String> {
        let mut body: Vec<Block> = lines
            .iter()
            .map(|l| Block::Paragraph((*l).into()))
            .collect();
        drop_furniture(&mut body, None);
        body.iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .map(|b| b.text().to_owned())
            .collect()
    }

    #[test]
    fn furniture_lines_go() {
        let gone = [
            "4 Min Read",
            "Reading time: 3 minutes",
            "• • •",
            "Trending Articles",
            "Facebook Twitter Email",
            "© Harbour Press Agency 2026",
            "Copyright © 2026 Velmar Tide. All Rights Reserved.",
            "Velmar Tide GmbH – Alle Rechte vorbehalten",
            "Published 6 hours ago",
            "Updated: January 16, 2020",
            "on December 18, 2025",
            "article-body__content paragraph-wrapper",
            "Submitted on Mon, 2019-01-21 13:49",
            "2026年3月4日 10:01 発信地：ヴェルマー/ノルウェー [ ノルウェー ヨーロッパ ]",
            "Follow the Tide on Facebook https://facebook.com/tide and X https://x.com/tide",
            "By signing up, you agree to receive our messages.",
            "Read next:",
            "Since you read to the end, we have a small favour to ask.",
            "阅读下一篇：",
            "$82.99",
            "3.",
            "Now 20% Off",
            "$429.99 $1,799 Save $1,369.01",
            "Highlights",
            "Best Prices Today:",
            "Pros",
        ];
        assert_eq!(kept(&gone), Vec::<String>::new());
        let prose = [
            "Copyright holders met on Tuesday to discuss the new rules.",
            "Published in 1902, the survey mapped every well in the valley.",
            "Share prices rose by four per cent.",
            "A well-known face returned to the council.",
            "2026年3月4日，議会は防波堤の再建を決めた。",
            "Tickets cost $12.",
            "Prices rose 20% in a year.",
            "Pros and cons of the new wall were argued until midnight.",
        ];
        assert_eq!(kept(&prose), prose);
    }

    #[test]
    fn credits_become_captions_and_drop_caps_join() {
        let mut body = vec![
            Block::Paragraph("T".into()),
            Block::Paragraph("he harbour wall held through the night.".into()),
            Block::Caption {
                text: "Credit...Ana Ruiz/Harbour Press".into(),
                credit: None,
            },
            Block::Paragraph("Workers on the wall. | Photo by Ana Ruiz".into()),
            Block::Caption {
                text: "Credit Kevin Lo/Getty Images".into(),
                credit: None,
            },
            Block::Paragraph("Credit Suisse shares fell.".into()),
        ];
        drop_furniture(&mut body, None);
        assert_eq!(
            body,
            vec![
                Block::Paragraph("The harbour wall held through the night.".into()),
                Block::Caption {
                    text: String::new(),
                    credit: Some("Ana Ruiz/Harbour Press".into())
                },
                Block::Caption {
                    text: "Workers on the wall.".into(),
                    credit: Some("Photo by Ana Ruiz".into())
                },
                Block::Caption {
                    text: String::new(),
                    credit: Some("Kevin Lo/Getty Images".into())
                },
                Block::Paragraph("Credit Suisse shares fell.".into()),
            ]
        );
    }

    #[test]
    fn an_author_bio_above_the_story_goes() {
        let story =
            "The council met on Tuesday and voted to rebuild the harbour wall before winter.";
        let mut body = vec![
            Block::Paragraph("Ana is a reporter who has covered the coast for ten years.".into()),
            Block::Paragraph(story.into()),
            Block::Paragraph("Ana Ruiz said the vote surprised nobody in the old quarter.".into()),
            Block::Paragraph(story.into()),
            Block::Paragraph("Ana Ruiz covers the coast for the Velmar Tide.".into()),
        ];
        body.insert(
            0,
            Block::Paragraph("By Ana Ruiz, harbour reporter, Velmar Tide".into()),
        );
        drop_furniture(&mut body, Some("By Ana Ruiz, Velmar Tide"));
        assert_eq!(body.len(), 4, "{body:?}");
        assert!(body[1].text().starts_with("Ana Ruiz said"), "{body:?}");
        // A byline with its label does not make the label a name.
        let mut body = vec![Block::Paragraph(
            "Posted by Ana Ruiz on the harbour desk".into(),
        )];
        drop_furniture(&mut body, Some("Posted by Velmar Tide"));
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn author_notes_and_the_about_box_at_the_end_go() {
        let story =
            "The council met on Tuesday and voted to rebuild the harbour wall before winter.";
        let mut body: Vec<Block> = (0..6).map(|_| Block::Paragraph(story.into())).collect();
        body.push(Block::Paragraph(
            "Ana Ruiz is a reporter who covers the coast for the Velmar Tide.".into(),
        ));
        body.push(Block::Paragraph(
            "Contact staff writer Ana Ruiz at ana@tide.example.".into(),
        ));
        body.push(Block::Paragraph(
            "This story about the wall was written by Ana Ruiz and produced by the Tide.".into(),
        ));
        drop_furniture(&mut body, Some("Ana Ruiz"));
        // A bio at the end stays (readers of many sites keep it); the notes go.
        assert_eq!(body.len(), 7, "{body:?}");
        body.push(Block::Subhead("About Velmar Tide Media".into()));
        body.push(Block::Paragraph(
            "Velmar Tide Media is a publisher on the coast.".into(),
        ));
        cut_about_box(&mut body, Some("Velmar Tide"));
        assert_eq!(body.len(), 7, "{body:?}");
    }
}
