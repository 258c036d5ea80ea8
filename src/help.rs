//! The command line as its users meet it: every subcommand's help ends with real examples, declared
//! here once; the same definition parses the command line and makes the shell completions and the
//! man page, so none of them can drift from the others.

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Does};

/// Each subcommand's examples, as `(command line, what it does)`, by its words after `judging`
/// (`sync init` for a command within another; `sync`, made of commands, shows theirs). A test
/// parses every line, so an example that no longer works fails the build's tests.
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "pull",
        &[
            ("judging pull", "read the export judging.toml names into your store"),
            (
                "judging pull --from final.csv --force",
                "read this file instead, though it withdraws most entries in play",
            ),
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
            ("judging --judge priya import-scores priya.csv", "priya's spreadsheet into priya's store"),
        ],
    ),
    (
        "export",
        &[
            ("judging export", "write scores-EVENT-JUDGE.json here, for the head judge"),
            ("judging export -o ~/shared/priya.json", "write it there"),
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
            ("judging --judge priya finals", "priya's sheet, on a laptop two judges share"),
        ],
    ),
    (
        "compare",
        &[
            (
                "judging compare bus-stop-oracle meter-reader --winner A",
                "the first named is better (two finalists of an event with [finals])",
            ),
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
        "sync init",
        &[
            ("judging sync init", "create the judges' repo and upload judging.toml"),
            ("judging sync init --config event/judging.toml", "the same for the event in another folder"),
        ],
    ),
    (
        "join",
        &[
            ("judging join build-small/judges", "set up this machine from the judges' repo"),
            ("judging --judge priya join build-small/judges", "the same, as priya"),
        ],
    ),
    (
        "status",
        &[
            ("judging status", "who has scored what, from the judges' repo ([sync] in judging.toml)"),
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
            ("judging --judge priya key", "make your key (once) and print its public half"),
            ("judging --judge priya key --new", "a new key, if the old one may have been copied"),
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
            (
                "mkdir -p ~/.zfunc && judging completions zsh > ~/.zfunc/_judging",
                "zsh, with fpath=(~/.zfunc $fpath) in ~/.zshrc before compinit",
            ),
            (
                "mkdir -p ~/.config/fish/completions && judging completions fish > ~/.config/fish/completions/judging.fish",
                "fish",
            ),
            (
                "judging completions powershell | Out-String | Invoke-Expression",
                "PowerShell: this line in $PROFILE, not the script itself",
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
    (
        "help",
        &[
            ("judging help merge", "a command's help and examples, as `judging merge --help`"),
            ("judging help sync init", "the help of a command within another"),
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

/// Stands for each space of an example's line to type (and its indent) in the help clap is given:
/// clap wraps help between words at the terminal's width, 100 columns at most, and had broken
/// `... > ~/.zfunc/_judging` in two, which pasted is a syntax error. Joined, the line is one word
/// to clap and is never broken; [`unjoined`] gives the spaces back wherever help is printed.
const JOINED: char = '\u{a0}';

/// Help text as it is printed: every [`JOINED`] a space again.
pub fn unjoined(text: &str) -> String {
    text.replace(JOINED, " ")
}

/// The examples as help text: what each does, then the line to type, which stays whole however
/// narrow the terminal (see [`JOINED`]; printed, through [`unjoined`]).
fn examples_text(examples: &[(&str, &str)]) -> String {
    let whole = |line: &str| format!("  {line}").replace(' ', &JOINED.to_string());
    let lines: Vec<String> = examples.iter().map(|(line, what)| format!("  # {what}\n{}", whole(line))).collect();
    format!("Examples:\n{}", lines.join("\n"))
}

/// The whole command line: the derived definition with every subcommand's examples after its help
/// (after what it already says there).
pub fn command() -> clap::Command {
    // `--quiet` may be typed before a command that draws progress (`judging -q pull`), as the
    // others may: taken there, hidden, since the app itself draws none.
    with_examples(defined(), "")
        .after_help(format!(
            "{}\n\nThe README has the full guide; `judging COMMAND --help` shows each command's examples.",
            examples_text(START)
        ))
        .arg(crate::cli::quiet().hide(true))
}

/// The command line as defined, each shared option on the commands it acts on, without the
/// examples (which the man pages set out as a section of their own) and without the hidden
/// `--quiet` judging itself takes (which the completions would offer where `judging -q` alone is
/// refused).
fn defined() -> clap::Command {
    let mut command = Cli::command();
    // The pages `judging man` prints are named for the commands themselves, a command within
    // another by both words (`sync init`, or `sync-init` as its page is named): a typo is a usage
    // error with clap's "a similar value exists", and the completions offer the words.
    // The words of a command within another (`init`) are taken, to follow its command's, but
    // not offered: alone, they name no page (`judging init` is no command).
    let mut pages = Vec::new();
    page_names(&command, "", &mut pages);
    fn names(command: &clap::Command, all: &mut Vec<String>) {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            all.push(sub.get_name().to_owned());
            names(sub, all);
        }
    }
    let mut within = Vec::new();
    names(&command, &mut within);
    within.retain(|word| !pages.contains(word));
    within.sort();
    within.dedup();
    pages.sort();
    let words = pages
        .into_iter()
        .map(clap::builder::PossibleValue::new)
        .chain(within.into_iter().map(|word| clap::builder::PossibleValue::new(word).hide(true)));
    command = command.mut_subcommand("man", |man| {
        man.mut_arg("page", |page| page.value_parser(clap::builder::PossibleValuesParser::new(words)))
    });
    let top = command.clone();
    with_shared(command, "", &top)
}

/// `command` built, as clap builds it to parse, and each `help` command clap makes as it builds
/// (`help`, `sync help`, and the names they take: `help pull`) given `help`'s examples, as every
/// other command has its own: `judging help --help` had ended without them. Built only to parse
/// (and for the test of every command's help): the man pages and completions keep to the
/// commands the definition has.
fn with_help_examples(mut command: clap::Command) -> clap::Command {
    fn walk(mut command: clap::Command, path: &str) -> clap::Command {
        let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
        for name in names {
            let path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
            command = command.mut_subcommand(name, |sub| walk(sub, &path));
        }
        if path.split(' ').any(|word| word == "help") {
            command = command.after_help(examples_text(&examples_of("help")));
        }
        command
    }
    command.build();
    walk(command, "")
}

/// `command`, at `path`, and every command within it, given the shared options [`crate::cli::SHARED`] says
/// act on it, as `top` declares them (`--quiet` as [`crate::cli::quiet`]).
fn with_shared(mut command: clap::Command, path: &str, top: &clap::Command) -> clap::Command {
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        let path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        command = command.mut_subcommand(name, |sub| with_shared(sub, &path, top));
    }
    if path.is_empty() {
        return command;
    }
    for does in crate::cli::does(path) {
        let arg = match does {
            Does::DrawsProgress => Some(crate::cli::quiet()),
            _ => top.get_arguments().find(|a| a.get_id() == does.option()).cloned(),
        };
        if let Some(arg) = arg {
            command = command.arg(arg);
        }
    }
    command
}

/// The examples of the command at `path` (`merge`, `sync init`): its own, else, for a command made
/// of commands (`sync`), theirs.
fn examples_of(path: &str) -> Vec<(&'static str, &'static str)> {
    if let Some((_, own)) = EXAMPLES.iter().find(|(name, _)| *name == path) {
        return own.to_vec();
    }
    let within = format!("{path} ");
    EXAMPLES.iter().filter(|(name, _)| name.starts_with(&within)).flat_map(|(_, own)| own.iter().copied()).collect()
}

/// `command`, at `path` ("" for judging itself, whose examples are [`START`]), with every command
/// within it, however deep, given its examples after what its help already says.
fn with_examples(mut command: clap::Command, path: &str) -> clap::Command {
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        let path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        command = command.mut_subcommand(name, |sub| with_examples(sub, &path));
    }
    let examples = examples_of(path);
    if path.is_empty() || examples.is_empty() {
        return command;
    }
    let text = match command.get_after_help() {
        Some(said) => format!("{said}\n\n{}", examples_text(&examples)),
        None => examples_text(&examples),
    };
    command.after_help(text)
}

/// The examples of the command `args` (the process's, its name first) name, the one deepest in
/// (`sync init`), as help text; `None` where they name none. A usage error is followed by them,
/// whether clap found it or the command did (see `main`). An option's value is no command's
/// name: `judging --judge merge import-scores a b` is import-scores', where it had been merge's.
pub fn examples_for(args: &[std::ffi::OsString]) -> Option<String> {
    let top = command();
    let (_, path) = typed(&top, args);
    let examples = examples_of(&path.join(" "));
    (!path.is_empty() && !examples.is_empty()).then(|| unjoined(&examples_text(&examples)))
}

/// The command the words typed name, and its names from the top (`["sync", "init"]`): options
/// and their values are passed over, a command with none within it ends the walk (`judging man
/// help`: the page asked for, not `help`), and clap's own `help`, which the definition does not
/// have, is `help` itself (what follows it are commands' names). The one walk for the examples
/// an error is followed by and for what a missing argument asks.
fn typed<'a>(top: &'a clap::Command, args: &[std::ffi::OsString]) -> (&'a clap::Command, Vec<String>) {
    let (mut at, mut path) = (top, Vec::new());
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word.starts_with('-') {
            if takes_a_value(at, word) || takes_a_value(top, word) {
                words.next();
            }
            continue;
        }
        if !at.has_subcommands() {
            break;
        }
        if let Some(sub) = at.find_subcommand(word) {
            path.push(sub.get_name().to_owned());
            at = sub;
        } else if word == "help" {
            path = vec![word.to_owned()];
            break;
        }
    }
    (at, path)
}

/// Whether `word` (`--judge`, `-k`) is an option of `command` whose value is the next word: not
/// given with it (`--judge=ana`, `-k3`).
fn takes_a_value(command: &clap::Command, word: &str) -> bool {
    let named = |arg: &clap::Arg| match word.strip_prefix("--") {
        Some(long) => arg.get_long() == Some(long),
        None => word.len() == 2 && word.chars().nth(1).is_some_and(|c| arg.get_short() == Some(c)),
    };
    command.get_arguments().any(|arg| named(arg) && arg.get_action().takes_values())
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

/// One man page: the command as its page shows it (its usage as `--help` gives it, its notes
/// apart from its examples) and its examples.
struct Page {
    command: clap::Command,
    notes: Option<String>,
    examples: Vec<(&'static str, &'static str)>,
}

/// The command line as its man pages show it: built, so that each command knows its full name
/// (`judging sync init`) and its page's (judging-sync-init), and without `help`, which has no
/// page to give (clap_mangen's own `generate_to` leaves it out too).
fn man_commands() -> Vec<Page> {
    fn walk(command: &clap::Command, path: &str, all: &mut Vec<Page>) {
        // The synopsis as `--help` gives it ("judging merge [OPTIONS] [FILE]..."): clap_mangen's
        // own listed every option with no value ("[--config] ... [FILE]").
        let usage = command.clone().render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_owned();
        let notes = command.get_after_help().map(|notes| unjoined(&notes.to_string()));
        let page = command.clone().override_usage(usage).after_help(clap::builder::Resettable::Reset);
        let examples = if path.is_empty() { START.to_vec() } else { examples_of(path) };
        all.push(Page { command: page, notes, examples });
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            let path = if path.is_empty() { sub.get_name().to_owned() } else { format!("{path} {}", sub.get_name()) };
            walk(sub, &path, all);
        }
    }
    let mut top = defined().disable_help_subcommand(true);
    top.build();
    let mut all = Vec::new();
    walk(&top, "", &mut all);
    all
}

/// The man page (roff) of the command whose page is `page` (`merge`, `sync-init`), or of judging
/// itself; `None` for a name that is not a command's page.
pub fn man_page(page: Option<&str>) -> Option<std::io::Result<Vec<u8>>> {
    let title = page.map_or_else(|| "judging".to_owned(), |p| format!("judging-{p}"));
    let name = |p: &Page| p.command.get_display_name().unwrap_or(p.command.get_name()).to_owned();
    let mut pages = man_commands();
    let found = pages.iter().position(|p| name(p) == title)?;
    Some(man_roff(&pages.swap_remove(found)).map(|(_, roff)| roff))
}

/// The commands within another that `word` names (`init`: `sync init`), as they are typed: what
/// `judging man init` means, where it names no page of its own.
pub fn commands_within(word: &str) -> Vec<String> {
    let mut pages = Vec::new();
    page_names(&defined(), "", &mut pages);
    let end = format!("-{word}");
    pages.iter().filter(|p| p.ends_with(&end) && p.contains('-')).map(|p| p.replace('-', " ")).collect()
}

/// A command's page, whose footer names judging and its version: clap_mangen's own names the
/// command alone ("init"), and only judging itself has a version.
fn man(command: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command).source(format!("judging {}", env!("CARGO_PKG_VERSION")))
}

