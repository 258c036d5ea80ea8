//! A judge's score file: what travels from each judge's laptop to the head judge.
//!
//! Self-describing, versioned JSON on one line:
//! `{"format":"judging-scores","version":4,"digest":"sha256:…","signature":"ed25519:…","body":{…}}`.
//! The digest (and the signature, when the judge has a key) covers the body's exact bytes as
//! written, so any edit shows and checking needs no re-serialising. The header comes first so
//! that the reader finds the body by its fixed prefix, hashes it and parses it once: 100 files
//! for 5,000 entries are read in a single pass each. The body names the rubric's criteria once
//! and gives one row per scored submission: `[id, [value per criterion], [when given]]`, the
//! times in seconds after `times_from` (Unix seconds).
//!
//! Version 3 adds every stopwatch reading and the Space revision each score was given on, and its
//! rubric fingerprint names the tracks a per-track criterion judges (a row then has `null` for
//! the criteria not on its entry's rubric). Version 2 (the same without those) and version 1
//! (body first, digest after it, times in Unix milliseconds) are still read.
//!
//! Version 4 is version 3 signed with the judge's own key (`ed25519:`, see `sign`) instead of a
//! secret the head judge handed out (`hmac-sha256:`, which versions 2 and 3 carry and which
//! still verifies where judging.toml keeps the secret).
//!
//! Version 5 adds the judge's answers in the finals, `"comparisons": [{"pair": [A, B],
//! "verdict": "first" | "second" | "level", "note": …}]`, covered by the digest and signature as
//! all the body is. Only a file with comparisons is written as version 5.

mod body;
mod read;
mod rows;
use crate::signing as sign;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::config::Config;
use crate::sanitize::{in_quotes, quoted};

pub use body::{Body, Checked, ScoreRow};
pub use read::{read_all, read_all_before};

pub const FORMAT: &str = "judging-scores";
pub const VERSION: u32 = 5;
/// The largest score file: the one limit export, push, collect and merge share.
pub const MAX_BYTES: u64 = crate::limits::SCORE_FILE_BYTES;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    body: &'a RawValue,
    digest: String,
    #[serde(borrow)]
    signature: Option<&'a str>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScoreFileError {
    /// `reason` says what went wrong and what to do about it.
    #[error("cannot read {file}: {reason}")]
    Unreadable { file: String, reason: String },
    #[error(
        "{file}: judge {judge} is not in judging.toml's [[judges]]{like}, and with keys in use every file must come from one of them, signed: check the name, or add the judge with a key"
    )]
    UnknownJudge { file: String, judge: String, like: String },

    #[error("reading the score files stopped unexpectedly; nothing was merged")]
    Stopped,
    #[error(
        "{file}: {} for submissions not in the export, such as \"{first}\": pull the export this judge scored",
        crate::format::count(*count, "score row", "score rows")
    )]
    Unknown { file: String, count: usize, first: String },
    #[error("{file}: empty: a score file is written by `judging export`")]
    Empty { file: String },
    #[error(
        "{file}: {size} bytes is more than a score file can be ({} MiB at most): {EXPORT_AGAIN}",
        MAX_BYTES / 1024 / 1024
    )]
    TooLarge { file: String, size: u64 },
    #[error("{file}: not a judging score file ({reason}): {EXPORT_AGAIN}")]
    NotScoreFile { file: String, reason: String },
    #[error(
        "{file}: a judging score file cut short at line {line}, column {column}: it was not written or copied whole (an interrupted download or copy, a full disk); ask the judge who sent it to export again and send the whole file"
    )]
    CutShort { file: String, line: usize, column: usize },
    #[error(
        "{file}: a saved merge (`judging merge --format json` writes one), not a judge's score file: give it to `judging results` on its own, or give the judges' score files"
    )]
    SavedMerge { file: String },
    #[error("{file}: score file version {found}; this judging reads versions 1 to {VERSION}: upgrade judging")]
    Version { file: String, found: u32 },
    #[error("{file}: score file version 0, and versions start at 1: `judging export` writes the file whole")]
    NoVersion { file: String },
    #[error(
        "{file}: edited after it was written: its digest does not match its content. Ask the judge who sent it (it names {judge}, which an edit may have changed) to export again"
    )]
    Tampered { file: String, judge: String },
    /// `kind` names the problem in a few words, for many files refused alike ([`Self::kind`]).
    #[error("{file}: {problem}")]
    Invalid { file: String, problem: String, kind: &'static str },
    #[error(
        "{file}: judge {judge} has a key in judging.toml, and this file is {what}: ask {judge} to export again with their key"
    )]
    Signature { file: String, judge: String, what: &'static str },
    #[error(
        "{file}: judge {judge} is listed in judging.toml with no public_key, and with keys in use every judge's file must be signed: add the public key `judging key` prints on {judge}'s machine to their [[judges]] entry"
    )]
    Keyless { file: String, judge: String },
}

/// What to do about a file that is not a score file as the app writes it: another file given
/// by mistake (judging.toml, a saved CSV), or a judge's file broken or edited on its way.
impl ScoreFileError {
    /// The file it refuses, as its message names it (made visible); `None` when the reading
    /// stopped, which refuses no one file.
    pub fn file(&self) -> Option<&str> {
        use ScoreFileError as E;
        match self {
            E::Stopped => None,
            E::Unreadable { file, .. }
            | E::UnknownJudge { file, .. }
            | E::Unknown { file, .. }
            | E::Empty { file }
            | E::TooLarge { file, .. }
            | E::NotScoreFile { file, .. }
            | E::CutShort { file, .. }
            | E::SavedMerge { file }
            | E::Version { file, .. }
            | E::NoVersion { file }
            | E::Tampered { file, .. }
            | E::Invalid { file, .. }
            | E::Signature { file, .. }
            | E::Keyless { file, .. } => Some(file),
        }
    }

