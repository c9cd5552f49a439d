//! Playing a feed entry's media with the configured player (`[reading] player`): the program started on
//! its own, the address its last argument, with no terminal, so the reader keeps the screen and the keys.

use std::process::{Command, Stdio};

/// Starts `player` (a program and its arguments) on `url` and returns at once. Its input and output go
/// nowhere (a player writing its progress line would draw over the reader, one reading keys would take
/// them), and it runs in a process group of its own, so keys and signals meant for the reader never
/// reach it: it plays on after the reader quits. A thread waits for it, so it leaves no zombie.
///
/// # Errors
/// When `player` is empty or its program cannot be started (not found, not executable).
pub fn play(player: &[String], url: &str) -> std::io::Result<()> {
    let Some((program, args)) = player.split_first() else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no player command",
        ));
    };
    let mut command = Command::new(program);
    command
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// What the status bar says after asking `player` to play `url`.
#[must_use]
pub fn played(player: &[String], url: &str, result: &std::io::Result<()>) -> String {
    let program = player.first().map_or("", String::as_str);
    match result {
        Ok(()) => format!("Playing {url} with {program}"),
        Err(e) => format!("Could not run the player `{program}`: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_player_gets_its_words_and_the_address_last() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = format!("printf '%s|' \"$@\" > '{}'", out.display());
        let player = ["sh", "-c", &script, "sh", "--no-video"].map(str::to_owned);
        play(&player, "https://podcast.example/e12.mp3").unwrap();
        let mut written = String::new();
        for _ in 0..200 {
            written = std::fs::read_to_string(&out).unwrap_or_default();
            if !written.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(written, "--no-video|https://podcast.example/e12.mp3|");
        let missing = ["/no/such/player".to_owned()];
        let result = play(&missing, "https://x.test/a.mp3");
        assert!(result.is_err());
        assert!(
            played(&missing, "u", &result)
                .starts_with("Could not run the player `/no/such/player`")
        );
        assert!(play(&[], "u").is_err());
    }
}
