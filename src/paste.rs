//! What the app prints for a user to paste: whole commands ("Next: judging compare …", "prints it
//! whole: `judging merge …`") and the ids a "Did you mean" offers. Every such line is made here,
//! so that each pasted word reaches judging as the one argument it was printed as: quoted for the
//! shell, and placed so that clap never reads an id that starts with `-` as an option.

use std::fmt;
use std::path::Path;

/// `word` as one word for the shell: as it is where it holds only letters, digits and
/// `._-/:@+=,` (every id the sample export has), else in single quotes with its own quotes
/// escaped, so that an id from an export (`a;rm -rf ~`) stays one argument and never a command.
/// Controls are shown, not dropped (`sanitize::visible`): dropped, `a\e[2Jb` would print as `ab`,
/// another id, in a line meant to be pasted.
///
/// Not public: a shell word is not yet an argument (`-dash` is one word, and clap reads it as
/// options): [`Given`] and [`CommandLine`] say where it goes.
fn shell_word(word: &str) -> String {
    let word = crate::sanitize::visible(word);
    let plain = |c: char| c.is_ascii_alphanumeric() || "._-/:@+=,".contains(c);
    if !word.is_empty() && word.chars().all(plain) { word } else { format!("'{}'", word.replace('\'', "'\\''")) }
}

/// The files of a folder a shell's glob gives, to paste: `'my scores'/*.json`, the folder one
/// word and the glob left for the shell to expand.
pub fn glob_in(folder: &Path, glob: &str) -> String {
    let folder = folder.to_string_lossy();
    match folder.trim_end_matches('/') {
        "" => format!("/{glob}"),
        folder => format!("{}/{glob}", shell_word(folder)),
    }
}

/// Whether clap would read `value`, given as its own word, as an option rather than a value.
fn reads_as_option(value: &str) -> bool {
    value.starts_with('-') && value != "-"
}

/// Where a value goes on a command line: a positional argument (`judging score ID`), or an
/// option's value (`--entry ID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given<'a> {
    Positional,
    Option(&'a str),
}

impl Given<'_> {
    /// `value` as it is typed in this place, whole: `sprout-sense`, `'has space'`; an id that
    /// starts with `-` after `--` (`-- -dash`) or joined to its option (`--entry=-dash`), which
    /// is the only way clap takes it.
    pub fn typed(self, value: &str) -> String {
        match self {
            Given::Positional if reads_as_option(value) => format!("-- {}", shell_word(value)),
            Given::Option(flag) if reads_as_option(value) => format!("{flag}={}", shell_word(value)),
            Given::Positional | Given::Option(_) => shell_word(value),
        }
    }
}

/// " Did you mean: a, b?" for the ids that look like one typed, each as it is typed where it was
/// given ([`Given::typed`]); nothing when there are none.
pub fn did_you_mean<S: AsRef<str>>(near: &[S], given: Given) -> String {
    if near.is_empty() {
        return String::new();
    }
    let words: Vec<String> = near.iter().map(|id| given.typed(id.as_ref())).collect();
    format!(" Did you mean: {}?", words.join(", "))
}

/// " Did you mean:" and, a line each, the command line as it was given with `typed` (a positional
/// value, such as `judging score ID`'s) replaced by each id that looks like it: whole commands,
/// each pasted as it is shown ([`CommandLine`] places an id that starts with `-` after `--`, the
/// options before it). An id alone had been offered where it was typed, and one starting with `-`
/// as the fragment `-- -dash`, which pasted after a `--` already typed, or before an option,
/// made a line clap could not read. Nothing when there are none.
pub fn did_you_mean_instead<S: AsRef<str>>(typed: &str, near: &[S]) -> String {
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    instead_in(&crate::help::command(), &args, typed, near)
}

/// [`did_you_mean_instead`] of the command line `args` read by `command`.
fn instead_in<S: AsRef<str>>(command: &clap::Command, args: &[String], typed: &str, near: &[S]) -> String {
    if near.is_empty() {
        return String::new();
    }
    let lines: Option<Vec<String>> =
        near.iter().map(|id| retyped(command, args, typed, id.as_ref()).map(|line| line.to_string())).collect();
    match lines {
        Some(lines) => format!(" Did you mean:\n  {}", lines.join("\n  ")),
        None => did_you_mean(near, Given::Positional),
    }
}

