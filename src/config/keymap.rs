//! The keymap as data: key sequences bound to actions, globally (`[keys]`) and per pane or mode
//! (`[keys.list]`, `[keys.article]`, `[keys.sidebar]`, `[keys.prompt]`), with the reverse map that feeds
//! the help overlay and the status-bar hints for the focused pane.

use std::collections::BTreeMap;

use crossterm::event::KeyEvent;

use super::bindings::Bindings;
pub use super::bindings::{KeymapError, Lookup, Table};
pub use super::keys::{BadKey, KeyChord, parse_chord, parse_sequence};
use crate::action::{Action, Scope};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// The headline list has focus.
    List,
    /// The article has focus.
    Article,
    /// The sidebar has focus.
    Sidebar,
    /// A prompt is open: only its own keys count, and other characters are typed.
    Prompt,
}

impl Context {
    /// Every context, in the order `[keys.…]` tables are documented.
    pub const ALL: [Self; 4] = [Self::List, Self::Article, Self::Sidebar, Self::Prompt];

    /// The name in the configuration (`[keys.list]`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Article => "article",
            Self::Sidebar => "sidebar",
            Self::Prompt => "prompt",
        }
    }

    /// Where the keys apply, for the help's heading.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::List => "in the list",
            Self::Article => "in the article",
            Self::Sidebar => "in the sidebar",
            Self::Prompt => "in a prompt",
        }
    }

    /// The context named `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The scope of the actions bound in this context.
    fn scope(self) -> Scope {
        if self == Self::Prompt {
            Scope::Prompt
        } else {
            Scope::Reader
        }
    }
}

/// Keys bound to actions, globally and per context, and back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keymap {
    global: Bindings,
    scoped: BTreeMap<Context, Bindings>,
}

impl Keymap {
    /// The built-in bindings, from the defaults file.
    #[must_use]
    pub fn default_keys() -> Self {
        // The defaults are tested to load without error, so the fallback (no keys) is never taken.
        super::load(&super::Source::Defaults, false).map_or_else(|_| Self::default(), |c| c.keymap)
    }

    /// The global keys of every bound action, by action name: what `[keys]` in the configuration holds.
    #[must_use]
    pub fn table(&self) -> Table {
        self.global.table()
    }

    /// The keys `[keys.<context>]` holds.
    #[must_use]
    pub fn context_table(&self, context: Context) -> Table {
        self.scoped
            .get(&context)
            .map(Bindings::table)
            .unwrap_or_default()
    }

    /// Builds a keymap from the global table alone.
    ///
    /// # Errors
    /// See [`Keymap::from_tables`].
    pub fn from_table(global: &Table) -> Result<Self, KeymapError> {
        Self::from_tables(global, &BTreeMap::new())
    }

    /// Builds a keymap from the global table and the context tables.
    ///
    /// # Errors
    /// An unknown action or one bound in the wrong table, a bad key name, a key bound to two actions in
    /// one table, or quit, help, submit or cancel left with no key.
    pub fn from_tables(
        global: &Table,
        scoped: &BTreeMap<Context, Table>,
    ) -> Result<Self, KeymapError> {
        let mut keymap = Self {
            global: Bindings::from_table(global, Scope::Reader, "keys")?,
            scoped: BTreeMap::new(),
        };
        for (context, table) in scoped {
            let place = format!("keys.{}", context.name());
            let bindings = Bindings::from_table(table, context.scope(), &place)?;
            keymap.scoped.insert(*context, bindings);
        }
        // Without a key for these, the reader could not be left or understood, or a prompt closed.
        let needed = [
            (Context::List, Action::Quit, global.contains_key("quit")),
            (Context::List, Action::Help, global.contains_key("help")),
            (
                Context::Prompt,
                Action::Submit,
                scoped_names(scoped, "submit"),
            ),
            (
                Context::Prompt,
                Action::Cancel,
                scoped_names(scoped, "cancel"),
            ),
        ];
        for (context, action, named) in needed {
            if named && keymap.keys_for(context, &action).is_empty() {
                return Err(KeymapError::Unbound(action.name()));
            }
        }
        Ok(keymap)
    }

