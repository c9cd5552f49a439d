//! One table of key bindings (`[keys]`, or a pane's `[keys.list]`): key sequences bound to actions,
//! checked as they are read (unknown actions, actions bound where they do nothing, keys bound twice,
//! sequences that could never be typed), and looked up as keys arrive.

use std::collections::BTreeMap;

use super::keys::{BadKey, KeyChord, parse_sequence};
use crate::action::{Action, Scope};

/// Why a set of bindings cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// The name is not a key.
    #[error(transparent)]
    BadKey(#[from] BadKey),
    /// No action has this name.
    #[error("`{0}` is not an action")]
    UnknownAction(String),
    /// The action cannot be bound where it was.
    #[error("`{action}` cannot be bound in [{table}]; {hint}")]
    WrongPlace {
        /// The action.
        action: &'static str,
        /// The table it was bound in ("keys", "keys.list").
        table: String,
        /// Where it can be bound.
        hint: &'static str,
    },
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
    /// One key sequence bound to two actions.
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

/// Action name to key names: what one `[keys]` table holds.
pub type Table = BTreeMap<String, Vec<String>>;

/// One table's bindings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Bindings {
    pub(super) keys: Vec<(Vec<KeyChord>, Action)>,
    /// Each action's key names as written, in binding order.
    pub(super) names: BTreeMap<&'static str, Vec<String>>,
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

impl Bindings {
    /// Builds one table's bindings, checking every action belongs in `scope`.
    pub(super) fn from_table(
        table: &Table,
        scope: Scope,
        place: &str,
    ) -> Result<Self, KeymapError> {
        let mut out = Self::default();
        // The keys as written, beside `keys`, for the messages.
        let mut texts: Vec<String> = Vec::new();
        for (action_name, keys) in table {
            let action = Action::from_name(action_name)
                .ok_or_else(|| KeymapError::UnknownAction(action_name.clone()))?;
            let name = action.name();
            if action.scope() != scope {
                return Err(KeymapError::WrongPlace {
                    action: name,
                    table: place.to_owned(),
                    hint: match scope {
                        Scope::Reader => "prompt keys go in [keys.prompt]",
                        Scope::Prompt => {
                            "[keys.prompt] binds only submit, cancel and the editing keys"
                        }
                    },
                });
            }
            for key in keys {
                let seq = parse_sequence(key)?;
                out.check_clash(&texts, &seq, key, &action)?;
                texts.push(key.clone());
                out.keys.push((seq, action.clone()));
                out.names.entry(name).or_default().push(key.clone());
            }
        }
        Ok(out)
    }

    /// The same keys twice, or one binding the start of another ("g" and "g g", where the longer one
    /// could never be typed).
    fn check_clash(
        &self,
        texts: &[String],
        seq: &[KeyChord],
        key: &str,
        action: &Action,
    ) -> Result<(), KeymapError> {
        let name = action.name();
        let clash = self
            .keys
            .iter()
            .zip(texts)
            .find(|((s, _), _)| s.starts_with(seq) || seq.starts_with(s));
        let Some(((other_seq, other), other_text)) = clash else {
            return Ok(());
        };
        let other_name = other.name();
        if other == action && other_seq == seq {
            return Err(KeymapError::Repeated {
                key: key.to_owned(),
                action: name,
            });
        }
        if other_seq != seq {
            let ((short, short_action), (long, long_action)) = if other_seq.len() < seq.len() {
                ((other_text.clone(), other_name), (key.to_owned(), name))
            } else {
                ((key.to_owned(), name), (other_text.clone(), other_name))
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
        Err(KeymapError::Conflict {
            key: key.to_owned(),
            first,
            second,
        })
    }

    pub(super) fn lookup(&self, seq: &[KeyChord]) -> Lookup {
        let mut prefix = false;
        for (keys, action) in &self.keys {
            if keys == seq {
                return Lookup::Action(action.clone());
            }
            prefix |= keys.len() > seq.len() && keys.starts_with(seq);
        }
        if prefix {
            Lookup::Prefix
        } else {
            Lookup::Unbound
        }
    }

    /// Whether a binding here hides `seq` (the same keys, or one the start of the other).
    pub(super) fn hides(&self, seq: &[KeyChord]) -> bool {
        self.keys
            .iter()
            .any(|(k, _)| k.starts_with(seq) || seq.starts_with(k))
    }

    pub(super) fn table(&self) -> Table {
        self.names
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }
}
