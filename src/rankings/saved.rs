//! The saved merge: what `judging merge --format json` writes and `judging results` reads back.
//! A versioned type of its own, converted to and from the domain's [`Rankings`], so the merge can
//! change what it works out without changing the file (and yesterday's files still read).
//!
//! From version 4 the file carries a digest, as a judge's score file does ([`crate::signing`]):
//! `"digest": "sha256:…"`, the third line, is the SHA-256 of every byte after that line as
//! `judging merge` wrote them, so an edit made since (a score changed by hand, two places
//! swapped, an entry moved up) shows, and `judging results` refuses the file. A version 4 file
//! without its digest had it taken out, and is refused too. Files of versions 1 to 3 were written
//! before there was a digest: they still read, and [`SavedRankings::digest`] is `None` for them,
//! which the results warn of (they cannot be checked).

use serde::{Deserialize, Serialize};

use super::{
    Alpha, Concordance, Conflicted, Disagreement, Ineligible, JudgeLine, Majority, PairAgreement, PlaceChange, Ranked,
    Rankings, Sheets, TraineeLine,
};

/// What a saved merge says it is.
pub const RANKINGS_FORMAT: &str = "judging-rankings";
/// Version 2 names an entry's gap (highest less lowest total) where version 1 had a spread;
/// version 3 gives an entry with one judge no gap (`null`), where earlier versions wrote 0;
/// version 4 carries a digest of the rest of the file (the module's head says how).
pub const RANKINGS_VERSION: u32 = 4;
/// The first version whose files carry a digest.
const DIGESTED_FROM: u32 = 4;

/// A saved merge, as the file has it. Everything but the rankings may be missing from an older
/// file: they are figures the results can do without.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedRankings {
    pub format: String,
    pub version: u32,
    /// The file's digest (`sha256:` and hex), checked as read: `None` for a file saved before
    /// version 4, which cannot be checked. Written by [`SavedRankings::write`], never serialized.
    #[serde(default, skip_serializing)]
    pub digest: Option<String>,
    pub event: String,
    pub method: String,
    pub criteria: Vec<String>,
    /// The rubric's fingerprint as judging.toml had it ([`crate::scorefile::rubric_fingerprint`]:
    /// its criteria's scales, weights and tracks), set by `judging merge`; empty in a file saved
    /// before it was written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rubric: String,
    #[serde(default)]
    pub tie_breaks: Vec<String>,
    #[serde(default)]
    pub scale_low: i64,
    #[serde(default = "default_min_judges")]
    pub min_judges: usize,
    #[serde(default = "default_contested_gap")]
    pub contested_gap: f64,
    #[serde(default)]
    pub concordance: Vec<Concordance>,
    #[serde(default)]
    pub pairwise: Option<PairAgreement>,
    #[serde(default)]
    pub alpha: Option<Alpha>,
    #[serde(default)]
    pub unscored: Vec<String>,
    #[serde(default)]
    pub unscored_titles: Vec<String>,
    #[serde(default)]
    pub not_ranked: Vec<super::NotRanked>,
    #[serde(default)]
    pub conflicts: Vec<Conflicted>,
    #[serde(default)]
    pub ineligible: Vec<Ineligible>,
    pub rankings: Vec<(String, Vec<Ranked>)>,
    /// Each ranking's track's name where it is not its id; absent from a merge saved before.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub track_names: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub paid: std::collections::BTreeMap<String, usize>,
    #[serde(default)]
    pub rubrics: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub majorities: Vec<Majority>,
    #[serde(default)]
    pub judge_groups: Vec<Vec<String>>,
    #[serde(default)]
    pub judges: Vec<JudgeLine>,
    #[serde(default)]
    pub disagreements: Vec<Disagreement>,
    #[serde(default)]
    pub warnings: Vec<String>,
    #[serde(default)]
    pub revisions_differ: Vec<(String, Vec<(String, String)>)>,
    #[serde(default)]
    pub changed_after_deadline: Vec<(String, String)>,
    /// Each paid place that changes hands without one judge; absent where it was not tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robustness: Option<Vec<PlaceChange>>,
    #[serde(default)]
    pub left_out: Vec<String>,
    #[serde(default)]
    pub trainees: Vec<TraineeLine>,
    #[serde(default)]
    pub drift: crate::config::DriftPolicy,
    /// The finals rounds that decided paid places (a merge saved before them has none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finals: Vec<crate::finals::Standing>,
    /// Each thin entry's id and the judges it rests on ([`Rankings::thin_by`]), so that the
    /// results name them as they do from the files; absent from a merge saved before, whose
    /// results say "one judge's marks" without the name.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub thin_by: std::collections::BTreeMap<String, Vec<String>>,
    /// Each entry whose judges mark well above their co-judges, and those judges
    /// ([`Rankings::lenient_by`]; their leniency is in `judges`), so that the results check a
    /// place resting on lenient marks as they do from the files. Absent (`None`) from a merge
    /// saved before, whose results say they cannot check it; empty under a method that takes
    /// leniency out, or where no entry's judges are so lenient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lenient_by: Option<std::collections::BTreeMap<String, Vec<String>>>,
}

