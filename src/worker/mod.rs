//! The story worker: stories are parsed, and their related links resolved, on threads of their own, so
//! a keypress never waits on a parse. Requests are keyed by story; a request still waiting when a newer
//! one comes is dropped, so the latest selection wins. Results go back through a callback (the reader's
//! event channel), to be applied as `Action::Loaded`.

pub mod source;

use std::sync::{Arc, Condvar, Mutex, PoisonError};

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
    next: Option<Request>,
    closed: bool,
}

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
                        deliver(prepare_guarded(&mut stories, &request));
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
        slot.next = Some(Request {
            headline,
            generation,
            widths,
            date_format,
        });
        ready.notify_one();
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

/// Waits for the next request; `None` once the worker is dropped.
fn take(shared: &(Mutex<Slot>, Condvar)) -> Option<Request> {
    let (slot, ready) = shared;
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if slot.closed {
            return None;
        }
        if let Some(request) = slot.next.take() {
            return Some(request);
        }
        slot = ready.wait(slot).unwrap_or_else(PoisonError::into_inner);
    }
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
