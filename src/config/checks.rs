//! Every problem judging.toml can have beyond its syntax, each naming its key, quoting its value
//! and saying what would be valid.

use super::{BUILTIN_EXPORTS, CONTESTED_GAP, Config, ExportConfig, TIE_BREAKS, TieBreak, builtin_export, travel};
use crate::model::Criterion;
use crate::sanitize::in_quotes;

impl Config {
    /// Every problem the file has beyond its syntax, each naming its key and quoting its value.
    pub fn problems(&self) -> Vec<String> {
        self.problems_at(&|_| None)
    }

    /// [`Config::problems`], a second entry a problem names (the judge a finals judge only
    /// looks like) given its line of judging.toml: `line_of`, as [`super::line_of`] finds it.
    pub(super) fn problems_at(&self, line_of: &dyn Fn(&str) -> Option<usize>) -> Vec<String> {
        let mut out = Vec::new();
        let stood = &self.stand_ins;
        if !stood.at("event", None, "id") && !is_slug(&self.event.id) {
            out.push(format!(
                "event.id = {}: use letters, digits, '-', '_' or '.', starting with a letter or digit, such as \"build-small-2026\"",
                in_quotes(&self.event.id)
            ));
        }
        if let Some(repo) = self.sync.repo()
            && let Some(why) = crate::hub::ids::problem(crate::hub::ids::Kind::Dataset, repo)
        {
            out.push(format!(
                "sync.repo = {}: write the dataset repo as ORG/NAME, such as \"my-judges/build-small-scores\" ({why})",
                in_quotes(&crate::net::without_credentials(repo))
            ));
        }
        if !stood.at("event", None, "name") && self.event.name.trim().is_empty() {
            out.push("event.name is empty: give the event's name, such as \"Build Small Hackathon\"".into());
        }
        self.export_problems(&mut out);
        self.rubric_problems(&mut out);
        unique(
            &mut out,
            "tracks",
            self.ids_of("tracks", "id", self.tracks.iter().map(|t| t.id.as_str())),
            str::to_owned,
        );
        for (i, t) in self.tracks.iter().enumerate() {
            if !stood.at("tracks", Some(i), "id") && !is_slug(&t.id) {
                out.push(format!(
                    "tracks[{i}].id = {}: use letters, digits, '-' or '_', such as \"backyard\"",
                    in_quotes(&t.id)
                ));
            }
        }
        // A criterion whose id is a stand-in may be the one a tie-break names.
        for (i, key) in self.merge.tie_breaks.iter().enumerate().filter(|_| !stood.any("criteria", "id")) {
            if let Err(e) = self.tie_break(key) {
                out.push(format!("merge.tie_breaks[{i}] = {}: {e}", in_quotes(key)));
            }
        }
        let mut calibration = std::collections::HashSet::new();
        for id in &self.assign.calibration {
            if !calibration.insert(id.as_str()) {
                out.push(format!("assign.calibration names {} twice: list each entry once", in_quotes(id)));
            }
        }
        // A total is a weighted mean on a scale of at most 100 points: a wider gap flags nothing,
        // and 1.8e308 had been printed as 309 digits in every merge's legend.
        if !(self.merge.contested_gap > 0.0 && self.merge.contested_gap <= WIDEST_GAP) {
            out.push(format!(
                "merge.contested_gap = {}: give the points judges must be apart beyond their habits to make an entry contested, more than 0 and at most {WIDEST_GAP} (the widest scale), such as {CONTESTED_GAP}",
                crate::format::refused_number(self.merge.contested_gap)
            ));
        }
        if self.assign.judges_per_entry == 0 {
            out.push("assign.judges_per_entry = 0: use 1 or more, such as 3".into());
        }
        if self.assign.file.trim().is_empty() {
            out.push("assign.file is empty: name the assignments file, such as \"assignments.toml\"".into());
        }
        if !(1..=MOST_MIN_JUDGES).contains(&self.merge.min_judges) {
            out.push(format!(
                "merge.min_judges = {}: use 1 to {MOST_MIN_JUDGES} judges an entry, such as 2",
                self.merge.min_judges
            ));
        }
        self.prize_problems(&mut out);
        self.finals_problems(line_of, &mut out);
        travel::problems(self, &mut out);
        self.judge_problems(&mut out);
        out
    }

