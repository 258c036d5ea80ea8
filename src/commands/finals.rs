//! The finals from the command line: `judging merge --finals` publishes them, `judging finals`
//! lists them for a judge, `judging compare A B --winner A|B|level` answers a pair; and every
//! merge settles the published finals into its rankings (`settle_into`). The rules are the
//! core's (`finals`); this is the files, the store and the words.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Session;
use crate::config::{Track, track_name};
use crate::event_files::Loaded;
use crate::finals::{Barred, Round, published, published::Published};
use crate::model::{Change, Compared, Pair, Verdict};
use crate::rankings::{Field, Rankings};
use crate::sanitize::clean_line;

/// Puts the published finals' order into freshly merged rankings (a saved merge has it already),
/// saying on stderr what was left out (as `listed` has it: the warnings go into the rankings').
pub(super) fn settle_into(
    rankings: &mut Rankings,
    session: &Session,
    field: &Field,
    listed: super::stderr::Listed,
) -> Result<()> {
    let loaded = &session.loaded;
    let Some(published) = loaded.published_finals()? else { return Ok(()) };
    // What the rubric round refuses first: it names the entry and the finalists left out.
    let moved = as_the_rubric_round_gives(&published, rankings, loaded)?;
    as_this_store_published(&published, session)?;
    let (rounds, mut warnings) =
        crate::finals::gather(&published, rankings, &rankings.sheets.judges, field, &loaded.config);
    warnings.extend(moved);
    // The finalists were chosen from the rubric round of the method that published them: merged
    // by another, the rest of the ranking is that one's, and results had said nothing of it.
    if published.method != rankings.method {
        let file = loaded.finals_path().map_or_else(|| "the published finals".to_owned(), |p| p.display().to_string());
        warnings.push(format!(
            "{file} was published from a merge by the {} method, and this merge is by the {} method: the finalists are the ones that method chose, the places after them this merge's; merge with --method {} for the ranking the finals were chosen from",
            clean_line(&published.method),
            clean_line(&rankings.method),
            clean_line(&published.method)
        ));
    }
    // A trainee's comparisons, like their marks, count nowhere.
    for t in rankings.sheets.trainees.iter().filter(|t| !t.comparisons.is_empty()) {
        warnings.push(format!(
            "{} is a trainee (counts = false): {} left out, as their marks are",
            clean_line(&t.judge),
            crate::format::count(t.comparisons.len(), "comparison", "comparisons")
        ));
    }
    for w in &warnings {
        listed.warn(&clean_line(w));
    }
    rankings.warnings.extend(warnings);
    let may: Vec<_> = rounds.iter().map(|r| may_compare(r, rankings, field, &loaded.config)).collect();
    let settled = crate::finals::settle_knowing(rankings, &rounds, &may);
    for w in &settled.warnings {
        listed.warn(&clean_line(w));
    }
    Ok(())
}

/// Who of the finals' judges may compare each finalist of `round` ([`Round::may_compare`]): the
/// entries as `field` has them, each judge's recusals as their score file says them.
fn may_compare(
    round: &Round,
    rankings: &Rankings,
    field: &Field,
    config: &crate::config::Config,
) -> Vec<crate::finals::MayCompare> {
    let at = |id: &str| field.entries.iter().position(|s| s.submission.id == id);
    let recused =
        |judge: &str, id: &str| {
            let Some(i) = at(id) else { return false };
            rankings.sheets.judges.iter().any(|m| {
                crate::model::same_name(&m.judge, judge) && m.text(crate::model::TextPart::Recusal, i).is_some()
            })
        };
    let entry = |id: &str| at(id).and_then(|i| field.entries.get(i)).map(|s| (&s.submission, s.withdrawn));
    round.may_compare(config, recused, entry)
}

/// The store's record of the finalists it published last (`finals::published::finalists_record`).
const PUBLISHED_FINALISTS: &str = "finals.published_finalists";

