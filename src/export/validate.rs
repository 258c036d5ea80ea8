//! From raw rows to submissions: every rule a row must pass, each failure naming its place.

use std::collections::HashMap;

use super::{Cell, Field, Parsed, Place, RawRow, RowProblem};
use crate::config::Config;
use crate::links;
use crate::model::{Submission, parse_params};

/// Checks rows one at a time as a reader produces them, and gathers what passes.
pub(super) struct Validator<'c> {
    config: &'c Config,
    parsed: Parsed,
    /// Where valid submissions go.
    each: &'c mut dyn FnMut(Submission),
}

impl<'c> Validator<'c> {
    pub(super) fn new(config: &'c Config, most_rows: usize, each: &'c mut dyn FnMut(Submission)) -> Self {
        let parsed = Parsed { ids_seen: HashMap::with_capacity(most_rows), ..Parsed::default() };
        Validator { config, parsed, each }
    }

    pub(super) fn push(&mut self, row: RawRow) {
        let mut check = Check { at: row.at, id: None, problems: Vec::new() };
        let submission = check.row(row, self.config);
        if let Some(id) = &check.id {
            match self.parsed.ids_seen.get(id) {
                Some(first) => {
                    check.reject(
                        "duplicate id",
                        format!("duplicate id: {first} has it already, and only the first is read"),
                    );
                }
                None => {
                    self.parsed.ids_seen.insert(id.clone(), check.at);
                }
            }
        }
        let rejected = check.problems.iter().any(|p| p.error);
        if let (Some(submission), false) = (submission, rejected) {
            (self.each)(submission);
        }
        // A rejected row is not imported: what would have been its caveats says nothing.
        if rejected {
            check.problems.retain(|p| p.error);
        }
        self.parsed.problems.append(&mut check.problems);
    }

    /// A row that could not be read at all ([`super::BROKEN_ROW`]): rejected, and nothing of
    /// it checked, as its cells are not in their columns.
    pub(super) fn broken(&mut self, at: Place, message: String) {
        self.parsed.problems.push(RowProblem { at, id: None, error: true, kind: super::BROKEN_ROW, message });
    }

    pub(super) fn finish(self) -> Parsed {
        self.parsed
    }
}

/// The checks of one row, gathering its problems.
struct Check {
    at: Place,
    id: Option<String>,
    problems: Vec<RowProblem>,
}

impl Check {
    fn reject(&mut self, kind: &'static str, message: String) {
        self.problems.push(RowProblem { at: self.at, id: self.id.clone(), error: true, kind, message });
    }

    fn warn(&mut self, kind: &'static str, message: String) {
        self.problems.push(RowProblem { at: self.at, id: self.id.clone(), error: false, kind, message });
    }

    /// Builds the submission, or `None` when a field it cannot do without is wrong. Every check
    /// runs even after one fails, so that the organizers can fix the row in one go.
    fn row(&mut self, mut row: RawRow, config: &Config) -> Option<Submission> {
        self.drop_overlong(&mut row, config.export.max_field_chars);
        let mut take = |field: Field| text(row.cells[field as usize].take());
        let id = take(Field::Id);
        let title = take(Field::Title);
        let space = take(Field::Space);
        let video = take(Field::Video);
        let post = take(Field::Post);
        let team = take(Field::Team);
        let description = take(Field::Description);
        let track_value = take(Field::Track);
        let params = take(Field::Params);
        let sdk = take(Field::Sdk).to_lowercase();
        let likes = take(Field::Likes);
        let [members, tags, models] =
            [Field::Members, Field::Tags, Field::Models].map(|f| list(row.cells[f as usize].take()));

        self.note_id(&id);
        let title = self.title_or_id(title, &id);
        let space_link = self.space_link(&space);
        let video_url = self.optional_link("video", &video);
        let post_url = self.optional_link("post", &post);
        let track = self.track(&track_value, &tags, config);
        let declared_params = self.declared_params(&params);
        let likes = self.likes(&likes);
        let url = space_link.filter(|_| !id.is_empty())?;
        let space = links::space(&url);
        if space.is_none() {
            self.warn("not a Space", format!("{url} is not a Hugging Face Space; Hub checks will not apply to it"));
        }
        Some(Submission {
            title,
            team,
            members,
            space_url: space.as_ref().map_or_else(|| url.to_string(), links::Space::url),
            space_id: space.as_ref().and_then(|s| s.id.clone()),
            space_key: space.map(|s| s.key),
            video_url,
            post_url,
            description,
            track,
            tags,
            models,
            declared_params,
            sdk: (!sdk.is_empty()).then_some(sdk),
            likes,
            id,
        })
    }

