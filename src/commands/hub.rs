//! The Hub's part of `judging pull`, and `judging enrich`.

use std::collections::HashMap;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Session;
use crate::format::Column;
use crate::hub::enrich;
use crate::model::{HubFacts, Submission, format_params};
use crate::prizes::eligibility::{self, Breach, Evidence};
use crate::sanitize::clean_line;

/// The entries in play whose export names a Hub Space, read once.
fn with_spaces(session: &Session) -> Result<Vec<Submission>> {
    Ok(session
        .store
        .submissions()?
        .into_iter()
        .filter(|s| !s.withdrawn && s.submission.space_id.is_some())
        .map(|s| s.submission)
        .collect())
}

/// (submission id, Space id), as the Hub is asked.
fn asked(submissions: &[Submission]) -> Vec<(String, String)> {
    submissions.iter().filter_map(|s| Some((s.id.clone(), s.space_id.clone()?))).collect()
}

/// After a pull from the Hub: the listed Spaces' facts, without asking for them again.
pub(super) fn after_pull(session: &mut Session, listing: crate::hub::org::Listing) -> Result<()> {
    if listing.without_track > 0 {
        println!("  {} without a track tag left out", crate::format::count(listing.without_track, "Space", "Spaces"));
    }
    for (space, why) in &listing.unread {
        super::stderr::warn(&format!(
            "{}: its README could not be read ({}): the entry is kept without its video and post links; pull again later",
            clean_line(space),
            clean_line(why)
        ));
    }
    for odd in &listing.oddities {
        super::stderr::warn(&format!(
            "{}; the rest of the Space is read: ask its team to mend the README",
            clean_line(odd)
        ));
    }
    let entries = asked(&with_spaces(session)?);
    let hub = session.hub()?;
    let progress = crate::progress::Progress::bar(entries.len(), "Asking the Hub about each Space");
    let report = enrich::enrich(&hub, &session.store, &entries, &listing.spaces, listing.answers, &progress);
    progress.done();
    // The waits not said one by one are counted as the client goes, before the report.
    drop(hub);
    let report = report?;
    session.store.put_hub(&report.answers, &report.facts)?;
    // The pull's own report is its standard output.
    print_report(&report, &session.store.hub_facts_by_entry()?, &|line| println!("  {line}"));
    Ok(())
}

/// What a refresh did, its first line said with `say` (the pull's standard output; `enrich`'s
/// standard error, where standard output is the table alone): the failures grouped by their
/// reason, one warning each (forty Spaces that failed for one reason are one problem), saying
/// whether earlier facts remain. Warnings start at the margin, as every command's do.
fn print_report(report: &enrich::Report, cached: &HashMap<String, (HubFacts, String)>, say: &dyn Fn(&str)) {
    let count = crate::format::count;
    let failed_lookups = match report.lookups_failed.len() {
        0 => String::new(),
        n => format!("; {}", count(n, "model lookup failed", "model lookups failed")),
    };
    say(&format!(
        "Hub facts refreshed for {} ({}){failed_lookups}",
        count(report.enriched, "entry", "entries"),
        count(report.requests, "request", "requests")
    ));
    for (entry, why) in &report.refused {
        super::stderr::warn(&format!("{}: {}", clean_line(entry), clean_line(why)));
    }
    for f in &report.lookups_failed {
        let named: Vec<String> = f.entries.iter().map(|id| clean_line(id)).collect();
        super::stderr::warn(&format!(
            "model {} (declared by {}) could not be looked up: {}; {}",
            clean_line(&f.model),
            crate::format::first_few(&named, 3, ", "),
            clean_line(&f.why),
            if f.earlier_used { "its earlier answer is used" } else { "its size is left unknown" }
        ));
    }
    let mut by_reason: Vec<(&str, Vec<&str>)> = Vec::new();
    for (id, why) in &report.failed {
        match by_reason.iter_mut().find(|(reason, _)| *reason == why.as_str()) {
            Some((_, ids)) => ids.push(id),
            None => by_reason.push((why, vec![id])),
        }
    }
    for (why, ids) in by_reason {
        let kept = ids.iter().filter(|id| cached.contains_key(**id)).count();
        let named: Vec<String> = ids.iter().map(|id| clean_line(id)).collect();
        let keeps = match kept {
            0 => "none has earlier facts".to_owned(),
            k if k == ids.len() => "their earlier facts are kept".to_owned(),
            k => format!("the earlier facts of {k} are kept"),
        };
        super::stderr::warn(&format!(
            "{} not refreshed ({}); {keeps}: {}",
            count(ids.len(), "entry", "entries"),
            crate::format::first_few(&named, 3, ", "),
            clean_line(why)
        ));
    }
}

