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

/// Whether progress is drawn: standard error is a terminal that can move its cursor, and
/// `--quiet` was not given.
pub fn shown() -> bool {
    drawn_on(std::io::stderr().is_terminal(), QUIET.load(Ordering::Relaxed), std::env::var_os("TERM").as_deref())
}

/// [`shown`], from what it reads: a terminal whose `TERM` is `dumb` (Emacs's shell, some CI
/// runners' pseudo-terminals) cannot move its cursor back over a line, and each frame's `\r` and
/// clear showed there as junk, as cargo and git draw no progress there either.
fn drawn_on(terminal: bool, quiet: bool, term: Option<&std::ffi::OsStr>) -> bool {
    terminal && !quiet && term.is_none_or(|term| term != "dumb")
}

/// One step's progress; drawing nothing where [`shown`] says no. Worker threads share it by
/// reference.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `total` items: "what [=====>    ] 120/500".
    pub fn bar(total: usize, what: &str) -> Progress {
        Progress::made(Some(total as u64), what)
    }

    /// A spinner for work of unknown length: "⠋ what 3s".
    pub fn spinner(what: &str) -> Progress {
        Progress::made(None, what)
    }

    /// A bar of `total` items, or a spinner; laid out before it is first drawn.
    fn made(total: Option<u64>, what: &str) -> Progress {
        if !shown() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(total, on_stderr());
        fit(&bar, what);
        // Drawn again on a clock, not only as items are done: a bar waiting on a server that
        // does not answer had stood still at "0/38 0s", its time not moving, as if hung.
        bar.enable_steady_tick(Duration::from_millis(if total.is_none() { 120 } else { 500 }));
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
            fit(bar, what);
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

/// The columns of a bar's graphic, between its brackets, where the line has room for it.
const BAR: usize = 30;

/// The fewest columns a bar's graphic is drawn on: narrower, it is dropped, and the count says it.
const LEAST_BAR: usize = 10;

/// The columns a line's words keep before the bar's graphic gives up any: cut to these first
/// ("Chances of a pa…"), they still say which step it is.
const LEAST_WORDS: usize = 16;

/// The columns a line's words keep, once the bar's graphic is dropped, before its elapsed time
/// goes (a spinner's, before its words are cut further): "Chanc…" still tells one step from
/// another.
const FEWEST_WORDS: usize = 6;

/// The most columns `{elapsed}` takes: "89s", then "2m" to "89m", "2h" to "35h", then days.
const ELAPSED: usize = 3;

/// How one line of progress is laid out on the columns it has: its words (cut short, ending in
/// `…`, where they would not fit), then what it counts. Every part is measured at its widest (the
/// count at its end, the longest elapsed time), so the line never runs past the columns it was
/// laid out on, whatever it draws later.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    /// The words, cut to fit.
    words: String,
    /// A bar's count, or none for a spinner.
    count: Option<Count>,
    /// Whether the time so far is shown.
    elapsed: bool,
}

/// How a bar says how far it is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Count {
    /// "[=====>    ] 120/500": the graphic on this many columns, then the count.
    Graphic(usize),
    /// "120/500": the count alone, the graphic dropped.
    Alone,
    /// "24%" ([`crate::format::percent`]): a count too wide for the line.
    Percent,
}

