//! The command line as its users meet it: every subcommand's help ends with real examples, declared
//! here once; the same definition parses the command line and makes the shell completions and the
//! man page, so none of them can drift from the others.

use clap::{CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// Each subcommand's examples, as `(command line, what it does)`. A test parses every line, so an
/// example that no longer works fails the build's tests.
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "pull",
        &[
            ("judging pull", "read the export judging.toml names into your store"),
            ("judging pull --from export.csv", "read this file instead"),
            ("judging pull --offline", "read the copy of a URL export cached by the last pull"),
            ("judging pull --from hub:build-small-hackathon", "read the Spaces of an organisation on the Hub"),
        ],
    ),
    (
        "list",
        &[
            ("judging list", "every entry, with your progress"),
            ("judging list --assigned", "only the entries assigned to you"),
            ("judging list --format csv > entries.csv", "for a spreadsheet"),
        ],
    ),
    (
        "score",
        &[
            ("judging score sprout-sense utility=4 latency=3 cost=5", "score one entry"),
            ("judging score sprout-sense --note 'Fast on CPU'", "replace its note for the jury"),
        ],
    ),
    (
        "import-scores",
        &[
            ("judging import-scores my-scores.csv", "your spreadsheet into your store"),
            ("judging --judge ana import-scores ana.csv", "ana's spreadsheet into ana's store"),
        ],
    ),
    (
        "export",
        &[
            ("judging export", "write scores-EVENT-JUDGE.json here, for the head judge"),
            ("judging export -o ~/shared/ana.json", "write it there"),
        ],
    ),
    (
        "merge",
        &[
            ("judging merge scores-*.json", "rank every entry, overall and per track"),
            (
                "judging merge --from-hub --tui",
                "collect the files from the judges' repo and open the head judge's board",
            ),
            ("judging merge scores-*.json --entry sprout-sense", "every judge's view of one entry"),
            ("judging merge scores-*.json --finals", "publish the finals: the top entries of each paid ranking"),
        ],
    ),
    (
        "finals",
        &[
            ("judging finals", "the finalists you compare, what you compared, and the pair to compare next"),
            ("judging --judge ana finals", "ana's sheet, on a laptop two judges share"),
        ],
    ),
    (
        "compare",
        &[
            ("judging compare bus-stop-oracle meter-reader --winner A", "the first named is better"),
            ("judging compare bus-stop-oracle meter-reader --winner level --note 'Both fine'", "neither is"),
            ("judging compare bus-stop-oracle meter-reader --clear", "take back your answer on that pair"),
        ],
    ),
    (
        "assign",
        &[
            ("judging assign --dry-run", "show how entries would be spread over the judges"),
            ("judging assign -k 3 --seed 7", "three judges an entry, written to assignments.toml"),
        ],
    ),
    (
        "results",
        &[
            ("judging results scores-*.json", "the prizes, with what each place rests on, for the jury"),
            ("judging results scores-*.json --format html -o results.html", "a printable page for the jury"),
            ("judging results scores-*.json --public --format md", "the announcement, ready to post"),
            (
                "judging results merged.json --format payouts",
                "one row per team for the finance team, from a saved merge",
            ),
        ],
    ),
    (
        "enrich",
        &[
            ("judging enrich", "ask the Hub about every entry's Space"),
            ("judging enrich --offline", "show what is cached, and when"),
        ],
    ),
    (
        "sync",
        &[
            ("judging sync init", "create the judges' repo and upload judging.toml"),
            ("judging sync init --config event/judging.toml", "the same for the event in another folder"),
        ],
    ),
    (
        "join",
        &[
            ("judging join build-small/judges", "set up this machine from the judges' repo"),
            ("judging --judge ana join build-small/judges", "the same, as ana"),
        ],
    ),
    (
        "status",
        &[
            ("judging status", "who has scored what, from the judges' repo"),
            ("judging status collected/*.json", "the same from files"),
        ],
    ),
    (
        "feedback",
        &[
            ("judging feedback scores-*.json -o feedback", "a page for every team, and an index"),
            ("judging feedback --from-hub -o feedback", "the same from the files in the judges' repo"),
        ],
    ),
    (
        "key",
        &[
            ("judging --judge ana key", "make your key (once) and print its public half"),
            ("judging --judge ana key --new", "a new key, if the old one may have been copied"),
        ],
    ),
    (
        "push",
        &[
            ("judging push", "send your score file to the judges' repo"),
            ("judging push --pr", "as a pull request, where you may only read the repo"),
        ],
    ),
    (
        "collect",
        &[
            ("judging collect", "download every judge's file into ./collected and say who has not pushed"),
            ("judging collect -o round-2", "into another folder"),
        ],
    ),
    (
        "check",
        &[
            ("judging check", "judging.toml and the export, every problem"),
            ("judging check --from new-export.csv --strict", "another export, failing on warnings too"),
        ],
    ),
    (
        "completions",
        &[
            (
                "mkdir -p ~/.local/share/bash-completion/completions && judging completions bash > ~/.local/share/bash-completion/completions/judging",
                "bash",
            ),
            ("mkdir -p ~/.zfunc && judging completions zsh > ~/.zfunc/_judging", "zsh (with ~/.zfunc on $fpath)"),
            (
                "mkdir -p ~/.config/fish/completions && judging completions fish > ~/.config/fish/completions/judging.fish",
                "fish",
            ),
        ],
    ),
    (
        "man",
        &[
            (
                "mkdir -p ~/.local/share/man/man1 && judging man --out-dir ~/.local/share/man/man1",
                "install every page; `man judging` needs ~/.local/share/man on MANPATH",
            ),
            ("judging man merge | man -l -", "read one command's page now"),
            ("judging man > judging.1", "judging's own page here, to package it"),
        ],
    ),
];

