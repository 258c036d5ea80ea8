//! Files on disk, read and written one way everywhere.
//!
//! Reading takes only regular files, checked before they are opened (a FIFO would block the open,
//! `/dev/zero` would never end), and never more than a cap. Writing goes to a temporary file
//! of its own, created beside the target under a fresh name, synced, renamed over it, and the
//! folder synced: a crash, a full disk or a second writer at the same moment leaves the old file
//! or a new one, never half of one.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A file that could not be read or written. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum DiskError {
    #[error("cannot read {}: {}{}", path.display(), io_reason(source), read_hint(path, source))]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{} is {what}, not a regular file: give the path of the file itself", path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{} is larger than {} MiB, more than such a file can be", path.display(), most / 1024 / 1024)]
    TooLarge { path: PathBuf, most: u64 },
    /// The caller's watch on the bytes stopped the read part way: `why` says what it found.
    #[error("{}: {why}", path.display())]
    Refused { path: PathBuf, why: String },
    #[error("cannot write {}: {source}{}", path.display(), hint(source))]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot write {}: there is no folder {}; make it first, or give a path in a folder that exists", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {}: it is a symbolic link to {}, which does not exist; give the path of a file, or make its folder", path.display(), target.display())]
    Dangling { path: PathBuf, target: PathBuf },
    #[error("cannot write {}: the folder {} takes no new file ({source}){}; give a path in a folder you can write", path.display(), folder.display(), hint(source))]
    Unwritable { path: PathBuf, folder: PathBuf, source: std::io::Error },
    /// `what` names the command and what it writes: "`judging feedback` writes the teams' pages".
    #[error("{} is a file, and {what} into a folder: give the path of a folder (a new one is made), or move the file", path.display())]
    FileNotFolder { path: PathBuf, what: &'static str },
    #[error("cannot write to standard output: {source}{}", hint(source))]
    Stdout { source: std::io::Error },
}

/// What `-o` names for standard output, as most tools take it.
pub const STDOUT_NAME: &str = "-";

/// Where a command's `-o FILE` sends what it writes: [`STDOUT_NAME`] is standard output, every
/// other name a file, written by [`write_output`]. Decided here once, for every command's `-o`
/// (clap makes one from the text given); a command that writes a folder takes
/// [`output_folder`] instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

impl From<std::ffi::OsString> for Output {
    fn from(given: std::ffi::OsString) -> Output {
        if given == STDOUT_NAME { Output::Stdout } else { Output::File(given.into()) }
    }
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Output::Stdout => f.write_str("standard output"),
            Output::File(path) => write!(f, "{}", path.display()),
        }
    }
}

impl Output {
    /// The file, or `None` for standard output.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Output::Stdout => None,
            Output::File(path) => Some(path),
        }
    }

    /// As [`check_output`]; standard output is always there.
    pub fn check(&self) -> Result<(), DiskError> {
        self.file().map_or(Ok(()), check_output)
    }

    /// `bytes` to standard output, or to the file as [`write_output`] writes it.
    pub fn write(&self, bytes: &[u8]) -> Result<(), DiskError> {
        match self {
            Output::File(path) => write_output(path, bytes),
            Output::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush()).map_err(|source| DiskError::Stdout { source })
            }
        }
    }
}

/// A folder a command writes its files into (`feedback -o DIR`), as clap reads it: the
/// [`STDOUT_NAME`] that is standard output for a file is refused, since many files cannot go
/// there, rather than taken as a folder named `-`.
pub fn output_folder(given: std::ffi::OsString) -> Result<PathBuf, String> {
    if given == STDOUT_NAME {
        return Err(format!(
            "`{STDOUT_NAME}` is standard output, and this writes several files into a folder: give a folder (./{STDOUT_NAME} for one named {STDOUT_NAME})"
        ));
    }
    Ok(given.into())
}

