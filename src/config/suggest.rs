//! "Did you mean": the valid name nearest to a misspelt one, by edit distance (strsim).

/// The candidate closest to `wrong`, when it is close enough to be a likely typo.
#[must_use]
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wrong, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        let keys = ["list_width", "sidebar_width", "sidebar"];
        assert_eq!(nearest("sidebar_widht", keys), Some("sidebar_width"));
        assert_eq!(nearest("sidebr", keys), Some("sidebar"));
        assert_eq!(nearest("colour_scheme", keys), None);
    }
}
