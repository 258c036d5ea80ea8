//! The judge's terminal app: `judging` with no subcommand.
//!
//! One thread, no async: the loop draws, waits for a key (or a tick while the stopwatch runs),
//! turns it into an action and applies it. The terminal is restored on quit, on error, on a
//! panic (ratatui's hook) and on SIGTERM or SIGHUP (checked every tick).

pub mod app;
pub mod board;
pub mod keys;
pub mod view;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::assign::Assignments;
use crate::event_files::Loaded;
use crate::store::Store;
pub use app::{Action, App};

/// Where the screen was left, kept in the store's meta table.
const SELECTED: &str = "tui.selected";

/// Holds the store's lock file for as long as the app runs, so that a second app on the same
/// store is refused rather than racing the first.
pub struct Lock {
    _file: File,
    path: PathBuf,
}

impl Lock {
    pub fn take(store: &Path) -> Result<Lock> {
        let path = PathBuf::from(format!("{}.lock", store.display()));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot create the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file, path }),
            Err(std::fs::TryLockError::WouldBlock) => bail!(
                "another judging is already open on {}: switch to it, or close it first (`judging list` and `judging score` still work)",
                store.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Builds the app from the store, back on the entry the judge last had selected. `assignments`
/// (read by the command from beside judging.toml) says which entries are this judge's.
pub fn load(loaded: &Loaded, judge: &str, assignments: Option<&Assignments>, store: &Store) -> Result<App> {
    let mut app = App::new(loaded.config.clone(), judge.to_owned(), store.submissions()?, store.score_sheet()?);
    if let Some(a) = assignments {
        match a.of(judge) {
            Some(ids) => {
                app.assign_to(ids);
                app.status = format!("{} entries assigned to you; a shows every entry", ids.len());
            }
            None => {
                app.status = format!("{} assigns nothing to {judge}: showing every entry", loaded.config.assign.file);
            }
        }
    }
    // Hints from the Hub, as last fetched: a judge may be offline.
    app.hub = crate::hub::enrich::cached(store)?;
    if let Some(id) = store.meta(SELECTED)? {
        app.select(&id);
    }
    Ok(app)
}

/// Runs the app until the judge quits or the terminal goes away.
pub fn run(
    loaded: &Loaded,
    judge: &str,
    assignments: Option<&Assignments>,
    store: &mut Store,
    first_status: String,
) -> Result<()> {
    let _lock = Lock::take(store.path())?;
    let mut app = load(loaded, judge, assignments, store)?;
    app.monochrome = no_color();
    // The pull's news first, then what load said (the assignments).
    app.status = [first_status, std::mem::take(&mut app.status)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    // A launcher may take a while to start, or to fail: open links off the loop's thread, and
    // hear back only about failures.
    let (failed, failures) = mpsc::channel::<String>();
    let browser = crate::browser::chosen(loaded.config.browser.as_deref());
    app.opener = Box::new(move |url| {
        crate::links::web_link(url).map_err(|e| e.to_string())?;
        let (url, browser, failed) = (url.to_owned(), browser.clone(), failed.clone());
        std::thread::spawn(move || {
            if let Err(e) = crate::browser::open(&url, browser.as_deref()) {
                let _ = failed.send(format!("could not open {url}: {e}"));
            }
        });
        Ok(())
    });
    in_terminal("the terminal app", |terminal, stop| event_loop(terminal, &mut app, store, stop, &failures))
}

/// Runs `body` on the full screen, with SIGTERM and SIGHUP raising `stop`; the terminal is
/// restored however `body` ends (a panic is ratatui's hook's to restore).
pub fn in_terminal(
    what: &str,
    body: impl FnOnce(&mut ratatui::DefaultTerminal, &AtomicBool) -> Result<()>,
) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).context("cannot watch for SIGTERM")?;
    }
    let mut terminal = ratatui::try_init().with_context(|| format!("cannot start {what}: is this a terminal?"))?;
    let result = body(&mut terminal, &stop);
    let restored = ratatui::try_restore();
    result?;
    restored.context("could not restore the terminal; run `reset` if it looks wrong")
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &Store,
    stop: &AtomicBool,
    failures: &mpsc::Receiver<String>,
) -> Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height), store);
    let mut saved_selection = current_id(app);
    let mut last_save = Instant::now();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        app.update(Action::Tick(Instant::now(), crate::store::now_unix()), store);
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // A running stopwatch redraws ten times a second; otherwise wake only to see signals.
        // (A link's failure to open shows within that half second.)
        let tick = if app.stopwatch.is_some() { Duration::from_millis(100) } else { Duration::from_millis(500) };
        if event::poll(tick)? {
            let action = match event::read()? {
                // Only presses count: some terminals also report releases and repeats.
                Event::Key(key) if key.kind == KeyEventKind::Press => keys::handle_key(app, key),
                Event::Resize(width, height) => Some(Action::Resize(width, height)),
                _ => None,
            };
            if let Some(action) = action {
                app.update(Action::Tick(Instant::now(), crate::store::now_unix()), store);
                app.update(action, store);
            }
        }
        if let Ok(failure) = failures.try_recv() {
            app.status = failure;
        }
        // Remember where the judge is, at most once a second: a write per arrow key is waste.
        let selection = current_id(app);
        if selection != saved_selection && last_save.elapsed() > Duration::from_secs(1) {
            save_selection(store, selection.as_deref());
            saved_selection = selection;
            last_save = Instant::now();
        }
    }
    save_selection(store, current_id(app).as_deref());
    Ok(())
}

/// Whether `NO_COLOR` (no-color.org) asks for no colours: read once, when a screen starts.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Drops the colours from a drawn frame; bold and reverse video stay, so the selection still
/// shows.
pub fn monochrome(buf: &mut ratatui::buffer::Buffer) {
    use ratatui::style::Color;
    for cell in &mut buf.content {
        cell.set_fg(Color::Reset).set_bg(Color::Reset);
    }
}

fn current_id(app: &App) -> Option<String> {
    app.current().map(|e| e.submission.id.clone())
}

fn save_selection(store: &Store, id: Option<&str>) {
    if let Some(id) = id {
        // Losing the cursor position is harmless; it must never stop the app.
        let _ = store.set_meta(SELECTED, id);
    }
}

#[cfg(test)]
mod tests;
