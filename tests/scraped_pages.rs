//! Whole-page text dumps of the kind scrapers save from any site: the headline is found and no chrome
//! line (menus, sign-in, share buttons, footers, cookie notices) enters the body.

use std::path::Path;

use broadsheet::loader;
use broadsheet::model::{Article, Block};

fn page(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name);
    loader::load_path(&path).unwrap().articles.remove(0)
}

fn body_text(a: &Article) -> Vec<&str> {
    a.body.iter().map(Block::text).collect()
}

#[test]
fn a_news_portal_with_a_mega_menu() {
    let a = page("portal-mega-menu.txt");
    assert_eq!(
        a.head.title,
        "Tram extension approved after marathon session"
    );
    assert_eq!(a.head.byline.as_deref(), Some("Odile Marchetti"));
    assert!(a.head.published.is_some());
    let body = body_text(&a);
    assert_eq!(body.len(), 4, "{body:?}");
    assert!(body[0].starts_with("Ostrevik's council voted"));
    for chrome in [
        "Sign in",
        "Deutsch",
        "Share",
        "Most read",
        "Privacy",
        "Ferries halted as crews walk out",
    ] {
        assert!(
            !body.iter().any(|b| b.contains(chrome)),
            "{chrome} in the body"
        );
    }
}

#[test]
fn a_page_behind_a_cookie_wall() {
    let a = page("cookie-wall.txt");
    assert_eq!(a.head.title, "Night kitchen festival draws record crowds");
    let body = body_text(&a);
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(
        !body
            .iter()
            .any(|b| b.contains("cookies") || b.contains("Newsletter"))
    );
}

#[test]
fn a_blog_post_with_comments() {
    let a = page("blog-with-comments.txt");
    assert_eq!(
        a.head.title,
        "Why I stopped sharpening my chisels on a wheel"
    );
    assert_eq!(a.head.byline.as_deref(), Some("Hester Quill"));
    assert_eq!(
        a.head.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-03-12T00:00:00+00:00")
    );
    let body = body_text(&a);
    assert_eq!(body.len(), 4, "{body:?}");
    assert!(body[3].starts_with("The wheel is still in the corner."));
    for chrome in [
        "Archive",
        "Tags:",
        "Share this post",
        "Comments",
        "Same here",
        "What grit",
        "Reply",
        "Your email address",
        "Recent Posts",
        "Powered by",
    ] {
        assert!(
            !body.iter().any(|b| b.contains(chrome)),
            "{chrome} in the body"
        );
    }
}

#[test]
fn a_page_whose_body_is_short() {
    let a = page("short-body.txt");
    assert_eq!(a.head.title, "Harbour bridge closed overnight for repairs");
    assert_eq!(a.head.byline.as_deref(), Some("Courier staff"));
    let body = body_text(&a);
    assert_eq!(body.len(), 2, "{body:?}");
    assert!(body[0].starts_with("The harbour bridge will close"));
    for chrome in [
        "Subscribe",
        "Related",
        "cycle lanes",
        "Newsletter",
        "inbox",
        "Cookie settings",
        "©",
    ] {
        assert!(
            !body.iter().any(|b| b.contains(chrome)),
            "{chrome} in the body"
        );
    }
}

#[test]
fn a_story_followed_by_a_live_ticker() {
    let a = page("live-ticker.txt");
    assert_eq!(a.head.title, "Ferry strike ends after night of talks");
    assert_eq!(a.head.section.as_deref(), Some("News"));
    assert_eq!(a.head.byline.as_deref(), Some("Tomasz Wielgus"));
    assert_eq!(
        a.head.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-03-12T09:40:00+00:00")
    );
    let body = body_text(&a);
    assert_eq!(body.len(), 7, "{body:?}");
    // The last paragraph keeps its sentence; the writer's initials after it do not end the story early.
    assert!(body[6].starts_with("Shops on the island"));
    // A caption with its credit on the same line is a caption, its credit apart.
    assert_eq!(
        a.body[2],
        Block::Caption {
            text: "Deckhands coil ropes aboard the Sollberg before its first crossing".into(),
            credit: Some("Mara Ellison".into())
        }
    );
    for chrome in [
        "AFP",
        "newsletter",
        "Live",
        "14:44",
        "Forecasters expect",
        "Fish prices",
        "Privacy",
    ] {
        assert!(
            !body.iter().any(|b| b.contains(chrome)),
            "{chrome} in the body"
        );
    }
}

