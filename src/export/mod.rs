//! Stories written out for other programs: Markdown with TOML front matter (which broadsheet reads back as
//! the same story) and standalone HTML. Pure: a story in, text out.

pub mod html;
pub mod markdown;

pub use html::html;
pub use markdown::markdown;
