//! The judge's local store: one `SQLite` file per event and judge.
//!
//! Opened with WAL, foreign keys and a busy timeout. Every write is one transaction, so a crash
//! at any point leaves the last committed state.

mod hub;
mod migrations;
mod newest;
mod scores;
mod submissions;
mod withdrawals;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use hub::Cached;

pub use submissions::{Incoming, Pull, PullCounts, PullLog};
pub use withdrawals::{InPlay, Refusal, Withdrawals};

/// The SQL expression for "now", as an ISO 8601 UTC timestamp with milliseconds.
pub(crate) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite's own error, said once: not a source, whose chain would say it again in SQLite's
    /// code ("because: Error code 14: unable to open database file").
    #[error("{}: {cause}{}", path.display(), db_hint(cause))]
    Db { path: PathBuf, cause: rusqlite::Error },
    #[error("cannot create the folder for {}: {source}", path.display())]
    Folder { path: PathBuf, source: std::io::Error },
    #[error(
        "{} was written by a newer judging (schema {found}; this build knows up to {known}): upgrade judging to open it. The file is left as it is",
        path.display()
    )]
    Newer { path: PathBuf, found: i64, known: i64 },
    #[error(
        "{} holds event {found:?}, not this one, {expected:?}: use the store for this event (--db), or the judging.toml it belongs to (--config)",
        path.display()
    )]
    OtherEvent { path: PathBuf, found: String, expected: String },
    #[error(
        "{} holds the scores of judge {found:?}, not {given:?}: run as --judge {found:?}, or open your own store (leave out --db, or give your own --db FILE)",
        path.display()
    )]
    OtherJudge { path: PathBuf, found: String, given: String },
    #[error("no store at {} yet: run `judging pull` first, with the export you are scoring", path.display())]
    Missing { path: PathBuf },
    #[error("{0}")]
    Refused(String),
    /// A pull that would withdraw too many of the entries in play.
    #[error("{0}")]
    Withdrawals(Box<Refusal>),
}

/// What the last pull and the Hub's facts are: see [`Store::marks`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    /// The last pull's number.
    pub pulls: i64,
    /// When the Hub's facts were last fetched, and how many there are.
    pub hub: String,
}

/// What SQLite's terse codes mean for the judge: nothing of the failed write was kept.
fn db_hint(e: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => " (the disk is full: free some space and run it again; the store is as it was)",
        Some(ErrorCode::SystemIoFailure) => {
            " (the disk could not be written: is it full, or gone? Free some space and run it again; the store is as it was)"
        }
        Some(ErrorCode::ReadOnly) => " (the store cannot be written: check the file's permissions)",
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            " (another judging is writing to it: try again in a moment)"
        }
        _ => "",
    }
}

/// The page cache, in KiB: enough to hold a whole pull in WAL (SQLite allocates it only as
/// pages are used).
const CACHE_KIB: u32 = 65536;