/// What a full disk or a read-only folder means for the judge.
fn hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match (e.raw_os_error(), e.kind()) {
        (Some(libc::ENOSPC), _) | (_, ErrorKind::StorageFull) => {
            " (the disk is full: free some space and run it again; nothing was replaced)"
        }
        (Some(libc::EROFS), _) | (_, ErrorKind::ReadOnlyFilesystem) => " (the file system is read-only)",
        _ => "",
    }
}

/// Why a file could not be read, in one wording whatever made the error: the system's reason
/// without its number, from a lower-case letter ("no such file or directory"). A missing
/// judging.toml had been "no such file" and a missing score file "No such file or directory (os
/// error 2)".
pub fn io_reason(e: &std::io::Error) -> String {
    let said = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        _ => crate::net::short_os_reason(&e.to_string()),
    };
    let mut letters = said.chars();
    letters.next().map_or_else(String::new, |first| first.to_lowercase().chain(letters).collect())
}

/// What to do about a file that could not be read, where the system's words do not say: a
/// relative path is read from the current folder, which is named, as a mistyped name or a
/// command run from another folder is the usual cause. Every "cannot read" takes it.
pub fn read_hint(path: &Path, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound if path.is_relative() => {
            let here = std::env::current_dir().map(|d| crate::sanitize::visible(&d.display().to_string()));
            match here {
                Ok(here) => format!(" (read from the current folder, {here}: check the name, or give the whole path)"),
                Err(_) => " (check the name, or give the whole path)".to_owned(),
            }
        }
        std::io::ErrorKind::NotFound => " (check the name and its folders)".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            " (you may not read it: check its permissions, or copy it somewhere you may)".to_owned()
        }
        _ => String::new(),
    }
}

/// Reads a regular file of at most `most` bytes. Anything else (a folder, a device such as
/// `/dev/zero`, a FIFO, a socket) is refused before it is opened.
pub fn read_capped(path: &Path, most: u64) -> Result<Vec<u8>, DiskError> {
    read_watched(path, most, &mut |_| Ok(()))
}

/// As [`read_capped`], into `bytes` (emptied first): reading many files one after another into
/// one buffer touches its memory once, not once a file.
pub fn read_capped_into(path: &Path, most: u64, bytes: &mut Vec<u8>) -> Result<(), DiskError> {
    read_into(path, most, &mut |_| Ok(()), bytes)
}

/// As [`read_capped`], showing `watch` everything read so far after each read, so that it can
/// stop a file that is going wrong before the rest of it is read.
pub fn read_watched(
    path: &Path,
    most: u64,
    watch: &mut dyn FnMut(&[u8]) -> Result<(), String>,
) -> Result<Vec<u8>, DiskError> {
    let mut bytes = Vec::new();
    read_into(path, most, watch, &mut bytes)?;
    Ok(bytes)
}

fn read_into(
    path: &Path,
    most: u64,
    watch: &mut dyn FnMut(&[u8]) -> Result<(), String>,
    bytes: &mut Vec<u8>,
) -> Result<(), DiskError> {
    bytes.clear();
    let meta = std::fs::metadata(path).map_err(|source| DiskError::Read { path: path.into(), source })?;
    if !meta.is_file() {
        return Err(DiskError::NotAFile { path: path.into(), what: kind(meta.file_type()) });
    }
    if meta.len() > most {
        return Err(DiskError::TooLarge { path: path.into(), most });
    }
    let file = std::fs::File::open(path).map_err(|source| DiskError::Read { path: path.into(), source })?;
    // Reserved, not touched: pages the read never reaches take no memory.
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0));
    // The cap holds even if the file grows while it is read.
    // (A cap of u64::MAX, no cap at all, has no byte past it to read.)
    let mut file = file.take(most.saturating_add(1));
    loop {
        let before = bytes.len();
        let read = (&mut file).take(1024 * 1024).read_to_end(bytes);
        read.map_err(|source| DiskError::Read { path: path.into(), source })?;
        if bytes.len() as u64 > most {
            return Err(DiskError::TooLarge { path: path.into(), most });
        }
        watch(bytes).map_err(|why| DiskError::Refused { path: path.into(), why })?;
        if bytes.len() == before {
            return Ok(());
        }
    }
}