/// The published finalists, where this store published finals, checked against the ones it
/// published: finals.toml travels through the judges' repo, and one edited there (a finalist put
/// in, its rubric place changed to pass for one a late score file moved) would otherwise be
/// taken at its word. A store that published none (an organizer's, an earlier build's) checks
/// only what [`as_the_rubric_round_gives`] can.
fn as_this_store_published(published: &Published, session: &Session) -> Result<()> {
    let Some(remembered) = session.store.meta(PUBLISHED_FINALISTS)? else { return Ok(()) };
    let differences = crate::finals::published::differences(&remembered, &published.rounds);
    if differences.is_empty() {
        return Ok(());
    }
    let file =
        session.loaded.finals_path().map_or_else(|| "the published finals".to_owned(), |p| p.display().to_string());
    bail!(
        "{file} is not what this store published last: {}. It was edited since, or published from another store. Publish the finals again from the score files with `judging merge FILES --finals` (with --force if it says comparisons were made), and share the file",
        clean_line(&differences.join("; "))
    )
}

/// The published finalists checked against the rubric round of `rankings` (before the finals
/// settle it): each must be one of the top `[finals] size` that [`crate::finals::finalists`]
/// picks, or one the rubric round has moved since it was published. A finalist the rubric round
/// still places where the file says, outside the finalists, was never one (the file was edited,
/// or judging.toml's [finals] changed): refused, naming the file, the finalist and what the
/// rubric round gives. One it has moved out (a late score file) keeps its place in the finals,
/// said in the returned warnings; a finalist the merge does not rank (withdrawn) is
/// [`crate::finals::gather`]'s to say.
fn as_the_rubric_round_gives(published: &Published, rankings: &Rankings, loaded: &Loaded) -> Result<Vec<String>> {
    let (now, _) = crate::finals::finalists(rankings, &loaded.config);
    let file = loaded.finals_path().map_or_else(|| "the published finals".to_owned(), |p| p.display().to_string());
    let mut warnings = Vec::new();
    for round in &published.rounds {
        let Some(ranked) = rankings.ranking(&round.ranking) else { continue };
        let picked: Vec<&crate::finals::Finalist> =
            now.iter().filter(|r| r.ranking == round.ranking).flat_map(|r| &r.finalists).collect();
        let name = clean_line(rankings.ranking_name(&round.ranking));
        let said = |f: &crate::finals::Finalist| format!("{} ({})", clean_line(&f.title), clean_line(&f.id));
        let left_out: Vec<String> = picked
            .iter()
            .filter(|p| !round.finalists.iter().any(|f| f.id == p.id))
            .map(|p| format!("{} at place {}", said(p), p.rubric_place))
            .collect();
        let instead = if left_out.is_empty() {
            String::new()
        } else {
            format!(", among them {}, which the file leaves out", crate::format::first_few(&left_out, 3, ", "))
        };
        for f in &round.finalists {
            let Some(r) = ranked.iter().find(|r| r.id == f.id) else { continue };
            if picked.iter().any(|p| p.id == f.id) {
                continue;
            }
            let size = picked.len();
            if r.place == f.rubric_place {
                bail!(
                    "{file}: {} is a finalist of the {name} finals, at rubric place {}, and the rubric round of these files does not make it one: it gives {size} finalists{instead}. Was the file edited by hand, or [finals] changed? Publish the finals again with `judging merge FILES --finals` (--force once comparisons were made), and share the file",
                    said(f),
                    f.rubric_place,
                );
            }
            warnings.push(format!(
                "the {name} finals were published with {} at rubric place {}; the rubric round of these files places it {}, outside its {size} finalists{instead} (a score file came in since?): the finals go on with the finalists published. To compare the rubric round's finalists instead, publish the finals again with `judging merge FILES --finals --force`",
                said(f),
                f.rubric_place,
                r.place,
            ));
        }
    }
    Ok(warnings)
}

/// The judge's session for the finals, where the event has a finals round; else what to add,
/// said before the store is opened: a judge without one had been sent to pull first, only to be
/// told after it that the event has no finals.
pub(super) fn session(cli: &crate::cli::Cli, loaded: Loaded) -> Result<Session> {
    finals_path(&loaded)?;
    Session::open(cli, loaded)
}

/// Where judging.toml's [finals] publishes them, or what to add.
fn finals_path(loaded: &Loaded) -> Result<std::path::PathBuf> {
    loaded.finals_path().ok_or_else(|| {
        anyhow::anyhow!(
            "{} has no [finals]: add the section (`[finals]` alone takes the defaults: the top 6 of each ranking a prize pays places in, every judge comparing) and run this again",
            loaded.describe()
        )
    })
}