#[test]
fn a_mail_archive_with_hard_wrapped_lines() {
    let a = page("hard-wrapped.txt");
    assert_eq!(
        a.head.title,
        "[harbour-dev] Re: moving the tide tables to the new server"
    );
    assert_eq!(a.head.byline.as_deref(), Some("Ilse Varga"));
    // The menu item above the headline ("about") is no section.
    assert_eq!(a.head.section, None);
    let body = body_text(&a);
    // Each paragraph is one block, its lines joined with spaces.
    assert_eq!(body.len(), 3, "{body:?}");
    assert!(
        body[0].contains("before the spring tides, and I have spent the weekend finding out what")
    );
    assert!(body[2].ends_with("nobody outside this list should notice the change."));
    assert!(body.iter().all(|b| !b.contains('\n')));
    for chrome in ["archives", "search", "next message", "thread index"] {
        assert!(
            !body.iter().any(|b| b.contains(chrome)),
            "{chrome} in the body"
        );
    }
}

#[test]
fn a_spanish_page_with_a_box_of_related_stories_inside_the_story() {
    let a = page("related-box.txt");
    assert_eq!(a.head.title, "El puerto de Ostrevik amplía su muelle norte");
    // "Iniciar sesión" (sign in) above the headline is chrome, not the section.
    assert_eq!(a.head.section, None);
    // "por" on its own line with the name under it, and a date in Spanish.
    assert_eq!(a.head.byline.as_deref(), Some("Lucía Fernández"));
    assert_eq!(
        a.head.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-12-01T15:00:00+01:00")
    );
    let body = body_text(&a);
    // The story goes on after the box inside it; the box and the most-read list after it are gone.
    assert_eq!(body.len(), 4, "{body:?}");
    assert!(body[3].starts_with("La alcaldesa, Marta Lindqvist"));
    for chrome in [
        "Artículos relacionados",
        "pescadores",
        "Lo más leído",
        "biblioteca",
        "panadería",
        "Deutsch",
        "Privacidad",
    ] {
        assert!(
            !body.iter().any(|b| b.contains(chrome)),
            "{chrome} in the body"
        );
    }
}

/// A whole-page dump around `body`: a title line, a menu and the headline.
fn dump(body: &str) -> Article {
    let text = format!(
        "Harbour wall to be rebuilt | The Courier\n\nMenu\n\nHarbour wall to be rebuilt\n\n{body}\n"
    );
    loader::load_bytes(Path::new("dump.txt"), text.as_bytes())
        .unwrap()
        .articles
        .remove(0)
}

const P1: &str = "The council voted on Tuesday to rebuild the old harbour wall before the winter storms, officials said.";
const P2: &str = "The work will take two years and cost far more than planned, the engineers told the long meeting.";
const P3: &str = "Residents who live along the front said they had waited for decades for the repairs to begin at last.";

#[test]
fn a_story_that_goes_on_under_subheads_after_a_box_of_related_stories() {
    let a = dump(&format!(
        "{P1}\n\n{P2}\n\nRelated\n\nFerry strike ends\n\n{P3}\n\nThe cost\n\n{P1}\n\nThe timetable\n\n{P2}\n\nThe critics\n\n{P3}"
    ));
    let body = body_text(&a);
    assert_eq!(body.iter().filter(|b| b.len() > 80).count(), 6, "{body:?}");
    assert!(body.contains(&"The critics"));
    assert!(!body.contains(&"Related") && !body.contains(&"Ferry strike ends"));
}

#[test]
fn a_timeline_told_in_sentences_is_no_ticker() {
    let a = dump(&format!(
        "{P1}\n\n{P2}\n\n09:15 The first wave hits the harbour wall and floods the quay.\n\n09:40 Coastguard closes the port to all traffic for the day.\n\n10:05 The mayor declares an emergency and calls in the army.\n\n{P3}"
    ));
    let body = body_text(&a);
    assert_eq!(body.len(), 6, "{body:?}");
    assert_eq!(body[5], P3);
}