/// The command line `args` (the program's name first) read by `command`, as a [`CommandLine`],
/// with its first positional value `typed` replaced by `id`; `None` where no positional is
/// `typed`. Each word is an option (with its value, where the option takes one), a command's
/// name, or a positional value, as clap reads them.
fn retyped(command: &clap::Command, args: &[String], typed: &str, id: &str) -> Option<CommandLine> {
    let mut line = CommandLine::new(&[]);
    let (mut at, mut words, mut rest) = (command, args.iter().skip(1), false);
    while let Some(word) = words.next() {
        if rest {
            line.positionals.push(word.clone());
        } else if word == "--" {
            rest = true;
        } else if reads_as_option(word) {
            let mut option = shell_word(word);
            if takes_a_value(at, word)
                && let Some(value) = words.next()
            {
                option = format!("{option} {}", shell_word(value));
            }
            line.options.push(option);
        } else if let Some(sub) = line.positionals.is_empty().then(|| at.find_subcommand(word)).flatten() {
            line.command.push(sub.get_name().to_owned());
            at = sub;
        } else {
            line.positionals.push(word.clone());
        }
    }
    let place = line.positionals.iter().position(|p| p == typed)?;
    id.clone_into(&mut line.positionals[place]);
    Some(line)
}

/// Whether `word`, an option typed alone (`--note`, `-o`; not `--note=x`), takes the next word
/// as its value in `command` (or above it: the shared options are declared at the top as well).
fn takes_a_value(command: &clap::Command, word: &str) -> bool {
    if word.contains('=') {
        return false;
    }
    let found = |arg: &clap::Arg| match word.strip_prefix("--") {
        Some(long) => arg.get_long() == Some(long) || arg.get_all_aliases().is_some_and(|a| a.contains(&long)),
        None => word.chars().last().is_some_and(|c| arg.get_short() == Some(c)) && word.len() == 2,
    };
    command.get_arguments().find(|arg| found(arg)).is_some_and(|arg| arg.get_action().takes_values())
}

/// A whole `judging` command to paste. Shown as given (`judging compare a b --winner X`); where a
/// positional value starts with `-`, its options come first and the positionals after `--`
/// (`judging compare --winner X -- -dash b`), as clap reads them. An option's value that starts
/// with `-` is joined to it (`--db=-x.db`).
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    command: Vec<String>,
    positionals: Vec<String>,
    options: Vec<String>,
}

impl CommandLine {
    /// `judging` and its subcommand's words, such as `["merge"]` or `["sync", "init"]`.
    pub fn new(subcommand: &[&str]) -> CommandLine {
        let mut command = vec!["judging".to_owned()];
        command.extend(subcommand.iter().map(|w| (*w).to_owned()));
        CommandLine { command, ..CommandLine::default() }
    }

    /// A positional value, such as an id or a file.
    #[must_use]
    pub fn arg(mut self, value: &str) -> CommandLine {
        self.positionals.push(value.to_owned());
        self
    }

    /// A positional path: shown as [`sanitize::visible`](crate::sanitize::visible) shows its text.
    #[must_use]
    pub fn path_arg(self, path: &Path) -> CommandLine {
        self.arg(&path.to_string_lossy())
    }

    /// An option with its value: `--entry ID`.
    #[must_use]
    pub fn opt(mut self, flag: &str, value: &str) -> CommandLine {
        let word = shell_word(value);
        self.options.push(if reads_as_option(value) { format!("{flag}={word}") } else { format!("{flag} {word}") });
        self
    }

    /// An option whose value is a path.
    #[must_use]
    pub fn path_opt(self, flag: &str, path: &Path) -> CommandLine {
        self.opt(flag, &path.to_string_lossy())
    }

    /// An option without a value: `--from-hub`.
    #[must_use]
    pub fn flag(mut self, flag: &str) -> CommandLine {
        self.options.push(flag.to_owned());
        self
    }
}