    /// What went wrong in a few words, the same for every file refused alike: fifty files cut
    /// short are said as a few and a count (`format::condensed`).
    pub fn kind(&self) -> &'static str {
        use ScoreFileError as E;
        match self {
            E::Unreadable { .. } => "cannot be read",
            E::UnknownJudge { .. } => "a judge not listed",
            E::Stopped => "stopped",
            E::Unknown { .. } => "entries the store does not know",
            E::Empty { .. } => "empty",
            E::TooLarge { .. } => "too large",
            E::NotScoreFile { .. } => "not a score file",
            E::CutShort { .. } => "cut short",
            E::SavedMerge { .. } => "a saved merge",
            E::Version { .. } | E::NoVersion { .. } => "a version this judging does not read",
            E::Tampered { .. } => "edited after it was written",
            E::Invalid { kind, .. } => kind,
            E::Signature { .. } => "not signed by its judge's key",
            E::Keyless { .. } => "a judge listed without a key",
        }
    }

    /// The refusal as one of many that may be alike: its file, its kind and what it says.
    pub fn problem(&self) -> crate::format::Problem {
        crate::format::Problem {
            at: self.file().unwrap_or_default().to_owned(),
            kind: self.kind().to_owned(),
            said: self.to_string(),
        }
    }

    /// Every problem in `problems`, as lines to say: a few of each kind whole, the rest counted.
    pub fn condensed<'a>(problems: impl IntoIterator<Item = &'a ScoreFileError>) -> Vec<String> {
        let said: Vec<crate::format::Problem> = problems.into_iter().map(ScoreFileError::problem).collect();
        crate::format::condensed(&said, crate::format::Of { one: "file", many: "files", on: ("", "") })
    }

    /// A file that could not be read, with what to do about it, by what went wrong.
    pub fn unreadable(file: &str, error: &std::io::Error) -> ScoreFileError {
        use std::io::ErrorKind;
        let cure = match error.kind() {
            // Said as every file any command cannot read is said.
            ErrorKind::NotFound | ErrorKind::PermissionDenied => {
                let hint = crate::disk::read_hint(std::path::Path::new(file), error);
                let reason = crate::disk::io_reason(error);
                return ScoreFileError::Unreadable { file: file.to_owned(), reason: format!("{reason}{hint}") };
            }
            ErrorKind::IsADirectory => "a folder: give the score files in it (e.g. judges/*.json), not the folder",
            ErrorKind::InvalidData => {
                "a file of text is expected: give the judge's score file as `judging export` wrote it"
            }
            _ => "check the file and the disk it is on, then run the command again",
        };
        ScoreFileError::Unreadable { file: file.to_owned(), reason: format!("{error}: {cure}") }
    }
}

const EXPORT_AGAIN: &str = "a score file is what `judging export` writes: give the judges' files, and if a judge sent this one, ask them to export again and send that file, unedited";