fn kind(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO (a pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

/// Writes `bytes` to `path` durably: a new temporary file beside it, synced, renamed over
/// `path`, and the folder synced, so the new name survives a power cut. The file gets the
/// permissions a plain create would (0666 less the umask). The folder must exist: a typo in a
/// path is an error, not a new folder.
pub fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), DiskError> {
    write_with_mode(path, bytes, 0o666)
}

/// As [`write_durably`], for a file only its owner may read (0600), such as a private key.
pub fn write_durably_private(path: &Path, bytes: &[u8]) -> Result<(), DiskError> {
    write_with_mode(path, bytes, 0o600)
}

/// Writes `bytes` to the file the user named (`-o`), taking the name as a shell's `>` takes it,
/// but durably: a symbolic link is followed (the link stays; the file it names gets the text, as
/// [`write_durably`] writes it); a device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a pipe)
/// is written to, not replaced by a file of that name; a file the user may not write is refused
/// as `>` refuses it; an existing file keeps its permissions. Files the tool names itself (a
/// feedback page, a downloaded score file) go through [`write_durably`], which never follows a
/// link someone else may have left there.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), DiskError> {
    use std::os::unix::fs::PermissionsExt;
    let fail = |source| DiskError::Write { path: path.into(), source };
    let Some((real, file)) = output_target(path)? else { return write_with_mode(path, bytes, 0o666) };
    // Opened for writing, not truncated: refused where `>` would be (a read-only file, a device
    // the user may not write), and the file's own permissions kept.
    let mut opened = std::fs::OpenOptions::new().write(true).open(&real).map_err(fail)?;
    if !file.is_file() {
        return opened.write_all(bytes).and_then(|()| opened.flush()).map_err(fail);
    }
    // Its read and write bits, never setuid or setgid, which a write by `>` clears too.
    match write_with_mode(&real, bytes, file.permissions().mode() & 0o777) {
        // A file the user may write in a folder they may not: no file can be made beside it to
        // replace it whole, so it is written in place, as `>` writes it.
        Err(DiskError::Write { source, .. }) if source.kind() == std::io::ErrorKind::PermissionDenied => {
            opened.set_len(0).and_then(|()| opened.write_all(bytes)).and_then(|()| opened.sync_all()).map_err(fail)
        }
        done => done,
    }
}

/// The system's own error inside one `tempfile` made (which adds the temporary file's path to
/// it, a name the user never gave): "Permission denied (os error 13)".
fn system_error(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    // `tempfile` keeps the system's error only in its text, before " at path …"; its kind stays.
    match e.to_string().split_once(" at path ") {
        Some((said, _)) => std::io::Error::new(e.kind(), said.to_owned()),
        None => e,
    }
}

/// What [`write_output`] writes for `path`: `None` for a new file; else the file itself (a link
/// followed) and what it is. A folder, or a link to nothing, is refused.
fn output_target(path: &Path) -> Result<Option<(PathBuf, std::fs::Metadata)>, DiskError> {
    let fail = |source| DiskError::Write { path: path.into(), source };
    let found = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(fail(e)),
        Ok(found) => found,
    };
    let (real, file) = if found.file_type().is_symlink() {
        let target = std::fs::read_link(path).map_err(fail)?;
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(DiskError::Dangling { path: path.into(), target });
            }
            Err(e) => return Err(fail(e)),
            // A file is written at its real name, so the link stays a link.
            Ok(file) if file.is_file() => (std::fs::canonicalize(path).map_err(fail)?, file),
            // A link to a pipe (`/dev/stdout` in a pipeline) names no file to resolve: written
            // through the link.
            Ok(file) => (path.to_path_buf(), file),
        }
    } else {
        (path.to_path_buf(), found)
    };
    if file.is_dir() {
        return Err(DiskError::NotAFile { path: path.into(), what: "a folder" });
    }
    Ok(Some((real, file)))
}