impl fmt::Display for CommandLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let positionals: Vec<String> = self.positionals.iter().map(|p| shell_word(p)).collect();
        let mut words = self.command.clone();
        if self.positionals.iter().any(|p| reads_as_option(p)) {
            words.extend(self.options.iter().cloned());
            words.push("--".to_owned());
            words.extend(positionals);
        } else {
            words.extend(positionals);
            words.extend(self.options.iter().cloned());
        }
        f.write_str(&words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An id pasted in a printed command stays one argument, whatever the export gave.
    #[test]
    fn a_word_for_the_shell_is_one_argument() {
        let cases = [
            ("bus-stop-oracle", "bus-stop-oracle"),
            ("org/model_v1.2", "org/model_v1.2"),
            ("a;rm -rf ~", "'a;rm -rf ~'"),
            ("it's", "'it'\\''s'"),
            ("$(id)", "'$(id)'"),
            ("", "''"),
            ("a\u{1b}[2Jb", "'a\\u{1b}[2Jb'"),
        ];
        for (word, said) in cases {
            assert_eq!(shell_word(word), said, "{word:?}");
        }
    }

    /// An id that starts with `-` is placed where clap takes it as a value: it had been printed
    /// bare (`-dash`), which clap reads as the options `-d`, `-a`, ...
    #[test]
    fn a_value_that_looks_like_an_option_is_placed_as_a_value() {
        assert_eq!(Given::Positional.typed("-dash"), "-- -dash");
        assert_eq!(Given::Option("--entry").typed("-dash"), "--entry=-dash");
        assert_eq!(Given::Positional.typed("has space"), "'has space'");
        assert_eq!(Given::Option("--entry").typed("b01"), "b01");
        assert_eq!(did_you_mean(&["-dash", "b01"], Given::Option("--entry")), " Did you mean: --entry=-dash, b01?");
        assert_eq!(did_you_mean::<&str>(&[], Given::Positional), "");

        let next = CommandLine::new(&["compare"]).arg("b01").arg("it's").opt("--winner", "A|B|level");
        assert_eq!(next.to_string(), r"judging compare b01 'it'\''s' --winner 'A|B|level'");
        let next = CommandLine::new(&["compare"]).arg("-dash").arg("it's").opt("--winner", "A|B|level");
        assert_eq!(next.to_string(), r"judging compare --winner 'A|B|level' -- -dash 'it'\''s'");
        let merge = CommandLine::new(&["merge"]).path_arg(Path::new("my scores.json")).opt("--entry", "-x");
        assert_eq!(merge.to_string(), "judging merge 'my scores.json' --entry=-x");
        // `-` alone is a value to clap (standard input or output), never an option.
        assert_eq!(CommandLine::new(&["export"]).opt("-o", "-").to_string(), "judging export -o -");
    }

    /// "Did you mean" for a positional id offers the whole command line as given, the id
    /// replaced, placed so that clap reads it: never the fragment `-- -dash`.
    #[test]
    fn a_suggestion_for_a_positional_is_the_whole_line_retyped() {
        let command = crate::help::command();
        let line = |args: &str, typed: &str, near: &[&str]| {
            let args: Vec<String> = args.split(' ').map(str::to_owned).collect();
            instead_in(&command, &args, typed, near)
        };
        let cases = [
            // The options after the id go before the `--` it now needs, with their values.
            (
                "judging score dsh utility=3 --note hi",
                "dsh",
                &["-dash"][..],
                " Did you mean:\n  judging score --note hi -- -dash utility=3",
            ),
            // A `--` already typed is kept once.
            (
                "judging score -- -dsh utility=3",
                "-dsh",
                &["-dash"],
                " Did you mean:\n  judging score -- -dash utility=3",
            ),
            // Shared options before the command, with their values; a plain id stays in place.
            (
                "judging --db x.db score dash2 cost=1",
                "dash2",
                &["dash", "has space"],
                " Did you mean:\n  judging score dash cost=1 --db x.db\n  judging score 'has space' cost=1 --db x.db",
            ),
            (
                "judging --judge=ana compare a b1",
                "b1",
                &["-b"],
                " Did you mean:\n  judging compare --judge=ana -- a -b",
            ),
        ];
        for (args, typed, near, said) in cases {
            assert_eq!(line(args, typed, near), said, "{args}");
        }
        assert_eq!(line("judging score x", "x", &[]), "");
        // Not found as typed (the test's own arguments): the ids alone, as before.
        assert_eq!(line("judging score --entry=x", "x", &["-dash"]), " Did you mean: -- -dash?");
    }
}