/// The page cache, in KiB, of a new store's first pull: with a rollback journal, pages it cannot
/// keep are written to the file as the rows arrive, once, while the reader is still parsing,
/// instead of all at the commit (10k rows: 18-22 ms at the commit, 10 ms with this). The large
/// cache is for WAL, where a spilled page would be written twice.
const BULK_CACHE_KIB: u32 = 1024;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if need be) the store at `path` for `event_id`, and brings its schema up
    /// to date.
    pub fn open(path: &Path, event_id: &str) -> Result<Store, StoreError> {
        Store::open_with(path, event_id, true)
    }

    /// Opens the store as [`Store::open`] does, for a pull: a store that does not exist yet is
    /// created with a rollback journal, which its first pull keeps (see
    /// [`Store::first_pull_unshared`]) and leaves for WAL when it ends. Created in WAL, it would
    /// be checkpointed and switched out of WAL and back again, each switch a write of its own.
    /// Should the pull stop before it writes, the next open turns WAL on.
    pub fn open_for_pull(path: &Path, event_id: &str) -> Result<Store, StoreError> {
        Store::open_with(path, event_id, path.exists())
    }

    fn open_with(path: &Path, event_id: &str, wal: bool) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::Refused(format!(
                "{} is a folder: the store is one SQLite file, so --db (or JUDGING_DB) takes a file's path, such as {}; or leave --db out for the one per event and judge",
                path.display(),
                path.join("judge.sqlite").display()
            )));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder { path: path.into(), source })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Db { path: path.into(), cause: source })?;
        let mut store = Store { conn, path: path.into() };
        store.setup(wal).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Refused(format!(
                "{} is not a judging store (SQLite finds no database in it), and is left as it is: --db (or JUDGING_DB) takes the file judging keeps a judge's scores in; give another path for a new store, or leave --db out",
                path.display()
            )),
            _ => store.db(e),
        })?;
        store.migrate()?;
        store.claim_event(event_id)?;
        Ok(store)
    }

    /// Opens a store that exists: the commands that only read or add to a judge's work (list,
    /// score, export, merge, ...) never create an empty store, or its folders, by accident.
    pub fn open_existing(path: &Path, event_id: &str) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing { path: path.into() });
        }
        match Store::open(path, event_id) {
            Err(StoreError::Db { cause: source, .. })
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) =>
            {
                Store::open_read_only(path, event_id)
            }
            other => other,
        }
    }

    /// A store this user may read but not write (another user's, a read-only disk): opened as
    /// an unchanging file, so that `list` and `export` still work. SQLite needs to write beside a
    /// WAL store even to read it, unless told the file cannot change under it. Every write then
    /// fails, naming the file and its permissions.
    fn open_read_only(path: &Path, event_id: &str) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let db = |source| StoreError::Db { path: path.into(), cause: source };
        let mut uri = url::Url::from_file_path(std::fs::canonicalize(path).unwrap_or_else(|_| path.into()))
            .map_err(|()| StoreError::Missing { path: path.into() })?;
        uri.set_query(Some("immutable=1"));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(uri.as_str(), flags).map_err(db)?;
        let store = Store { conn, path: path.into() };
        let (found, known) = (store.schema_version()?, migrations::MIGRATIONS.len() as i64);
        if found != known {
            return Err(StoreError::Refused(format!(
                "{} is read-only and was written by another build (schema {found}; this build needs {known}): make it writable once to bring it up to date",
                path.display()
            )));
        }
        match store.meta("event")? {
            Some(found) if found != event_id => {
                Err(StoreError::OtherEvent { path: path.into(), found, expected: event_id.into() })
            }
            _ => Ok(store),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn db(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Db { path: self.path.clone(), cause: source }
    }

    fn setup(&self, wal: bool) -> rusqlite::Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // journal_mode answers with the mode in force; a file that cannot do WAL keeps its own.
        if wal {
            let _mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        // A page cache that holds a whole pull (SQLite allocates it only as pages are used), so a
        // large transaction does not spill to the WAL before it commits. Reads go through a
        // memory map of the file: opening the app reads every submission, and the map spares a
        // copy of each page into memory of the app's own.
        self.conn.execute_batch(&format!(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -{CACHE_KIB}; PRAGMA mmap_size = 268435456;"
        ))
    }

    /// Whether this is the store's first pull and no other connection has the store open: then
    /// it leaves WAL for a rollback journal until the pull ends. A new store's rollback journal
    /// holds nothing (pages past the file's old end are not journaled), so the pull's pages are
    /// written once, not to the WAL and again at its checkpoint. SQLite refuses to leave WAL
    /// while another connection is open, and then the pull simply stays in WAL. Its page cache
    /// is small until then ([`BULK_CACHE_KIB`]); [`Store::use_wal`] undoes both.
    pub(crate) fn first_pull_unshared(&self) -> Result<bool, StoreError> {
        let pulled: i64 = self
            .conn
            .query_row("SELECT (SELECT COUNT(*) FROM pulls) + (SELECT COUNT(*) FROM submissions)", [], |r| r.get(0))
            .map_err(|e| self.db(e))?;
        if pulled > 0 {
            return Ok(false);
        }
        let mode: String = match self.conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)) {
            Ok(mode) => mode,
            Err(_) => return Ok(false),
        };
        if !mode.eq_ignore_ascii_case("delete") {
            return Ok(false);
        }
        if let Err(e) = self.conn.execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}")) {
            self.use_wal()?;
            return Err(self.db(e));
        }
        Ok(true)
    }

    /// Back to WAL, the store's mode whenever a pull is not writing it for the first time.
    /// The page cache goes back to its size for WAL, should a first pull have made it small.
    pub(crate) fn use_wal(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map(drop)
            .and_then(|()| self.conn.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB}")))
            .map_err(|e| self.db(e))
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.db(e))
    }

    /// Applies the migrations this store has not seen, all in one exclusive transaction.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let known = migrations::MIGRATIONS.len() as i64;
        // A store already current is not written to at all: a read-only one still lists.
        if self.schema_version()? == known {
            return Ok(());
        }
        let path = self.path.clone();
        let db = |source| StoreError::Db { path: path.clone(), cause: source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Exclusive).map_err(db)?;
        let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(db)?;
        if found > known {
            return Err(StoreError::Newer { path: path.clone(), found, known });
        }
        for (i, sql) in migrations::MIGRATIONS.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
            tx.execute_batch(sql).map_err(db)?;
            tx.pragma_update(None, "user_version", i as i64 + 1).map_err(db)?;
        }
        tx.commit().map_err(db)
    }

    fn claim_event(&mut self, event_id: &str) -> Result<(), StoreError> {
        match self.meta("event")? {
            Some(found) if found != event_id => {
                Err(StoreError::OtherEvent { path: self.path.clone(), found, expected: event_id.into() })
            }
            Some(_) => Ok(()),
            None => self.set_meta("event", event_id),
        }
    }

    /// A store belongs to one judge: the first to open it. Another name is refused, so that
    /// nobody's scores are exported under someone else's name; names compare as judges' names do.
    pub fn claim_judge(&self, judge: &str) -> Result<(), StoreError> {
        match self.meta("judge")? {
            Some(found) if !crate::model::same_name(&found, judge) => Err(StoreError::OtherJudge {
                path: self.path.clone(),
                found: crate::sanitize::clean_line(&found),
                given: crate::sanitize::clean_line(judge),
            }),
            Some(_) => Ok(()),
            None => self.set_meta("judge", judge),
        }
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.db(e))
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(drop)
            .map_err(|e| self.db(e))
    }

    /// SQLite's count of commits made by other connections to this file: when it changes, another
    /// process (`judging score`, `pull`, ...) wrote beside this one. Cheap: no table is read.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).map_err(|e| self.db(e))
    }

    /// Marks of the last pull and the Hub's facts: when they differ from before, the submissions
    /// or the facts changed.
    pub fn marks(&self) -> Result<Marks, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT IFNULL(MAX(id), 0) FROM pulls),
                        (SELECT IFNULL(MAX(fetched_at), '') || '/' || COUNT(*) FROM hub_facts)",
                [],
                |r| Ok(Marks { pulls: r.get(0)?, hub: r.get(1)? }),
            )
            .map_err(|e| self.db(e))
    }

    /// Sets a meta value that may be lost in a power cut but not in a crash: the judge's place in
    /// the list, saved on every move. SQLite's WAL keeps the commit through a killed process
    /// without waiting for the disk.
    pub fn set_meta_lightly(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| self.db(e))?;
        let result = self.set_meta(key, value);
        self.conn.pragma_update(None, "synchronous", "FULL").map_err(|e| self.db(e))?;
        result
    }

    /// The cached body of an export URL, and when it was fetched.
    pub fn cached_export(&self, source_key: &str) -> Result<Option<(Vec<u8>, String)>, StoreError> {
        self.conn
            .query_row("SELECT body, fetched_at FROM export_cache WHERE source_key = ?1", [source_key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.db(e))
    }
}

/// Seconds since the Unix epoch, by this machine's clock: for saying how old a cached answer is.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlites_codes_are_said_in_words() {
        let failure = |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        let cases = [
            (rusqlite::ffi::SQLITE_FULL, "the disk is full"),
            (rusqlite::ffi::SQLITE_IOERR, "is it full, or gone?"),
            (rusqlite::ffi::SQLITE_READONLY, "check the file's permissions"),
        ];
        for (code, want) in cases {
            let e = StoreError::Db { path: "s.sqlite".into(), cause: failure(code) };
            assert!(e.to_string().contains(want), "{e}");
        }
    }
}