/// What signs a file as it is written.
pub enum Signer<'a> {
    /// The judge's own private key (version 4's `ed25519:`).
    Key(&'a sign::PrivateKey),
    /// A secret the head judge handed out, as earlier builds signed (`hmac-sha256:`).
    Secret(&'a str),
}

/// The rubric's fingerprint: two judges' files merge only if their rubrics agree.
pub fn rubric_fingerprint(config: &Config) -> String {
    // A criterion of every track reads as it did in version 2, so that yesterday's files match.
    let tracks = |c: &crate::model::Criterion| {
        if c.tracks.is_empty() { String::new() } else { format!("@{}", c.tracks.join("+")) }
    };
    let text: Vec<String> = config
        .criteria
        .iter()
        .map(|c| format!("{}:{}-{}:{}{}", c.id, c.scale.low, c.scale.high, c.weight, tracks(c)))
        .collect();
    format!("{}{}", sign::DIGEST_PREFIX, &sign::digest_hex(text.join(";").as_bytes())[..32])
}

/// How a file of each version from 5 down to 2 begins, as written: every one takes the fast
/// path. A file with comparisons is written as version 5, one without as version 4.
const PREFIXES: [&str; 4] = [
    "{\"format\":\"judging-scores\",\"version\":5,\"digest\":\"sha256:",
    "{\"format\":\"judging-scores\",\"version\":4,\"digest\":\"sha256:",
    "{\"format\":\"judging-scores\",\"version\":3,\"digest\":\"sha256:",
    "{\"format\":\"judging-scores\",\"version\":2,\"digest\":\"sha256:",
];
const SIGNATURE_ED: &str = "\",\"signature\":\"ed25519:";
const SIGNATURE: &str = "\",\"signature\":\"hmac-sha256:";
const BODY: &str = "\",\"body\":";

/// The file's text for a body, signed when the judge has a key. The key itself is never written.
pub fn write(body: &Body, signer: Option<Signer>) -> Result<String, serde_json::Error> {
    let seconds = |ms: i64| ms.div_euclid(1000);
    let times_from = body.scores.iter().flat_map(|r| r.2.iter().flatten()).map(|ms| seconds(*ms)).min().unwrap_or(0);
    let written = body::Written {
        body,
        times_from,
        scores: body
            .scores
            .iter()
            .map(|(id, values, given)| {
                (id.as_str(), values.as_slice(), given.iter().map(|t| t.map(|ms| seconds(ms) - times_from)).collect())
            })
            .collect(),
    };
    // Shown too (`export -o -`, the judges' repo): an export's id with a bidi override in it is
    // written escaped, the same text to every reader of the JSON.
    let body = crate::report::json::compact(&written)?;
    let digest = sign::digest_hex(body.as_bytes());
    let signature = match signer {
        Some(Signer::Key(key)) => format!("{SIGNATURE_ED}{}", key.sign(body.as_bytes())),
        Some(Signer::Secret(secret)) => format!("{SIGNATURE}{}", sign::hmac_sign(body.as_bytes(), secret)),
        None => String::new(),
    };
    let prefix = if written.body.comparisons.is_empty() { PREFIXES[1] } else { PREFIXES[0] };
    Ok(format!("{prefix}{digest}{signature}{BODY}{body}}}\n"))
}

/// A version 2, 3 or 4 file as `judging export` writes it: (digest, signature, body), each in
/// hex or the body's exact text. `None` for anything else, which the slow path then explains.
fn split(text: &str) -> Option<(&str, Option<sign::Signature<'_>>, &str)> {
    let rest = PREFIXES.iter().find_map(|p| text.strip_prefix(p))?;
    let (digest, rest) = (rest.get(..64)?, rest.get(64..)?);
    let (signature, rest) = if let Some(signed) = rest.strip_prefix(SIGNATURE) {
        (Some(sign::Signature::Hmac(signed.get(..64)?)), signed.get(64..)?)
    } else if let Some(signed) = rest.strip_prefix(SIGNATURE_ED) {
        (Some(sign::Signature::Ed25519(signed.get(..128)?)), signed.get(128..)?)
    } else {
        (None, rest)
    };
    let body = rest.strip_prefix(BODY)?.trim_end().strip_suffix('}')?;
    Some((digest, signature, body))
}

/// Reads and checks a score file against the event: format, version, digest, event, rubric and
/// each score's scale. Unknown submissions are the caller's check.
pub fn read<'a>(text: &'a [u8], file: &str, config: &Config) -> Result<Checked<'a>, ScoreFileError> {
    let file = file.to_owned();
    if text.len() as u64 > MAX_BYTES {
        return Err(ScoreFileError::TooLarge { file, size: text.len() as u64 });
    }
    let not = |reason: String| ScoreFileError::NotScoreFile { file: file.clone(), reason };
    // A byte order mark (an editor's, on Windows) is not part of the file's JSON, nor of the
    // body its digest covers: a file of a mark and blanks is as empty as one of blanks.
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(ScoreFileError::Empty { file });
    }
    let text = std::str::from_utf8(text).map_err(|_| not("not UTF-8 text".into()))?;
    // The fast path: a file as written, its body hashed and parsed once.
    let (raw, signature, mut body) = match split(text) {
        Some((digest, signature, raw)) if sign::digest_hex(raw.as_bytes()) == digest => {
            let mut body = body::parse(raw).map_err(|e| body_problem(&file, text, raw, &e))?;
            digest.clone_into(&mut body.digest);
            (raw, signature, body)
        }
        // Anything else is read slowly: a version 1 file, or one to explain.
        _ => read_slowly(text, &file)?,
    };
    if body.digest.is_empty() {
        body.digest = sign::digest_hex(raw.as_bytes());
    }
    if let Some(what) = unsigned(config, &body.judge, raw.as_bytes(), signature) {
        return Err(match what {
            Unsigned::Unknown => unknown_judge(file, &body.judge, config),
            Unsigned::Keyless => ScoreFileError::Keyless { file, judge: quoted(&body.judge) },
            Unsigned::Not(what) => ScoreFileError::Signature { file, judge: quoted(&body.judge), what },
        });
    }
    let invalid = |kind: &'static str, problem: String| ScoreFileError::Invalid { file: file.clone(), problem, kind };
    if body.event != config.event.id {
        return Err(invalid(
            "another event",
            format!(
                "it is for event {}, not for this one, {:?}: read each event's files with its own judging.toml (`--config`), or ask the judge to score this event",
                in_quotes(&body.event),
                config.event.id
            ),
        ));
    }
    let ids: Vec<&str> = config.criteria.iter().map(|c| c.id.as_str()).collect();
    if body.criteria.iter().map(std::convert::AsRef::as_ref).ne(ids.iter().copied()) {
        let theirs: Vec<String> = body.criteria.iter().map(|c| crate::sanitize::quoted(c)).collect();
        return Err(invalid(
            "another rubric",
            format!(
                "it was scored on another rubric: its criteria are {}, and judging.toml's are {}, in that order; score with this judging.toml and export again",
                crate::format::first_few(&theirs, 8, ", "),
                ids.join(", ")
            ),
        ));
    }
    if body.rubric != rubric_fingerprint(config) {
        return Err(invalid("another rubric", 
            "it was scored on another rubric: its criteria are judging.toml's, but their scales or weights differ; score with this judging.toml and export again".into(),
        ));
    }
    // One row per submission: a second would count this judge twice on it. The app writes the
    // rows sorted by id, and ids that only ever rise hold no two alike: a set is needed only
    // for a file written otherwise.
    let sorted = body.scores.ids.windows(2).all(|pair| pair[0] < pair[1]);
    let mut seen = std::collections::HashSet::with_capacity_and_hasher(
        if sorted { 0 } else { body.scores.len() },
        foldhash::fast::RandomState::default(),
    );
    for (submission, values, _) in body.scores.iter() {
        if !sorted && !seen.insert(submission.as_ref()) {
            return Err(invalid(
                "a submission twice",
                format!(
                    "{}: two rows for one submission; a score file has one row each: ask {} to export again",
                    quoted(submission),
                    quoted(&body.judge)
                ),
            ));
        }
        if values.len() != config.criteria.len() {
            return Err(invalid(
                "values for other criteria",
                format!("{}: {} values for {} criteria: {EXPORT_AGAIN}", quoted(submission), values.len(), ids.len()),
            ));
        }
        for (c, value) in config.criteria.iter().zip(values) {
            if let Some(v) = value.filter(|v| !c.scale.contains(i64::from(*v))) {
                return Err(invalid(
                    "a value off its scale",
                    format!(
                        "{}: {} = {v} is outside its scale {}-{}: the app gives none, so the file was edited; ask {} to export again",
                        quoted(submission),
                        c.id,
                        c.scale.low,
                        c.scale.high,
                        quoted(&body.judge)
                    ),
                ));
            }
        }
    }
    let later = stopwatch_problem(&body)
        .map(|p| ("a stopwatch reading that cannot be", p))
        .or_else(|| revision_problem(&body).map(|p| ("a revision that cannot be", p)))
        .or_else(|| comparison_problem(&body).map(|p| ("a comparison that cannot be", p)));
    later.map_or(Ok(body), |(kind, problem)| Err(invalid(kind, problem)))
}

/// The longest stopwatch reading: a judging lasts at most a year (as the scores' times do), and
/// a demo timed for longer can only come from an edited file.
const LONGEST_READING: f64 = 366.0 * 24.0 * 3600.0;

/// What is wrong with a file's stopwatch times, if anything: a stopwatch counts up from 0, so
/// a reading (or a median of readings) below 0, or beyond [`LONGEST_READING`], can only come
/// from an edited file (1.7e308 seconds printed as 309 digits in the jury's tables).
fn stopwatch_problem(body: &Checked) -> Option<String> {
    let each = body.readings.iter().flat_map(|(id, all)| all.iter().map(move |s| ("readings", id, s)));
    let (field, id, seconds) = body
        .timings
        .iter()
        .map(|(id, s)| ("timings", id, s))
        .chain(each)
        .find(|(_, _, s)| !(0.0..=LONGEST_READING).contains(*s))?;
    let said = crate::format::refused_number(*seconds);
    Some(format!(
        "{field}: {} = {said}: a stopwatch reading is 0 seconds or more, and at most 366 days; ask {} to export again",
        quoted(id),
        quoted(&body.judge)
    ))
}

