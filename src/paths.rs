//! Where things live: the judge's name and the store's file.
//!
//! The store is one `SQLite` file per event and judge, under the XDG data directory
//! (`~/.local/share/judging/EVENT/JUDGE.sqlite` on Linux) unless `--db` or `JUDGING_DB` says
//! otherwise.

use std::path::{Path, PathBuf};

/// How the judge's name was found: the first run of the terminal app asks when it was only
/// guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JudgeSource {
    /// `--judge` or `JUDGING_JUDGE`.
    Given,
    /// The name saved by an earlier run.
    Remembered,
    /// The login name, or "judge" without one: a guess.
    Guessed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgeName {
    pub name: String,
    pub source: JudgeSource,
}

/// What a judge's name must be, said wherever one is refused: `--judge`, judging.toml's
/// `[[judges]]` and the assignments file hold the same names, so they pass the same test
/// ([`usable_judge`]).
pub const USABLE_JUDGE: &str = "1 to 64 printable characters, none of them invisible";

#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("judge name \"{0}\" is not usable: give {USABLE_JUDGE}, such as --judge ada")]
    BadJudge(String),
    #[error("no home folder to keep the store in: pass --db FILE or set JUDGING_DB")]
    NoDataDir,
}

/// Whether `name` can be a judge's: [`USABLE_JUDGE`], spaces around it aside. A name with a
/// character a reader cannot see could pass for another ("ana\u{200b}" for "ana"), and one
/// `--judge` refuses could never export or sign, so judging.toml and the assignments file are
/// held to this same test.
pub fn usable_judge(name: &str) -> bool {
    let trimmed = name.trim();
    !trimmed.is_empty() && trimmed.chars().count() <= 64 && !trimmed.chars().any(crate::sanitize::hides)
}

pub fn check_judge(name: &str) -> Result<String, PathError> {
    if !usable_judge(name) {
        return Err(PathError::BadJudge(crate::sanitize::quoted(name)));
    }
    Ok(name.trim().to_owned())
}

/// The judge: as given, else as remembered, else the login name, else "judge".
pub fn judge(given: Option<&str>) -> Result<JudgeName, PathError> {
    if let Some(name) = given {
        return Ok(JudgeName { name: check_judge(name)?, source: JudgeSource::Given });
    }
    if let Some(name) = remembered_judge().and_then(|n| check_judge(&n).ok()) {
        return Ok(JudgeName { name, source: JudgeSource::Remembered });
    }
    let login = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    let name = check_judge(&login).unwrap_or_else(|_| "judge".into());
    Ok(JudgeName { name, source: JudgeSource::Guessed })
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "judging")
}

/// Where `judging join` puts the event's judging.toml, with the assignments, finals and export it
/// names beside it: a folder of its own in judging's config folder, so that no file name a
/// shared judging.toml gives can reach the judge's signing key, remembered name or store (it
/// had been the config folder itself, and `assign.file = "keys/ana.key"` replaced ana's key).
pub fn joined_config() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join(JOINED).join("judging.toml"))
}

/// The folder of [`joined_config`], inside judging's config folder. No event's id can name it (an
/// id starts with a letter or a digit): where the config and data folders are one (macOS), an
/// event whose id it were would keep its stores in it, within reach of the files it fetches.
const JOINED: &str = "_joined";

/// The judging.toml `judging join` set up, to read: in its own folder, else where an earlier
/// build put it (the config folder's top), so that an event joined yesterday still opens today.
pub fn joined_config_to_read() -> Option<PathBuf> {
    let joined = joined_config()?;
    let earlier = dirs()?.config_dir().join("judging.toml");
    Some(if !joined.exists() && earlier.is_file() { earlier } else { joined })
}

fn remembered_judge_file() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("judge"))
}

fn remembered_judge() -> Option<String> {
    std::fs::read_to_string(remembered_judge_file()?).ok().map(|s| s.trim().to_owned())
}

/// Saves the judge's name for later runs, when the judge has chosen it.
pub fn remember_judge(name: &str) -> std::io::Result<()> {
    let Some(file) = remembered_judge_file() else {
        return Ok(());
    };
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::disk::write_durably(&file, format!("{name}\n").as_bytes()).map_err(std::io::Error::other)
}

/// A path as every message shows it: as given (`../big.csv`, not `./../big.csv`), each character
/// a terminal would act on, or a reader could not see, shown as its escape
/// ([`crate::sanitize::visible`]): cleaned, `JUDGING_DB=$'a\e[31mb'` had been said as "ab", which
/// names another file, beside a command that quoted it escaped.
pub fn shown(path: &Path) -> String {
    crate::sanitize::visible(&path.to_string_lossy())
}

/// The store's file for this event and judge. A store an earlier build named by the old rule
/// (`ana-lee.sqlite` for `Ana Lee`, which `Ana.Lee` shared) is opened where it is, so a judge's
/// scores from yesterday's build are still theirs today.
pub fn store_file(explicit: Option<PathBuf>, event_id: &str, judge: &str) -> Result<PathBuf, PathError> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    let dirs = dirs().ok_or(PathError::NoDataDir)?;
    let folder = dirs.data_dir().join(event_id);
    let file = folder.join(format!("{}.sqlite", crate::file_names::judge_stem(judge)));
    let legacy = folder.join(format!("{}.sqlite", legacy_stem(judge)));
    Ok(if !file.exists() && legacy.is_file() { legacy } else { file })
}

/// How builds before the one rule of `file_names` named a judge's store: lossy, so only ever
/// used to find a store that already exists.
fn legacy_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '_' { c.to_lowercase().next().unwrap_or(c) } else { '-' })
        .collect();
    let stem = stem.trim_matches('-').to_owned();
    if stem.is_empty() { "judge".into() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_builds_named_stores_as_before() {
        let cases =
            [("ada", "ada"), ("Ada Lovelace", "ada-lovelace"), ("../../etc", "etc"), ("é", "é"), ("///", "judge")];
        for (name, want) in cases {
            assert_eq!(legacy_stem(name), want, "{name}");
        }
    }

    #[test]
    fn judge_names_are_checked() {
        assert_eq!(check_judge("  ada ").ok().as_deref(), Some("ada"));
        assert!(check_judge("").is_err());
        assert!(check_judge("a\u{1b}[2Jb").is_err());
        assert!(check_judge(&"x".repeat(65)).is_err());
        // An invisible character would let "mi\u{200b}ra" pass for mira.
        assert!(check_judge("mi\u{200b}ra").is_err());
        let said = check_judge(&"y".repeat(5000)).expect_err("too long").to_string();
        assert!(said.len() < 200, "a long name is quoted short: {said}");
    }
}
