//! Progress on long work: a bar (where the amount is known) or a spinner on standard error, so a
//! step that can pass a second is never silent. Only on a terminal: piped, redirected or with
//! `--quiet` nothing is drawn, and standard output (JSON, CSV, tables) is never touched.
//!
//! A command interrupted while a line is drawn (Ctrl-C, `kill`) clears it first, then ends as the
//! signal ends it: the line had stayed on the terminal, the shell's prompt after it.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// `--quiet`: no progress, whatever standard error is.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Says once, at the start, whether the user asked for quiet.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether progress is drawn: standard error is a terminal and `--quiet` was not given.
pub fn shown() -> bool {
    !QUIET.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

/// One step's progress; drawing nothing where [`shown`] says no. Worker threads share it by
/// reference.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `total` items: "what [=====>    ] 120/500".
    pub fn bar(total: usize, what: &str) -> Progress {
        Progress::made(
            || {
                let bar = ProgressBar::with_draw_target(Some(total as u64), on_stderr());
                bar.set_style(bar_style());
                bar
            },
            what,
        )
    }

    /// A spinner for work of unknown length: "⠋ what 3s".
    pub fn spinner(what: &str) -> Progress {
        Progress::made(
            || {
                let bar = ProgressBar::with_draw_target(None, on_stderr());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            },
            what,
        )
    }

    fn made(make: impl FnOnce() -> ProgressBar, what: &str) -> Progress {
        if !shown() {
            return Progress(None);
        }
        let bar = make();
        bar.set_message(fitted(&bar, what));
        cleared_on_signals(&bar);
        Progress(Some(bar))
    }

    /// Nothing drawn, ever: for callers that report otherwise (benchmarks, tests).
    pub fn hidden() -> Progress {
        Progress(None)
    }

    /// One more item done.
    pub fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// The step's name, changed as it moves on.
    pub fn say(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(fitted(bar, what));
        }
    }

    /// Prints a line of the command's own output on standard output, the bar out of its way.
    pub fn above(&self, line: &str) {
        match &self.0 {
            Some(bar) => bar.suspend(|| println!("{line}")),
            None => println!("{line}"),
        }
    }

    /// Done: the line is cleared, leaving the terminal to the command's own output.
    pub fn done(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
            drawn().retain(|live| !live.is_finished());
        }
    }
}

impl Drop for Progress {
    /// A step that ends by an error clears its line too, so the error is read on a clean one.
    fn drop(&mut self) {
        if let Some(bar) = &self.0
            && !bar.is_finished()
        {
            bar.finish_and_clear();
        }
        drawn().retain(|live| !live.is_finished());
    }
}

/// How every bar is drawn: "what [=====>    ] 120/500 3s".
fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(&format!("{{msg}} [{{bar:{BAR}}}] {{pos}}/{{len}} {{elapsed}}"))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// The columns of a bar's bar, between its brackets.
const BAR: usize = 30;

/// The most columns `{elapsed}` takes: "89s", then "2m" to "89m", "2h" to "35h", then days.
const ELAPSED: usize = 3;

/// `what`, cut short (ending in `…`) where it would run the line `bar` draws past the terminal's
/// edge: at 80 columns the merge's "Merging 60 judges with the calibrated method: chances of a
/// paid place, refits" and its bar had taken two lines, the bar broken at the edge. Measured when
/// the words are set; a terminal narrowed later wraps the line, which indicatif clears whole.
fn fitted(bar: &ProgressBar, what: &str) -> String {
    fitted_in(bar, what, indicatif::TermLike::width(&ShortOfTheEdge::default()).into())
}

/// [`fitted`] on a line of `columns`.
fn fitted_in(bar: &ProgressBar, what: &str, columns: usize) -> String {
    let what = crate::sanitize::clean_line(what);
    let rest = match bar.length() {
        // " [" BAR "] " pos "/" len " " elapsed
        Some(total) => 2 + BAR + 2 + 2 * total.to_string().len() + 1 + 1 + ELAPSED,
        // spinner " " ... " " elapsed
        None => 2 + 1 + ELAPSED,
    };
    crate::text_width::fit(&what, columns.saturating_sub(rest).max(1))
}

