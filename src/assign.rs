//! Spreading the entries over the judges before judging starts: pure functions, no I/O.
//!
//! Every entry gets `k` judges where the rules allow it. A judge never gets an entry they
//! declared a conflict with, nor, when tracks are kept, one outside their tracks. The most
//! constrained entries are placed first, each with the least loaded judges who may take it, and
//! a last pass moves entries from the busiest judges to the idlest until loads differ by at most
//! one or the rules allow no further move. The same seed gives the same assignment.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Judge;
use crate::merge::agreement::judge_groups;
use crate::model::{Submission, same_name};

/// Who judges what, as written to the assignments file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignments {
    pub event: String,
    pub seed: u64,
    pub judges_per_entry: usize,
    /// Entries every judge scores, first (`[assign] calibration`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calibration: Vec<String>,
    /// Each judge's entries, by id.
    pub judges: BTreeMap<String, Vec<String>>,
}

/// An assignments file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentsError {
    #[error("{0}")]
    Syntax(String),
    #[error("assignments for event {found}, not for this one, {expected:?}: run `judging assign` again")]
    OtherEvent { found: String, expected: String },
    /// A judge's name `--judge` refuses: no judge of judging.toml has it (they pass the same
    /// test), and shown cleaned it would pass for one who does.
    #[error(
        "judges.{name}: not a name `--judge` takes: give {}, as judging.toml's [[judges]] names are, or run `judging assign --force` to write the file again",
        crate::paths::USABLE_JUDGE
    )]
    BadJudge { name: String },
    /// Two keys that name one judge, as names always compare: only one list could be theirs.
    #[error(
        "judges.{first} and judges.{second} name one judge (names compare without case or extra spaces): give each judge once, or run `judging assign --force` to write the file again"
    )]
    TwiceOneJudge { first: String, second: String },
}

impl Assignments {
    /// Reads an assignments file's text, written by `judging assign` for `event`.
    pub fn parse(text: &str, event: &str) -> Result<Assignments, AssignmentsError> {
        // At its line, in one line, as judging.toml's problems are said: serde's own form (a
        // caret under line 1, column 1 for a missing key) had been squashed onto one line.
        let at_line = |e: toml::de::Error| {
            let message = crate::plain::plain(e.message().trim_end());
            match e.span().and_then(|span| text.get(..span.start)) {
                Some(before) => {
                    format!("{}: {message}", crate::config::line_said(text, before.matches('\n').count() + 1))
                }
                None => message,
            }
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| AssignmentsError::Syntax(at_line(e)))?;
        // Another event's file is said to be one, whatever else it lacks: a file for "other"
        // without `seed` had been "missing field `seed`".
        if let Some(found) = table.get("event").and_then(toml::Value::as_str)
            && found != event
        {
            return Err(AssignmentsError::OtherEvent {
                found: crate::sanitize::in_quotes(found),
                expected: event.to_owned(),
            });
        }
        let a: Assignments = toml::from_str(text).map_err(|e: toml::de::Error| {
            // A key the file lacks in the file's words, not serde's ("missing field `seed`"),
            // and with what the file needs; any other problem at its line.
            let message = crate::plain::plain(e.message().trim_end());
            match message.strip_prefix("missing field ") {
                Some(key) => AssignmentsError::Syntax(format!(
                    "it has no {key}: a file `judging assign` writes has event, seed, judges_per_entry and [judges]; run `judging assign --force` to write it again"
                )),
                None => AssignmentsError::Syntax(at_line(e)),
            }
        })?;
        if let Some(name) = a.judges.keys().find(|name| !crate::paths::usable_judge(name)) {
            return Err(AssignmentsError::BadJudge { name: crate::sanitize::in_quotes(name) });
        }
        // The app reads the first key that names its judge: a second one's list went unread.
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for name in a.judges.keys() {
            if let Some(first) = seen.insert(crate::model::name_key(name), name) {
                let quote = crate::sanitize::in_quotes;
                return Err(AssignmentsError::TwiceOneJudge { first: quote(first), second: quote(name) });
            }
        }
        Ok(a)
    }

    /// The file's text, as toml writes it, but with every string through
    /// [`crate::sanitize::toml_string`]: an id from the export is data, and reaches the file
    /// (and a terminal, with `-o -`) exact, with nothing in it a reader could not see.
    pub fn to_toml(&self) -> String {
        use crate::sanitize::{toml_key, toml_string};
        let list = |ids: &[String]| ids.iter().map(|id| toml_string(id)).collect::<Vec<_>>().join(", ");
        let mut out = format!(
            "event = {}\nseed = {}\njudges_per_entry = {}\n",
            toml_string(&self.event),
            self.seed,
            self.judges_per_entry
        );
        if !self.calibration.is_empty() {
            out.push_str(&format!("calibration = [{}]\n", list(&self.calibration)));
        }
        out.push_str("\n[judges]\n");
        for (judge, ids) in &self.judges {
            out.push_str(&format!("{} = [{}]\n", toml_key(judge), list(ids)));
        }
        out
    }

