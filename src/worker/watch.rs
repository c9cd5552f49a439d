//! Watching the folders read: file system events (the `notify` crate) are settled, path by path, until a
//! file has stopped changing, then handed on to be scanned; where events cannot be had (the inotify
//! limit, a network file system) the folders are scanned again every so often instead, and that is said
//! once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long a path must go without an event before it is looked at: a writer's bursts of writes (a
/// download, a scraper, an editor's save) come closer together than this, and a file that lands is still
/// listed well within the second the reader promises.
pub const QUIET: Duration = Duration::from_millis(200);

/// How often settling paths are looked at. A path is ready when two looks a tick apart, both after
/// [`QUIET`], find the same size and time: so a file lands in the list 300 to 400 ms after its last write.
pub const TICK: Duration = Duration::from_millis(100);

pub use crate::config::Watch as Mode;

/// What a look at a path found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// Nothing is there (removed, or renamed away).
    Gone,
    /// A folder (made, or moved in).
    Folder,
    /// A file of this size and modification time (nanoseconds).
    File(u64, i64),
}

/// Looks at `path` on disk.
#[must_use]
pub fn look(path: &Path) -> Seen {
    match std::fs::metadata(path) {
        Err(_) => Seen::Gone,
        Ok(m) if m.is_dir() => Seen::Folder,
        Ok(m) => {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            Seen::File(m.len(), mtime)
        }
    }
}

/// Paths that changed, each waiting until it has settled: no event for [`QUIET`], and the same
/// [`Seen`] at two looks in a row. A file still being written keeps changing size and is not handed on
/// half-written; a temporary file renamed into place is looked at under its final name only.
#[derive(Debug, Default)]
pub struct Settle {
    pending: HashMap<PathBuf, Pending>,
}

#[derive(Debug)]
struct Pending {
    last_event: Instant,
    seen: Option<Seen>,
}

impl Settle {
    /// An event named `path` at `now`.
    pub fn saw(&mut self, path: PathBuf, now: Instant) {
        self.pending.insert(
            path,
            Pending {
                last_event: now,
                seen: None,
            },
        );
    }

    /// Whether any path is waiting.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// The paths that have settled by `now`, in order, taken out of the waiting set.
    pub fn ready(&mut self, now: Instant, look: impl Fn(&Path) -> Seen) -> Vec<PathBuf> {
        let mut ready = Vec::new();
        for (path, pending) in &mut self.pending {
            if now.saturating_duration_since(pending.last_event) < QUIET {
                continue;
            }
            let seen = look(path);
            if pending.seen == Some(seen) {
                ready.push(path.clone());
            } else {
                pending.seen = Some(seen);
            }
        }
        for path in &ready {
            self.pending.remove(path);
        }
        ready.sort();
        ready
    }
}

/// What the watch thread hands on.
pub struct Deliver {
    /// Paths that changed and settled, to be scanned.
    pub changed: Box<dyn Fn(Vec<PathBuf>) + Send>,
    /// Scan everything again (the periodic rescan, or events were lost).
    pub rescan: Box<dyn Fn() + Send>,
    /// Said once, when events cannot be had and the rescan stands in (or nothing does).
    pub fallback: Box<dyn Fn(PathBuf, String) + Send>,
    /// Called once, when the watch is in place (or when there is none): the first scan starts then, so
    /// that a file landing while it runs is seen by one or the other.
    pub ready: Box<dyn FnOnce() + Send>,
}

/// Stops the watching thread when dropped.
#[derive(Debug)]
pub struct LibraryWatch {
    stop: Arc<AtomicBool>,
}

impl Drop for LibraryWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

impl LibraryWatch {
    /// Watches `roots` in `mode`, rescanning every `every` where events cannot be had.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn(
        roots: Vec<PathBuf>,
        mode: Mode,
        every: Duration,
        deliver: Deliver,
    ) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let theirs = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("watch".to_owned())
            .spawn(move || run(&roots, mode, every, deliver, &theirs))?;
        Ok(Self { stop })
    }
}

