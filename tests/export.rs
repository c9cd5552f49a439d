//! Export (#19): `show --format md` writes Markdown with TOML front matter that broadsheet reads back as the
//! same story; `show --format html` writes a standalone page with every text escaped; `show` takes ids.

mod common;

use std::path::{Path, PathBuf};

use broadsheet::model::Article;

/// Every story of the sample store and of the format fixtures (feeds, pages, notes).
fn stories() -> Vec<Article> {
    let mut all = broadsheet::samples::load().articles;
    let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    all.extend(broadsheet::store::load(&[formats]).articles);
    all.extend(
        broadsheet::store::load(&[
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_scraped_afp.txt")
        ])
        .articles,
    );
    all
}

#[test]
fn markdown_reads_back_as_the_same_story() {
    let dir = tempfile::tempdir().unwrap();
    let all = stories();
    assert!(all.len() >= 15, "{}", all.len());
    for (i, a) in all.iter().enumerate() {
        let md = broadsheet::export::markdown(a);
        let path = dir.path().join(format!("story-{i}.md"));
        std::fs::write(&path, &md).unwrap();
        let back = broadsheet::store::load(std::slice::from_ref(&path));
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        let b = &back.articles[0];
        let what = format!("{} from {}", a.head.title, a.head.path.display());
        assert_eq!(b.head.id, a.head.id, "id of {what}");
        assert_eq!(b.head.title, a.head.title, "{what}");
        assert_eq!(b.head.byline, a.head.byline, "{what}");
        assert_eq!(b.head.published, a.head.published, "{what}");
        assert_eq!(b.head.section, a.head.section, "{what}");
        assert_eq!(b.head.source, a.head.source, "{what}");
        assert_eq!(b.head.url, a.head.url, "{what}");
        assert_eq!(b.body, a.body, "body of {what}\n{md}");
        let related = |x: &Article| -> Vec<(String, Option<String>, Option<String>)> {
            x.related
                .iter()
                .map(|r| (r.text.clone(), r.url.clone(), r.section.clone()))
                .collect()
        };
        assert_eq!(related(b), related(a), "{what}");
        assert_eq!(b.links, a.links, "{what}");
    }
}

#[test]
fn markup_in_the_text_stays_text() {
    use broadsheet::model::{ArticleId, Block, Format, Headline};
    let tricky = [
        "1. Not a list, *not* emphasis, `not code`, [not](a link) & <b>not</b> html",
        "- not an item # not a heading > not a quote \\ kept | pipes ~ tildes !bang",
        "+ plus = equals 2) paren _under_ score",
    ];
    let a = Article {
        head: Headline {
            id: ArticleId(7),
            path: PathBuf::from("x.txt"),
            entry: 0,
            format: Format::Scraped,
            section: Some("Odd \"quotes\" & <angles>".into()),
            title: "A title with # and * and [brackets]".into(),
            byline: None,
            published: None,
            source: None,
            url: None,
            modified: None,
        },
        body: tricky
            .iter()
            .map(|t| Block::Paragraph((*t).to_owned()))
            .chain([
                Block::Caption {
                    text: "A caption with <tags> & ampersands".into(),
                    credit: Some("Photo: A & B".into()),
                },
                Block::preformatted("fn main() {\n    ```\n}"),
                Block::item("one"),
                Block::item("two"),
                Block::Quote("quoted *words*".into()),
                Block::Quote("1984. That was the year".into()),
                Block::item("2. Add flour"),
                Block::item("- dash"),
                Block::Subhead("A subhead with _underscores_".into()),
                Block::ListItem {
                    text: "first".into(),
                    number: Some(1),
                    depth: 0,
                },
                Block::ListItem {
                    text: "nested".into(),
                    number: None,
                    depth: 1,
                },
                Block::ListItem {
                    text: "deeper".into(),
                    number: Some(1),
                    depth: 2,
                },
                Block::ListItem {
                    text: "second".into(),
                    number: Some(2),
                    depth: 0,
                },
                Block::Preformatted {
                    text: "let x = 1;".into(),
                    language: Some("rust".into()),
                },
                Block::Image(broadsheet::model::Image {
                    alt: "A [ferry] <at> quay".into(),
                    source: "img/ferry 1.jpg".into(),
                    url: None,
                    caption: "At the quay".into(),
                    credit: Some("AFP".into()),
                }),
                Block::Table(broadsheet::model::Table {
                    header: vec!["Q".into(), "Units | n".into()],
                    rows: vec![vec!["Q1".into(), "1,200".into()], vec!["Q2".into()]],
                    caption: Some("Sales".into()),
                }),
                Block::Footnote {
                    number: 1,
                    label: "1".into(),
                    text: "A note *with* marks.".into(),
                },
            ])
            .collect(),
        related: Vec::new(),
        links: Vec::new(),
        enclosures: vec![broadsheet::model::Enclosure {
            url: "https://x.test/ep 1.mp3".into(),
            mime: Some("audio/mpeg".into()),
            length: Some(123_456),
        }],
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tricky.md");
    std::fs::write(&path, broadsheet::export::markdown(&a)).unwrap();
    let back = broadsheet::store::load(std::slice::from_ref(&path));
    let b = &back.articles[0];
    assert_eq!(b.head.id, a.head.id);
    assert_eq!(b.head.title, a.head.title);
    assert_eq!(b.head.section, a.head.section);
    assert_eq!(b.body, a.body);
    assert_eq!(b.enclosures, a.enclosures);
}

#[test]
fn html_is_standalone_and_escaped() {
    let all = stories();
    let a = all
        .iter()
        .find(|a| {
            a.body
                .iter()
                .any(|b| matches!(b, broadsheet::model::Block::Caption { .. }))
        })
        .expect("a story with a caption");
    let html = broadsheet::export::html(a);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains(&format!(
        "<h1>{}</h1>",
        a.head.title.replace('&', "&amp;").replace('<', "&lt;")
    )));
    assert!(html.contains("<figcaption>"));
    assert!(html.trim_end().ends_with("</html>"));
    // No text can open a tag.
    let mut odd = a.clone();
    odd.head.title = "<script>alert(1)</script>".into();
    let html = broadsheet::export::html(&odd);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn show_writes_each_format_and_takes_an_id() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("data");
    let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/wire.rss");
    let feed = feed.to_str().unwrap();
    let out = common::broadsheet(&dir, &["show", "--format", "md", feed]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("+++\nbroadsheet_id = \""), "{md}");
    assert!(md.contains("source = \"Harbour Wire\""), "{md}");
    let out = common::broadsheet(&dir, &["show", "--format", "html", feed]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("<!DOCTYPE html>"));
    let out = common::broadsheet(&dir, &["show", "--json", "--format", "md", feed]);
    assert_eq!(out.status.code(), Some(2), "two formats at once");
    // An id: found through the index once the folder is listed.
    let listed = common::broadsheet(&dir, &["list", "--json", feed]);
    let stories: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let id = stories[0]["id"].as_str().unwrap().to_owned();
    let title = stories[0]["title"].as_str().unwrap().to_owned();
    let out = common::broadsheet(&dir, &["show", "--width", "60", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&title));
    // And a sample story's id, without any index.
    let sample = common::broadsheet(&dir, &["list", "--json"]);
    let samples: serde_json::Value = serde_json::from_slice(&sample.stdout).unwrap();
    let sample_id = samples[0]["id"].as_str().unwrap().to_owned();
    let out = common::broadsheet(&dir, &["show", "--format", "md", &sample_id]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&sample_id));
    // An id no story has is an error naming it.
    let unknown = "0123456789abcdef0123456789abcdef";
    let out = common::broadsheet(&dir, &["show", unknown]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(unknown));
}

