//! Devpost's "Export submissions" CSV, read as it comes.
//!
//! Devpost has no id, Space or team column of its own: the id is the project's slug in its
//! Submission Url, the Space is the Hugging Face link among the "Try it out" links, and the team
//! is the submitter and the listed team members. Drafts are not submissions and are skipped.
//! Any field that judging.toml maps explicitly is read from that column instead.

use super::csv::{Columns, each_record, header, reader};
use super::validate::Validator;
use super::{Cell, ExportError, Field, RawRow, column_key, split_links, split_list};
use crate::config::Config;

const TITLE: &str = "Project Title";
const URL: &str = "Submission Url";
const STATUS: &str = "Project Status";
const LINKS: &str = "\"Try it out\" Links";
const PRIZES: &str = "Opt-In Prizes";
const BUILT_WITH: &str = "Built With";

pub(super) fn is_devpost_header(line: &str) -> bool {
    let key = column_key(line);
    key.contains(&column_key(TITLE)) && key.contains(&column_key(URL))
}

/// The columns Devpost itself names; the others are derived below.
fn devpost_column(field: Field) -> Option<&'static str> {
    match field {
        Field::Title => Some(TITLE),
        Field::Video => Some("Video Demo Link"),
        Field::Description => Some("About The Project"),
        _ => None,
    }
}

/// Reads a Devpost export into `out`; returns the notes on missing columns and the number of
/// drafts skipped.
pub(super) fn read(
    text: &str,
    source_name: &str,
    config: &Config,
    out: &mut Validator,
) -> Result<(Vec<String>, usize), ExportError> {
    let mut reader = reader(text, config, source_name)?;
    let header = header(&mut reader, source_name)?;
    let derived = |f: Field| matches!(f, Field::Id | Field::Space | Field::Team | Field::Members | Field::Tags);
    let (mapped, mut notes) = Columns::find(&header, source_name, &config.export.columns, devpost_column, derived)?;
    // Devpost has no such columns: a mapping for them that this file lacks says nothing new.
    notes.retain(|n| !n.contains("export.columns.track") && !n.contains("export.columns.models"));
    let position = |name: &str| {
        let key = column_key(name);
        header.iter().position(|h| column_key(h) == key)
    };
    let url = position(URL);
    let status = position(STATUS);
    let links = position(LINKS);
    let tag_columns: Vec<usize> = [PRIZES, BUILT_WITH].into_iter().filter_map(position).collect();
    let people: Vec<(usize, Option<usize>)> = person_columns(&header);
    // A field the mapping found in this file is read from there; the others are derived.
    let derive = |f: Field| !mapped.has(f);

    let mut drafts = 0;
    let counter = &mut crate::format::LineCounter::new(text);
    each_record(&mut reader, source_name, &header, config, counter, out, |line, record, out| {
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or_default();
        if cell(status).to_ascii_lowercase().contains("draft") {
            drafts += 1;
            return;
        }
        let mut row = RawRow { at: super::Place::line(line), ..RawRow::default() };
        mapped.fill(record, &mut row);
        if derive(Field::Id) {
            row.set(Field::Id, Cell::Text(slug(cell(url)).to_owned()));
        }
        if derive(Field::Space) {
            let all = split_links(cell(links));
            let space = all.iter().find(|l| is_space_link(l)).or(all.first());
            row.set(Field::Space, Cell::Text(space.cloned().unwrap_or_default()));
        }
        if derive(Field::Tags) {
            let tags = tag_columns.iter().flat_map(|i| split_list(cell(Some(*i)))).collect();
            row.set(Field::Tags, Cell::List(tags));
        }
        if derive(Field::Members) {
            let names: Vec<String> = people
                .iter()
                .map(|(first, last)| format!("{} {}", cell(Some(*first)), cell(*last)).trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect();
            if derive(Field::Team) {
                row.set(Field::Team, Cell::Text(names.join(", ")));
            }
            row.set(Field::Members, Cell::List(names));
        }
        out.push(row);
    })?;
    Ok((notes, drafts))
}

/// The submitter's and each team member's first and last name columns.
fn person_columns(header: &csv::StringRecord) -> Vec<(usize, Option<usize>)> {
    let keys: Vec<String> = header.iter().map(column_key).collect();
    let find = |k: &str| keys.iter().position(|h| h == k);
    let mut out = Vec::new();
    if let Some(first) = find("submitter first name") {
        out.push((first, find("submitter last name")));
    }
    for n in 1.. {
        let Some(first) = find(&format!("team member {n} first name")) else {
            break;
        };
        out.push((first, find(&format!("team member {n} last name"))));
    }
    out
}

/// `https://devpost.com/software/my-app` gives `my-app`.
fn slug(url: &str) -> &str {
    url.trim().trim_end_matches('/').rsplit('/').next().unwrap_or_default()
}

fn is_space_link(link: &str) -> bool {
    crate::links::web_link(link).ok().as_ref().and_then(crate::links::space).is_some()
}
