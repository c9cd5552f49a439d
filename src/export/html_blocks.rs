//! The standalone page's pictures and tables. A picture is named and linked, never embedded: the page
//! fetches nothing when it is opened.

use std::fmt::Write as _;

use super::html::small;
use super::markdown::html_escape as esc;
use crate::model::{Image, Table};

/// A picture as a figure naming it (`[image: alt]`, linked to its web address when it has one), with
/// its caption.
pub(super) fn picture(out: &mut String, image: &Image) -> std::fmt::Result {
    let name = if image.alt.is_empty() {
        "[image]".to_owned()
    } else {
        format!("[image: {}]", esc(&image.alt))
    };
    let shown = match &image.url {
        Some(url) => format!("<a href=\"{}\">{name}</a>", esc(url)),
        None => name,
    };
    let caption = if image.caption.is_empty() && image.credit.is_none() {
        String::new()
    } else {
        format!(
            "<figcaption>{}{}</figcaption>",
            esc(&image.caption),
            small(image.credit.as_deref())
        )
    };
    writeln!(
        out,
        "<figure><p class=\"image\">{shown}</p>{caption}</figure>"
    )
}

/// A table with its caption and header row.
pub(super) fn table(out: &mut String, table: &Table) -> std::fmt::Result {
    out.push_str("<table>\n");
    if let Some(caption) = &table.caption {
        writeln!(out, "<caption>{}</caption>", esc(caption))?;
    }
    let row = |out: &mut String, cells: &[String], tag: &str| {
        out.push_str("<tr>");
        for cell in cells {
            let _ = write!(out, "<{tag}>{}</{tag}>", esc(cell));
        }
        out.push_str("</tr>\n");
    };
    if !table.header.is_empty() {
        out.push_str("<thead>\n");
        row(out, &table.header, "th");
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for cells in &table.rows {
        row(out, cells, "td");
    }
    out.push_str("</tbody>\n</table>\n");
    Ok(())
}
