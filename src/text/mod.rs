//! Text helpers shared by loaders and views: cleaning, folding for comparison, display width and
//! truncation, and number formatting.

pub mod clean;
pub mod fold;
pub mod spans;
pub mod truncate;
pub mod width;

/// `s`'s first `max` bytes at most, cut back to a character boundary.
#[must_use]
pub fn at_most(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `n` with thousands separators: 100,000.
#[must_use]
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(34_000), "34,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