impl Layout {
    /// `what` (a bar of `total` items, or a spinner) laid out on `columns`: the words are cut
    /// first, to [`LEAST_WORDS`]; then the bar's graphic narrows to [`LEAST_BAR`] and is dropped,
    /// the words taking its room back; then the elapsed time goes, the words cut to
    /// [`FEWEST_WORDS`]; then a count too wide becomes a percentage. The words take what is left.
    /// On 80 columns (78 less the two kept free), "Chances of a paid place, refits [=====>   ]
    /// 120/200 3s"; on 40, "Chances of a paid place, … 120/200 3s"; on 20, "Chances o… 120/200".
    fn of(what: &str, total: Option<u64>, columns: usize) -> Layout {
        let what = crate::sanitize::clean_line(what);
        let wide = crate::text_width::width(&what);
        let (least, fewest) = (wide.min(LEAST_WORDS), wide.min(FEWEST_WORDS));
        // The words on the columns the rest leaves them.
        let words = |rest: usize| crate::text_width::fit(&what, columns.saturating_sub(rest));
        let Some(total) = total else {
            // "⠋ " words " " elapsed, or without the elapsed time.
            let elapsed = 2 + fewest + 1 + ELAPSED <= columns;
            let rest = if elapsed { 2 + 1 + ELAPSED } else { 2 };
            return Layout { words: words(rest), count: None, elapsed };
        };
        // pos "/" len
        let count = 2 * total.to_string().len() + 1;
        // words " [" graphic "] " count " " elapsed: the graphic takes what the words leave of
        // its columns, once they are cut to their least.
        let around = 2 + 2 + count + 1 + ELAPSED;
        let room = columns.saturating_sub(around);
        let graphic = room.saturating_sub(least).min(BAR);
        if graphic >= LEAST_BAR {
            return Layout { words: words(around + graphic), count: Some(Count::Graphic(graphic)), elapsed: true };
        }
        // words " " count " " elapsed, then words " " count, then words " " percentage.
        let alone = [(count + 1 + ELAPSED, Count::Alone, true, least), (count, Count::Alone, false, fewest)];
        let (rest, count, elapsed) = alone
            .into_iter()
            .find(|(rest, _, _, least)| 1 + rest + least <= columns)
            .map_or(("100%".len(), Count::Percent, false), |(rest, count, elapsed, _)| (rest, count, elapsed));
        Layout { words: words(1 + rest), count: Some(count), elapsed }
    }

    /// The indicatif template that draws it.
    fn template(&self) -> String {
        let count = match self.count {
            None => return format!("{{spinner}} {{words}}{}", if self.elapsed { " {elapsed}" } else { "" }),
            Some(Count::Graphic(columns)) => format!(" [{{bar:{columns}}}] {{pos}}/{{len}}"),
            Some(Count::Alone) => " {pos}/{len}".into(),
            Some(Count::Percent) => " {share}".into(),
        };
        format!("{{words}}{count}{}", if self.elapsed { " {elapsed}" } else { "" })
    }

    /// How it is drawn, its words and all: a line is laid out anew by one change of style, so no
    /// frame is drawn with the words of one layout and the parts of another (a stage's words
    /// after the spinner's: "⠓ Chances of a paid place, … 3s").
    fn style(&self) -> ProgressStyle {
        let fallback = || match self.count {
            None => ProgressStyle::default_spinner(),
            Some(_) => ProgressStyle::default_bar(),
        };
        let words = self.words.clone();
        ProgressStyle::with_template(&self.template())
            .unwrap_or_else(|_| fallback())
            .progress_chars("=> ")
            .with_key("words", move |_: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = out.write_str(&words);
            })
            // Rounded as every share is.
            .with_key("share", |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = out.write_str(&crate::format::percent(f64::from(state.fraction())));
            })
    }
}

/// Draws `what` on `bar`, laid out ([`Layout`]) on the terminal's columns less the two kept free
/// ([`ShortOfTheEdge`]): on 80 columns the merge's "Merging 60 judges with the calibrated method:
/// chances of a paid place, refits" and its bar had taken two lines, and under 60 the bar's
/// graphic alone ran the line past the edge, each frame leaving a line behind. Laid out when the
/// words are set; a terminal narrowed later wraps the line, which indicatif clears whole.
fn fit(bar: &ProgressBar, what: &str) {
    let layout = Layout::of(what, bar.length(), indicatif::TermLike::width(&ShortOfTheEdge::default()).into());
    bar.set_style(layout.style());
    // Drawn by the style; kept as the bar's message too: what it says now, which a stage gives
    // back, and what the fallback style draws. The words uncut are its prefix (which no style
    // draws), for laying the line out again on a terminal resized ([`cleared_on_signals`]).
    bar.set_prefix(what.to_owned());
    bar.set_message(layout.words);
}

/// Every line drawn now laid out again on the terminal's columns: a terminal narrowed under a
/// bar had it redrawn at its old width, each frame wrapped onto two lines.
fn fit_again() {
    let live: Vec<ProgressBar> = drawn().iter().filter(|bar| !bar.is_finished()).cloned().collect();
    for bar in live {
        fit(&bar, &bar.prefix());
    }
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
        let step = bar.prefix();
        // The length first: the step's style draws none of it.
        bar.set_length(total as u64);
        bar.set_position(0);
        // The stage's own words: after the step's, they were cut off at 80 columns.
        fit(&bar, what);
        (bar, step)
    }))
}

/// A stage of the step drawn now ([`stage`]), and the step's own words; worker threads tick it
/// by reference.
pub struct Stage(Option<(ProgressBar, String)>);