#[test]
fn prose_that_opens_like_a_byline_stays_prose() {
    let a = dump(&format!(
        "By Ana Ruiz\n\n{P1}\n\nBy Christmas Day, the council had approved the whole plan to rebuild the wall.\n\n{P2}"
    ));
    assert_eq!(a.head.byline.as_deref(), Some("Ana Ruiz"));
    assert_eq!(body_text(&a).len(), 3);
}

#[test]
fn a_teasers_credit_is_not_the_storys_byline() {
    let a = dump(&format!(
        "More news\n\nFerry strike ends\n\nLinda Poon - Aug 23, 2017\n\nBy Ana Ruiz | March 3, 2015\n\n{P1}\n\n{P2}\n\n{P3}"
    ));
    assert_eq!(a.head.byline.as_deref(), Some("Ana Ruiz"));
    assert_eq!(
        a.head.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2015-03-03T00:00:00+00:00")
    );
}

#[test]
fn a_quotation_after_a_papers_name_is_no_photo_credit() {
    let line = "Der Kanzler hat am Dienstag im Bundestag seine Pläne verteidigt, sagte er der Bild: „Wir schaffen das.“";
    let a = dump(&format!("{P1}\n\n{line}\n\n{P2}"));
    assert_eq!(a.body[1], Block::Paragraph(line.into()));
}

#[test]
fn a_dumps_footer_gives_no_related_links() {
    let a = dump(&format!(
        "{P1}\n\n{P2}\n\n{P3}\n\nYou might also like:\n\nName of Related Newsletter (daily)\n\nNot Now\n\nIncorrect email"
    ));
    assert_eq!(body_text(&a).len(), 3);
    assert!(a.related.is_empty(), "{:?}", a.related);
}

#[test]
fn a_caption_over_a_line_opening_with_a_name_in_lower_case_stays_apart() {
    let a = dump(&format!(
        "Apple's new phone on display at the store in Cupertino\niPhone sales rose five percent in the quarter, the company said on Tuesday.\n\n{P1}\n\n{P2}"
    ));
    assert!(!body_text(&a).iter().any(|b| b.contains("Cupertino iPhone")));
}

#[test]
fn a_story_that_goes_on_in_short_sentences_after_a_box() {
    let a = dump(&format!(
        "{P1}\n\n{P2}\n\nRelated\n\nFerry strike ends\n\n{P3}\n\nNobody came.\n\nNot one.\n\n{P1}\n\nThe mayor left.\n\nSo did the rest.\n\n{P2}"
    ));
    let body = body_text(&a);
    assert_eq!(body.len(), 9, "{body:?}");
    assert_eq!(body[8], P2);
}

#[test]
fn a_sentence_ending_in_read_more_is_no_teaser() {
    let a = dump(&format!(
        "{P1}\n\nWhy reading matters\n\nThe library hopes the new scheme will encourage children to read more.\n\n{P2}"
    ));
    let body = body_text(&a);
    assert!(body.contains(&"Why reading matters"), "{body:?}");
    assert_eq!(body.len(), 4);
}

#[test]
fn a_date_deep_in_the_story_is_a_subhead_not_its_date() {
    let more: Vec<String> = (1..=5)
        .map(|n| format!("In the {n}th week of the works the crews found the old wall weaker than the plans had said."))
        .collect();
    let a = dump(&format!(
        "{P1}\n\n{P2}\n\n{P3}\n\n{}\n\nMarch 3, 2015\n\n{P2}",
        more.join("\n\n")
    ));
    assert_eq!(a.head.published, None);
    assert!(body_text(&a).contains(&"March 3, 2015"));
}

#[test]
fn more_prose_that_opens_like_a_byline_or_holds_a_label() {
    let flood = "By Boxing Day, 40 homes had been flooded along the front.";
    let quote = "The chancellor defended the plan on Tuesday and told Bild: 'We can do this'";
    let a = dump(&format!("{P1}\n\n{flood}\n\n{P2}\n\n{quote}\n\n{P3}"));
    assert_eq!(a.head.byline, None);
    let body = body_text(&a);
    assert!(body.contains(&flood), "{body:?}");
    assert_eq!(a.body[3], Block::Paragraph(quote.into()));
}