fn run(roots: &[PathBuf], mode: Mode, every: Duration, deliver: Deliver, stop: &AtomicBool) {
    let Deliver {
        changed,
        rescan,
        fallback,
        ready,
    } = deliver;
    let mut ready = Some(ready);
    let why = match mode {
        Mode::Off | Mode::Poll => None,
        Mode::Auto => match watch_events(roots, &changed, &rescan, &mut ready, stop) {
            Ok(()) => return,
            Err(why) => Some(why),
        },
    };
    if let Some(ready) = ready.take() {
        ready();
    }
    if mode == Mode::Off {
        return;
    }
    if let Some((path, why)) = why {
        fallback(
            path,
            format!(
                "{why}; new files are found by scanning again every {} s instead",
                every.as_secs()
            ),
        );
    }
    let mut last = Instant::now();
    while !stop.load(Ordering::Acquire) {
        std::thread::sleep(TICK);
        if last.elapsed() >= every {
            rescan();
            last = Instant::now();
        }
    }
}

/// Watches with file system events until stopped; `Err` says where and why events cannot be had.
fn watch_events(
    roots: &[PathBuf],
    changed: &dyn Fn(Vec<PathBuf>),
    rescan: &dyn Fn(),
    ready: &mut Option<Box<dyn FnOnce() + Send>>,
    stop: &AtomicBool,
) -> Result<(), (PathBuf, String)> {
    if let Some(why) = roots
        .iter()
        .find_map(|r| network_fs(r).map(|why| (r.clone(), why)))
    {
        return Err(why);
    }
    let first = roots.first().cloned().unwrap_or_default();
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| (first.clone(), format!("the folders cannot be watched: {e}")))?;
    for root in roots {
        // A file given by name is watched through its folder, for editors that save by rename.
        let (target, how) = if root.is_dir() {
            (root.as_path(), RecursiveMode::Recursive)
        } else {
            (
                root.parent().unwrap_or(Path::new(".")),
                RecursiveMode::NonRecursive,
            )
        };
        watcher.watch(target, how).map_err(|e| {
            let why = match e.kind {
                notify::ErrorKind::MaxFilesWatch => {
                    "more folders than the system lets one program \
                     watch (fs.inotify.max_user_watches)"
                        .to_owned()
                }
                _ => format!("cannot be watched: {e}"),
            };
            (root.clone(), why)
        })?;
    }
    if let Some(ready) = ready.take() {
        ready();
    }
    let mut settle = Settle::default();
    let mut looked = Instant::now();
    while !stop.load(Ordering::Acquire) {
        match rx.recv_timeout(TICK) {
            Ok(Ok(event)) => {
                if event.need_rescan() {
                    rescan();
                } else {
                    take_event(&event, roots, &mut settle);
                }
            }
            // Folders made later can be past the system's limit: the rescan takes over, said once.
            Ok(Err(e)) if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) => {
                let root = e.paths.first().cloned().unwrap_or(first);
                return Err((
                    root,
                    "more folders than the system lets one program watch (fs.inotify.max_user_watches)"
                        .to_owned(),
                ));
            }
            // A lost event is made good by a whole scan.
            Ok(Err(_)) => rescan(),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        // Looked at once a tick, however many events come: two looks are a tick apart.
        if !settle.is_empty() && looked.elapsed() >= TICK {
            looked = Instant::now();
            let settled = settle.ready(looked, look);
            if !settled.is_empty() {
                changed(settled);
            }
        }
    }
    drop(watcher);
    Ok(())
}

/// Notes the paths an event names that a scan of `roots` would read.
fn take_event(event: &notify::Event, roots: &[PathBuf], settle: &mut Settle) {
    // Reads and opens change nothing.
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    let now = Instant::now();
    for path in &event.paths {
        if crate::store::walk::within(roots, path) {
            settle.saw(path.clone(), now);
        }
    }
}

/// File system types (as `/proc/self/mounts` names them) whose changes made on another machine send no
/// event here: NFS, `SMB`/`CIFS`, 9P, AFS, Ceph, `GlusterFS` and `SSHFS`.
const NETWORK_FILE_SYSTEMS: [&str; 11] = [
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ncpfs",
    "ceph",
    "fuse.glusterfs",
    "fuse.sshfs",
];

/// Why `root` cannot be watched with events, when it sits on a network file system.
fn network_fs(root: &Path) -> Option<String> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let real = std::fs::canonicalize(root).ok()?;
    let kind = mount_type(&mounts, &real)?;
    NETWORK_FILE_SYSTEMS.contains(&kind.as_str()).then(|| {
        format!(
            "on a network file system ({kind}), which sends no events for changes made elsewhere"
        )
    })
}

