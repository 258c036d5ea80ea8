//! A judge's score file: what travels from each judge's laptop to the head judge.
//!
//! Self-describing, versioned JSON: `{"format": "judging-scores", "version": 1, "body": {...},
//! "digest": "sha256:..."}`. The digest covers the body's exact bytes as written, so checking it
//! needs no re-serialising, and any edit to the body shows. The body names the rubric's criteria
//! once and gives one row per scored submission, which keeps 100 judges' files for 5,000 entries
//! small and quick to read.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::export::source::hex;
use crate::store::ScoreRow;
use crate::text::clean_line;

pub const FORMAT: &str = "judging-scores";
pub const VERSION: u32 = 1;
/// Far above 100 judges' worth of scores for 10,000 entries; far below a memory problem.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// What a judge gave, as written to the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    pub event: String,
    /// The rubric's fingerprint: criteria, scales and weights.
    pub rubric: String,
    pub judge: String,
    pub written_at: String,
    /// The rubric's criteria, in the order of each row's values.
    pub criteria: Vec<String>,
    /// Per scored submission: id, value per criterion (null if not scored), and when each was
    /// given in Unix milliseconds.
    pub scores: Vec<ScoreRow>,
    pub notes: BTreeMap<String, String>,
    /// Stopwatch seconds per submission.
    pub timings: BTreeMap<String, f64>,
    /// Reasons, per submission the judge recused from.
    pub recusals: BTreeMap<String, String>,
}

/// A body as the merge reads it: borrowed from the file's text, times and notes skipped.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checked<'a> {
    #[serde(borrow)]
    pub event: Cow<'a, str>,
    #[serde(borrow)]
    pub rubric: Cow<'a, str>,
    #[serde(borrow)]
    pub judge: Cow<'a, str>,
    #[serde(borrow)]
    pub written_at: Cow<'a, str>,
    #[serde(borrow)]
    pub criteria: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub scores: Vec<(Cow<'a, str>, Vec<Option<u8>>, IgnoredAny)>,
    pub notes: IgnoredAny,
    pub timings: IgnoredAny,
    #[serde(borrow)]
    pub recusals: BTreeMap<Cow<'a, str>, IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    body: &'a RawValue,
    digest: String,
    signature: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScoreFileError {
    #[error("{file}: empty: a score file is written by `judging export`")]
    Empty { file: String },
    #[error("{file}: {size} bytes is more than a score file can be ({} MiB at most)", MAX_BYTES / 1024 / 1024)]
    TooLarge { file: String, size: u64 },
    #[error("{file}: not a judging score file ({reason})")]
    NotScoreFile { file: String, reason: String },
    #[error("{file}: score file version {found}; this judging reads version {VERSION}: upgrade judging")]
    Version { file: String, found: u32 },
    #[error("{file}: edited after it was written: its digest does not match its content. Ask {judge} to export again")]
    Tampered { file: String, judge: String },
    #[error("{file}: {problem}")]
    Invalid { file: String, problem: String },
    #[error(
        "{file}: judge {judge} has a key in judging.toml, and this file is {what}: ask {judge} to export again with their key"
    )]
    Signature { file: String, judge: String, what: &'static str },
}

type HmacSha256 = hmac::Hmac<Sha256>;

/// The HMAC-SHA256 of the body's bytes under the judge's key, in hex.
fn sign(body: &[u8], key: &str) -> String {
    use hmac::{KeyInit, Mac};
    // HMAC takes a key of any length.
    let mut mac = HmacSha256::new_from_slice(key.as_bytes()).expect("HMAC accepts any key length");
    mac.update(body);
    hex(&mac.finalize().into_bytes())
}