    /// [[judges]]'s problems: names written twice or unusable, keys that are no secret, tracks
    /// that are none; nothing that rests on a stand-in name ([`super::parse::StandIns`]).
    fn judge_problems(&self, out: &mut Vec<String>) {
        let stood = &self.stand_ins;
        unique(
            out,
            "judges",
            self.ids_of("judges", "name", self.judges.iter().map(|j| j.name.as_str())),
            crate::model::name_key,
        );
        for (i, j) in self.judges.iter().enumerate() {
            let named = !stood.at("judges", Some(i), "name");
            if named && j.name.trim().is_empty() {
                out.push(format!("judges[{i}].name is empty: give the judge's name"));
            } else if named && !crate::paths::usable_judge(&j.name) {
                // `--judge` would refuse the name: this judge could never export or sign, and
                // a hidden character lets the name pass for another judge's.
                out.push(format!(
                    "judges[{i}].name = {}: not a name `--judge` takes: give {}, such as \"ada\"",
                    in_quotes(&j.name),
                    crate::paths::USABLE_JUDGE
                ));
            }
            if j.key.as_ref().is_some_and(|k| k.chars().count() < 16) {
                out.push(format!("judges[{i}].key is too short to be a secret: use 16 characters or more"));
            }
            // A public key pasted as `key`, the earlier builds' shared secret: what `judging key`
            // prints is public, so anyone could sign with it as this judge (an HMAC keyed with it
            // verified, and `check` had said ok).
            if j.key.as_deref().is_some_and(|k| self.is_a_public_key(k)) {
                out.push(format!(
                    "judges[{i}].key holds a public key (what `judging key` prints), not a secret: anyone could sign as {} with it. Give it as public_key (the same value, ed25519: and all) and remove key",
                    if named { in_quotes(&j.name) } else { "this judge".to_owned() }
                ));
            }
            for t in j.tracks.iter().filter(|_| !stood.any("tracks", "id")) {
                if self.tracks.iter().all(|known| &known.id != t) {
                    out.push(format!("judges[{i}].tracks: {} is not a track; {}", in_quotes(t), self.the_tracks()));
                }
            }
        }
        self.shared_keys(out);
    }