/// What is wrong with a file's revisions, if anything: each is the commit of the Space the entry
/// was scored on, as the Hub named it, and the jury reads it as one.
fn revision_problem(body: &Checked) -> Option<String> {
    let (id, revision) = body.revisions.iter().find(|(_, r)| !crate::model::is_revision(r))?;
    Some(format!(
        "revisions: {} = {}: a revision is the Space's commit, 7 to 64 hexadecimal digits; ask {} to export again",
        quoted(id),
        in_quotes(revision),
        quoted(&body.judge)
    ))
}

/// What is wrong with a file's comparisons, if anything: a pair of one entry, a verdict that is
/// not one of the three, or one pair answered twice (in either order).
fn comparison_problem(body: &Checked) -> Option<String> {
    // The app writes neither of the first two: an edited file, whose cure is the judge's own.
    let again = format!("ask {} to export again", quoted(&body.judge));
    let mut seen = std::collections::HashSet::with_capacity(body.comparisons.len());
    for (k, row) in body.comparisons.iter().enumerate() {
        let [a, b] = &row.pair;
        let at = format!("comparisons[{k}] ({} / {})", quoted(a), quoted(b));
        let Some(pair) = crate::model::Pair::new(a, b) else {
            return Some(format!("{at}: a pair of one entry; a comparison is of two: {again}"));
        };
        if crate::model::Verdict::from_key(&row.verdict).is_none() {
            return Some(format!(
                "{at}: verdict {}; a comparison says \"first\", \"second\" or \"level\": {again}",
                in_quotes(&row.verdict)
            ));
        }
        if !seen.insert(pair) {
            return Some(format!("{at}: this pair is answered twice; a judge answers a pair once: {again}"));
        }
    }
    None
}

/// A file that is not a version 2 file exactly as written: a version 1 file, read with its
/// digest after the body, or the reason it cannot be read. Returns the body's text, its signature
/// (hex) and the body.
/// Whether `text` opens as a score file does, `{"format": "judging-scores"`, whitespace aside:
/// what is left of one cut short.
fn starts_as_a_score_file(text: &str) -> bool {
    let opening: String = text.chars().take(200).filter(|c| !c.is_whitespace()).collect();
    opening.starts_with(&format!("{{\"format\":\"{FORMAT}\""))
}

fn read_slowly<'a>(
    text: &'a str,
    file: &str,
) -> Result<(&'a str, Option<sign::Signature<'a>>, Checked<'a>), ScoreFileError> {
    let not = |reason: String| ScoreFileError::NotScoreFile { file: file.to_owned(), reason };
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
        // Valid JSON of another shape is not broken: say what it is, and what a score file is.
        // Where it is not JSON, the place its reading failed is the JSON's, not the envelope's
        // (`{"foo": 1` broke at its end, not at the unknown key).
        let what = match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(o))
                if o.get("format").and_then(serde_json::Value::as_str) == Some(crate::rankings::RANKINGS_FORMAT) =>
            {
                return ScoreFileError::SavedMerge { file: file.to_owned() };
            }
            // A score file's envelope that does not read: from a newer judging, or edited.
            Ok(serde_json::Value::Object(o)) if o.get("format").and_then(serde_json::Value::as_str) == Some(FORMAT) => {
                match o.get("version").and_then(serde_json::Value::as_u64).and_then(|v| u32::try_from(v).ok()) {
                    Some(found) if found > VERSION => return ScoreFileError::Version { file: file.to_owned(), found },
                    // serde quotes the file's keys: a key may carry an escape sequence.
                    _ => format!("a score file's envelope that does not read ({})", crate::plain::plain(&crate::sanitize::visible(&e.to_string()))),
                }
            }
            // serde's own words name its types: the keys a score file has say more.
            Ok(serde_json::Value::Object(_)) => {
                "a JSON object, but without a score file's keys (\"format\", \"version\", \"body\")".to_owned()
            }
            Ok(other) => format!(
                "JSON, but {}; a score file is one object, {{\"format\": \"judging-scores\", \"version\": …, \"body\": {{…}}}}, as `judging export` writes it",
                match other {
                    serde_json::Value::Array(_) => "a list",
                    serde_json::Value::String(_) => "a string",
                    serde_json::Value::Number(_) => "a number",
                    _ => "not an object",
                }
            ),
            // A score file's start, cut short: a download or copy that stopped, not another file.
            Err(json) if json.is_eof() && starts_as_a_score_file(text) => {
                return ScoreFileError::CutShort { file: file.to_owned(), line: json.line(), column: json.column() };
            }
            Err(json) if json.is_eof() => format!("cut short at line {}, column {}", json.line(), json.column()),
            // Well-formed, perhaps, but nested past what the reader follows: no score file is.
            Err(deep) if deep.to_string().starts_with("recursion limit") => {
                "nested more than 128 levels deep, far deeper than any score file".to_owned()
            }
            Err(json) => format!("broken JSON at line {}, column {}", json.line(), json.column()),
        };
        not(what)
    })?;
    if envelope.format != FORMAT {
        return Err(not(format!("its format is {}", in_quotes(&envelope.format))));
    }
    if envelope.version == 0 {
        return Err(ScoreFileError::NoVersion { file: file.to_owned() });
    }
    if envelope.version > VERSION {
        return Err(ScoreFileError::Version { file: file.to_owned(), found: envelope.version });
    }
    let raw = envelope.body.get();
    let body = body::parse(raw);
    // A version 2 or later file that is not as written was edited, if only re-indented; so was
    // one whose digest does not match. That is said first, before whatever the edit broke in the
    // body (a renamed key is an edit, not a file of another kind).
    if envelope.version >= 2
        || format!("{}{}", sign::DIGEST_PREFIX, sign::digest_hex(raw.as_bytes())) != envelope.digest
    {
        let judge = match &body {
            Ok(body) => in_quotes(&body.judge),
            Err(_) => judge_named_in(raw),
        };
        return Err(ScoreFileError::Tampered { file: file.to_owned(), judge });
    }
    let body = body.map_err(|e| body_problem(file, text, raw, &e))?;
    let signature = envelope.signature.map(|s| match (s.strip_prefix("hmac-sha256:"), s.strip_prefix("ed25519:")) {
        (Some(hmac), _) => sign::Signature::Hmac(hmac),
        (_, Some(ed)) => sign::Signature::Ed25519(ed),
        _ => sign::Signature::Hmac("-"),
    });
    Ok((raw, signature, body))
}

