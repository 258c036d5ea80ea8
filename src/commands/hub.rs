//! The Hub's part of `judging pull`, and `judging enrich`.

use std::collections::HashMap;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Session;
use crate::hub::enrich;
use crate::model::{HubFacts, Submission, format_params};
use crate::prizes::eligibility::{self, Breach, Evidence};
use crate::sanitize::clean_line;
use crate::text_width::{fit_padded, pad};

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
        super::stderr::report(&format!(
            "  warning: {}: its README could not be read ({}): the entry is kept without its video and post links; pull again later",
            clean_line(space),
            clean_line(why)
        ));
    }
    for odd in &listing.oddities {
        super::stderr::report(&format!(
            "  warning: {}; the rest of the Space is read: ask its team to mend the README",
            clean_line(odd)
        ));
    }
    let entries = asked(&with_spaces(session)?);
    let hub = session.hub()?;
    let progress = crate::progress::Progress::bar(entries.len(), "Asking the Hub about each Space");
    let report = enrich::enrich(&hub, &session.store, &entries, &listing.spaces, listing.answers, &progress);
    progress.done();
    let report = report?;
    session.store.put_hub(&report.answers, &report.facts)?;
    print_report(&report, &session.store.hub_facts_by_entry()?);
    Ok(())
}

/// What a refresh did: the failures grouped by their reason, one line each (forty Spaces that
/// failed for one reason are one problem), saying whether earlier facts remain.
fn print_report(report: &enrich::Report, cached: &HashMap<String, (HubFacts, String)>) {
    let failed_lookups = match report.lookups_failed.len() {
        0 => String::new(),
        n => format!("; {}", crate::format::count(n, "model lookup failed", "model lookups failed")),
    };
    println!("  Hub facts refreshed for {} entries ({} requests){failed_lookups}", report.enriched, report.requests);
    for (entry, why) in &report.refused {
        super::stderr::report(&format!("  warning: {}: {}", clean_line(entry), clean_line(why)));
    }
    for f in &report.lookups_failed {
        let named: Vec<String> = f.entries.iter().map(|id| clean_line(id)).collect();
        super::stderr::report(&format!(
            "  warning: model {} (declared by {}) could not be looked up: {}; {}",
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
        super::stderr::report(&format!(
            "  warning: {} entr{} not refreshed ({}); {keeps}: {}",
            ids.len(),
            if ids.len() == 1 { "y" } else { "ies" },
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
        println!(
            "Asking {} about {}…",
            crate::net::redacted(hub.base()),
            crate::format::count(entries.len(), "Space", "Spaces")
        );
        let before = session.store.hub_facts_by_entry()?;
        let progress = crate::progress::Progress::bar(entries.len(), "Asking the Hub about each Space");
        let report = enrich::enrich(&hub, &session.store, &entries, &[], Vec::new(), &progress);
        progress.done();
        let report = report?;
        session.store.put_hub(&report.answers, &report.facts)?;
        print_report(&report, &before);
        nothing_refreshed = report.enriched == 0;
    }
    let cached = session.store.hub_facts_by_entry()?;
    let rules = &session.loaded.config.rules;
    println!(
        "{:<24} {:<9} {:<14} {:>8} {:>9}  {:<9} {:<17} BREAKS",
        "ENTRY", "STAGE", "HARDWARE", "$/HOUR", "PARAMS", "SDK", "FETCHED"
    );
    for s in &submissions {
        match cached.get(&s.id) {
            Some((facts, at)) => {
                let breaches = eligibility::breaches(&Evidence::of(s, Some(facts)), rules);
                println!("{}", line(&s.id, facts, at, &breaches));
            }
            None => println!("{} not fetched yet", fit_padded(&clean_line(&s.id), 24)),
        }
    }
    Ok(if nothing_refreshed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// One entry's facts, and the rules they break by the one eligibility test.
fn line(id: &str, f: &HubFacts, at: &str, breaches: &[Breach]) -> String {
    let params = f.params.map_or_else(|| "?".into(), format_params);
    let over = breaches.iter().any(|b| matches!(b, Breach::TooLarge { .. }));
    let mark = match (over, &f.params_uncertain) {
        (true, _) => " over",
        (false, Some(_)) => " ~",
        (false, None) => "",
    };
    let breaks: Vec<String> = breaches.iter().map(ToString::to_string).collect();
    format!(
        "{} {} {} {:>8} {:>9}  {} {:<17} {}",
        fit_padded(&clean_line(id), 24),
        pad(&clean_line(&f.stage), 9),
        fit_padded(&clean_line(f.hardware.as_deref().unwrap_or("-")), 14),
        f.price_per_hour.map_or_else(|| "?".into(), |p| format!("{p:.2}")),
        format!("{params}{mark}"),
        fit_padded(&clean_line(f.sdk.as_deref().unwrap_or("?")), 9),
        crate::format::age(at, crate::store::now_unix()),
        if breaks.is_empty() { "-".to_owned() } else { breaks.join("; ") }
    )
}