    /// The ids (`key`) of the rows of `section`, `None` for a stand-in: for [`unique`].
    pub(super) fn ids_of<'a>(
        &'a self,
        section: &'a str,
        key: &'a str,
        ids: impl Iterator<Item = &'a str> + 'a,
    ) -> impl Iterator<Item = Option<&'a str>> + 'a {
        ids.enumerate().map(move |(i, id)| (!self.stand_ins.at(section, Some(i), key)).then_some(id))
    }

    /// A row as the checks across sections name it: `prizes[0] ("p")`, by its id; `prizes[0]`
    /// where its id is a stand-in, which is not the file's.
    pub(super) fn row_named(&self, section: &str, i: usize, id: &str) -> String {
        if self.stand_ins.at(section, Some(i), "id") {
            format!("{section}[{i}]")
        } else {
            format!("{section}[{i}] ({})", in_quotes(id))
        }
    }

    /// The tracks a key naming one may name, as a problem with it ends: "the tracks are
    /// backyard, wood", or, where the event has none, that it has none and how to declare one
    /// (an empty list had followed "known tracks: ").
    pub(super) fn the_tracks(&self) -> String {
        if self.tracks.is_empty() {
            "this event has no tracks: declare each in judging.toml as [[tracks]] with its id and name, such as id = \"backyard\" and name = \"Backyard AI\"".to_owned()
        } else {
            format!("the tracks are {}", self.track_ids())
        }
    }

    /// What a tie-break key means: a criterion of the rubric, or one of [`TIE_BREAKS`].
    pub fn tie_break(&self, key: &str) -> Result<TieBreak, String> {
        match key {
            "judges" => Ok(TieBreak::Judges),
            "agreement" => Ok(TieBreak::Agreement),
            criterion => {
                self.criteria.iter().position(|c| c.id == criterion).map(TieBreak::Criterion).ok_or_else(|| {
                    let known: Vec<&str> = self.criteria.iter().map(|c| c.id.as_str()).chain(TIE_BREAKS).collect();
                    format!("not a tie-break; use one of {}", known.join(", "))
                })
            }
        }
    }

    fn export_problems(&self, out: &mut Vec<String>) {
        let e = &self.export;
        if e.source.trim().is_empty() {
            out.push("export.source is empty: give a file path, an http(s) URL or \"builtin:sample\"".into());
        } else if e.source.starts_with("builtin:") && builtin_export(&e.source).is_none() {
            out.push(format!(
                "export.source = {}: no such built-in export; there are {}",
                in_quotes(&e.source),
                BUILTIN_EXPORTS.iter().map(|(n, _)| format!("{n:?}")).collect::<Vec<_>>().join(", ")
            ));
        }
        if e.delimiter.chars().count() != 1 || !e.delimiter.is_ascii() || e.delimiter == "\"" {
            out.push(format!(
                "export.delimiter = {}: use one ASCII character other than a quote, such as \",\", \";\" or \"\\t\"",
                in_quotes(&e.delimiter)
            ));
        }
        // Both bounded above too: a shared file's 2^63 - 1 had overflowed the readers' limits
        // (a MiB times max_mb, a field's bytes plus one), a panic instead of a message.
        if !(100..=MOST_FIELD_CHARS).contains(&e.max_field_chars) {
            out.push(format!(
                "export.max_field_chars = {}: use a number of characters from 100 to {MOST_FIELD_CHARS}, such as {}",
                e.max_field_chars,
                ExportConfig::default().max_field_chars
            ));
        }
        if !(1..=MOST_EXPORT_MB).contains(&e.max_mb) {
            out.push(format!(
                "export.max_mb = {}: use a number of MiB from 1 to {MOST_EXPORT_MB}, such as {}",
                e.max_mb,
                ExportConfig::default().max_mb
            ));
        }
        // A day at most: the network code adds its retries' waits to it, and a shared file's
        // 2^63 - 1 overflowed the pull's deadline (a panic).
        if !(1..=LONGEST_TIMEOUT).contains(&e.timeout_secs) {
            out.push(format!(
                "export.timeout_secs = {}: use a number of seconds from 1 to {LONGEST_TIMEOUT}, such as {}",
                e.timeout_secs,
                ExportConfig::default().timeout_secs
            ));
        }
    }

    fn rubric_problems(&self, out: &mut Vec<String>) {
        if self.criteria.is_empty() {
            out.push("criteria is empty: the rubric needs at least one [[criteria]]".into());
        }
        let stood = &self.stand_ins;
        unique(
            out,
            "criteria",
            self.ids_of("criteria", "id", self.criteria.iter().map(|c| c.id.as_str())),
            str::to_owned,
        );
        for (i, c) in self.criteria.iter().enumerate() {
            let key = self.row_named("criteria", i, &c.id);
            let given = |k: &str| !stood.at("criteria", Some(i), k);
            if given("id") && !is_slug(&c.id) {
                out.push(format!("{key}.id: use letters, digits, '-' or '_', such as \"utility\""));
            }
            if given("label") && c.label.trim().is_empty() {
                out.push(format!("{key}.label is empty: give the name judges see, such as \"Utility\""));
            }
            // Far above any rubric's weights, far below where totals overflow into NaN.
            if given("weight") && !(c.weight.is_finite() && c.weight > 0.0 && c.weight <= 1_000_000.0) {
                // As written in the file's own terms: 1e308 had come back as a 309-digit number.
                let given = crate::format::refused_number(c.weight);
                out.push(format!("{key}.weight = {given}: use a number above 0 and at most 1000000, such as 1.0"));
            }
            for (l, level) in c.levels.iter().enumerate() {
                if let Some([from, to]) =
                    level.seconds.filter(|[from, to]| *from < 0.0 || from > to || from.is_nan() || to.is_nan())
                {
                    out.push(format!(
                        "{key}.levels[{l}].seconds = [{from}, {to}]: write [from, to] with 0 <= from <= to, such as [1, 5] (inf for no upper end)"
                    ));
                }
            }
            let tracked = !stood.any("tracks", "id");
            for t in c.tracks.iter().filter(|t| tracked && self.tracks.iter().all(|k| k.id != **t)) {
                out.push(format!("{key}.tracks: {} is not a track; {}", in_quotes(t), self.the_tracks()));
            }
            if given("scale") {
                level_problems(c, &key, out);
            }
        }
    }

    /// Whether `key` is a public key: one that starts as `judging key` prints them, or that is a
    /// listed judge's `public_key` (with or without its prefix).
    fn is_a_public_key(&self, key: &str) -> bool {
        let prefix = crate::signing::PUBLIC_PREFIX;
        let key_bare = bare_key(key);
        key.trim().get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            || self.judges.iter().filter_map(|j| j.public_key.as_deref()).any(|p| bare_key(p) == key_bare)
    }

    /// Two [[judges]] given one key (public or secret): a file signed with it passes as either
    /// judge's, so one judge's marks could count twice under two names. Each later one is named
    /// with the first that has it.
    fn shared_keys(&self, out: &mut Vec<String>) {
        for (field, key_of) in [
            ("public_key", (|j: &super::Judge| j.public_key.as_deref()) as fn(&super::Judge) -> Option<&str>),
            ("key", |j: &super::Judge| j.key.as_deref()),
        ] {
            let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            for (i, j) in self.judges.iter().enumerate() {
                let Some(key) = key_of(j).map(bare_key).filter(|k| !k.is_empty()) else { continue };
                let &mut had = first.entry(key).or_insert(i);
                if had != i {
                    out.push(format!(
                        "judges[{i}].{field} is the same as judges[{had}]'s ({} and {}): a file signed with it passes as either judge's, so one judge's marks could count twice under two names; give each judge their own key (`judging key --judge NAME` prints it)",
                        in_quotes(&j.name),
                        in_quotes(&self.judges[had].name)
                    ));
                }
            }
        }
    }

    /// What `judging check` warns of two [[judges]] whose names only look alike ("anna" and
    /// "\u{430}nna", its а Cyrillic; fullwidth letters): two judges to every command, as names
    /// compare ([`crate::model::same_name`]), yet one on every screen, so a score file or an
    /// assignment meant for one is taken for the other's unseen. Each such name is named at its
    /// key, spelled out, with the first it looks like and that one's line (`line_of`: judging.toml's
    /// line of a key, [`super::line_of`]). Names the same but for case or spaces are one judge,
    /// refused as written twice ([`Config::problems`]).
    pub fn look_alike_judges(&self, line_of: &dyn Fn(&str) -> Option<usize>) -> Vec<String> {
        let first_of = self.judges_by_look();
        let mut out = Vec::new();
        for (i, judge) in self.judges.iter().enumerate() {
            if let Some(like) =
                self.judge_it_looks_like(&first_of, &judge.name, line_of).filter(|(first, _)| *first < i)
            {
                out.push(format!(
                    "judges[{i}].name = {} only looks like {}: two judges to judging, one to a reader, so a score file or an assignment meant for one can pass for the other's; rename one, or remove the duplicate entry if they are one judge",
                    crate::sanitize::spelled(&judge.name),
                    like.1,
                ));
            }
        }
        out
    }

    /// What `judging check` warns of each listed judge with no key where signatures are
    /// required (`merge.require_signatures`, or another judge has a key): every file of theirs
    /// will be refused by the merge, which `check` had passed as "Ready.".
    pub fn keyless_judges(&self) -> Vec<String> {
        if !self.signatures_required() {
            return Vec::new();
        }
        let keyed = self.judges.iter().filter(|j| j.key.is_some() || j.public_key.is_some()).count();
        let why = if keyed > 0 {
            format!("{} of the {} judges listed have one", keyed, self.judges.len())
        } else {
            "merge.require_signatures = true".to_owned()
        };
        self.judges
            .iter()
            .enumerate()
            .filter(|(_, j)| j.key.is_none() && j.public_key.is_none())
            .map(|(i, j)| {
                format!(
                    "judges[{i}].name = {} has no public_key, and signatures are required ({why}): the merge will refuse every file of theirs; add the public_key `{}` prints on their machine",
                    in_quotes(&j.name),
                    crate::paste::CommandLine::new(&["key"]).opt("--judge", &j.name)
                )
            })
            .collect()
    }

    /// Each look of a judge's name ([`crate::model::skeleton`]), with the first of [[judges]]
    /// that has it.
    pub(super) fn judges_by_look(&self) -> std::collections::HashMap<String, usize> {
        let mut first_of = std::collections::HashMap::new();
        for (i, judge) in self.judges.iter().enumerate() {
            first_of.entry(crate::model::skeleton(&judge.name)).or_insert(i);
        }
        first_of
    }

    /// The look-alike rule, declared once: the first judge of [[judges]] whose name `name` only
    /// looks like (its look, yet another judge by name), with that judge said by key, spelled
    /// out, and line: `judges[0].name = "anna" (line 2)`. Of two [[judges]] (warned) and of a
    /// finals judge (refused: no judge of [[judges]]).
    pub(super) fn judge_it_looks_like(
        &self,
        first_of: &std::collections::HashMap<String, usize>,
        name: &str,
        line_of: &dyn Fn(&str) -> Option<usize>,
    ) -> Option<(usize, String)> {
        let &first = first_of.get(&crate::model::skeleton(name))?;
        let first_name = &self.judges.get(first)?.name;
        if crate::model::same_name(first_name, name) {
            return None;
        }
        let key = format!("judges[{first}].name");
        let at = line_of(&key).map_or_else(String::new, |line| format!(" (line {line})"));
        Some((first, format!("{key} = {}{at}", crate::sanitize::spelled(first_name))))
    }

    /// What `judging check` notes of the tracks no criterion judges: their entries cannot be
    /// scored, which an event means for a track that wins by votes or likes alone, and a typo
    /// in a criterion's `tracks` does not. A note, not a problem: the file stays usable.
    pub fn unjudged_tracks(&self) -> Vec<String> {
        if self.criteria.is_empty() {
            return Vec::new();
        }
        self.tracks
            .iter()
            .enumerate()
            .filter(|(_, t)| self.rubric(Some(&t.id)).is_empty())
            .map(|(i, t)| {
                format!(
                    "tracks[{i}] ({id}): no criterion judges this track (each [[criteria]] names other tracks), so its entries cannot be scored; unless it wins by votes or likes alone, add {id} to a criterion's tracks, or leave one criterion's tracks out",
                    id = in_quotes(&t.id)
                )
            })
            .collect()
    }
}

