//! The submissions as the judge's screen lists them, and the rubric each is scored on.

use std::collections::{HashMap, HashSet};

use crate::assign::Bar;
use crate::config::Config;
use crate::model::{Criterion, StoredSubmission, Submission};
use crate::sanitize::screen_line;
use crate::tui::layout::{Rubric, columns};

/// One submission as the screen lists it.
pub struct Entry {
    pub submission: Submission,
    pub withdrawn: bool,
    /// Title, team, members, tags and models in lower case, for `/`.
    pub(super) haystack: String,
    /// Not this judge's: barred by judging.toml (a conflict, another track), or not assigned.
    pub(super) not_mine: bool,
    /// Why judging.toml bars this judge from it, if it does: a conflict earns a reminder to
    /// recuse when scored.
    pub bar: Option<Bar>,
    /// The columns each of its own cells in the list takes ([`Entry::cell`]), worked out once:
    /// the list's columns are as wide as the widest in the whole list, not in sight, so that
    /// they stay put while the judge pages through it.
    pub(super) widths: [usize; CELLS],
    /// How many of its title's first characters (as shown) it shares with the most alike other
    /// title: a title cut to fit keeps what tells it apart ([`crate::tui::fit::cut_apart`]).
    pub(super) shared: usize,
}

/// The most columns a message gives an entry's title ([`Entries::named`]).
pub const NAMED_MOST: usize = 32;

/// The list's cells: status, track, title, team with its members, total, and the team alone
/// (which the team column shows when its members do not fit).
pub const CELLS: usize = 6;
/// The cells an entry's submission fills (the others are the judge's: status and total).
pub const TRACK: usize = 1;
pub const TITLE: usize = 2;
pub const TEAM: usize = 3;
pub const TEAM_ALONE: usize = 5;
/// The judge's total: the one number in the list.
pub const TOTAL: usize = 4;

impl Entry {
    /// The text of one of its own cells in the list, as shown: its track, title, team with its
    /// members, or team alone; empty for the judge's cells (status and total, from the sheet).
    pub fn cell(&self, k: usize) -> String {
        let s = &self.submission;
        match k {
            TRACK => s.track.as_deref().map(screen_line).unwrap_or_default(),
            TITLE => shown(&s.title).into_owned(),
            TEAM if !s.other_members().is_empty() => {
                let members = s.other_members().iter().map(|m| screen_line(m)).collect::<Vec<_>>().join(", ");
                if s.team.is_empty() { members } else { format!("{} · {members}", screen_line(&s.team)) }
            }
            TEAM | TEAM_ALONE => screen_line(&s.team),
            _ => String::new(),
        }
    }

    /// The columns [`Entry::cell`] takes, worked out without writing it: the width of every
    /// entry's cells is known before the first frame, and writing 10,000 entries' cells out
    /// took 12 ms of a first frame of 28.
    fn cell_width(&self, k: usize) -> usize {
        let s = &self.submission;
        match k {
            TRACK => s.track.as_deref().map_or(0, shown_width),
            TITLE => shown_width(&s.title),
            TEAM if !s.other_members().is_empty() => {
                let members = s.other_members();
                let named: usize =
                    members.iter().map(|m| shown_width(m)).sum::<usize>() + columns(", ") * (members.len() - 1);
                if s.team.is_empty() { named } else { shown_width(&s.team) + columns(" · ") + named }
            }
            TEAM | TEAM_ALONE => shown_width(&s.team),
            _ => 0,
        }
    }
}

/// The columns `raw` takes once cleaned for a line ([`screen_line`]): printable ASCII, nearly
/// every title and name, as it is, without copying it.
fn shown_width(raw: &str) -> usize {
    if raw.bytes().all(|b| (0x20..0x7f).contains(&b)) { raw.len() } else { columns(&screen_line(raw)) }
}

/// `raw` cleaned for a line ([`screen_line`]), without a copy where it is printable ASCII.
fn shown(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.bytes().all(|b| (0x20..0x7f).contains(&b)) { raw.into() } else { screen_line(raw).into() }
}

impl Entry {
    /// Its title cut to `room` columns with "…", still reading apart from the others'.
    pub fn title_in(&self, room: usize) -> String {
        crate::tui::fit::cut_apart(&self.cell(TITLE), self.shared, room)
    }
}

/// Every submission, where each id is, each track's rubric, and which entries are this judge's.
pub struct Entries {
    list: Vec<Entry>,
    /// Where each submission id is in `list`.
    index: HashMap<String, usize>,
    /// Each track's rubric (and that of an entry without a track, first, so never none),
    /// worked out once.
    rubrics: Vec<(Option<String>, Rubric)>,
    /// Which of them is the longest.
    longest: usize,
    /// The entries the organizers' assignments file gives this judge, when it names them.
    assigned: Option<HashSet<String>>,
    /// The entries every judge scores first (the assignments' calibration set): listed first.
    pub calibration: HashSet<String>,
    /// Whether any entry names a track, worked out when they are listed, not on each frame.
    any_track: bool,
}

