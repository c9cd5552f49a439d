//! HTML tables to the model's tables: a data table (cells of short text, no table inside) becomes a
//! [`Table`] with its header row and caption; a table used for page layout is left to be walked as
//! blocks, as before.

use dom_query::NodeRef;

use super::html_blocks::{name, squeeze, visible_text};
use crate::model::Table;

/// A cell longer than this is prose set out by a layout table, not data: data cells hold a name, a
/// number, a short phrase (the longest in the development pages' data tables are about 300 characters
/// of description).
const MAX_CELL_CHARS: usize = 600;

/// Elements inside a cell that make it a layout cell: whole blocks of a page, not a datum.
const LAYOUT_IN_CELL: &[&str] = &[
    "table",
    "div",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "form",
];

/// A `colspan` past this is not honoured: no data table spans more columns, and a hostile page asking
/// for a million would otherwise make a million cells.
const MAX_COLSPAN: usize = 64;

/// The rows of `table` (in `thead`, `tbody`, `tfoot` or directly under it), not those of tables inside.
fn rows<'a>(table: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut out = Vec::new();
    for child in table.element_children() {
        match name(&child).as_str() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => {
                out.extend(
                    child
                        .element_children()
                        .into_iter()
                        .filter(|r| name(r) == "tr"),
                );
            }
            _ => {}
        }
    }
    out
}

/// The cells of a row.
fn cells<'a>(row: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    row.element_children()
        .into_iter()
        .filter(|c| matches!(name(c).as_str(), "td" | "th"))
        .collect()
}

/// Whether a cell holds a layout block (see [`LAYOUT_IN_CELL`]).
fn holds_layout(cell: &NodeRef<'_>) -> bool {
    cell.descendants_it()
        .any(|d| d.is_element() && LAYOUT_IN_CELL.contains(&name(&d).as_str()))
}

/// A row's cells as text, a cell spanning columns followed by empty cells so the columns stay aligned.
fn row_text(cells: &[NodeRef<'_>]) -> Vec<String> {
    let mut out = Vec::with_capacity(cells.len());
    for cell in cells {
        out.push(squeeze(&visible_text(cell)));
        let span = cell
            .attr("colspan")
            .and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_COLSPAN);
        out.extend(std::iter::repeat_n(String::new(), span - 1));
    }
    // Empty cells at the end of a row hold nothing to line up.
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// `node` (a `table` element) as a data table; `None` when it lays out a page (a table inside, a cell
/// holding blocks or long prose, a single column) and should be walked as blocks.
#[must_use]
pub fn data_table(node: &NodeRef<'_>) -> Option<Table> {
    let rows = rows(node);
    let cells: Vec<Vec<NodeRef<'_>>> = rows.iter().map(cells).collect();
    let widest = cells.iter().map(Vec::len).max().unwrap_or(0);
    if widest < 2 || cells.iter().flatten().any(holds_layout) {
        return None;
    }
    let mut texts: Vec<Vec<String>> = cells.iter().map(|c| row_text(c)).collect();
    if texts
        .iter()
        .flatten()
        .any(|t| t.chars().count() > MAX_CELL_CHARS)
    {
        return None;
    }
    // The header: a first row of `th` cells only, or one inside `thead`.
    let in_head = rows
        .first()
        .and_then(NodeRef::parent)
        .is_some_and(|p| name(&p) == "thead");
    let all_th = cells
        .first()
        .is_some_and(|c| !c.is_empty() && c.iter().all(|cell| name(cell) == "th"));
    let header = if in_head || all_th {
        texts.remove(0)
    } else {
        Vec::new()
    };
    texts.retain(|row| row.iter().any(|c| !c.is_empty()));
    let caption = node
        .element_children()
        .into_iter()
        .find(|c| name(c) == "caption")
        .map(|c| squeeze(&visible_text(&c)))
        .filter(|c| !c.is_empty());
    if texts.is_empty() && header.is_empty() {
        return None;
    }
    Some(Table {
        header,
        rows: texts,
        caption,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn table(html: &str) -> Option<Table> {
        let doc = Document::from(html);
        let t = doc.select("table");
        t.nodes().first().and_then(data_table)
    }

    #[test]
    fn data_tables_keep_header_rows_and_caption() {
        let t = table(
            "<table><caption>Sales</caption><thead><tr><th>Quarter</th><th>Units</th></tr></thead>\
             <tbody><tr><td>Q1</td><td>1,200</td></tr><tr><td colspan=2>Total 1,200</td></tr></tbody></table>",
        )
        .unwrap();
        assert_eq!(t.header, ["Quarter", "Units"]);
        assert_eq!(t.rows, [vec!["Q1", "1,200"], vec!["Total 1,200"]]);
        assert_eq!(t.caption.as_deref(), Some("Sales"));
        let plain = table("<table><tr><td>a</td><td>b</td></tr></table>").unwrap();
        assert!(plain.header.is_empty());
    }

    #[test]
    fn layout_tables_are_not_data() {
        assert_eq!(table("<table><tr><td>one column</td></tr></table>"), None);
        assert_eq!(
            table("<table><tr><td><div><p>a story</p></div></td><td>x</td></tr></table>"),
            None
        );
        assert_eq!(
            table(
                "<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>x</td></tr></table>"
            ),
            None
        );
    }
}
