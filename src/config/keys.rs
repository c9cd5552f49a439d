//! Key names: "j", "ctrl-d", "shift-tab", "pagedown", "f5" and two-key sequences such as "g g", parsed
//! into chords and written back for the help.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key name that is not a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a key name (try \"j\", \"ctrl-d\", \"shift-tab\", \"pagedown\", \"f5\" or \"g g\")"
)]
pub struct BadKey(pub String);

/// One key with its modifiers. Letters carry their case, so `J` needs no shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyChord {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift only for keys that have no upper case).
    pub mods: KeyModifiers,
}

impl KeyChord {
    /// The chord a key event stands for, with Shift folded into the letter's case.
    #[must_use]
    pub fn from_event(event: KeyEvent) -> Self {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, mods }
    }
}

/// Parses one key name: a character, a named key, or either with `ctrl-`, `alt-` or `shift-` before it.
///
/// # Errors
/// [`BadKey`] for anything else.
pub fn parse_chord(name: &str) -> Result<KeyChord, BadKey> {
    let bad = || BadKey(name.to_owned());
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (prefix, flag) = if lower.starts_with("ctrl-") {
            ("ctrl-", KeyModifiers::CONTROL)
        } else if lower.starts_with("alt-") {
            ("alt-", KeyModifiers::ALT)
        } else if lower.starts_with("shift-") {
            ("shift-", KeyModifiers::SHIFT)
        } else {
            break;
        };
        if rest.len() == prefix.len() {
            break;
        }
        mods |= flag;
        rest = &rest[prefix.len()..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => {
            if mods.contains(KeyModifiers::SHIFT) {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            } else {
                KeyCode::Char(c)
            }
        }
        _ => named_key(&rest.to_ascii_lowercase()).ok_or_else(bad)?,
    };
    if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
        mods.remove(KeyModifiers::SHIFT);
        return Ok(KeyChord {
            code: KeyCode::BackTab,
            mods,
        });
    }
    Ok(KeyChord { code, mods })
}

fn named_key(name: &str) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "insert" => KeyCode::Insert,
        "delete" | "del" => KeyCode::Delete,
        f if f.starts_with('f') => {
            let n: u8 = f[1..].parse().ok()?;
            if !(1..=24).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
        _ => return None,
    })
}

/// Parses a key sequence: chords separated by spaces ("g g").
///
/// # Errors
/// [`BadKey`] when a chord is not a key.
pub fn parse_sequence(name: &str) -> Result<Vec<KeyChord>, BadKey> {
    let chords: Vec<KeyChord> = name
        .split_whitespace()
        .map(parse_chord)
        .collect::<Result<_, _>>()?;
    if chords.len() > 2 {
        return Err(BadKey(name.to_owned()));
    }
    if chords.is_empty() {
        // A lone space is the space key.
        return if name == " " {
            Ok(vec![KeyChord {
                code: KeyCode::Char(' '),
                mods: KeyModifiers::NONE,
            }])
        } else {
            Err(BadKey(name.to_owned()))
        };
    }
    Ok(chords)
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{}", format!("{other:?}").to_ascii_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_parse() {
        assert_eq!(
            parse_chord("j").unwrap(),
            KeyChord {
                code: KeyCode::Char('j'),
                mods: KeyModifiers::NONE
            }
        );
        assert_eq!(parse_chord("J").unwrap().code, KeyCode::Char('J'));
        assert_eq!(parse_chord("shift-j").unwrap(), parse_chord("J").unwrap());
        assert_eq!(
            parse_chord("ctrl-d").unwrap(),
            KeyChord {
                code: KeyCode::Char('d'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(parse_chord("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(parse_chord("PageDown").unwrap().code, KeyCode::PageDown);
        assert_eq!(parse_chord("f5").unwrap().code, KeyCode::F(5));
        assert_eq!(parse_chord("-").unwrap().code, KeyCode::Char('-'));
        assert_eq!(parse_chord(":").unwrap().code, KeyCode::Char(':'));
        assert_eq!(parse_sequence("g g").unwrap().len(), 2);
        assert!(parse_chord("f99").is_err());
        assert!(parse_chord("hyper-x").is_err());
        assert!(parse_sequence("").is_err());
        assert!(parse_sequence("g g g").is_err());
        assert_eq!(parse_chord("ctrl-w").unwrap().to_string(), "ctrl-w");
    }
}