impl Stage {
    /// One more item of the stage done.
    pub fn tick(&self) {
        if let Some((bar, _)) = &self.0 {
            bar.inc(1);
        }
    }
}

impl Drop for Stage {
    /// The step as it was drawn before the stage, laid out on the columns the terminal has now.
    fn drop(&mut self) {
        if let Some((bar, step)) = self.0.take() {
            bar.unset_length();
            fit(&bar, &step);
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

/// Keeps `bar` among the lines a signal clears, and, the first time, watches for the terminal's
/// resize (SIGWINCH: every line drawn is laid out again) and the signals that end a command from
/// its terminal (SIGINT, SIGTERM, SIGQUIT): on one, every line drawn is
/// cleared, then the signal does what it would have done (the process ends by it, 130 in a
/// shell after Ctrl-C). Where nothing is drawn and a screen has the terminal in raw mode (the
/// head judge's screen after `merge --from-hub --tui` collected), the screen's own handler has the
/// signal and ends as it does.
fn cleared_on_signals(bar: &ProgressBar) {
    use signal_hook::consts::{SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
    static WATCHING: std::sync::Once = std::sync::Once::new();
    drawn().push(bar.clone());
    WATCHING.call_once(|| {
        // Without the watch (it cannot be set up), a signal ends the command as it always has.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGQUIT, SIGWINCH]) else {
            return;
        };
        std::thread::spawn(move || {
            for signal in signals.forever() {
                // A resized terminal: the lines drawn are laid out again, and nothing ends.
                if signal == SIGWINCH {
                    fit_again();
                    continue;
                }
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
        fit(&bar, "Merging 60 judges");
        {
            let refits = stage_on(Some(bar.clone()), 200, "Chances of a paid place, refits");
            refits.tick();
            refits.tick();
            assert_eq!((bar.length(), bar.position()), (Some(200), 2));
            assert_eq!(bar.message(), "Chances of a paid place, refits");
        }
        assert_eq!((bar.length(), bar.message().as_str()), (None, "Merging 60 judges"));
    }

    /// Progress is drawn on a terminal that can move its cursor, unless asked for quiet.
    #[test]
    fn progress_is_drawn_only_on_a_terminal_that_can_redraw_a_line() {
        let term = |t: &str| Some(std::ffi::OsString::from(t));
        for (terminal, quiet, term, drawn) in [
            (true, false, term("xterm-256color"), true),
            (true, false, None, true),
            (true, false, term("dumb"), false),
            (true, true, term("xterm"), false),
            (false, false, term("xterm"), false),
        ] {
            assert_eq!(drawn_on(terminal, quiet, term.as_deref()), drawn, "{terminal} {quiet} {term:?}");
        }
    }

    /// What indicatif draws of `layout` on `columns`: a bar at its end (its count at its widest),
    /// the line as written to the terminal, less the spaces it pads it with.
    fn drawn(layout: &Layout, total: Option<u64>, columns: u16) -> String {
        #[derive(Debug, Default, Clone)]
        struct Screen(std::sync::Arc<Mutex<String>>, u16);
        impl indicatif::TermLike for Screen {
            fn width(&self) -> u16 {
                self.1
            }
            fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn write_line(&self, s: &str) -> std::io::Result<()> {
                self.write_str(&format!("{s}\n"))
            }
            fn write_str(&self, s: &str) -> std::io::Result<()> {
                self.0.lock().expect("lock").push_str(s);
                Ok(())
            }
            fn clear_line(&self) -> std::io::Result<()> {
                self.0.lock().expect("lock").clear();
                Ok(())
            }
            fn flush(&self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let screen = Screen(std::sync::Arc::default(), columns);
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::term_like(Box::new(screen.clone())));
        bar.set_style(layout.style());
        if let Some(total) = total {
            bar.set_position(total);
        }
        bar.abandon();
        screen.0.lock().expect("lock").trim_end().to_owned()
    }

    /// The columns the line drawn of `layout` may take at most: as [`drawn`] draws it, with the
    /// longest elapsed time ("59m") for the "0s" drawn at once.
    fn widest(layout: &Layout, total: Option<u64>, columns: u16) -> usize {
        let line = drawn(layout, total, columns);
        let slack = if layout.elapsed { ELAPSED - "0s".len() } else { 0 };
        assert!(!layout.elapsed || line.ends_with(" 0s"), "{line:?}");
        assert!(!line.contains('\n'), "{line:?}");
        crate::text_width::width(&line) + slack
    }

    const LONG: &str = "Merging 60 judges with the calibrated method: chances of a paid place, refits";
    const REFITS: &str = "Chances of a paid place, refits";

    /// Every bar and spinner keeps to one line at any width from 20 columns (18 drawn, two kept
    /// free) to 200: under 60 the bar's graphic alone had run the line past the edge, each frame
    /// leaving a line behind. A bar always shows its count, or its percentage when the count
    /// would not leave its words a column.
    #[test]
    fn every_line_of_progress_keeps_to_the_columns_it_has() {
        for total in [None, Some(7), Some(200), Some(15_000), Some(1_500_000), Some(u64::MAX)] {
            for what in [LONG, REFITS, "Reading", "評価を読み込んでいます、しばらくお待ちください", ""]
            {
                for columns in 18..=200u16 {
                    let layout = Layout::of(what, total, columns.into());
                    let line = drawn(&layout, total, columns);
                    let widest = widest(&layout, total, columns);
                    assert!(widest <= columns.into(), "{total:?} on {columns} columns, {widest} wide: {line:?}");
                    if let Some(total) = total {
                        let counted = line.contains(&format!(" {total}/{total}")) || line.contains(" 100%");
                        assert!(counted, "{total} on {columns} columns: {line:?}");
                    }
                    assert!(line.contains(&layout.words), "{line:?}");
                }
            }
        }
    }

    /// The words are cut first, to 16 columns, the bar's graphic narrowing after them; under 10
    /// columns of graphic it is dropped, the words taking its room back, the count kept.
    #[test]
    fn words_are_cut_first_then_the_bars_graphic_is_dropped() {
        let at = |what: &str, columns: u16| drawn(&Layout::of(what, Some(200), columns.into()), Some(200), columns);
        let graphic = |n: usize| format!("[{}]", "=".repeat(n));
        // 80 columns: the long words cut, the short ones whole, the graphic whole.
        let line = at(LONG, 78);
        assert!(line.starts_with("Merging 60 judges with") && line.contains(&format!("… {}", graphic(BAR))), "{line}");
        assert_eq!(widest(&Layout::of(LONG, Some(200), 78), Some(200), 78), 78);
        assert_eq!(at(REFITS, 78), format!("{REFITS} {} 200/200 0s", graphic(BAR)));
        assert_eq!(at(LONG, 200), format!("{LONG} {} 200/200 0s", graphic(BAR)));
        // 59 and 50 columns: the words cut to 16, then the graphic narrower.
        assert_eq!(at(REFITS, 57), format!("Chances of a pa… {} 200/200 0s", graphic(26)));
        assert_eq!(at(REFITS, 48), format!("Chances of a pa… {} 200/200 0s", graphic(17)));
        assert_eq!(at("Reading", 48), format!("Reading {} 200/200 0s", graphic(26)));
        // 40 columns: the graphic dropped, the words longer again.
        assert_eq!(at(REFITS, 38), "Chances of a paid place, … 200/200 0s");
        assert_eq!(at("Reading", 38), format!("Reading {} 200/200 0s", graphic(16)));
        // 20 columns: the count, and what room is left for the words; then the elapsed time goes.
        assert_eq!(at(REFITS, 28), "Chances of a pa… 200/200 0s");
        assert_eq!(at(REFITS, 27), "Chances of a paid … 200/200");
        assert_eq!(at(REFITS, 18), "Chances o… 200/200");
        assert_eq!(at("Reading", 18), "Reading 200/200");
        assert_eq!(at("Read", 18), "Read 200/200 0s");
        // A count too wide for any words becomes a percentage.
        let huge = Layout::of(REFITS, Some(u64::MAX), 18);
        assert_eq!((huge.words.as_str(), huge.count, huge.elapsed), ("Chances of a…", Some(Count::Percent), false));
        // A spinner's words take what its line leaves, the elapsed time kept.
        let spinner = Layout::of(LONG, None, 40);
        assert_eq!(crate::text_width::width(&format!("⠋ {} 59m", spinner.words)), 40, "{spinner:?}");
        assert_eq!(Layout::of(LONG, None, 18).words, "Merging 60 …");
        // Control characters are taken out first, as ever.
        assert_eq!(Layout::of("Reading a\u{1b}[2J file", None, 78).words, "Reading a file");
    }
}