/// The top level's examples: how a judge and a head judge start.
const START: &[(&str, &str)] = &[
    ("judging", "the judge's app: the first time, it asks your name and reads the export"),
    ("judging join build-small/judges", "a judge of a shared event: set this machine up from the judges' repo"),
    ("judging merge scores-*.json", "the head judge: rank the judges' score files"),
    ("judging results scores-*.json", "the organizers: the prizes"),
];

/// The examples as help text: what each does, then the line to type, which stays whole however
/// narrow the terminal.
fn examples_text(examples: &[(&str, &str)]) -> String {
    let lines: Vec<String> = examples.iter().map(|(line, what)| format!("  # {what}\n  {line}")).collect();
    format!("Examples:\n{}", lines.join("\n"))
}

/// The whole command line: the derived definition with every subcommand's examples after its help
/// (after what it already says there).
pub fn command() -> clap::Command {
    let mut command = Cli::command().after_help(format!(
        "{}\n\nThe README has the full guide; `judging COMMAND --help` shows each command's examples.",
        examples_text(START)
    ));
    // The pages `judging man` prints are named for the commands themselves: a typo is a usage
    // error with clap's "a similar value exists", and the completions offer the names.
    let mut pages = Vec::new();
    page_names(&command, "", &mut pages);
    command = command.mut_subcommand("man", |man| {
        man.mut_arg("page", |page| page.value_parser(clap::builder::PossibleValuesParser::new(pages)))
    });
    for (name, examples) in EXAMPLES {
        command = command.mut_subcommand(*name, |sub| {
            let text = match sub.get_after_help() {
                Some(said) => format!("{said}\n\n{}", examples_text(examples)),
                None => examples_text(examples),
            };
            sub.after_help(text)
        });
    }
    command
}

/// Every command's page name, after `judging-`: `merge`, and `sync-init` for a command within
/// another, as clap_mangen names the pages.
fn page_names(command: &clap::Command, prefix: &str, names: &mut Vec<String>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = format!("{prefix}{}", sub.get_name());
        names.push(name.clone());
        page_names(sub, &format!("{name}-"), names);
    }
}

/// The command line as its man pages show it: built, so that each command knows its full name
/// (`judging sync init`) and its page's (judging-sync-init), and without `help`, which has no
/// page to give (clap_mangen's own `generate_to` leaves it out too).
fn man_commands() -> Vec<clap::Command> {
    fn walk(command: &clap::Command, all: &mut Vec<clap::Command>) {
        all.push(command.clone());
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            walk(sub, all);
        }
    }
    let mut top = command().disable_help_subcommand(true);
    top.build();
    let mut all = Vec::new();
    walk(&top, &mut all);
    all
}