/// `judging enrich`: every entry naming a Space, from the Hub; `--offline`: what is cached.
pub(super) fn enrich(mut session: Session, offline: bool) -> Result<ExitCode> {
    let submissions = with_spaces(&session)?;
    let entries = asked(&submissions);
    if entries.is_empty() {
        bail!("no entry in the store names a Hugging Face Space: run `{}` first", session.pull);
    }
    let mut nothing_refreshed = false;
    if !offline {
        let hub = session.hub()?;
        // Said on standard error, as the merge's and the results' status lines are: standard
        // output is the table, for a file or a pipe.
        super::stderr::report(&format!(
            "Asking {} about {}…",
            crate::net::redacted(hub.base()),
            crate::format::count(entries.len(), "Space", "Spaces")
        ));
        let before = session.store.hub_facts_by_entry()?;
        let progress = crate::progress::Progress::bar(entries.len(), "Asking the Hub about each Space");
        let report = enrich::enrich(&hub, &session.store, &entries, &[], Vec::new(), &progress);
        progress.done();
        // The waits not said one by one are counted as the client goes, before the report.
        drop(hub);
        let report = report?;
        session.store.put_hub(&report.answers, &report.facts)?;
        print_report(&report, &before, &super::stderr::report);
        nothing_refreshed = report.enriched == 0;
    }
    let cached = session.store.hub_facts_by_entry()?;
    let rules = &session.loaded.config.rules;
    let rows: Vec<Vec<String>> = submissions
        .iter()
        .map(|s| {
            if let Some((facts, at)) = cached.get(&s.id) {
                let breaches = eligibility::breaches(&Evidence::of(s, Some(facts)), rules);
                return row(&s.id, facts, at, &breaches);
            }
            let mut cells = vec![String::new(); COLUMNS.len()];
            cells[0] = clean_line(&s.id);
            "not fetched".clone_into(&mut cells[1]);
            cells
        })
        .collect();
    // Fitted to the terminal as `list`'s table is: columns left out, and said, rather than each
    // row broken across two lines.
    let header: Vec<String> = COLUMNS.iter().map(|c| c.heading.to_owned()).collect();
    let width = super::list::terminal_width();
    let natural = crate::format::natural_widths(&header, &rows);
    let widths = crate::format::fit_columns(&COLUMNS, &natural, &KEPT_FIRST, &GROWN_FIRST, width);
    print!("{}", crate::format::fitted_table(&COLUMNS, &header, &rows, &widths));
    let left_out: Vec<&str> =
        COLUMNS.iter().zip(&widths).filter(|(_, w)| w.is_none()).map(|(c, _)| c.heading).collect();
    if !left_out.is_empty() {
        super::stderr::say("note", &super::list::left_out_note(&left_out, width, "", ""));
    }
    Ok(if nothing_refreshed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The table's columns, and how each gives way on a narrow terminal
/// ([`crate::format::fit_columns`]).
const COLUMNS: [Column; 8] = [
    Column { heading: "ENTRY", least: usize::MAX, most: usize::MAX, right: false },
    Column { heading: "STAGE", least: usize::MAX, most: usize::MAX, right: false },
    Column { heading: "HARDWARE", least: 9, most: 14, right: false },
    Column { heading: "$/HOUR", least: usize::MAX, most: usize::MAX, right: true },
    Column { heading: "PARAMS", least: usize::MAX, most: usize::MAX, right: true },
    Column { heading: "SDK", least: 6, most: 9, right: false },
    Column { heading: "FETCHED", least: 8, most: 17, right: false },
    Column { heading: "BREAKS", least: 12, most: usize::MAX, right: false },
];

/// Which columns stay when not all fit, the first kept first: the entry, its stage, the rules
/// it breaks (what the command is for), its size, hardware and price, then the SDK and the age.
const KEPT_FIRST: [usize; 8] = [0, 1, 7, 4, 2, 3, 5, 6];

/// How the room left is given out: the rules broken to 40 first, then the rest whole.
const GROWN_FIRST: [(usize, usize); 5] = [(7, 40), (2, usize::MAX), (5, usize::MAX), (6, usize::MAX), (7, usize::MAX)];

/// One entry's facts, and the rules they break by the one eligibility test, as the table's cells.
fn row(id: &str, f: &HubFacts, at: &str, breaches: &[Breach]) -> Vec<String> {
    let params = f.params.map_or_else(|| "?".into(), format_params);
    let over = breaches.iter().any(|b| matches!(b, Breach::TooLarge { .. }));
    let mark = match (over, &f.params_uncertain) {
        (true, _) => " over",
        (false, Some(_)) => " ~",
        (false, None) => "",
    };
    let breaks: Vec<String> = breaches.iter().map(ToString::to_string).collect();
    vec![
        clean_line(id),
        clean_line(&f.stage),
        clean_line(f.hardware.as_deref().unwrap_or("-")),
        f.price_per_hour.map_or_else(|| "?".into(), |p| format!("{p:.2}")),
        format!("{params}{mark}"),
        clean_line(f.sdk.as_deref().unwrap_or("?")),
        crate::format::age(at, crate::store::now_unix()),
        if breaks.is_empty() { "-".to_owned() } else { clean_line(&breaks.join("; ")) },
    ]
}
