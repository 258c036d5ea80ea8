//! Each judge's newest score file the head judge's store has taken in, and the one rule that
//! uses it: a read whose newest file of a judge is older than the one taken in is a step back,
//! refused by name. A judge who can push to the repo can put back an older file another judge
//! really signed; its signature holds, so only this memory tells it from the judge's own.
//!
//! The rule looks at each judge's newest file in a read, the one the merge counts: an older file
//! beside it (an open pull request's, a copy) is set aside by the merge as ever.
//!
//! The memory keeps, with each file, the fingerprint of the key that checked it. A file taken in
//! while judging.toml listed a wrong key for the judge (a hostile judge's, a typo) was not
//! theirs; once the key is put right, that file is no longer the judge's newest, or a forged file
//! dated ahead would refuse every real one of theirs.

use crate::model::same_name;
use crate::sanitize::{clean_line, quoted};

/// One score file read: whose, when it says it was written, and what it holds (its digest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    pub judge: String,
    /// When the file was written, as it says it.
    pub written_at: String,
    /// That moment, read with its offset: what orders a judge's files.
    pub written: jiff::Timestamp,
    pub digest: String,
    /// Where it was read from, as messages show it.
    pub file: String,
    /// The fingerprint of the key that checked it ([`crate::scorefile::key_fingerprint`]);
    /// `None` only for a file the store took in before it remembered keys.
    pub key: Option<String>,
}

impl FileRead {
    /// A file the read took in, checked as `config` checks its judge's files.
    pub fn of(marks: &crate::rankings::JudgeMarks, config: &crate::config::Config) -> FileRead {
        FileRead {
            judge: marks.judge.clone(),
            written_at: marks.written_at.clone(),
            written: marks.written,
            digest: marks.digest.clone(),
            file: marks.file.clone(),
            key: crate::scorefile::key_fingerprint(config, &marks.judge),
        }
    }
}

/// A judge's newest file the store has taken in, and when it took it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub file: FileRead,
    pub taken_at: String,
}

/// A judge's newest file the store took in, checked with a key that no longer checks the judge's
/// files: not theirs, as judging.toml stands, so not their newest either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub taken: Taken,
    /// What checks the judge's files now ([`crate::scorefile::key_fingerprint`]).
    pub now: Option<String>,
}

impl SetAside {
    /// What the head judge is told, once a read, where the read holds a file of the judge.
    pub fn said(&self) -> String {
        let judge = quoted(&self.taken.file.judge);
        let checked = if self.taken.file.key.as_deref() == Some(crate::scorefile::UNSIGNED) && self.now.is_some() {
            format!("was taken in unsigned, and judging.toml now lists a key for {judge}")
        } else {
            format!("was checked with a key judging.toml no longer lists for {judge}")
        };
        format!(
            "the newest file of {judge} this store took in on {} (written at {}, read from {}) {checked}: it is set aside, and {judge}'s files are no longer compared with it",
            clean_line(&self.taken.taken_at),
            clean_line(&self.taken.file.written_at),
            self.taken.file.file
        )
    }
}

/// A judge whose newest file in a read is older than the one the store has taken in, or of the
/// same moment with other scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepBack {
    /// The judge's newest file in this read.
    pub file: FileRead,
    /// Every file of the judge in this read, that one first: all older than the one taken in.
    pub files: Vec<String>,
    pub taken: Taken,
}

/// The option that lets a judge's older file through.
pub const ACCEPT_OLDER: &str = "--accept-older";

impl StepBack {
    /// The judge, and both times: what the head judge needs to tell a file put back from one the
    /// judge really went back to.
    fn both_times(&self) -> String {
        // A file of the same moment that holds other scores cannot be the judge's next one: the
        // app writes each file at a moment of its own.
        let how = if self.same_moment() {
            "holds other scores than the one of that same moment"
        } else {
            "is older than the one"
        };
        format!(
            "{}: {}'s file, written at {}, {how} this store took in on {} (written at {}, read from {})",
            self.file.file,
            quoted(&self.file.judge),
            clean_line(&self.file.written_at),
            clean_line(&self.taken.taken_at),
            clean_line(&self.taken.file.written_at),
            self.taken.file.file
        )
    }

