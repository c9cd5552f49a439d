//! Configuration: good and bad files, each error asserted (file, line, column, key, suggestion); the example
//! file against the defaults; a remapped key driving the reader; `NO_COLOR`.

use std::path::{Path, PathBuf};

mod common;

use broadsheet::app::Action;
use broadsheet::config::keymap::Context;
use broadsheet::config::{self, Config, MarkRead, SidebarMode, Source, Width};
use broadsheet::runner;
use broadsheet::testing::{Reader, Scripted};
use broadsheet::ui::{self, Theme};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn load(name: &str) -> Result<Config, config::ConfigError> {
    config::load(&Source::File(fixture(name)), false)
}

fn error(name: &str) -> String {
    let e = load(name).unwrap_err();
    assert_eq!(e.file, fixture(name));
    e.to_string()
}

#[test]
fn errors_name_file_line_column_key_and_suggestion() {
    let f = |n: &str| fixture(n).display().to_string();
    let cases = [
        (
            "unknown_key.toml",
            format!(
                "unknown key `sidebar_widht` at line 4, column 1 of {}; did you mean `sidebar_width`?",
                f("unknown_key.toml")
            ),
        ),
        (
            "wrong_type.toml",
            format!(
                "wrong type for `width`: found string \"wide\", expected a whole number at line 2, column 9 of {}",
                f("wrong_type.toml")
            ),
        ),
        (
            "bad_value.toml",
            format!(
                "bad value `sometimes` for `sidebar`: expected \"auto\", \"always\" or \"never\" at line 2, column 11 of {}",
                f("bad_value.toml")
            ),
        ),
        (
            "unknown_action.toml",
            format!(
                "unknown action `nxt_story` in [keys] at line 2, column 1 of {}; did you mean `next_story`?",
                f("unknown_action.toml")
            ),
        ),
        (
            "bad_key_name.toml",
            format!(
                "`hyper-q` is not a key name (try \"j\", \"ctrl-d\", \"shift-tab\", \"pagedown\", \"f5\" or \"g g\") at line 2, column 14 of {}",
                f("bad_key_name.toml")
            ),
        ),
        (
            "key_bound_twice.toml",
            format!(
                "`q` is bound to both `help` and `quit` at line 3, column 14 of {}",
                f("key_bound_twice.toml")
            ),
        ),
        (
            "bad_colour.toml",
            format!(
                "bad colour `blu` for `link.fg` at line 2, column 8 of {}; did you mean `blue`?",
                f("bad_colour.toml")
            ),
        ),
        (
            "unknown_element.toml",
            format!(
                "unknown key `links` in [theme] at line 2, column 1 of {}; did you mean `link`?",
                f("unknown_element.toml")
            ),
        ),
        (
            "bad_preset.toml",
            format!(
                "bad value `drak` for `preset`: expected \"dark\", \"light\" or \"mono\" at line 2, column 10 of {}; did you mean `dark`?",
                f("bad_preset.toml")
            ),
        ),
        (
            "unknown_section.toml",
            format!(
                "unknown key `colours` at line 1, column 2 of {}",
                f("unknown_section.toml")
            ),
        ),
        (
            "bad_date_format.toml",
            format!(
                "bad value `%Y-%Q` for `date_format`: not a strftime format such as \"%-d %B %Y\" at line 2, column 15 of {}",
                f("bad_date_format.toml")
            ),
        ),
        (
            "unset_variable.toml",
            format!(
                "the environment variable `BROADSHEET_TEST_UNSET_VARIABLE` in source `$BROADSHEET_TEST_UNSET_VARIABLE/news` is not set at line 1, column 12 of {}",
                f("unset_variable.toml")
            ),
        ),
    ];
    for (name, expected) in cases {
        assert_eq!(error(name), expected, "{name}");
    }
    let syntax = error("not_toml.toml");
    assert!(
        syntax.contains(&format!("at line 1, column 8 of {}", f("not_toml.toml"))),
        "{syntax}"
    );
}

