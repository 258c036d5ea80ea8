//! The real binary in a real pseudo-terminal: a judge scores, the app is killed with SIGKILL,
//! and on restart nothing is lost. Each step waits for what the screen shows, never a fixed sleep.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Sandbox;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The app running in a 100x30 pseudo-terminal, its screen kept by a terminal emulator.
struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote to the terminal, in order: what was drawn, however briefly.
    written: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    /// Asks the screen reader to let go of the terminal after its next read.
    detach: Arc<std::sync::atomic::AtomicBool>,
    /// Told when the screen reader has let go.
    detached: std::sync::mpsc::Receiver<()>,
}

impl Running {
    fn start(s: &Sandbox, extra_env: &[(&str, &str)]) -> Running {
        Running::start_with(s, &["--judge", "tester"], extra_env)
    }

    fn start_with(s: &Sandbox, args: &[&str], extra_env: &[(&str, &str)]) -> Running {
        Running::start_sized(s, args, extra_env, (100, 30))
    }

    fn start_sized(s: &Sandbox, args: &[&str], extra_env: &[(&str, &str)], (cols, rows): (u16, u16)) -> Running {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_judging"));
        cmd.args(args);
        cmd.cwd(s.path());
        cmd.env_clear();
        for (k, v) in [
            ("HOME", s.path().to_str().expect("utf-8 path")),
            ("XDG_DATA_HOME", &s.path().join("data").display().to_string()),
            ("XDG_CONFIG_HOME", &s.path().join("config").display().to_string()),
            ("TERM", "xterm-256color"),
            ("PATH", &std::env::var("PATH").unwrap_or_default()),
        ] {
            cmd.env(k, v);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let size = |n| NonZeroU16::new(n).expect("non-zero");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&screen);
        let written = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&written);
        let detach = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (let_go, detached) = std::sync::mpsc::channel();
        let asked = Arc::clone(&detach);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("lock").process(&buf[..n]);
                record.lock().expect("lock").extend_from_slice(&buf[..n]);
                if asked.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
            }
            drop(reader);
            let _ = let_go.send(());
        });
        let writer = pair.master.take_writer().expect("writer");
        Running { child, writer, screen, written, master: pair.master, detach, detached }
    }

    fn text(&self) -> String {
        self.screen.lock().expect("lock").screen().contents()
    }

    /// Every line the app drew, as it drew it: its text between the returns and line feeds
    /// (a redrawn line is one more), escapes left out.
    fn drawn_lines(&self) -> Vec<String> {
        let bytes = self.written.lock().expect("lock").clone();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut lines = Vec::new();
        for piece in text.split(['\r', '\n']) {
            let mut line = String::new();
            let mut chars = piece.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\u{1b}' {
                    // CSI: ESC [ parameters, then one final letter.
                    if chars.next_if_eq(&'[').is_some() {
                        while chars.next().is_some_and(|c| !c.is_ascii_alphabetic() && c != '~') {}
                    }
                } else {
                    line.push(c);
                }
            }
            lines.push(line);
        }
        lines
    }

    /// The lines of the screen the terminal wrapped at its edge, each with the line it ran on to.
    fn wrapped(&self) -> Vec<String> {
        let parser = self.screen.lock().expect("lock");
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let line = |r: u16| screen.contents_between(r, 0, r, cols);
        (0..rows).filter(|r| screen.row_wrapped(*r)).map(|r| format!("{}⏎{}", line(r), line(r + 1))).collect()
    }

    /// Waits until the screen shows `what`; fails with the screen after 20 s.
    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while !self.text().contains(what) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {what:?}; the screen shows:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    /// Closes the terminal's other end, as closing the window or a dropped SSH session does: every
    /// copy of the master side is closed. Returns the app's process.
    fn hang_up(mut self) -> Box<dyn portable_pty::Child + Send + Sync> {
        self.detach.store(true, std::sync::atomic::Ordering::Relaxed);
        // A key that redraws wakes the screen reader, which then lets go.
        self.keys("j");
        self.detached.recv_timeout(Duration::from_secs(10)).expect("the screen reader let go");
        drop(self.writer);
        drop(self.master);
        self.child
    }

    /// Waits for the process to end, at most `within`; its exit status.
    /// Waits for the app to end (killed past `within`), then for the screen reader to have read
    /// everything it wrote: its last bytes arrive after it has ended, and a busy machine had not
    /// yet delivered them when a test read the screen.
    fn finished(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let status = Running::ended_within(&mut self.child, within);
        let _ = self.detached.recv_timeout(Duration::from_secs(5));
        status
    }

    fn ended_within(
        child: &mut Box<dyn portable_pty::Child + Send + Sync>,
        within: Duration,
    ) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = child.try_wait().expect("status") {
                return status;
            }
            if start.elapsed() > within {
                let _ = child.kill();
                panic!("still running {within:?} after the terminal went away");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the app to leave the alternate screen, as a restored terminal does.
    fn wait_restored(&self) {
        let start = Instant::now();
        while self.screen.lock().expect("lock").screen().alternate_screen() {
            assert!(start.elapsed() < Duration::from_secs(5), "still on the alternate screen:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Quits with `q` and expects a clean exit.
    fn quit(mut self) {
        self.keys("q");
        assert!(self.finished(Duration::from_secs(20)).success(), "a clean exit on q");
    }

    /// Whether the app cleared its screen just before it left the alternate screen, drawing
    /// nothing between: tmux, resized while the app was open, had otherwise put six of the app's
    /// lines on the main screen above the prompt.
    fn cleared_before_leaving(&self) -> bool {
        // The app's last bytes reach the reader thread after the app has ended: on a busy
        // machine the clear had not yet arrived when this was asked.
        let start = Instant::now();
        while !self.written.lock().expect("lock").windows(8).any(|w| w == b"\x1b[?1049l")
            && start.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        let written = self.written.lock().expect("lock");
        let find_last = |needle: &[u8]| written.windows(needle.len()).rposition(|w| w == needle);
        match (find_last(b"\x1b[2J"), find_last(b"\x1b[?1049l")) {
            (Some(clear), Some(leave)) => {
                clear < leave
                    && written[clear..leave].iter().all(|b| {
                        !b.is_ascii_alphabetic() || *b == b'J' || *b == b'h' || *b == b'l' || *b == b'm' || *b == b'H'
                    })
            }
            _ => false,
        }
    }

    /// Sends a signal as `kill` does.
    fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("pid");
        let sent = std::process::Command::new("kill").args([signal, &pid.to_string()]).status().expect("kill");
        assert!(sent.success(), "kill {signal}");
    }

    fn kill_hard(&mut self) {
        self.signal("-9");
        let _ = self.child.wait();
    }
}

#[test]
fn scores_and_notes_survive_sigkill() {
    let s = Sandbox::new();
    // The event's judging.toml here: the built-in event's, written out.
    s.file("judging.toml", judging::config::BUILTIN);
    let mut app = Running::start(&s, &[]);
    app.wait_for("Submissions (40)");
    app.wait_for("pulled 40 submissions");
    // "tester", given with --judge, is none of judging.toml's judges: said on the first screen.
    app.wait_for("\"tester\" is not among the event's judges (mira, tomas, priya)");
    // First entry: utility 4, latency 3, cost 5, and a note.
    app.keys("435");
    app.wait_for("4.00");
    app.keys("e");
    app.wait_for("saved as you type");
    app.keys("Fast and kind");
    app.wait_for("Fast and kind");
    app.keys("\x1b");
    app.wait_for("note for the jury saved");
    // Second entry: all fives.
    app.keys("j555");
    app.wait_for("5.00");
    app.wait_for("2 of 40 scored");
    app.kill_hard();

    let first = s.entry("tester", "sprout-sense");
    assert_eq!(first["scores"], serde_json::json!({"utility": 4, "latency": 3, "cost": 5}));
    assert_eq!(first["note"], "Fast and kind");
    assert_eq!(s.entry("tester", "pantry-poet")["scores"], serde_json::json!({"utility": 5, "latency": 5, "cost": 5}));

    // The lock of the killed app is stale, not held: the app opens again, with both scores.
    let mut again = Running::start(&s, &[]);
    again.wait_for("2 of 40 scored");
    again.wait_for("4.00");
    again.wait_for("5.00");
    again.keys("q");
    let status = again.finished(Duration::from_secs(20));
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_stub_browser_receives_exactly_the_space_url() {
    let s = Sandbox::new();
    let out = s.path().join("opened.txt");
    let script = s.path().join("browser.sh");
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", out.display())).expect("script");
    make_executable(&script);
    let mut app = Running::start(&s, &[("BROWSER", script.to_str().expect("utf-8"))]);
    app.wait_for("Submissions (40)");
    app.keys("jj");
    app.wait_for("▶ not started backyard Bus Stop Oracle");
    app.keys("o");
    app.wait_for("opened the Space");
    let start = Instant::now();
    while !out.exists() || std::fs::read_to_string(&out).expect("read").is_empty() {
        assert!(start.elapsed() < Duration::from_secs(10), "the browser was not started");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "https://huggingface.co/spaces/build-small-hackathon/bus-stop-oracle"
    );
    app.quit();
}

/// judging.toml is shared (`join` downloads it): a `browser` it names is never run. The app
/// opens links with `$BROWSER` or the system's opener only.
#[test]
fn a_browser_named_in_judging_toml_is_never_run() {
    let s = Sandbox::new();
    let pwned = s.path().join("pwned");
    let script = s.path().join("evil.sh");
    std::fs::write(&script, format!("#!/bin/sh\ntouch '{}'\n", pwned.display())).expect("script");
    make_executable(&script);
    s.file("judging.toml", &format!("browser = \"{}\"\n{}", script.display(), judging::config::BUILTIN));
    // No $BROWSER, and no system opener on this PATH: the link fails to open, and says so.
    let mut app = Running::start(&s, &[("PATH", "/nonexistent")]);
    app.wait_for("Submissions (40)");
    app.keys("o");
    std::thread::sleep(Duration::from_millis(500));
    assert!(!pwned.exists(), "the program judging.toml names was run");
    app.quit();
}

#[test]
fn the_terminal_is_restored_on_sigterm() {
    let s = Sandbox::new();
    let mut app = Running::start(&s, &[]);
    app.wait_for("Submissions (40)");
    app.signal("-TERM");
    let status = app.finished(Duration::from_secs(20));
    // As the README says of every command: 128 and the signal's number, here 143. It had exited
    // 0, as if the judge had quit.
    assert_eq!(status.exit_code(), 143, "SIGTERM ends the app with 143: {status:?}");
    // Leaving the alternate screen brings back the (empty) main screen. The app's last bytes
    // reach the test's reader thread after the app has ended: read once the screen is left
    // (asked before, a busy machine had not yet delivered the clear, and the test failed).
    let start = Instant::now();
    while app.text().contains("Submissions (40)") {
        assert!(start.elapsed() < Duration::from_secs(5), "still on the app's screen:\n{}", app.text());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(app.cleared_before_leaving(), "the screen is cleared before the alternate screen is left");
    assert!(!app.screen.lock().expect("lock").screen().alternate_screen());
}

#[test]
fn the_first_run_asks_the_judges_name_once() {
    let s = Sandbox::new();
    let mut app = Running::start_with(&s, &[], &[("USER", "guess")]);
    app.wait_for("The event lists these judges: mira, tomas, priya.");
    // The login name is not on the list: it is not offered, and Enter alone takes nothing.
    app.wait_for("Your name as a judge: ");
    assert!(!app.text().contains("[guess]"), "{}", app.text());
    app.keys("\r");
    app.keys("Zoe Quill\r");
    // Not a judge of judging.toml: said, and kept when given again.
    app.wait_for("\"Zoe Quill\" is not among the event's judges");
    app.wait_for("Your name as a judge [Zoe Quill]:");
    app.keys("\r");
    app.wait_for("judge Zoe Quill");
    app.wait_for("Submissions (40)");
    app.quit();
    let again = Running::start_with(&s, &[], &[("USER", "guess")]);
    again.wait_for("judge Zoe Quill");
    assert!(!again.text().contains("Your name"), "asked only once");
    again.quit();
    assert!(s.path().join("data/judging/build-small-2026/zoe_quill.sqlite").exists());
}

/// The name prompt's sentences wrap between words at the terminal's width: on 60 columns each
/// row ends at a word, and the rows read as the sentences said. The terminal had split them
/// mid-word ("assig" / "nments").
#[test]
fn the_name_prompt_wraps_between_words_at_the_terminals_width() {
    let s = Sandbox::new();
    let mut app = Running::start_sized(&s, &[], &[("USER", "guess")], (60, 24));
    app.wait_for("Your name as a judge: ");
    app.keys("Zoe Quill\r");
    app.wait_for("Your name as a judge [Zoe Quill]:");
    let rows: Vec<String> =
        app.screen.lock().expect("lock").screen().rows(0, 60).map(|r| r.trim().to_owned()).collect();
    let read = rows.iter().filter(|r| !r.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    for said in [
        "Welcome to judging. The event lists these judges: mira, tomas, priya.",
        "\"Zoe Quill\" is not among the event's judges, so no assignments and no conflict reminders apply to you. Press Enter to keep it, or type your name as listed.",
    ] {
        assert!(read.contains(said), "{said:?} not read whole in:\n{}", rows.join("\n"));
    }
    app.keys("\r");
    app.wait_for("at least 80×24");
    app.quit();
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn the_head_judges_screen_shows_rankings_and_judges_and_quits_cleanly() {
    let s = Sandbox::new();
    // zed, whom the sample's judging.toml does not list: the merge warns of them.
    for (judge, utility) in [("mira", "5"), ("tomas", "2"), ("zed", "3")] {
        s.cmd().args(["--judge", judge, "pull"]).assert().success();
        for id in ["pantry-poet", "sprout-sense"] {
            s.cmd()
                .args(["--judge", judge, "score", id, &format!("utility={utility}"), "latency=3", "cost=3"])
                .assert()
                .success();
        }
        s.cmd().args(["--judge", judge, "export", "-o", &format!("{judge}.json")]).assert().success();
    }
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    let mut app = Running::start_with(
        &s,
        &["--judge", "head", "merge", "--tui", "--method", "mean", "mira.json", "tomas.json", "zed.json"],
        &[],
    );
    app.wait_for("Rankings");
    // The merge's warnings, counted in the header and listed by w.
    app.wait_for("warnings (w)");
    app.keys("w");
    app.wait_for("weigh these before announcing");
    app.wait_for("judge \"zed\" is not among the event's judges");
    app.keys("\x1b");
    app.wait_for("tie at #1: Sprout Sense = Pantry");
    // Every judge's view of the selected entry, then v shows the judges' habits.
    app.wait_for("The entry, judge by judge");
    app.keys("v");
    app.wait_for("leniency: points above");
    let screen = app.text();
    assert!(screen.contains("lenient") && screen.contains("harsh"), "{screen}");
    assert!(screen.contains("zed (unlisted)") && !screen.contains("mira (unlisted)"), "{screen}");
    // v twice: the side hidden, then the entry again. → moves to the backyard track, its tab
    // named as judging.toml names it, where only Sprout Sense is.
    app.keys("vv");
    app.keys("\x1b[C");
    app.wait_for("Backyard AI (1)");
    // tomas declares a conflict with Sprout Sense's team in the sample's judging.toml.
    app.wait_for("1 conflict (scored despite a");
    app.keys("q");
    assert!(app.finished(Duration::from_secs(20)).success());
    app.wait_restored();
}

#[test]
fn a_closed_terminal_ends_the_app_within_seconds_and_frees_its_store() {
    let s = Sandbox::new();
    let mut app = Running::start(&s, &[]);
    app.wait_for("Submissions (40)");
    app.keys("4");
    app.wait_for("saved");
    let mut child = app.hang_up();
    Running::ended_within(&mut child, Duration::from_secs(2));
    assert_eq!(s.entry("tester", "sprout-sense")["scores"]["utility"], 4, "the score was kept");
    let again = Running::start(&s, &[]);
    again.wait_for("Submissions (40)");
    again.quit();
}

#[test]
fn sigint_and_sigquit_restore_the_terminal() {
    for (signal, code) in [("-INT", 130), ("-QUIT", 131), ("-HUP", 129)] {
        let s = Sandbox::new();
        let mut app = Running::start(&s, &[]);
        app.wait_for("Submissions (40)");
        app.signal(signal);
        let status = app.finished(Duration::from_secs(20));
        assert_eq!(status.exit_code(), code, "{signal}: 128 and the signal's number: {status:?}");
        app.wait_restored();
        assert!(app.cleared_before_leaving(), "{signal}: cleared before leaving the alternate screen");
    }
}

#[test]
fn one_store_is_locked_through_any_of_its_paths() {
    let s = Sandbox::new();
    let real = s.path().join("mine.sqlite");
    s.cmd().args(["--judge", "tester", "--db"]).arg(&real).arg("pull").assert().success();
    let link = s.path().join("link.sqlite");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let real = real.to_str().expect("utf-8");
    let first = Running::start_with(&s, &["--judge", "tester", "--db", real], &[]);
    first.wait_for("Submissions (40)");
    for other in [link.to_str().expect("utf-8"), "./mine.sqlite"] {
        let mut second = Running::start_with(&s, &["--judge", "tester", "--db", other], &[]);
        second.wait_for("another judging is already open");
        assert!(!second.finished(Duration::from_secs(20)).success(), "{other}: refused");
    }
    first.quit();
}

#[test]
fn writes_beside_the_app_are_seen_and_never_undone_by_it() {
    let s = Sandbox::new();
    let mut app = Running::start(&s, &[]);
    app.wait_for("Submissions (40)");
    // The command line scores the selected entry while the app is open: the app shows it.
    s.cmd().args(["--judge", "tester", "score", "sprout-sense", "utility=5"]).assert().success();
    app.wait_for("Utility   [5]");
    // 3, then undo: back to the 5 the store held, not to nothing.
    app.keys("3");
    app.wait_for("Utility   [3]");
    app.keys("u");
    app.wait_for("Utility   [5]");
    assert_eq!(s.entry("tester", "sprout-sense")["scores"]["utility"], 5);
    // A note imported beside the app is where the app's note editor starts.
    let sheet =
        s.file("sheet.csv", "judge,submission,criterion,score,note\ntester,sprout-sense,latency,2,From the sheet\n");
    s.cmd().args(["--judge", "tester", "import-scores"]).arg(&sheet).assert().success();
    app.wait_for("Jury: From the sheet");
    app.keys("e");
    app.wait_for("saved as you type");
    app.keys(" and more");
    app.wait_for("From the sheet and more");
    app.keys("\x1b");
    app.wait_for("note for the jury saved");
    assert_eq!(s.entry("tester", "sprout-sense")["note"], "From the sheet and more");
    // An entry a pull withdrew beside the app takes no score in it.
    s.cmd().args(["--judge", "tester", "pull", "--from", "builtin:sample-v2"]).assert().success();
    app.keys("/Dream\r");
    app.wait_for("withdrawn");
    app.keys("5");
    app.wait_for("withdrawn from the export: it takes no new score");
    app.quit();
    assert_eq!(s.entry("tester", "dream-cartographer")["scores"], serde_json::json!({}));
}

#[test]
fn at_80_by_24_every_criterion_the_total_and_the_help_key_show() {
    let s = Sandbox::new();
    let mut app = Running::start_sized(&s, &["--judge", "tester"], &[], (80, 24));
    app.wait_for("Submissions (40)");
    app.keys("43");
    app.wait_for("▶ Cost");
    let screen = app.text();
    for want in ["Utility   [4]", "Latency   [3]", "Total — (2 of 3 scored)", "5 Runs on-device", "? keys"] {
        assert!(screen.contains(want), "{want:?} at 80×24:\n{screen}");
    }
    app.quit();
}

/// Resized while open (80×24 to 100×30, as `tmux resize-window` does) and quit with q: the
/// screen is cleared before the alternate screen is left, so that tmux brings back no line of
/// the app onto the main screen (as `less` leaves none).
#[test]
fn a_resized_app_quits_leaving_no_line_of_itself() {
    let s = Sandbox::new();
    let mut app = Running::start_sized(&s, &["--judge", "tester"], &[], (80, 24));
    app.wait_for("Submissions (40)");
    app.master.resize(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("resize");
    std::thread::sleep(Duration::from_millis(500));
    app.keys("q");
    assert!(app.finished(Duration::from_secs(20)).success(), "a clean exit on q");
    assert!(app.cleared_before_leaving(), "cleared before leaving the alternate screen");
}

#[test]
fn a_screen_too_small_takes_no_scores() {
    let s = Sandbox::new();
    let mut app = Running::start_sized(&s, &["--judge", "tester"], &[], (60, 20));
    app.wait_for("needs a terminal of at least 80×24");
    app.keys("2j5e");
    app.quit();
    assert_eq!(s.entry("tester", "sprout-sense")["scores"], serde_json::json!({}), "nothing the judge could not see");
}

#[test]
fn a_paste_is_text_in_a_note_and_nothing_in_the_list() {
    let s = Sandbox::new();
    let mut app = Running::start(&s, &[]);
    app.wait_for("Submissions (40)");
    app.keys("\x1b[200~hello 45\x1b[201~");
    app.wait_for("a paste types only into a note or a search");
    app.keys("e");
    app.wait_for("saved as you type");
    app.keys("\x1b[200~first line\nsecond 45\x1b[201~");
    app.wait_for("second 45");
    app.keys("\x1b");
    app.wait_for("note for the jury saved");
    app.quit();
    let entry = s.entry("tester", "sprout-sense");
    assert_eq!(entry["scores"], serde_json::json!({}), "digits in a paste scored nothing");
    assert_eq!(entry["note"], "first line\nsecond 45");
}

/// Pasted into a note at 80×24 through a terminal: a zero-width space, a bidi override, a stray
/// tag character and a line separator. The box's right edge stays on every row, the terminal's
/// cursor stands just past the last letter, and the note saved keeps the judge's text as
/// `score --note` keeps it (override gone, the separator a line break). (A private-use
/// character, drawn as U+FFFD, is tested on `TestBackend`: vt100 takes a U+FFFD for its own
/// decoder's and draws nothing.)
#[test]
fn a_note_pasted_with_invisible_characters_keeps_its_box_and_caret() {
    let s = Sandbox::new();
    let mut app = Running::start_sized(&s, &["--judge", "tester"], &[], (80, 24));
    app.wait_for("Submissions (40)");
    app.keys("e");
    app.wait_for("saved as you type");
    app.keys("\x1b[200~zw\u{200b}x bidi\u{202e}x tag\u{e0041}x\u{2028}end\x1b[201~");
    app.wait_for("end");
    let text = app.text();
    let rows: Vec<&str> = text.lines().collect();
    let top = rows.iter().position(|r| r.contains("┌ Note for the jury")).expect("the box");
    let right = rows[top].chars().position(|c| c == '┐').expect("its corner");
    let bottom = (top + 1..rows.len()).find(|y| rows[*y].contains('└')).expect("its bottom");
    for (y, row) in rows.iter().enumerate().take(bottom).skip(top + 1) {
        assert_eq!(row.chars().nth(right), Some('│'), "row {y}: {row:?}\n{text}");
    }
    assert!(rows[top + 1].contains("zwx bidix tagx"), "{text}");
    let (row, col) = app.screen.lock().expect("lock").screen().cursor_position();
    let end = rows[top + 2].find("end").map(|b| rows[top + 2][..b].chars().count()).expect("end");
    assert_eq!((usize::from(row), usize::from(col)), (top + 2, end + 3), "the cursor past \"end\"\n{text}");
    app.keys("\x1b");
    app.wait_for("note for the jury saved");
    app.quit();
    let entry = s.entry("tester", "sprout-sense");
    assert_eq!(entry["note"], "zw\u{200b}x bidix tag\u{e0041}x\nend");
}

#[test]
fn a_kill_right_after_a_move_reopens_where_the_judge_was() {
    let s = Sandbox::new();
    let mut app = Running::start(&s, &[]);
    app.wait_for("Submissions (40)");
    app.keys("jjj");
    app.wait_for("▶ not started wood     Lullaby Loom");
    // Killed at once, well within a second of the move.
    app.kill_hard();
    let again = Running::start(&s, &[]);
    again.wait_for("▶ not started wood     Lullaby Loom");
    again.quit();
}

#[test]
fn a_listed_judge_is_taken_at_once_as_judging_toml_spells_the_name() {
    // A login name judging.toml lists is offered.
    let s = Sandbox::new();
    let mut app = Running::start_with(&s, &[], &[("USER", "mira")]);
    app.wait_for("Your name as a judge [mira]:");
    app.keys("\r");
    app.wait_for("judge mira");
    app.quit();
    let s = Sandbox::new();
    let mut app = Running::start_with(&s, &[], &[("USER", "guess")]);
    app.wait_for("Your name as a judge: ");
    app.keys(" PRIYA \r");
    app.wait_for("judge priya");
    assert!(!app.text().contains("not among"));
    app.quit();
}

#[test]
fn a_closed_terminal_ends_the_head_judges_screen_too() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd().args(["--judge", "mira", "score", "pantry-poet", "utility=4", "latency=3", "cost=3"]).assert().success();
    s.cmd().args(["--judge", "mira", "export", "-o", "mira.json"]).assert().success();
    let app = Running::start_with(&s, &["--judge", "mira", "merge", "--tui", "mira.json"], &[]);
    app.wait_for("Rankings");
    let mut child = app.hang_up();
    Running::ended_within(&mut child, Duration::from_secs(2));
}

#[test]
fn a_finals_answer_given_in_the_app_survives_sigkill_and_judging_finals_shows_it() {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[finals]\n", judging::config::BUILTIN));
    s.file(
        "finals.toml",
        r#"format = "judging-finals"
version = 1
event = "build-small-2026"
published_at = "2026-07-01T10:00:00.000Z"
method = "calibrated"

[[rankings]]
ranking = "backyard"
paid = 4
finalists = [
  { id = "bus-stop-oracle", title = "Bus Stop Oracle", rubric_place = 1, rubric_score = 4.4 },
  { id = "meter-reader", title = "Meter Reader", rubric_place = 2, rubric_score = 4.2 },
]
"#,
    );
    let mut app = Running::start_with(&s, &["--judge", "mira"], &[]);
    app.wait_for("pulled 40 submissions");
    app.keys("F");
    app.wait_for("Finals · Backyard AI");
    app.wait_for("Meter Reader");
    // The right-hand finalist is the better: saved at once, and no pair is left.
    app.keys("\x1b[C");
    app.wait_for("saved: ");
    app.wait_for("No pair is left for you to compare");
    app.kill_hard();

    let out = s.cmd().args(["--judge", "mira", "finals"]).output().expect("runs");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{listed}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(listed.contains("you compared 1 of the 1 pairs you may"), "{listed}");
    assert!(listed.contains("you: Meter Reader over Bus Stop Oracle"), "{listed}");
}

/// The merge printed on a terminal of 80 columns: each entry's row stays one line, with the
/// same place, score, criteria and judges as the file's, the title cut to fit and GAP and
/// BEYOND left out (said so); long flags go under the row. At 200 columns, or to a file,
/// every column shows. The terminal had cut each row of 105 columns in two at its edge.
#[test]
fn the_merge_on_an_80_column_terminal_keeps_each_row_on_one_line() {
    let s = Sandbox::new();
    let entries = ["pantry-poet", "sprout-sense", "bus-stop-oracle", "lullaby-loom"];
    for (judge, utility) in [("mira", "5"), ("tomas", "2")] {
        s.cmd().args(["--judge", judge, "pull"]).assert().success();
        for id in entries {
            s.cmd()
                .args(["--judge", judge, "score", id, &format!("utility={utility}"), "latency=3", "cost=3"])
                .assert()
                .success();
        }
        s.cmd().args(["--judge", judge, "export", "-o", &format!("{judge}.json")]).assert().success();
    }
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    let merge = ["--judge", "head", "merge", "--method", "mean", "mira.json", "tomas.json"];
    s.cmd().args(merge).args(["-o", "rankings.txt"]).assert().success();
    let file = std::fs::read_to_string(s.path().join("rankings.txt")).expect("the table written");
    let screen_at = |cols: u16| {
        let mut app = Running::start_sized(&s, &merge, &[], (cols, 400));
        let status = app.finished(Duration::from_secs(20));
        assert!(status.success(), "{}", app.text());
        app.wait_for("MOST DISAGREED");
        // No row of a table cut at the terminal's edge (a cut row reads whole in `text`).
        let rows: Vec<String> = app.wrapped().into_iter().filter(|l| l.trim().contains("  ")).collect();
        assert!(rows.is_empty(), "at {cols}: rows cut at the edge: {rows:#?}");
        app.text()
    };
    let narrow = screen_at(80);
    let numbers = |line: &str| -> Vec<String> {
        line.split_whitespace().filter(|w| w.parse::<f64>().is_ok()).map(str::to_owned).collect()
    };
    // Rows found by the start of their titles: on the narrow screen ids and titles are cut short.
    let titles = ["Pantry Poe", "Sprout Sen", "Bus Stop O", "Lullaby Lo"];
    for id in titles {
        let row_of = |text: &str| {
            let row = |l: &&str| l.trim_start().starts_with(|c: char| c.is_ascii_digit()) && l.contains(id);
            text.lines().find(row).map(str::to_owned)
        };
        let whole = row_of(&file).unwrap_or_else(|| panic!("{id} in the file:\n{file}"));
        let shown = row_of(&narrow).unwrap_or_else(|| panic!("{id} on the screen:\n{narrow}"));
        // The file's row: place, score, three criteria, judges, GAP, BEYOND; on the screen the
        // same but GAP and BEYOND.
        let all = numbers(&whole);
        assert_eq!(numbers(&shown), all[..all.len() - 2], "{id}: {shown:?} against {whole:?}");
    }
    // What is left out or cut is said (the sentence wrapped between words): the ids here (15
    // columns) are cut to fit.
    let said = narrow.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("GAP and BEYOND left out, ids cut to 10 columns to fit this terminal's 80 columns"),
        "{said}"
    );
    assert!(narrow.lines().any(|l| l.starts_with("PLACE") && l.trim_end().ends_with("FLAGS")), "{narrow}");
    // The jury's results and the announcement: no row of a table is cut at the terminal's edge.
    for args in [&["results"][..], &["results", "--public"]] {
        let mut app = Running::start_sized(&s, &[&merge[..2], args, &merge[5..]].concat(), &[], (80, 400));
        let status = app.finished(Duration::from_secs(20));
        assert!(status.success(), "{args:?}: {}", app.text());
        let rows: Vec<String> = app.wrapped().into_iter().filter(|l| l.trim().contains("  ")).collect();
        assert!(rows.is_empty(), "{args:?}: rows cut at the edge: {rows:#?}\n{}", app.text());
    }
    let wide = screen_at(200);
    assert!(wide.lines().any(|l| l.starts_with("PLACE") && l.contains("GAP  BEYOND  FLAGS")), "{wide}");
    assert!(!wide.contains("left out to fit"), "{wide}");
    assert!(file.contains("GAP  BEYOND  FLAGS") && !file.contains("left out to fit"), "{file}");
}

/// Two files of judge mira, `first` scoring one entry and `second` one more, and the head
/// judge's store pulled: a merge of both warns that mira "appears twice".
fn mira_twice(s: &Sandbox, first: &str, second: &str) {
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd().args(["--judge", "mira", "score", "pantry-poet", "utility=4", "latency=3", "cost=3"]).assert().success();
    s.cmd().args(["--judge", "mira", "export", "-o", first]).assert().success();
    s.cmd().args(["--judge", "mira", "score", "sprout-sense", "utility=2", "latency=3", "cost=3"]).assert().success();
    s.cmd().args(["--judge", "mira", "export", "-o", second]).assert().success();
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
}

/// `args` run in a terminal of `size` to a successful end (within 20 s), its screen kept.
fn ran_to_its_end(s: &Sandbox, args: &[&str], size: (u16, u16)) -> Running {
    let mut app = Running::start_sized(s, args, &[], size);
    let status = app.finished(Duration::from_secs(20));
    assert!(status.success(), "{}", app.text());
    app
}

/// A file of tomas's scoring Sprout Sense, whose team he declares a conflict with in the
/// sample's judging.toml (`judging score` would refuse it; a file can say anything).
fn tomas_despite_his_conflict(s: &Sandbox) {
    common::score_file(s, "tomas.json", |b| b.judge = "tomas".into());
}

/// `results` and `merge` on a terminal list their warnings under "WARNINGS: weigh these before
/// announcing": each is said there once, not on standard error above the output as well (the
/// head judge had read each twice; the merge's table had stated the conflict alone, and standard
/// error repeated it with the rest); written to a file, standard error says them.
#[test]
fn the_results_and_merges_warnings_are_said_once_on_a_terminal() {
    let s = Sandbox::new();
    mira_twice(&s, "mira-monday.json", "mira-tuesday.json");
    tomas_despite_his_conflict(&s);
    let conflict = "Scored despite a conflict the judge declared";
    // Each output's last section, drawn after its warnings and after standard error's.
    for (command, last) in [("results", "UNVERIFIED"), ("merge", "Drift is reported only")] {
        let args = ["--judge", "head", command, "mira-monday.json", "mira-tuesday.json", "tomas.json"];
        let shown = ran_to_its_end(&s, &args, (200, 200));
        shown.wait_for(last);
        let text = shown.text();
        assert_eq!(text.matches("WARNINGS: weigh these before announcing").count(), 1, "{command}: {text}");
        for warning in ["appears twice", conflict] {
            assert_eq!(text.matches(warning).count(), 1, "{command}: {warning} once: {text}");
        }
        assert!(!text.contains("warning: "), "{command}: not on standard error too: {text}");
        let to_file = [&args[..], &["-o", "written.txt"]].concat();
        let written = ran_to_its_end(&s, &to_file, (200, 200));
        written.wait_for("written.txt");
        let text = written.text();
        assert!(text.contains("warning: judge \"mira\" appears twice"), "{command}: {text}");
        assert!(text.contains(&format!("warning: {conflict}")), "{command}: {text}");
    }
}

/// The merge's warnings on a terminal wrap between words at its width, each line after the first
/// indented, where the terminal had cut them mid-word at its edge; piped, each is one line.
#[test]
fn the_merges_warnings_wrap_between_words_on_a_terminal() {
    let s = Sandbox::new();
    mira_twice(&s, "mira-monday-morning.json", "mira-tuesday-evening.json");
    let merge = ["--judge", "head", "merge", "--no-chances", "mira-monday-morning.json", "mira-tuesday-evening.json"];
    let piped = s.cmd().args(merge).output().expect("runs");
    let said = String::from_utf8_lossy(&piped.stderr).into_owned();
    let line = said.lines().find(|l| l.contains("appears twice")).unwrap_or_else(|| panic!("{said}"));
    assert!(line.starts_with("warning: ") && line.contains("does not"), "piped, one line: {said}");
    // On a terminal the table lists the warnings; written to a file, standard error says them.
    let app = ran_to_its_end(&s, &[&merge[..], &["-o", "wrapped.txt"]].concat(), (60, 200));
    app.wait_for("Wrote wrapped.txt");
    let cut: Vec<String> =
        app.wrapped().into_iter().filter(|l| l.starts_with("warning") || l.starts_with("  ")).collect();
    let text = app.text();
    let start = text.lines().position(|l| l.contains("appears twice")).unwrap_or_else(|| panic!("{text}"));
    let lines: Vec<&str> = text
        .lines()
        .skip(start)
        .take_while(|l| *l == text.lines().nth(start).unwrap_or_default() || l.starts_with("  "))
        .collect();
    assert!(lines.len() > 1 && lines[1..].iter().all(|l| l.starts_with("  ")), "{lines:#?}");
    assert_eq!(lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "), line, "the same words, between words");
    assert!(cut.iter().all(|l| !l.contains("appears twice")), "cut at the edge: {cut:#?}");
    // Written to a file, the merge says so on a terminal, as `results` does; piped, it does not.
    let to_file = ["--judge", "head", "merge", "--no-chances", "mira-tuesday-evening.json", "-o", "merged.txt"];
    let piped = s.cmd().args(to_file).output().expect("runs");
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("Wrote"), "piped: nothing said");
    let mut app = Running::start_sized(&s, &to_file, &[], (60, 200));
    let status = app.finished(Duration::from_secs(20));
    assert!(status.success(), "{}", app.text());
    app.wait_for("Wrote merged.txt");
    // The last error line wraps as the warnings do, its next lines indented.
    let missing = ["--judge", "head", "merge", "--no-chances", "no-such-file-anywhere.json"];
    let mut app = Running::start_sized(&s, &missing, &[], (40, 200));
    let status = app.finished(Duration::from_secs(20));
    assert!(!status.success(), "{}", app.text());
    app.wait_for("no-such-file-anywhere.json");
    let text = app.text();
    let start = text.lines().position(|l| l.starts_with("error:")).unwrap_or_else(|| panic!("{text}"));
    let next = text.lines().nth(start + 1).unwrap_or_default();
    assert!(next.starts_with("  ") && !next.trim().is_empty(), "wrapped and indented: {text}");
    // Every judge's view of one entry: a table where it fits, else a sentence a judge, wrapped
    // between words (at 60 columns the table's heading had broken mid-word).
    let entry = ["--judge", "head", "merge", "--no-chances", "mira-tuesday-evening.json", "--entry", "pantry-poet"];
    for (columns, table) in [(60, false), (120, true)] {
        let mut app = Running::start_sized(&s, &entry, &[], (columns, 200));
        let status = app.finished(Duration::from_secs(20));
        assert!(status.success(), "{}", app.text());
        app.wait_for("Pantry Poet");
        let text = app.text();
        assert_eq!(text.contains("STOPWATCH  NOTE"), table, "{columns}: {text}");
        assert_eq!(
            text.lines().any(|l| l.starts_with("mira: utility 4, latency 3, cost 3; total 3.50")),
            !table,
            "{text}"
        );
    }
}

/// Sixty judges' score files on the sample event, each scoring three entries in four with a
/// leniency of their own: a panel whose chances of a paid place take seconds to refit.
fn sixty_judges(s: &Sandbox) -> Vec<String> {
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    let list = s.list_json("head");
    let ids: Vec<&str> = list.as_array().expect("list").iter().map(|e| e["id"].as_str().expect("id")).collect();
    let config = judging::config::Config::builtin();
    (0..60usize)
        .map(|j| {
            let scores = ids
                .iter()
                .enumerate()
                .filter(|(e, _)| (e + j) % 4 != 0)
                .map(|(e, id)| {
                    let mark = |k: usize| u8::try_from(1 + (e * 7 + j + k) % 5).ok();
                    ((*id).to_owned(), vec![mark(0), mark(2), mark(j % 3)], vec![Some(1_781_000_000_000); 3])
                })
                .collect();
            let body = judging::scorefile::Body {
                event: config.event.id.clone(),
                rubric: judging::scorefile::rubric_fingerprint(&config),
                judge: format!("judge-{j:02}"),
                written_at: "2026-06-21T10:00:00.000Z".into(),
                criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
                scores,
                ..judging::scorefile::Body::default()
            };
            let name = format!("judge-{j:02}.json");
            std::fs::write(s.path().join(&name), judging::scorefile::write(&body, None).expect("json")).expect("write");
            name
        })
        .collect()
}

/// `merge --chances` on a 60-judge panel at 80x24: the refits are a bar that advances, on one
/// line (at 80 columns "Merging 60 judges with the calibrated method: chances of a paid place,
/// refits" and its bar had taken two, the bar broken at the edge), then the paid places without
/// each judge are counted too (a spinner had stood still through them); the terminal is left to
/// the warnings and "Wrote", and the file written, or the output piped, holds nothing of them.
/// Ctrl-C during the refits clears the bar and writes no file.
#[test]
fn the_merges_refits_are_a_bar_on_one_line_that_leaves_no_trace() {
    let s = Sandbox::new();
    let files = sixty_judges(&s);
    let merge = |out: &str| -> Vec<String> {
        let mut args: Vec<String> = ["--judge", "head", "merge", "--chances", "-o", out].map(String::from).to_vec();
        args.extend(files.iter().cloned());
        args
    };
    let args = merge("merged.txt");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut app = Running::start_sized(&s, &args, &[], (80, 24));
    let status = app.finished(Duration::from_secs(120));
    assert!(status.success(), "{}", app.text());
    app.wait_for("Wrote merged.txt");
    // What was drawn: each stage's bar, counting up to its end, every frame on one line of the
    // 80 columns, short of the last two.
    let drawn = app.drawn_lines();
    for (stage, total) in [("Chances of a paid place, refits", 200), ("Paid places without each judge", 60)] {
        let frames: Vec<&String> = drawn.iter().filter(|l| l.starts_with(stage)).collect();
        let counts: Vec<u64> = frames
            .iter()
            .filter_map(|l| l.split(']').nth(1)?.split_whitespace().next()?.split_once('/'))
            .map(|(done, of)| {
                assert_eq!(of.parse::<u64>().ok(), Some(total), "{stage}: {frames:#?}");
                done.parse().expect("a count")
            })
            .collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{stage} counts up: {counts:?}");
        // A bar is drawn at most 20 times a second: a stage over in less than a frame's time on
        // a fast run shows its first count alone (60 merges without one judge had, in CI), so
        // "advances" is asked of a stage drawn more than once.
        assert!(!counts.is_empty(), "{stage} drawn: {frames:#?}");
        assert!(counts.len() < 2 || counts.iter().any(|c| *c > 0), "{stage} advances: {counts:?}");
        for frame in &frames {
            let columns = frame.trim_end().chars().count();
            assert!(columns <= 78, "{stage} drawn on {columns} columns of 80: {frame:?}");
        }
    }
    // The terminal is left to the warnings and "Wrote".
    let text = app.text();
    for left in ["refits", "Paid places without", "Merging 60 judges"] {
        assert!(!text.contains(left), "{left:?} left on the terminal:\n{text}");
    }
    let written = std::fs::read_to_string(s.path().join("merged.txt")).expect("the file written");
    assert!(written.contains("judge-59"), "{written}");
    for drawn in ["refits", "Paid places without", "Merging", "\u{1b}", "\r"] {
        assert!(!written.contains(drawn), "{drawn:?} in the file written");
    }
    // Piped, nothing is drawn on either stream.
    let piped = s.cmd().args(&args[..4]).args(&files).output().expect("runs");
    assert!(piped.status.success(), "{}", String::from_utf8_lossy(&piped.stderr));
    for stream in [&piped.stdout, &piped.stderr] {
        let said = String::from_utf8_lossy(stream);
        assert!(!said.contains("refits") && !said.contains('\u{1b}') && !said.contains('\r'), "{said}");
    }
    // Ctrl-C during the refits: the bar is cleared, and no file is written.
    let args = merge("interrupted.txt");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut app = Running::start_sized(&s, &args, &[], (80, 24));
    app.wait_for("Chances of a paid place, refits [");
    app.keys("\u{3}");
    let status = app.finished(Duration::from_secs(10));
    assert!(!status.success(), "ended by the signal: {status:?}");
    std::thread::sleep(Duration::from_millis(300));
    let text = app.text();
    assert!(!text.contains("refits"), "the bar is left:\n{text}");
    assert!(!app.screen.lock().expect("lock").screen().hide_cursor(), "the cursor is hidden");
    assert!(!s.path().join("interrupted.txt").exists(), "a file written after Ctrl-C");
}

/// `merge --chances` on a 60-judge panel at 40 columns: each stage's bar keeps to one line short
/// of the last two columns, its words cut and its graphic dropped, its count kept. The graphic
/// alone (30 columns) with the count had run the line past the edge ("… [=====>   ] 78/20" and
/// "0 8s" under it), the words cut to nothing. Read from every frame drawn and from the screen
/// while the merge runs: no line holds a piece of a bar without the rest of it, and no two lines
/// hold one.
#[test]
fn at_40_columns_each_bar_keeps_to_one_line() {
    let s = Sandbox::new();
    let files = sixty_judges(&s);
    let mut args: Vec<&str> = vec!["--judge", "head", "merge", "--chances", "-o", "merged.txt"];
    args.extend(files.iter().map(String::as_str));
    let mut app = Running::start_sized(&s, &args, &[], (40, 24));
    // The stages' words as cut to 38 columns, and their counts.
    let stages = [("Chances of a paid place", "/200"), ("Paid places without each", "/60")];
    let start = Instant::now();
    let mut seen = 0;
    while app.child.try_wait().expect("status").is_none() {
        assert!(start.elapsed() < Duration::from_secs(120), "still merging:\n{}", app.text());
        let text = app.text();
        for (words, count) in stages {
            let pieces: Vec<&str> = text.lines().filter(|l| l.contains(words) || l.contains(count)).collect();
            assert!(pieces.len() <= 1, "{words}: a bar on {} lines:\n{text}", pieces.len());
            for line in &pieces {
                assert!(line.starts_with(words) && line.contains(count), "{words}: a piece of a bar:\n{text}");
                seen += 1;
            }
        }
        assert!(app.wrapped().is_empty(), "lines run past the edge: {:#?}", app.wrapped());
        std::thread::sleep(Duration::from_millis(30));
    }
    app.wait_for("Wrote merged.txt");
    assert!(seen > 0, "no bar seen on the screen");
    let drawn = app.drawn_lines();
    for (words, count) in stages {
        let frames: Vec<&String> = drawn.iter().filter(|l| l.contains(words) || l.contains(count)).collect();
        assert!(!frames.is_empty(), "{words}: never drawn");
        for frame in frames {
            assert!(frame.starts_with(words) && frame.contains(count), "{words}: a piece of a bar: {frame:?}");
            let columns = frame.trim_end().chars().count();
            assert!(columns <= 38, "{words} drawn on {columns} columns of 40: {frame:?}");
        }
    }
}

/// Ctrl-C (and `kill`) while a spinner is drawn clears its line before the command ends, as it
/// ends on its own: the line had stayed on the terminal ("⠠ Reading the export 2s^C") with the
/// shell's prompt after it. The command still ends as a signal ends it, not with success; and a
/// later command's spinner is cleared the same way. The export is a server that never answers,
/// so the spinner is there to interrupt.
#[test]
fn an_interrupted_spinner_leaves_no_line_behind() {
    let s = Sandbox::new();
    // Accepted by the system and never answered: the pull waits on it.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}/export.csv", silent.local_addr().expect("address"));
    for (how, signal) in [("Ctrl-C", None), ("kill -TERM", Some("-TERM")), ("kill -INT", Some("-INT"))] {
        let mut pull = Running::start_sized(&s, &["--judge", "mira", "pull", "--from", &url], &[], (100, 30));
        pull.wait_for("Reading the export");
        match signal {
            None => pull.keys("\u{3}"),
            Some(signal) => pull.signal(signal),
        }
        let status = pull.finished(Duration::from_secs(10));
        assert!(!status.success(), "{how}: ended by the signal, not as if done: {status:?}");
        // What the screen shows once the process is gone: the reader may still be catching up.
        std::thread::sleep(Duration::from_millis(300));
        let text = pull.text();
        assert!(!text.contains("Reading the export"), "{how}: the spinner's line is left:\n{text}");
        assert!(!pull.screen.lock().expect("lock").screen().hide_cursor(), "{how}: the cursor is hidden");
    }
}

/// A warning said while a spinner is drawn (collect names a file in the repo it leaves alone)
/// stands on a line of its own, and the spinner's line is gone once the command ends: the
/// warning had been written after the spinner on its line, or the spinner's last frame left
/// above it.
#[test]
fn a_warning_said_under_a_spinner_leaves_no_spinner_behind() {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[sync]\nrepo = \"judges/scores\"\n", judging::config::BUILTIN));
    s.cmd().args(["--judge", "head", "pull"]).assert().success();
    // Slow enough for the spinner to be drawn before the listing comes.
    let hub = common::hubrepo::FakeHub::start("judges/scores", Duration::from_millis(400), |st| st.exists = true);
    hub.put("scores/notes.txt", b"not a score file");
    let mut collect =
        Running::start_sized(&s, &["--judge", "head", "collect"], &[("HF_ENDPOINT", hub.base.as_str())], (100, 30));
    collect.wait_for("Collecting the score files");
    let _ = collect.finished(Duration::from_secs(20));
    collect.wait_for("Collected 0 of 1");
    let text = collect.text();
    assert!(!text.contains("Collecting the score files"), "the spinner's line is left:\n{text}");
    let warning = text.lines().find(|l| l.contains("notes.txt")).unwrap_or_else(|| panic!("{text}"));
    assert!(warning.starts_with("warning: scores/notes.txt"), "a line of its own:\n{text}");
}

/// Every step that waits on the network draws a spinner on a terminal: `check` reading an export
/// URL, `sync init` uploading the event, `join` fetching it and `status` collecting the judges'
/// files had been silent for as long as the network took (a minute and more on a slow one).
#[test]
fn every_wait_on_the_network_draws_a_spinner() {
    let s = Sandbox::new();
    s.file("judging.toml", &format!("{}\n[sync]\nrepo = \"judges/scores\"\n", judging::config::BUILTIN));
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}/export.csv", silent.local_addr().expect("address"));
    let hub = common::hubrepo::FakeHub::start("judges/scores", Duration::from_millis(1500), |_| {});
    let endpoint = [("HF_ENDPOINT", hub.base.as_str())];
    for (args, spinner) in [
        (vec!["check", "--from", url.as_str()], "Reading the export"),
        (vec!["sync", "init"], "Uploading the event to judges/scores"),
        (vec!["--judge", "mira", "status"], "Collecting the score files from judges/scores"),
        (vec!["--judge", "ana", "join", "judges/scores"], "Fetching the event from judges/scores"),
    ] {
        let mut running = Running::start_sized(&s, &args, &endpoint, (120, 30));
        running.wait_for(spinner);
        running.keys("\u{3}");
        let _ = running.finished(Duration::from_secs(10));
    }
}

/// A pull's rejected rows on an 80-column terminal wrap between words, each line after the first
/// indented, as every warning does: the line counting the rest of a kind ("... and 17 more
/// rejections of this kind (duplicate id), on lines ...") ran past the edge and was cut mid-word.
#[test]
fn a_pulls_rejections_wrap_between_words_on_a_terminal() {
    let s = Sandbox::new();
    let mut export = String::from("id,title,space_url\n");
    for n in 0..20 {
        export.push_str(&format!("same-id,Entry {n},https://huggingface.co/spaces/o/e{n}\n"));
    }
    s.file("dups.csv", &export);
    let mut pull = Running::start_sized(&s, &["--judge", "mira", "pull", "--from", "dups.csv"], &[], (80, 40));
    let _ = pull.finished(Duration::from_secs(20));
    pull.wait_for("more rejected rows of this kind");
    let cut: Vec<String> = pull.wrapped();
    assert!(cut.is_empty(), "cut at the terminal's edge: {cut:#?}\n{}", pull.text());
    let text = pull.text();
    let at = text.lines().position(|l| l.contains("more rejected rows")).unwrap_or_else(|| panic!("{text}"));
    let next = text.lines().nth(at + 1).unwrap_or_default();
    assert!(next.starts_with("    ") && next.trim_start().starts_with(char::is_numeric), "indented: {text}");
}

/// `judging list` fits the terminal it is printed on, without `$COLUMNS` (which a shell does not
/// export): it had laid the table out for 120 columns on any terminal, and a 100-column one broke
/// each row in two at its edge. At 80 columns the sample's table took 82 (its columns' least
/// widths added past 80), and each row with a warning broke in two: the columns of least use
/// now give way, said under the table, and the ids stay whole.
#[test]
fn the_list_fits_the_terminal_without_columns_set() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "tester", "pull"]).assert().success();
    let left_out = [
        (110, None),
        (100, None),
        (80, Some("TEAM left out to fit 80 columns: a wider terminal shows it, as `--format csv` does")),
        (60, Some("TRACK, TEAM and WARNINGS left out to fit 60 columns (8 entries have warnings)")),
    ];
    for (cols, note) in left_out {
        let mut app = Running::start_sized(&s, &["--judge", "tester", "list"], &[], (cols, 60));
        let status = app.finished(Duration::from_secs(20));
        assert!(status.success(), "{}", app.text());
        app.wait_for("moonlight-mixer");
        let text = app.text();
        assert!(app.wrapped().is_empty(), "at {cols}: rows cut at the edge: {:#?}\n{text}", app.wrapped());
        // The note wraps between words: read it as one line.
        let said = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match note {
            Some(note) => assert!(said.contains(note), "at {cols}:\n{text}"),
            None => assert!(!said.contains("left out") && text.contains("WARNINGS"), "at {cols}:\n{text}"),
        }
        assert!(text.lines().any(|l| l.starts_with("dream-cartographer ")), "at {cols}: the id cut\n{text}");
    }
}

