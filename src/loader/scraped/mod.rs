//! The scraped-page loader: a news page saved as plain text, one block per line, in the seed's layout
//! (chrome, section, headline, dateline, body scraped twice, author block, "You may also like").

mod body;
mod dump;
mod foot;
mod head;
mod lines;
mod page;
mod stopwords;

use std::path::Path;

use crate::model::{Article, ArticleId, Block, Format, Headline};

/// Parses one scraped page. Never fails: a page without the layout's markers takes the line above its
/// first prose (or its first substantial line) as the headline and the rest as body.
#[must_use]
pub fn parse(text: &str, path: &Path) -> Article {
    let lines = lines::split(text);
    let head = head::find(&lines);
    let foot = foot::find(&lines, head.body_start, head.marked);
    let scraped = &lines[head.body_start..foot.body_end];
    // A whole-page dump may hold hard-wrapped paragraphs; the seed layout keeps one paragraph per line.
    let joined;
    let scraped = if head.marked {
        scraped
    } else {
        joined = lines::join_wrapped(text, scraped);
        &joined
    };
    let mut body_lines = body::single_copy(scraped);
    let mut dateline = head.dateline;
    if !head.marked {
        // A whole-page dump: the body is the densest run of prose; menus and footers fall outside it.
        (body_lines, dateline) = dump::story(&body_lines, dateline);
    }
    let mut body = body::blocks(&body_lines);
    if body.is_empty() {
        // Nothing under the headline: a page of one long line (a note, a snippet) is its headline and its
        // body both, so the reader has the text to show.
        let long: Vec<lines::Line<'_>> = lines
            .iter()
            .filter(|l| lines::text_words(l.text) >= 8)
            .copied()
            .collect();
        body = body::blocks(&long);
    }

    let byline = dateline
        .as_ref()
        .and_then(|d| d.byline.clone())
        .or(foot.author);
    let title = head.title.unwrap_or_default();
    let first_paragraph = body
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or("");
    Article {
        head: Headline {
            id: ArticleId::from_text(&title, first_paragraph),
            path: path.to_path_buf(),
            entry: 0,
            format: Format::Scraped,
            section: head.section,
            title,
            byline,
            published: dateline.and_then(|d| d.published),
            source: None,
            url: None,
            modified: None,
        },
        body,
        related: foot.related,
        links: Vec::new(),
        enclosures: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::body::{credit, subhead};
    use super::*;

    /// A prose line of the kind the body holds.
    const P: &str = "The council voted on Tuesday to approve the budget after a long debate that ran late into the night, officials said.";

    fn page(text: &str) -> Article {
        parse(text, Path::new("t.txt"))
    }

    #[test]
    fn subheads_take_hyphens_or_dashes() {
        assert_eq!(
            subhead("- Calls for ICC referral -"),
            Some("Calls for ICC referral")
        );
        assert_eq!(
            subhead("\u{2013} Calls for ICC referral \u{2013}"),
            Some("Calls for ICC referral")
        );
        assert_eq!(subhead("-"), None);
        assert_eq!(subhead("- -"), None);
        assert_eq!(subhead("-dash-joined-words-"), None);
    }

    #[test]
    fn credits_are_short_comma_lines() {
        assert_eq!(credit(", AFP/File"), Some("AFP/File"));
        assert_eq!(credit(","), None);
        assert_eq!(credit("AFP/File"), None);
    }

    #[test]
    fn author_name_may_follow_written_by() {
        let a = page(
            "Life\n\nA quiet village fair\n\n-\n\nThe fair opened on Saturday with forty stalls and a brass band.\n\nWritten By\nMara Ellison\n\nMara writes about village life.\n",
        );
        assert_eq!(a.head.byline.as_deref(), Some("Mara Ellison"));
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn a_dateline_byline_wins_over_the_author_block() {
        let a = page(
            "Life\n\nA quiet village fair\n\nBy Ana Ruiz | 2026-11-02\n\nThe fair opened on Saturday with forty stalls and a brass band.\n\nAFP\nWritten By\n\nBio.\n",
        );
        assert_eq!(a.head.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            a.head.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-02T00:00:00+00:00")
        );
    }

    #[test]
    fn a_partly_repeated_body_keeps_one_typographic_copy() {
        let a = page(
            "World\n\nTalks resume\n\n-\n\nThe talks \"resumed\" on Monday after a pause of three weeks, officials said.\n\nA second line that is not repeated anywhere in the page at all.\n\nThe talks \"resumed\" on Monday after a pause of three weeks, officials said.\n\nThe talks \u{201c}resumed\u{201d} on Monday after a pause of three weeks, officials said.\n",
        );
        assert_eq!(a.body.len(), 2);
        assert!(a.first_paragraph().contains('\u{201c}'));
    }

    #[test]
    fn a_read_more_link_inside_a_long_story_does_not_end_it() {
        let later = "The second half of the story runs on for a long while after the link, as long stories do.";
        let a = page(&format!(
            "Home\nNews\n\nA long story\n\n{P}\n\nRead more\n\n{later}\n\nMost of the town turned out to watch the boats come in before the storm broke.\n\nBy nightfall the harbour was full and the gates were shut against the rising sea.\n"
        ));
        assert!(a.body.iter().any(|b| b.text() == later), "{:?}", a.body);
        assert!(a.related.is_empty());
    }

    #[test]
    fn a_date_above_the_headline_is_its_date_not_its_section() {
        let a = page(&format!(
            "Harbour wall to be rebuilt - Ostrevik Post\n\nMenu\n\n08.04.2015 12:46\n\nHarbour wall to be rebuilt\n\n{P}\n"
        ));
        assert_eq!(a.head.title, "Harbour wall to be rebuilt");
        assert_eq!(a.head.section, None);
        assert_eq!(
            a.head.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2015-04-08T12:46:00+00:00")
        );
    }

    #[test]
    fn a_paragraph_the_page_prints_twice_stays_twice() {
        let a = page(&format!(
            "World\n\nTalks resume\n\n-\n\n{P}\n\nLike this:\n\n{P}\n\nA closing line that is long enough to count as prose here.\n"
        ));
        let paragraphs = a.body.iter().filter(|b| b.text() == P).count();
        assert_eq!(paragraphs, 2, "{:?}", a.body);
    }

    #[test]
    fn a_credit_alone_makes_the_line_above_a_caption() {
        let a = page(
            "World\n\nTalks resume\n\n-\n\nThe talks resumed on Monday after a pause of three weeks, officials said.\n\nDelegates arrive at the palace\n, Reuters\n",
        );
        assert_eq!(
            a.body[1],
            Block::Caption {
                text: "Delegates arrive at the palace".into(),
                credit: Some("Reuters".into())
            }
        );
    }

    #[test]
    fn a_dateline_the_head_misses_still_lets_the_copy_go() {
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/seed_scraped_afp.txt"
        ))
        .unwrap();
        for dateline in [
            "Sept. 5, 2026",
            "Ana Ruiz | November 20, 2026",
            "Updated November 20, 2026 3:15 PM EST",
        ] {
            let a = page(&seed.replacen("\n-\n", &format!("\n{dateline}\n"), 1));
            let count = |k: &str| a.body.iter().filter(|b| b.kind() == k).count();
            assert_eq!((count("subhead"), count("caption")), (1, 1), "{dateline}");
            assert!(
                count("paragraph") <= 22,
                "{dateline}: {}",
                count("paragraph")
            );
        }
    }

    #[test]
    fn byline_and_date_on_two_lines() {
        let a = page(&format!(
            "World\n\nCouncil passes budget\n\nBy Ana Ruiz\n\nNovember 20, 2026\n\n{P}\n"
        ));
        assert_eq!(a.head.title, "Council passes budget");
        assert_eq!(a.head.section.as_deref(), Some("World"));
        assert_eq!(a.head.byline.as_deref(), Some("Ana Ruiz"));
        assert!(a.head.published.is_some());
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn a_date_followed_by_a_caption() {
        let a = page(&format!(
            "World\n\nCouncil passes budget\n\nNovember 20, 2026\n\nDelegates at the hall\n, AFP\n\n{P}\n"
        ));
        assert!(a.head.published.is_some());
        assert_eq!(a.body[0].kind(), "caption");
    }

    #[test]
    fn a_headline_starting_with_by_is_a_headline() {
        let a = page(&format!(
            "World\n\nBy the numbers: a year of storms\n\n{P}\n"
        ));
        assert_eq!(a.head.title, "By the numbers: a year of storms");
        assert_eq!(a.head.byline, None);
    }

    #[test]
    fn a_dash_separator_in_the_chrome_is_not_the_dateline() {
        let a = page(&format!(
            "Home\n---\nWorld\n\nCouncil passes budget\n\n-\n\n{P}\n"
        ));
        assert_eq!(a.head.title, "Council passes budget");
        assert_eq!(a.head.section.as_deref(), Some("World"));
    }

    #[test]
    fn without_a_dateline_the_line_above_the_prose_is_the_headline() {
        let a = page(&format!("Tech & Science\n\nQuillon unveils chip\n\n{P}\n"));
        assert_eq!(
            (a.head.section.as_deref(), a.head.title.as_str()),
            (Some("Tech & Science"), "Quillon unveils chip")
        );
        let a = page(&format!("World\n\nMarkets slump\n\n{P}\n"));
        assert_eq!(
            (a.head.section.as_deref(), a.head.title.as_str()),
            (Some("World"), "Markets slump")
        );
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn read_more_inside_the_body_does_not_cut_it() {
        let a = page(&format!(
            "World\n\nCouncil passes budget\n\n-\n\n{P}\n\nRead more\n\nA second paragraph goes on with more of the story, as they do.\n\nAFP\nWritten By\n\nBio.\n"
        ));
        assert_eq!(a.head.byline.as_deref(), Some("AFP"));
        assert!(a.related.is_empty());
        assert!(
            a.body
                .iter()
                .any(|b| b.text().starts_with("A second paragraph"))
        );
    }

    #[test]
    fn teasers_without_sections_are_kept() {
        let a = page(&format!(
            "World\n\nCouncil passes budget\n\n-\n\n{P}\n\nYou may also like:\n\nStorm Isolde hits coast\n\nMarkets slump\n\nA grassroots community helps professionals find new paths after careers end.\n"
        ));
        assert_eq!(a.related.len(), 2);
        assert_eq!(a.related[0].section, None);
        assert_eq!(a.related[0].text, "Storm Isolde hits coast");
        assert_eq!(a.related[1].section.as_deref(), Some("Markets slump"));
    }

    #[test]
    fn a_blank_line_between_name_and_written_by() {
        let a = page(&format!(
            "World\n\nCouncil passes budget\n\n-\n\n{P}\n\nAFP\n\nWritten By\n\nAFP is a global news agency with staff in many countries.\n"
        ));
        assert_eq!(a.head.byline.as_deref(), Some("AFP"));
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn a_million_repeated_lines_parse_quickly() {
        // Whole-copy detection tries a bounded number of starts, so this is linear, not quadratic.
        let text = "a\n".repeat(1_000_000);
        let a = page(&text);
        assert_eq!(a.head.title, "a");
    }

    #[test]
    fn chrome_lines_in_the_body_are_dropped() {
        let a = page(&format!(
            "World\n\nCouncil passes budget\n\n-\n\n{P}\n\nAdvertisement\n\n{P} Again.\n"
        ));
        assert_eq!(a.body.len(), 2);
    }
}
