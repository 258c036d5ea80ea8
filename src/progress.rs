//! Progress on long work: a bar (where the amount is known) or a spinner on standard error, so a
//! step that can pass a second is never silent. Only on a terminal: piped, redirected or with
//! `--quiet` nothing is drawn, and standard output (JSON, CSV, tables) is never touched.

use std::io::IsTerminal;
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
                let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                );
                bar
            },
            what,
        )
    }

    /// A spinner for work of unknown length: "⠋ what 3s".
    pub fn spinner(what: &str) -> Progress {
        Progress::made(
            || {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
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
        bar.set_message(crate::sanitize::clean_line(what));
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
            bar.set_message(crate::sanitize::clean_line(what));
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
    }
}