/// `check`'s rejected rows wrap between words too, as the pull's do: a row with three bad links
/// is one line of three faults, which had run past a 60-column terminal's edge.
#[test]
fn checks_rejections_wrap_between_words_on_a_terminal() {
    let s = Sandbox::new();
    let mut export = String::from("id,title,space_url,video_url\n");
    for n in 0..5 {
        export.push_str(&format!("e{n},Entry {n},ftp://spaces/o/e{n},ftp://videos/e{n}\n"));
    }
    s.file("links.csv", &export);
    // Tall enough for every line: the built-in event's prizes and judges' conflicts, which name
    // nothing of this export, are said after the rows.
    let mut check = Running::start_sized(&s, &["--judge", "mira", "check", "--from", "links.csv"], &[], (60, 70));
    let _ = check.finished(Duration::from_secs(20));
    check.wait_for("more rejected rows of this kind");
    let cut: Vec<String> = check.wrapped();
    assert!(cut.is_empty(), "cut at the terminal's edge: {cut:#?}\n{}", check.text());
    assert!(check.text().contains("line 2 (e0): rejected: space:"), "{}", check.text());
}

/// `check`'s line counting the assignments wraps between words as its other lines do: it was
/// printed as it came, and a 40-column terminal cut it mid-word at its edge.
#[test]
fn checks_line_about_the_assignments_wraps_between_words() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd().args(["--judge", "mira", "assign"]).assert().success();
    let mut check = Running::start_sized(&s, &["--judge", "mira", "check"], &[], (40, 24));
    let status = check.finished(Duration::from_secs(20));
    check.wait_for("Ready");
    assert!(status.success(), "{}", check.text());
    let cut: Vec<String> = check.wrapped();
    assert!(cut.is_empty(), "cut at the terminal's edge: {cut:#?}\n{}", check.text());
    let said = check.text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("assignments.toml: 3 judges, 79 assignments"), "{}", check.text());
}