    /// The entries assigned to a judge, the name compared as judges' names always are.
    pub fn of(&self, judge: &str) -> Option<&[String]> {
        self.judges.iter().find(|(name, _)| same_name(name, judge)).map(|(_, ids)| ids.as_slice())
    }
}

/// What is said where an assignments file is asked for and there is none: by `judging list
/// --assigned` and by the judge's app (`a`), in the same words. `file` as the reader should look
/// for it (the path, or judging.toml's `assign.file`).
pub fn no_file(file: &str) -> String {
    format!("no assignments file ({file})")
}

/// An entry that got fewer judges than asked, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Short {
    pub id: String,
    pub judges: usize,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub assignments: Assignments,
    pub short: Vec<Short>,
    /// Why loads differ by more than one, when they must.
    pub uneven: Option<String>,
    /// The groups of judges that share no entry, directly or through others, when the rules
    /// leave more than one.
    pub groups: Vec<Vec<String>>,
}

use crate::rng::SplitMix;

/// A declared conflict names this entry: its id, team, a member, or the Space's owner (an org
/// or a handle), compared as names always are (case, spaces and Unicode spelling aside).
pub fn conflicts(conflict: &str, s: &Submission) -> bool {
    let c = conflict.trim();
    let owner = s.space_id.as_deref().and_then(|id| id.split('/').next());
    !c.is_empty()
        && (same_name(c, &s.id)
            || same_name(c, &s.team)
            || s.members.iter().any(|m| same_name(m, c))
            || owner.is_some_and(|o| same_name(o, c)))
}

/// A judge's declared conflict that names no entry of the export (no id, team, member or Space
/// owner), with the names it looks like: it bars the judge from nothing, and a typo
/// (`conflicts = ["gloF"]` for team Golf) had passed `judging check` as "Ready.". Each names its
/// key first (`judges[1].conflicts`), for judging.toml's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdleConflict {
    pub said: String,
    /// Whether an entry's name looks like it: then it is most likely a typo.
    pub look_alike: bool,
}

/// Every declared conflict of judging.toml's judges that names no entry of `entries`
/// ([`conflicts`]), as `judging check` says them.
pub fn idle_conflicts(judges: &[crate::config::Judge], entries: &[Submission]) -> Vec<IdleConflict> {
    let idle: Vec<(usize, &crate::config::Judge, &String)> = judges
        .iter()
        .enumerate()
        .flat_map(|(i, judge)| judge.conflicts.iter().map(move |c| (i, judge, c)))
        .filter(|(_, _, c)| !c.trim().is_empty() && !entries.iter().any(|s| conflicts(c, s)))
        .collect();
    if idle.is_empty() {
        return Vec::new();
    }
    // Every name a conflict may give, each once as names compare: what "did you mean" offers.
    let mut seen = std::collections::HashSet::new();
    let mut names: Vec<&str> = Vec::new();
    for s in entries {
        let owner = s.space_id.as_deref().and_then(|id| id.split('/').next());
        let each = [Some(s.id.as_str()), Some(s.team.as_str()), owner].into_iter().flatten();
        for name in each.chain(s.members.iter().map(String::as_str)) {
            if !name.trim().is_empty() && seen.insert(crate::model::name_key(name)) {
                names.push(name);
            }
        }
    }
    idle.into_iter()
        .map(|(i, judge, conflict)| {
            let near: Vec<String> = crate::format::look_alike(conflict.trim(), names.iter().copied(), 3)
                .into_iter()
                .map(crate::sanitize::in_quotes)
                .collect();
            let hint = if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) };
            let who = crate::sanitize::in_quotes(&judge.name);
            IdleConflict {
                said: format!(
                    "judges[{i}] ({who}).conflicts: {} names no entry, team, member or Space owner of the export{hint}, so it bars {who} from nothing: give it as the export writes it, or leave it while no such entry has come in",
                    crate::sanitize::in_quotes(conflict),
                ),
                look_alike: !near.is_empty(),
            }
        })
        .collect()
}

/// Why a judge may not judge an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    /// judging.toml lists a conflict of theirs that names the entry.
    Conflict,
    /// The entry is outside the tracks the judge keeps to.
    Track,
}

/// When a judge's `tracks` bar them from an entry: only where judges are kept to their tracks
/// (`assign.keep_tracks`), and never from a calibration entry, which every judge scores whatever
/// their tracks. One value every caller of [`barred`] passes, so that none can forget the
/// calibration entries: the judge's app had hidden them from a judge kept to another track, while
/// the assignments gave them to that judge.
#[derive(Debug, Clone, Copy)]
pub struct Tracks<'a> {
    pub kept: bool,
    pub calibration: &'a [String],
}

