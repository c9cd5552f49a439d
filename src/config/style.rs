//! `[theme]`: a preset and element styles, each a table such as `{ fg = "cyan", bold = true }` with colours
//! by name, `#rrggbb` or 0–255.

use ratatui::style::{Color, Modifier, Style};

/// The colour names understood, as ratatui's 16 terminal colours (plus `reset`).
const COLOURS: &[(&str, Color)] = &[
    ("reset", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("grey", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("darkgrey", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
];

/// The keys a style table may hold.
pub const STYLE_KEYS: &[&str] = &["fg", "bg", "bold", "italic", "dim", "underline", "reversed"];

/// A problem with a style, and the misspelt name and its candidates when that is the problem.
#[derive(Debug, PartialEq, Eq)]
pub struct StyleProblem {
    /// What is wrong.
    pub problem: String,
    /// The wrong name and the valid ones, for a suggestion.
    pub misspelt: Option<(String, Vec<&'static str>)>,
}

impl StyleProblem {
    fn plain(problem: String) -> Self {
        Self {
            problem,
            misspelt: None,
        }
    }
}

/// Reads a colour: a name, `#rrggbb`, or an index 0–255.
///
/// # Errors
/// Anything else, with the nearest name when it looks like a misspelt one.
pub fn colour(value: &toml::Value, key: &str) -> Result<Color, StyleProblem> {
    match value {
        toml::Value::Integer(i) => u8::try_from(*i).map(Color::Indexed).map_err(|_| {
            StyleProblem::plain(format!(
                "bad colour {i} for `{key}`: indexes run from 0 to 255"
            ))
        }),
        toml::Value::String(s) => {
            if let Some(hex) = s.strip_prefix('#') {
                if hex.len() == 6
                    && let Ok(rgb) = u32::from_str_radix(hex, 16)
                {
                    let [_, r, g, b] = rgb.to_be_bytes();
                    return Ok(Color::Rgb(r, g, b));
                }
                return Err(StyleProblem::plain(format!(
                    "bad colour `{s}` for `{key}`: write it as #rrggbb"
                )));
            }
            let name = s.to_ascii_lowercase().replace(['_', '-', ' '], "");
            COLOURS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, c)| *c)
                .ok_or_else(|| StyleProblem {
                    problem: format!("bad colour `{s}` for `{key}`"),
                    misspelt: Some((name, COLOURS.iter().map(|(n, _)| *n).collect())),
                })
        }
        other => Err(StyleProblem::plain(format!(
            "wrong type for `{key}`: expected a colour name, \"#rrggbb\" or 0-255, found {}",
            other.type_str()
        ))),
    }
}

/// Reads a style table for element `element`.
///
/// # Errors
/// A value that is not a table, an unknown key, a bad colour or a non-boolean flag.
pub fn style(value: &toml::Value, element: &str) -> Result<Style, StyleProblem> {
    let toml::Value::Table(table) = value else {
        return Err(StyleProblem::plain(format!(
            "wrong type for `{element}`: expected a style table such as {{ fg = \"cyan\", bold = true }}, found {}",
            value.type_str()
        )));
    };
    let mut style = Style::new();
    for (key, v) in table {
        let full = format!("{element}.{key}");
        match key.as_str() {
            "fg" => style = style.fg(colour(v, &full)?),
            "bg" => style = style.bg(colour(v, &full)?),
            flag @ ("bold" | "italic" | "dim" | "underline" | "reversed") => {
                let on = v.as_bool().ok_or_else(|| {
                    StyleProblem::plain(format!(
                        "wrong type for `{full}`: expected true or false, found {}",
                        v.type_str()
                    ))
                })?;
                let modifier = match flag {
                    "bold" => Modifier::BOLD,
                    "italic" => Modifier::ITALIC,
                    "dim" => Modifier::DIM,
                    "underline" => Modifier::UNDERLINED,
                    _ => Modifier::REVERSED,
                };
                style = if on {
                    style.add_modifier(modifier)
                } else {
                    style.remove_modifier(modifier)
                };
            }
            other => {
                return Err(StyleProblem {
                    problem: format!("unknown key `{other}` in the style of `{element}`"),
                    misspelt: Some((other.to_owned(), STYLE_KEYS.to_vec())),
                });
            }
        }
    }
    Ok(style)
}

/// A style written back as a table, for `config default` and the example file.
#[must_use]
pub fn describe(style: Style) -> String {
    let mut parts = Vec::new();
    let name = |c: Color| match c {
        Color::Indexed(i) => i.to_string(),
        Color::Rgb(r, g, b) => format!("\"#{r:02x}{g:02x}{b:02x}\""),
        other => COLOURS
            .iter()
            .find(|(_, c)| *c == other)
            .map_or_else(|| "\"reset\"".to_owned(), |(n, _)| format!("\"{n}\"")),
    };
    if let Some(fg) = style.fg {
        parts.push(format!("fg = {}", name(fg)));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("bg = {}", name(bg)));
    }
    for (m, n) in [
        (Modifier::BOLD, "bold"),
        (Modifier::ITALIC, "italic"),
        (Modifier::DIM, "dim"),
        (Modifier::UNDERLINED, "underline"),
        (Modifier::REVERSED, "reversed"),
    ] {
        if style.add_modifier.contains(m) {
            parts.push(format!("{n} = true"));
        }
    }
    if parts.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> toml::Value {
        toml::from_str::<toml::Table>(&format!("x = {s}"))
            .unwrap()
            .remove("x")
            .unwrap()
    }

    #[test]
    fn colours_by_name_hex_and_index() {
        assert_eq!(colour(&v("\"Dark_Gray\""), "k"), Ok(Color::DarkGray));
        assert_eq!(colour(&v("\"#ff8800\""), "k"), Ok(Color::Rgb(255, 136, 0)));
        assert_eq!(colour(&v("236"), "k"), Ok(Color::Indexed(236)));
        assert!(
            colour(&v("300"), "k")
                .unwrap_err()
                .problem
                .contains("0 to 255")
        );
        assert!(colour(&v("\"#ff88\""), "k").is_err());
        assert_eq!(
            colour(&v("\"blu\""), "k").unwrap_err().misspelt.unwrap().0,
            "blu"
        );
    }

    #[test]
    fn styles_round_trip_through_their_description() {
        let s = style(
            &v("{ fg = \"cyan\", bg = 236, bold = true, dim = true }"),
            "link",
        )
        .unwrap();
        assert_eq!(
            s,
            Style::new()
                .fg(Color::Cyan)
                .bg(Color::Indexed(236))
                .add_modifier(Modifier::BOLD | Modifier::DIM)
        );
        assert_eq!(style(&v(&describe(s)), "link").unwrap(), s);
        assert!(
            style(&v("{ bold = \"yes\" }"), "link")
                .unwrap_err()
                .problem
                .contains("true or false")
        );
        assert_eq!(
            style(&v("{ colour = \"red\" }"), "link")
                .unwrap_err()
                .misspelt
                .unwrap()
                .0,
            "colour"
        );
    }
}