    /// What `pending` followed by `chord` means in `context`: the context's own bindings first, then the
    /// global ones (but never in a prompt, where keys type text).
    #[must_use]
    pub fn lookup(&self, context: Context, pending: &[KeyChord], chord: KeyChord) -> Lookup {
        let mut seq = pending.to_vec();
        seq.push(chord);
        let own = self
            .scoped
            .get(&context)
            .map_or(Lookup::Unbound, |b| b.lookup(&seq));
        match own {
            Lookup::Unbound if context != Context::Prompt => self.global.lookup(&seq),
            found => found,
        }
    }

    /// The key names that do `action` in `context`, as written in the configuration: the context's own,
    /// then the global ones it does not hide.
    #[must_use]
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<String> {
        let name = action.name();
        let own = self.scoped.get(&context);
        let mut out: Vec<String> = own
            .and_then(|b| b.names.get(name))
            .cloned()
            .unwrap_or_default();
        if context != Context::Prompt {
            for (seq, bound) in &self.global.keys {
                if bound == action && !own.is_some_and(|b| b.hides(seq)) {
                    let text = self.global.names.get(name).and_then(|names| {
                        names
                            .iter()
                            .find(|n| parse_sequence(n).is_ok_and(|s| s == *seq))
                    });
                    out.extend(text.cloned());
                }
            }
        }
        out
    }

    /// Every action that can be bound in `context`, with its keys there, in help order.
    #[must_use]
    pub fn help_rows(&self, context: Context) -> Vec<(Action, Vec<String>)> {
        Action::bindable()
            .filter(|a| a.scope() == context.scope())
            .map(|a| {
                let keys = self.keys_for(context, &a);
                (a, keys)
            })
            .collect()
    }
}

/// Whether any context table names `action`.
fn scoped_names(scoped: &BTreeMap<Context, Table>, action: &str) -> bool {
    scoped.values().any(|t| t.contains_key(action))
}

/// Turns key presses into actions, remembering the first keys of a sequence.
#[derive(Debug, Default)]
pub struct KeyResolver {
    pending: Vec<KeyChord>,
}

