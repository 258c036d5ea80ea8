//! The judge's private signing key, kept in their config folder and readable by them alone
//! (`~/.config/judging/keys/JUDGE.key` on Linux). It never travels: only its public half is
//! printed, for the head judge to list in judging.toml.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::PathBuf;

use crate::signing::PrivateKey;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("this system has no config folder to keep a key in")]
    NoFolder,
    #[error("cannot read your key {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("cannot write your key {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}: others can read it (mode {mode:o}): run `chmod 600 {}` and ask yourself who could have copied it", path.display(), path.display())]
    Open { path: PathBuf, mode: u32 },
}

/// Where this judge's key is kept. `JUDGING_KEY_DIR` moves the folder (for a judge who keeps
/// keys on a removable drive, and for tests).
pub fn key_file(judge: &str) -> Result<PathBuf, KeyError> {
    let dir = match std::env::var_os("JUDGING_KEY_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => directories::ProjectDirs::from("", "", "judging").ok_or(KeyError::NoFolder)?.config_dir().join("keys"),
    };
    Ok(dir.join(format!("{}.key", crate::file_names::judge_stem(judge))))
}

/// The judge's key, if they have made one on this machine.
pub fn load(judge: &str) -> Result<Option<PrivateKey>, KeyError> {
    let path = key_file(judge)?;
    let meta = match std::fs::metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(KeyError::Read { path, reason: e.to_string() }),
    };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(KeyError::Open { path, mode });
    }
    let bytes = crate::disk::read_capped(&path, 4096)
        .map_err(|e| KeyError::Read { path: path.clone(), reason: e.to_string() })?;
    let text = String::from_utf8_lossy(&bytes);
    PrivateKey::from_text(&text).map(Some).map_err(|reason| KeyError::Read { path, reason })
}

/// Where [`make`] keeps the key a new one replaces: `JUDGE.key.old` beside it.
pub fn kept_as(path: &std::path::Path) -> PathBuf {
    let mut old = path.as_os_str().to_owned();
    old.push(".old");
    PathBuf::from(old)
}

/// Makes a new key for the judge and keeps it, readable by them alone. An earlier key is kept
/// beside it as `JUDGE.key.old`, never destroyed: files it signed may still need it.
pub fn make(judge: &str) -> Result<(PrivateKey, PathBuf), KeyError> {
    let path = key_file(judge)?;
    let fail = |source| KeyError::Write { path: path.clone(), source };
    if let Some(dir) = path.parent() {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(fail)?;
    }
    let key = PrivateKey::generate().map_err(|e| fail(std::io::Error::other(e)))?;
    if path.exists() {
        std::fs::rename(&path, kept_as(&path)).map_err(fail)?;
    }
    // Mode 600 from its creation, through a fresh file never reached through a link.
    crate::disk::write_durably_private(&path, key.to_text().as_bytes())
        .map_err(|e| fail(std::io::Error::other(e.to_string())))?;
    Ok((key, path))
}
