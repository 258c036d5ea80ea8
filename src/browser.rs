//! Opening links in the judge's browser, safely and without blocking the screen.
//!
//! Only http(s) links are opened. `$BROWSER` wins, then the system's opener (the `open` crate, which does not read `$BROWSER` itself). The browser is
//! started detached with its output discarded, so it can neither block nor garble the screen.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The command to run for a link, when the judge names one in `$BROWSER`. Never judging.toml's
/// `browser`: that file is shared, and a shared file must not choose a program for every judge.
pub fn chosen() -> Option<String> {
    std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty())
}

/// Why a link did not open where `$BROWSER` is not set: the system's opener started none (no
/// display, as over SSH, or no browser installed). It ends in what to do, as every reason here
/// does, so that the app can add "or copy the link".
pub const NO_BROWSER: &str = "no browser started: set $BROWSER to your browser's command";

/// Opens `link`, or says why not.
pub fn open(link: &str, browser: Option<&str>) -> Result<(), String> {
    let url = crate::links::web_link(link).map_err(|e| e.to_string())?;
    let url = url.as_str();
    match browser {
        Some(command) => spawn(command, url),
        // The opener's own error is a launcher's exit status; what helps is what to do.
        None => open::that_detached(url).map_err(|_| NO_BROWSER.to_owned()),
    }
}

/// Runs a `$BROWSER`-style command: `%s` stands for the link, or the link is the last argument.
/// A colon-separated list is tried in order, as other tools read `$BROWSER`.
fn spawn(command: &str, url: &str) -> Result<(), String> {
    let mut last = String::from("$BROWSER is empty");
    for candidate in command.split(':').map(str::trim).filter(|c| !c.is_empty()) {
        // A path to a program with spaces in it, written bare, is the program; else the words
        // as a shell would split them (quotes kept together), never run through a shell.
        let mut words: Vec<String> = if std::path::Path::new(candidate).is_file() {
            vec![candidate.to_owned()]
        } else {
            let Some(words) = shlex::split(candidate) else {
                last = format!("$BROWSER {candidate:?} has an unclosed quote");
                continue;
            };
            words
        };
        if words.iter().any(|w| w.contains("%s")) {
            for w in &mut words {
                *w = w.replace("%s", url);
            }
        } else {
            words.push(url.to_owned());
        }
        let (program, args) = words.split_first().ok_or("empty browser command")?;
        let mut command = Command::new(program);
        command.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        match watched(command) {
            Ok(()) => return Ok(()),
            // "not found" says it all; an OS error's number adds nothing for a judge.
            Err(Failed::NotStarted(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                last = format!("{program:?} was not found; check $BROWSER");
            }
            Err(Failed::NotStarted(e)) => last = format!("{program:?} did not start: {e}; check $BROWSER"),
            Err(Failed::Stopped(how)) => last = format!("{program:?} did not open the link: it {how}; check $BROWSER"),
        }
    }
    Err(last)
}

/// How long a started browser command is watched for failing, as the system's opener watches
/// its launchers: a command that cannot open the link (a wrong name in `$BROWSER`, no display)
/// stops at once; one still running by then is the browser itself, left to run.
const WATCHED_FOR: Duration = Duration::from_secs(2);

/// Why a browser command did not open the link.
enum Failed {
    NotStarted(std::io::Error),
    /// How it stopped: "stopped with exit code 1".
    Stopped(String),
}

/// Starts `command` in a process group of its own (so that closing the judge's terminal does not
/// close the browser with it) and watches it for [`WATCHED_FOR`]: an error if it stops with a
/// failure by then. Runs on the opener's thread, never the screen's.
fn watched(mut command: Command) -> Result<(), Failed> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(Failed::NotStarted)?;
    let until = Instant::now() + WATCHED_FOR;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(Failed::Stopped(match status.code() {
                    Some(code) => format!("stopped with exit code {code}"),
                    None => "was stopped by a signal".to_owned(),
                }));
            }
            Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(20)),
            // Still running (or its state unknown: try_wait failed, and it did start): reaped
            // when it exits, without waiting for it here.
            _ => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_are_opened() {
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", ""] {
            assert!(open(bad, Some("/bin/true")).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_browser_whose_path_has_spaces_is_started() {
        let dir = tempfile::tempdir().expect("tempdir");
        let seen = dir.path().join("seen");
        let program = dir.path().join("Google Chrome");
        std::fs::write(&program, format!("#!/bin/sh\necho \"$1\" > '{}'\n", seen.display())).expect("write");
        std::fs::set_permissions(&program, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
        let quoted = format!("'{}' %s", program.display());
        for command in [program.display().to_string(), quoted] {
            let _ = std::fs::remove_file(&seen);
            started_despite_busy_text(|| open("https://example.org/a_b", Some(&command)));
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while !seen.exists() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let got = std::fs::read_to_string(&seen).unwrap_or_default();
            assert_eq!(got.trim(), "https://example.org/a_b", "{command}");
        }
        assert!(open("https://example.org", Some("'unclosed %s")).expect_err("refused").contains("unclosed quote"));
    }

    /// Runs `start`, again while the kernel says "Text file busy". That comes from the tests,
    /// not the app: another test's thread may fork just as the stub program is written, and the
    /// child holds the write handle until it runs its own program, a few microseconds.
    fn started_despite_busy_text(start: impl Fn() -> Result<(), String>) {
        let mut result = start();
        for _ in 0..100 {
            match &result {
                Err(e) if e.contains("os error 26") => std::thread::sleep(std::time::Duration::from_millis(10)),
                _ => break,
            }
            result = start();
        }
        result.expect("started");
    }

    /// A `$BROWSER` command that starts but cannot open the link is an error the judge sees, not
    /// "opened"; the next command of a colon-separated list is tried after it.
    #[test]
    fn a_browser_command_that_fails_is_an_error() {
        let err = open("https://example.org", Some("false")).expect_err("fails");
        assert_eq!(err, "\"false\" did not open the link: it stopped with exit code 1; check $BROWSER");
        assert_eq!(open("https://example.org", Some("false:true")), Ok(()));
        // A browser still running when the watch ends has opened it.
        let started = std::time::Instant::now();
        assert_eq!(open("https://example.org", Some("sh -c 'sleep 5'")), Ok(()));
        assert!(started.elapsed() < std::time::Duration::from_secs(4));
    }

    #[test]
    fn a_missing_browser_is_an_error_not_a_crash() {
        let err = open("https://example.org", Some("/nonexistent/browser")).expect_err("fails");
        assert!(err.contains("\"/nonexistent/browser\" was not found"), "{err}");
    }
}
