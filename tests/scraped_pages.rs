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
    assert_eq!(a.title, "Tram extension approved after marathon session");
    assert_eq!(a.byline.as_deref(), Some("Odile Marchetti"));
    assert!(a.published.is_some());
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
    assert_eq!(a.title, "Night kitchen festival draws record crowds");
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
    assert_eq!(a.title, "Why I stopped sharpening my chisels on a wheel");
    assert_eq!(a.byline.as_deref(), Some("Hester Quill"));
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
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
    assert_eq!(a.title, "Harbour bridge closed overnight for repairs");
    assert_eq!(a.byline.as_deref(), Some("Courier staff"));
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