/// The finals published at `path` before, which this publish builds on: `None` where there are
/// none, or where `force` publishes anew over a file that cannot be built on (said as a note).
/// A file that judging.toml's [finals] no longer fits (a ranking or a judge taken out of them
/// since) is published over with --force, as other finalists are: its own error had said to
/// publish again, and publishing stopped on it.
fn published_before(loaded: &Loaded, path: &Path, force: bool) -> Result<Option<Published>> {
    Ok(match loaded.published_finals() {
        Ok(before) => before,
        Err(e) if force => {
            super::stderr::say("note", &format!("replacing it: {}", crate::sanitize::clean_block(&e.to_string())));
            None
        }
        // Paid places judging.toml's prizes no longer pay are published over with theirs, the
        // comparisons kept: the readers' refusal says to run this. Beside another problem, each
        // is said with what it needs: the paid places nothing, the other a fix or --force.
        Err(e) => {
            match loaded.read_beside(path).ok().flatten().map(|t| published::parse_to_republish(&t, &loaded.config)) {
                Some(Ok(before)) => Some(before),
                Some(Err(refused)) => bail!(not_published_over(path, &refused)),
                None => bail!("{e}\nAdd --force to publish the finals anew over it."),
            }
        }
    })
}

/// What stops `merge --finals` whatever the judges' files say, checked before they are read or
/// collected: judging.toml with no [finals], or a finals.toml published before that cannot be
/// read or whose problems need a fix or --force. `--from-hub` had asked the repo for
/// every judge's file, checked them all and merged them, to say that the file beside
/// judging.toml was broken. (Publishing over other finalists judges have compared needs the
/// merge's finalists, so it is said after.)
pub(super) fn can_publish(loaded: &Loaded, force: bool) -> Result<()> {
    let path = finals_path(loaded)?;
    if !force {
        published_before(loaded, &path, false)?;
    }
    Ok(())
}

/// `judging merge --finals`: the finalists of each ranking with finals, from `rankings` as the
/// rubric round merged them, written to `finals.file` with the comparisons made so far. A file
/// that names other finalists, on whom comparisons were made, is replaced only with `force`.
pub(super) fn publish(session: &Session, rankings: &Rankings, field: &Field, force: bool) -> Result<ExitCode> {
    let loaded = &session.loaded;
    let config = &loaded.config;
    let path = finals_path(loaded)?;
    // `published_finals` below reads the path through `Loaded::inside`, which refuses a link out.
    let (mut rounds, notes) = crate::finals::finalists(rankings, config);
    for n in &notes {
        super::stderr::say("note", &clean_line(n));
    }
    if rounds.is_empty() {
        bail!("no ranking has finals to publish (see the notes above): name them in [finals] rankings");
    }
    let before = published_before(loaded, &path, force)?;
    if let Some(before) = &before {
        for (was, now) in
            before.rounds.iter().filter_map(|b| Some((b, rounds.iter().find(|r| r.ranking == b.ranking)?)))
        {
            if was.paid != now.paid {
                super::stderr::say(
                    "note",
                    &format!(
                        "{} said {} paid in the {} finals; judging.toml's prizes pay {}: published with those",
                        path.display(),
                        crate::format::count(was.paid, "place", "places"),
                        clean_line(track_name(&config.tracks, &now.ranking)),
                        now.paid
                    ),
                );
            }
        }
    }
    if let Some(before) = before {
        let (answered, _) = crate::finals::gather(&before, rankings, &rankings.sheets.judges, field, config);
        let same = |a: &[Round], b: &[Round]| {
            a.len() == b.len()
                && a.iter().zip(b).all(|(x, y)| {
                    x.ranking == y.ranking && x.finalists.iter().map(|f| &f.id).eq(y.finalists.iter().map(|f| &f.id))
                })
        };
        let made = answers_made(answered.iter().chain(&before.rounds));
        if same(&before.rounds, &rounds) {
            // The same finalists: published again with the answers the files now hold.
            rounds = answered;
        } else if made > 0 && !force {
            bail!(
                "{} already publishes other finalists, and judges compared them {}: publishing these would leave those comparisons out. Add --force to publish anyway",
                path.display(),
                crate::format::count(made, "time", "times")
            );
        }
    }
    let text = crate::finals::published::write(
        &config.event.name,
        &config.event.id,
        &rankings.method,
        &session.store.now()?,
        &rounds,
    );
    crate::disk::write_durably(&path, text.as_bytes())?;
    // Said, not fatal: the file is written; without the note this store checks it as any other.
    if let Err(e) = session.store.set_meta(PUBLISHED_FINALISTS, &crate::finals::published::finalists_record(&rounds)) {
        super::stderr::say("warning", &format!("the finals were published, but this store could not note them: {e}"));
    }
    for round in &rounds {
        println!(
            "{} finals: {} finalists, {} paid",
            clean_line(track_name(&config.tracks, &round.ranking)),
            round.finalists.len(),
            crate::format::count(round.paid, "place", "places")
        );
        for f in &round.finalists {
            println!(
                "  {:>3}  {} {}",
                f.rubric_place,
                crate::text_width::pad(&clean_line(&f.id), 24),
                clean_line(&f.title)
            );
        }
    }
    // A finalist too few of the finals' judges may compare: its place would rest on them alone.
    for round in &rounds {
        let may = may_compare(round, rankings, field, config);
        let name = track_name(&config.tracks, &round.ranking);
        for w in round.few_may_compare(&may, rankings.min_judges, name) {
            super::stderr::say("warning", &clean_line(&w));
        }
    }
    let answers: usize = rounds.iter().map(|r| r.answers.len()).sum();
    println!(
        "Wrote {} ({} so far). Share it with the judges beside judging.toml; `judging finals` lists it for each of them",
        path.display(),
        crate::format::count(answers, "comparison", "comparisons")
    );
    Ok(ExitCode::SUCCESS)
}