impl Entries {
    pub fn new(config: &Config) -> Entries {
        let rubrics: Vec<_> = std::iter::once(None)
            .chain(config.tracks.iter().map(|t| Some(t.id.clone())))
            .map(|t| {
                let rubric = Rubric::new(config.rubric(t.as_deref()));
                (t, rubric)
            })
            .collect();
        // The last of the longest, as `max_by_key` picks.
        let most = rubrics.iter().map(|(_, r)| r.criteria().len()).max().unwrap_or(0);
        let longest = rubrics.iter().rposition(|(_, r)| r.criteria().len() == most).unwrap_or(0);
        Entries {
            list: Vec::new(),
            index: HashMap::new(),
            rubrics,
            longest,
            assigned: None,
            calibration: HashSet::new(),
            any_track: false,
        }
    }

    /// Lists the submissions, marking what is not this judge's by the same test `judging assign`
    /// uses (and, with assignments, what is not assigned).
    pub fn show(&mut self, config: &Config, judge: &str, submissions: Vec<StoredSubmission>) {
        let me = config.judge(judge).cloned();
        let tracks = crate::assign::Tracks::of(&config.assign);
        self.list = submissions
            .into_iter()
            .map(|s| {
                let sub = s.submission;
                let words = [&sub.title, &sub.team].into_iter().chain(&sub.members).chain(&sub.tags).chain(&sub.models);
                let haystack = crate::model::search_key(&words.map(String::as_str).collect::<Vec<_>>().join(" "));
                let bar = me.as_ref().and_then(|j| crate::assign::barred(j, &sub, tracks));
                let unassigned = self.assigned.as_ref().is_some_and(|mine| !mine.contains(&sub.id));
                let mut entry = Entry {
                    submission: sub,
                    withdrawn: s.withdrawn,
                    haystack,
                    not_mine: bar.is_some() || unassigned,
                    bar,
                    widths: [0; CELLS],
                    shared: 0,
                };
                entry.widths = std::array::from_fn(|k| entry.cell_width(k));
                entry
            })
            .collect();
        let titles: Vec<_> = self.list.iter().map(|e| shown(&e.submission.title)).collect();
        let shared = crate::tui::fit::shared_starts(&titles);
        drop(titles);
        for (entry, shared) in self.list.iter_mut().zip(shared) {
            entry.shared = shared;
        }
        self.index = self.list.iter().enumerate().map(|(i, e)| (e.submission.id.clone(), i)).collect();
        self.any_track = self.list.iter().any(|e| e.submission.track.is_some());
    }

    /// Whether any entry names a track.
    pub fn any_track(&self) -> bool {
        self.any_track
    }

    /// Takes this judge's entries from the assignments file and lists the submissions again.
    pub fn assign(&mut self, config: &Config, judge: &str, ids: &[String]) {
        self.assigned = Some(ids.iter().cloned().collect());
        let submissions = std::mem::take(&mut self.list)
            .into_iter()
            .map(|e| StoredSubmission { submission: e.submission, withdrawn: e.withdrawn })
            .collect();
        self.show(config, judge, submissions);
    }

    /// The entries the assignments file gives this judge, when it names them.
    pub fn assigned(&self) -> Option<&HashSet<String>> {
        self.assigned.as_ref()
    }

    /// Whether progress and the partly scored count leave this entry out: they count the
    /// judge's own, those `a` shows (the ones assigned to them, or without assignments those of
    /// the tracks they keep to), less their conflicts. A judge who keeps to one track had read
    /// "0 of 53 scored" over every track's entries, and one with a conflict could never reach
    /// all.
    pub fn uncounted(&self, entry: &Entry) -> bool {
        entry.not_mine
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.index.get(id).map(|i| &self.list[*i])
    }

    /// An entry as a message names it: its title, cut to [`NAMED_MOST`] columns with "…" so
    /// that what the message says after it (what a key does next) stays in the footer; its id
    /// where the store does not list it.
    pub fn named(&self, id: &str) -> String {
        self.named_in(id, NAMED_MOST)
    }