    /// Rejects the row for each field longer than `limit` characters (a list counts a separator
    /// after each item), and empties that field so nothing reads it.
    fn drop_overlong(&mut self, row: &mut RawRow, limit: usize) {
        for field in Field::ALL {
            let length = match &row.cells[field as usize] {
                Some(Cell::Text(t)) if t.len() > limit => t.chars().count(),
                Some(Cell::List(items)) => items.iter().map(|i| i.chars().count() + 1).sum(),
                _ => 0,
            };
            if length > limit {
                self.reject(
                    "too long",
                    format!(
                        "{} is {length} characters long; the limit is {limit} (export.max_field_chars)",
                        field.key()
                    ),
                );
                row.cells[field as usize] = None;
            }
        }
    }

    /// Keeps the row's id for the problems that follow and the duplicate check, or rejects a row
    /// without one. Without an id the row is lost, but its other problems are still reported.
    fn note_id(&mut self, id: &str) {
        if id.is_empty() {
            self.reject(
                "no id",
                format!("no id: the {} column is empty, and every entry needs a stable id", Field::Id.key()),
            );
        } else if id.chars().any(crate::sanitize::hides) {
            // An id is typed and pasted (`judging score ID`), written into files others read,
            // and compared: one with a control or an invisible character shows as another id
            // ("a\u{1b}[2J" as "a"), and a command printed with it cannot be pasted.
            self.id = Some(crate::sanitize::visible(id));
            self.reject(
                "hidden characters in id",
                format!(
                    "id {} holds a control or invisible character: an id is typed and pasted by judges, and this one would show as another; give it in visible characters",
                    crate::sanitize::in_quotes(id)
                ),
            );
        } else {
            self.id = Some(id.to_owned());
        }
    }

    /// The title, or the id (with a warning) when the export gives none: a judge needs
    /// something to call the entry.
    fn title_or_id(&mut self, title: String, id: &str) -> String {
        // A title of escape sequences alone would be a blank row on every screen.
        if crate::sanitize::clean_line(&title).is_empty() && !id.is_empty() {
            let said = if title.is_empty() { "no title" } else { "a title with nothing to show (controls only)" };
            self.warn("no title", format!("{said}; showing the id instead"));
            id.to_owned()
        } else {
            title
        }
    }

    /// The Space's link, which every entry must have: it is the app the judges try.
    fn space_link(&mut self, raw: &str) -> Option<url::Url> {
        if raw.is_empty() {
            self.reject("no Space URL", "no Space URL: every entry needs the link to its app".into());
            None
        } else {
            self.link("space", raw)
        }
    }

    /// The parameters the team declares ("7B"); one that cannot be read is ignored with a
    /// warning, not a rejection: a size left undeclared makes an entry unverified, not ineligible.
    fn declared_params(&mut self, raw: &str) -> Option<u64> {
        match raw {
            "" => None,
            raw => parse_params(raw).map_err(|e| self.warn("params ignored", format!("params ignored: {e}"))).ok(),
        }
    }

    /// The Space's likes; a value that is not a whole number is ignored with a warning.
    fn likes(&mut self, raw: &str) -> Option<u64> {
        match raw {
            "" => None,
            raw => raw
                .parse::<u64>()
                .map_err(|_| self.warn("likes ignored", format!("likes ignored: {raw:?} is not a whole number")))
                .ok(),
        }
    }

    fn link(&mut self, field: &str, raw: &str) -> Option<url::Url> {
        links::web_link(raw).map_err(|e| self.reject("bad link", format!("{field}: {e}"))).ok()
    }

    fn optional_link(&mut self, field: &str, raw: &str) -> Option<String> {
        if raw.is_empty() {
            return None;
        }
        self.link(field, raw).map(|u| u.to_string())
    }

    /// The track column when it has a value, else the first tag naming a track (`track:wood`).
    fn track(&mut self, value: &str, tags: &[String], config: &Config) -> Option<String> {
        // An event without tracks has one ranking: a track column there means nothing to it.
        if config.tracks.is_empty() {
            return None;
        }
        if !value.is_empty() {
            let found = config.track_for(value).map(|t| t.id.clone());
            if found.is_none() {
                self.reject(
                    "unknown track",
                    format!("track {value:?} is not one of the tracks in judging.toml: {}", config.track_ids()),
                );
            }
            return found;
        }
        let from_tags = tags.iter().find_map(|t| config.track_for(t)).map(|t| t.id.clone());
        if from_tags.is_none() {
            self.warn(
                "no track",
                format!("no track: give one of {} in the track column or a track: tag", config.track_ids()),
            );
        }
        from_tags
    }
}

/// One-line text: trimmed, with a list joined by commas.
fn text(cell: Option<Cell>) -> String {
    match cell {
        Some(Cell::Text(t)) if t.trim().len() == t.len() => t,
        Some(Cell::Text(t)) => t.trim().to_owned(),
        Some(Cell::List(items)) => items.join(", "),
        None => String::new(),
    }
}

fn list(cell: Option<Cell>) -> Vec<String> {
    match cell {
        Some(Cell::List(items)) => items.into_iter().map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()).collect(),
        Some(Cell::Text(t)) => super::split_list(&t),
        None => Vec::new(),
    }
}