/// A page's file name (judging-merge.1) and roff: clap_mangen's sections, then the command's
/// notes and its EXAMPLES, each line as typed. clap_mangen set the help's examples in a section
/// named EXTRA, filled and justified as prose: a long comment ran on to the next line without
/// its `#`, and a copied line was no command.
fn man_roff(page: &Page) -> std::io::Result<(String, Vec<u8>)> {
    let man = man(page.command.clone());
    let mut roff = Vec::new();
    man.render_title(&mut roff)?;
    man.render_name_section(&mut roff)?;
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    if page.command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut roff)?;
    }
    if page.command.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut roff)?;
    }
    let mut text = String::new();
    if let Some(notes) = page.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        text.push_str(".SH NOTES\n");
        let paragraphs: Vec<String> =
            notes.split("\n\n").map(|p| p.lines().map(roff_line).collect::<Vec<_>>().join("\n")).collect();
        text.push_str(&paragraphs.join("\n.PP\n"));
        text.push('\n');
    }
    if !page.examples.is_empty() {
        text.push_str(".SH EXAMPLES\n.nf\n");
        let each: Vec<String> = page
            .examples
            .iter()
            .map(|(line, what)| format!("{}\n{}\n", roff_line(&format!("# {what}")), roff_line(line)))
            .collect();
        text.push_str(&each.join(".sp\n"));
        text.push_str(".fi\n");
    }
    std::io::Write::write_all(&mut roff, text.as_bytes())?;
    if page.command.get_version().is_some() {
        man.render_version_section(&mut roff)?;
    }
    Ok((man.get_filename(), roff))
}

