//! `[reading] player`: the command a feed entry's media (a podcast's mp3) is played with. Written as a
//! command line (`"mpv --no-video"`), split into words as a POSIX shell would split it (quotes and
//! backslashes, no variables, no globbing: no shell runs it), or as a list of words
//! (`["mpv", "--no-video"]`). The media's address is added as the last word. Empty: the browser.

/// What a wrong value was, for the message.
const EXPECTED: &str = "expected a command such as \"mpv --no-video\" or a list of words such as [\"mpv\", \"--no-video\"]";

/// `s` as a message shows it: control characters escaped (`\u{1b}`), so none reaches the terminal.
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The player's words from the configuration's value; `None` for an empty command (the browser).
///
/// # Errors
/// The problem, for a message naming the key: a value of another type, a command line with an unclosed
/// quote, a list holding something other than text, or a word holding a control character.
pub fn player(value: &toml::Value) -> Result<Option<Vec<String>>, String> {
    let words = match value {
        toml::Value::String(line) => shlex::split(line).ok_or_else(|| {
            format!(
                "bad value `{}` for `player`: an unclosed quote or a `\\` at the end",
                shown(line)
            )
        })?,
        toml::Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str().map(str::to_owned).ok_or_else(|| {
                    format!(
                        "wrong type for `player`: {EXPECTED}, found a list holding {}",
                        i.type_str()
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
        other => {
            return Err(format!(
                "wrong type for `player`: {EXPECTED}, found {}",
                other.type_str()
            ));
        }
    };
    if let Some(word) = words.iter().find(|w| w.chars().any(char::is_control)) {
        return Err(format!(
            "bad value for `player`: the word `{}` holds a control character",
            shown(word)
        ));
    }
    if words
        .first()
        .is_some_and(|program| program.trim().is_empty())
    {
        return Err("bad value for `player`: the program's name is blank".to_owned());
    }
    Ok((!words.is_empty()).then_some(words))
}

#[cfg(test)]
mod tests {
    use super::player;

    fn words(v: &[&str]) -> Vec<String> {
        v.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn a_command_line_or_a_list_of_words() {
        let line = |s: &str| player(&toml::Value::String(s.to_owned()));
        assert_eq!(
            line("mpv --no-video"),
            Ok(Some(words(&["mpv", "--no-video"])))
        );
        assert_eq!(
            line(r#"'/opt/my player/play' --title "a b" c\ d"#),
            Ok(Some(words(&[
                "/opt/my player/play",
                "--title",
                "a b",
                "c d"
            ])))
        );
        assert_eq!(line(""), Ok(None));
        assert_eq!(line("   "), Ok(None));
        assert!(line("mpv 'oops").unwrap_err().contains("unclosed quote"));
        let list = toml::Value::Array(vec!["mpv".into(), "--no-video".into()]);
        assert_eq!(player(&list), Ok(Some(words(&["mpv", "--no-video"]))));
        assert_eq!(player(&toml::Value::Array(vec![])), Ok(None));
        let mixed = toml::Value::Array(vec!["mpv".into(), 3.into()]);
        assert_eq!(
            player(&mixed).unwrap_err(),
            "wrong type for `player`: expected a command such as \"mpv --no-video\" or a list of words such as [\"mpv\", \"--no-video\"], found a list holding integer"
        );
        assert!(
            player(&toml::Value::Boolean(true))
                .unwrap_err()
                .ends_with("found boolean")
        );
        assert!(
            line("mpv \u{1b}[2J")
                .unwrap_err()
                .contains("control character")
        );
        assert!(
            player(&toml::Value::Array(vec!["".into()]))
                .unwrap_err()
                .contains("blank")
        );
    }
}
