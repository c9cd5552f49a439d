//! Moving between stories: previewing, opening (which marks read), jumps with history, next and previous
//! (unread) stories, going to a story by number, and following related links.

use super::article::Restore;
use super::effect::Effect;
use super::history::Entry;
use super::layout::Focus;
use super::marking;
use super::state::State;
use crate::config::MarkRead;
use crate::view::reflow::Opens;

/// Moves the focused pane's selection or scroll by `delta`.
pub fn step(state: &mut State, delta: isize) {
    match state.focus {
        Focus::List => {
            let last = state.list.len().saturating_sub(1);
            preview(
                state,
                state.list.selected().saturating_add_signed(delta).min(last),
            );
        }
        Focus::Article => {
            let scroll = state
                .article
                .scroll()
                .saturating_add_signed(delta)
                .min(state.max_scroll());
            state.article.set_scroll(scroll);
        }
        Focus::Sidebar => {
            let links = state.sidebar_items().len();
            state.sidebar.step(delta, links);
        }
    }
}

/// Shows the story at list position `index` without opening it, from where reading of it stopped.
pub fn preview(state: &mut State, index: usize) {
    if index != state.list.selected() {
        state.save_position();
        state.list.select(index);
        state.enter_story();
    }
}

/// The story shown now, as a history entry.
fn here(state: &State) -> Option<Entry> {
    state.current().map(|h| Entry {
        id: h.id,
        scroll: state.article.scroll(),
    })
}

/// Enter: opens the selected story, or in the sidebar follows the selected link.
pub fn open_selected(state: &mut State) {
    if state.focus == Focus::Sidebar {
        follow_link(state);
    } else {
        open(state);
    }
}

/// Opens the selected story: it is marked read and the article takes focus.
fn open(state: &mut State) {
    if state.current().is_none() {
        return;
    }
    if state.reading.mark_read == MarkRead::OnOpen {
        marking::mark_current_read(state);
    }
    state.read.set_opened(state.current().map(|h| h.id));
    state.focus = Focus::Article;
}

/// Moves to the story at list position `index`, remembering where the reader was; a far jump lands
/// mid-list, with context above and below.
fn move_to(state: &mut State, index: usize) {
    if let Some(from) = here(state)
        && index != state.list.selected()
    {
        state.read.history_mut().jump(from);
    }
    let rows = state.list_rows();
    let offset = state.list.offset();
    let visible = index >= offset && index < offset + rows;
    preview(state, index);
    if !visible {
        state.list.set_offset(index.saturating_sub(rows / 2));
        state.refresh();
    }
}

/// Jumps to the story at list position `index` and opens it.
fn jump(state: &mut State, index: usize) {
    move_to(state, index);
    open(state);
}

/// `J` and `K`: the next or previous story in list order.
pub fn jump_relative(state: &mut State, delta: isize) {
    let selected = state.list.selected();
    let target = selected.saturating_add_signed(delta);
    if target >= state.list.len() || (delta < 0 && selected == 0) {
        let edge = if delta > 0 {
            "This is the last story"
        } else {
            "This is the first story"
        };
        state.message = Some(edge.to_owned());
        return;
    }
    jump(state, target);
}

/// `n` and `N`: the next or previous unread story.
pub fn next_unread(state: &mut State, forward: bool) {
    // The story on screen counts when it is unread and was only previewed (the first `n` of a session).
    if let Some(id) = state.current().map(|h| h.id)
        && forward
        && !state.is_read(id)
        && state.read.opened() != Some(id)
    {
        open(state);
        return;
    }
    let selected = state.list.selected();
    let unread = |&i: &usize| state.list.get(i).is_some_and(|h| !state.read.is_read(h.id));
    let found = if forward {
        (selected + 1..state.list.len()).find(unread)
    } else {
        (0..selected).rev().find(unread)
    };
    if let Some(i) = found {
        jump(state, i);
    } else {
        let none = if forward {
            "No unread stories below"
        } else {
            "No unread stories above"
        };
        state.message = Some(none.to_owned());
    }
}

/// `:` then a number: selects that story (counted from 1), remembering where the reader was.
pub fn goto(state: &mut State, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    match text.parse::<usize>() {
        Ok(n) if (1..=state.list.len()).contains(&n) => move_to(state, n - 1),
        _ => {
            state.message = Some(format!(
                "No story {text}: the list goes from 1 to {}",
                crate::text::thousands(state.list.len())
            ));
        }
    }
}

/// Goes back (or forward) in history, to the story and scroll position shown then.
pub fn travel(state: &mut State, back: bool) {
    let Some(current) = here(state) else { return };
    let entry = if back {
        state.read.history_mut().back(current)
    } else {
        state.read.history_mut().forward(current)
    };
    let Some(entry) = entry else {
        let none = if back {
            "Nothing to go back to"
        } else {
            "Nothing to go forward to"
        };
        state.message = Some(none.to_owned());
        return;
    };
    let Some(index) = state.list.position_of(entry.id) else {
        state.message = Some("That story is no longer listed".to_owned());
        return;
    };
    state.save_position();
    state.list.select(index);
    state.enter_story();
    state
        .article
        .restore_when_ready(Some(Restore::Line(entry.scroll)));
    state.refresh();
    open(state);
}