/// A line of text as roff prints it as given: a backslash, a dash (`--method`, which groff would
/// print as a hyphen no shell takes), a quote and a backquote spelt as their glyphs, and a line
/// that starts with a control character (`.`, `'`) kept a text line.
fn roff_line(line: &str) -> String {
    let spelt = line.replace('\\', "\\e").replace('-', "\\-").replace('\'', "\\(aq").replace('`', "\\(ga");
    if spelt.starts_with('.') { format!("\\&{spelt}") } else { spelt }
}

/// Every man page, as its file name (judging.1, judging-merge.1, judging-sync-init.1) and roff.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    man_commands().iter().map(man_roff).collect()
}

/// The command line as the completion scripts are made from it: a `"` in a value's help
/// (rank-sum's Quandt's "votes against") becomes `'`. clap_complete quotes each value's help
/// in double quotes for zsh and fish and leaves a `"` in it bare, which ended the quoting: zsh
/// offered `against)` as a method, and fish refused the whole line (`complete: too many
/// arguments`), so `--method` completed nothing there. (A `$` would break fish the same way, and
/// has no spelling that survives: a test keeps it out of the values' help.)
pub fn for_completions() -> clap::Command {
    fn walk(command: clap::Command) -> clap::Command {
        command.mut_subcommands(walk).mut_args(|arg| {
            let values = arg.get_possible_values();
            let quoted = |v: &clap::builder::PossibleValue| v.get_help().is_some_and(|h| h.to_string().contains('"'));
            if !values.iter().any(|v| quoted(v) || v.is_hide_set()) {
                return arg;
            }
            // A hidden value is not offered: bash's script offered every value of a positional
            // argument (`judging man init`, where `init` alone names no page).
            let values: Vec<clap::builder::PossibleValue> = values
                .into_iter()
                .filter(|value| !value.is_hide_set())
                .map(|value| match value.get_help().map(ToString::to_string) {
                    Some(help) => value.help(help.replace('"', "'")),
                    None => value,
                })
                .collect();
            // Only made into scripts, never parsed with: the values' names are kept.
            arg.value_parser(clap::builder::PossibleValuesParser::new(values))
        })
    }
    walk(defined())
}