/// What is wrong in a body that does not read, placed in the file: the reader counts lines and
/// columns from the body's start, part-way along the file's first line.
fn body_problem(file: &str, text: &str, raw: &str, e: &serde_json::Error) -> ScoreFileError {
    // serde quotes what it found (an unknown key, a string where a number goes): shown, never
    // sent to the terminal as it came.
    let said = crate::plain::plain(&crate::sanitize::visible(&e.to_string()));
    let said = said.split(" at line ").next().unwrap_or(&said);
    let offset = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    let before = text.get(..offset).unwrap_or_default();
    let lines_before = before.matches('\n').count();
    let (line, column) = if e.line() <= 1 {
        (lines_before + 1, before.len() - before.rfind('\n').map_or(0, |i| i + 1) + e.column())
    } else {
        (lines_before + e.line(), e.column())
    };
    ScoreFileError::Invalid {
        file: file.to_owned(),
        problem: format!("{said}, at line {line}, column {column}: {EXPORT_AGAIN}"),
        kind: "not as `judging export` writes it",
    }
}

/// The judge a body that does not read names, quoted for a message: "no judge" where it names
/// none.
fn judge_named_in(raw: &str) -> String {
    serde_json::from_str::<serde_json::Value>(raw)
        .ok()
        .and_then(|v| v.get("judge").and_then(serde_json::Value::as_str).map(in_quotes))
        .unwrap_or_else(|| "no judge".to_owned())
}

/// A file under a name judging.toml does not list, with keys in use. A name drawn like a listed
/// judge's ("mir\u{430}") is spelled out, or it reads as hers.
fn unknown_judge(file: String, judge: &str, config: &Config) -> ScoreFileError {
    match crate::model::only_looks_like(judge, config.judges.iter().map(|j| j.name.as_str())) {
        Some(like) => ScoreFileError::UnknownJudge {
            file,
            judge: crate::sanitize::spelled(judge),
            like: format!(" (it only looks like listed judge {}, spelled with other letters)", in_quotes(like)),
        },
        None => ScoreFileError::UnknownJudge { file, judge: in_quotes(judge), like: String::new() },
    }
}

/// Why a file is not signed as judging.toml requires.
enum Unsigned {
    /// With keys in use, a name that is not a judge of judging.toml (or only looks like one).
    Unknown,
    /// With keys in use, a judge judging.toml lists with none.
    Keyless,
    Not(&'static str),
}

/// What checks a judge's files, as judging.toml stands: the one place that says it, for the
/// signature check ([`unsigned`]) and for the key the head judge's store remembers with each
/// judge's newest file ([`key_fingerprint`]).
enum Checker<'a> {
    /// The public key listed for them. Once one is listed it alone counts: a secret of earlier
    /// builds was handed round, and whoever saw it could otherwise still sign as them.
    Public(&'a str),
    /// A secret of earlier builds kept for them, with no public key listed.
    Secret(&'a str),
    /// No key, and none required: any file under their name is taken, signed or not.
    Nobody,
    /// No file under their name is taken: keys are in use, and judging.toml lists no key for
    /// them (or does not list them).
    Refused(Unsigned),
}

fn checker<'a>(config: &'a Config, judge: &str) -> Checker<'a> {
    let Some(listed) = config.judge(judge) else {
        return if config.signatures_required() { Checker::Refused(Unsigned::Unknown) } else { Checker::Nobody };
    };
    match (listed.public_key.as_deref(), listed.key.as_deref()) {
        (Some(public), _) => Checker::Public(public),
        (None, Some(secret)) => Checker::Secret(secret),
        (None, None) if config.signatures_required() => Checker::Refused(Unsigned::Keyless),
        (None, None) => Checker::Nobody,
    }
}

/// Whether the file is signed as judging.toml requires of its judge: by the public key listed
/// for them, or (earlier builds' files) by the secret kept for them. `None` when it is.
fn unsigned(config: &Config, judge: &str, body: &[u8], signature: Option<sign::Signature>) -> Option<Unsigned> {
    let holds = match (checker(config, judge), signature) {
        (Checker::Refused(why), _) => return Some(why),
        (Checker::Nobody, _) => return None,
        (_, None) => return Some(Unsigned::Not("not signed")),
        (Checker::Public(public), Some(sign::Signature::Ed25519(s))) => sign::ed25519_holds(body, public, s),
        (Checker::Secret(secret), Some(sign::Signature::Hmac(s))) => sign::hmac_holds(body, secret, s),
        (Checker::Public(_) | Checker::Secret(_), Some(_)) => false,
    };
    (!holds).then_some(Unsigned::Not("signed with another key, or edited"))
}

/// What the head judge's store remembers with a judge's newest file: the fingerprint of the key
/// that checks the judge's files as judging.toml stands (a file taken in was checked by it). A
/// public key's is `ed25519:` and the SHA-256 of its bytes; a secret of earlier builds' is
/// `hmac-sha256:` and the SHA-256 of the secret (the secret itself is never written to the
/// store); `unsigned` where judging.toml asks for no key of the judge. `None` where no file of the
/// judge is taken now: keys are in use and none is listed for them, or theirs is no key.
pub fn key_fingerprint(config: &Config, judge: &str) -> Option<String> {
    match checker(config, judge) {
        Checker::Public(public) => {
            sign::public_key(public).ok().map(|k| format!("{}{}", sign::PUBLIC_PREFIX, sign::digest_hex(k.as_bytes())))
        }
        Checker::Secret(secret) => Some(format!("hmac-sha256:{}", sign::digest_hex(secret.as_bytes()))),
        Checker::Nobody => Some(UNSIGNED.to_owned()),
        Checker::Refused(_) => None,
    }
}