#[test]
fn w_saves_the_story_on_screen_where_the_configuration_says() {
    use broadsheet::app::Action;
    use broadsheet::config::{SaveFormat, Source};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("saved");
    let mut config = broadsheet::config::load(&Source::Defaults, false).unwrap();
    config.saving.folder = Some(folder.clone());
    let mut r = common::reader(140, 40);
    r.state.configure(&config);
    r.settle();
    let id = r.current().unwrap().id;
    r.apply(Action::SaveStory);
    let message = r.message().unwrap().to_owned();
    assert!(message.starts_with("Saved to "), "{message}");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("md"));
    assert!(message.ends_with(&*files[0].to_string_lossy()));
    // Read back, it is the same story; saved again, the same file.
    let back = broadsheet::store::load(&files);
    assert_eq!(back.articles[0].head.id, id);
    r.apply(Action::SaveStory);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    // HTML when the configuration says so.
    config.saving.format = SaveFormat::Html;
    r.state.configure(&config);
    r.settle();
    r.apply(Action::SaveStory);
    let saved = PathBuf::from(r.message().unwrap().trim_start_matches("Saved to "));
    assert_eq!(
        saved.extension().and_then(|e| e.to_str()),
        Some("html"),
        "{saved:?}"
    );
}

#[test]
fn the_saving_section_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[saving]\nformat = \"pdf\"\n").unwrap();
    let err = broadsheet::config::load(&broadsheet::config::Source::File(path.clone()), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 2") && err.contains("`format`"), "{err}");
    std::fs::write(
        &path,
        "[saving]\nfolder = \"~/news/saved\"\nformat = \"text\"\n",
    )
    .unwrap();
    let config = broadsheet::config::load(&broadsheet::config::Source::File(path), false).unwrap();
    assert!(config.saving.folder.unwrap().ends_with("news/saved"));
    assert_eq!(config.saving.format, broadsheet::config::SaveFormat::Text);
}

