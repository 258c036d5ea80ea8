//! The score-file commands: a judge's `export` and `import-scores`, the head judge's `merge`.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Session;
use crate::cli::{Cli, MergeFormat};
use crate::config::Loaded;
use crate::paths;
use crate::store::Change;
use crate::text::clean_line;

/// Writes this judge's score file, atomically: a half-written file never replaces a good one.
pub(super) fn export(cli: &Cli, loaded: Loaded, output: Option<std::path::PathBuf>) -> Result<ExitCode> {
    let judge = paths::judge(cli.judge.as_deref())?;
    let session = Session::open(cli, loaded)?;
    let config = &session.loaded.config;
    let sheet = session.store.score_sheet()?;
    let body = crate::scorefile::Body {
        event: config.event.id.clone(),
        rubric: crate::scorefile::rubric_fingerprint(config),
        judge: judge.name.clone(),
        written_at: session.store.now()?,
        criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
        scores: session.store.score_rows(&config.criteria.iter().map(|c| c.id.clone()).collect::<Vec<_>>())?,
        notes: sheet.notes.into_iter().collect(),
        timings: sheet.timings.into_iter().collect(),
        recusals: sheet.recusals.into_iter().collect(),
    };
    // The judge's key: from the environment, so it need not sit in a shared file, else from
    // judging.toml.
    let key = std::env::var("JUDGING_KEY").ok().filter(|k| !k.is_empty());
    let key = key.as_deref().or_else(|| config.key_of(&judge.name));
    let text = crate::scorefile::write(&body, key)?;
    let path =
        output.unwrap_or_else(|| format!("scores-{}-{}.json", config.event.id, paths::file_stem(&judge.name)).into());
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, text).with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, &path).with_context(|| format!("cannot write {}", path.display()))?;
    println!(
        "Wrote {}{}: {} scores, {} notes, {} recusals from judge {}",
        path.display(),
        if key.is_some() { ", signed" } else { "" },
        body.scores.iter().map(|r| r.1.iter().flatten().count()).sum::<usize>(),
        body.notes.len(),
        body.recusals.len(),
        clean_line(&judge.name)
    );
    Ok(ExitCode::SUCCESS)
}

/// Where the merged rankings go.
pub(super) enum MergeTo<'a> {
    Print(MergeFormat, Option<&'a std::path::Path>),
    /// The head judge's screen in the terminal.
    Screen,
}

