//! The keymap as data: key names ("j", "ctrl-d", "shift-tab", "g g") parsed into chords, bound to actions,
//! with the reverse map that feeds the help overlay and status hints.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::action::{Action, BINDABLE};

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

/// Why a key name could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// The name is not a key.
    #[error(
        "`{0}` is not a key name (try \"j\", \"ctrl-d\", \"shift-tab\", \"pagedown\", \"f5\" or \"g g\")"
    )]
    BadKey(String),
    /// No action has this name.
    #[error("`{0}` is not an action")]
    UnknownAction(String),
    /// One key listed twice for the same action.
    #[error("`{key}` is listed twice for `{action}`")]
    Repeated {
        /// The key sequence.
        key: String,
        /// The action.
        action: &'static str,
    },
    /// One binding is the first key of another, which then can never be typed.
    #[error(
        "`{short}` ({short_action}) is the start of `{long}` ({long_action}), which could never be typed"
    )]
    Shadowed {
        /// The shorter sequence.
        short: String,
        /// Its action.
        short_action: &'static str,
        /// The longer sequence.
        long: String,
        /// Its action.
        long_action: &'static str,
    },
    /// An action every session needs has no key.
    #[error("`{0}` needs at least one key")]
    Unbound(&'static str),
    /// One key sequence bound to two actions (or one the start of the other's).
    #[error("`{key}` is bound to both `{first}` and `{second}`")]
    Conflict {
        /// The key sequence.
        key: String,
        /// One action.
        first: &'static str,
        /// The other.
        second: &'static str,
    },
}

/// Parses one key name: a character, a named key, or either with `ctrl-`, `alt-` or `shift-` before it.
///
/// # Errors
/// [`KeymapError::BadKey`] for anything else.
pub fn parse_chord(name: &str) -> Result<KeyChord, KeymapError> {
    let bad = || KeymapError::BadKey(name.to_owned());
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
/// [`KeymapError::BadKey`] when a chord is not a key.
pub fn parse_sequence(name: &str) -> Result<Vec<KeyChord>, KeymapError> {
    let chords: Vec<KeyChord> = name
        .split_whitespace()
        .map(parse_chord)
        .collect::<Result<_, _>>()?;
    if chords.len() > 2 {
        return Err(KeymapError::BadKey(name.to_owned()));
    }
    if chords.is_empty() {
        // A lone space is the space key.
        return if name == " " {
            Ok(vec![KeyChord {
                code: KeyCode::Char(' '),
                mods: KeyModifiers::NONE,
            }])
        } else {
            Err(KeymapError::BadKey(name.to_owned()))
        };
    }
    Ok(chords)
}

/// Keys bound to actions, and back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Vec<KeyChord>, Action)>,
    /// Each action's key names as written, in binding order.
    names: BTreeMap<&'static str, Vec<String>>,
}

/// What a key press means, given the keys pressed before it.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A whole binding: do this.
    Action(Action),
    /// The start of a longer binding: wait for the next key.
    Prefix,
    /// Bound to nothing.
    Unbound,
}

impl Keymap {
    /// The built-in bindings, from the defaults file.
    #[must_use]
    pub fn default_keys() -> Self {
        // The defaults are tested to load without error, so the fallback (no keys) is never taken.
        super::load(&super::Source::Defaults, false).map_or_else(
            |_| Self {
                bindings: Vec::new(),
                names: BTreeMap::new(),
            },
            |c| c.keymap,
        )
    }