#[test]
fn date_formats_that_cannot_print_are_refused() {
    // chrono parses `%#z` but cannot print it: the reader panicked on the first dated story.
    assert_eq!(
        error("date_format_not_printable.toml"),
        format!(
            "bad value `%d %#z` for `date_format`: a format that can be parsed but not printed (such as %#z) at line 2, column 15 of {}",
            fixture("date_format_not_printable.toml").display()
        )
    );
    assert_eq!(
        error("date_format_control.toml"),
        format!(
            "bad value `%Y\\u{{1b}}]0;x\\u{{7}}` for `date_format`: holds a control character at line 2, column 15 of {}",
            fixture("date_format_control.toml").display()
        )
    );
}

#[test]
fn a_partial_file_changes_only_what_it_names() {
    let c = load("good_partial.toml").unwrap();
    let d = config::load(&Source::Defaults, false).unwrap();
    assert_eq!(c.sources, [PathBuf::from("/srv/news")]);
    let keys = |config: &Config, a: Action| config.keymap.keys_for(Context::List, &a);
    assert_eq!(keys(&c, Action::NextStory), ["x", "ctrl-n"]);
    assert_eq!(keys(&c, Action::Top), ["g g"]);
    assert_eq!(
        keys(&c, Action::Quit),
        keys(&d, Action::Quit),
        "unnamed actions keep their keys"
    );
    assert_eq!(c.theme.link.fg, Some(Color::Rgb(0xff, 0x88, 0)));
    assert!(c.theme.link.add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(
        c.theme.border_focused,
        Theme::light().border_focused,
        "the rest comes from the preset"
    );
    assert_eq!(c.layout.list_width, Width::Columns(40));
    assert_eq!(c.layout.sidebar_width, Width::Percent(25));
    assert_eq!(c.layout.sidebar, SidebarMode::Never);
    assert_eq!(
        (c.reading.width, c.reading.mark_read),
        (72, MarkRead::Manual)
    );
    assert_eq!(c.reading.date_format, "%Y-%m-%d");
}

#[test]
fn the_example_file_matches_the_defaults() {
    let example_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let example = config::load(&Source::File(example_path.clone()), false).unwrap();
    let defaults = config::load(&Source::Defaults, false).unwrap();
    assert_eq!(example, defaults);
    // Its commented theme lines are the dark preset's styles, element by element.
    let text = std::fs::read_to_string(&example_path).unwrap();
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = {") => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full.toml");
    std::fs::write(&full, uncommented).unwrap();
    let explicit = config::load(&Source::File(full), false).unwrap();
    assert_eq!(explicit.theme, Theme::dark());
    // Every element and every action is documented.
    for (name, _) in config::theme::ELEMENTS {
        assert!(
            text.contains(&format!("# {name} = {{")),
            "{name} is not in the example"
        );
    }
    for action in Action::bindable() {
        let name = action.name();
        assert!(
            text.contains(&format!("\n{name} = [")),
            "{name} is not in the example"
        );
    }
}

/// The sample store read with `config`.
fn configured(config: &Config, width: u16, height: u16) -> Reader {
    let store = broadsheet::samples::load();
    let mut r = Reader::new(
        store.articles,
        store.warnings,
        Rect::new(0, 0, width, height),
    );
    r.state.configure(config);
    r.settle();
    r
}

#[test]
fn a_remapped_key_drives_the_reader() {
    let config = load("good_partial.toml").unwrap();
    let mut r = configured(&config, 140, 40);
    let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
    let key = |c: char| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut events = Scripted::events([key('J'), key('x'), key('x'), key('g'), key('g')]);
    let exit = runner::run(
        &mut terminal,
        &mut r.state,
        &config.theme,
        &mut events,
        &mut r.host,
        || common::NOW,
    )
    .unwrap();
    assert_eq!(exit, runner::Exit::EndOfInput);
    // J is no longer bound; x opened the next story twice; "g g" went back to the top of the article.
    assert_eq!(r.list().selected(), 2);
    assert_eq!(r.article().scroll(), 0);
    // mark_read = "manual": opening did not mark anything read.
    assert_eq!(r.list().unread(), r.list().len());
    r.apply(Action::ToggleRead);
    assert_eq!(r.list().unread(), r.list().len() - 1);
}

#[test]
fn on_scroll_end_marks_read_at_the_end() {
    let mut config = config::load(&Source::Defaults, false).unwrap();
    config.reading.mark_read = MarkRead::OnScrollEnd;
    let mut r = configured(&config, 140, 40);
    r.apply(Action::Open);
    assert_eq!(
        r.list().unread(),
        r.list().len(),
        "opening alone does not mark it"
    );
    r.apply(Action::Bottom);
    assert_eq!(r.list().unread(), r.list().len() - 1);
}

#[test]
fn no_color_draws_without_colour() {
    let config = config::load(&Source::Defaults, true).unwrap();
    let state = configured(&config, 100, 30).state;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| ui::render(&state, &config.theme, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "a colour under NO_COLOR"
        );
        assert!(!cell.modifier.intersects(Modifier::DIM | Modifier::ITALIC));
    }
    // The selection still shows, by reverse video.
    let selected_row = 1;
    assert!(
        buffer[(5, selected_row)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    insta::assert_snapshot!(terminal.backend());
}

fn broadsheet(args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    // In Cargo's folder for integration tests' files (under `target/`), not the system's temporary one.
    let data = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("config-tests-{}", std::process::id()));
    common::broadsheet_with(&data, args, envs)
}

#[test]
fn the_command_line_checks_and_prints_configuration() {
    let good = fixture("good_partial.toml");
    let bad = fixture("unknown_key.toml");
    let out = broadsheet(&["config", "check", good.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{}: ok", good.display())
    );
    let out = broadsheet(&["config", "check", bad.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `sidebar_width`?"));
    let unprintable = fixture("date_format_not_printable.toml");
    let out = broadsheet(&["config", "check", unprintable.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2, column 15"));
    let out = broadsheet(&["config", "default"], &[]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), config::DEFAULTS);
    // A bad configuration stops every command before it starts, with status 2.
    let out = broadsheet(&["list"], &[("BROADSHEET_CONFIG", bad.to_str().unwrap())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = broadsheet(&["--config", bad.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    // Configured sources are read when no PATH is given.
    let dir = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(dir.path(), 3, 1).unwrap();
    let conf_dir = tempfile::tempdir().unwrap();
    let conf = conf_dir.path().join("c.toml");
    std::fs::write(&conf, format!("sources = [\"{}\"]\n", dir.path().display())).unwrap();
    let out = broadsheet(&["list", "--config", conf.to_str().unwrap()], &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        3,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn keys_bound_for_one_pane_work_there_only() {
    let c = load("keys_for_one_pane.toml").unwrap();
    let keys = |context: Context, a: Action| c.keymap.keys_for(context, &a);
    assert_eq!(keys(Context::Sidebar, Action::OpenLink), ["o", "enter"]);
    assert!(
        keys(Context::Sidebar, Action::Open).is_empty(),
        "enter is the link's there"
    );
    assert_eq!(keys(Context::List, Action::Open), ["enter"]);
    assert_eq!(keys(Context::Article, Action::OpenLink), ["o"]);
    assert_eq!(keys(Context::Prompt, Action::Cancel), ["esc"]);
    assert_eq!(
        keys(Context::Prompt, Action::Submit),
        ["enter"],
        "the rest keep their defaults"
    );
    // The help lists the keys of the pane with focus.
    let mut r = configured(&c, 140, 40);
    common::focus(&mut r, broadsheet::app::Focus::Sidebar);
    let rows = broadsheet::app::help::rows(&r);
    assert!(rows.iter().any(|row| matches!(row,
        broadsheet::app::overlay::Row::Pair { left, aside: Some(name), .. }
            if left == "o, enter" && name == "open_link")));
}

#[test]
fn key_tables_name_what_belongs_where() {
    let f = |n: &str| fixture(n).display().to_string();
    let cases = [
        (
            "unknown_pane.toml",
            format!(
                "`sidebr` in [keys] is neither an action nor a pane (list, article, sidebar, prompt) at line 2, column 7 of {}; did you mean `sidebar`?",
                f("unknown_pane.toml")
            ),
        ),
        (
            "prompt_key_outside_a_prompt.toml",
            format!(
                "`submit` cannot be bound in [keys]; prompt keys go in [keys.prompt] at line 3, column 1 of {}",
                f("prompt_key_outside_a_prompt.toml")
            ),
        ),
        (
            "reader_key_in_a_prompt.toml",
            format!(
                "`quit` cannot be bound in [keys.prompt]; [keys.prompt] binds only submit, cancel and the editing keys at line 2, column 1 of {}",
                f("reader_key_in_a_prompt.toml")
            ),
        ),
    ];
    for (name, expected) in cases {
        assert_eq!(error(name), expected);
    }
}

#[test]
fn the_library_table_chooses_how_folders_are_kept_up_to_date() {
    let c = load("library_poll.toml").unwrap();
    assert_eq!(c.library.watch, config::Watch::Poll);
    assert_eq!(c.library.rescan_every, std::time::Duration::from_mins(10));
    assert_eq!(
        config::load(&Source::Defaults, false).unwrap().library,
        config::Library::default()
    );
    assert_eq!(
        error("library_watch_bad.toml"),
        format!(
            "bad value \"sometimes\" for `watch`: expected \"auto\", \"poll\" or \"off\" at line 2, column 9 of {}",
            fixture("library_watch_bad.toml").display()
        )
    );
    assert!(error("library_rescan_bad.toml").contains("`rescan_seconds`: expected 5 to 86400"));
}

#[test]
fn the_player_is_a_command_line_or_a_list_of_words() {
    let words = |v: &[&str]| Some(v.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>());
    let want = words(&["mpv", "--no-video", "--title=Harbour Hour"]);
    assert_eq!(load("player_list.toml").unwrap().reading.player, want);
    assert_eq!(
        load("player_line.toml").unwrap().reading.player,
        words(&["mpv", "--no-video", "--title=Harbour Hour"])
    );
    // Unset, media open in the browser.
    assert_eq!(
        config::load(&Source::Defaults, false)
            .unwrap()
            .reading
            .player,
        None
    );
    assert_eq!(
        error("player_wrong_type.toml"),
        format!(
            "wrong type for `player`: expected a command such as \"mpv --no-video\" or a list of words such as [\"mpv\", \"--no-video\"], found integer at line 2, column 10 of {}",
            fixture("player_wrong_type.toml").display()
        )
    );
    assert_eq!(
        error("player_unclosed_quote.toml"),
        format!(
            "bad value `mpv '--no-video` for `player`: an unclosed quote or a `\\` at the end at line 2, column 10 of {}",
            fixture("player_unclosed_quote.toml").display()
        )
    );
    // A bad value stops the reader before it starts, with status 2.
    let bad = fixture("player_wrong_type.toml");
    let out = broadsheet(&["config", "check", bad.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`player`"));
}

#[test]
fn media_go_to_the_player_when_one_is_set() {
    let loaded =
        broadsheet::store::load(&[Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fidelity/harbour-podcast.xml")]);
    let mut config = load("player_list.toml").unwrap();
    let mut r = Reader::new(loaded.articles, Vec::new(), Rect::new(0, 0, 140, 40));
    r.state.configure(&config);
    r.settle();
    common::focus(&mut r, broadsheet::app::Focus::Sidebar);
    // The last item is the episode's mp3, under "Media": o and Enter both play it, nothing is opened.
    r.apply_all([Action::Bottom, Action::OpenLink, Action::Open]);
    let mp3 = "https://podcast.example/audio/episode-12.mp3".to_owned();
    let player: Vec<String> = ["mpv", "--no-video", "--title=Harbour Hour"]
        .map(str::to_owned)
        .into();
    assert_eq!(
        r.host.played,
        [(player.clone(), mp3.clone()), (player, mp3.clone())]
    );
    assert!(r.host.opened.is_empty());
    assert_eq!(
        r.message(),
        Some(format!("Playing {mp3} with mpv").as_str())
    );
    // A body link still opens in the browser.
    r.apply_all([Action::Top, Action::OpenLink]);
    assert_eq!(
        r.host.opened,
        ["https://podcast.example/boats/kittiwake".to_owned()]
    );
    // Without a player, media open in the browser as before.
    config.reading.player = None;
    r.state.configure(&config);
    r.settle();
    common::focus(&mut r, broadsheet::app::Focus::Sidebar);
    r.apply_all([Action::Bottom, Action::OpenLink]);
    assert_eq!(r.host.opened.last(), Some(&mp3));
    assert_eq!(r.host.played.len(), 2);
}
