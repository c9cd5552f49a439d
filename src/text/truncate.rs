//! Cutting text to a display width: kept for callers of `truncate::fit`; the measure lives in
//! [`super::width`], so a cut and the width it is padded by never disagree.

pub use super::width::fit;
