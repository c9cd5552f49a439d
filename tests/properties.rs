//! Properties of the width, reflow and folding code over any text, checked with proptest (its regressions
//! are kept in `proptest-regressions/`).

use std::borrow::Cow;

use broadsheet::model::{Article, ArticleId, Block, Format, Headline};
use broadsheet::text::clean::{Breaks, clean};
use broadsheet::text::fold::{fold, fold_hash};
use broadsheet::text::width::{fit, pad_to, prefix, width, window, wrap};
use broadsheet::view::reflow::reflow;
use broadsheet::view::table::{Row, lay_out};
use proptest::prelude::*;

/// Text with what makes widths hard: emoji sequences, variation selectors, keycaps, joiners, CJK,
/// combining marks, Arabic ligatures, controls and escapes, spaces of every kind.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Wo",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\u{b}",
        "\u{c}",
        "\u{1b}[31m",
        "\u{1b}]0;x\u{7}",
        "\u{9b}",
        "\u{7f}",
        "\u{0}",
        "1\u{fe0f}\u{20e3}",
        "\u{2764}\u{fe0f}",
        "\u{2600}\u{fe0f}",
        "\u{fe0f}",
        "\u{fe0e}",
        "\u{20e3}",
        "\u{200d}",
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
        "\u{1f44d}\u{1f3fd}",
        "\u{231a}\u{fe0e}",
        "\u{5c71}",
        "\u{3000}",
        "\u{a0}",
        "\u{2009}",
        "e\u{301}",
        "\u{644}\u{627}",
        "\u{17d2}\u{1780}",
        "\u{17d8}",
        "\u{2026}",
        "\u{2019}",
        "\u{201c}",
        "\u{130}",
        "\u{202e}",
        "\u{85}",
        "\u{2028}",
        "-",
        ".",
        "\u{10ffff}",
        "\u{1b}]8;;u\u{1b}\\",
        "\u{9d}0;t\u{9c}",
        "\u{1b}(",
        "\u{1b}",
        "[",
        "]",
        "\u{7}",
        "\u{202a}",
        "\u{2066}",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), any::<String>()],
        0..24,
    )
    .prop_map(|v| v.concat())
}

fn article(title: &str, body: &str) -> Article {
    Article {
        head: Headline {
            id: ArticleId(1),
            path: "p.txt".into(),
            entry: 0,
            format: Format::Scraped,
            section: Some(body.chars().take(12).collect()),
            title: title.to_owned(),
            byline: Some(title.to_owned()),
            published: None,
            source: None,
            url: None,
            modified: None,
        },
        body: vec![
            Block::Paragraph(body.to_owned()),
            Block::Subhead(title.to_owned()),
            Block::Caption {
                text: body.to_owned(),
                credit: Some(title.to_owned()),
            },
            Block::Quote(body.to_owned()),
            Block::item(body),
            Block::ListItem {
                text: body.to_owned(),
                number: Some(12),
                depth: 3,
            },
            Block::preformatted(body),
            Block::Image(broadsheet::model::Image {
                alt: title.to_owned(),
                source: "x.png".into(),
                url: None,
                caption: body.to_owned(),
                credit: None,
            }),
            Block::Table(broadsheet::model::Table {
                header: vec![title.to_owned(), "n".into()],
                rows: vec![vec![body.to_owned(), title.to_owned()]],
                caption: Some(title.to_owned()),
            }),
            Block::Footnote {
                number: 1,
                label: "1".to_owned(),
                text: body.to_owned(),
            },
        ],
        related: vec![],
        links: vec![],
        enclosures: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn fit_is_never_wider_than_asked(s in tricky(), n in 0usize..40) {
        let cut = fit(&s, n);
        prop_assert!(width(&cut) <= n, "{:?} -> {:?}", s, cut);
        prop_assert!(width(prefix(&s, n)) <= n);
        // Text that fits is left alone.
        if width(&s) <= n {
            prop_assert_eq!(cut, s);
        }
    }

    #[test]
    fn pad_to_is_exactly_as_wide_as_asked(s in tricky(), n in 0usize..40) {
        prop_assert_eq!(width(&pad_to(&s, n)), n);
    }

    #[test]
    fn words_beside_emoji_with_selectors_are_never_cut(
        words in prop::collection::vec("[a-z]{1,12}", 1..30),
        emoji in prop::collection::vec(
            prop::sample::select(vec!["\u{2764}\u{fe0f}", "\u{2600}\u{fe0f}", "\u{1f327}\u{fe0f}", "1\u{fe0f}\u{20e3}", "\u{1f469}\u{200d}\u{1f52c}"]),
            1..10,
        ),
        w in 14usize..60,
    ) {
        let mut tokens: Vec<&str> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            tokens.push(word);
            if let Some(e) = emoji.get(i) {
                tokens.push(e);
            }
        }
        let text = tokens.join(" ");
        let lines = wrap(&text, w, "", "");
        for line in &lines {
            prop_assert!(width(line) <= w, "{:?}", line);
        }
        // Every word comes out whole, in order: none pushed past the edge, none cut in two.
        let out: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        prop_assert_eq!(out, tokens);
    }

    #[test]
    fn table_lines_line_up_under_their_rule(
        header in prop::collection::vec(tricky(), 0..4),
        rows in prop::collection::vec(prop::collection::vec(tricky(), 0..5), 0..5),
        room in 0usize..80,
    ) {
        let table = broadsheet::model::Table { header, rows, caption: None };
        let lines = lay_out(&table, room);
        if let Some((_, rule)) = lines.iter().find(|(r, _)| *r == Row::Rule) {
            for (_, line) in &lines {
                prop_assert!(width(line) <= width(rule), "{:?} past {:?}", line, rule);
            }
        }
        // Scrolled sideways, a line's window is never wider than asked.
        for (_, line) in &lines {
            for from in [0, 1, 3, 7] {
                prop_assert!(width(&window(line, from, 20)) <= 20);
            }
        }
    }

    #[test]
    fn every_reflowed_line_fits(title in tricky(), body in tricky(), w in 0u16..60) {
        let r = reflow(&article(&title, &body), w, None);
        for line in &r.lines {
            prop_assert!(width(&line.text) <= usize::from(r.width), "{:?}", line.text);
        }
    }

    #[test]
    fn cleaned_text_holds_nothing_a_terminal_obeys(s in tricky()) {
        for mode in [Breaks::Keep, Breaks::Lines, Breaks::OneLine, Breaks::Url] {
            let cleaned = clean(Cow::Borrowed(&s), mode);
            let breaks_kept = matches!(mode, Breaks::Keep | Breaks::Lines);
            for (i, c) in cleaned.char_indices() {
                let allowed = match c {
                    '\n' | '\t' => breaks_kept,
                    '\r' => mode == Breaks::Keep && cleaned[i..].starts_with("\r\n"),
                    '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => false,
                    c => !c.is_control(),
                };
                prop_assert!(allowed, "{:?} in {:?} ({:?})", c, cleaned, mode);
            }
            // Cleaning twice changes nothing: no removal leaves a new sequence behind.
            prop_assert_eq!(clean(cleaned.clone(), mode), cleaned);
        }
    }

    #[test]
    fn the_hash_depends_on_the_folded_form_alone(s in tricky()) {
        prop_assert_eq!(fold_hash(&s), fold_hash(&fold(&s)), "{:?} folds to {:?}", s, fold(&s));
    }
}
