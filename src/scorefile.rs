//! A judge's score file: what travels from each judge's laptop to the head judge.
//!
//! Self-describing, versioned JSON: `{"format": "judging-scores", "version": 1, "body": {...},
//! "digest": "sha256:..."}`. The digest covers the body's exact bytes as written, so checking it
//! needs no re-serialising, and any edit to the body shows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::export::source::hex;

pub const FORMAT: &str = "judging-scores";
pub const VERSION: u32 = 1;
/// Far above 100 judges' worth of scores for 10,000 entries; far below a memory problem.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// What a judge gave, as written to the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub event: String,
    /// The rubric's fingerprint: criteria, scales and weights.
    pub rubric: String,
    pub judge: String,
    pub written_at: String,
    /// Submission, criterion, value, when it was given.
    pub scores: Vec<(String, String, u8, String)>,
    pub notes: BTreeMap<String, String>,
    /// Stopwatch seconds per submission.
    pub timings: BTreeMap<String, f64>,
    /// Reasons, per submission the judge recused from.
    pub recusals: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    body: &'a RawValue,
    digest: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ScoreFileError {
    #[error("{file}: empty: a score file is written by `judging export`")]
    Empty { file: String },
    #[error("{file}: {size} bytes is more than a score file can be ({} MiB at most)", MAX_BYTES / 1024 / 1024)]
    TooLarge { file: String, size: usize },
    #[error("{file}: not a judging score file ({reason})")]
    NotScoreFile { file: String, reason: String },
    #[error("{file}: score file version {found}; this judging reads version {VERSION}: upgrade judging")]
    Version { file: String, found: u32 },
    #[error("{file}: edited after it was written: its digest does not match its content. Ask {judge} to export again")]
    Tampered { file: String, judge: String },
    #[error("{file}: {problem}")]
    Invalid { file: String, problem: String },
}

/// The rubric's fingerprint: two judges' files merge only if their rubrics agree.
pub fn rubric_fingerprint(config: &Config) -> String {
    let text: Vec<String> =
        config.criteria.iter().map(|c| format!("{}:{}-{}:{}", c.id, c.scale.low, c.scale.high, c.weight)).collect();
    format!("sha256:{}", &hex(&Sha256::digest(text.join(";").as_bytes()))[..32])
}

/// The file's text for a body.
pub fn write(body: &Body) -> Result<String, serde_json::Error> {
    let body = serde_json::to_string(body)?;
    let digest = hex(&Sha256::digest(body.as_bytes()));
    Ok(format!("{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"body\":{body},\"digest\":\"sha256:{digest}\"}}\n"))
}

/// Reads and checks a score file against the event: format, version, digest, event, rubric and
/// each score's criterion and scale. Unknown submissions are the caller's check.
pub fn read(bytes: &[u8], file: &str, config: &Config) -> Result<Body, ScoreFileError> {
    let file = file.to_owned();
    if bytes.len() > MAX_BYTES {
        return Err(ScoreFileError::TooLarge { file, size: bytes.len() });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ScoreFileError::Empty { file });
    }
    let not = |reason: String| ScoreFileError::NotScoreFile { file: file.clone(), reason };
    let text = std::str::from_utf8(bytes).map_err(|_| not("not UTF-8 text".into()))?;
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() { "cut short" } else { "broken JSON" };
        not(format!("{what} at line {}, column {}", e.line(), e.column()))
    })?;
    if envelope.format != FORMAT {
        return Err(not(format!("its format is {:?}", crate::text::clean_line(&envelope.format))));
    }
    if envelope.version != VERSION {
        return Err(ScoreFileError::Version { file, found: envelope.version });
    }
    let body: Body = serde_json::from_str(envelope.body.get()).map_err(|e| not(format!("its body: {e}")))?;
    let digest = format!("sha256:{}", hex(&Sha256::digest(envelope.body.get().as_bytes())));
    if digest != envelope.digest {
        return Err(ScoreFileError::Tampered { file, judge: crate::text::clean_line(&body.judge) });
    }
    let invalid = |problem: String| ScoreFileError::Invalid { file: file.clone(), problem };
    if body.event != config.event.id {
        return Err(invalid(format!(
            "it is for event {:?}, and this judging.toml is for {:?}",
            crate::text::clean_line(&body.event),
            config.event.id
        )));
    }
    if body.rubric != rubric_fingerprint(config) {
        return Err(invalid(
            "it was scored on another rubric (criteria, scales or weights differ from judging.toml)".into(),
        ));
    }
    for (submission, criterion, value, _) in &body.scores {
        let Some(c) = config.criterion(criterion) else {
            return Err(invalid(format!("{:?} is not a criterion of the rubric", crate::text::clean_line(criterion))));
        };
        if !c.scale.contains(i64::from(*value)) {
            return Err(invalid(format!(
                "{}: {criterion} = {value} is outside its scale {}-{}",
                crate::text::clean_line(submission),
                c.scale.low,
                c.scale.high
            )));
        }
    }
    Ok(body)
}