impl<'a> Tracks<'a> {
    /// As judging.toml's [assign] says.
    pub fn of(assign: &'a crate::config::AssignConfig) -> Tracks<'a> {
        Tracks { kept: assign.keep_tracks, calibration: &assign.calibration }
    }

    /// Tracks bar no one: only declared conflicts do.
    pub const IGNORED: Tracks<'static> = Tracks { kept: false, calibration: &[] };
}

/// The first of `judge`'s declared conflicts that names `s` ([`conflicts`]), as a warning quotes
/// it ("Moss & Lichen", not only "a conflict").
pub fn conflict_naming<'j>(judge: &'j Judge, s: &Submission) -> Option<&'j str> {
    judge.conflicts.iter().find(|c| conflicts(c, s)).map(String::as_str)
}

/// Each of `entries` a declared conflict of `judge`'s names, as the warnings of `export` and
/// `import-scores` list them: `"e13" ("Moss & Lichen")`, id and conflict cleaned for a line.
pub fn conflicts_named<'s>(judge: &Judge, entries: impl Iterator<Item = &'s Submission>) -> Vec<String> {
    use crate::sanitize::clean_line;
    entries
        .filter_map(|s| Some(format!("{:?} ({:?})", clean_line(&s.id), clean_line(conflict_naming(judge, s)?))))
        .collect()
}

/// Why `judge` may not judge `s`, if they may not: the one test that `judging assign`, the
/// judge's "assigned to me", `judging score` and the finals use.
pub fn barred(judge: &Judge, s: &Submission, tracks: Tracks) -> Option<Bar> {
    if conflict_naming(judge, s).is_some() {
        return Some(Bar::Conflict);
    }
    let outside = !judge.tracks.is_empty() && !s.track.as_ref().is_some_and(|t| judge.tracks.contains(t));
    (tracks.kept && outside && !tracks.calibration.contains(&s.id)).then_some(Bar::Track)
}

/// What a judge reads on scoring an entry outside the tracks judging.toml keeps them to: only
/// the assignments keep to tracks, so the score stands, and the merge counts it. Their tracks by
/// name where judging.toml names them.
pub fn outside_tracks(judge: &Judge, tracks: &[crate::config::Track]) -> String {
    let names: Vec<String> =
        judge.tracks.iter().map(|id| crate::config::track_name(tracks, id)).map(crate::sanitize::clean_line).collect();
    format!("outside the tracks the event gives you ({}); the merge counts it as any other score", names.join(", "))
}

/// The entries trainees practise on, one trainee to each: as many as `trainees` judges take at
/// `share` entries each, drawn by `seed` (the calibration entries always among them, as every
/// judge scores those), in the order given. A lone trainee at an event of 500 entries is not
/// given all 500, but a judge's share.
pub fn practice<'a>(
    entries: &[&'a Submission],
    trainees: usize,
    share: usize,
    seed: u64,
    calibration: &[String],
) -> Vec<&'a Submission> {
    let wanted = trainees.saturating_mul(share);
    if wanted >= entries.len() {
        return entries.to_vec();
    }
    // Its own stream of the seed: the judges' draw is not moved by how many trainees there are.
    let mut random = SplitMix(seed ^ 0x7472_6169_6e65_6573);
    let draw: Vec<u64> = entries.iter().map(|_| random.next_u64()).collect();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|e| (!calibration.contains(&entries[*e].id), draw[*e]));
    let mut kept: Vec<usize> = order.into_iter().take(wanted).collect();
    kept.sort_unstable();
    kept.into_iter().map(|e| entries[e]).collect()
}