/// The line an export ends with ("Wrote scores-….json: 3 scores from judge mira") and its
/// warnings wrap between words on a narrow terminal, as every other line does: the terminal had
/// cut them mid-word at its edge.
#[test]
fn an_exports_lines_wrap_between_words_on_a_narrow_terminal() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    s.cmd().args(["--judge", "mira", "score", "pantry-poet", "utility=4", "latency=3", "cost=4"]).assert().success();
    // Partly scored: the export warns of it.
    s.cmd().args(["--judge", "mira", "score", "sprout-sense", "utility=4"]).assert().success();
    let mut export = Running::start_sized(&s, &["--judge", "mira", "export"], &[], (40, 24));
    let _ = export.finished(Duration::from_secs(20));
    export.wait_for("from judge");
    let cut: Vec<String> = export.wrapped();
    assert!(cut.is_empty(), "cut at the terminal's edge: {cut:#?}\n{}", export.text());
    let text = export.text();
    assert!(text.contains("Wrote scores-build-small-2026-mira.json:"), "{text}");
    assert!(text.contains("partly scored"), "{text}");
}

/// A bar waiting on a server that does not answer keeps its clock moving (it stood at "0/40
/// 0s" until the timeout, as if hung), and a terminal narrowed under it has the bar laid out
/// again on the columns left (it had been redrawn at its old width, each frame wrapped onto two
/// lines).
#[test]
fn a_waiting_bar_keeps_time_and_fits_a_resized_terminal() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let endpoint = format!("http://{}", silent.local_addr().expect("address"));
    let mut enrich =
        Running::start_sized(&s, &["--judge", "mira", "enrich"], &[("HF_ENDPOINT", endpoint.as_str())], (100, 30));
    enrich.wait_for("Asking the Hub about each Space [");
    std::thread::sleep(Duration::from_millis(2300));
    let waiting = enrich.drawn_lines();
    let last = waiting.iter().rev().find(|l| l.contains("Asking the Hub")).expect("the bar drawn");
    assert!(last.contains(" 0/") && !last.trim_end().ends_with(" 0s"), "the clock stood still: {last:?}");
    let before = enrich.written.lock().expect("lock").len();
    enrich.master.resize(PtySize { rows: 30, cols: 50, pixel_width: 0, pixel_height: 0 }).expect("resize");
    std::thread::sleep(Duration::from_millis(1200));
    let after = String::from_utf8_lossy(&enrich.written.lock().expect("lock")[before..]).into_owned();
    let frames: Vec<&str> = after.split(['\r', '\n']).filter(|f| f.contains("Asking")).collect();
    assert!(!frames.is_empty(), "no frame drawn after the resize: {after:?}");
    for frame in frames {
        let text: String = {
            // The frame's text, its escapes left out.
            let mut out = String::new();
            let mut chars = frame.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\u{1b}' {
                    if chars.next_if_eq(&'[').is_some() {
                        while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        assert!(text.trim_end().chars().count() <= 48, "drawn on more than 48 of 50 columns: {text:?}");
    }
    assert!(enrich.wrapped().is_empty(), "lines run past the edge: {:#?}", enrich.wrapped());
    enrich.keys("\u{3}");
    let _ = enrich.finished(Duration::from_secs(10));
}

/// On a terminal that cannot move its cursor (`TERM=dumb`: Emacs's shell, some CI runners) no
/// progress is drawn: its frames' returns and clears showed there as junk.
#[test]
fn a_dumb_terminal_gets_no_progress() {
    let s = Sandbox::new();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}/export.csv", silent.local_addr().expect("address"));
    let mut pull =
        Running::start_sized(&s, &["--judge", "mira", "pull", "--from", &url], &[("TERM", "dumb")], (100, 30));
    std::thread::sleep(Duration::from_millis(1500));
    pull.keys("\u{3}");
    let _ = pull.finished(Duration::from_secs(10));
    let written = String::from_utf8_lossy(&pull.written.lock().expect("lock")).into_owned();
    assert!(!written.contains("Reading the export") && !written.contains('\r'), "progress drawn: {written:?}");
}

