//! The judge's terminal app: `judging` with no subcommand.
//!
//! The loop draws, waits for an event (or a tick while the stopwatch runs), turns it into an
//! action and hands it to the [`Runner`], which applies it and does what it asks (writes, links,
//! pushes); answers that come later (a failed link, a push) arrive on a channel as [`Outcome`]s. Input is read on a thread of its own (`terminal`), so a signal or a
//! terminal that went away ends the app within a tick, with everything saved and the lock
//! released; the terminal is restored on quit, on an error, on a panic (ratatui's hook) and on
//! SIGTERM, SIGHUP, SIGINT and SIGQUIT.

pub mod app;
pub mod board;
mod compare_view;
pub mod fit;
pub mod keys;
pub mod layout;
pub mod runner;
pub mod small;
pub mod terminal;
pub mod view;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use ratatui::crossterm::event::{Event, KeyEventKind};

use crate::assign::Assignments;
use crate::event_files::Loaded;
use crate::store::Store;
pub use app::{Action, App, Outcome, Place};
pub use runner::Runner;

/// Where the screen was left ([`Place`]), kept in the store's meta table: the entry selected,
/// the track shown ("" for every track), "unscored only" and "mine only" ("1" or "0"), the
/// order ([`app::Sort::key`]) and the criterion in focus.
const SELECTED: &str = "tui.selected";
const TRACK: &str = "tui.track";
const UNSCORED: &str = "tui.unscored";
const MINE: &str = "tui.mine";
const SORT: &str = "tui.sort";
const CRITERION: &str = "tui.criterion";
/// The running stopwatch, "SINCE ID" (Unix seconds), or "" when none runs.
const STOPWATCH: &str = "tui.stopwatch";

/// Holds the store's lock for as long as the app runs, so that a second app on the same store is
/// refused rather than racing the first. The lock file is named after the store's real path, so
/// a symlink or another spelling of the path finds the same lock. It is never deleted: another
/// app may be about to lock it, and a lock on a deleted file locks nothing. The kernel releases
/// it when the process ends, however it ends.
pub struct Lock {
    _file: File,
}

impl Lock {
    pub fn take(store: &Path) -> Result<Lock> {
        let real = std::fs::canonicalize(store).with_context(|| format!("cannot find {}", store.display()))?;
        let mut name = real.into_os_string();
        name.push(".lock");
        let path = PathBuf::from(name);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot create the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => bail!(
                "another judging is already open on {}: switch to it, or close it first (`judging list` and `judging score` still work)",
                store.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
        }
    }
}

