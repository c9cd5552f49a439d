//! A whole-page dump's story: the densest run of prose without the boxes of other stories inside it, and
//! the byline and date found just above it or near its top.

use super::lines::Line;
use super::page;
use crate::loader::dateline::{self, Dateline};

/// How many lines above the text, or into it, a byline or date is still the story's own.
const DATELINE_REACH: usize = 6;

/// The story's lines out of `lines` (a dump's lines under its headline), and its dateline: the one the
/// head found, completed by any found around the text.
pub fn story<'a>(
    lines: &[Line<'a>],
    mut dateline: Option<Dateline>,
) -> (Vec<Line<'a>>, Option<Dateline>) {
    let mut merge = |d: Dateline| dateline = Some(dateline.take().unwrap_or_default().merged(d));
    let run = page::densest_run(lines);
    let text = if run.is_empty() {
        lines.to_vec()
    } else {
        // Between the headline and the text (a standfirst, share buttons, a comment count) may stand the
        // byline and date; the nearer the text, the likelier the story's own (not a teaser's above).
        let above = &lines[run.start.saturating_sub(DATELINE_REACH)..run.start];
        for (i, line) in above.iter().enumerate().rev() {
            if let Some((d, _)) = dateline::parse_lines(line.text, above.get(i + 1).map(|l| l.text))
            {
                merge(d);
            }
        }
        page::without_boxes(&lines[run])
    };
    // A byline or date near the top of the text (under a lead photo's caption, say) is the story's
    // dateline, not its words. Further down a date is a subhead or an item's ("March 3, 2015") and stays.
    let mut kept = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if i < DATELINE_REACH
            && let Some((d, taken)) =
                dateline::parse_lines(text[i].text, text.get(i + 1).map(|l| l.text))
        {
            merge(d);
            i += taken;
        } else {
            kept.push(text[i]);
            i += 1;
        }
    }
    (kept, dateline)
}