/// `command` with every argument whose variable is set but empty (`JUDGING_DB= judging list`)
/// read as if it were unset, as a shell's `VAR=` means: clap took the empty text as the flag's
/// value and refused it as `--db` given without one, though no `--db` was given. clap reads the
/// variables as the arguments are declared and has no setting for this, so the variable is
/// taken off those arguments here (the process's environment is left as it is).
fn empty_variables_unset(command: clap::Command) -> clap::Command {
    variables_unset(command, &|value| value.is_empty())
}

/// `command` with the variable taken off every argument whose variable's value `unset` picks,
/// in every command within it.
fn variables_unset(mut command: clap::Command, unset: &dyn Fn(&std::ffi::OsStr) -> bool) -> clap::Command {
    let taken: Vec<String> = command
        .get_arguments()
        .filter(|arg| arg.get_env().and_then(std::env::var_os).is_some_and(|value| unset(&value)))
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in taken {
        command = command.mut_arg(id, |arg| arg.env(None::<&str>));
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| variables_unset(sub, unset));
    }
    command
}

/// The command line `args` read by [`command`], as [`parse`] reads it but returning clap's error.
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    parse_with(empty_variables_unset(command()), &args)
}

/// The command line in `args` read by `command`, with the shared options ([`crate::cli::SHARED`]) taken
/// from where they were given: after the command, else before it (`judging --judge ana key`),
/// which is refused for a command they do nothing for (`judging --config x.toml man`).
fn parse_with(command: clap::Command, args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    let mut command = with_help_examples(command);
    if let Some(e) = a_command_as_a_value(&command, args) {
        return Err(e);
    }
    let help_words = help_asked(&command, args);
    let args = help_words.as_deref().unwrap_or(args);
    let top = match command.try_get_matches_from_mut(args) {
        Ok(top) => top,
        Err(e) if help_words.is_some() => return Err(with_a_similar_command(&command, args, e)),
        Err(e) => {
            return Err(shared_after(&command, args, &e).unwrap_or_else(|| {
                what_to_give(
                    &command,
                    args,
                    a_file_given_bare(&command, args, belongs_to(&command, whole_word(args, e))),
                )
            }));
        }
    };
    let mut cli = Cli::from_arg_matches(&top)?;
    let (mut at, mut path) = (&top, Vec::new());
    while let Some((name, sub)) = at.subcommand() {
        path.push(name);
        at = sub;
    }
    let path = path.join(" ");
    let does = crate::cli::does(&path);
    let refused = |what: Does| not_done(&command, &path, what);
    cli.config = shared(&top, at, does, Does::ReadsTheEvent, cli.config).map_err(refused)?;
    cli.db = shared(&top, at, does, Does::OpensAStore, cli.db).map_err(refused)?;
    cli.judge = shared(&top, at, does, Does::ActsForAJudge, cli.judge).map_err(refused)?;
    let quiet = Some(top.get_flag(Does::DrawsProgress.option()));
    cli.quiet = shared(&top, at, does, Does::DrawsProgress, quiet).map_err(refused)?.unwrap_or(false);
    Ok(cli)
}

/// A shared option before the command given a command's name as its value, the value left out
/// (`judging --judge list`, `judging --config list pull`): a usage error, where clap took the
/// name as the value and the app opened for a judge named "list", or a store file named list.
/// Joined (`--db=list`), the value is taken as given.
fn a_command_as_a_value(command: &clap::Command, args: &[std::ffi::OsString]) -> Option<clap::Error> {
    let mut words = args.iter().skip(1).map(|w| w.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" || !word.starts_with('-') {
            return None;
        }
        let Some(arg) = command.get_arguments().find(|arg| {
            word.strip_prefix("--").is_some_and(|long| arg.get_long() == Some(long)) && arg.get_action().takes_values()
        }) else {
            continue;
        };
        let value = words.next()?;
        if command.find_subcommand(value.as_ref()).is_some() {
            let name = arg.get_value_names().and_then(|n| n.first()).map_or("VALUE".to_owned(), ToString::to_string);
            let said = format!(
                "{word} took `{value}`, a command's name, as its {name}: give its {name} before the \
                 command (`judging {word} {name} {value}`), or write `{word}={value}` if that {name} is meant"
            );
            return Some(command.clone().error(clap::error::ErrorKind::InvalidValue, said));
        }
    }
    None
}

/// `args` with `judging help` asked as clap's users expect, or `None` where `help` is not the
/// command (`Some` of `args` as they are where nothing needs changing): `help` alone is
/// `--help`, `help --help` (or `-h`) is `help help`, and `help merge --help` is `help merge`. clap's own `help` takes only
/// commands' names, and had refused both with "unrecognized subcommand '--help'", exit 2.
fn help_asked(command: &clap::Command, args: &[std::ffi::OsString]) -> Option<Vec<std::ffi::OsString>> {
    let mut words = args.iter().enumerate().skip(1);
    // The shared options before the command, with their values.
    let at = loop {
        let (at, word) = words.next()?;
        let word = word.to_str()?;
        if !word.starts_with('-') {
            break at;
        }
        let takes = |arg: &clap::Arg| {
            word.strip_prefix("--").is_some_and(|long| arg.get_long() == Some(long)) && arg.get_action().takes_values()
        };
        if command.get_arguments().any(takes) {
            words.next();
        }
    };
    if args[at] != "help" {
        return None;
    }
    // `judging help` alone is judging's own help, as `git help` and `cargo help` give their
    // overview: it had printed the help of `help`.
    if args.len() == at + 1 {
        let mut top = args[..at].to_vec();
        top.push("--help".into());
        return Some(top);
    }
    let asked = |word: &&std::ffi::OsString| *word != "--help" && *word != "-h";
    let rest: Vec<std::ffi::OsString> = args[at + 1..].iter().filter(asked).cloned().collect();
    let mut help = args[..=at].to_vec();
    help.extend(if rest.is_empty() { vec!["help".into()] } else { rest });
    Some(help)
}

