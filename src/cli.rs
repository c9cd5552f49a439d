//! The command line: clap definitions, turned into validated options for the commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// broadsheet: read stored news in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "broadsheet",
    version,
    about,
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    /// What to do; with none, open the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files and folders of stories (default: the bundled sample store).
    pub paths: Vec<PathBuf>,
    /// Where read state and the index are kept (default: the platform's data directory).
    #[arg(long, global = true, value_name = "DIR", env = "BROADSHEET_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// The configuration file (default: config.toml in the platform's configuration directory).
    #[arg(long, global = true, value_name = "PATH", env = "BROADSHEET_CONFIG")]
    pub config: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List stories, one line each: read mark, section, date, headline.
    List {
        /// Print a JSON array of {id, path, `abs_path`, format, section, title, byline, published, url, read,
        /// starred, cluster, copies}.
        #[arg(long)]
        json: bool,
        /// Every file's story on a line of its own, copies of one story included (by default they are one
        /// line, shown from the fullest copy).
        #[arg(long)]
        all_copies: bool,
        /// Only unread stories.
        #[arg(long)]
        unread: bool,
        /// Only starred stories.
        #[arg(long)]
        starred: bool,
        /// Only the stories of one view: all, unread, starred, a saved search's, a source's or a section's
        /// name, or an id such as source:tech or section:World (`broadsheet views` lists them).
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        /// The order: newest, oldest, source (then newest) or unread (first, then newest). Undated stories
        /// sort by their file's time.
        #[arg(long, value_enum, value_name = "ORDER")]
        sort: Option<SortArg>,
        /// Story ids (32 hex digits), files and folders of stories (default: the bundled sample store).
        #[arg(value_name = "ID|PATH")]
        paths: Vec<PathBuf>,
    },
    /// List every view (All, Unread, Starred, saved searches, sources, sections) with its unread and total
    /// counts, and the id `list --view` takes.
    Views {
        /// Print a JSON array of {id, name, group, total, unread, query}.
        #[arg(long)]
        json: bool,
        /// Delete the saved search of this name.
        #[arg(long, value_name = "NAME")]
        delete: Option<String>,
        /// Files and folders of stories (default: the bundled sample store).
        paths: Vec<PathBuf>,
    },
    /// Print stories as reflowed text, Markdown with TOML front matter (read back as the same story),
    /// standalone HTML, or JSON with the full model.
    Show {
        /// Print a JSON array of whole stories (the same as --format json).
        #[arg(long)]
        json: bool,
        /// text (the default), md, html or json.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<ShowFormat>,
        /// Text width in columns (default: the terminal's, else 80).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
        /// Story ids (32 hex digits), files and folders of stories (default: the bundled sample store).
        #[arg(value_name = "ID|PATH")]
        paths: Vec<PathBuf>,
    },
    /// Search stories: the best matches first, each with the passage that matched. Exits 0 with results,
    /// 1 with none, 2 for a query that cannot be read. The query language is in the README and the
    /// reader's help (?).
    Search {
        /// Print a JSON array: list --json's objects plus snippet (matches in [ ]), rank and score.
        #[arg(long)]
        json: bool,
        /// Print at most N results (0 for all).
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// A file or folder of stories to search (repeat for more; default: the configured sources, else
        /// the bundled sample store).
        #[arg(long = "path", short = 'p', value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The query: words (all required), "a phrase", OR, -word, ( ), word*, title: author: section:
        /// source: site: body:, is:unread|read|starred, after: and before: (2026-03-01, 3d, 2w, 6m, 1y),
        /// sort:relevance|newest|oldest. Quote it for the shell: broadsheet search 'storm -flood'.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
    },
    /// Mark stories read or unread, by id (32 hex digits) or by the files and folders holding them.
    Mark {
        /// read or unread.
        state: MarkAs,
        /// Story ids, files or folders.
        #[arg(required = true, value_name = "ID|PATH")]
        targets: Vec<String>,
    },
    /// Star stories, by id or by the files and folders holding them.
    Star {
        /// Story ids, files or folders.
        #[arg(required = true, value_name = "ID|PATH")]
        targets: Vec<String>,
    },
    /// Unstar stories, by id or by the files and folders holding them.
    Unstar {
        /// Story ids, files or folders.
        #[arg(required = true, value_name = "ID|PATH")]
        targets: Vec<String>,
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
    /// Export or import read state.
    State {
        /// export or import.
        #[command(subcommand)]
        action: StateAction,
    },
    /// Check a configuration file, or print the defaults.
    Config {
        /// check or default.
        #[command(subcommand)]
        action: ConfigAction,
    },
}

/// `config check` and `config default`.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Check a configuration file (default: the one broadsheet would read); exits 0 when it is good, 2 when not.
    Check {
        /// The file to check.
        path: Option<PathBuf>,
    },
    /// Print the full default configuration.
    Default,
}

/// The formats of `show --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Reflowed text.
    Text,
    /// Markdown with TOML front matter.
    Md,
    /// A standalone HTML page per story.
    Html,
    /// A JSON array of whole stories.
    Json,
}

/// The orders of `list --sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
    /// By source, then newest first.
    Source,
    /// Unread first, then newest first.
    Unread,
}

impl SortArg {
    /// The list order it names.
    #[must_use]
    pub fn order(self) -> crate::views::Order {
        match self {
            Self::Newest => crate::views::Order::Newest,
            Self::Oldest => crate::views::Order::Oldest,
            Self::Source => crate::views::Order::Source,
            Self::Unread => crate::views::Order::UnreadFirst,
        }
    }
}

/// What `mark` sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MarkAs {
    /// Mark read.
    Read,
    /// Mark unread.
    Unread,
}

/// The formats of `state export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line: every mark, losslessly.
    Jsonl,
    /// Tab-separated id, URL and read time, read stories only (the first export format).
    Tsv,
    /// What `newsboat -I` reads: one read story per line, by its feed GUID (else its URL).
    Newsboat,
}

/// `state export` and `state import`.
#[derive(Debug, Subcommand)]
pub enum StateAction {
    /// Print the read state: one JSON object per line with the id, URL, read time, star and position (every
    /// story with a mark), or with --format tsv one line per read story: id, URL and read time.
    Export {
        /// jsonl (the default, lossless), tsv (read stories only) or newsboat (GUIDs of read stories, for
        /// `newsboat -I`).
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
    },
    /// Read marks back from an export (jsonl or tsv), or from newsboat's `-E` export (one GUID per line).
    Import {
        /// The file to read ("-" for standard input).
        file: PathBuf,
    },
}