fn default_min_judges() -> usize {
    crate::config::MergeConfig::default().min_judges
}

fn default_contested_gap() -> f64 {
    crate::config::CONTESTED_GAP
}

/// Why a saved merge cannot be read back.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SavedError {
    #[error("a saved merge, but not one this judging reads: {0}")]
    Json(String),
    #[error("saved merge version {0}; this judging reads versions 1 to {RANKINGS_VERSION}: upgrade judging")]
    Version(u32),
    #[error("not a saved merge (its format is {0:?})")]
    Format(String),
    #[error(
        "changed after `judging merge` wrote it ({0}), so its places and scores cannot be trusted: merge again from the judges' score files (`judging merge SCORE-FILES --format json -o FILE`) and give that file to `judging results`"
    )]
    Changed(&'static str),
}

/// How a saved merge opens, up to its version's number: the lines its digest does not cover.
fn opening() -> String {
    format!("{{\n  \"format\": \"{RANKINGS_FORMAT}\",\n  \"version\": ")
}

/// A file whose digest is not where `judging merge` writes it.
const REWRITTEN: &str = "it was rewritten, re-indented or reordered, and its digest is no longer in its third line";

/// The digest's line, up to its hex.
const DIGEST_LINE: &str = "  \"digest\": \"";

/// A file as [`SavedRankings::write`] writes it: its digest (hex) and the bytes it covers.
/// `None` for a file without a digest in its third line (an earlier version's, or one rewritten).
fn split(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let rest = bytes.strip_prefix(opening().as_bytes())?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = rest.get(digits..)?.strip_prefix(b",\n")?.strip_prefix(DIGEST_LINE.as_bytes())?;
    let rest = rest.strip_prefix(crate::signing::DIGEST_PREFIX.as_bytes())?;
    let (hex, covered) = (rest.get(..64)?, rest.get(64..)?.strip_prefix(b"\",\n")?);
    Some((std::str::from_utf8(hex).ok()?, covered))
}

impl SavedRankings {
    /// A saved merge's bytes, checked for its format, version and digest. Its digest is checked
    /// first, on the bytes as written: an edit that broke the JSON as well is said as an edit.
    pub fn read(bytes: &[u8]) -> Result<SavedRankings, SavedError> {
        // The byte order mark an editor (Notepad) puts first is no part of the file's content: it
        // had been read as "not one this judging reads: expected value at line 1 column 1".
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let split = split(bytes);
        if let Some((hex, covered)) = split
            && crate::signing::digest_hex(covered) != hex
        {
            // A file that stops before its JSON ends was cut short (a copy or a download that
            // stopped), not edited: said as that, as a judge's score file cut short is.
            let cut = serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err_and(|e| e.is_eof());
            return Err(SavedError::Changed(if cut {
                "it stops before its end: it was not written or copied whole"
            } else {
                "its content no longer matches its digest"
            }));
        }
        let saved: SavedRankings =
            serde_json::from_slice(bytes).map_err(|e| SavedError::Json(crate::plain::plain(&e.to_string())))?;
        if saved.format != RANKINGS_FORMAT {
            return Err(SavedError::Format(crate::sanitize::clean_line(&saved.format)));
        }
        if !(1..=RANKINGS_VERSION).contains(&saved.version) {
            return Err(SavedError::Version(saved.version));
        }
        match (&saved.digest, split) {
            // An earlier version's file, written before there was a digest: read, unchecked.
            (None, _) if saved.version < DIGESTED_FROM => Ok(saved),
            (None, _) => Err(SavedError::Changed("its digest was taken out")),
            // Its digest moved from the third line: the file was rewritten (re-indented, its keys
            // reordered), which `judging merge` never does.
            (Some(_), None) => Err(SavedError::Changed(REWRITTEN)),
            (Some(said), Some((hex, _))) if said.strip_prefix(crate::signing::DIGEST_PREFIX) == Some(hex) => Ok(saved),
            (Some(_), Some(_)) => Err(SavedError::Changed(REWRITTEN)),
        }
    }