/// clap's error for `judging help lst`, with the command it looks like, as `judging lst` has
/// from clap itself ("tip: a similar subcommand exists: 'list'").
fn with_a_similar_command(command: &clap::Command, args: &[std::ffi::OsString], mut e: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::InvalidSubcommand || e.get(ContextKind::SuggestedSubcommand).is_some() {
        return e;
    }
    let Some(ContextValue::String(typed)) = e.get(ContextKind::InvalidSubcommand).cloned() else { return e };
    // The command whose commands the mistyped one was looked for among.
    let mut at = command;
    let after_help = args.iter().skip_while(|w| *w != "help").skip(1);
    for word in after_help.map(|w| w.to_string_lossy()) {
        match at.find_subcommand(word.as_ref()) {
            Some(sub) if word != typed => at = sub,
            _ => break,
        }
    }
    let names = at.get_subcommands().filter(|s| !s.is_hide_set()).map(clap::Command::get_name);
    let near: Vec<String> = crate::format::look_alike(&typed, names, 3).into_iter().map(str::to_owned).collect();
    if !near.is_empty() {
        e.insert(ContextKind::SuggestedSubcommand, ContextValue::Strings(near));
    }
    e
}

/// The usage error for a shared option given to a command that does not do `what`: one error,
/// whether the option came before the command or after it, with the command's usage.
fn not_done(command: &clap::Command, path: &str, what: Does) -> clap::Error {
    let named = if path.is_empty() { "judging`, the judge's app," } else { &format!("judging {path}`,") };
    let said = format!("--{} does nothing for `{named} which {}: leave it out", what.option(), what.not_done());
    let mut at = command;
    for word in path.split(' ').filter(|w| !w.is_empty()) {
        at = at.find_subcommand(word).unwrap_or(at);
    }
    at.clone().error(clap::error::ErrorKind::ArgumentConflict, said)
}

/// clap's "unexpected argument '--offline' found" for an option typed after a command that does
/// not take it, with the commands that do, as clap says it of one typed before the command
/// ("tip: 'pull --offline' exists"). Left as it is where clap made a tip of its own.
fn belongs_to(command: &clap::Command, mut e: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let tipped = e.get(ContextKind::Suggested).is_some() || e.get(ContextKind::SuggestedArg).is_some();
    if e.kind() != ErrorKind::UnknownArgument || tipped {
        return e;
    }
    let Some(ContextValue::String(invalid)) = e.get(ContextKind::InvalidArg) else { return e };
    let Some(long) = invalid.strip_prefix("--").map(|l| l.split_once('=').map_or(l, |(l, _)| l).to_owned()) else {
        return e;
    };
    fn with(command: &clap::Command, above: &str, long: &str, found: &mut Vec<String>) {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            let path = if above.is_empty() { sub.get_name().to_owned() } else { format!("{above} {}", sub.get_name()) };
            if sub.get_arguments().any(|a| a.get_long() == Some(long) && !a.is_global_set()) {
                found.push(format!("'{path} --{long}'"));
            }
            with(sub, &path, long, found);
        }
    }
    let mut found = Vec::new();
    with(command, "", &long, &mut found);
    let tip = match found.as_slice() {
        [] => return e,
        [one] => format!("{one} exists"),
        more => format!("{} exist", more.iter().take(3).cloned().collect::<Vec<_>>().join(", ")),
    };
    e.insert(ContextKind::Suggested, ContextValue::StyledStrs(vec![clap::builder::StyledStr::from(tip)]));
    e
}

/// clap's "unexpected argument 'x.toml' found" for a file given bare to a command that takes it
/// by an option: an event file by `--config` (`judging check nosuch.toml`), an export by
/// `--from` where the command has it (`judging pull new.csv`). The tip is the command that takes
/// it, ready to paste; any other word is left as clap says it.
fn a_file_given_bare(command: &clap::Command, args: &[std::ffi::OsString], mut e: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let tipped = e.get(ContextKind::Suggested).is_some() || e.get(ContextKind::SuggestedArg).is_some();
    if e.kind() != ErrorKind::UnknownArgument || tipped {
        return e;
    }
    let Some(ContextValue::String(word)) = e.get(ContextKind::InvalidArg).cloned() else { return e };
    if word.starts_with('-') {
        return e;
    }
    // The command's words as typed: those that name subcommands, in order.
    let mut at = command;
    let mut path: Vec<&str> = Vec::new();
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = at.find_subcommand(arg) {
            path.push(sub.get_name());
            at = sub;
        }
    }
    let extension = std::path::Path::new(&word).extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase);
    let takes = |long: &str| at.get_arguments().any(|a| a.get_long() == Some(long));
    let option = match extension.as_deref() {
        Some("toml") if takes("config") => "--config",
        Some("csv" | "json" | "jsonl" | "ndjson" | "tsv") if takes("from") => "--from",
        _ => return e,
    };
    let line = crate::paste::CommandLine::new(&path).opt(option, &word);
    let tip = format!("give the file with {option}: {line}");
    e.insert(ContextKind::Suggested, ContextValue::StyledStrs(vec![clap::builder::StyledStr::from(tip)]));
    e
}