/// Says before long work whether [`write_output`] could write `path`: as it takes it (a folder
/// or a link to nothing refused), whether its folder exists and takes a new file (`/proc`, a
/// read-only folder do not). Another program may still change either before the write.
pub fn check_output(path: &Path) -> Result<(), DiskError> {
    match output_target(path)? {
        // Opened for writing, as the write opens it (a file the user may write in a folder they
        // may not is written in place). Not a pipe: its open would wait for a reader.
        Some((real, file)) if file.is_file() => {
            let opened = std::fs::OpenOptions::new().write(true).open(&real);
            return opened.map(drop).map_err(|source| DiskError::Write { path: path.into(), source });
        }
        Some(_) => return Ok(()),
        None => {}
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(DiskError::NoFolder { path: path.into(), folder: folder.into() });
    }
    takes_a_file(path, folder)
}

/// Whether `a` and `b` name one file, however each is spelled: where both exist, the same
/// device and inode (symbolic links followed, and a hard link is the file too); where neither
/// does, the same name in the same folder once the folders are resolved. A file that exists is
/// never one that does not.
pub fn same_file(a: &Path, b: &Path) -> bool {
    FileId::of(a) == FileId::of(b)
}

/// A file as [`same_file`] tells files apart, looked at once: a command that checks its output
/// against a hundred files it reads asks the system about each file once, not once a pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileId {
    /// A file that exists: its device and inode, whatever name it was reached by.
    Found { device: u64, inode: u64 },
    /// One that does not: where it would be, its folder resolved ([`resolved`]); as given where
    /// the folder cannot be (no file can be written there anyway).
    Missing(PathBuf),
}

impl FileId {
    pub fn of(path: &Path) -> FileId {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(path) {
            Ok(found) => FileId::Found { device: found.dev(), inode: found.ino() },
            Err(_) => FileId::Missing(resolved(path).unwrap_or_else(|| path.to_path_buf())),
        }
    }
}

/// Where a file not yet written would be: its folder resolved (links and `..` followed), then
/// its name; `None` where the folder cannot be resolved.
fn resolved(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(folder).ok()?.join(name))
}

/// Whether `folder` takes a new file, as [`write_output`] makes one there beside `path`: tried
/// with an empty file of a fresh name, removed at once. A folder that exists may still refuse
/// (read-only, `/proc`, another user's).
fn takes_a_file(path: &Path, folder: &Path) -> Result<(), DiskError> {
    let tried = tempfile::Builder::new().prefix(".judging-check.").suffix(".partial").tempfile_in(folder);
    tried.map(drop).map_err(|e| DiskError::Unwritable {
        path: path.into(),
        folder: folder.into(),
        source: system_error(e),
    })
}

/// Says before long work whether a command that writes `what` into the folder `dir` (made if
/// need be) could: a file at `dir` is refused, and the folder, or the nearest one above it that
/// exists, must take a new file.
pub fn check_output_folder(dir: &Path, what: &'static str) -> Result<(), DiskError> {
    match std::fs::metadata(dir) {
        Ok(found) if found.is_dir() => return takes_a_file(dir, dir),
        Ok(_) => return Err(DiskError::FileNotFolder { path: dir.into(), what }),
        Err(_) => {}
    }
    // The nearest folder above that exists, where the new ones will be made.
    let mut above = dir.parent();
    while let Some(folder) = above.filter(|p| !p.as_os_str().is_empty()) {
        match std::fs::metadata(folder) {
            Ok(found) if found.is_dir() => return takes_a_file(dir, folder),
            Ok(_) => return Err(DiskError::FileNotFolder { path: folder.into(), what }),
            Err(_) => above = folder.parent(),
        }
    }
    takes_a_file(dir, Path::new("."))
}