/// Spreads `entries` over `judges`, `k` to an entry. The `calibration` entries (by id) go to every
/// judge without a conflict with them, whatever their tracks: they link every judge to every other.
pub fn assign(
    event: &str,
    entries: &[&Submission],
    judges: &[Judge],
    k: usize,
    keep_tracks: bool,
    seed: u64,
    calibration: &[String],
) -> Plan {
    let mut random = SplitMix(seed);
    let tracks = Tracks { kept: keep_tracks, calibration };
    let calibrating: Vec<bool> = entries.iter().map(|s| calibration.contains(&s.id)).collect();
    let allowed: Vec<Vec<usize>> = entries
        .iter()
        .map(|s| (0..judges.len()).filter(|j| barred(&judges[*j], s, tracks).is_none()).collect())
        .collect();
    // Most constrained first; a seeded draw orders equals, so no entry is always last.
    let draw: Vec<u64> = entries.iter().map(|_| random.next_u64()).collect();
    let mut order: Vec<usize> = (0..entries.len()).filter(|e| !calibrating[*e]).collect();
    order.sort_by_key(|e| (allowed[*e].len(), draw[*e]));
    let mut load = vec![0usize; judges.len()];
    let mut given: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for e in (0..entries.len()).filter(|e| calibrating[*e]) {
        for &j in &allowed[e] {
            load[j] += 1;
            given[e].push(j);
        }
    }
    for e in order {
        let mut pool = allowed[e].clone();
        let tie: Vec<u64> = (0..judges.len()).map(|_| random.next_u64()).collect();
        pool.sort_by_key(|j| (load[*j], tie[*j]));
        for j in pool.into_iter().take(k) {
            load[j] += 1;
            given[e].push(j);
        }
    }
    rebalance(&allowed, &mut given, &mut load);
    link(&allowed, &mut given, judges.len());
    let short = (0..entries.len())
        .filter(|e| !calibrating[*e] && given[*e].len() < k)
        .map(|e| Short {
            id: entries[e].id.clone(),
            judges: given[e].len(),
            why: why_short(entries[e], judges, k, tracks),
        })
        .collect();
    let mut by_judge: BTreeMap<String, Vec<String>> = judges.iter().map(|j| (j.name.clone(), Vec::new())).collect();
    for (e, js) in given.iter().enumerate() {
        for j in js {
            by_judge.entry(judges[*j].name.clone()).or_default().push(entries[e].id.clone());
        }
    }
    for list in by_judge.values_mut() {
        list.sort();
    }
    let uneven = uneven(&load, judges, &allowed);
    let groups = judge_groups(judges.len(), given.iter().map(Vec::as_slice));
    // In the organizers' order, which the judges' app follows.
    let calibration = calibration.iter().filter(|id| entries.iter().any(|s| s.id == **id)).cloned().collect();
    Plan {
        assignments: Assignments { event: event.into(), seed, judges_per_entry: k, calibration, judges: by_judge },
        short,
        uneven,
        groups: if groups.len() > 1 {
            groups.into_iter().map(|g| g.into_iter().map(|j| judges[j].name.clone()).collect()).collect()
        } else {
            Vec::new()
        },
    }
}

/// Joins groups of judges that share no entry, directly or through others, by swapping one
/// judge of an entry in one group with one judge of an entry in another: loads stay as they
/// are, and each entry keeps a judge of its old group. A swap is kept only if it leaves fewer
/// groups; it stops when one group is left or no allowed swap joins two.
fn link(allowed: &[Vec<usize>], given: &mut [Vec<usize>], judges: usize) {
    let grouped = |given: &[Vec<usize>]| judge_groups(judges, given.iter().map(Vec::as_slice));
    let mut groups = grouped(given);
    while groups.len() > 1 {
        let mut group_of = vec![usize::MAX; judges];
        for (g, members) in groups.iter().enumerate() {
            for j in members {
                group_of[*j] = g;
            }
        }
        let mut entries_of: Vec<Vec<usize>> = vec![Vec::new(); judges];
        for (e, js) in given.iter().enumerate() {
            for j in js {
                entries_of[*j].push(e);
            }
        }
        let mut joined = None;
        // An entry `e` with two judges or more (so it keeps one of its group), a judge `b` of
        // another group allowed on it, and one of b's entries `f` (also with two or more) that
        // one of e's judges `a` may take in b's place. Walking from the judges allowed on `e`
        // keeps this quick when tracks wall the groups off and no swap exists.
        let shared: Vec<usize> = (0..given.len()).filter(|e| given[*e].len() >= 2).collect();
        'search: for &e in &shared {
            let home = group_of[given[e][0]];
            for &b in allowed[e].iter().filter(|b| group_of[**b] != home && group_of[**b] != usize::MAX) {
                for &f in entries_of[b].iter().filter(|f| shared.binary_search(f).is_ok()) {
                    let Some(y) = given[f].iter().position(|j| *j == b) else { continue };
                    for x in 0..given[e].len() {
                        let a = given[e][x];
                        if given[e].contains(&b) || given[f].contains(&a) || !allowed[f].contains(&a) {
                            continue;
                        }
                        given[e][x] = b;
                        given[f][y] = a;
                        let after = grouped(given);
                        if after.len() < groups.len() {
                            joined = Some(after);
                            break 'search;
                        }
                        given[e][x] = a;
                        given[f][y] = b;
                    }
                }
            }
        }
        match joined {
            Some(after) => groups = after,
            None => return,
        }
    }
}

/// Moves entries from the busiest judge to the idlest who may take them, while that narrows the
/// gap.
fn rebalance(allowed: &[Vec<usize>], given: &mut [Vec<usize>], load: &mut [usize]) {
    loop {
        let mut moved = false;
        let mut by_load: Vec<usize> = (0..load.len()).collect();
        by_load.sort_by_key(|j| load[*j]);
        'search: for &idle in &by_load {
            for &busy in by_load.iter().rev() {
                if load[busy] <= load[idle] + 1 {
                    break;
                }
                let found = (0..given.len())
                    .find(|e| given[*e].contains(&busy) && !given[*e].contains(&idle) && allowed[*e].contains(&idle));
                if let Some(e) = found {
                    let slot = given[e].iter().position(|j| *j == busy).unwrap_or_default();
                    given[e][slot] = idle;
                    load[busy] -= 1;
                    load[idle] += 1;
                    moved = true;
                    break 'search;
                }
            }
        }
        if !moved {
            return;
        }
    }
}

