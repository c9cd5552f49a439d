//! Photo credits printed as paragraphs ("Image: Name / Agency", "… | Photo by Name") and captions that
//! are only a credit ("Credit...Name/Agency"): made caption blocks with their credit.

use crate::model::Block;

/// Labels that open a photo credit printed as a paragraph ("Image: Jo Bloggs / Agency").
const CREDIT_LABELS: &[&str] = &[
    "image:",
    "images:",
    "photo:",
    "photos:",
    "photo by",
    "photograph:",
    "picture:",
    "credit:",
    "credit…",
    "credit...",
    "foto:",
    "bild:",
    "crédit photo:",
];

/// A credit line is short: a longer paragraph opening with "Photo:" describes the picture in prose.
const CREDIT_MAX_WORDS: usize = 12;

/// A paragraph that is only a photo credit ("Image: Jo Bloggs / Agency", "Credit...Name/Agency") or a
/// caption that ends in one ("Guests at the bar. | Photo by Jo Bloggs") becomes a caption block.
/// A picture's caption that is only a credit, or ends in one, is split the same way.
pub(super) fn as_caption(block: &mut Block) -> Option<Block> {
    let (text, credit_only_so_far) = match block {
        Block::Paragraph(t) => (t.as_str(), false),
        Block::Caption { text, credit: None } => (text.as_str(), true),
        Block::Image(image) if image.credit.is_none() => {
            let split = bare_credit(&image.caption).or_else(|| split(&image.caption, false));
            if let Some(Block::Caption { text, credit }) = split {
                image.caption = text;
                image.credit = credit;
            }
            return None;
        }
        _ => return None,
    };
    split(text, credit_only_so_far)
}

/// `text` as a caption with its credit, when it is only a credit or ends in one.
fn split(text: &str, credit_only_so_far: bool) -> Option<Block> {
    let lower = text.to_lowercase();
    if let Some(label) = CREDIT_LABELS.iter().find(|l| lower.starts_with(*l))
        && text.split_whitespace().count() <= CREDIT_MAX_WORDS
    {
        let credit = text[label.len()..]
            .trim_start_matches(['.', '…', ':', ' '])
            .trim();
        return Some(Block::Caption {
            text: String::new(),
            credit: (!credit.is_empty()).then(|| credit.to_owned()),
        });
    }
    if credit_only_so_far {
        return bare_credit(text);
    }
    // "… | Photo by Jo Bloggs", "…2023.Photograph: Jo Bloggs/Agency"
    for marker in [
        " | photo by ",
        " | photo: ",
        "photograph: ",
        " | image: ",
        " | credit: ",
        ". photo: ",
        ". photo : ",
    ] {
        // Offsets in `lower` are offsets in `text` only when lower-casing kept every length.
        if lower.len() == text.len()
            && let Some(at) = lower.rfind(marker)
            && text.is_char_boundary(at)
            && text.is_char_boundary(at + marker.len())
            && text[at + marker.len()..].split_whitespace().count() <= CREDIT_MAX_WORDS / 2
        {
            // A full stop before the credit ends the caption.
            let cut = if marker.starts_with('.') { at + 1 } else { at };
            let credit = text[cut..].trim_start_matches([' ', '|']).trim();
            let caption = text[..cut].trim();
            return Some(Block::Caption {
                text: caption.to_owned(),
                credit: Some(credit.to_owned()),
            });
        }
    }
    None
}

/// A caption that is only "Credit Name/Agency": in a caption the bare word labels a credit (in a
/// paragraph it may begin a sentence about credit: "Credit Suisse shares fell").
fn bare_credit(text: &str) -> Option<Block> {
    let name = text
        .get(..7)?
        .eq_ignore_ascii_case("credit ")
        .then(|| text[7..].trim())?;
    (!name.is_empty() && text.split_whitespace().count() <= CREDIT_MAX_WORDS).then(|| {
        Block::Caption {
            text: String::new(),
            credit: Some(name.to_owned()),
        }
    })
}