    /// Why it is refused, in a few words, as a summary says it beside the judge's name.
    pub fn why(&self) -> &'static str {
        if self.same_moment() {
            "of the same moment as the file this store took in, with other scores"
        } else {
            "older than the file this store took in"
        }
    }

    /// Whether the file is of the very moment of the one taken in (with other scores).
    pub fn same_moment(&self) -> bool {
        self.file.written == self.taken.file.written
    }

    /// A step back refused, with what to do: through the event's repo (`shared`), someone who
    /// can push there may have put the file back; with files sent by hand (no `[sync]` repo),
    /// it is an older copy than one read before. It had told an event with no repo to ask the
    /// judge to `judging push`, which refuses there.
    pub fn refused(&self, shared: bool) -> String {
        let judge = quoted(&self.file.judge);
        let what = if self.same_moment() { "put another file in its place" } else { "put back an older file" };
        let why = if shared {
            format!("someone with push access to the repo may have {what}. Ask {judge} to push again (`judging push`)")
        } else {
            let which = if self.same_moment() { "another copy" } else { "an older copy" };
            format!(
                "{which} of {judge}'s file than the one read before (from {}). Use {judge}'s newest file, or ask {judge} to export again (`judging export`) and send it",
                self.taken.file.file
            )
        };
        format!(
            "{}: {why}; if {judge} really went back to this file (you asked them to restore it), run this again with {}",
            self.both_times(),
            accept_older(&self.file.judge)
        )
    }

    /// A step back let through by name.
    pub fn accepted(&self) -> String {
        format!(
            "{}: taken in, as {} asked; this store now remembers it as {}'s newest",
            self.both_times(),
            accept_older(&self.file.judge),
            quoted(&self.file.judge)
        )
    }
}

/// `--accept-older JUDGE`, as it is typed.
fn accept_older(judge: &str) -> String {
    let word = crate::paste::Given::Option(ACCEPT_OLDER).typed(judge);
    if word.starts_with(ACCEPT_OLDER) { word } else { format!("{ACCEPT_OLDER} {word}") }
}

/// What a read's files are, against the newest the store has taken in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The judges whose newest file here is older than the one taken in: refused.
    pub refused: Vec<StepBack>,
    /// Those let through by name (`--accept-older`).
    pub accepted: Vec<StepBack>,
    /// The names given to `--accept-older` that no file read here is of.
    pub unmatched: Vec<String>,
    /// What the store takes in once the read is accepted whole: each judge's newest file here
    /// where the store has none of theirs yet, it is newer than the one taken in, or it was
    /// accepted older. A file taken in already is not here, so a read of nothing new writes
    /// nothing.
    pub to_take_in: Vec<FileRead>,
    /// The judges of this read whose newest file taken in was checked with another key than
    /// the one that checks their files now: compared as if the store had none of theirs.
    pub set_aside: Vec<SetAside>,
}