/// clap's "the following required arguments were not provided" with a tip for each of them:
/// what it is, in its help's words (the values it takes, where it names them), and the option
/// that stands in for it where one does (`merge`'s files, or `--from-hub`). clap had named only
/// the placeholder, `<FILE>...`, leaving what to give to the examples.
fn what_to_give(command: &clap::Command, args: &[std::ffi::OsString], mut e: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::MissingRequiredArgument {
        return e;
    }
    let Some(ContextValue::Strings(missing)) = e.get(ContextKind::InvalidArg).cloned() else { return e };
    let (at, _) = typed(command, args);
    // As clap shows an argument in the error: `--output <DIR>`, `<FILE>...`, `<A>`.
    let shown_as = |arg: &clap::Arg, shown: &str| {
        if let Some(long) = arg.get_long() {
            return shown == format!("--{long}") || shown.starts_with(&format!("--{long} "));
        }
        let name = arg.get_value_names().and_then(|n| n.first()).map(ToString::to_string);
        shown.trim_end_matches("...") == format!("<{}>", name.unwrap_or_else(|| arg.get_id().as_str().to_uppercase()))
    };
    let said = |arg: &clap::Arg| {
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let mut chars = help.chars();
        let help = match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if second.is_lowercase() => {
                format!("{}{}", first.to_lowercase(), &help[first.len_utf8()..])
            }
            _ => help,
        };
        let values: Vec<String> =
            arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
        match values.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{help}: {} or {last}", rest.join(", ")),
            _ => help,
        }
    };
    let tips: Vec<clap::builder::StyledStr> = missing
        .iter()
        .filter_map(|shown| {
            let arg = at.get_arguments().find(|arg| shown_as(arg, shown))?;
            let instead = at
                .get_arguments()
                .find(|other| arg.get_id() == "files" && other.get_id() == "from_hub")
                .map(|hub| format!("; or --from-hub: {}", said(hub)))
                .unwrap_or_default();
            Some(clap::builder::StyledStr::from(format!("{shown}: {}{instead}", said(arg))))
        })
        .collect();
    if !tips.is_empty() {
        e.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
    }
    e
}

/// clap's "unexpected argument '-d' found" for a word typed as `-dash` (an id that starts with
/// `-`, given without `--`), with the word as it was typed: clap names the first letter it could
/// not read, and its tip "to pass '-d' as a value, use '-- -d'" was a fragment of the value.
/// A letter later in the word (`-qd`) is left as clap says it.
fn whole_word(args: &[std::ffi::OsString], mut e: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return e;
    }
    let Some(ContextValue::String(letter)) = e.get(ContextKind::InvalidArg).cloned() else { return e };
    if letter.len() != 2 || letter.starts_with("--") {
        return e;
    }
    let typed =
        args.iter().skip(1).map(|w| w.to_string_lossy()).take_while(|w| w != "--").find(|w| {
            w.starts_with(letter.as_str()) && !w.starts_with("--") && w.len() > letter.len() && !w.contains('=')
        });
    if let Some(word) = typed {
        // The tip clap made of the letter, made of the word.
        if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested).cloned() {
            let tips = tips
                .iter()
                .map(|tip| {
                    let plain = tip.to_string();
                    let whole = plain.replace(&format!("'-- {letter}'"), &format!("'-- {word}'"));
                    clap::builder::StyledStr::from(whole.replace(&format!("'{letter}'"), &format!("'{word}'")))
                })
                .collect();
            e.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
        }
        e.insert(ContextKind::InvalidArg, ContextValue::String(word.into_owned()));
    }
    e
}

/// clap's "unexpected argument" for a shared option typed after a command that does not take it
/// (`judging key --db x.db`), said as the same option typed before it is ([`not_done`]): clap
/// had said only "unexpected argument '--db' found", or offered `-- --db` to pass it as a value.
/// `command` has been built by the parse that failed with `e`; `None` for any other error.
fn shared_after(command: &clap::Command, args: &[std::ffi::OsString], e: &clap::Error) -> Option<clap::Error> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(invalid)) = e.get(ContextKind::InvalidArg) else { return None };
    let flag = invalid.split_once('=').map_or(invalid.as_str(), |(flag, _)| flag);
    let what = [Does::ReadsTheEvent, Does::OpensAStore, Does::ActsForAJudge, Does::DrawsProgress]
        .into_iter()
        .find(|what| flag == format!("--{}", what.option()) || (*what == Does::DrawsProgress && flag == "-q"))?;
    // The commands named before the option, as clap read them.
    let (mut at, mut path) = (command, Vec::new());
    for word in args.iter().skip(1).map(|w| w.to_string_lossy()) {
        if word == *invalid || word == "--" {
            break;
        }
        if let Some(sub) = at.find_subcommand(word.as_ref()) {
            path.push(sub.get_name().to_owned());
            at = sub;
        }
    }
    let path = path.join(" ");
    (!crate::cli::does(&path).contains(&what)).then(|| not_done(command, &path, what))
}

/// A shared option's value for the command whose matches are `at`: as typed after the command,
/// else as typed before it (`before`, which the top level read), else from its variable; `None`
/// where the command does not do `what`, and `Err(what)` when it was typed before such a command.
fn shared<T: Clone + Send + Sync + 'static>(
    top: &clap::ArgMatches,
    at: &clap::ArgMatches,
    does: &[Does],
    what: Does,
    before: Option<T>,
) -> Result<Option<T>, Does> {
    let id = what.option();
    let typed = |m: &clap::ArgMatches| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
    if !does.contains(&what) {
        return if typed(top) { Err(what) } else { Ok(None) };
    }
    if !typed(at) && typed(top) {
        return Ok(before);
    }
    Ok(at.get_one::<T>(id).cloned())
}