/// A criterion's levels: none; one per value; or, each with `scores`, ranges that cover the
/// scale from its lowest value to its highest, in order, without a gap or an overlap.
fn level_problems(c: &Criterion, key: &str, out: &mut Vec<String>) {
    let (low, high) = (c.scale.low, c.scale.high);
    let ranged = c.levels.iter().filter(|l| l.scores.is_some()).count();
    if c.levels.is_empty() {
        return;
    }
    if ranged == 0 {
        if c.levels.len() != c.scale.levels() {
            out.push(format!(
                "{key}.levels has {}, but scale [{low}, {high}] has {}: give one line per level, lowest first (on a long scale, give each line the values it covers: scores = [from, to]; or leave levels out)",
                crate::format::count(c.levels.len(), "line", "lines"),
                crate::format::count(c.scale.levels(), "level", "levels")
            ));
        }
        return;
    }
    if ranged < c.levels.len() {
        out.push(format!("{key}.levels: give every level its scores = [from, to], or none of them"));
        return;
    }
    let mut next = i64::from(low);
    for (l, level) in c.levels.iter().enumerate() {
        let [from, to] = level.scores.unwrap_or([0, 0]);
        if i64::from(from) != next || to < from || to > high {
            out.push(format!(
                "{key}.levels[{l}].scores = [{from}, {to}]: the levels' scores must cover [{low}, {high}] in order, each starting where the last ended (this one should start at {next}), lowest first"
            ));
            return;
        }
        next = i64::from(to) + 1;
    }
    if next != i64::from(high) + 1 {
        out.push(format!("{key}.levels: their scores end at {}, and the scale goes to {high}: cover it all", next - 1));
    }
}