/// Why `judging merge --finals` does not publish over the file at `path`, each problem under
/// what it needs: mending in the file or --force; or nothing, the paid places this publish
/// mends ([`published::REPUBLISH`]: it pays judging.toml's places and keeps the comparisons made).
fn not_published_over(path: &Path, refused: &published::Refused) -> String {
    let list = |problems: &[String]| -> String { problems.iter().map(|p| format!("\n  {}", clean_line(p))).collect() };
    let (it, these) = match refused.standing.len() {
        1 => ("it", "this problem"),
        _ => ("them", "these problems"),
    };
    let mut said = format!(
        "{} cannot be published over with {these}: mend {it} in the file and run this again, or add --force to publish the finals anew over it from these files' rubric round:{}",
        path.display(),
        list(&refused.standing)
    );
    if !refused.mended.is_empty() {
        said.push_str(&format!(
            "\nThe paid places need nothing: this publish mends them, paying judging.toml's places and keeping the comparisons made:{}",
            list(&refused.mended)
        ));
    }
    said
}

/// The published finals, or why there are none.
fn published(loaded: &Loaded) -> Result<Published> {
    let Some(path) = loaded.finals_path() else {
        bail!("{} has no [finals]: this event has no finals round", loaded.describe());
    };
    loaded.published_finals()?.ok_or_else(|| {
        anyhow::anyhow!(
            "no finals published yet: {} does not exist. The head judge publishes them with `judging merge --finals`, and shares the file beside judging.toml",
            path.display()
        )
    })
}

/// Each published round as this judge sees it (their own answers from their store), with the
/// finalists they may not compare marked.
fn rounds_for(session: &Session, published: &Published) -> Result<Vec<(Round, Vec<Option<Barred>>)>> {
    let config = &session.loaded.config;
    let sheet = session.store.score_sheet()?;
    let stored = session.store.submissions()?;
    let entry = |id: &str| stored.iter().find(|s| s.submission.id == id).map(|s| (&s.submission, s.withdrawn));
    Ok(published
        .rounds
        .iter()
        .map(|round| {
            let seen = round.as_seen_by(&session.judge, &sheet);
            let why = seen.why_barred(config, &session.judge, &sheet, entry);
            (seen, why)
        })
        .collect())
}

