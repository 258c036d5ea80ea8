//! Opening links in the judge's browser, safely and without blocking the screen.
//!
//! Only http(s) links are opened. `$BROWSER` wins, then the system's opener (the `open` crate, which does not read `$BROWSER` itself). The browser is
//! started detached with its output discarded, so it can neither block nor garble the screen.

use std::process::{Command, Stdio};

/// The command to run for a link, when the judge names one in `$BROWSER`. Never judging.toml's
/// `browser`: that file is shared, and a shared file must not choose a program for every judge.
pub fn chosen() -> Option<String> {
    std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty())
}

/// Opens `link`, or says why not.
pub fn open(link: &str, browser: Option<&str>) -> Result<(), String> {
    let url = crate::links::web_link(link).map_err(|e| e.to_string())?;
    let url = url.as_str();
    match browser {
        Some(command) => spawn(command, url),
        None => open::that_detached(url).map_err(|e| format!("could not start a browser: {e}")),
    }
}

/// Runs a `$BROWSER`-style command: `%s` stands for the link, or the link is the last argument.
/// A colon-separated list is tried in order, as other tools read `$BROWSER`.
fn spawn(command: &str, url: &str) -> Result<(), String> {
    let mut last = String::from("$BROWSER is empty");
    for candidate in command.split(':').map(str::trim).filter(|c| !c.is_empty()) {
        let mut words: Vec<String> = candidate.split_whitespace().map(str::to_owned).collect();
        if words.iter().any(|w| w.contains("%s")) {
            for w in &mut words {
                *w = w.replace("%s", url);
            }
        } else {
            words.push(url.to_owned());
        }
        let (program, args) = words.split_first().ok_or("empty browser command")?;
        match Command::new(program).args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()
        {
            Ok(mut child) => {
                // Reap it when it exits, without waiting for it here.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => last = format!("could not start {program:?}: {e}"),
        }
    }
    Err(last)
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
    fn a_missing_browser_is_an_error_not_a_crash() {
        let err = open("https://example.org", Some("/nonexistent/browser")).expect_err("fails");
        assert!(err.contains("could not start \"/nonexistent/browser\""), "{err}");
    }
}