/// A counted stage of the step drawn now: the step's spinner becomes a bar of `total` named
/// `what` ("Chances of a paid place, refits [====>   ] 120/200 3s") while the stage runs, and its
/// own words and spinner again once the stage is dropped. Draws nothing where no step is drawn
/// (piped, `--quiet`, a screen up): the merge's stages run under screens and in tests too, and
/// never draw a line of their own.
pub fn stage(total: usize, what: &str) -> Stage {
    let live = drawn().iter().rev().find(|bar| !bar.is_finished()).cloned();
    stage_on(live, total, what)
}

/// [`stage`] on the line drawn now, `live`.
fn stage_on(live: Option<ProgressBar>, total: usize, what: &str) -> Stage {
    Stage(live.map(|bar| {
        let (style, message) = (bar.style(), bar.message());
        bar.set_style(bar_style());
        bar.set_length(total as u64);
        bar.set_position(0);
        // The stage's own words: after the step's, they were cut off at 80 columns.
        bar.set_message(fitted(&bar, what));
        (bar, style, message)
    }))
}

/// A stage of the step drawn now ([`stage`]); worker threads tick it by reference.
pub struct Stage(Option<(ProgressBar, ProgressStyle, String)>);

impl Stage {
    /// One more item of the stage done.
    pub fn tick(&self) {
        if let Some((bar, _, _)) = &self.0 {
            bar.inc(1);
        }
    }
}

impl Drop for Stage {
    /// The step as it was drawn before the stage.
    fn drop(&mut self) {
        if let Some((bar, style, message)) = self.0.take() {
            bar.set_style(style);
            bar.unset_length();
            bar.set_message(message);
        }
    }
}

/// Runs `say` (a warning, a wait on the Hub, written on standard error) with the line drawn now
/// taken off the terminal, and drawn again after it: said under a spinner, the warning had been
/// written on the spinner's line, or left the spinner's last frame above it for good.
pub fn suspended<R>(say: impl FnOnce() -> R) -> R {
    // The lock is let go first: the signal watch takes it too.
    let live = drawn().iter().rev().find(|bar| !bar.is_finished()).cloned();
    match live {
        Some(bar) => bar.suspend(say),
        None => say(),
    }
}

/// Where every line is drawn: standard error, [`ShortOfTheEdge`].
fn on_stderr() -> ProgressDrawTarget {
    ProgressDrawTarget::term_like_with_hz(Box::new(ShortOfTheEdge::default()), 20)
}

/// Standard error as indicatif draws on it, but two columns narrower than the terminal. indicatif
/// pads each line to the width it is given and leaves the cursor past the last column; the `^C`
/// the terminal echoes at Ctrl-C then went on the next line, the cursor with it, and the line
/// cleared there was the empty one, the spinner left above it. Two columns short, the echo (`^C`,
/// `^\`) ends on the spinner's own line, which one clear then takes whole, as it does after a
/// `kill`, which echoes nothing.
#[derive(Debug, Default)]
struct ShortOfTheEdge {
    /// What was written since the last flush: one write a frame, so a frame never shows half drawn.
    pending: Mutex<String>,
}

/// The columns left free at the end of each line: the width of the terminal's echo of Ctrl-C.
const ECHO: u16 = 2;

impl ShortOfTheEdge {
    fn put(&self, text: &str) {
        self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push_str(text);
    }

    /// `ESC [ n <code>`, nothing for 0 (as console writes it).
    fn moved(&self, n: usize, code: char) {
        if n > 0 {
            self.put(&format!("\x1b[{n}{code}"));
        }
    }
}

impl indicatif::TermLike for ShortOfTheEdge {
    fn width(&self) -> u16 {
        ratatui::crossterm::terminal::size().map_or(80, |(columns, _)| columns).saturating_sub(ECHO).max(1)
    }

    fn height(&self) -> u16 {
        ratatui::crossterm::terminal::size().map_or(24, |(_, rows)| rows)
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.moved(n, 'A');
        Ok(())
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.moved(n, 'B');
        Ok(())
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.moved(n, 'C');
        Ok(())
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.moved(n, 'D');
        Ok(())
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.put(s);
        self.put("\n");
        Ok(())
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.put(s);
        Ok(())
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.put("\r\x1b[2K");
        Ok(())
    }