/// A usage error `e` as the command line alone gives it. clap's usage line names every argument
/// given a value as if it were required, one a variable gave (`JUDGING_DB`) as much as one typed:
/// `judging score` read `Usage: judging score --db <FILE> --judge <NAME> <SUBMISSION>`. Read again
/// without the variables, the same error comes with the usage of what was typed; where it does
/// not (a variable's own value is what is wrong), `e` is kept as found.
fn as_typed(e: clap::Error, args: &[std::ffi::OsString]) -> clap::Error {
    match parse_with(variables_unset(command(), &|_| true), args) {
        Err(alone) if alone.kind() == e.kind() => alone,
        _ => e,
    }
}

/// Parses the process's arguments with [`command`]; prints help, a version or a usage error and
/// exits where clap would. A usage error of a subcommand (a missing file, an unknown flag) is
/// followed by that subcommand's examples: what to give, not only what is missing.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    parse_with(empty_variables_unset(command()), &args).unwrap_or_else(|e| {
        use clap::error::ErrorKind;
        if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
            // Written here, not by clap's exit, which ends 0 whether or not the text got out:
            // `judging --help > /dev/full` is an error like any other print's.
            use std::io::{IsTerminal as _, Write as _};
            let text = rendered(&e, std::io::stdout().is_terminal());
            let mut out = std::io::stdout();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => std::process::exit(0),
                Err(why) if why.kind() == std::io::ErrorKind::BrokenPipe && crate::pipe::output_closed() => {
                    crate::pipe::end_as_ls_does()
                }
                Err(why) => {
                    let _ = writeln!(std::io::stderr(), "error: cannot write to standard output: {why}");
                    std::process::exit(1)
                }
            }
        }
        let e = shown_safely(as_typed(e, &args));
        // Some errors show the whole help (`judging sync` without its command): its examples'
        // spaces given back as well.
        {
            use std::io::Write as _;
            // Whether to style the text, as clap decides it (not progress: `--quiet` has no say).
            let styled = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let _ = write!(std::io::stderr(), "{}", rendered(&e, styled));
        }
        if let Some(examples) = examples_for(&args) {
            eprintln!("\n{examples}");
        }
        std::process::exit(e.exit_code())
    })
}

/// `e` with every text it quotes from the command line or a variable (the value refused, the
/// argument not known, the tip that repeats it) shown as [`crate::sanitize::visible`] shows a
/// name: clap quoted them raw, so `--judge $'ev\e]0;x\a'` retitled the terminal, a direction
/// mark turned the rest of the line around, and off a terminal an escape sequence vanished from
/// the value quoted ("invalid value 'evil'", a name that looks valid).
fn shown_safely(mut e: clap::Error) -> clap::Error {
    use clap::error::ContextValue;
    let hides = |s: &str| s.chars().any(crate::sanitize::hides);
    let mut mended: Vec<_> = e
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) if hides(s) => Some((kind, ContextValue::String(crate::sanitize::visible(s)))),
            ContextValue::Strings(all) if all.iter().any(|s| hides(s)) => {
                Some((kind, ContextValue::Strings(all.iter().map(|s| crate::sanitize::visible(s)).collect())))
            }
            _ => None,
        })
        .collect();
    // A tip clap styles repeats what was typed among its own escapes, which cannot be told
    // apart there: where the values quoted hide something, the tips are shown plain.
    let quoted_hide = !mended.is_empty();
    let plain = |s: &clap::builder::StyledStr| {
        let text = s.to_string();
        (quoted_hide || hides(&text)).then(|| clap::builder::StyledStr::from(crate::sanitize::visible(&text)))
    };
    mended.extend(e.context().filter_map(|(kind, value)| match value {
        ContextValue::StyledStr(s) => plain(s).map(|s| (kind, ContextValue::StyledStr(s))),
        ContextValue::StyledStrs(all) if all.iter().any(|s| plain(s).is_some()) => {
            Some((kind, ContextValue::StyledStrs(all.iter().map(|s| plain(s).unwrap_or_else(|| s.clone())).collect())))
        }
        _ => None,
    }));
    for (kind, value) in mended {
        e.insert(kind, value);
    }
    e
}

