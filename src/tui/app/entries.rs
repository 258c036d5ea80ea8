//! The submissions as the judge's screen lists them, and the rubric each is scored on.

use std::collections::{HashMap, HashSet};

use crate::assign::Bar;
use crate::config::Config;
use crate::model::{Criterion, StoredSubmission, Submission};

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
}

/// Every submission, where each id is, each track's rubric, and which entries are this judge's.
#[derive(Default)]
pub struct Entries {
    list: Vec<Entry>,
    /// Where each submission id is in `list`.
    index: HashMap<String, usize>,
    /// Each track's rubric (and that of an entry without a track, first), worked out once.
    rubrics: Vec<(Option<String>, Vec<Criterion>)>,
    /// The entries the organizers' assignments file gives this judge, when it names them.
    assigned: Option<HashSet<String>>,
    /// The entries every judge scores first (the assignments' calibration set): listed first.
    pub calibration: HashSet<String>,
}

impl Entries {
    pub fn new(config: &Config) -> Entries {
        let rubrics = std::iter::once(None)
            .chain(config.tracks.iter().map(|t| Some(t.id.clone())))
            .map(|t| {
                let rubric = config.rubric(t.as_deref());
                (t, rubric)
            })
            .collect();
        Entries { rubrics, ..Entries::default() }
    }

    /// Lists the submissions, marking what is not this judge's by the same test `judging assign`
    /// uses (and, with assignments, what is not assigned).
    pub fn show(&mut self, config: &Config, judge: &str, submissions: Vec<StoredSubmission>) {
        let me = config.judge(judge).cloned();
        let keep_tracks = config.assign.keep_tracks;
        self.list = submissions
            .into_iter()
            .map(|s| {
                let sub = s.submission;
                let words = [&sub.title, &sub.team].into_iter().chain(&sub.members).chain(&sub.tags).chain(&sub.models);
                let haystack = words.map(String::as_str).collect::<Vec<_>>().join(" ").to_lowercase();
                let bar = me.as_ref().and_then(|j| crate::assign::barred(j, &sub, keep_tracks));
                let unassigned = self.assigned.as_ref().is_some_and(|mine| !mine.contains(&sub.id));
                Entry { submission: sub, withdrawn: s.withdrawn, haystack, not_mine: bar.is_some() || unassigned, bar }
            })
            .collect();
        self.index = self.list.iter().enumerate().map(|(i, e)| (e.submission.id.clone(), i)).collect();
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

    /// Whether progress leaves this entry out: with assignments, only the judge's count.
    pub fn uncounted(&self, entry: &Entry) -> bool {
        self.assigned.is_some() && entry.not_mine
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.index.get(id).map(|i| &self.list[*i])
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

    /// The rubric of an entry in `track`.
    pub fn rubric_of(&self, track: Option<&str>) -> &[Criterion] {
        let found = self.rubrics.iter().find(|(t, _)| t.as_deref() == track).or_else(|| self.rubrics.first());
        found.map_or(&[], |(_, r)| r.as_slice())
    }

    /// The longest rubric, which the screen's layout makes room for whatever entry is selected.
    pub fn longest_rubric(&self) -> &[Criterion] {
        self.rubrics.iter().map(|(_, r)| r.as_slice()).max_by_key(|r| r.len()).unwrap_or(&[])
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