/// Each of `ids` once, as `key` compares them: ids as written, judges' names as names. `None`
/// for a stand-in ([`Config::ids_of`]), which is compared with none.
pub(super) fn unique<'a>(
    out: &mut Vec<String>,
    what: &str,
    ids: impl Iterator<Item = Option<&'a str>>,
    key: fn(&str) -> String,
) {
    let mut seen = std::collections::HashSet::new();
    for (i, id) in ids.enumerate() {
        let Some(id) = id else { continue };
        if !seen.insert(key(id)) {
            out.push(format!("{what}[{i}]: {} appears twice; each must be unique", in_quotes(id)));
        }
    }
}

/// A key as written, without the spaces around it and the `ed25519:` a public key starts with:
/// the same key however it was pasted.
fn bare_key(k: &str) -> String {
    let prefix = crate::signing::PUBLIC_PREFIX;
    let k = k.trim();
    k.get(..prefix.len()).filter(|p| p.eq_ignore_ascii_case(prefix)).map_or(k, |_| &k[prefix.len()..]).to_owned()
}

/// The longest wait for an answer judging.toml may ask for: a day.
const LONGEST_TIMEOUT: u64 = 86_400;

/// The largest export judging.toml may allow, in MiB (16 GiB): read whole into memory, so far
/// past any event's (10,000 entries are a few MiB), and far below an overflow of the bytes.
const MOST_EXPORT_MB: u64 = 16 * 1024;