    /// The file `judging merge --format json` writes: pretty JSON, its digest in its third line
    /// (see the module's head), ending in a newline.
    pub fn write(&self) -> serde_json::Result<String> {
        use serde::ser::Error;
        let text = crate::report::json::pretty(self)? + "\n";
        let opening = format!("{}{},\n", opening(), self.version);
        let covered = text
            .strip_prefix(&opening)
            .filter(|_| self.format == RANKINGS_FORMAT)
            .ok_or_else(|| serde_json::Error::custom("a saved merge opens with its format and version"))?;
        let digest = crate::signing::digest_hex(covered.as_bytes());
        Ok(format!("{opening}{DIGEST_LINE}{}{digest}\",\n{covered}", crate::signing::DIGEST_PREFIX))
    }
}

impl From<&Rankings> for SavedRankings {
    fn from(r: &Rankings) -> SavedRankings {
        SavedRankings {
            format: RANKINGS_FORMAT.to_owned(),
            version: RANKINGS_VERSION,
            digest: None,
            event: r.event.clone(),
            method: r.method.clone(),
            criteria: r.criteria.clone(),
            rubric: String::new(),
            tie_breaks: r.tie_breaks.clone(),
            scale_low: r.scale_low,
            min_judges: r.min_judges,
            contested_gap: r.contested_gap,
            concordance: r.concordance.clone(),
            pairwise: r.pairwise.clone(),
            alpha: r.alpha,
            unscored: r.unscored.clone(),
            unscored_titles: r.unscored_titles.clone(),
            not_ranked: r.not_ranked.clone(),
            conflicts: r.conflicts.clone(),
            ineligible: r.ineligible.clone(),
            rankings: r.rankings.clone(),
            track_names: r.track_names.clone(),
            paid: r.paid.clone(),
            rubrics: r.rubrics.clone(),
            majorities: r.majorities.clone(),
            judge_groups: r.judge_groups.clone(),
            judges: r.judges.clone(),
            disagreements: r.disagreements.clone(),
            warnings: r.warnings.clone(),
            revisions_differ: r.revisions_differ.clone(),
            changed_after_deadline: r.changed_after_deadline.clone(),
            robustness: r.robustness.clone(),
            left_out: r.left_out.clone(),
            trainees: r.trainees.clone(),
            drift: r.drift,
            finals: r.finals.clone(),
            thin_by: r.thin_by(),
            lenient_by: r.lenient_by(),
        }
    }
}