/// Why `a` and `b` are not a pair to compare, naming the one that is no finalist (with the
/// finalists like it of the other's ranking, never the other id given), or the rankings each is
/// a finalist of, each by its track's name in `tracks`.
fn not_a_pair(published: &crate::finals::published::Published, tracks: &[Track], a: &str, b: &str) -> String {
    let ranking_of = |id: &str| published.rounds.iter().find(|r| r.finalist(id).is_some()).map(|r| r.ranking.as_str());
    match (ranking_of(a), ranking_of(b)) {
        (Some(first), Some(second)) => format!(
            "{} is a finalist of {} and {} of {}: a pair is two finalists of one ranking; `judging finals` lists them",
            clean_line(a),
            clean_line(track_name(tracks, first)),
            clean_line(b),
            clean_line(track_name(tracks, second))
        ),
        (first, second) => {
            let (unknown, other, within) = if first.is_none() { (a, b, second) } else { (b, a, first) };
            // The finalists a typo may stand for: of the other id's ranking where it is one.
            let ids = (published.rounds.iter())
                .filter(|r| within.is_none_or(|w| r.ranking == w))
                .flat_map(|r| r.finalists.iter().map(|f| f.id.as_str()))
                .filter(|id| *id != other);
            let alike = crate::format::look_alike(unknown, ids, 3);
            let hint = crate::paste::did_you_mean_instead(unknown, &alike);
            format!("{} is not a finalist; `judging finals` lists them.{hint}", crate::sanitize::in_quotes(unknown))
        }
    }
}

/// How many answers `rounds` hold, each judge's answer on a pair once whether the published
/// file or a score file holds it: the same answers are usually in both (counted twice, 27 had
/// read as 37).
fn answers_made<'a>(rounds: impl Iterator<Item = &'a Round>) -> usize {
    rounds
        .flat_map(|r| {
            r.answers.iter().filter_map(|a| {
                let mut pair = [r.finalists.get(a.first)?.id.as_str(), r.finalists.get(a.second)?.id.as_str()];
                pair.sort_unstable();
                Some((r.ranking.as_str(), crate::model::name_key(r.judges.get(a.judge)?), pair))
            })
        })
        .collect::<std::collections::HashSet<_>>()
        .len()
}

/// What to type to compare the next pair, or that none is left. The verdict is left in quotes
/// for the judge to choose: pasted as printed, `--winner A|B|level` ran as a pipe and recorded
/// "A wins"; `'A|B|level'` is refused as it stands, naming the three answers.
/// What the judge compares next, as a command to paste: `compare` as this run was given (its
/// `--config`, `--db` and `--judge`, so that the answer goes to the same event, store and judge).
fn next_line(round: &Round, judge: &str, barred: &[bool], compare: &crate::paste::CommandLine) -> String {
    let fit = round.fit(None);
    match round.next_pair(&fit, judge, barred) {
        Some((i, j)) => format!(
            "Next: {}   (A: {}, B: {})",
            compare.clone().arg(&round.finalists[i].id).arg(&round.finalists[j].id).opt("--winner", "A|B|level"),
            clean_line(&round.finalists[i].title),
            clean_line(&round.finalists[j].title)
        ),
        None if round.progress(judge, barred).1 == 0 => "No pair here is yours to compare.".to_owned(),
        None => "Every pair you may compare is compared: thank you.".to_owned(),
    }
}

