//! The organizers' files: judging.toml, and beside it the assignments, the head judge's decisions
//! on ties and the prizes' value files. Reading them is here, at the edge; what they mean is in
//! the core (`config`, `assign`, `prizes`), which never touches a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::assign::Assignments;
use crate::config::{self, Config, PrizeBy};
use crate::prizes::Decision;

/// A file the organizers wrote could not be used. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read {}: {}{}", path.display(), crate::disk::io_reason(source), crate::disk::read_hint(path, source))]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

impl FileError {
    fn invalid(path: &Path, message: impl std::fmt::Display) -> FileError {
        FileError::Invalid { path: path.to_path_buf(), message: message.to_string().trim_end().to_owned() }
    }

    /// The file it is about.
    pub fn path(&self) -> &Path {
        match self {
            FileError::Read { path, .. } | FileError::Invalid { path, .. } => path,
        }
    }

    /// Each problem on a line of its own, naming the file ("decisions.toml: line 4 …"): a file
    /// that does not read may have several, one a line of its message.
    pub fn each_problem(&self) -> Vec<String> {
        match self {
            // A syntax error is one problem said over several lines (the line and a caret under
            // its place): each had been counted as a problem ("5 problems" of one `[` unclosed).
            FileError::Invalid { path, message } if message.starts_with(crate::plain::TOML_SYNTAX) => {
                vec![format!("{}: {message}", path.display())]
            }
            FileError::Invalid { path, message } => {
                let name = path.display().to_string();
                message.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{name}: {l}")).collect()
            }
            read @ FileError::Read { .. } => vec![read.to_string()],
        }
    }
}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The file read, or `None` for the built-in event.
    pub path: Option<PathBuf>,
}

impl Loaded {
    /// How a message names where the event's settings came from: see [`settings_named`].
    pub fn settings(&self) -> &'static str {
        settings_named(self.path.is_none())
    }
}

/// How a message names where the event's settings come from: judging.toml, or the built-in
/// event where no file was read (a judge told "judging.toml lists a conflict" looks for a file
/// that is not there).
pub fn settings_named(builtin: bool) -> &'static str {
    if builtin { "the built-in event" } else { "judging.toml" }
}

/// Reads the configuration. `explicit` is a path the user named: it must exist. Without one,
/// ./judging.toml is used when present, else the one `judging join` put in the config folder, and
/// the built-in event otherwise.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, FileError> {
    let path = if let Some(p) = explicit {
        p.to_path_buf()
    } else {
        let default = PathBuf::from("judging.toml");
        // Here, else the event `judging join` set up, else the built-in one.
        match crate::paths::joined_config_to_read() {
            _ if default.exists() => default,
            Some(joined) if joined.exists() => joined,
            _ => return Ok(Loaded { config: Config::builtin(), path: None }),
        }
    };
    let text = read(&path)?.ok_or_else(|| FileError::Read {
        path: path.clone(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
    })?;
    let config = config::parse(&text).map_err(|e| FileError::invalid(&path, e))?;
    Ok(Loaded { config, path: Some(path) })
}

/// A file's text, or `None` when it does not exist.
fn read(path: &Path) -> Result<Option<String>, FileError> {
    if !path.exists() {
        return Ok(None);
    }
    let bytes = crate::disk::read_capped(path, SMALL).map_err(|e| FileError::invalid(path, e))?;
    String::from_utf8(bytes).map(Some).map_err(|_| FileError::invalid(path, "not UTF-8 text: save it as UTF-8"))
}

/// Far more than any judging.toml, assignments or decisions file; far less than a problem.
pub const SMALL: u64 = crate::limits::EVENT_FILE_BYTES;

impl Loaded {
    /// The built-in event, as if no judging.toml were here.
    pub fn builtin() -> Loaded {
        Loaded { config: Config::builtin(), path: None }
    }

