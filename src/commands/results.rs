//! `judging results`: the prize rules in judging.toml applied to the merged rankings.
//!
//! The rankings come from the judges' score files (merged here) or from a merge saved with
//! `judging merge --format json`. Entries' tags, links, SDK, likes and parameters come from the
//! head judge's store. Every input is checked before anything is printed.

use std::collections::HashMap;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;

use super::Session;
use crate::cli::ResultsFormat;
use crate::config::{Config, PrizeBy};
use crate::headjudge::{Field, Options, RANKINGS_FORMAT, RANKINGS_VERSION};
use crate::prizes::{Candidate, Decision, Rulebook};
use crate::text::clean_line;

/// The rankings `results` reads: from a merge here, or from a saved one.
#[derive(Debug, Deserialize)]
struct Saved {
    format: String,
    version: u32,
    event: String,
    method: String,
    criteria: Vec<String>,
    rankings: Vec<(String, Vec<SavedEntry>)>,
}

#[derive(Debug, Deserialize)]
struct SavedEntry {
    place: usize,
    id: String,
    score: f64,
    /// `null` where no judge scored a criterion.
    by_criterion: Vec<Option<f64>>,
}

/// What `results` prints.
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub options: Options,
    pub decisions: Option<&'a Path>,
    pub format: ResultsFormat,
    pub output: Option<&'a Path>,
}

pub(super) fn results(session: Session, request: Request) -> Result<ExitCode> {
    let config = &session.loaded.config;
    if config.prizes.is_empty() {
        bail!(
            "{} has no [[prizes]]: add one per prize (see the README's judging.toml reference)",
            session.loaded.describe()
        );
    }
    let progress = std::io::stderr().is_terminal();
    let submissions = super::scores::merge_field(&session)?;
    let field = Field::new(&submissions);
    let saved = match request.files {
        [one] => read_saved(one, config)?,
        _ => None,
    };
    let saved = match saved {
        Some(saved) => saved,
        // Merged here: the same rankings as `judging merge --format json`, read back as saved.
        None => serde_json::from_value(serde_json::to_value(super::scores::merged(
            request.files,
            config,
            &field,
            &request.options,
            progress,
        )?)?)?,
    };
    let hub = crate::hub::enrich::cached(&session.store)?;
    let candidates = candidates(&saved, &field, config, &hub)?;
    let base = session.loaded.base_dir();
    let files = prize_files(config, &base)?;
    let decisions = read_decisions(request.decisions, config, &base, &field)?;
    if progress {
        eprintln!("Applying {} prize(s) to {} ranked entries…", config.prizes.len(), candidates.len());
    }
    let criteria = config.criteria.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    let book = Rulebook {
        rules: &config.rules,
        prizes: &config.prizes,
        criteria: &criteria,
        files: &files,
        decisions: &decisions.1,
    };
    let outcome = crate::prizes::award(&candidates, &book);
    for w in &outcome.warnings {
        eprintln!("warning: {}", clean_line(w));
    }
    let sheet = crate::report::results::Sheet {
        event: &config.event.name,
        method: &saved.method,
        currency: &config.results.currency,
        decisions_file: decisions.0.as_deref(),
        outcome: &outcome,
    };
    let text = match request.format {
        ResultsFormat::Table => crate::report::results::table(&sheet),
        ResultsFormat::Md => crate::report::results::markdown(&sheet),
        ResultsFormat::Csv => crate::report::results::csv(&sheet)?,
        ResultsFormat::Json => serde_json::to_string_pretty(&outcome)? + "\n",
        ResultsFormat::Html => crate::report::html::page(&sheet),
    };
    match request.output {
        Some(path) => {
            let partial = path.with_extension("partial");
            std::fs::write(&partial, text).with_context(|| format!("cannot write {}", partial.display()))?;
            std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))?;
            if progress {
                eprintln!("Wrote {}", path.display());
            }
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// A saved merge, if `path` is one; `None` for anything else (a score file, then).
fn read_saved(path: &Path, config: &Config) -> Result<Option<Saved>> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path).with_context(|| format!("cannot read {name}"))?.len();
    if size > crate::scorefile::MAX_BYTES {
        return Ok(None); // the score file reader refuses it with the right words
    }
    // A saved merge names its format in its first line or two; a score file is left to the
    // score file reader, and read once, there.
    let mut head = Vec::with_capacity(256);
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
    file.take(256).read_to_end(&mut head).with_context(|| format!("cannot read {name}"))?;
    if !String::from_utf8_lossy(&head).contains(&format!("\"{RANKINGS_FORMAT}\"")) {
        return Ok(None);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    let saved: Saved = serde_json::from_slice(&bytes)
        .with_context(|| format!("{name}: a saved merge, but not one this judging reads"))?;
    if saved.format != RANKINGS_FORMAT || saved.version > RANKINGS_VERSION {
        bail!(
            "{name}: saved merge version {}; this judging reads version {RANKINGS_VERSION}: upgrade judging",
            saved.version
        );
    }
    if saved.event != config.event.id {
        bail!(
            "{name}: a merge for event {:?}, and this judging.toml is for {:?}",
            clean_line(&saved.event),
            config.event.id
        );
    }
    let ids: Vec<&str> = config.criteria.iter().map(|c| c.id.as_str()).collect();
    if saved.criteria.iter().map(String::as_str).ne(ids.iter().copied()) {
        bail!(
            "{name}: merged on another rubric (criteria {}); judging.toml has {}",
            saved.criteria.join(", "),
            ids.join(", ")
        );
    }
    Ok(Some(saved))
}