/// The rule, once for every command that reads the judges' files: per judge, the newest file of
/// `read` (the one the merge counts) against `taken`. The same file again (the same digest) is
/// fine; a newer one is taken in; an older one, or another of the same moment (which cannot be
/// the judge's next: it was put in the first one's place), is refused, unless its judge is named
/// in `accept_older`. Judges compare by name, as everywhere: unsigned, a name proves nothing, but a
/// step back is still worth saying. A file dated after `now` (the reader allows a day of clock
/// slack) is never taken in: remembered, its time ahead would refuse the judge's real files,
/// however often they pushed, until that time had passed.
///
/// A file taken in with a key other than the one that checks the judge's files now (`key_now`,
/// [`crate::scorefile::key_fingerprint`]) is set aside, the judge compared as one the store has
/// none of: the key changed, the judge is no longer listed, or their files must now be signed.
/// A file taken in before the store remembered keys is compared as ever.
pub fn judge(
    read: &[FileRead],
    taken: &[Taken],
    accept_older: &[String],
    now: jiff::Timestamp,
    key_now: impl Fn(&str) -> Option<String>,
) -> Verdict {
    let mut verdict = Verdict::default();
    let mut order: Vec<&FileRead> = read.iter().collect();
    crate::rankings::newest_first(&mut order, |f| (&f.judge, f.written, &f.file));
    for theirs in order.chunk_by(|a, b| same_name(&a.judge, &b.judge)) {
        let newest = theirs[0];
        // Two different files of the judge at that one moment: the merge refuses them both
        // (`rankings::one_file_per_judge`), so neither is taken in.
        let torn = theirs.get(1).is_some_and(|f| f.written == newest.written && f.digest != newest.digest);
        let known = taken.iter().find(|t| same_name(&t.file.judge, &newest.judge)).filter(|known| {
            let Some(key) = &known.file.key else { return true };
            let now = key_now(&known.file.judge);
            let kept = now.as_ref() == Some(key);
            if !kept {
                verdict.set_aside.push(SetAside { taken: (*known).clone(), now });
            }
            kept
        });
        let take = match known {
            None => true,
            Some(known) if newest.digest == known.file.digest => false,
            Some(known) if newest.written > known.file.written => true,
            Some(known) => {
                let step = StepBack {
                    file: newest.clone(),
                    files: theirs.iter().map(|f| f.file.clone()).collect(),
                    taken: known.clone(),
                };
                let accepted = accept_older.iter().any(|name| same_name(name, &newest.judge));
                if accepted {
                    verdict.accepted.push(step);
                } else {
                    verdict.refused.push(step);
                }
                accepted
            }
        };
        if take && !torn && newest.written <= now {
            verdict.to_take_in.push(newest.clone());
        }
    }
    verdict.unmatched =
        accept_older.iter().filter(|name| !read.iter().any(|f| same_name(&f.judge, name))).cloned().collect();
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(judge: &str, at: &str, digest: &str, name: &str) -> FileRead {
        FileRead {
            judge: judge.into(),
            written_at: at.into(),
            written: at.parse().expect("a time"),
            digest: digest.into(),
            file: name.into(),
            key: Some(crate::scorefile::UNSIGNED.into()),
        }
    }

    fn taken(f: FileRead) -> Taken {
        Taken { file: f, taken_at: "2026-06-21T12:00:00.000Z".into() }
    }

    /// The rule as of a day after every file below, with no key listed for anyone.
    fn judged(read: &[FileRead], taken: &[Taken], accept_older: &[String]) -> Verdict {
        judge(read, taken, accept_older, THURSDAY.parse().expect("a time"), UNSIGNED)
    }

    /// What checks every judge's files with no key listed.
    const UNSIGNED: fn(&str) -> Option<String> = |_| Some(crate::scorefile::UNSIGNED.into());

    /// A file taken in under a key judging.toml no longer lists for its judge (a wrong key put
    /// right, the judge unlisted, signatures now required) is set aside: the judge's real file,
    /// older than the forged one, is taken in, and what was set aside is said plainly.
    #[test]
    fn a_file_taken_in_under_a_key_no_longer_listed_is_set_aside() {
        let keyed = |f: FileRead, key: &str| FileRead { key: Some(key.into()), ..f };
        let forged = taken(keyed(file("mira", WEDNESDAY, "forged", "forged.json"), "ed25519:hostile"));
        let real = keyed(file("Mira", MONDAY, "real", "mira.json"), "ed25519:mira");
        let at = |key: &'static str| move |_: &str| (!key.is_empty()).then(|| key.to_owned());
        let thursday: jiff::Timestamp = THURSDAY.parse().expect("a time");
        let verdict =
            judge(std::slice::from_ref(&real), std::slice::from_ref(&forged), &[], thursday, at("ed25519:mira"));
        assert!(verdict.refused.is_empty(), "{verdict:?}");
        assert_eq!(verdict.to_take_in, std::slice::from_ref(&real));
        assert_eq!(verdict.set_aside, [SetAside { taken: forged.clone(), now: Some("ed25519:mira".into()) }]);
        let said = verdict.set_aside[0].said();
        for want in [
            "the newest file of mira this store took in on 2026-06-21T12:00:00.000Z",
            "(written at 2026-06-22T10:00:00.000Z, read from forged.json)",
            "was checked with a key judging.toml no longer lists for mira",
            "set aside",
        ] {
            assert!(said.contains(want), "{want}: {said}");
        }
        // Unlisted now, with keys in use: her files can no longer be taken in at all.
        assert_eq!(judge(&[], std::slice::from_ref(&forged), &[], thursday, at("")).set_aside, []);
        assert_eq!(
            judge(std::slice::from_ref(&real), std::slice::from_ref(&forged), &[], thursday, at("")).set_aside.len(),
            1
        );
        // Taken in unsigned, and now signed: said as such.
        let open = taken(file("mira", WEDNESDAY, "forged", "forged.json"));
        let verdict =
            judge(std::slice::from_ref(&real), std::slice::from_ref(&open), &[], thursday, at("ed25519:mira"));
        assert!(
            verdict.set_aside[0].said().contains("was taken in unsigned, and judging.toml now lists a key for mira")
        );
        // The same key as ever: compared, and refused.
        let verdict =
            judge(std::slice::from_ref(&real), std::slice::from_ref(&forged), &[], thursday, at("ed25519:hostile"));
        assert_eq!((verdict.refused.len(), verdict.set_aside.len()), (1, 0));
    }

    /// A file the store took in before it remembered keys is compared as ever, whatever key
    /// judging.toml lists now.
    #[test]
    fn a_file_taken_in_before_keys_were_remembered_is_compared_as_ever() {
        let before = taken(FileRead { key: None, ..file("mira", WEDNESDAY, "new", "mira.json") });
        let thursday: jiff::Timestamp = THURSDAY.parse().expect("a time");
        let verdict = judge(&[file("mira", MONDAY, "old", "old.json")], &[before], &[], thursday, |_| None);
        assert_eq!((verdict.refused.len(), verdict.set_aside.len()), (1, 0));
    }

    /// A file dated ahead of the clock (a forged time within the reader's day of slack) is not
    /// taken in: remembered, it would refuse the judge's real file of today.
    #[test]
    fn a_file_dated_ahead_is_not_taken_in() {
        let ahead = file("mira", WEDNESDAY, "forged", "mira.json");
        let now: jiff::Timestamp = TUESDAY.parse().expect("a time");
        assert!(judge(std::slice::from_ref(&ahead), &[], &[], now, UNSIGNED).to_take_in.is_empty());
        let known = [taken(file("mira", MONDAY, "old", "a.json"))];
        let verdict = judge(std::slice::from_ref(&ahead), &known, &[], now, UNSIGNED);
        assert_eq!(verdict, Verdict::default(), "not refused either: it is newer than the one taken in");
        assert_eq!(
            judged(std::slice::from_ref(&ahead), &known, &[]).to_take_in,
            [ahead],
            "taken in once its time has come"
        );
    }

    const MONDAY: &str = "2026-06-20T10:00:00.000Z";
    const TUESDAY: &str = "2026-06-21T10:00:00.000Z";
    const WEDNESDAY: &str = "2026-06-22T10:00:00.000Z";
    const THURSDAY: &str = "2026-06-23T10:00:00.000Z";

    #[test]
    fn an_older_file_is_refused_naming_the_judge_both_times_and_what_to_do() {
        let known = [taken(file("ana", TUESDAY, "new", "collected/ana.json"))];
        let verdict = judged(&[file("Ana", MONDAY, "old", "ana-old.json")], &known, &[]);
        assert_eq!(verdict.refused.len(), 1);
        assert!(verdict.to_take_in.is_empty(), "nothing taken in from a refused read");
        let said = verdict.refused[0].refused(true);
        for want in
            ["ana-old.json", "Ana", MONDAY, TUESDAY, "put back an older file", "push again", "--accept-older Ana"]
        {
            assert!(said.contains(want), "{want}: {said}");
        }
        // Files sent by hand: no repo to blame, no `judging push` to ask for (it refuses there).
        let by_hand = verdict.refused[0].refused(false);
        for want in [
            "an older copy of Ana's file than the one read before (from collected/ana.json)",
            "judging export",
            "--accept-older Ana",
        ] {
            assert!(by_hand.contains(want), "{want}: {by_hand}");
        }
        assert!(!by_hand.contains("repo") && !by_hand.contains("push"), "{by_hand}");
    }

    #[test]
    fn the_same_file_again_is_fine_and_a_newer_one_is_taken_in() {
        let known = [taken(file("ana", MONDAY, "old", "a.json"))];
        let same = judged(&[file("ana", MONDAY, "old", "copy.json")], &known, &[]);
        assert_eq!(same, Verdict::default(), "nothing to say, nothing to write");
        let newer = judged(&[file("ana", TUESDAY, "new", "b.json")], &known, &[]);
        assert!(newer.refused.is_empty());
        assert_eq!(newer.to_take_in, [file("ana", TUESDAY, "new", "b.json")]);
        let first = judged(&[file("ben", MONDAY, "b", "ben.json")], &known, &[]);
        assert_eq!(first.to_take_in.len(), 1, "a judge not seen before is taken in");
    }

    /// Only a judge's newest file in the read counts, as in the merge: an open pull request's
    /// older file beside main's newer one is no step back.
    #[test]
    fn an_older_file_beside_the_newest_is_not_a_step_back() {
        let known = [taken(file("ana", TUESDAY, "new", "a.json"))];
        let read = [file("ana", MONDAY, "old", "ana.pr2.json"), file("ana", TUESDAY, "new", "ana.json")];
        assert_eq!(judged(&read, &known, &[]), Verdict::default());
    }

    /// Two different files of one judge at one moment, which the merge refuses: neither is
    /// taken in, and a step back is still said.
    #[test]
    fn two_files_at_one_moment_are_not_taken_in() {
        let read = [file("ana", TUESDAY, "a", "a.json"), file("ana", TUESDAY, "b", "b.json")];
        assert!(judged(&read, &[], &[]).to_take_in.is_empty());
        let known = [taken(file("ana", WEDNESDAY, "new", "c.json"))];
        assert_eq!(judged(&read, &known, &[]).refused.len(), 1);
    }

    /// A file of the very moment of the one taken in, but with other scores, is no newer file:
    /// it had passed without a word, and the merge counted it in the first one's place.
    #[test]
    fn another_file_of_the_same_moment_is_refused_and_can_be_accepted() {
        let known = [taken(file("ana", TUESDAY, "new", "collected/ana.json"))];
        let other = file("ana", TUESDAY, "other", "ana.json");
        let verdict = judged(std::slice::from_ref(&other), &known, &[]);
        assert_eq!(verdict.refused.len(), 1, "{verdict:?}");
        assert!(verdict.to_take_in.is_empty());
        let said = verdict.refused[0].refused(true);
        assert!(said.contains("holds other scores than the one of that same moment"), "{said}");
        assert!(verdict.refused[0].refused(false).contains("another copy of ana's file"), "{said}");
        assert!(said.contains("put another file in its place") && !said.contains("put back an older"), "{said}");
        let accepted = judged(std::slice::from_ref(&other), &known, &["ana".into()]);
        assert_eq!(accepted.to_take_in, [other]);
    }

    #[test]
    fn a_step_back_named_is_accepted_and_taken_in_and_a_name_matching_no_file_is_given_back() {
        let known = [taken(file("ana", TUESDAY, "new", "a.json"))];
        let old = file("ana", MONDAY, "old", "ana.json");
        let verdict = judged(std::slice::from_ref(&old), &known, &["ANA".into(), "zed".into()]);
        assert!(verdict.refused.is_empty());
        assert_eq!(verdict.accepted.len(), 1);
        assert!(verdict.accepted[0].accepted().contains("as --accept-older ana asked"), "{:?}", verdict.accepted);
        assert_eq!(verdict.to_take_in, [old]);
        assert_eq!(verdict.unmatched, ["zed"]);
    }

    #[test]
    fn a_name_that_reads_as_an_option_is_joined_to_it() {
        assert_eq!(accept_older("-x"), "--accept-older=-x");
        assert_eq!(accept_older("Ana Lee"), "--accept-older 'Ana Lee'");
    }
}