/// A pull from the Hub says what it is doing on a terminal as it goes: the listing's pages
/// counted ("Listing the Spaces of bsh: 2 pages"), then a bar of the READMEs asked for
/// ("Reading the Spaces' READMEs [==>  ] 5/12"), each frame on one line of an 80-column
/// terminal; with standard output piped, none of it reaches the output, only the terminal
/// (standard error). A Hub serving slowly enough for each frame to be drawn.
#[test]
fn a_pull_from_the_hub_counts_its_pages_then_its_readmes() {
    let hub = || {
        let space = |n: usize| {
            format!(
                r#"{{"id":"bsh/app-{n}","author":"bsh","sha":"sha-{n}","sdk":"gradio","tags":["track:wood"],"cardData":{{"title":"App {n}"}}}}"#
            )
        };
        let page = |from: usize| format!("[{}]", (from..from + 4).map(space).collect::<Vec<_>>().join(","));
        let next =
            |cursor: u32| vec![format!("Link: <{}/api/spaces?author=bsh&cursor={cursor}>; rel=\"next\"", common::BASE)];
        let mut routes = vec![
            ("/api/spaces?author=bsh&limit".to_owned(), vec![common::Reply::json_with(&page(0), &next(2))]),
            ("/api/spaces?author=bsh&cursor=2".to_owned(), vec![common::Reply::json_with(&page(4), &next(3))]),
            ("/api/spaces?author=bsh&cursor=3".to_owned(), vec![common::Reply::json(&page(8))]),
            ("/api/spaces/hardware".to_owned(), vec![common::Reply::json("[]")]),
        ];
        for n in 0..12 {
            let readme = format!("# App {n}\nDemo: https://youtu.be/a{n}\n");
            routes.push((
                format!("/spaces/bsh/app-{n}/raw/main/README.md"),
                vec![common::Reply::ok("text/plain", readme.as_bytes())],
            ));
        }
        common::Router::start(routes.iter().map(|(p, r)| (p.as_str(), r.clone())).collect(), Duration::from_millis(300))
    };
    let s = Sandbox::new();
    let router = hub();
    let args = ["--judge", "org", "pull", "--from", "hub:bsh"];
    let mut pull = Running::start_sized(&s, &args, &[("HF_ENDPOINT", router.base.as_str())], (80, 30));
    let status = pull.finished(Duration::from_secs(30));
    pull.wait_for("12 submissions");
    assert!(status.success(), "{}", pull.text());
    let drawn = pull.drawn_lines();
    let pages = drawn.iter().position(|l| l.contains("Listing the Spaces of bsh: 2 pages"));
    let bar = drawn.iter().position(|l| l.contains("Reading the Spaces' READMEs") && l.contains("/12"));
    let (Some(pages), Some(bar)) = (pages, bar) else { panic!("the pages, then the bar, drawn: {drawn:#?}") };
    assert!(pages < bar, "the pages counted before the READMEs: {drawn:#?}");
    for frame in drawn.iter().filter(|l| l.contains("Listing the Spaces") || l.contains("READMEs")) {
        let width = judging::text_width::width(frame.trim_end());
        assert!(width <= 80, "a frame on more than one line of 80 columns ({width}): {frame:?}");
    }
    let text = pull.text();
    assert!(!text.contains("Listing the Spaces") && !text.contains("READMEs"), "the progress is cleared:\n{text}");
    assert!(pull.wrapped().is_empty(), "lines run past the edge: {:#?}\n{text}", pull.wrapped());

    // Standard output piped (to a file), standard error the terminal: the progress is drawn on
    // the terminal, and the output holds the pull's report alone.
    let s = Sandbox::new();
    let router = hub();
    let pair = native_pty_system()
        .openpty(PtySize { rows: 30, cols: 80, pixel_width: 0, pixel_height: 0 })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", r#"exec "$0" --judge org pull --from hub:bsh > out.txt"#, env!("CARGO_BIN_EXE_judging")]);
    cmd.cwd(s.path());
    cmd.env_clear();
    for (k, v) in [
        ("HOME", s.path().display().to_string()),
        ("XDG_DATA_HOME", s.path().join("data").display().to_string()),
        ("XDG_CONFIG_HOME", s.path().join("config").display().to_string()),
        ("TERM", "xterm-256color".to_owned()),
        ("PATH", std::env::var("PATH").unwrap_or_default()),
        ("HF_ENDPOINT", router.base.clone()),
    ] {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let terminal = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&all).into_owned()
    });
    let status = Running::ended_within(&mut child, Duration::from_secs(30));
    drop(pair.master);
    let terminal = terminal.join().unwrap_or_default();
    let output = std::fs::read_to_string(s.path().join("out.txt")).expect("the output");
    assert!(status.success(), "{terminal}{output}");
    assert!(terminal.contains("Listing the Spaces of bsh") && terminal.contains("READMEs"), "drawn: {terminal:?}");
    assert!(output.contains("12 submissions"), "the report: {output}");
    for drawn in ["Listing", "READMEs", "\r", "\u{1b}"] {
        assert!(!output.contains(drawn), "{drawn:?} in the output: {output:?}");
    }
}

