//! Stories written out for other programs: Markdown with TOML front matter (which broadsheet reads back as
//! the same story) and standalone HTML, and saving one from the reader (the one part that writes a file).

pub mod html;
mod html_blocks;
pub mod markdown;
pub mod save;

pub use html::html;
pub use markdown::markdown;