impl KeyResolver {
    /// Feeds one key press in `context`; returns the action it completes, if any.
    pub fn feed(&mut self, keymap: &Keymap, context: Context, event: KeyEvent) -> Option<Action> {
        let chord = KeyChord::from_event(event);
        match keymap.lookup(context, &self.pending, chord) {
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
                self.feed(keymap, context, event)
            }
            Lookup::Unbound => None,
        }
    }

    /// Forgets the first keys of a sequence (the mode changed under them).
    pub fn reset(&mut self) {
        self.pending.clear();
    }

    /// The keys waiting for the rest of a sequence.
    #[must_use]
    pub fn pending(&self) -> &[KeyChord] {
        &self.pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn table(pairs: &[(&str, &[&str])]) -> Table {
        pairs
            .iter()
            .map(|(a, keys)| {
                (
                    (*a).to_owned(),
                    keys.iter().map(|k| (*k).to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn defaults_bind_every_action() {
        let keymap = Keymap::default_keys();
        for action in Action::bindable() {
            let context = if action.scope() == Scope::Prompt {
                Context::Prompt
            } else {
                Context::List
            };
            assert!(
                !keymap.keys_for(context, &action).is_empty(),
                "{} has no default key",
                action.name()
            );
        }
    }

    #[test]
    fn shifted_letters_and_sequences_resolve() {
        let keymap = Keymap::from_table(&table(&[
            ("top", &["g g"]),
            ("next_story", &["J"]),
            ("move_down", &["j"]),
        ]))
        .unwrap();
        let mut r = KeyResolver::default();
        let c = Context::List;
        assert_eq!(
            r.feed(&keymap, c, key(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::NextStory)
        );
        assert_eq!(
            r.feed(&keymap, c, key(KeyCode::Char('g'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(r.pending().len(), 1);
        assert_eq!(
            r.feed(&keymap, c, key(KeyCode::Char('g'), KeyModifiers::NONE)),
            Some(Action::Top)
        );
        // A broken-off sequence reads the second key alone.
        assert_eq!(
            r.feed(&keymap, c, key(KeyCode::Char('g'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            r.feed(&keymap, c, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::MoveDown)
        );
    }

    #[test]
    fn a_sequence_behind_a_single_key_is_refused() {
        let mut t = table(&[("top", &["g"]), ("bottom", &["g G"])]);
        assert_eq!(
            Keymap::from_table(&t).unwrap_err().to_string(),
            "`g` (top) is the start of `g G` (bottom), which could never be typed"
        );
        t.insert("bottom".to_owned(), vec!["G".to_owned()]);
        t.insert("quit".to_owned(), vec![]);
        assert_eq!(
            Keymap::from_table(&t).unwrap_err().to_string(),
            "`quit` needs at least one key"
        );
        t.insert("quit".to_owned(), vec!["q".to_owned(), "q".to_owned()]);
        assert_eq!(
            Keymap::from_table(&t).unwrap_err().to_string(),
            "`q` is listed twice for `quit`"
        );
    }

    #[test]
    fn a_key_bound_twice_names_both_actions() {
        let err = Keymap::from_table(&table(&[("quit", &["q"]), ("help", &["q"])])).unwrap_err();
        assert_eq!(err.to_string(), "`q` is bound to both `help` and `quit`");
    }

    #[test]
    fn a_context_overrides_the_global_keys_in_its_pane_only() {
        let global = table(&[("move_down", &["j", "down"]), ("open", &["enter"])]);
        let mut scoped = BTreeMap::new();
        scoped.insert(Context::Sidebar, table(&[("open_link", &["enter"])]));
        scoped.insert(
            Context::Prompt,
            table(&[("submit", &["enter"]), ("cancel", &["esc"])]),
        );
        let keymap = Keymap::from_tables(&global, &scoped).unwrap();
        let enter = KeyChord::from_event(key(KeyCode::Enter, KeyModifiers::NONE));
        let j = KeyChord::from_event(key(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(
            keymap.lookup(Context::List, &[], enter),
            Lookup::Action(Action::Open)
        );
        assert_eq!(
            keymap.lookup(Context::Sidebar, &[], enter),
            Lookup::Action(Action::OpenLink)
        );
        assert_eq!(
            keymap.lookup(Context::Sidebar, &[], j),
            Lookup::Action(Action::MoveDown)
        );
        assert_eq!(
            keymap.lookup(Context::Prompt, &[], enter),
            Lookup::Action(Action::Submit)
        );
        assert_eq!(
            keymap.lookup(Context::Prompt, &[], j),
            Lookup::Unbound,
            "j is typed"
        );
        assert!(keymap.keys_for(Context::Sidebar, &Action::Open).is_empty());
        assert_eq!(keymap.keys_for(Context::List, &Action::Open), ["enter"]);
        assert_eq!(
            keymap.keys_for(Context::Sidebar, &Action::OpenLink),
            ["enter"]
        );
        assert_eq!(
            keymap.keys_for(Context::Sidebar, &Action::MoveDown),
            ["j", "down"]
        );
    }

    #[test]
    fn actions_are_bound_only_where_they_work() {
        let err = Keymap::from_table(&table(&[("submit", &["enter"])])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`submit` cannot be bound in [keys]; prompt keys go in [keys.prompt]"
        );
        let mut scoped = BTreeMap::new();
        scoped.insert(Context::Prompt, table(&[("quit", &["q"])]));
        let err = Keymap::from_tables(&Table::new(), &scoped).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("`quit` cannot be bound in [keys.prompt]")
        );
    }
}