/// [`key_fingerprint`] of a judge whose files no key checks.
pub const UNSIGNED: &str = "unsigned";

#[cfg(test)]
mod tests {
    use super::*;

    fn body(scores: Vec<ScoreRow>) -> Body {
        let config = Config::builtin();
        Body {
            event: config.event.id.clone(),
            rubric: rubric_fingerprint(&config),
            judge: "mira".into(),
            written_at: "2026-06-21T10:00:00.000Z".into(),
            criteria: config.criteria.iter().map(|c| c.id.clone()).collect(),
            scores,
            ..Body::default()
        }
    }

    #[test]
    fn times_are_written_as_seconds_after_the_first() {
        let rows = vec![
            (
                "a".to_owned(),
                vec![Some(3), None, Some(5)],
                vec![Some(1_781_000_000_999), None, Some(1_781_000_090_000)],
            ),
            ("b".to_owned(), vec![Some(1), Some(2), Some(3)], vec![Some(1_781_000_001_000); 3]),
        ];
        let text = write(&body(rows), None).expect("json");
        let (_, signature, raw) = split(&text).expect("as written");
        assert!(signature.is_none());
        let v: serde_json::Value = serde_json::from_str(raw).expect("json");
        assert_eq!(v["times_from"], 1_781_000_000);
        assert_eq!(v["scores"][0], serde_json::json!(["a", [3, null, 5], [0, null, 90]]));
        assert_eq!(v["scores"][1][2], serde_json::json!([1, 1, 1]));
    }