fn signature_holds(body: &[u8], key: &str, signature: &str) -> bool {
    use hmac::{KeyInit, Mac};
    let Some(given) = signature.strip_prefix("hmac-sha256:").and_then(unhex) else { return false };
    let Ok(mut mac) = HmacSha256::new_from_slice(key.as_bytes()) else { return false };
    mac.update(body);
    // verify_slice compares in constant time.
    mac.verify_slice(&given).is_ok()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    text.len().is_multiple_of(2).then_some(())?;
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// The rubric's fingerprint: two judges' files merge only if their rubrics agree.
pub fn rubric_fingerprint(config: &Config) -> String {
    let text: Vec<String> =
        config.criteria.iter().map(|c| format!("{}:{}-{}:{}", c.id, c.scale.low, c.scale.high, c.weight)).collect();
    format!("sha256:{}", &hex(&Sha256::digest(text.join(";").as_bytes()))[..32])
}

/// The file's text for a body, signed when the judge has a key. The key itself is never written.
pub fn write(body: &Body, key: Option<&str>) -> Result<String, serde_json::Error> {
    let body = serde_json::to_string(body)?;
    let digest = hex(&Sha256::digest(body.as_bytes()));
    let signature =
        key.map(|k| format!(",\"signature\":\"hmac-sha256:{}\"", sign(body.as_bytes(), k))).unwrap_or_default();
    Ok(format!(
        "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"body\":{body},\"digest\":\"sha256:{digest}\"{signature}}}\n"
    ))
}

/// Reads and checks a score file against the event: format, version, digest, event, rubric and
/// each score's scale. Unknown submissions are the caller's check.
pub fn read<'a>(text: &'a [u8], file: &str, config: &Config) -> Result<Checked<'a>, ScoreFileError> {
    let file = file.to_owned();
    if text.len() as u64 > MAX_BYTES {
        return Err(ScoreFileError::TooLarge { file, size: text.len() as u64 });
    }
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(ScoreFileError::Empty { file });
    }
    let not = |reason: String| ScoreFileError::NotScoreFile { file: file.clone(), reason };
    let text = std::str::from_utf8(text).map_err(|_| not("not UTF-8 text".into()))?;
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() { "cut short" } else { "broken JSON" };
        not(format!("{what} at line {}, column {}", e.line(), e.column()))
    })?;
    if envelope.format != FORMAT {
        return Err(not(format!("its format is {:?}", clean_line(&envelope.format))));
    }
    if envelope.version != VERSION {
        return Err(ScoreFileError::Version { file, found: envelope.version });
    }
    let raw = envelope.body.get();
    let body: Checked = serde_json::from_str(raw).map_err(|e| not(format!("its body: {e}")))?;
    if format!("sha256:{}", hex(&Sha256::digest(raw.as_bytes()))) != envelope.digest {
        return Err(ScoreFileError::Tampered { file, judge: clean_line(&body.judge) });
    }
    if let Some(key) = config.key_of(&body.judge) {
        let what = match &envelope.signature {
            None => Some("not signed"),
            Some(s) if !signature_holds(raw.as_bytes(), key, s) => Some("signed with another key, or edited"),
            Some(_) => None,
        };
        if let Some(what) = what {
            return Err(ScoreFileError::Signature { file, judge: clean_line(&body.judge), what });
        }
    }
    let invalid = |problem: String| ScoreFileError::Invalid { file: file.clone(), problem };
    if body.event != config.event.id {
        return Err(invalid(format!(
            "it is for event {:?}, and this judging.toml is for {:?}",
            clean_line(&body.event),
            config.event.id
        )));
    }
    let ids: Vec<&str> = config.criteria.iter().map(|c| c.id.as_str()).collect();
    if body.rubric != rubric_fingerprint(config) || body.criteria.iter().map(|c| c.as_ref()).ne(ids.iter().copied()) {
        return Err(invalid(
            "it was scored on another rubric (criteria, scales or weights differ from judging.toml)".into(),
        ));
    }
    for (submission, values, _) in &body.scores {
        if values.len() != config.criteria.len() {
            return Err(invalid(format!(
                "{}: {} values for {} criteria",
                clean_line(submission),
                values.len(),
                ids.len()
            )));
        }
        for (c, value) in config.criteria.iter().zip(values) {
            if let Some(v) = value.filter(|v| !c.scale.contains(i64::from(*v))) {
                return Err(invalid(format!(
                    "{}: {} = {v} is outside its scale {}-{}",
                    clean_line(submission),
                    c.id,
                    c.scale.low,
                    c.scale.high
                )));
            }
        }
    }
    Ok(body)
}