    fn flush(&self) -> std::io::Result<()> {
        use std::io::Write;
        let frame = std::mem::take(&mut *self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut stderr = std::io::stderr().lock();
        stderr.write_all(frame.as_bytes())?;
        stderr.flush()
    }
}

/// The lines drawn now, which a signal that ends the command clears first.
static DRAWN: Mutex<Vec<ProgressBar>> = Mutex::new(Vec::new());

/// [`DRAWN`], whoever held it last: a bar is a handle that stays whole.
fn drawn() -> std::sync::MutexGuard<'static, Vec<ProgressBar>> {
    DRAWN.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keeps `bar` among the lines a signal clears, and, the first time, watches for the signals that
/// end a command from its terminal (SIGINT, SIGTERM, SIGQUIT): on one, every line drawn is
/// cleared, then the signal does what it would have done (the process ends by it, 130 in a
/// shell after Ctrl-C). Where nothing is drawn and a screen has the terminal in raw mode (the
/// head judge's screen after `merge --from-hub --tui` collected), the screen's own handler has the
/// signal and ends as it does.
fn cleared_on_signals(bar: &ProgressBar) {
    use signal_hook::consts::{SIGINT, SIGQUIT, SIGTERM};
    static WATCHING: std::sync::Once = std::sync::Once::new();
    drawn().push(bar.clone());
    WATCHING.call_once(|| {
        // Without the watch (it cannot be set up), a signal ends the command as it always has.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGQUIT]) else { return };
        std::thread::spawn(move || {
            for signal in signals.forever() {
                let live = std::mem::take(&mut *drawn());
                for bar in &live {
                    bar.finish_and_clear();
                }
                let screen = ratatui::crossterm::terminal::is_raw_mode_enabled().unwrap_or(false);
                if live.is_empty() && screen {
                    continue;
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage turns the step drawn now into a bar of its refits, and gives it back as it was;
    /// with no step drawn it draws nothing.
    #[test]
    fn a_stage_counts_on_the_step_drawn_and_gives_it_back() {
        let nothing = stage_on(None, 200, "refits");
        nothing.tick();
        assert!(nothing.0.is_none());
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_message("Merging 60 judges");
        {
            let refits = stage_on(Some(bar.clone()), 200, "Chances of a paid place, refits");
            refits.tick();
            refits.tick();
            assert_eq!((bar.length(), bar.position()), (Some(200), 2));
            assert_eq!(bar.message(), "Chances of a paid place, refits");
        }
        assert_eq!((bar.length(), bar.message().as_str()), (None, "Merging 60 judges"));
    }

    /// A bar's words are cut short where the line would run past the terminal's edge (less its
    /// last two columns); words that fit are left whole, and a spinner's take what its line leaves.
    #[test]
    fn a_bars_words_are_cut_to_keep_it_on_one_line() {
        const LONG: &str = "Merging 60 judges with the calibrated method: chances of a paid place, refits";
        let bar = ProgressBar::with_draw_target(Some(200), ProgressDrawTarget::hidden());
        bar.set_style(bar_style());
        bar.set_position(200);
        let cut = fitted_in(&bar, LONG, 78);
        assert!(cut.starts_with("Merging 60 judges with") && cut.ends_with('…'), "{cut}");
        // The line as drawn, with the longest elapsed time.
        let line = format!("{cut} [{}] 200/200 59m", "=".repeat(BAR));
        assert_eq!(crate::text_width::width(&line), 78, "{line}");
        assert_eq!(fitted_in(&bar, "Chances of a paid place, refits", 78), "Chances of a paid place, refits");
        assert_eq!(fitted_in(&bar, LONG, 200), LONG);
        let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let cut = fitted_in(&spinner, LONG, 40);
        assert_eq!(crate::text_width::width(&format!("⠋ {cut} 59m")), 40, "{cut}");
        // Control characters are taken out first, as ever.
        assert_eq!(fitted_in(&spinner, "Reading a\u{1b}[2J file", 78), "Reading a file");
    }
}