fn write_with_mode(path: &Path, bytes: &[u8], mode: u32) -> Result<(), DiskError> {
    use std::os::unix::fs::PermissionsExt;
    // The system's own error, not the temporary file's path that `tempfile` adds to it: the
    // message names the file the user gave.
    let fail = |source: std::io::Error| DiskError::Write { path: path.into(), source: system_error(source) };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(DiskError::NoFolder { path: path.into(), folder: folder.into() });
    }
    // The target's name starts the temporary one, for whoever finds it after a crash; cut
    // short, so that a long name still leaves room within the file system's 255 bytes.
    let name: String = path.file_name().map(|n| n.to_string_lossy().chars().take(64).collect()).unwrap_or_default();
    // A fresh random name, created exclusively (O_CREAT|O_EXCL): it is never an existing file
    // nor a symlink's target, so two writers never share one and nothing is written through a
    // link someone left there. Same folder as the target, so the rename cannot cross devices.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(folder)
        .map_err(fail)?;
    // On any error the temporary file is removed when `temp` drops.
    temp.write_all(bytes).and_then(|()| temp.as_file().sync_all()).map_err(fail)?;
    // rename(2) replaces the target whole: a reader, or a concurrent writer's rename, sees one
    // file or the other, never a mix.
    temp.persist(path).map_err(|e| fail(e.error))?;
    // A folder that cannot be synced (some file systems refuse) still has the file renamed.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One file by any of its names: spelled otherwise, through a symbolic link or a hard link,
    /// or (not yet written) through a folder's other name; two files are never one.
    #[test]
    fn one_file_is_the_same_by_every_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let at = |name: &str| dir.path().join(name);
        std::fs::write(at("m.db"), "store").expect("write");
        std::fs::write(at("other.db"), "store").expect("write");
        std::os::unix::fs::symlink(at("m.db"), at("link.db")).expect("symlink");
        std::fs::hard_link(at("m.db"), at("hard.db")).expect("hard link");
        std::fs::create_dir(at("sub")).expect("mkdir");
        std::os::unix::fs::symlink(dir.path(), at("sub/up")).expect("symlink");
        for same in ["sub/../m.db", "link.db", "hard.db", "sub/up/m.db"] {
            assert!(same_file(&at("m.db"), &at(same)), "{same}");
        }
        assert!(same_file(&at("m.db-wal"), &at("sub/up/m.db-wal")), "not yet written");
        for other in ["other.db", "m.db-wal", "sub", "nothing/m.db"] {
            assert!(!same_file(&at("m.db"), &at(other)), "{other}");
        }
    }

    #[test]
    fn only_regular_files_are_read_and_never_past_the_cap() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("f.txt");
        std::fs::write(&file, "12345").expect("write");
        assert_eq!(read_capped(&file, 5).expect("fits"), b"12345");
        // No cap at all: the one byte read past it, to see a file grow, is no overflow.
        assert_eq!(read_capped(&file, u64::MAX).expect("fits"), b"12345");
        assert!(matches!(read_capped(&file, 4), Err(DiskError::TooLarge { .. })));
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
        let cases = [(link, "a device"), (fifo, "a FIFO"), (dir.path().to_path_buf(), "a folder")];
        for (path, what) in cases {
            let err = read_capped(&path, 1 << 30).expect_err("refused").to_string();
            assert!(err.contains(what) && err.contains("not a regular file"), "{err}");
        }
        let missing = read_capped(&dir.path().join("nope"), 10).expect_err("missing").to_string();
        assert!(missing.contains("nope"), "{missing}");
    }

    #[test]
    fn a_durable_write_replaces_whole_and_needs_its_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.json");
        write_durably(&path, b"old").expect("write");
        write_durably(&path, b"new").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, ["out.json"], "no temporary file left");
        let longest = dir.path().join(format!("{}.json", "n".repeat(250)));
        write_durably(&longest, b"long").expect("a name as long as the file system allows");
        let err = write_durably(&dir.path().join("no-such-folder/out.json"), b"x").expect_err("no folder");
        assert!(err.to_string().contains("no-such-folder"), "{err}");
        assert!(!dir.path().join("no-such-folder").exists(), "no folder made behind the user's back");
    }

    #[test]
    fn concurrent_writers_leave_one_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("same.json");
        // Big enough that a write takes several system calls, so that two can interleave.
        let texts: Vec<Vec<u8>> = (0..8u8).map(|k| vec![b'a' + k; 256 * 1024 + usize::from(k)]).collect();
        for _ in 0..10 {
            std::thread::scope(|s| {
                for text in &texts {
                    let path = &path;
                    s.spawn(move || write_durably(path, text).expect("every writer succeeds"));
                }
            });
            let got = std::fs::read(&path).expect("read");
            assert!(texts.contains(&got), "one writer's whole text, not a mix ({} bytes)", got.len());
        }
        let left: Vec<_> =
            std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(left, ["same.json"], "no temporary file left behind");
    }

    #[test]
    fn a_private_file_is_its_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("key");
        write_durably_private(&path, b"secret").expect("write");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_symlink_at_the_old_partial_name_is_not_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").expect("write");
        let path = dir.path().join("page.html");
        std::os::unix::fs::symlink(&victim, dir.path().join("page.html.partial")).expect("symlink");
        write_durably(&path, b"the page").expect("write");
        assert_eq!(std::fs::read(&victim).expect("read"), b"keep me", "the symlink's target is untouched");
        assert_eq!(std::fs::read(&path).expect("read"), b"the page");
    }

    /// A path the user names with `-o` is taken as `>` takes it: a link is followed and stays a
    /// link, a device stays a device (root had replaced `/dev/null` with a file), a file keeps
    /// its permissions, and a missing folder, a folder or a dangling link is said plainly,
    /// naming no temporary file.
    #[test]
    fn an_output_the_user_names_is_written_as_a_shell_would() {
        use std::os::unix::fs::{FileTypeExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "old").expect("write");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        write_output(&link, b"new").expect("through the link");
        assert!(std::fs::symlink_metadata(&link).expect("stat").file_type().is_symlink(), "the link stays");
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        assert_eq!(std::fs::metadata(&target).expect("stat").permissions().mode() & 0o777, 0o640);
        let null = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &null).expect("symlink");
        for device in [Path::new("/dev/null"), null.as_path()] {
            write_output(device, b"gone").expect("a device is written to");
            assert!(std::fs::metadata("/dev/null").expect("stat").file_type().is_char_device(), "still a device");
        }
        let cases: [(PathBuf, &str); 3] = [
            (dir.path().join("no-folder/out.txt"), "there is no folder"),
            (dir.path().to_path_buf(), "is a folder"),
            (dir.path().join("dangling"), "which does not exist"),
        ];
        std::os::unix::fs::symlink(dir.path().join("nowhere/x"), dir.path().join("dangling")).expect("symlink");
        for (path, said) in cases {
            let err = write_output(&path, b"x").expect_err("refused").to_string();
            assert!(err.contains(said) && !err.contains(".partial"), "{err}");
        }
        assert!(check_output(&dir.path().join("no-folder/out.txt")).is_err());
        assert!(check_output(dir.path()).is_err());
        assert!(check_output(&dir.path().join("new.txt")).is_ok());
        assert!(check_output(&dir.path().join("dangling")).is_err(), "a link to nothing, before the merge");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert!(!names.iter().any(|n| n.to_string_lossy().ends_with(".partial")), "{names:?}");
    }

    /// The system's error is said without the temporary file's name `tempfile` adds to it.
    #[test]
    fn a_failed_write_names_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = tempfile::Builder::new().tempfile_in(dir.path().join("gone")).expect_err("no such folder");
        assert!(e.to_string().contains(" at path "), "tempfile adds it: {e}");
        let said = system_error(e);
        assert!(!said.to_string().contains(" at path ") && said.kind() == std::io::ErrorKind::NotFound, "{said}");
    }
}