    /// Without the store's ids no file is placed, and no more are read for nothing: each reader
    /// stops at its first, where it had read and checked all 40 only to refuse every one.
    #[test]
    fn without_the_stores_ids_the_reading_stops_at_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let row = |id: &str| (id.to_owned(), vec![Some(3); 3], vec![None; 3]);
        let text = write(&body(vec![row("a"), row("b")]), None).expect("json");
        let files: Vec<std::path::PathBuf> = (0..40)
            .map(|k| {
                let path = dir.path().join(format!("j{k}.json"));
                std::fs::write(&path, &text).expect("write");
                path
            })
            .collect();
        let problems = read_all_before(&files, &Config::builtin(), || None).expect_err("no ids, no merge");
        assert!(problems.iter().all(|p| matches!(p, ScoreFileError::Stopped)), "{problems:?}");
        assert!((1..=2).contains(&problems.len()), "one a reader, not one a file: {}", problems.len());
    }

    /// Two rows for one submission are refused wherever they stand: side by side in rows sorted
    /// as the app writes them, or apart in rows in any other order.
    #[test]
    fn two_rows_for_one_submission_are_refused_in_any_order() {
        let config = Config::builtin();
        let row = |id: &str| (id.to_owned(), vec![Some(3); 3], vec![None; 3]);
        for (ids, twice) in
            [(["a", "a", "b"], true), (["b", "a", "b"], true), (["a", "b", "c"], false), (["c", "a", "b"], false)]
        {
            let text = write(&body(ids.iter().map(|id| row(id)).collect()), None).expect("json");
            let read = read(text.as_bytes(), "mira.json", &config);
            let refused = read.as_ref().err().is_some_and(|e| e.to_string().contains("two rows for one submission"));
            assert_eq!(refused, twice, "{ids:?}: {:?}", read.err());
        }
    }

    /// A value a file is refused for is shown with its controls, never cleaned into the value it
    /// would pass for ("a\u{1b}[0m" is not "a", "mira\u{1b}[8m" is not the listed "mira").
    #[test]
    fn a_value_a_file_is_refused_for_is_shown_with_its_controls() {
        let row = |id: &str| (id.to_owned(), vec![Some(3); 3], vec![None; 3]);
        let mut signed = Config::builtin();
        signed.merge.require_signatures = true;
        let builtin = Config::builtin();
        let cases: [(Body, &Config, &str); 5] = [
            (body(vec![row("a\u{1b}[0m"), row("a\u{1b}[0m")]), &builtin, "a\\u{1b}[0m: two rows for one submission"),
            (body(vec![("a\u{7}".into(), vec![Some(3)], vec![None])]), &builtin, "a\\u{7}: 1 values for 3 criteria"),
            (
                Body { judge: "mira\u{1b}[8m".into(), ..body(Vec::new()) },
                &signed,
                "judge \"mira\\u{1b}[8m\" is not in judging.toml's [[judges]]",
            ),
            (
                Body { revisions: [("a\u{1b}[0m".to_owned(), "zz\u{7}".to_owned())].into(), ..body(Vec::new()) },
                &builtin,
                "revisions: a\\u{1b}[0m = \"zz\\u{7}\"",
            ),
            (
                Body { timings: [("a\u{1b}[0m".to_owned(), -1.0)].into(), ..body(Vec::new()) },
                &builtin,
                "timings: a\\u{1b}[0m = -1",
            ),
        ];
        for (written, config, want) in cases {
            let text = write(&written, None).expect("json");
            let said = read(text.as_bytes(), "mira.json", config).map(|_| ()).expect_err(want).to_string();
            assert!(said.contains(want), "wanted {want:?} in {said}");
            assert!(!said.contains(['\u{1b}', '\u{7}']), "{said:?}");
        }
    }

    /// An entry given twice in a map of the body is refused naming the file, the map and the
    /// entry, in a file as written (its digest made to match) and in a version 1 file alike; the
    /// file with each entry once reads as before.
    #[test]
    fn an_entry_given_twice_in_a_map_is_refused_naming_the_file() {
        let config = Config::builtin();
        let mut once = body(vec![("sprout-sense".to_owned(), vec![Some(3); 3], vec![Some(1_781_000_000_000); 3])]);
        once.texts[crate::model::TextPart::Note] = [("sprout-sense".to_owned(), "kind".to_owned())].into();
        let text = write(&once, None).expect("json");
        let read_once = read(text.as_bytes(), "mira.json", &config).expect("once: read as before");
        assert_eq!(read_once.texts[crate::model::TextPart::Note]["sprout-sense"], "kind");
        let (digest, _, raw) = split(&text).expect("as written");
        let twice = raw
            .replace(r#""notes":{"sprout-sense":"kind"}"#, r#""notes":{"sprout-sense":"kind","sprout-sense":"cruel"}"#);
        assert_ne!(twice, raw);
        let sha = sign::digest_hex(twice.as_bytes());
        let as_written = text.replace(raw, &twice).replace(digest, &sha);
        let version_1 =
            format!("{{\"format\":\"judging-scores\",\"version\":1,\"body\":{twice},\"digest\":\"sha256:{sha}\"}}");
        for file in [as_written, version_1] {
            let said = read(file.as_bytes(), "mira.json", &config).map(|_| ()).expect_err(&file).to_string();
            assert!(
                said.starts_with("mira.json: notes has \"sprout-sense\" twice; the app writes each entry once"),
                "{said}"
            );
        }
    }

    /// The same judge's scores as version 1 wrote them: the body first (times in Unix
    /// milliseconds), its digest after it.
    fn version_1(rows: &[ScoreRow], recused: &str) -> String {
        let config = Config::builtin();
        let body = serde_json::json!({
            "event": config.event.id,
            "rubric": rubric_fingerprint(&config),
            "judge": "mira",
            "written_at": "2026-06-21T10:00:00.000Z",
            "criteria": ["utility", "latency", "cost"],
            "scores": rows,
            "notes": {},
            "timings": {},
            "recusals": {recused: "my cousin's team"},
        })
        .to_string();
        let digest = sign::digest_hex(body.as_bytes());
        format!("{{\"format\":\"judging-scores\",\"version\":1,\"body\":{body},\"digest\":\"sha256:{digest}\"}}")
    }

    /// A file with comparisons is version 5, signed over them like the scores; one without is
    /// version 4, as earlier builds read; a pair answered twice, of one entry or with a verdict
    /// that is not one of the three is refused by name.
    #[test]
    fn comparisons_travel_in_version_5_signed_and_checked() {
        use crate::model::{Compared, Pair, Verdict};
        let key = sign::PrivateKey::generate().expect("key");
        let mut config = Config::builtin();
        config.judges[0].public_key = Some(key.public());
        let rows = vec![("sprout-sense".to_owned(), vec![Some(4), Some(3), Some(5)], vec![Some(0); 3])];
        let without = write(&body(rows.clone()), Some(Signer::Key(&key))).expect("json");
        assert!(without.starts_with(PREFIXES[1]), "no comparisons: version 4");
        let mut with = body(rows);
        let pair = Pair::new("sprout-sense", "pantry-poet").expect("pair");
        with.comparisons = vec![(pair, Compared { verdict: Verdict::Second, note: Some("kinder".into()) })];
        let text = write(&with, Some(Signer::Key(&key))).expect("json");
        assert!(text.starts_with(PREFIXES[0]), "{text}");
        let read_back = read(text.as_bytes(), "five.json", &config).expect("reads");
        let row = &read_back.comparisons[0];
        assert_eq!(
            (row.pair[0].as_ref(), row.pair[1].as_ref(), row.verdict.as_ref()),
            ("pantry-poet", "sprout-sense", "second")
        );
        assert_eq!(row.note.as_deref(), Some("kinder"));
        let turned = text.replace("\"verdict\":\"second\"", "\"verdict\":\"first\"");
        assert!(read(turned.as_bytes(), "turned.json", &config).is_err(), "an answer turned round shows");
        let unsigned = |edit: &dyn Fn(&mut Body)| {
            let mut b = with.clone();
            edit(&mut b);
            read(write(&b, None).expect("json").as_bytes(), "bad.json", &Config::builtin())
                .map(|_| ())
                .expect_err("refused")
                .to_string()
        };
        let again = |b: &mut Body| {
            let pair = Pair::new("pantry-poet", "sprout-sense").expect("pair");
            b.comparisons.push((pair, Compared { verdict: Verdict::Level, note: None }));
        };
        assert!(unsigned(&again).contains("answered twice"), "{}", unsigned(&again));
        let one = |b: &mut Body| b.comparisons[0].0 = Pair { first: "a".into(), second: "a".into() };
        assert!(unsigned(&one).contains("a pair of one entry"), "{}", unsigned(&one));
        // Each says what would put it right: the app writes neither, so the judge exports again.
        for said in [unsigned(&again), unsigned(&one)] {
            assert!(said.contains(&format!("ask {} to export again", with.judge)), "{said}");
        }
    }

    #[test]
    fn the_fast_path_and_the_slow_path_agree() {
        let config = Config::builtin();
        let rows = vec![
            ("sprout-sense".to_owned(), vec![Some(4), Some(3), Some(5)], vec![Some(1_781_000_000_000); 3]),
            ("pantry-poet".to_owned(), vec![Some(2), None, Some(1)], vec![Some(1_781_000_090_000), None, Some(0)]),
        ];
        let mut v2 = body(rows.clone());
        v2.texts[crate::model::TextPart::Recusal].insert("pill-pal".into(), "my cousin's team".into());
        let fast_text = write(&v2, None).expect("json");
        assert!(split(&fast_text).is_some(), "a version 2 file as written takes the fast path");
        let slow_text = version_1(&rows, "pill-pal");
        assert!(split(&slow_text).is_none(), "a version 1 file takes the slow path");
        let fast = read(fast_text.as_bytes(), "v2.json", &config).expect("v2 reads");
        let slow = read(slow_text.as_bytes(), "v1.json", &config).expect("v1 reads");
        let seen = |b: &Checked| {
            let scores: Vec<(String, Vec<Option<u8>>)> =
                b.scores.iter().map(|(id, values, _)| (id.to_string(), values.to_vec())).collect();
            let recused: Vec<String> =
                b.texts[crate::model::TextPart::Recusal].keys().map(ToString::to_string).collect();
            (b.judge.to_string(), b.written_at.to_string(), scores, recused)
        };
        assert_eq!(seen(&fast), seen(&slow));
        assert_eq!(seen(&fast).2.len(), 2);
        // When each row was given, in Unix seconds, whichever way the version counts time.
        let given = |b: &Checked| b.scores.iter().map(|row| b.given(row.2)).collect::<Vec<_>>();
        assert_eq!(given(&fast), [Some(1_781_000_000.0), Some(1_781_000_090.0)]);
        assert_eq!(given(&slow), given(&fast));
    }

    /// A score file is shown too (`export -o -`, a repo's page): an entry id from the export
    /// with a bidi override or a C1 control, or a note with an isolate, went into it raw. Each
    /// is written escaped, and the file reads back, its digest whole, with the text as given.
    #[test]
    fn a_written_file_holds_nothing_a_reader_cannot_see_and_reads_back() {
        let config = Config::builtin();
        let id = "sprout\u{202e}\u{9b}sense".to_owned();
        let mut hostile = body(vec![(id.clone(), vec![Some(4), Some(3), Some(5)], vec![Some(1_781_000_000_000); 3])]);
        hostile.texts[crate::model::TextPart::Note].insert(id.clone(), "fine \u{2066}x\u{2069} \u{200b}".into());
        let text = write(&hostile, None).expect("json");
        assert!(text.chars().all(|c| c == '\n' || !crate::sanitize::hides(c)), "{text:?}");
        assert!(split(&text).is_some(), "the fast path still reads it: {text}");
        let read_back = read(text.as_bytes(), "hostile.json", &config).expect("reads");
        assert_eq!(read_back.scores.iter().map(|r| r.0.to_string()).collect::<Vec<_>>(), [id.as_str()]);
        assert_eq!(read_back.texts[crate::model::TextPart::Note][id.as_str()], "fine \u{2066}x\u{2069} \u{200b}");
    }

    /// A refusal names the file's judge as written, what hides in the name shown: "ask
    /// mira\u{200b} to export again" read as "ask mira", a listed judge who wrote no such file.
    #[test]
    fn a_refusal_names_the_judge_with_what_hides_in_the_name() {
        let config = Config::builtin();
        let mut out_of_scale = body(vec![("sprout-sense".into(), vec![Some(9), Some(3), Some(5)], vec![Some(0); 3])]);
        out_of_scale.judge = "mira\u{200b}".into();
        let mut negative = body(Vec::new());
        negative.judge = "mira\u{200b}".into();
        negative.readings.insert("sprout-sense".into(), vec![-1.0]);
        for (name, b) in [("scale.json", out_of_scale), ("stopwatch.json", negative)] {
            let text = write(&b, None).expect("json");
            let said = read(text.as_bytes(), name, &config).map(|_| ()).expect_err("refused").to_string();
            assert!(said.contains("ask mira\\u{200b} to export again"), "{name}: {said}");
            assert!(!said.chars().any(crate::sanitize::hides), "{name}: {said:?}");
        }
    }

    #[test]
    fn an_edit_shows_on_either_path() {
        let config = Config::builtin();
        let rows = vec![("sprout-sense".to_owned(), vec![Some(4), Some(3), Some(5)], vec![Some(0); 3])];
        let text = write(&body(rows.clone()), Some(Signer::Secret("a-key-of-sixteen-chars"))).expect("json");
        // The same file with its header after the body: valid JSON, but not as written.
        let (digest, signature, raw) = split(&text).expect("split");
        let moved = format!(
            "{{\"body\":{raw},\"format\":\"judging-scores\",\"version\":2,\"digest\":\"sha256:{digest}\",\"signature\":\"hmac-sha256:{}\"}}",
            match signature.expect("signed") {
                sign::Signature::Hmac(s) | sign::Signature::Ed25519(s) => s,
            }
        );
        let v1_edited = version_1(&rows, "pill-pal").replace("[4,3,5]", "[5,5,5]");
        for (name, edited) in [("moved.json", moved), ("v1.json", v1_edited)] {
            let err = read(edited.as_bytes(), name, &config).expect_err("edited");
            assert!(matches!(err, ScoreFileError::Tampered { .. }), "{name}: {err}");
        }
    }

    /// With keys in use, a file under a name that only looks like a listed judge's (a Cyrillic
    /// "а" in "mira") is refused as no judge of the event; the message had shown the name as it
    /// looks, "mirа", beside "not in judging.toml's [[judges]]", where "mira" is. It says whom it
    /// looks like, its other letters shown as their code points.
    #[test]
    fn a_name_that_only_looks_like_a_listed_judges_is_said_so() {
        let (mira, eve) = (sign::PrivateKey::generate().expect("key"), sign::PrivateKey::generate().expect("key"));
        let mut config = Config::builtin();
        config.judges[0].public_key = Some(mira.public());
        let rows = vec![("sprout-sense".to_owned(), vec![Some(4), Some(3), Some(5)], vec![Some(0); 3])];
        let forged = Body { judge: "mir\u{430}".into(), ..body(rows) };
        let text = write(&forged, Some(Signer::Key(&eve))).expect("json");
        let said = read(text.as_bytes(), "eve.json", &config).map(|_| ()).expect_err("refused").to_string();
        assert!(said.contains("judge \"mir\\u{430}\" is not in judging.toml's [[judges]]"), "{said}");
        assert!(said.contains("it only looks like listed judge \"mira\""), "{said}");
    }

    /// A judge whose public key is listed signs with it alone: the shared secret of earlier
    /// builds, which others may have seen, no longer signs for them.
    #[test]
    fn a_listed_public_key_supersedes_a_shared_secret() {
        let key = sign::PrivateKey::generate().expect("key");
        let mut config = Config::builtin();
        config.judges = vec![crate::config::Judge {
            public_key: Some(key.public()),
            key: Some("a-key-of-sixteen-chars".into()),
            ..crate::config::Judge::named("mira")
        }];
        let rows = vec![("sprout-sense".to_owned(), vec![Some(4), Some(3), Some(5)], vec![Some(0); 3])];
        let by_secret = write(&body(rows.clone()), Some(Signer::Secret("a-key-of-sixteen-chars"))).expect("json");
        let err = read(by_secret.as_bytes(), "s.json", &config).expect_err("the secret no longer counts");
        assert!(matches!(err, ScoreFileError::Signature { .. }), "{err}");
        let by_key = write(&body(rows), Some(Signer::Key(&key))).expect("json");
        assert!(read(by_key.as_bytes(), "k.json", &config).is_ok());
        config.judges[0].public_key = None;
        assert!(
            read(by_secret.as_bytes(), "s.json", &config).is_ok(),
            "without a public key the secret still verifies"
        );
    }
}