    /// The keys of every bound action, by action name: what `[keys]` in the configuration holds.
    #[must_use]
    pub fn table(&self) -> BTreeMap<String, Vec<String>> {
        self.names
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    /// Builds a keymap from an action-name → key-names table.
    ///
    /// # Errors
    /// An unknown action, a bad key name, or a key bound to two actions.
    pub fn from_table(table: &BTreeMap<String, Vec<String>>) -> Result<Self, KeymapError> {
        let mut bindings: Vec<(Vec<KeyChord>, Action)> = Vec::new();
        // The keys as written, beside `bindings`, for the messages.
        let mut texts: Vec<String> = Vec::new();
        let mut names: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        for (action_name, keys) in table {
            let action = Action::from_name(action_name)
                .ok_or_else(|| KeymapError::UnknownAction(action_name.clone()))?;
            let name = action.name().unwrap_or("");
            for key in keys {
                let seq = parse_sequence(key)?;
                // The same keys twice, or one binding the start of another ("g" and "g g"): the longer
                // one could never be typed.
                let clash = bindings
                    .iter()
                    .zip(&texts)
                    .find(|((s, _), _)| s.starts_with(&seq) || seq.starts_with(s));
                if let Some(((other_seq, other), other_text)) = clash {
                    let other_name = other.name().unwrap_or("");
                    if *other == action && *other_seq == seq {
                        return Err(KeymapError::Repeated {
                            key: key.clone(),
                            action: name,
                        });
                    }
                    if *other_seq != seq {
                        let ((short, short_action), (long, long_action)) =
                            if other_seq.len() < seq.len() {
                                ((other_text.clone(), other_name), (key.clone(), name))
                            } else {
                                ((key.clone(), name), (other_text.clone(), other_name))
                            };
                        return Err(KeymapError::Shadowed {
                            short,
                            short_action,
                            long,
                            long_action,
                        });
                    }
                    let (first, second) = if other_name <= name {
                        (other_name, name)
                    } else {
                        (name, other_name)
                    };
                    return Err(KeymapError::Conflict {
                        key: key.clone(),
                        first,
                        second,
                    });
                }
                texts.push(key.clone());
                bindings.push((seq, action));
                names.entry(name).or_default().push(key.clone());
            }
        }
        // Without a key for these, the reader could not be left or understood.
        for needed in [Action::Quit, Action::Help] {
            if table.contains_key(needed.name().unwrap_or(""))
                && !bindings.iter().any(|(_, a)| *a == needed)
            {
                return Err(KeymapError::Unbound(needed.name().unwrap_or("")));
            }
        }
        Ok(Self { bindings, names })
    }

    /// What `pending` followed by `chord` means.
    #[must_use]
    pub fn lookup(&self, pending: &[KeyChord], chord: KeyChord) -> Lookup {
        let mut seq = pending.to_vec();
        seq.push(chord);
        let mut prefix = false;
        for (keys, action) in &self.bindings {
            if *keys == seq {
                return Lookup::Action(*action);
            }
            prefix |= keys.len() > seq.len() && keys.starts_with(&seq);
        }
        if prefix {
            Lookup::Prefix
        } else {
            Lookup::Unbound
        }
    }

    /// The key names bound to `action`, as written in the configuration.
    #[must_use]
    pub fn keys_for(&self, action: Action) -> &[String] {
        action
            .name()
            .and_then(|n| self.names.get(n))
            .map_or(&[], Vec::as_slice)
    }

    /// Every bindable action with its keys and help text, in help order.
    pub fn help_rows(&self) -> impl Iterator<Item = (&'static str, &[String], &'static str)> {
        BINDABLE
            .iter()
            .map(|(action, name, text)| (*name, self.keys_for(*action), *text))
    }
}

/// Turns key presses into actions, remembering the first keys of a sequence.
#[derive(Debug, Default)]
pub struct KeyResolver {
    pending: Vec<KeyChord>,
}

impl KeyResolver {
    /// Feeds one key press; returns the action it completes, if any.
    pub fn feed(&mut self, keymap: &Keymap, event: KeyEvent) -> Option<Action> {
        let chord = KeyChord::from_event(event);
        match keymap.lookup(&self.pending, chord) {
            Lookup::Action(a) => {
                self.pending.clear();
                Some(a)
            }
            Lookup::Prefix => {
                self.pending.push(chord);
                None
            }
            Lookup::Unbound if !self.pending.is_empty() => {
                // The sequence broke off: read the key on its own.
                self.pending.clear();
                self.feed(keymap, event)
            }
            Lookup::Unbound => None,
        }
    }

    /// The keys waiting for the rest of a sequence, for the status bar.
    #[must_use]
    pub fn pending(&self) -> &[KeyChord] {
        &self.pending
    }
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

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

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
        assert_eq!(parse_sequence("g g").unwrap().len(), 2);
        assert!(parse_chord("f99").is_err());
        assert!(parse_chord("hyper-x").is_err());
        assert!(parse_sequence("").is_err());
    }

    #[test]
    fn defaults_bind_every_action() {
        let keymap = Keymap::default_keys();
        for (action, name, _) in BINDABLE {
            assert!(
                !keymap.keys_for(*action).is_empty(),
                "{name} has no default key"
            );
        }
    }

    #[test]
    fn shifted_letters_and_sequences_resolve() {
        let mut table = BTreeMap::new();
        table.insert("top".to_owned(), vec!["g g".to_owned()]);
        table.insert("next_story".to_owned(), vec!["J".to_owned()]);
        table.insert("move_down".to_owned(), vec!["j".to_owned()]);
        let keymap = Keymap::from_table(&table).unwrap();
        let mut r = KeyResolver::default();
        assert_eq!(
            r.feed(&keymap, key(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::NextStory)
        );
        assert_eq!(
            r.feed(&keymap, key(KeyCode::Char('g'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(r.pending().len(), 1);
        assert_eq!(
            r.feed(&keymap, key(KeyCode::Char('g'), KeyModifiers::NONE)),
            Some(Action::Top)
        );
        // A broken-off sequence reads the second key alone.
        assert_eq!(
            r.feed(&keymap, key(KeyCode::Char('g'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            r.feed(&keymap, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::MoveDown)
        );
    }

    #[test]
    fn a_sequence_behind_a_single_key_is_refused() {
        let mut table = BTreeMap::new();
        table.insert("top".to_owned(), vec!["g".to_owned()]);
        table.insert("bottom".to_owned(), vec!["g G".to_owned()]);
        assert_eq!(
            Keymap::from_table(&table).unwrap_err().to_string(),
            "`g` (top) is the start of `g G` (bottom), which could never be typed"
        );
        table.insert("bottom".to_owned(), vec!["G".to_owned()]);
        table.insert("quit".to_owned(), vec![]);
        assert_eq!(
            Keymap::from_table(&table).unwrap_err().to_string(),
            "`quit` needs at least one key"
        );
        table.insert("quit".to_owned(), vec!["q".to_owned(), "q".to_owned()]);
        assert_eq!(
            Keymap::from_table(&table).unwrap_err().to_string(),
            "`q` is listed twice for `quit`"
        );
        assert!(parse_sequence("g g g").is_err());
    }

    #[test]
    fn a_key_bound_twice_names_both_actions() {
        let mut table = BTreeMap::new();
        table.insert("quit".to_owned(), vec!["q".to_owned()]);
        table.insert("help".to_owned(), vec!["q".to_owned()]);
        let err = Keymap::from_table(&table).unwrap_err();
        assert_eq!(err.to_string(), "`q` is bound to both `help` and `quit`");
    }
}