    /// The folder that relative paths in the file are taken from.
    pub fn base_dir(&self) -> PathBuf {
        self.path.as_deref().and_then(Path::parent).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    /// Where `judging assign` writes, and the judges' app reads, the assignments.
    pub fn assignments_path(&self) -> PathBuf {
        self.base_dir().join(&self.config.assign.file)
    }

    /// Refuses `path`, a file judging.toml names beside it, where a symbolic link on the way
    /// takes it out of judging.toml's folder: the text of the path is checked when the file is
    /// loaded (`config::travel`), but a link planted beside it (export.csv → /etc/passwd, a
    /// folder linked elsewhere) would have had a pull read, `assign` write, or `sync init`
    /// upload a file outside. A file not yet written is judged by its nearest folder.
    pub fn inside(&self, path: &Path) -> Result<(), FileError> {
        // The built-in event, or one made in code, is no file that travels.
        if self.path.is_none() {
            return Ok(());
        }
        // judging.toml in the current folder has "" for its folder, which names no file.
        let base = self.base_dir();
        let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
        // A folder that cannot be resolved is refused, not taken on trust.
        let folder = std::fs::canonicalize(&base)
            .map_err(|e| FileError::invalid(path, format!("cannot resolve its folder {}: {e}", base.display())))?;
        let mut probe = path.to_path_buf();
        let real = loop {
            match std::fs::canonicalize(&probe) {
                Ok(real) => break real,
                Err(_) if probe.pop() && !probe.as_os_str().is_empty() => {}
                Err(_) => return Ok(()),
            }
        };
        if real.starts_with(&folder) {
            return Ok(());
        }
        Err(FileError::invalid(
            path,
            format!(
                "a symbolic link takes it out of judging.toml's folder (to {}): judging.toml names files beside it only, as it travels to every judge; put the file itself in {}",
                crate::sanitize::visible(&real.display().to_string()),
                crate::sanitize::visible(&folder.display().to_string())
            ),
        ))
    }

    /// The text of `path`, a file judging.toml names, if it exists: [`Loaded::inside`] first.
    pub(crate) fn read_beside(&self, path: &Path) -> Result<Option<String>, FileError> {
        self.inside(path)?;
        read(path)
    }

    /// The assignments beside judging.toml, if `judging assign` wrote them; an unreadable file,
    /// or one for another event, is an error that names it.
    pub fn assignments(&self) -> Result<Option<Assignments>, FileError> {
        let path = self.assignments_path();
        let Some(text) = self.read_beside(&path)? else { return Ok(None) };
        Assignments::parse(&text, &self.config.event.id).map(Some).map_err(|e| FileError::invalid(&path, e))
    }

    /// The head judge's decisions on ties: the file named on the command line, else
    /// `results.decisions` beside judging.toml when it exists. Returns the file read, if any.
    pub fn decisions(&self, explicit: Option<&Path>) -> Result<(Option<PathBuf>, Vec<Decision>), FileError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None if self.config.results.decisions.is_empty() => return Ok((None, Vec::new())),
            None => self.base_dir().join(&self.config.results.decisions),
        };
        if explicit.is_none() {
            self.inside(&path)?;
        }
        match read(&path)? {
            Some(text) => {
                let decisions = crate::prizes::decisions::parse(&text, &self.config.prizes)
                    .map_err(|e| FileError::invalid(&path, e))?;
                Ok((Some(path), decisions))
            }
            None if explicit.is_some() => {
                Err(FileError::Read { path, source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file") })
            }
            None => Ok((None, Vec::new())),
        }
    }

    /// Where the head judge's decisions are kept, or `None` when judging.toml keeps none
    /// (`results.decisions = ""`).
    pub fn decisions_path(&self) -> Option<PathBuf> {
        let name = &self.config.results.decisions;
        (!name.is_empty()).then(|| self.base_dir().join(name))
    }

    /// Adds the head judge's decision on a tie to the decisions file, after what is there (the
    /// head judge's comments and earlier decisions are kept as they are). The file as it would be
    /// is checked first, as `judging results` checks it: a problem leaves the file as it was.
    /// `known` are the entries in the store.
    pub fn record_decision(
        &self,
        decision: &Decision,
        known: &std::collections::HashSet<&str>,
    ) -> Result<PathBuf, FileError> {
        let Some(path) = self.decisions_path() else {
            return Err(FileError::Invalid {
                path: self.path.clone().unwrap_or_else(|| PathBuf::from("judging.toml")),
                message: "results.decisions = \"\": this event keeps no decisions file; name one (decisions.toml) to record decisions".into(),
            });
        };
        let before = self.read_beside(&path)?.unwrap_or_default();
        let earlier =
            crate::prizes::decisions::parse(&before, &self.config.prizes).map_err(|e| FileError::invalid(&path, e))?;
        let same_tie = |d: &Decision| d.settles(&decision.prize, decision.order.iter().map(String::as_str));
        if let Some(i) = earlier.iter().position(same_tie) {
            // At the line of its order, the tie it settles, as every problem of the file is said.
            let at = earlier[i]
                .lines
                .as_ref()
                .map(|l| format!("{}: ", crate::config::line_said(&before, l.order.line)))
                .unwrap_or_default();
            return Err(FileError::invalid(
                &path,
                format!(
                    "{at}decisions[{i}] already settles this tie of prize {:?}: edit or remove it there, then decide again",
                    decision.prize
                ),
            ));
        }
        // The head judge reads and edits it: what they could not see is written as its escape.
        let quote = crate::sanitize::toml_string;
        let order: Vec<String> = decision.order.iter().map(|id| quote(id)).collect();
        let method = decision.method.as_deref().map(|m| format!("method = {}\n", quote(m))).unwrap_or_default();
        // The place of the tie it settled: where the same entries tie at another place later,
        // `results` asks the jury again rather than reapply it.
        let place = decision.place.map(|p| format!("place = {p}\n")).unwrap_or_default();
        let block = format!(
            "\n[[decisions]]\nprize = {}\norder = [{}]\nreason = {}\n{method}{place}",
            quote(&decision.prize),
            order.join(", "),
            quote(decision.reason.trim())
        );
        let mut after = before.clone();
        if !after.is_empty() && !after.ends_with('\n') {
            after.push('\n');
        }
        after.push_str(&block);
        let all =
            crate::prizes::decisions::parse(&after, &self.config.prizes).map_err(|e| FileError::invalid(&path, e))?;
        let problems = crate::prizes::decisions::problems(&all, &self.config.prizes, known);
        if let Some(first) = problems.first() {
            return Err(FileError::invalid(&path, first));
        }
        crate::disk::write_durably(&path, after.as_bytes()).map_err(|e| FileError::invalid(&path, e))?;
        Ok(path)
    }

    /// Where `judging merge --finals` publishes the finals and everyone reads them; `None`
    /// without `[finals]`.
    pub fn finals_path(&self) -> Option<PathBuf> {
        self.config.finals.as_ref().map(|f| self.base_dir().join(&f.file))
    }

    /// The published finals, when `[finals]` is set and the file exists; a file that cannot be
    /// used is an error naming it and every problem, each at its line.
    pub fn published_finals(&self) -> Result<Option<crate::finals::published::Published>, FileError> {
        let Some(path) = self.finals_path() else { return Ok(None) };
        let Some(text) = self.read_beside(&path)? else { return Ok(None) };
        crate::finals::published::parse(&text, &self.config).map(Some).map_err(|problems| {
            let problems: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            FileError::invalid(
                &path,
                format!("{}:\n{}", crate::format::count(problems.len(), "problem", "problems"), problems.join("\n")),
            )
        })
    }

    /// Where a `by = "file"` prize's values are.
    pub fn prize_file(&self, file: &str) -> PathBuf {
        self.base_dir().join(file)
    }

    /// For each `by = "file"` prize, its file's value per entry.
    pub fn prize_values(&self) -> Result<HashMap<String, crate::prizes::values::Values>, FileError> {
        let mut out = HashMap::new();
        for p in self.config.prizes.iter().filter(|p| p.by == PrizeBy::File) {
            out.insert(p.id.clone(), self.prize_value(p)?);
        }
        Ok(out)
    }

    /// One `by = "file"` prize's file, read: `check` reads each on its own, so that one
    /// missing file hides no other's problems.
    pub fn prize_value(&self, p: &crate::config::Prize) -> Result<crate::prizes::values::Values, FileError> {
        let path = self.prize_file(p.file.as_deref().unwrap_or_default());
        self.inside(&path)?;
        let unreadable = |e: &dyn std::fmt::Display| {
            FileError::invalid(&path, format!("prize {:?} reads this file, and it cannot be read: {e}", p.id))
        };
        let bytes = crate::disk::read_capped(&path, SMALL).map_err(|e| unreadable(&e))?;
        let text = std::str::from_utf8(&bytes).map_err(|e| unreadable(&e))?;
        crate::prizes::values::parse(text).map_err(|e| FileError::invalid(&path, e))
    }

    /// A problem of the event's settings that only the export shows (a prize's tag no entry
    /// carries), said as judging.toml's own problems are: the file, then the line of the key the
    /// problem names first ([`config::at_its_line`]).
    pub fn located(&self, problem: &str) -> String {
        let said = self.text().map_or_else(|| problem.to_owned(), |text| config::at_its_line(&text, problem));
        format!("{}: {said}", self.describe())
    }

    /// The line of judging.toml a key is written at ([`config::line_of`]), for a problem that
    /// names a second entry beside the one it is at.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        config::line_of(&self.text()?, key)
    }

