//! The story worker: stories are parsed, and their related links resolved, on threads of their own, so
//! a keypress never waits on a parse. Requests are keyed by story; a request still waiting when a newer
//! one comes is dropped, so the latest selection wins. Results go back through a callback (the reader's
//! event channel), to be applied as `Action::Loaded`.

pub mod marks;
pub mod search;
pub mod source;
pub mod watch;

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::action::{Loaded, Prepared};
use crate::model::Headline;
pub use source::StorySource;

/// Threads parsing stories: two, so one slow file (a 30 MB page takes seconds) does not hold back the
/// story the user moved on to, without taking more than the two cores the reader's machines often have.
pub const WORKERS: usize = 2;

/// Stack for each worker thread: parsers of deeply nested pages recurse, and a stack overflow would
/// abort the whole reader (the loaders bound nesting too; this is the second line).
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// One story asked for.
#[derive(Debug)]
struct Request {
    headline: Headline,
    generation: u64,
    widths: (u16, u16),
    date_format: String,
}

/// The slot the threads take work from: only the newest request waits.
#[derive(Debug, Default)]
struct Slot {
    /// The newest request, and when it was made.
    next: Option<(Request, Instant)>,
    /// Threads parsing now.
    busy: usize,
    closed: bool,
}

/// How long a request waits, when another story is being parsed already, in case a newer one replaces
/// it: longer than the gap between a held key's repeats (30 to 40 ms), so holding a key over big files
/// keeps at most one parse going (two big parses at once take twice as long each), and short enough that
/// nobody notices it when the key is let go.
const SETTLE: Duration = Duration::from_millis(50);

/// How long a request waits when nothing is being parsed: keys that arrive together (a paste, keys sent
/// at once, "5j" typed fast) come within a few milliseconds, so the last of them is the one parsed;
/// too short for anyone to notice.
const SETTLE_IDLE: Duration = Duration::from_millis(15);

/// A pool of threads parsing the stories asked for, newest first.
#[derive(Debug)]
pub struct StoryWorker {
    shared: Arc<(Mutex<Slot>, Condvar)>,
}

impl StoryWorker {
    /// Starts the threads. Each gets its own source from `source` (a database connection cannot be
    /// shared between threads) and hands each story to `deliver`.
    ///
    /// # Errors
    /// When a thread cannot be started.
    pub fn spawn(
        source: impl Fn() -> StorySource + Send + Sync + 'static,
        deliver: impl Fn(Loaded) + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let shared = Arc::new((Mutex::new(Slot::default()), Condvar::new()));
        let source = Arc::new(source);
        let deliver = Arc::new(deliver);
        for n in 0..WORKERS {
            let shared = Arc::clone(&shared);
            let source = Arc::clone(&source);
            let deliver = Arc::clone(&deliver);
            std::thread::Builder::new()
                .name(format!("story-{n}"))
                .stack_size(STACK_BYTES)
                .spawn(move || {
                    let mut stories = source();
                    while let Some(request) = take(&shared) {
                        let loaded = prepare_guarded(&mut stories, &request);
                        done(&shared);
                        deliver(loaded);
                    }
                })?;
        }
        Ok(Self { shared })
    }

    /// Asks for `headline`'s story, reflowed for `widths` with dates in `date_format`; a request still
    /// waiting is dropped.
    pub fn request(
        &self,
        headline: Headline,
        generation: u64,
        widths: (u16, u16),
        date_format: String,
    ) {
        let (slot, ready) = &*self.shared;
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let request = Request {
            headline,
            generation,
            widths,
            date_format,
        };
        slot.next = Some((request, Instant::now()));
        ready.notify_all();
    }
}

impl Drop for StoryWorker {
    /// Tells the threads to stop once their current story is done (they are not waited for: a parse of a
    /// big file must not hold up quitting).
    fn drop(&mut self) {
        let (slot, ready) = &*self.shared;
        slot.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        ready.notify_all();
    }
}

/// Waits for the next request (see [`SETTLE`]); `None` once the worker is dropped.
fn take(shared: &(Mutex<Slot>, Condvar)) -> Option<Request> {
    let (slot, ready) = shared;
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if slot.closed {
            return None;
        }
        let age = slot.next.as_ref().map(|(_, at)| at.elapsed());
        let settle = if slot.busy > 0 { SETTLE } else { SETTLE_IDLE };
        match age {
            Some(age) if age < settle => {
                slot = ready
                    .wait_timeout(slot, settle.saturating_sub(age))
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            Some(_) => {
                if let Some((request, _)) = slot.next.take() {
                    slot.busy += 1;
                    return Some(request);
                }
            }
            None => slot = ready.wait(slot).unwrap_or_else(PoisonError::into_inner),
        }
    }
}

/// Marks a thread's parse as done, waking a thread that waits for the story asked for last.
fn done(shared: &(Mutex<Slot>, Condvar)) {
    let (slot, ready) = shared;
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    slot.busy = slot.busy.saturating_sub(1);
    ready.notify_all();
}

/// Loads and reflows a story; a panic on the way gives a stand-in story that says so, and the thread
/// goes on (the story never stays "Loading…").
fn prepare_guarded(source: &mut StorySource, request: &Request) -> Loaded {
    let work = std::panic::AssertUnwindSafe(|| {
        let story = source.load(&request.headline);
        let view = Prepared::new(&story, request.widths, &request.date_format);
        (story, view)
    });
    let (story, view) = std::panic::catch_unwind(work).unwrap_or_else(|_| {
        let story = source::unreadable(&request.headline, "reading it crashed the parser");
        let view = Prepared::new(&story, request.widths, &request.date_format);
        (Arc::new(story), view)
    });
    Loaded {
        id: request.headline.id,
        generation: request.generation,
        story,
        view: Some(view),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn headlines(n: usize) -> (Vec<crate::model::Article>, Vec<Headline>) {
        let stories = crate::synth::articles(n, 3, 4);
        let heads = stories.iter().map(Headline::from).collect();
        (stories, heads)
    }

    #[test]
    fn the_latest_request_wins_and_comes_back_reflowed() {
        let (stories, heads) = headlines(6);
        let memory = StorySource::memory(stories);
        let StorySource::Memory(all) = memory else {
            unreachable!("a memory source")
        };
        let (tx, rx) = mpsc::channel();
        let worker = StoryWorker::spawn(
            move || StorySource::Memory(Arc::clone(&all)),
            move |loaded| {
                let _ = tx.send(loaded);
            },
        )
        .unwrap();
        // A burst, as a held key or keys sent together make: only the last needs parsing.
        for h in &heads {
            worker.request(h.clone(), 7, (60, 30), "%Y".to_owned());
        }
        let first = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let last = heads.last().unwrap();
        assert_eq!(first.id, last.id, "the waiting requests were dropped");
        assert_eq!(first.generation, 7);
        let view = first.view.unwrap();
        assert_eq!(view.widths, (60, 30));
        assert!(
            view.article
                .lines
                .iter()
                .all(|l| l.text.chars().count() <= 60)
        );
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "nothing else was parsed"
        );
    }

    #[test]
    fn a_story_that_cannot_be_read_says_why() {
        let (_, heads) = headlines(1);
        let (tx, rx) = mpsc::channel();
        let worker = StoryWorker::spawn(
            || StorySource::disk(None),
            move |loaded| {
                let _ = tx.send(loaded);
            },
        )
        .unwrap();
        worker.request(heads[0].clone(), 0, (40, 20), "%Y".to_owned());
        let loaded = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(loaded.id, heads[0].id);
        assert!(loaded.story.body[0].text().contains("could not be read"));
    }
}