    /// An entry named in at most `room` columns, as [`Entries::named`] names it: cut once,
    /// from its whole title, so that what tells it apart stays.
    pub fn named_in(&self, id: &str, room: usize) -> String {
        match self.get(id) {
            Some(e) => e.title_in(room),
            None => crate::format::fit(&screen_line(id), room),
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Entry> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The rubric of an entry in `track`: its criteria.
    pub fn rubric_of(&self, track: Option<&str>) -> &[Criterion] {
        self.rubric(track).criteria()
    }

    /// The rubric of an entry in `track` (that of an entry without one, first, for a track
    /// judging.toml does not name), as the screen lays it out.
    pub fn rubric(&self, track: Option<&str>) -> &Rubric {
        let found = self.rubrics.iter().position(|(t, _)| t.as_deref() == track).unwrap_or(0);
        &self.rubrics[found].1
    }

    /// The longest rubric, which the screen's layout makes room for whatever entry is selected.
    pub fn longest_rubric(&self) -> &Rubric {
        &self.rubrics[self.longest].1
    }
}

impl<'e> IntoIterator for &'e Entries {
    type Item = &'e Entry;
    type IntoIter = std::slice::Iter<'e, Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl std::ops::Index<usize> for Entries {
    type Output = Entry;

    fn index(&self, i: usize) -> &Entry {
        &self.list[i]
    }
}

#[cfg(test)]
mod tests {
    use super::{CELLS, Entry};
    use crate::model::Submission;
    use crate::tui::layout::columns;

    /// Each cell's width, worked out without writing the cell, is the width of the cell written:
    /// ASCII, wide letters, controls a terminal would act on, no members and several.
    #[test]
    fn a_cells_width_is_the_width_of_the_cell_as_shown() {
        let cases: [(&str, &str, &[&str], Option<&str>); 7] = [
            ("Sprout Sense", "Moss & Lichen", &["Ines Varga", "Tobiah Quell"], Some("backyard")),
            ("Ünïcødé 李子", "チーム", &["Zoë"], Some("wood")),
            ("evil\x1b[2Jtitle\ttab", "team\nnewline", &["a\x07b", "c"], Some("tr\x1bck")),
            ("", "", &[], None),
            ("Solo", "Team", &["One"], None),
            // No team name: the members alone; a team named by its members: the names once.
            ("Nameless", "", &["Ada", "Bo"], None),
            ("Devpost", "Alva Brink, Remy Cato", &["Alva Brink", "Remy Cato"], None),
        ];
        for (title, team, members, track) in cases {
            let mut submission = Submission::example("x");
            submission.title = title.into();
            submission.team = team.into();
            submission.members = members.iter().map(|m| (*m).to_owned()).collect();
            submission.track = track.map(str::to_owned);
            let entry = Entry {
                submission,
                withdrawn: false,
                haystack: String::new(),
                not_mine: false,
                bar: None,
                widths: [0; CELLS],
                shared: 0,
            };
            for k in 0..CELLS {
                assert_eq!(entry.cell_width(k), columns(&entry.cell(k)), "cell {k} of {title:?}: {:?}", entry.cell(k));
            }
            let once = match title {
                "Nameless" => Some("Ada, Bo"),
                "Devpost" => Some("Alva Brink, Remy Cato"),
                "Sprout Sense" => Some("Moss & Lichen · Ines Varga, Tobiah Quell"),
                _ => None,
            };
            if let Some(once) = once {
                assert_eq!(entry.cell(super::TEAM), once);
            }
        }
    }

    /// A message names an entry by its title, cut to a share of the footer with "…", and by its
    /// id where the store does not list it.
    #[test]
    fn a_message_names_an_entry_short() {
        let config = crate::config::Config::builtin();
        let mut long = Submission::example("long-1");
        long.title = format!("T{}\x1b[2J", "x".repeat(400));
        let mut entries = super::Entries::new(&config);
        entries.show(&config, "tomas", vec![crate::model::StoredSubmission { submission: long, withdrawn: false }]);
        let named = entries.named("long-1");
        assert_eq!(columns(&named), super::NAMED_MOST);
        assert!(named.starts_with("Txxx") && named.ends_with('…') && !named.contains('\x1b'), "{named}");
        assert_eq!(entries.named("gone"), "gone");
    }

    /// A text box's title names its entry in fewer columns than a message: cut once from the
    /// whole title, it ends in one "…" and keeps what tells it from an alike title (cut from
    /// the message's name, it read "Multilingual Recipe Rescue……").
    #[test]
    fn an_entry_named_shorter_is_cut_once_and_apart() {
        let config = crate::config::Config::builtin();
        let base = "Multilingual Recipe Rescue and Leftover Planner for Students";
        let stored = ["(v1)", "(v2)"].map(|v| {
            let mut s = Submission::example(v);
            s.title = format!("{base} {v}");
            crate::model::StoredSubmission { submission: s, withdrawn: false }
        });
        let mut entries = super::Entries::new(&config);
        entries.show(&config, "tomas", stored.into());
        for room in [20, 28, super::NAMED_MOST] {
            let (one, two) = (entries.named_in("(v1)", room), entries.named_in("(v2)", room));
            assert_ne!(one, two, "at {room} columns");
            assert!(columns(&one) <= room && one.matches('…').count() == 1, "{one:?} at {room}");
            assert!(one.ends_with("(v1)"), "{one:?}");
        }
    }
}