/// Why an entry got fewer than `k` judges: the judges barred from it, by name, when those are
/// what left it short; that there are fewer than `k` judges to draw on at all, when that is,
/// with the barred ones beside (a judge kept to another track had been named as the cause of
/// every wood entry's shortfall when there were three judges for four places).
fn why_short(s: &Submission, judges: &[Judge], k: usize, tracks: Tracks) -> String {
    let mut conflicted = Vec::new();
    let mut outside = Vec::new();
    for j in judges {
        match barred(j, s, tracks) {
            Some(Bar::Conflict) => conflicted.push(j.name.as_str()),
            Some(Bar::Track) => outside.push(j.name.as_str()),
            None => {}
        }
    }
    let mut parts = Vec::new();
    if !conflicted.is_empty() {
        parts.push(format!("conflict: {}", conflicted.join(", ")));
    }
    if !outside.is_empty() {
        parts.push(format!("other tracks only: {}", outside.join(", ")));
    }
    let barred = parts.join("; ");
    if judges.len() >= k {
        return barred;
    }
    let few = format!("only {} to draw on", crate::format::count(judges.len(), "judge", "judges"));
    if barred.is_empty() { few } else { format!("{few}, less those barred here: {barred}") }
}

fn uneven(load: &[usize], judges: &[Judge], allowed: &[Vec<usize>]) -> Option<String> {
    let (&most, &least) = (load.iter().max()?, load.iter().min()?);
    if most <= least + 1 {
        return None;
    }
    let idle: Vec<String> = (0..judges.len())
        .filter(|j| load[*j] + 1 < most)
        .map(|j| {
            let may = allowed.iter().filter(|a| a.contains(&j)).count();
            format!("{} may judge {may} entr{} and has {}", judges[j].name, if may == 1 { "y" } else { "ies" }, load[j])
        })
        .collect();
    Some(format!(
        "loads range from {least} to {most}: the conflicts and tracks allow no more even spread ({})",
        idle.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file `assign` writes reads back as the assignments it was made from, each id exact,
    /// and holds no character a reader could not see: an export's id with a bidi override or a
    /// C1 control went into the file (and, with `-o -`, to the terminal) raw.
    #[test]
    fn the_written_file_reads_back_exact_with_nothing_hidden_in_it() {
        let ids = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        for (judge, entries) in [
            ("mira", ids(&["sprout-sense", "pantry-poet"])),
            (
                "Ana Lee",
                ids(&["gnp\u{202e}.exe", "csi\u{9b}31m", "esc\u{1b}[2J", "zero\u{200b}", "\"quoted\" \\ 'single'"]),
            ),
            ("zoë", ids(&["\u{2066}isolate\u{2069}", "mark\u{200e}\u{61c}", "tab\tand\u{7f}"])),
        ] {
            let a = Assignments {
                event: "ev\u{202e}".into(),
                seed: 7,
                judges_per_entry: 2,
                calibration: entries[..1].to_vec(),
                judges: BTreeMap::from([(judge.to_owned(), entries.clone())]),
            };
            let text = a.to_toml();
            assert!(text.chars().all(|c| c == '\n' || !crate::sanitize::hides(c)), "{text:?}");
            let back: Assignments = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            assert_eq!(back, a, "{text}");
        }
        // A file edited by hand, whose faulty line holds what a reader cannot see: quoted with
        // it shown, as judging.toml's lines are.
        let edited = "event = \"e\"\nseed = 7\u{200b}\n";
        let Err(AssignmentsError::Syntax(said)) = Assignments::parse(edited, "e") else { panic!("read {edited:?}") };
        assert!(said.starts_with("line 2 (`seed = 7\\u{200b}`): "), "{said}");
        assert!(!said.chars().any(|c| c != '\n' && crate::sanitize::hides(c)), "{said:?}");
        // Plain assignments are written as toml writes them (bare keys, one list a line).
        let plain = Assignments {
            event: "ev".into(),
            seed: 1,
            judges_per_entry: 1,
            calibration: Vec::new(),
            judges: BTreeMap::from([("mira".to_owned(), ids(&["a", "b"]))]),
        };
        assert_eq!(plain.to_toml(), toml::to_string(&plain).expect("toml"));
    }

    fn judge(name: &str, conflicts: &[&str], tracks: &[&str]) -> Judge {
        Judge {
            conflicts: conflicts.iter().map(std::string::ToString::to_string).collect(),
            tracks: tracks.iter().map(std::string::ToString::to_string).collect(),
            ..Judge::named(name)
        }
    }

    fn field(n: usize) -> Vec<Submission> {
        (0..n)
            .map(|i| Submission {
                team: format!("team {}", i % 7),
                members: vec![format!("member {i}")],
                track: Some(if i % 2 == 0 { "backyard" } else { "wood" }.into()),
                ..Submission::example(&format!("e{i:02}"))
            })
            .collect()
    }

    fn loads(plan: &Plan) -> Vec<usize> {
        plan.assignments.judges.values().map(Vec::len).collect()
    }

    #[test]
    fn every_entry_gets_k_judges_and_loads_differ_by_one_at_most() {
        let entries = field(23);
        let refs: Vec<&Submission> = entries.iter().collect();
        let judges: Vec<Judge> = ["a", "b", "c", "d", "e"].iter().map(|n| judge(n, &[], &[])).collect();
        for k in [1, 2, 3] {
            let plan = assign("ev", &refs, &judges, k, true, 7, &[]);
            assert!(plan.short.is_empty(), "k={k}");
            let l = loads(&plan);
            assert_eq!(l.iter().sum::<usize>(), 23 * k);
            assert!(l.iter().max().unwrap_or(&0) - l.iter().min().unwrap_or(&0) <= 1, "k={k}: {l:?}");
            for e in &entries {
                let n = plan.assignments.judges.values().filter(|list| list.contains(&e.id)).count();
                assert_eq!(n, k, "{} has {n} judges", e.id);
            }
        }
    }

    /// An entry short of judges because there are fewer judges than places says so, and names a
    /// judge barred from it beside that, not as the cause; where the judges barred are what left
    /// it short, they alone are named.
    #[test]
    fn an_entry_short_of_judges_is_said_short_for_its_real_cause() {
        let entries = field(4);
        let refs: Vec<&Submission> = entries.iter().collect();
        let judges = vec![judge("a", &[], &[]), judge("b", &[], &["backyard"]), judge("c", &["e03"], &[])];
        let why = |plan: &Plan, id: &str| plan.short.iter().find(|s| s.id == id).map(|s| (s.judges, s.why.clone()));
        let plan = assign("ev", &refs, &judges, 4, true, 1, &[]);
        assert_eq!(why(&plan, "e00"), Some((3, "only 3 judges to draw on".to_owned())));
        assert_eq!(
            why(&plan, "e01"),
            Some((2, "only 3 judges to draw on, less those barred here: other tracks only: b".to_owned()))
        );
        assert_eq!(
            why(&plan, "e03"),
            Some((1, "only 3 judges to draw on, less those barred here: conflict: c; other tracks only: b".to_owned()))
        );
        let plan = assign("ev", &refs, &judges, 3, true, 1, &[]);
        assert_eq!(why(&plan, "e00"), None, "three judges for three places");
        assert_eq!(why(&plan, "e01"), Some((2, "other tracks only: b".to_owned())));
    }

    #[test]
    fn conflicts_are_never_assigned_and_tracks_are_kept() {
        let entries = field(20);
        let refs: Vec<&Submission> = entries.iter().collect();
        let judges = vec![
            judge("a", &["team 1", "member 4"], &[]),
            judge("b", &["o"], &[]), // the Spaces' owner: every entry
            judge("c", &[], &["wood"]),
            judge("d", &["e02"], &[]),
        ];
        let plan = assign("ev", &refs, &judges, 2, true, 1, &[]);
        let list = |j: &str| plan.assignments.judges[j].clone();
        assert!(list("b").is_empty(), "b's org owns every Space");
        assert!(!list("a").iter().any(|id| ["e01", "e08", "e15", "e04"].contains(&id.as_str())), "team 1 and member 4");
        assert!(list("c").iter().all(|id| entries.iter().any(|e| e.id == *id && e.track.as_deref() == Some("wood"))));
        assert!(!list("d").contains(&"e02".to_owned()));
        // e04 (backyard): only d may take it (a: member 4; b: the org; c: wood only).
        let short: Vec<(&str, usize)> = plan.short.iter().map(|s| (s.id.as_str(), s.judges)).collect();
        assert!(short.contains(&("e04", 1)), "{short:?}");
        let why = &plan.short.iter().find(|s| s.id == "e04").expect("e04").why;
        assert_eq!(why, "conflict: a, b; other tracks only: c");
        let free = assign("ev", &refs, &judges, 2, false, 1, &[]);
        assert!(free.assignments.judges["c"].iter().any(|id| id == "e00"), "tracks not kept: c takes backyard too");
    }

    #[test]
    fn an_assignments_file_is_read_for_its_event_and_judges_found_by_name() {
        let text = "event = \"ev\"\nseed = 1\njudges_per_entry = 2\n[judges]\nMira = [\"a\", \"b\"]\n";
        let a = Assignments::parse(text, "ev").expect("valid");
        assert_eq!(a.of(" mira"), Some(["a".to_owned(), "b".to_owned()].as_slice()));
        assert_eq!(a.of("tomas"), None);
        let other = Assignments::parse(text, "other").expect_err("another event");
        assert!(other.to_string().contains("run `judging assign` again"), "{other}");
        assert!(matches!(Assignments::parse("event = 1", "ev"), Err(AssignmentsError::Syntax(_))));
        // Another event's file is said to be one before what it lacks; what a file lacks, or a
        // line that is no TOML, is said in one line, at its line.
        let lacking = "event = \"other\"\nseed = 1\n[judges]\nmira = [\"a\"]\n";
        let other = Assignments::parse(lacking, "ev").expect_err("another event").to_string();
        assert!(other.contains("assignments for event \"other\", not for this one"), "{other}");
        let lacking = "event = \"ev\"\nseed = 1\n[judges]\nmira = [\"a\"]\n";
        let said = Assignments::parse(lacking, "ev").expect_err("lacks a key").to_string();
        assert!(said.starts_with("it has no `judges_per_entry`: a file `judging assign` writes has"), "{said}");
        assert!(!said.contains('\n') && !said.contains("TOML parse error"), "{said}");
        let broken = "event = \"ev\"\nseed = = 1\n";
        let said = Assignments::parse(broken, "ev").expect_err("no TOML").to_string();
        assert!(said.starts_with("line 2 (`seed = = 1`): ") && !said.contains('\n'), "{said}");
    }

    /// A judge's name in the file passes the test `--judge` and judging.toml's names pass, and
    /// one that does not is refused by its key, shown with what hides in it.
    #[test]
    fn an_assignments_file_names_judges_as_judge_does() {
        let cases: [(&str, Option<&str>); 5] = [
            ("ana", None),
            ("\"Zoë Lin\"", None),
            ("\"ben\\u001b[0m\"", Some("judges.\"ben\\u{1b}[0m\": not a name `--judge` takes: give 1 to 64")),
            ("\"ana\\u200b\"", Some("judges.\"ana\\u{200b}\"")),
            ("\"\"", Some("judges.\"\"")),
        ];
        for (key, want) in cases {
            let text = format!("event = \"ev\"\nseed = 1\njudges_per_entry = 1\n[judges]\n{key} = [\"a\"]\n");
            match (Assignments::parse(&text, "ev"), want) {
                (Ok(_), None) => {}
                (Err(e), Some(want)) => assert!(e.to_string().contains(want), "{key}: wanted {want:?} in {e}"),
                (read, want) => panic!("{key}: {read:?}, wanted {want:?}"),
            }
        }
    }

    /// Two keys for one judge ("mira" and "Mira", "zoë" and " Zoë") are refused, naming both:
    /// the app read the first one's list and dropped the other's without a word.
    #[test]
    fn one_judge_under_two_keys_is_refused() {
        for keys in [["mira", "Mira"], ["\"zoë\"", "\"Zoe\\u0308\""], ["\"ana lee\"", "\"Ana  Lee\""]] {
            let text = format!(
                "event = \"ev\"\nseed = 1\njudges_per_entry = 1\n[judges]\n{} = [\"a\"]\n{} = [\"b\"]\n",
                keys[0], keys[1]
            );
            let e = Assignments::parse(&text, "ev").expect_err("one judge twice").to_string();
            assert!(e.contains("one judge") && e.contains("once"), "{keys:?}: {e}");
        }
        let two = "event = \"ev\"\nseed = 1\njudges_per_entry = 1\n[judges]\nmira = [\"a\"]\nmiro = [\"b\"]\n";
        assert!(Assignments::parse(two, "ev").is_ok());
    }

    #[test]
    fn the_same_seed_gives_the_same_assignment() {
        let entries = field(30);
        let refs: Vec<&Submission> = entries.iter().collect();
        let judges: Vec<Judge> = ["a", "b", "c", "d"].iter().map(|n| judge(n, &[], &[])).collect();
        let one = assign("ev", &refs, &judges, 2, true, 42, &[]);
        assert_eq!(one, assign("ev", &refs, &judges, 2, true, 42, &[]));
        assert_ne!(one.assignments.judges, assign("ev", &refs, &judges, 2, true, 43, &[]).assignments.judges);
    }

    #[test]
    fn loads_that_cannot_be_even_are_explained() {
        let entries = field(20);
        let refs: Vec<&Submission> = entries.iter().collect();
        let judges = vec![judge("a", &[], &[]), judge("b", &[], &[]), judge("c", &["team 0"], &["wood"])];
        let plan = assign("ev", &refs, &judges, 2, true, 3, &[]);
        assert!(plan.short.is_empty());
        let why = plan.uneven.expect("c can take at most the wood entries");
        assert!(why.contains("c may judge 9 entries and has 9"), "{why}");
    }

    #[test]
    fn judges_are_kept_linked_through_shared_entries() {
        // Four judges, two to an entry: the greedy spread can pair them off into islands
        // ({a, b} and {c, d}); a swap joins them without changing anyone's load.
        let judges: Vec<Judge> = ["a", "b", "c", "d"].iter().map(|n| judge(n, &[], &[])).collect();
        for n in [4, 6, 8] {
            let entries = field(n);
            let refs: Vec<&Submission> = entries.iter().collect();
            for seed in 1..=40 {
                let plan = assign("ev", &refs, &judges, 2, false, seed, &[]);
                assert!(plan.groups.is_empty(), "{n} entries, seed {seed}: {:?}", plan.groups);
                let l = loads(&plan);
                assert!(l.iter().max().unwrap_or(&0) - l.iter().min().unwrap_or(&0) <= 1, "{l:?}");
            }
        }
    }

    /// The one test of what bars a judge: a conflict always; another track only where tracks
    /// are kept, and never on a calibration entry.
    #[test]
    fn what_bars_a_judge_from_an_entry() {
        let entries = field(4);
        let (e0, e1) = (&entries[0], &entries[1]);
        assert_eq!((e0.track.as_deref(), e1.track.as_deref()), (Some("backyard"), Some("wood")));
        let kept = judge("a", &[], &["backyard"]);
        let conflicted = judge("b", &["team 1"], &["backyard"]);
        let calibration = [e1.id.clone()];
        let cases = [
            (&kept, e0, Tracks { kept: true, calibration: &[] }, None),
            (&kept, e1, Tracks { kept: true, calibration: &[] }, Some(Bar::Track)),
            (&kept, e1, Tracks { kept: false, calibration: &[] }, None),
            (&kept, e1, Tracks { kept: true, calibration: &calibration }, None),
            (&kept, e1, Tracks::IGNORED, None),
            (&conflicted, e1, Tracks { kept: true, calibration: &calibration }, Some(Bar::Conflict)),
            (&conflicted, e1, Tracks::IGNORED, Some(Bar::Conflict)),
        ];
        for (i, (judge, entry, tracks, bar)) in cases.into_iter().enumerate() {
            assert_eq!(barred(judge, entry, tracks), bar, "case {i}");
        }
    }

    #[test]
    fn tracks_that_wall_judges_off_are_reported_and_a_calibration_set_links_them() {
        let entries = field(12);
        let refs: Vec<&Submission> = entries.iter().collect();
        let judges = vec![
            judge("a", &[], &["backyard"]),
            judge("b", &[], &["backyard"]),
            judge("c", &[], &["wood"]),
            judge("d", &["e03"], &["wood"]),
        ];
        let walled = assign("ev", &refs, &judges, 2, true, 5, &[]);
        assert_eq!(walled.groups, [vec!["a".to_owned(), "b".to_owned()], vec!["c".to_owned(), "d".to_owned()]]);
        let calibration = ["e03".to_owned(), "e04".to_owned()];
        let plan = assign("ev", &refs, &judges, 2, true, 5, &calibration);
        assert!(plan.groups.is_empty(), "{:?}", plan.groups);
        assert_eq!(plan.assignments.calibration, calibration);
        for (name, list) in &plan.assignments.judges {
            // Every judge scores both, across tracks, except d, whose conflict bars e03.
            assert!(list.contains(&"e04".to_owned()), "{name}: {list:?}");
            assert_eq!(list.contains(&"e03".to_owned()), name != "d", "{name}: {list:?}");
        }
        assert!(plan.short.is_empty(), "calibration entries are not short: {:?}", plan.short);
        // One judge per entry links no one.
        let single = assign("ev", &refs, &judges[..2], 1, false, 5, &[]);
        assert_eq!(single.groups.len(), 2);
    }

    /// Trainees practise on a judge's share each, one to an entry, the calibration entries among
    /// them; the same seed draws the same entries, in the order given.
    #[test]
    fn trainees_practise_on_a_judges_share() {
        let all = field(10);
        let entries: Vec<&Submission> = all.iter().collect();
        let calibration = vec!["e07".to_owned()];
        // (trainees, share, how many)
        for (trainees, share, n) in [(1, 4, 4), (2, 4, 8), (3, 4, 10), (1, 20, 10), (0, 4, 0)] {
            let got = practice(&entries, trainees, share, 9, &calibration);
            assert_eq!(got.len(), n, "{trainees} trainees at {share}");
            if n > 0 {
                assert!(got.iter().any(|s| s.id == "e07"), "the calibration entry: {trainees} at {share}");
            }
            assert!(got.windows(2).all(|w| w[0].id < w[1].id), "in the order given");
            let again = practice(&entries, trainees, share, 9, &calibration);
            assert_eq!(got, again, "the same seed, the same entries");
        }
        let other = practice(&entries, 1, 4, 10, &[]);
        let ids = |v: &[&Submission]| v.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_ne!(ids(&practice(&entries, 1, 4, 9, &[])), ids(&other), "another seed, another draw");
    }
}