#[test]
fn pipe_hands_the_story_and_its_metadata_to_a_command() {
    use broadsheet::app::Action;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let env = dir.path().join("env.txt");
    let mut r = common::reader(140, 40);
    let title = r.current().unwrap().title.clone();
    let id = r.current().unwrap().id;
    let command = format!(
        "cat > '{}'; env | grep '^BROADSHEET_' | sort > '{}'",
        out.display(),
        env.display()
    );
    r.apply(Action::PipeStory);
    common::type_text(&mut r, &command);
    r.apply(Action::Submit);
    assert_eq!(r.message(), Some(&*format!("Piped to `{command}`")));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(&title), "{text}");
    let vars = std::fs::read_to_string(&env).unwrap();
    assert!(vars.contains(&format!("BROADSHEET_ID={id}")), "{vars}");
    assert!(
        vars.contains(&format!("BROADSHEET_TITLE={title}")),
        "{vars}"
    );
    for name in ["URL", "SOURCE", "SECTION", "AUTHOR", "DATE", "PATH"] {
        assert!(
            vars.contains(&format!("BROADSHEET_{name}=")),
            "{name}: {vars}"
        );
    }
    // The command is offered again, and a failing one says how it ended.
    r.apply(Action::PipeStory);
    let broadsheet::app::Mode::Prompt(p) = r.mode() else {
        panic!("a prompt")
    };
    assert_eq!(p.text(), command);
    r.apply(Action::DeleteToStart);
    common::type_text(&mut r, "exit 3");
    r.apply(Action::Submit);
    assert_eq!(r.message(), Some("`exit 3` exited with status 3"));
}

#[test]
fn named_commands_are_bound_to_keys_and_get_the_story() {
    use broadsheet::app::Action;
    use broadsheet::config::keymap::{Context, KeyResolver};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("later.txt");
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[commands]\nread-later = {{ command = \"echo \\\"$BROADSHEET_ID\\\" > '{}'\", keys = [\"L\"] }}\n",
            out.display()
        ),
    )
    .unwrap();
    let config =
        broadsheet::config::load(&broadsheet::config::Source::File(path.clone()), false).unwrap();
    assert_eq!(config.commands.len(), 1);
    let mut keys = KeyResolver::default();
    let bound = keys.feed(
        &config.keymap,
        Context::List,
        KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT),
    );
    assert_eq!(bound, Some(Action::RunCommand("read-later".into())));
    let mut r = common::reader(140, 40);
    r.state.configure(&config);
    r.settle();
    let id = r.current().unwrap().id;
    r.apply(Action::RunCommand("read-later".into()));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().trim(),
        id.to_string()
    );
    // The help lists it with its key.
    let rows = broadsheet::app::help::rows(&r);
    assert!(rows.iter().any(|row| matches!(
        row,
        broadsheet::app::overlay::Row::Pair { left, aside: Some(name), .. } if left == "L" && name == "read-later"
    )));
    // A key another action has is refused, naming the line.
    std::fs::write(
        &path,
        "[commands]\nx = { command = \"true\", keys = [\"j\"] }\n",
    )
    .unwrap();
    let err = broadsheet::config::load(&broadsheet::config::Source::File(path), false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 2") && err.contains("[commands]"),
        "{err}"
    );
}

#[test]
fn list_takes_ids_too() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("data");
    let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let formats = formats.to_str().unwrap();
    let listed = common::broadsheet(&dir, &["list", "--json", formats]);
    let stories: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let all = stories.as_array().unwrap();
    assert!(all.len() > 3);
    let (a, b) = (
        all[0]["id"].as_str().unwrap(),
        all[2]["id"].as_str().unwrap(),
    );
    let out = common::broadsheet(&dir, &["list", "--json", a, b]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let two: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = two
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&a) && ids.contains(&b));
    // search -p and views take ids as well.
    let word = all[0]["title"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_owned();
    let out = common::broadsheet(&dir, &["search", "--json", "-p", a, &word]);
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let out = common::broadsheet(&dir, &["views", "--json", a]);
    let views: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(views[0]["total"], 1);
    let unknown = "0123456789abcdef0123456789abcdef";
    let out = common::broadsheet(&dir, &["list", unknown]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(unknown));
}

#[test]
fn html_nests_numbered_and_bulleted_lists() {
    use broadsheet::model::{Article, Block};
    let mut a: Article = stories().into_iter().next().unwrap();
    a.body = vec![
        Block::ListItem {
            text: "one".into(),
            number: Some(1),
            depth: 0,
        },
        Block::ListItem {
            text: "inner".into(),
            number: None,
            depth: 1,
        },
        Block::ListItem {
            text: "two".into(),
            number: Some(2),
            depth: 0,
        },
        Block::Paragraph("After.".into()),
        Block::Table(broadsheet::model::Table {
            header: vec!["Q".into()],
            rows: vec![vec!["<1>".into()]],
            caption: None,
        }),
    ];
    let html = broadsheet::export::html(&a);
    assert!(
        html.contains("<ol>\n<li value=\"1\">one</li>\n<ul>\n<li>inner</li>\n</ul>\n<li value=\"2\">two</li>\n</ol>\n<p>After.</p>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<thead>\n<tr><th>Q</th></tr>\n</thead>\n<tbody>\n<tr><td>&lt;1&gt;</td></tr>"
        ),
        "{html}"
    );
}
