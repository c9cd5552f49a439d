//! Saving a story from the reader: a file named by its date, headline and id in the chosen folder and
//! format. Saving the same story again writes the same file.

use std::path::{Path, PathBuf};

use crate::config::SaveFormat;
use crate::model::Article;

/// Headline characters kept in a file name: enough to recognise the story in a listing.
const SLUG_CHARS: usize = 60;

/// Text width of a story saved as text: the reader's default column.
const TEXT_WIDTH: usize = 80;

/// Where stories are saved when the configuration names no folder: `broadsheet` in the documents folder,
/// else in the home folder.
#[must_use]
pub fn default_folder() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(
        dirs.document_dir()
            .unwrap_or_else(|| dirs.home_dir())
            .join("broadsheet"),
    )
}

/// The file name of `a` saved as `format`: `2026-11-23-kyoto-show-brings-….md`, with the start of its id
/// so two stories with one headline do not share a file.
#[must_use]
pub fn file_name(a: &Article, format: SaveFormat) -> String {
    let mut slug = String::new();
    for c in a.head.title.chars().flat_map(char::to_lowercase) {
        if slug.chars().count() >= SLUG_CHARS {
            break;
        }
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "story" } else { slug };
    let id = a.head.id.to_string();
    let date = a
        .head
        .published
        .map(|d| format!("{}-", d.format("%Y-%m-%d")))
        .unwrap_or_default();
    format!(
        "{date}{slug}-{}.{}",
        &id[..id.len().min(8)],
        format.extension()
    )
}

/// `a` as `format`.
#[must_use]
pub fn render(a: &Article, format: SaveFormat) -> String {
    let text = match format {
        SaveFormat::Markdown => super::markdown(a),
        SaveFormat::Html => super::html(a),
        SaveFormat::Text => crate::view::plain::render(a, TEXT_WIDTH),
    };
    crate::text::clean::clean(
        std::borrow::Cow::Owned(text),
        crate::text::clean::Breaks::Lines,
    )
    .into_owned()
}

/// Writes `a` into `folder` (made when needed) as `format`; returns the file written.
///
/// # Errors
/// When the folder cannot be made or the file written.
pub fn save(a: &Article, folder: &Path, format: SaveFormat) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let path = folder.join(file_name(a, format));
    // Written beside and renamed, so a crash never leaves half a file under the final name.
    let partial = path.with_extension("partial");
    std::fs::write(&partial, render(a, format))?;
    std::fs::rename(&partial, &path)?;
    Ok(path)
}