pub(super) fn merge(
    session: Session,
    files: &[std::path::PathBuf],
    options: &crate::headjudge::Options,
    to: MergeTo,
) -> Result<ExitCode> {
    let config = &session.loaded.config;
    let submissions = merge_field(&session)?;
    let field = crate::headjudge::Field::new(&submissions);
    let rankings = merged(files, config, &field, options, false)?;
    let (format, output) = match to {
        MergeTo::Print(format, output) => (format, output),
        MergeTo::Screen => {
            crate::tui::rankings::run(&rankings, config)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let text = match format {
        MergeFormat::Json => serde_json::to_string_pretty(&rankings)? + "\n",
        MergeFormat::Table => crate::report::rankings::table(&rankings),
        MergeFormat::Md => crate::report::rankings::markdown(&rankings),
        MergeFormat::Csv => crate::report::rankings::csv(&rankings)?,
    };
    match output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The store's submissions, which the judges' files are checked against: none is an error.
pub(super) fn merge_field(session: &Session) -> Result<Vec<crate::store::StoredSubmission>> {
    let submissions = session.store.submissions()?;
    if submissions.is_empty() {
        bail!("the store has no submissions: run `judging pull` first, with the export the judges scored");
    }
    Ok(submissions)
}

/// Reads and checks every file, then merges them; every refused file is named on stderr and
/// nothing is merged. Warnings go to stderr; with `progress`, so do the stages.
pub(super) fn merged(
    files: &[std::path::PathBuf],
    config: &crate::config::Config,
    field: &crate::headjudge::Field,
    options: &crate::headjudge::Options,
    progress: bool,
) -> Result<crate::headjudge::Rankings> {
    if progress {
        eprintln!("Reading {} score file(s)…", files.len());
    }
    let judges = crate::headjudge::read_all(files, config, field).map_err(|problems| {
        for p in &problems {
            eprintln!("error: {p}");
        }
        anyhow::anyhow!("{} of {} file(s) refused; nothing was merged", problems.len(), files.len())
    })?;
    if progress {
        eprintln!("Merging {} judges with the {} method…", judges.len(), options.method.name());
    }
    let rankings = crate::headjudge::rank_all(judges, config, field, options).map_err(|e| anyhow::anyhow!(e))?;
    for w in &rankings.warnings {
        eprintln!("warning: {}", clean_line(w));
    }
    Ok(rankings)
}

/// Reads a long-format sheet into this judge's store: every row is checked as the app checks a
/// key press, and the sheet is imported only if every row passes.
pub(super) fn import_scores(mut session: Session, judge: &str, sheet: &std::path::Path) -> Result<ExitCode> {
    let name = sheet.display().to_string();
    let bytes = std::fs::read(sheet).with_context(|| format!("cannot read {name}"))?;
    let text = crate::export::as_text(&bytes, &name)?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .with_context(|| format!("{name}: no header line"))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |want: &str| header.iter().position(|h| h == want);
    let (Some(j), Some(s), Some(c), Some(v)) =
        (column("judge"), column("submission"), column("criterion"), column("score"))
    else {
        bail!(
            "{name}: the header must name judge, submission, criterion and score (and may name note); it has {}",
            header.join(", ")
        );
    };
    let note_column = column("note");
    let config = &session.loaded.config;
    let sheet_now = session.store.score_sheet()?;
    let mut problems = Vec::new();
    let mut rows: Vec<(String, Change)> = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{name}: not readable as CSV"))?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| record.get(i).unwrap_or_default().trim();
        let problem = (|| -> std::result::Result<Vec<(String, Change)>, String> {
            if get(j) != judge {
                return Err(format!(
                    "judge {:?} is not {judge:?}: import each judge's rows with --judge",
                    clean_line(get(j))
                ));
            }
            let id = get(s);
            let stored = session.store.submission(id).map_err(|e| e.to_string())?;
            match stored {
                None => return Err(format!("no submission {:?} in the store", clean_line(id))),
                Some(st) if st.withdrawn => return Err(format!("{:?} was withdrawn", clean_line(id))),
                Some(_) if sheet_now.recusals.contains_key(id) => {
                    return Err(format!("you recused from {:?}", clean_line(id)));
                }
                Some(_) => {}
            }
            let Some(criterion) = config.criterion(get(c)) else {
                let known: Vec<_> = config.criteria.iter().map(|c| c.id.as_str()).collect();
                return Err(format!(
                    "{:?} is not a criterion; the rubric has {}",
                    clean_line(get(c)),
                    known.join(", ")
                ));
            };
            let value: i64 = get(v).parse().ok().filter(|x| criterion.scale.contains(*x)).ok_or_else(|| {
                format!(
                    "{} = {:?}: a whole number from {} to {}",
                    criterion.id,
                    clean_line(get(v)),
                    criterion.scale.low,
                    criterion.scale.high
                )
            })?;
            let mut changes =
                vec![(id.to_owned(), Change::Score { criterion: criterion.id.clone(), value: Some(value as u8) })];
            if let Some(note) = note_column.map(get).filter(|n| !n.is_empty()) {
                changes.push((id.to_owned(), Change::Note(Some(note.to_owned()))));
            }
            Ok(changes)
        })();
        match problem {
            Ok(changes) => rows.extend(changes),
            Err(p) => problems.push(format!("{name}: line {line}: {p}")),
        }
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("error: {p}");
        }
        bail!("{} row(s) of {name} refused; nothing was imported", problems.len());
    }
    let imported = rows.iter().filter(|(_, c)| matches!(c, Change::Score { .. })).count();
    session.store.apply_all(&rows)?;
    println!("Imported {imported} score(s) from {name} for judge {}", clean_line(judge));
    Ok(ExitCode::SUCCESS)
}