impl From<SavedRankings> for Rankings {
    /// The merge as it was saved; the files it read are not in it, so every judge's view of an
    /// entry is empty.
    fn from(mut s: SavedRankings) -> Rankings {
        // Before version 3 one judge's entry had a gap of 0, which is no gap.
        if s.version < 3 {
            s.rankings.iter_mut().flat_map(|(_, r)| r).filter(|e| e.judges < 2).for_each(|e| e.gap = None);
        }
        Rankings {
            event: s.event,
            method: s.method,
            criteria: s.criteria,
            tie_breaks: s.tie_breaks,
            scale_low: s.scale_low,
            min_judges: s.min_judges,
            contested_gap: s.contested_gap,
            concordance: s.concordance,
            pairwise: s.pairwise,
            alpha: s.alpha,
            unscored: s.unscored,
            unscored_titles: s.unscored_titles,
            not_ranked: s.not_ranked,
            conflicts: s.conflicts,
            ineligible: s.ineligible,
            rankings: s.rankings,
            track_names: s.track_names,
            paid: s.paid,
            rubrics: s.rubrics,
            majorities: s.majorities,
            judge_groups: s.judge_groups,
            judges: s.judges,
            disagreements: s.disagreements,
            warnings: s.warnings,
            revisions_differ: s.revisions_differ,
            changed_after_deadline: s.changed_after_deadline,
            robustness: s.robustness,
            without_each: None,
            chance_draws: Vec::new(),
            compared: Vec::new(),
            left_out: s.left_out,
            trainees: s.trainees,
            drift: s.drift,
            finals: s.finals,
            sheets: Sheets::default(),
            thin_judges: s.thin_by,
            lenient_judges: s.lenient_by,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_file_reads_and_a_newer_one_is_refused() {
        let v1 = r#"{"format":"judging-rankings","version":1,"event":"e","method":"mean","criteria":["u"],
            "rankings":[["overall",[{"place":1,"id":"a","title":"A","score":4.0,"by_criterion":[4.0],"judges":2,"spread":1.0}]]]}"#;
        let saved = SavedRankings::read(v1.as_bytes()).expect("version 1 reads");
        let rankings = Rankings::from(saved.clone());
        assert_eq!(rankings.rankings[0].1[0].gap, Some(1.0), "a spread is a gap");
        let one = v1.replace("\"judges\":2", "\"judges\":1").replace("\"spread\":1.0", "\"spread\":0.0");
        let one = Rankings::from(SavedRankings::read(one.as_bytes()).expect("reads"));
        assert_eq!(one.rankings[0].1[0].gap, None, "one judge's 0 of an earlier version is no gap");
        assert_eq!(rankings.min_judges, default_min_judges());
        assert_eq!(SavedRankings::from(&rankings).version, RANKINGS_VERSION, "saved anew as the current version");
        let v9 = v1.replace("\"version\":1", "\"version\":9");
        assert_eq!(SavedRankings::read(v9.as_bytes()), Err(SavedError::Version(9)));
        let other = v1.replace("judging-rankings", "something");
        assert!(matches!(SavedRankings::read(other.as_bytes()), Err(SavedError::Format(_))));
    }

    /// A merge as `judging merge` writes it reads back whole, its digest checked; any edit to it
    /// since (a score, a place, its digest taken out, the file re-indented) is refused as a change.
    #[test]
    fn a_saved_merge_carries_a_digest_that_shows_any_edit() {
        let v3 = r#"{"format":"judging-rankings","version":3,"event":"e","method":"mean","criteria":["u"],
            "rankings":[["overall",[{"place":1,"id":"a","title":"A","score":4.0,"by_criterion":[4.0],"judges":2,"gap":1.0},
            {"place":2,"id":"b","title":"B","score":3.0,"by_criterion":[3.0],"judges":2,"gap":1.0}]]]}"#;
        let yesterday = SavedRankings::read(v3.as_bytes()).expect("a file without a digest still reads");
        assert_eq!(yesterday.digest, None, "and says it was not checked");
        let mut today = SavedRankings::from(&Rankings::from(yesterday));
        today.rubric = "sha256:0123".into();
        let text = today.write().expect("writes");
        assert!(
            text.starts_with("{\n  \"format\": \"judging-rankings\",\n  \"version\": 4,\n  \"digest\": \"sha256:"),
            "{text}"
        );
        assert!(text.ends_with("}\n"));
        let changed = |edited: &str| match SavedRankings::read(edited.as_bytes()) {
            Err(SavedError::Changed(why)) => why,
            other => panic!("{other:?} for {edited}"),
        };
        let back = SavedRankings::read(text.as_bytes()).expect("reads back");
        // Cut short (a copy that stopped), not edited.
        let cut = SavedRankings::read(&text.as_bytes()[..text.len() / 2]).expect_err("cut short").to_string();
        assert!(cut.contains("(it stops before its end: it was not written or copied whole)"), "{cut}");
        // A byte order mark an editor put first changes nothing of it.
        let marked = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(SavedRankings::read(&marked).expect("reads past a byte order mark"), back);
        let covered = text.splitn(5, '\n').nth(4).expect("lines after the digest");
        let digest = format!("sha256:{}", crate::signing::digest_hex(covered.as_bytes()));
        assert_eq!(back.digest.as_deref(), Some(digest.as_str()), "the digest covers every line after its own");
        assert_eq!(back.rankings[0].1[1].id, "b");
        assert_eq!(back.rubric, "sha256:0123");
        assert_eq!(SavedRankings { digest: None, ..back.clone() }, today, "read back whole");
        assert_eq!(today.write().expect("writes"), text, "the same merge writes the same file");
        assert_eq!(
            changed(&text.replacen("sha256:0123", "sha256:4567", 1)),
            "its content no longer matches its digest"
        );
        assert_ne!(text.replacen("\"score\": 3.0", "\"score\": 5.0", 1), text);
        assert_eq!(
            changed(&text.replacen("\"score\": 3.0", "\"score\": 5.0", 1)),
            "its content no longer matches its digest"
        );
        let swapped = text.replacen("\"place\": 2", "\"place\": 0", 1).replacen("\"place\": 1", "\"place\": 2", 1);
        assert_eq!(
            changed(&swapped.replacen("\"place\": 0", "\"place\": 1", 1)),
            "its content no longer matches its digest"
        );
        // An edit that broke the JSON too is said as an edit, not as a file of another kind.
        assert_eq!(
            changed(&text.replacen("\"score\": 3.0,", "\"score\": ", 1)),
            "its content no longer matches its digest"
        );
        let without: String = text.lines().filter(|l| !l.contains("\"digest\"")).map(|l| format!("{l}\n")).collect();
        assert_eq!(changed(&without), "its digest was taken out");
        assert_eq!(changed(&text.replace("\n  ", "\n   ")), REWRITTEN, "re-indented");
        let with_crlf = text.replace('\n', "\r\n");
        assert_eq!(changed(&with_crlf), REWRITTEN);
        // Marked as an earlier version, the digest still holds it to what was written.
        let older = text.replacen("\"version\": 4", "\"version\": 3", 1);
        assert!(SavedRankings::read(older.as_bytes()).expect("reads").digest.is_some());
        assert_eq!(
            changed(&older.replacen("\"score\": 3.0", "\"score\": 5.0", 1)),
            "its content no longer matches its digest"
        );
    }
}
