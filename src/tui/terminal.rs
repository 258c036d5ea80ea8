//! The terminal around both screens: raw mode, the alternate screen and bracketed paste, restored
//! however the screen ends; the signals that end it; and input read on its own thread, so that a
//! terminal that goes away (a closed window, a dropped SSH session) ends the app instead of
//! leaving it spinning.
//!
//! crossterm's reader retries forever when the terminal gives end-of-file, so it cannot be asked
//! on the loop's own thread. Here it runs on a thread of its own, and the loop waits on a channel
//! with a timeout: between events it checks the signals and whether the terminal hung up.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};

/// Why a screen must end now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal,
    /// The terminal is gone: end-of-file, an error or a hang-up on its input.
    HungUp,
}

/// The screen's input: events as they come, and the reasons to stop.
pub struct Input {
    events: Receiver<std::io::Result<Event>>,
    /// The signal that asks the screen to end, once one came (0 until then).
    stop: Arc<AtomicUsize>,
    /// Whether standard input was a terminal when the screen started: then it is watched.
    watch: bool,
}

impl Input {
    /// The next event, waiting at most `tick`; `Ok(None)` when none came in time.
    pub fn next(&self, tick: Duration) -> Result<Option<Event>, Ended> {
        if self.stop.load(Ordering::Relaxed) != 0 {
            return Err(Ended::Signal);
        }
        match self.events.recv_timeout(tick) {
            Ok(Ok(event)) => Ok(Some(event)),
            // A read error, or the reader gone: the terminal cannot be read any more.
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Ended::HungUp),
            Err(RecvTimeoutError::Timeout) if self.stop.load(Ordering::Relaxed) != 0 => Err(Ended::Signal),
            Err(RecvTimeoutError::Timeout) if self.watch && hung_up() => Err(Ended::HungUp),
            Err(RecvTimeoutError::Timeout) => Ok(None),
        }
    }
}

/// Runs `body` on the full screen. SIGTERM, SIGHUP, SIGINT and SIGQUIT end it through
/// [`Input::next`]; the terminal is restored however `body` ends (a panic is ratatui's hook's to
/// restore). Ended by a signal, the process then exits as the README says commands do, with 128
/// and the signal's number (143 for SIGTERM, 130 for Ctrl-C): a script or a supervisor sees it
/// was stopped, not that it finished.
pub fn full_screen(what: &str, body: impl FnOnce(&mut ratatui::DefaultTerminal, &Input) -> Result<()>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        let number = usize::try_from(signal).unwrap_or_default();
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), number).context("cannot watch for signals")?;
    }
    // Nothing is drawn, or undone, on an output that is not a screen: the escape sequences that
    // restore one had been written into a file the output was redirected to.
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "cannot start {what}: standard output is not a terminal (redirected to a file or a pipe); run it in a terminal, or use a command that prints text (`judging list`, `judging merge -o FILE`)"
        );
    }
    // A start that fails half-way (raw mode on, then the screen cannot be written) undoes what it did.
    let mut terminal = ratatui::try_init()
        .inspect_err(|_| {
            let _ = ratatui::try_restore();
        })
        .with_context(|| format!("cannot start {what}: is this a terminal?"))?;
    // Cleared once before the first frame: ratatui draws only the cells that change, so on an
    // alternate screen already up (GNU screen without altscreen, tmux after `tput smcup`, a
    // terminal `reset` after a kill -9) whatever was there stayed in every blank cell.
    // (Not ratatui's `Terminal::clear`: it asks the terminal where its cursor is, and a terminal
    // that does not answer held the start two seconds, then failed it. The first frame is drawn
    // against an empty buffer, so a blank screen is all it needs.)
    {
        use ratatui::crossterm::terminal::{Clear, ClearType};
        let _ = ratatui::crossterm::execute!(std::io::stdout(), Clear(ClearType::All));
    }
    // A panic clears the screen too before ratatui's hook leaves the alternate screen.
    ON_SCREEN.store(true, Ordering::Relaxed);
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        clear_before_leaving();
        restore(info);
    }));
    // Pasted text arrives as one event, not as keys that could score or quit.
    let _ = ratatui::crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let (sender, events) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(event).is_err() || failed {
                break;
            }
        }
    });
    let watch = std::io::stdin().is_terminal();
    let result = body(&mut terminal, &Input { events, stop: Arc::clone(&stop), watch });
    let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    clear_before_leaving();
    let restored = ratatui::try_restore();
    result?;
    // The body saved what it had (it ends on a signal as on `q`); the store's lock is a file
    // lock, let go with the process.
    match i32::try_from(stop.load(Ordering::Relaxed)) {
        Ok(0) | Err(_) => {}
        Ok(signal) => std::process::exit(128 + signal),
    }
    // A terminal that went away cannot be restored, and needs not be.
    if watch && hung_up() {
        Ok(())
    } else {
        restored.context("could not restore the terminal; run `reset` if it looks wrong")
    }
}

/// Whether the full screen is up: cleared once, before it is left.
static ON_SCREEN: AtomicBool = AtomicBool::new(false);

/// Clears the alternate screen before it is left, however the screen ends (a key, a signal, a
/// hang-up, a panic). tmux resized while the app was open (80×24 to 100×30) had otherwise put
/// six of the app's lines on the main screen above the prompt, as `less` does not.
fn clear_before_leaving() {
    use ratatui::crossterm::terminal::{Clear, ClearType};
    // A panic after the screen closed leaves the main screen as it is.
    if !ON_SCREEN.swap(false, Ordering::Relaxed) {
        return;
    }
    let _ = ratatui::crossterm::execute!(std::io::stdout(), Clear(ClearType::All));
    let _ = std::io::stdout().flush();
}

/// Whether the terminal on standard input hung up: its other end closed. (Once hung up, it no
/// longer even answers that it is a terminal, so the caller decides once, at the start, whether
/// to ask.)
fn hung_up() -> bool {
    let mut fds = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    // SAFETY: poll reads the descriptor's state into `fds`, which lives across the call.
    let ready = unsafe { libc::poll(&raw mut fds, 1, 0) };
    ready > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
