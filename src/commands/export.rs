//! `judging export`: this judge's score file, for the head judge.

use std::process::ExitCode;

use anyhow::Result;

use super::Session;
use crate::disk::Output;
use crate::model::Status;
use crate::sanitize::clean_line;

/// Writes this judge's score file, atomically: a half-written file never replaces a good one.
/// A name judging.toml does not list, given with `--judge` or taken from the login, is warned of
/// first: the file would carry it.
pub(super) fn run(session: Session, output: Option<Output>, source: crate::paths::JudgeSource) -> Result<ExitCode> {
    if let Some(unlisted) = session.unlisted_judge(source) {
        super::stderr::warn(&unlisted);
    }
    write_local(&session, output)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the score file (to `output`, else `scores-EVENT-JUDGE.json` here) and says so, unless
/// it went to standard output; returns where, and its text, for `push` to send. Its lines wrap
/// between words on a terminal, as every command's do.
pub(super) fn write_local(session: &Session, output: Option<Output>) -> Result<(Output, String)> {
    write_for(&session.loaded, &session.store, &session.judge, output, &say_line, &warn_line)
}

/// A warning of writing the score file ("warning: …", as [`write_for`] gives it), said as every
/// command's are ([`super::stderr::warn`]: wrapped between words, its next lines indented two
/// columns): `export`'s and `push`'s alike.
pub(super) fn warn_line(line: &str) {
    super::stderr::warn(line.strip_prefix("warning: ").unwrap_or(line));
}

/// A line of what writing the score file says ("Wrote …"), on standard output, wrapped between
/// words on a terminal, with any progress line out of its way: `export`'s and `push`'s alike
/// (the push's had been cut mid-word at the terminal's edge).
pub(super) fn say_line(line: &str) {
    let width = super::terminal_width(true, None);
    crate::progress::suspended(|| super::print_report(&format!("{line}\n"), width));
}

/// [`write_local`] from a store opened elsewhere: the app pushes from a thread of its own.
pub(crate) fn write_for(
    loaded: &crate::event_files::Loaded,
    store: &crate::store::Store,
    judge: &str,
    output: Option<Output>,
    say: &dyn Fn(&str),
    warn: &dyn Fn(&str),
) -> Result<(Output, String)> {
    let config = &loaded.config;
    let output = output.unwrap_or_else(|| {
        Output::File(format!("scores-{}-{}.json", config.event.id, crate::file_names::judge_stem(judge)).into())
    });
    // Never over the store it is made from, nor a file of the event: said before any is read.
    if let Some(path) = output.file() {
        super::given::apart(path, &super::given::kept(loaded, store.path(), judge))?;
    }
    let sheet = store.score_sheet()?;
    let body = crate::scorefile::Body {
        event: config.event.id.clone(),
        rubric: crate::scorefile::rubric_fingerprint(config),
        judge: judge.to_owned(),
        written_at: store.now()?,
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        scores: store.score_rows(&config.criteria.iter().map(|c| c.id.clone()).collect::<Vec<_>>())?,
        // The median of each entry's readings: the first answer of a cold Space is an outlier.
        timings: sheet.readings.keys().filter_map(|id| Some((id.clone(), sheet.median_seconds(id)?))).collect(),
        readings: sheet.readings.clone().into_iter().filter(|(_, r)| !r.is_empty()).collect(),
        // A revision an earlier build cached as the Hub sent it, and that is no commit, is left
        // out: the merge refuses a file that carries one.
        revisions: store.revisions()?.into_iter().filter(|(_, r)| crate::model::is_revision(r)).collect(),
        texts: crate::model::ByPart::from_fn(|part| sheet.texts[part].clone().into_iter().collect()),
        comparisons: sheet.compared().into_iter().map(|(pair, c)| (pair, c.clone())).collect(),
    };
    // The judge's own key; else a secret an earlier build's head judge handed out (from the
    // environment, or the judge's own judging.toml).
    let own = crate::keys::load(judge)?;
    if let Some(problem) = key_problem(config, judge, own.as_ref()) {
        warn(&format!("warning: {problem}"));
    }
    let secret = std::env::var("JUDGING_KEY").ok().filter(|k| !k.is_empty());
    let secret = secret.as_deref().or_else(|| config.key_of(judge));
    let signer = match (&own, secret) {
        (Some(key), _) => Some(crate::scorefile::Signer::Key(key)),
        (None, Some(secret)) => Some(crate::scorefile::Signer::Secret(secret)),
        (None, None) => None,
    };
    let is_signed = signer.is_some();
    let text = crate::scorefile::write(&body, signer)?;
    crate::limits::score_file_fits(text.len() as u64).map_err(|e| anyhow::anyhow!("{e}"))?;
    output.write(text.as_bytes())?;
    // Entries left partly scored: the merge leaves them out, so the judge hears of them here.
    let submissions = store.submissions()?;
    let partial: Vec<String> = submissions
        .iter()
        .filter(|s| {
            let rubric = config.rubric(s.submission.track.as_deref());
            sheet.status(&s.submission.id, s.withdrawn, &rubric) == Status::Partial
        })
        .map(|s| clean_line(&s.submission.id))
        .collect();
    if !partial.is_empty() {
        warn(&format!(
            "warning: {} entr{} partly scored, which the merge leaves out: {}. Score the rest, or clear them (x in the app)",
            partial.len(),
            if partial.len() == 1 { "y is" } else { "ies are" },
            partial.join(", ")
        ));
    }
    // Entries scored that a conflict of the judge's in judging.toml names, as `score` and
    // `import-scores` warn of them: the file had gone out without a word of them.
    if let Some(listed) = config.judge(judge) {
        let ids: std::collections::HashSet<&str> =
            body.scores.iter().filter(|r| r.1.iter().any(Option::is_some)).map(|r| r.0.as_ref()).collect();
        let scored = submissions.iter().map(|s| &s.submission).filter(|s| ids.contains(s.id.as_str()));
        let named = crate::assign::conflicts_named(listed, scored);
        if !named.is_empty() {
            warn(&format!(
                "warning: judging.toml lists a conflict of yours that names {} you scored: {}; the merge flags those scores (or leaves them out): recuse (r in the app) where it applies, and export again",
                crate::format::count(named.len(), "entry", "entries"),
                crate::format::first_few(&named, 5, ", ")
            ));
        }
    }
    let scores = body.scores.iter().map(|r| r.1.iter().flatten().count()).sum::<usize>();
    // A file of nothing is written, as the judge may mean it (to say they have not started),
    // but said: "0 scores" alone had read as a file like any other.
    if scores == 0 && body.comparisons.is_empty() {
        warn(&format!(
            "warning: nothing is scored yet: the file has no scores{}; score entries in the app (`judging`) first if you meant to send them",
            if is_signed { " (written and signed all the same)" } else { " (written all the same)" }
        ));
    }
    let comparisons = (!body.comparisons.is_empty())
        .then(|| crate::format::count(body.comparisons.len(), "comparison", "comparisons"));
    let counts: Vec<String> = std::iter::once(crate::format::count(scores, "score", "scores"))
        .chain(body.texts.iter().map(|(part, texts)| part.counted(texts.len())))
        .chain(comparisons)
        .collect();
    // Standard output has the file itself, and nothing else.
    if let Some(path) = output.file() {
        say(&format!(
            "Wrote {}{}: {} from judge {}",
            path.display(),
            if is_signed { ", signed" } else { "" },
            counts.join(", "),
            clean_line(judge)
        ));
    }
    Ok((output, text))
}

/// Why the merge would refuse this judge's file for its signature, and what to do; `None` when
/// judging.toml lists no public key for them, or lists this machine's.
pub(crate) fn key_problem(
    config: &crate::config::Config,
    judge: &str,
    own: Option<&crate::signing::PrivateKey>,
) -> Option<String> {
    let listed = config.judge(judge)?.public_key.as_deref()?;
    match own {
        None => Some(format!(
            "judging.toml lists a public key for {}, and this machine has no key of theirs: the merge will refuse this file. Copy your key file here (`judging key` says where it goes), or make one with `judging key` and send the head judge its public half",
            clean_line(judge)
        )),
        Some(key) if key.public() != listed.trim() => Some(format!(
            "your key ({}) is not the one judging.toml lists for {} ({}): the merge will refuse this file. Send the head judge your public key, or use the key you sent them",
            key.public(),
            clean_line(judge),
            clean_line(listed)
        )),
        Some(_) => None,
    }
}