/// The longest field judging.toml may allow, in characters (16 Mi): a field's bytes, eight a
/// character, stay far below an overflow.
const MOST_FIELD_CHARS: usize = 16 * 1024 * 1024;

/// The most judges an entry may need before it is thin: past any panel (peer grading's 305
/// graders gave 1 to 3 marks each).
const MOST_MIN_JUDGES: usize = 1000;

/// The widest gap between totals: a total is a weighted mean, and no scale is wider than 100.
const WIDEST_GAP: f64 = 100.0;

/// An id safe in file names and commands.
pub fn is_slug(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    /// A wait the network code can count: a shared judging.toml's timeout_secs of 2^63 - 1
    /// overflowed the pull's deadline, an internal error (a panic) instead of a message.
    #[test]
    fn a_timeout_is_one_a_clock_can_count() {
        for (secs, refused) in [(0, true), (30, false), (86_400, false), (86_401, true), (i64::MAX as u64, true)] {
            let text = format!("[export]\ntimeout_secs = {secs}\n");
            let problems = super::super::parse(&text).err().map(|e| e.to_string()).unwrap_or_default();
            assert_eq!(problems.contains(&format!("export.timeout_secs = {secs}:")), refused, "{secs}: {problems}");
            if refused {
                assert!(problems.contains("from 1 to 86400"), "{problems}");
            }
        }
    }
}