/// Builds the app from the store, back on the entry the judge last had selected. `assignments`
/// (read by the command from beside judging.toml) says which entries are this judge's.
pub fn load(loaded: &Loaded, judge: &str, assignments: Option<&Assignments>, store: &Store) -> Result<App> {
    let now = (Instant::now(), crate::store::now_unix());
    let mut app = App::new(loaded.config.clone(), judge.to_owned(), store.submissions()?, store.score_sheet()?, now);
    app.builtin_event = loaded.path.is_none();
    app.assignments_file = assignments.is_some();
    let mut assigned = None;
    if let Some(a) = assignments {
        match a.of(judge) {
            Some(ids) => {
                app.assign_to(ids, &a.calibration);
                let first = match a.calibration.len() {
                    0 => String::new(),
                    n => format!(", the {n} calibration entr{} first", if n == 1 { "y" } else { "ies" }),
                };
                assigned = Some(format!("{} entries assigned to you{first}", ids.len()));
            }
            None => {
                app.status = format!("{} assigns nothing to {judge}: showing every entry", loaded.config.assign.file);
            }
        }
    }
    // Hints from the Hub, as last fetched: a judge may be offline.
    app.hub = store.hub_facts_by_entry()?;
    // The published finals are not read here: `F` reads them each time (the runner's
    // `reading_finals`), so opening the app does no work for a screen the judge may never open.
    let place = kept_place(store, &app)?;
    app.restore(&place);
    // What `a` does now, as the list was left: it may show every entry already.
    if let Some(assigned) = assigned {
        let a = if app.list.mine_only { "a shows every entry" } else { "a shows only yours" };
        app.status = [format!("{assigned}; {a}"), std::mem::take(&mut app.status)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
    }
    Ok(app)
}

/// How the app sends the judge's score file to the judges' repo: given by the command that
/// starts it, so that the screens know nothing of the commands.
pub struct Pushing {
    /// When this judge last pushed (ISO 8601), for the footer.
    pub last: Option<String>,
    /// Pushes, taking the network: what it said and when the judge has now last pushed, or why
    /// it failed. Called on a thread of its own.
    pub push: Push,
}

/// A push, as the command that starts the app gives it: see [`Pushing::push`].
pub type Push = Arc<dyn Fn() -> Result<Pushed, String> + Send + Sync>;
/// What a push said, and when the judge has now last pushed.
pub type Pushed = (String, Option<String>);

/// Runs the app until the judge quits or the terminal goes away.
pub fn run(
    loaded: &Loaded,
    judge: &str,
    assignments: Option<&Assignments>,
    store: &mut Store,
    first_status: String,
    pushing: Pushing,
) -> Result<()> {
    let _lock = Lock::take(store.path())?;
    // Links and pushes run off the loop's thread and answer through this channel. The runner
    // notes what the store holds before the app reads it, so a write beside the app in between
    // is read again at the first action.
    let (answers, heard) = mpsc::channel::<Outcome>();
    let mut runner = Runner::new(store)
        .opening(opener(crate::browser::chosen(), answers.clone()))
        .pushing(pusher(pushing.push, answers))
        .reading_finals(finals_reader(loaded.clone()));
    let mut app = load(loaded, judge, assignments, store)?;
    app.monochrome = no_color();
    app.last_pushed = pushing.last;
    // The pull's news first, then what load said (the assignments).
    app.status = [first_status, std::mem::take(&mut app.status)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    terminal::full_screen("the terminal app", |terminal, input| {
        event_loop(terminal, &mut app, &mut runner, store, input, &heard)
    })
}

/// Opens links on a thread each: a launcher may take a while to start, or to fail. Only a
/// failure answers.
fn opener(browser: Option<String>, answers: mpsc::Sender<Outcome>) -> runner::Opener {
    Box::new(move |url| {
        let (url, browser, failed) = (url.to_owned(), browser.clone(), answers.clone());
        std::thread::spawn(move || {
            if let Err(reason) = crate::browser::open(&url, browser.as_deref()) {
                let _ = failed.send(Outcome::LinkFailed { url, reason });
            }
        });
    })
}

/// Reads the published finals each time the judge opens them: a small local file.
fn finals_reader(loaded: Loaded) -> runner::FinalsReader {
    Box::new(move || match loaded.published_finals() {
        Ok(published) => Ok(published.map(|p| p.rounds).unwrap_or_default()),
        Err(e) => Err(e.to_string()),
    })
}

/// Pushes on a thread of its own, answering how it went.
fn pusher(push: Push, answers: mpsc::Sender<Outcome>) -> runner::Pusher {
    Box::new(move || {
        let (push, report) = (Arc::clone(&push), answers.clone());
        std::thread::spawn(move || {
            let _ = report.send(match push() {
                Ok((said, at)) => Outcome::Pushed { said, at },
                Err(why) => Outcome::PushFailed(why),
            });
        });
    })
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    runner: &mut Runner,
    store: &Store,
    input: &terminal::Input,
    heard: &mpsc::Receiver<Outcome>,
) -> Result<()> {
    let size = terminal.size()?;
    runner.step(store, app, Action::Resize(size.width, size.height));
    // Nothing noted as saved: the first frame saves the whole place, so what the store kept and
    // no longer applies (a track gone) is not read again next time.
    let mut saved = None;
    while !app.quit {
        runner.step(store, app, Action::Tick(Instant::now(), crate::store::now_unix()));
        terminal.draw(|frame| {
            frame.render_widget(&*app, frame.area());
            fit::terminal_cells(frame.buffer_mut());
            if let Some(caret) = app.caret(frame.area()) {
                frame.set_cursor_position(caret);
            }
        })?;
        // A running stopwatch redraws ten times a second; otherwise wake to see changes beside
        // the app, a link that failed to open, a push, and the end of the terminal.
        let tick = if app.stopwatch.is_some() { Duration::from_millis(100) } else { Duration::from_millis(250) };
        let Ok(event) = input.next(tick) else {
            // A signal or a terminal gone: quit as `q` does, saving a running stopwatch; a number
            // typed and not saved does not hold it back, as it holds back a first `q`.
            app.typing.quit_held = true;
            runner.step(store, app, Action::Quit);
            break;
        };
        let action = match event {
            // Only presses count: some terminals also report releases and repeats.
            Some(Event::Key(key)) if key.kind == KeyEventKind::Press => keys::handle_key(app, key),
            Some(Event::Paste(text)) => Some(Action::Paste(text)),
            Some(Event::Resize(width, height)) => Some(Action::Resize(width, height)),
            _ => None,
        };
        if let Some(action) = action {
            runner.step(store, app, Action::Tick(Instant::now(), crate::store::now_unix()));
            runner.step(store, app, action);
        }
        while let Ok(outcome) = heard.try_recv() {
            runner.hear(store, app, outcome);
        }
        // Where the judge is, saved as it changes, so the app reopens there even after a kill.
        keep_place(store, app, &mut saved);
    }
    keep_place(store, app, &mut saved);
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

/// Where the judge left the screen, as the store keeps it; what it does not keep (a store from
/// before this was kept, a word another build wrote) is where the app starts now.
fn kept_place(store: &Store, app: &App) -> Result<Place> {
    let now = Place::of(app);
    let on_off = |key: &str| -> Result<Option<bool>> {
        Ok(match store.meta(key)?.as_deref() {
            Some("1") => Some(true),
            Some("0") => Some(false),
            _ => None,
        })
    };
    Ok(Place {
        selected: store.meta(SELECTED)?.or(now.selected),
        track: match store.meta(TRACK)? {
            Some(track) if track.is_empty() => None,
            Some(track) => Some(track),
            None => now.track,
        },
        unscored_only: on_off(UNSCORED)?.unwrap_or(now.unscored_only),
        mine_only: on_off(MINE)?,
        sort: store.meta(SORT)?.as_deref().and_then(app::Sort::from_key).unwrap_or(now.sort),
        criterion: store.meta(CRITERION)?,
        stopwatch: store.meta(STOPWATCH)?.and_then(|kept| {
            let (since, id) = kept.split_once(' ')?;
            Some((id.to_owned(), since.parse().ok()?))
        }),
    })
}

/// Saves what changed of where the judge is since `saved` (everything, where nothing is noted
/// as saved), and notes it there.
pub fn keep_place(store: &Store, app: &App, saved: &mut Option<Place>) {
    let now = Place::of(app);
    let was = saved.as_ref();
    let changed = |part: Part| was.is_none_or(|w| part(w) != part(&now));
    let parts: [(&str, Part); 6] = [
        (SELECTED, |p| p.selected.clone().unwrap_or_default()),
        (TRACK, |p| p.track.clone().unwrap_or_default()),
        (UNSCORED, |p| flag(p.unscored_only).to_owned()),
        (MINE, |p| p.mine_only.map(flag).unwrap_or_default().to_owned()),
        (SORT, |p| p.sort.key().to_owned()),
        (CRITERION, |p| p.criterion.clone().unwrap_or_default()),
    ];
    for (key, part) in parts {
        let value = part(&now);
        // An empty list has no entry or criterion to keep: the last one kept stays.
        let nothing = value.is_empty() && matches!(key, SELECTED | CRITERION | MINE);
        if changed(part) && !nothing {
            // Losing the place is harmless; it must never stop the app.
            let _ = store.set_meta_lightly(key, &value);
        }
    }
    // The stopwatch by the entry it times: its start, worked out from the clock each frame,
    // may read a second apart, and is written only when it starts or stops.
    let timed = |p: &Place| p.stopwatch.as_ref().map(|(id, _)| id.clone());
    if was.is_none_or(|w| timed(w) != timed(&now)) {
        let value = now.stopwatch.as_ref().map_or_else(String::new, |(id, since)| format!("{since} {id}"));
        let _ = store.set_meta_lightly(STOPWATCH, &value);
    }
    *saved = Some(now);
}

/// One part of the place, as the store keeps it.
type Part = fn(&Place) -> String;

/// How the store keeps a filter that is on or off.
fn flag(on: bool) -> &'static str {
    if on { "1" } else { "0" }
}

#[cfg(test)]
mod tests;