/// The overall ranking's entries, with their track places and what the store knows of them.
fn candidates(
    saved: &Saved,
    field: &Field,
    config: &Config,
    hub: &HashMap<String, (crate::hub::enrich::Facts, String)>,
) -> Result<Vec<Candidate>> {
    let Some((_, overall)) = saved.rankings.iter().find(|(name, _)| name == "overall") else {
        bail!("the merge has no overall ranking");
    };
    let mut track_place: HashMap<&str, usize> = HashMap::new();
    for (name, ranked) in &saved.rankings {
        if config.tracks.iter().any(|t| t.id == *name) {
            track_place.extend(ranked.iter().map(|e| (e.id.as_str(), e.place)));
        }
    }
    let known: HashMap<&str, _> = field.entries.iter().map(|s| (s.submission.id.as_str(), &s.submission)).collect();
    overall
        .iter()
        .map(|e| {
            let Some(s) = known.get(e.id.as_str()) else {
                bail!(
                    "the merge ranks {:?}, which the store does not have (or has withdrawn): pull the export the judges scored",
                    clean_line(&e.id)
                );
            };
            // What the Hub measured wins over what the entrants declared.
            let facts = hub.get(e.id.as_str()).map(|(f, _)| f);
            let params = facts.and_then(|f| f.params).or(s.declared_params);
            let params_uncertain = facts.filter(|f| f.params.is_some()).and_then(|f| f.params_uncertain.clone());
            Ok(Candidate {
                id: e.id.clone(),
                title: s.title.clone(),
                team: s.team.clone(),
                track: s.track.clone(),
                tags: s.tags.clone(),
                likes: s.likes,
                params,
                params_uncertain,
                sdk: facts.and_then(|f| f.sdk.clone()).or_else(|| s.sdk.clone()),
                video: s.video_url.is_some(),
                post: s.post_url.is_some(),
                place: e.place,
                score: e.score,
                track_place: track_place.get(e.id.as_str()).copied(),
                by_criterion: e.by_criterion.iter().map(|v| v.unwrap_or(f64::NAN)).collect(),
            })
        })
        .collect()
}

/// For each `by = "file"` prize, its file's value per entry: a CSV with a header, then
/// `id,value` rows.
fn prize_files(config: &Config, base: &Path) -> Result<HashMap<String, HashMap<String, f64>>> {
    let mut out = HashMap::new();
    for p in config.prizes.iter().filter(|p| p.by == PrizeBy::File) {
        let path = base.join(p.file.as_deref().unwrap_or_default());
        let name = path.display().to_string();
        let bytes =
            std::fs::read(&path).with_context(|| format!("prize {:?} reads {name}, which cannot be read", p.id))?;
        let text = crate::export::as_text(&bytes, &name)?;
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let mut values = HashMap::new();
        for record in reader.records() {
            let record = record.with_context(|| format!("{name}: not readable as CSV"))?;
            let line = record.position().map_or(0, |p| p.line());
            let (id, raw) = (record.get(0).unwrap_or_default().trim(), record.get(1).unwrap_or_default().trim());
            let value: f64 = raw.parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| {
                anyhow!(
                    "{name}: line {line}: {:?} is not a number; each row is an entry's id, then its value",
                    clean_line(raw)
                )
            })?;
            if values.insert(id.to_owned(), value).is_some() {
                bail!("{name}: line {line}: {:?} appears twice", clean_line(id));
            }
        }
        out.insert(p.id.clone(), values);
    }
    Ok(out)
}

/// The head judge's decisions on ties: the file named on the command line, else
/// `results.decisions` beside judging.toml when it exists. Returns the file read, if any.
fn read_decisions(
    explicit: Option<&Path>,
    config: &Config,
    base: &Path,
    field: &Field,
) -> Result<(Option<String>, Vec<Decision>)> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        decisions: Vec<Decision>,
    }
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let beside = base.join(&config.results.decisions);
            if config.results.decisions.is_empty() || !beside.exists() {
                return Ok((None, Vec::new()));
            }
            beside
        }
    };
    let name = path.display().to_string();
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read the decisions file {name}"))?;
    let file: File = toml::from_str(&text).map_err(|e| anyhow!("{name}: {}", e.to_string().trim_end()))?;
    let known: std::collections::HashSet<&str> = field.entries.iter().map(|s| s.submission.id.as_str()).collect();
    let mut problems = Vec::new();
    for (i, d) in file.decisions.iter().enumerate() {
        let at = format!("{name}: decisions[{i}]");
        if config.prizes.iter().all(|p| p.id != d.prize) {
            let ids: Vec<&str> = config.prizes.iter().map(|p| p.id.as_str()).collect();
            problems.push(format!(
                "{at}.prize = {:?} is not a prize; the prizes are {}",
                clean_line(&d.prize),
                ids.join(", ")
            ));
        }
        if d.order.len() < 2 {
            problems.push(format!(
                "{at}.order names {} entr(ies): a decision orders two tied entries or more",
                d.order.len()
            ));
        }
        for id in d.order.iter().filter(|id| !known.contains(id.as_str())) {
            problems.push(format!("{at}.order: {:?} is not an entry in the store", clean_line(id)));
        }
        if d.reason.trim().is_empty() {
            problems.push(format!("{at}.reason is empty: say why, for the record"));
        }
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("error: {p}");
        }
        bail!("{} problem(s) in {name}; no results were made", problems.len());
    }
    Ok((Some(name), file.decisions))
}