/// The line counting a busy Hub's waits stays on one line of an 80-column terminal, the waits
/// named by their Spaces' ids and never by a whole address: forty Spaces' full URLs had run it
/// to several lines.
#[test]
fn the_waits_counted_fit_one_line_of_the_terminal() {
    let s = Sandbox::new();
    s.cmd().args(["--judge", "mira", "pull"]).assert().success();
    // Waits of no seconds: the Hub asks for none.
    let router = common::busy_hub(12, 0);
    let mut enrich =
        Running::start_sized(&s, &["--judge", "mira", "enrich"], &[("HF_ENDPOINT", router.base.as_str())], (80, 60));
    let status = enrich.finished(Duration::from_secs(30));
    enrich.wait_for("Hub facts refreshed");
    let text = enrich.text();
    assert!(status.success(), "{text}");
    let counted = text.lines().find(|l| l.contains("more such waits")).unwrap_or_else(|| panic!("{text}"));
    assert!(counted.trim_end().ends_with("(it answered 429 (busy))"), "one line: {counted:?}\n{text}");
    assert!(counted.starts_with("The Hub: ... and 9 more such waits"), "{text}");
    assert!(!text.contains("/api/spaces/"), "no address: {text}");
    assert!(text.contains("(build-small-hackathon/"), "named by the Space's id: {text}");
    assert!(enrich.wrapped().is_empty(), "lines run past the edge: {:#?}\n{text}", enrich.wrapped());
}

/// The screen is cleared before the first frame, for the judge's app and the head judge's
/// board alike (both start in `terminal::full_screen`): on a terminal whose alternate screen
/// was already up (GNU screen without altscreen, tmux after `tput smcup`, a `reset` after a
/// kill -9), stale letters showed in every blank cell all session ("judging ZBuildZSmallZ…").
#[test]
fn the_screen_is_cleared_before_the_first_frame() {
    let s = Sandbox::new();
    let app = Running::start_sized(&s, &["--judge", "tester"], &[], (80, 24));
    app.wait_for("Submissions (40)");
    let written = app.written.lock().expect("lock").clone();
    let at = |what: &[u8]| written.windows(what.len()).position(|w| w == what);
    let cleared = at(b"\x1b[2J").expect("a clear");
    let drawn = at(b"Submissions").expect("the list");
    assert!(cleared < drawn, "cleared at byte {cleared}, after the first frame drew the list at {drawn}");
    app.quit();
}