/// What clap says for `e`, as it is printed: styled on a terminal (unless `NO_COLOR`), as clap
/// itself prints it, and with the examples' spaces given back ([`unjoined`]).
fn rendered(e: &clap::Error, terminal: bool) -> String {
    let styled = e.render();
    let plain = !terminal || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    unjoined(&if plain { styled.to_string() } else { styled.ansi().to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command, however deep (`sync init`), ends its help with examples, and every example is
    /// a command line that parses (words split as a shell would, redirections left out).
    #[test]
    fn every_subcommand_has_examples_that_parse() {
        let command = with_help_examples(command());
        let mut paths = Vec::new();
        every_path(&command, &[], &mut paths);
        assert!(paths.contains(&vec!["sync".to_owned(), "init".to_owned()]), "{paths:?}");
        assert!(paths.contains(&vec!["help".to_owned()]), "{paths:?}");
        for path in &paths {
            let mut sub = &command;
            for word in path {
                sub = sub.find_subcommand(word).expect("a path of commands");
            }
            let help = sub.get_after_help().map(ToString::to_string).unwrap_or_default();
            // Each `help` clap makes (`sync help`, `help pull`) has `help`'s.
            let path = if path.contains(&"help".to_owned()) { vec!["help".to_owned()] } else { path.clone() };
            assert!(
                help.ends_with(&examples_text(&examples_of(&path.join(" ")))) && help.contains("Examples:\n  # "),
                "`judging {}` does not end with examples",
                path.join(" ")
            );
        }
        for (line, what) in START {
            assert!(crate::text_width::width(&format!("  # {what}")) <= 80, "{what:?} wraps at 80 columns");
            if let Err(e) = command.clone().try_get_matches_from(shell_words(line)) {
                panic!("{line:?} does not parse: {e}");
            }
        }
        for (name, examples) in EXAMPLES {
            let path: Vec<String> = name.split(' ').map(str::to_owned).collect();
            assert!(paths.contains(&path), "examples for {name}, which is not a command");
            // As the README promises: enough to show more than one use, few enough to read.
            assert!((2..=4).contains(&examples.len()), "{name} has {} examples, not two to four", examples.len());
            for (line, what) in *examples {
                // Its comment on one line of an 80-column terminal: wrapped, its second line
                // would read as a command without the `#`.
                assert!(crate::text_width::width(&format!("  # {what}")) <= 80, "{name}: {what:?} wraps at 80 columns");
                let words = shell_words(line);
                assert!(
                    words.windows(path.len()).any(|w| w == path.as_slice()),
                    "{line:?} is not an example of {name}"
                );
                match command.clone().try_get_matches_from(&words) {
                    // `judging help merge` prints merge's help, as clap's help does.
                    Err(e) if path == ["help"] && e.kind() == clap::error::ErrorKind::DisplayHelp => {}
                    Err(e) => panic!("{line:?} does not parse: {e}"),
                    Ok(matches) => {
                        let mut said = Vec::new();
                        let mut at = matches.subcommand();
                        while let Some((word, deeper)) = at {
                            said.push(word.to_owned());
                            at = deeper.subcommand();
                        }
                        assert_eq!(said, path, "{line:?} runs another command than {name}");
                    }
                }
            }
        }
    }

    /// Every command's words after `judging`, `help` among them.
    fn every_path(command: &clap::Command, above: &[String], paths: &mut Vec<Vec<String>>) {
        for sub in command.get_subcommands() {
            let mut path = above.to_vec();
            path.push(sub.get_name().to_owned());
            every_path(sub, &path, paths);
            paths.push(path);
        }
    }

    /// No value's help, as the completion scripts get it, holds a `"` or a `$`: zsh and fish take
    /// it inside double quotes, unescaped (see `for_completions`). The values keep their names
    /// but the hidden ones (which bash's script offered), and `rank-sum` its help, quoted the
    /// other way.
    #[test]
    fn no_values_help_breaks_the_completion_scripts_quoting() {
        fn walk(command: &clap::Command, path: &str, seen: &mut Vec<(String, String)>) {
            for arg in command.get_arguments() {
                for value in arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()) {
                    let help = value.get_help().map(ToString::to_string).unwrap_or_default();
                    let name = arg.get_long().unwrap_or(arg.get_id().as_str());
                    seen.push((format!("{path} --{name} {}", value.get_name()), help));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), seen);
            }
        }
        let mut seen = Vec::new();
        walk(&for_completions(), "judging", &mut seen);
        let completed = for_completions();
        let man = completed.find_subcommand("man").and_then(|man| man.get_arguments().find(|a| a.get_id() == "page"));
        let offered: Vec<String> = man
            .map_or_else(Vec::new, |page| page.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect());
        assert!(offered.contains(&"sync-init".to_owned()) && !offered.contains(&"init".to_owned()), "{offered:?}");
        let mut before = Vec::new();
        walk(&command(), "judging", &mut before);
        assert_eq!(
            seen.iter().map(|(value, _)| value).collect::<Vec<_>>(),
            before.iter().map(|(value, _)| value).collect::<Vec<_>>()
        );
        for (value, help) in &seen {
            assert!(!help.contains(['"', '$']), "{value}: {help:?} would break the zsh and fish completions");
        }
        let rank_sum = seen.iter().find(|(value, _)| value == "judging merge --method rank-sum").expect("rank-sum");
        assert!(rank_sum.1.ends_with("(Quandt's 'votes against')"), "{rank_sum:?}");
    }

    /// A usage error a command finds ends with clap's exit status for its own.
    #[test]
    fn a_usage_error_exits_as_claps_do() {
        let clap = command().try_get_matches_from(["judging", "--bogus"]).expect_err("a usage error");
        assert_eq!(clap.exit_code(), i32::from(crate::cli::USAGE_EXIT));
    }

    /// A usage error is followed by the examples of the command deepest in the line.
    #[test]
    fn a_usage_error_shows_the_examples_of_the_command_named() {
        let args = |line: &str| -> Vec<std::ffi::OsString> { line.split(' ').map(Into::into).collect() };
        let sync = examples_for(&args("judging sync init --bogus")).expect("examples");
        assert!(sync.contains("judging sync init --config"), "{sync}");
        assert_eq!(examples_for(&args("judging sync")), Some(sync));
        let merge = examples_for(&args("judging --quiet merge --method foo")).expect("examples");
        assert!(merge.contains("judging merge scores-*.json --entry"), "{merge}");
        assert_eq!(examples_for(&args("judging --bogus")), None);
        // An option's value that is a command's name is not taken for the command.
        let import = examples_for(&args("judging --judge merge import-scores s.csv s.csv")).expect("examples");
        assert!(import.contains("judging import-scores my-scores.csv"), "{import}");
        let assign = examples_for(&args("judging assign -k merge --dry-run")).expect("examples");
        assert!(assign.contains("judging assign --dry-run"), "{assign}");
        let help = examples_for(&args("judging help bogus")).expect("examples");
        assert!(help.contains("judging help merge"), "{help}");
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