/// Follows the selected sidebar item: a related teaser to the story it points at, a link to the browser.
fn follow_link(state: &mut State) {
    let Some(view) = state.story_view() else {
        return;
    };
    let link = state.sidebar.link();
    match state
        .sidebar_items()
        .get(link)
        .and_then(|i| i.opens.clone())
    {
        Some(Opens::Copy(copy)) => {
            state.open_copy(&copy);
            state.focus = Focus::Article;
            return;
        }
        Some(Opens::Story(id)) => return go_to_story(state, id),
        None => {}
    }
    let Some(related) = view.story.related.get(link) else {
        if state.sidebar_items().get(link).is_some_and(|i| i.media) {
            play_selected(state);
            return;
        }
        let url = state.sidebar_items().get(link).and_then(|i| i.url.clone());
        request_open(state, url);
        return;
    };
    let Some(target) = related.target else {
        let url = related.url.clone();
        if url.is_some() {
            request_open(state, url);
        } else {
            state.message = Some("That teaser points to no stored story".to_owned());
        }
        return;
    };
    go_to_story(state, target);
}

/// Goes to stored story `target` (a teaser's, or one like the story on screen).
fn go_to_story(state: &mut State, target: crate::model::ArticleId) {
    let target = state.list.copies().lead_of(target).unwrap_or(target);
    match state.list.position_of(target) {
        Some(index) if index == state.list.selected() => open(state),
        Some(index) => jump(state, index),
        None if state.list.knows(target) => {
            state.message = Some("That story is hidden by the filter (U, S)".to_owned());
        }
        None => state.message = Some("That story is not in the store".to_owned()),
    }
}

/// The address `o` and `y` act on: the selected sidebar item's, or, outside the sidebar, the story's own.
fn chosen_address(state: &State) -> Option<String> {
    if state.focus == Focus::Sidebar {
        state
            .story_view()
            .and_then(|_| state.sidebar_items().get(state.sidebar.link()))
            .and_then(|i| i.url.clone())
    } else {
        state.current().and_then(|h| h.url.clone())
    }
}

/// `o`: the selected sidebar item's address, or, outside the sidebar, the story's own.
pub fn open_link(state: &mut State) {
    if state.focus == Focus::Sidebar && selected_media(state) {
        play_selected(state);
        return;
    }
    let url = chosen_address(state);
    request_open(state, url);
}

/// A count then `o`: opens the story's body link of that number, as the text and the sidebar number
/// them (from 1).
pub fn open_numbered_link(state: &mut State, number: u32) {
    let Some(view) = state.story_view() else {
        state.message = Some("The story is still loading: open its links once it shows".to_owned());
        return;
    };
    let links = &view.story.links;
    let link = usize::try_from(number)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| links.get(i));
    match link {
        Some(l) => {
            let url = l.url.clone();
            request_open(state, Some(url));
        }
        None if links.is_empty() => {
            state.message = Some("This story has no numbered links".to_owned());
        }
        None => {
            state.message = Some(format!(
                "No link {number}: the links go from 1 to {}",
                links.len()
            ));
        }
    }
}

/// Whether the selected sidebar item is a feed entry's media.
fn selected_media(state: &State) -> bool {
    state
        .sidebar_items()
        .get(state.sidebar.link())
        .is_some_and(|i| i.media)
}

/// Opens the selected media: with the configured player when there is one, else in the browser.
fn play_selected(state: &mut State) {
    let url = chosen_address(state);
    let Some(player) = state.reading.player.clone() else {
        request_open(state, url);
        return;
    };
    match url {
        Some(u) if is_web_address(&u) => {
            state.message = Some(format!("Playing {u} with {}", player.join(" ")));
            state.outbox.push(Effect::Play { player, url: u });
        }
        other => request_open(state, other),
    }
}

/// `y`: asks for the address `o` would open to be put on the clipboard (the runner says when it is).
pub fn copy_link(state: &mut State) {
    match chosen_address(state) {
        Some(url) if !url.chars().any(char::is_control) => state.outbox.push(Effect::Copy(url)),
        Some(_) | None => state.message = Some("No address to copy here".to_owned()),
    }
}

/// `>` and `<`: scroll the story's wide tables and code sideways by half the text width.
pub fn shift_sideways(state: &mut State, right: bool) {
    let step = usize::from(state.text_widths().0 / 2).max(1);
    let max = state.max_shift();
    if max == 0 {
        state.message = Some("Nothing here is wider than the pane".to_owned());
        return;
    }
    let shift = state.article.shift();
    let to = if right {
        (shift + step).min(max)
    } else {
        shift.saturating_sub(step)
    };
    state.article.set_shift(to);
}

/// Whether `url` may go to the browser: http and https only, so a stored page can never make the
/// reader run a `javascript:`, `file:` or `data:` address, or pass an option to the browser.
#[must_use]
pub fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(char::is_control)
        && url::Url::parse(url).is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()))
}

/// Asks the runner to open `url` in the browser: only web addresses.
fn request_open(state: &mut State, url: Option<String>) {
    match url {
        Some(u) if is_web_address(&u) => {
            state.message = Some(format!("Opening {u}"));
            state.outbox.push(Effect::OpenUrl(u));
        }
        Some(u) => state.message = Some(format!("Not a web address: {u}")),
        None => state.message = Some("No web address to open here".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn only_web_addresses_reach_the_browser() {
        assert!(is_web_address("https://example.com/a?b=c"));
        assert!(is_web_address("HTTP://EXAMPLE.COM/"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>x</b>",
            "-https://example.com",
            "--help",
            "https://",
            "https://exa\u{1b}mple.com",
            "ftp://example.com/",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
