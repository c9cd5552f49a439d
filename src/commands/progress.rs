//! The progress of a long scan from the command line: a bar on stderr with the count, the rate and the
//! time left, when stderr is a terminal (and nothing when it is piped or redirected).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewer files than this are read in well under a second (HTML at 200 pages/s per core and more): no bar
/// flashes by for them.
pub const SHOWN_FROM: usize = 500;

/// A scan's bar, made once a scan turns out to read at least [`SHOWN_FROM`] files.
#[derive(Default)]
pub struct ScanProgress {
    bar: Option<ProgressBar>,
}

impl ScanProgress {
    /// Takes a scan step: `done` of `total` files read.
    pub fn step(&mut self, done: usize, total: usize, finished: bool) {
        if self.bar.is_none() && total >= SHOWN_FROM && !finished {
            let bar = ProgressBar::with_draw_target(
                Some(u64::try_from(total).unwrap_or(u64::MAX)),
                ProgressDrawTarget::stderr(),
            );
            let style = ProgressStyle::with_template(
                "indexing {bar:30} {human_pos}/{human_len} files, {rate}, {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    // Whole files a second, with the separators the other numbers have.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let rate = state.per_sec().max(0.0) as usize;
                    let _ = write!(w, "{}/s", crate::text::thousands(rate));
                },
            );
            bar.set_style(style);
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
            if finished {
                bar.finish_and_clear();
            }
        }
    }
}

impl Drop for ScanProgress {
    fn drop(&mut self) {
        // A scan that stopped on an error leaves no bar behind its message.
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
