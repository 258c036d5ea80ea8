//! The Hub's part of `judging pull`, and `judging enrich`.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};

use super::Session;
use crate::hub::client::Hub;
use crate::hub::enrich::{self, Facts};
use crate::text::clean_line;

/// The entries whose export names a Hub Space: (submission id, Space id).
fn with_spaces(session: &Session) -> Result<Vec<(String, String)>> {
    Ok(session
        .store
        .submissions()?
        .into_iter()
        .filter(|s| !s.withdrawn)
        .filter_map(|s| s.submission.space_id.clone().map(|space| (s.submission.id, space)))
        .collect())
}

fn hub(session: &Session) -> Result<Hub> {
    Ok(Hub::from_env(Duration::from_secs(session.loaded.config.export.timeout_secs))?)
}

/// After a pull from the Hub: the listed Spaces' facts, without asking for them again.
pub(super) fn after_pull(session: &mut Session, listing: crate::hub::source::Listing) -> Result<()> {
    if listing.without_track > 0 {
        println!("  {} Space(s) without a track tag left out", listing.without_track);
    }
    let entries = with_spaces(session)?;
    let hub = hub(session)?;
    let report = enrich::enrich(&hub, &mut session.store, &entries, &listing.spaces, listing.answers)?;
    print_report(&report);
    Ok(())
}

fn print_report(report: &enrich::Report) {
    println!("  Hub facts refreshed for {} entries ({} requests)", report.enriched, report.requests);
    for (id, why) in &report.failed {
        eprintln!("  warning: {}: not refreshed, the cached facts are kept: {}", clean_line(id), clean_line(why));
    }
}

/// `judging enrich`: every entry naming a Space, from the Hub; `--offline`: what is cached.
pub(super) fn enrich(mut session: Session, offline: bool) -> Result<ExitCode> {
    let entries = with_spaces(&session)?;
    if entries.is_empty() {
        bail!("no entry in the store names a Hugging Face Space: run `judging pull` first");
    }
    let mut nothing_refreshed = false;
    if !offline {
        let hub = hub(&session)?;
        println!("Asking {} about {} Space(s)…", crate::export::source::redacted(hub.base()), entries.len());
        let report = enrich::enrich(&hub, &mut session.store, &entries, &[], Vec::new())?;
        print_report(&report);
        nothing_refreshed = report.enriched == 0;
    }
    let cached = enrich::cached(&session.store)?;
    let limit = crate::model::parse_params(&session.loaded.config.rules.max_params).unwrap_or(u64::MAX);
    println!("{:<24} {:<9} {:<14} {:>8} {:>9}  {:<9} FETCHED", "ENTRY", "STAGE", "HARDWARE", "$/HOUR", "PARAMS", "SDK");
    for (id, _) in &entries {
        match cached.get(id) {
            Some((facts, at)) => println!("{}", line(id, facts, at, limit)),
            None => println!("{:<24} not fetched yet", crate::text::fit(&clean_line(id), 24)),
        }
    }
    Ok(if nothing_refreshed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn line(id: &str, f: &Facts, at: &str, limit: u64) -> String {
    let params = f.params.map(crate::model::format_params).unwrap_or_else(|| "?".into());
    let mark = match (f.params, &f.params_uncertain) {
        (Some(p), _) if p > limit => " over",
        (_, Some(_)) => " ~",
        _ => "",
    };
    format!(
        "{:<24} {:<9} {:<14} {:>8} {:>9}  {:<9} {}",
        crate::text::fit(&clean_line(id), 24),
        f.stage,
        crate::text::fit(&clean_line(f.hardware.as_deref().unwrap_or("-")), 14),
        f.price_per_hour.map(|p| format!("{p:.2}")).unwrap_or_else(|| "?".into()),
        format!("{params}{mark}"),
        crate::text::fit(&clean_line(f.sdk.as_deref().unwrap_or("?")), 9),
        crate::text::age(at, crate::store::now_unix())
    )
}