    /// judging.toml's text, as it is now: the built-in one where there is no file.
    fn text(&self) -> Option<String> {
        match &self.path {
            Some(path) => read(path).ok().flatten(),
            None => Some(config::BUILTIN.to_owned()),
        }
    }

    pub fn describe(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "the built-in Build Small event".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decisions file is the head judge's to read and edit: an entry's id from the export
    /// with a bidi override, or a reason typed with a zero-width space, went into it raw. Each
    /// is written as its escape, and reads back as decided.
    #[test]
    fn a_recorded_decision_holds_nothing_a_reader_cannot_see() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("judging.toml");
        std::fs::write(&path, "").expect("write");
        let mut config = Config::builtin();
        config.prizes.retain(|p| p.id == "backyard");
        let loaded = Loaded { config, path: Some(path) };
        let ids = ["sprout\u{202e}sense", "pill\u{2067}pal"];
        let decision = Decision {
            prize: "backyard".into(),
            order: ids.iter().map(|id| (*id).to_owned()).collect(),
            reason: "jury\u{200b} vote".into(),
            method: Some("calibrated".into()),
            place: Some(1),
            lines: None,
        };
        let known: std::collections::HashSet<&str> = ids.into_iter().collect();
        let written = loaded.record_decision(&decision, &known).expect("recorded");
        let text = std::fs::read_to_string(&written).expect("read");
        let hidden: Vec<char> = text.chars().filter(|c| *c != '\n' && crate::sanitize::hides(*c)).collect();
        assert!(hidden.is_empty(), "{hidden:?} in\n{text}");
        let (_, read_back) = loaded.decisions(None).expect("reads");
        assert_eq!(read_back, [decision]);
    }

    #[test]
    fn load_names_the_missing_file() {
        let err = load(Some(Path::new("/nonexistent/judging.toml"))).expect_err("missing");
        assert!(err.to_string().contains("/nonexistent/judging.toml"), "{err}");
    }
}