/// The man page (roff) of the command whose page is `page` (`merge`, `sync-init`), or of judging
/// itself; `None` for a name that is not a command's page.
pub fn man_page(page: Option<&str>) -> Option<std::io::Result<Vec<u8>>> {
    let title = page.map_or_else(|| "judging".to_owned(), |p| format!("judging-{p}"));
    let command = man_commands().into_iter().find(|c| c.get_display_name().unwrap_or(c.get_name()) == title)?;
    let mut roff = Vec::new();
    Some(man(command).render(&mut roff).map(|()| roff))
}

/// A command's page, whose footer names judging and its version: clap_mangen's own names the
/// command alone ("init"), and only judging itself has a version.
fn man(command: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command).source(format!("judging {}", env!("CARGO_PKG_VERSION")))
}

/// Every man page, as its file name (judging.1, judging-merge.1, judging-sync-init.1) and roff.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    man_commands()
        .into_iter()
        .map(|command| {
            let man = man(command);
            let mut roff = Vec::new();
            man.render(&mut roff).map(|()| (man.get_filename(), roff))
        })
        .collect()
}

/// Parses the process's arguments with [`command`]; prints help, a version or a usage error and
/// exits where clap would. A usage error of a subcommand (a missing file, an unknown flag) is
/// followed by that subcommand's examples: what to give, not only what is missing.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = command().try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
    parsed.unwrap_or_else(|e| {
        use clap::error::ErrorKind;
        if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
            e.exit();
        }
        let _ = e.print();
        let named = args.iter().skip(1).filter_map(|a| a.to_str()).find_map(|a| EXAMPLES.iter().find(|(n, _)| *n == a));
        if let Some((_, examples)) = named {
            eprintln!("\n{}", examples_text(examples));
        }
        std::process::exit(e.exit_code())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subcommand has examples, and every example is a command line that parses (words
    /// split as a shell would, redirections left out).
    #[test]
    fn every_subcommand_has_examples_that_parse() {
        let command = command();
        for sub in command.get_subcommands() {
            let help = sub.get_after_help().map(ToString::to_string).unwrap_or_default();
            assert!(
                help.contains("Examples:\n  # ") && (help.contains("\n  judging ") || help.contains(" && judging ")),
                "`judging {}` has no examples",
                sub.get_name()
            );
        }
        for (line, what) in START {
            assert!(format!("  # {what}").chars().count() <= 80, "{what:?} wraps at 80 columns");
            if let Err(e) = command.clone().try_get_matches_from(shell_words(line)) {
                panic!("{line:?} does not parse: {e}");
            }
        }
        for (name, examples) in EXAMPLES {
            assert!(command.find_subcommand(name).is_some(), "examples for {name}, which is not a subcommand");
            // As the README promises: enough to show more than one use, few enough to read.
            assert!((2..=4).contains(&examples.len()), "{name} has {} examples, not two to four", examples.len());
            for (line, what) in *examples {
                // Its comment on one line of an 80-column terminal: wrapped, its second line
                // would read as a command without the `#`.
                assert!(format!("  # {what}").chars().count() <= 80, "{name}: {what:?} wraps at 80 columns");
                let words = shell_words(line);
                assert!(words.iter().skip(1).any(|w| w == name), "{line:?} is not an example of {name}");
                if let Err(e) = command.clone().try_get_matches_from(&words) {
                    panic!("{line:?} does not parse: {e}");
                }
            }
        }
    }

    /// `pull --from hub` names the organisation it reads, as the export's source code has it.
    #[test]
    fn pull_from_hub_names_the_default_organisation() {
        let command = command();
        let pull = command.find_subcommand("pull").expect("pull");
        let from = pull.get_arguments().find(|a| a.get_id() == "from").expect("--from");
        let help = from.get_help().map(ToString::to_string).unwrap_or_default();
        assert!(help.contains(crate::export::source::DEFAULT_ORG), "{help}");
    }

    /// The words of judging's command in an example as a shell splits them: quotes group, a
    /// redirection or a pipe ends it, and a command before `&&` (the `mkdir -p` that makes its
    /// folder) is left out.
    fn shell_words(line: &str) -> Vec<String> {
        let line = line.rsplit(" && ").next().unwrap_or(line);
        let mut words = Vec::new();
        let (mut word, mut quoted) = (String::new(), false);
        for c in line.chars() {
            match c {
                '\'' => quoted = !quoted,
                ' ' if !quoted => {
                    if !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                }
                _ => word.push(c),
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        words.into_iter().take_while(|w| w != ">" && w != "|").collect()
    }
}