/// `judging finals`: the finalists of each round, the judge's answers, and the next pair.
pub(super) fn list(session: &Session, compare: &crate::paste::CommandLine) -> Result<ExitCode> {
    let loaded = &session.loaded;
    let published = published(loaded)?;
    let takes_part = loaded.config.compares_in_finals(&session.judge);
    println!(
        "Finals of {}, published {} (chosen by the {} method); judge {}",
        clean_line(&loaded.config.event.name),
        clean_line(&published.published_at),
        clean_line(&published.method),
        clean_line(&session.judge)
    );
    if !takes_part {
        println!("judging.toml does not list you among the finals' judges: you see the finalists, and compare none.");
    }
    for (round, why) in rounds_for(session, &published)? {
        let barred: Vec<bool> = why.iter().map(Option::is_some).collect();
        let (done, open) = round.progress(&session.judge, &barred);
        // A judge who compares in no finals may compare no pair, whatever the pairs' count.
        let yours =
            if takes_part { format!("; you compared {done} of the {open} pairs you may") } else { String::new() };
        println!(
            "\n{}: {} finalists, {} paid{yours}",
            clean_line(track_name(&loaded.config.tracks, &round.ranking)),
            round.finalists.len(),
            crate::format::count(round.paid, "place", "places")
        );
        println!("  RUBRIC  ID                        TITLE");
        for (f, why) in round.finalists.iter().zip(&why) {
            let mark = why.map(|w| format!("   (not yours to compare: {})", w.said())).unwrap_or_default();
            let id = crate::text_width::pad(&clean_line(&f.id), 24);
            println!("  {:>6}  {id}  {}{mark}", f.rubric_place, clean_line(&f.title));
        }
        let k = round.judge(&session.judge);
        for a in round.answers.iter().filter(|a| Some(a.judge) == k) {
            println!("  you: {}", said(&round, a.first, a.second, a.verdict));
        }
        if takes_part {
            println!("  {}", next_line(&round, &session.judge, &barred, compare));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// An answer in words: "A over B", or "A and B level".
fn said(round: &Round, first: usize, second: usize, verdict: Verdict) -> String {
    let title = |i: usize| clean_line(&round.finalists[i].title);
    match verdict {
        Verdict::First => format!("{} over {}", title(first), title(second)),
        Verdict::Second => format!("{} over {}", title(second), title(first)),
        Verdict::Level => format!("{} and {} level", title(first), title(second)),
    }
}

/// What `judging compare` was asked.
pub struct Asked<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub winner: Option<&'a str>,
    pub note: Option<&'a str>,
    pub clear: bool,
}

/// `judging compare A B --winner A|B|level`: the judge's answer on a pair of finalists, saved at
/// once like a score (a new answer replaces theirs), or taken back with `--clear`.
pub(super) fn compare(session: Session, asked: &Asked, compare: &crate::paste::CommandLine) -> Result<ExitCode> {
    session.require_submissions()?;
    let loaded = &session.loaded;
    let published = published(loaded)?;
    if !loaded.config.compares_in_finals(&session.judge) {
        bail!(
            "judging.toml does not list {} among the finals' judges ([finals] judges): only they compare",
            clean_line(&session.judge)
        );
    }
    let (a, b) = (asked.a.trim(), asked.b.trim());
    let Some(pair) = Pair::new(a, b) else {
        bail!("{:?} twice: compare two different finalists", clean_line(a));
    };
    let rounds = rounds_for(&session, &published)?;
    let Some((round, why)) = rounds.iter().find(|(r, _)| r.finalist(a).is_some() && r.finalist(b).is_some()) else {
        bail!(not_a_pair(&published, &loaded.config.tracks, a, b));
    };
    for id in [a, b] {
        if let Some(why) = round.finalist(id).and_then(|i| why[i]) {
            bail!("you may not compare {}: {}", clean_line(id), why.said());
        }
    }
    let barred: Vec<bool> = why.iter().map(Option::is_some).collect();
    let before = session.store.sheet_of(std::slice::from_ref(&pair.first))?.comparison(&pair).cloned();
    // A new verdict without --note keeps the note the judge wrote before (it had been dropped
    // unsaid); `--note ""` takes it away.
    let kept_note = before.as_ref().and_then(|c| c.note.clone()).filter(|_| asked.note.is_none());
    let answer = if asked.clear {
        None
    } else {
        let winner = asked.winner.unwrap_or_default().trim();
        let named = match winner.to_lowercase().as_str() {
            "a" => Some(a),
            "b" => Some(b),
            "level" => None,
            _ if winner == a => Some(a),
            _ if winner == b => Some(b),
            _ => bail!(crate::cli::UsageError(format!(
                "--winner {:?}: say A ({}), B ({}) or level",
                clean_line(winner),
                clean_line(a),
                clean_line(b)
            ))),
        };
        let verdict = pair.verdict(named).unwrap_or(Verdict::Level);
        let given = asked.note.map(str::to_owned).filter(|n| !n.trim().is_empty());
        Some(Compared { verdict, note: given.or_else(|| kept_note.clone()) })
    };
    let (id, change) = Change::comparison(&pair, answer.clone());
    session.store.apply(&id, &change)?;
    let mut round = round.clone();
    round.record(&session.judge, &pair, answer.clone());
    let at = (round.finalist(&pair.first).unwrap_or(0), round.finalist(&pair.second).unwrap_or(0));
    let said_of = |verdict| said(&round, at.0, at.1, verdict);
    let name = clean_line(track_name(&loaded.config.tracks, &round.ranking));
    let earlier = before.map(|c| said_of(c.verdict));
    match (&answer, earlier) {
        (Some(c), None) => println!("Saved in the {name} finals: {}", said_of(c.verdict)),
        (Some(c), Some(was)) => {
            println!("Saved in the {name} finals: {} (in place of your earlier answer: {was})", said_of(c.verdict));
        }
        (None, Some(was)) => println!("Taken back: your answer {was}"),
        (None, None) => println!("You had no answer on {}: nothing to take back", clean_line(&pair.to_string())),
    }
    if let (Some(_), Some(note)) = (&answer, &kept_note) {
        println!("Your note on this pair is kept: \"{}\" (--note \"\" takes it away)", clean_line(note));
    }
    let (done, open) = round.progress(&session.judge, &barred);
    println!(
        "You compared {done} of the {open} pairs you may. {}",
        next_line(&round, &session.judge, &barred, compare)
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finals::Finalist;
    use crate::model::{Compared, Pair, Verdict};

    /// The same answers in the published file and in the judges' files count once; another
    /// judge's answer on the same pair, or one judge's on another pair, counts on its own.
    #[test]
    fn an_answer_in_the_file_and_in_a_score_file_counts_once() {
        let finalist = |id: &str| Finalist { id: id.into(), title: id.into(), rubric_place: 1, rubric_score: 4.0 };
        let mut published = Round {
            ranking: "backyard".into(),
            paid: 2,
            finalists: vec![finalist("a"), finalist("b"), finalist("c")],
            judges: Vec::new(),
            answers: Vec::new(),
        };
        let answer = |round: &mut Round, judge: &str, a: &str, b: &str| {
            let pair = Pair::new(a, b).expect("a pair");
            assert!(round.record(judge, &pair, Some(Compared { verdict: Verdict::First, note: None })));
        };
        answer(&mut published, "ana", "a", "b");
        answer(&mut published, "bo", "a", "b");
        let mut from_files = published.clone();
        answer(&mut from_files, "Ana", "b", "c");
        assert_eq!(answers_made([&published, &from_files].into_iter()), 3);
    }

    /// A pair that is not one says which id is no finalist, and suggests finalists like it but
    /// never the other id given; two finalists of different rankings are said as such.
    #[test]
    fn a_pair_that_is_not_one_says_why() {
        let finalist = |id: &str| Finalist { id: id.into(), title: id.into(), rubric_place: 1, rubric_score: 4.0 };
        let round = |ranking: &str, ids: &[&str]| Round {
            ranking: ranking.into(),
            paid: 2,
            finalists: ids.iter().map(|id| finalist(id)).collect(),
            judges: Vec::new(),
            answers: Vec::new(),
        };
        let published = crate::finals::published::Published {
            event: "e".into(),
            published_at: "now".into(),
            method: "calibrated".into(),
            rounds: vec![round("backyard", &["b01", "b02", "b03"]), round("wood", &["w01", "w02"])],
        };
        let tracks = crate::config::Config::builtin().tracks;
        let typo = not_a_pair(&published, &tracks, "b02", "b04");
        assert!(typo.starts_with("\"b04\" is not a finalist") && typo.contains("Did you mean: b01, b03?"), "{typo}");
        let first = not_a_pair(&published, &tracks, "x", "b02");
        assert!(first.starts_with("\"x\" is not a finalist"), "{first}");
        let apart = not_a_pair(&published, &tracks, "b01", "w02");
        assert_eq!(
            apart,
            "b01 is a finalist of Backyard AI and w02 of Thousand Token Wood: a pair is two finalists of one ranking; `judging finals` lists them"
        );
        // A track judging.toml does not name, by its id.
        let apart = not_a_pair(&published, &[], "b01", "w02");
        assert!(apart.starts_with("b01 is a finalist of backyard and w02 of wood:"), "{apart}");
    }
}
