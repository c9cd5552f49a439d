//! The commands behind the command line: each loads what it needs, prints, and returns an exit status.

pub mod config;
pub mod docs;
pub mod kin;
pub mod library;
pub mod mark;
pub mod print;
pub mod progress;
pub mod read;
pub mod search;
pub mod state;
pub mod views;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::store::Store;
use crate::store::db::DbError;

/// Exit status for usage and configuration errors (clap uses it too).
pub const USAGE: u8 = 2;

/// Runs the command line. The configuration is read first: a bad one stops every command with status 2.
#[must_use]
pub fn run(mut cli: Cli) -> ExitCode {
    let data_dir = cli.data_dir.clone();
    if let Err(code) = place_leading_paths(&mut cli) {
        return code;
    }
    if let Some(code) = without_configuration(&cli) {
        return code;
    }
    let source = crate::config::locate(cli.config.as_deref());
    let settings = match crate::config::load(&source, crate::config::no_color_requested()) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(io::stderr(), "broadsheet: {e}");
            return ExitCode::from(USAGE);
        }
    };
    crate::loader::set_max_file_bytes(u64::from(settings.max_file_mb) * 1024 * 1024);
    crate::cluster::set_listing(listing(&cli, &settings));
    // With no PATH, the configured sources; with none of those either, the sample store.
    let paths = |given: Vec<PathBuf>| {
        if given.is_empty() {
            settings.sources.clone()
        } else {
            given
        }
    };
    let outcome = match cli.command {
        None => read::run(&paths(cli.paths), data_dir.as_deref(), &settings),
        Some(Command::List {
            json,
            unread,
            starred,
            view,
            sort,
            paths: given,
            ..
        }) => print::list(
            &paths(given),
            data_dir.as_deref(),
            &print::ListOptions {
                json,
                unread,
                starred,
                view,
                sort: sort.map(crate::cli::SortArg::order),
                configured: settings.views.clone(),
            },
        ),
        Some(Command::Views {
            json,
            delete,
            paths: given,
        }) => match delete {
            Some(name) => views::delete(&name, data_dir.as_deref(), &settings.views),
            None => views::run(&paths(given), data_dir.as_deref(), &settings.views, json),
        },
        Some(Command::Show {
            json,
            format,
            width,
            paths: given,
        }) => match show_format(json, format) {
            Ok(format) => print::show(&paths(given), data_dir.as_deref(), format, width),
            Err(code) => return code,
        },
        Some(Command::Search {
            json,
            limit,
            paths: given,
            query,
        }) => search::run(
            &query.join(" "),
            &paths(given),
            data_dir.as_deref(),
            &search::Options { json, limit },
        ),
        Some(Command::Mark { state, targets }) => {
            mark::run(mark::Change::Read(state), &targets, data_dir.as_deref())
        }
        Some(Command::Star { targets }) => {
            mark::run(mark::Change::Star(true), &targets, data_dir.as_deref())
        }
        Some(Command::Unstar { targets }) => {
            mark::run(mark::Change::Star(false), &targets, data_dir.as_deref())
        }
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => {
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::State { action }) => state::run(&action, data_dir.as_deref()),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io::stderr(), "broadsheet: {e:#}");
            let usage = e
                .downcast_ref::<DbError>()
                .is_some_and(|d| matches!(d, DbError::Newer { .. }));
            ExitCode::from(if usage { USAGE } else { 1 })
        }
    }
}

/// The commands that run before (or without) the configuration: `config`, and `completions` and `man`,
/// which come from the command line's definitions alone.
fn without_configuration(cli: &Cli) -> Option<ExitCode> {
    match &cli.command {
        Some(Command::Config { action }) => Some(config::run(action, cli.config.as_deref())),
        Some(Command::Completions { shell }) => Some(docs::completions(*shell)),
        Some(Command::Man) => Some(docs::man().unwrap_or_else(|e| {
            let _ = writeln!(io::stderr(), "broadsheet: {e:#}");
            ExitCode::from(1)
        })),
        _ => None,
    }
}

/// The format `show` prints: `--json` is `--format json`, and the two cannot disagree.
fn show_format(
    json: bool,
    format: Option<crate::cli::ShowFormat>,
) -> Result<crate::cli::ShowFormat, ExitCode> {
    use crate::cli::ShowFormat;
    match (json, format) {
        (true, Some(f)) if f != ShowFormat::Json => {
            let _ = writeln!(
                io::stderr(),
                "broadsheet: --json and --format {} ask for two formats: give one",
                format!("{f:?}").to_lowercase()
            );
            Err(ExitCode::from(USAGE))
        }
        (true, _) => Ok(ShowFormat::Json),
        (false, f) => Ok(f.unwrap_or(ShowFormat::Text)),
    }
}

/// Paths before the subcommand (`broadsheet ~/news list`) count as its paths where it takes some, and are
/// a usage error where it does not: never silently ignored.
fn place_leading_paths(cli: &mut Cli) -> Result<(), ExitCode> {
    let before = std::mem::take(&mut cli.paths);
    if before.is_empty() {
        return Ok(());
    }
    match &mut cli.command {
        None => cli.paths = before,
        Some(
            Command::List { paths, .. }
            | Command::Views { paths, .. }
            | Command::Show { paths, .. }
            | Command::Search { paths, .. },
        ) => {
            let mut all = before;
            all.append(paths);
            *paths = all;
        }
        Some(other) => {
            let name = command_name(other);
            let _ = writeln!(
                io::stderr(),
                "broadsheet: `{name}` takes no folder before it: give its arguments after it (`broadsheet {name} …`)"
            );
            return Err(ExitCode::from(USAGE));
        }
    }
    Ok(())
}

/// How copies of one story are listed: every file's story for `list --all-copies`, else as `[reading]
/// clusters` says.
fn listing(cli: &Cli, settings: &crate::config::Config) -> crate::cluster::Listing {
    match &cli.command {
        Some(Command::List {
            all_copies: true, ..
        }) => crate::cluster::Listing::Every,
        _ if settings.reading.clusters => crate::cluster::Listing::Clusters,
        _ => crate::cluster::Listing::Ids,
    }
}

/// A subcommand's name, as typed.
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::List { .. } => "list",
        Command::Views { .. } => "views",
        Command::Show { .. } => "show",
        Command::Search { .. } => "search",
        Command::Mark { .. } => "mark",
        Command::Star { .. } => "star",
        Command::Unstar { .. } => "unstar",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
        Command::State { .. } => "state",
        Command::Config { .. } => "config",
    }
}

/// Prints the store's warnings to stderr; returns false (after saying so) when no story loaded.
pub fn report_warnings(store: &Store, err: &mut impl Write) -> bool {
    for w in &store.warnings {
        let _ = writeln!(err, "broadsheet: warning: {w}");
    }
    if store.articles.is_empty() {
        let _ = writeln!(err, "broadsheet: no stories could be loaded");
        return false;
    }
    true
}

/// Ends output quietly when the reader of a pipe has gone (`broadsheet list | head`).
fn finish_output(result: io::Result<()>) -> anyhow::Result<ExitCode> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}