/// The type of the file system `path` is on, from a mount table (`/proc/self/mounts`): that of the
/// longest mount point it is under.
fn mount_type(mounts: &str, path: &Path) -> Option<String> {
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            let (_device, point, kind) = (fields.next()?, fields.next()?, fields.next()?);
            // Spaces and such in mount points are written as octal escapes.
            let point = point
                .replace("\\040", " ")
                .replace("\\011", "\t")
                .replace("\\134", "\\");
            path.starts_with(&point)
                .then(|| (point.len(), kind.to_owned()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(size: u64) -> Seen {
        Seen::File(size, 1)
    }

    #[test]
    fn a_path_is_ready_only_after_quiet_and_two_equal_looks() {
        let t0 = Instant::now();
        let mut settle = Settle::default();
        settle.saw(PathBuf::from("/n/a.txt"), t0);
        // Within the quiet time nothing is looked at.
        assert!(settle.ready(t0 + QUIET / 2, |_| file(10)).is_empty());
        // The first look after it records; the second, equal, hands the path on.
        assert!(settle.ready(t0 + QUIET, |_| file(10)).is_empty());
        assert_eq!(
            settle.ready(t0 + QUIET + TICK, |_| file(10)),
            vec![PathBuf::from("/n/a.txt")]
        );
        assert!(settle.is_empty());
    }

    #[test]
    fn a_file_still_growing_waits() {
        let t0 = Instant::now();
        let mut settle = Settle::default();
        settle.saw(PathBuf::from("/n/big.html"), t0);
        assert!(settle.ready(t0 + QUIET, |_| file(100)).is_empty());
        // Written on without an event reaching us (or between looks): the size moved, so it waits.
        assert!(settle.ready(t0 + QUIET + TICK, |_| file(200)).is_empty());
        assert!(
            settle
                .ready(t0 + QUIET + TICK * 2, |_| file(300))
                .is_empty()
        );
        assert_eq!(settle.ready(t0 + QUIET + TICK * 3, |_| file(300)).len(), 1);
    }

    #[test]
    fn a_new_event_starts_the_wait_again() {
        let t0 = Instant::now();
        let mut settle = Settle::default();
        let p = PathBuf::from("/n/a.txt");
        settle.saw(p.clone(), t0);
        assert!(settle.ready(t0 + QUIET, |_| file(1)).is_empty());
        settle.saw(p.clone(), t0 + QUIET + TICK / 2);
        assert!(settle.ready(t0 + QUIET + TICK, |_| file(1)).is_empty());
        assert!(settle.ready(t0 + QUIET * 2 + TICK, |_| file(1)).is_empty());
        assert_eq!(
            settle.ready(t0 + QUIET * 2 + TICK * 2, |_| file(1)),
            vec![p]
        );
    }

    #[test]
    fn the_file_system_is_that_of_the_longest_mount_point() {
        let mounts = "/dev/vda / ext4 rw 0 0\nserver:/news /mnt/news nfs4 rw 0 0\n\
                      //nas/x /mnt/my\\040share cifs rw 0 0\n";
        assert_eq!(
            mount_type(mounts, Path::new("/home/a")).as_deref(),
            Some("ext4")
        );
        assert_eq!(
            mount_type(mounts, Path::new("/mnt/news/tech")).as_deref(),
            Some("nfs4")
        );
        assert_eq!(
            mount_type(mounts, Path::new("/mnt/newsroom")).as_deref(),
            Some("ext4")
        );
        assert_eq!(
            mount_type(mounts, Path::new("/mnt/my share/a")).as_deref(),
            Some("cifs")
        );
    }

    #[test]
    fn both_names_of_a_rename_are_handed_on_once_settled() {
        let t0 = Instant::now();
        let mut settle = Settle::default();
        let (tmp, done) = (
            PathBuf::from("/n/page.html.tmp"),
            PathBuf::from("/n/page.html"),
        );
        settle.saw(tmp.clone(), t0);
        settle.saw(done.clone(), t0);
        let disk = |p: &Path| if p == done { file(5) } else { Seen::Gone };
        assert!(settle.ready(t0 + QUIET, disk).is_empty());
        assert_eq!(settle.ready(t0 + QUIET + TICK, disk), vec![done, tmp]);
    }
}
