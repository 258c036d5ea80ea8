//! Each judge's newest score file the head judge's store has taken in (see [`crate::newest`]).

use rusqlite::params;

use super::{NOW, Store, StoreError};
use crate::newest::{FileRead, Taken};

impl Store {
    /// Every judge's newest file this store has taken in: one query, however many files a read
    /// has.
    pub fn newest_files(&self) -> Result<Vec<Taken>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT judge, written_at, written, digest, file, taken_at, key FROM newest_files ORDER BY judge_key",
            )
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .map_err(|e| self.db(e))?;
        let mut taken = Vec::new();
        for row in rows {
            let (judge, written_at, written, digest, file, taken_at, key) = row.map_err(|e| self.db(e))?;
            // Written by this store from a time it had read: one that does not read back is the
            // file's fault, said with what to do.
            let written = written.parse().map_err(|_| {
                StoreError::Refused(format!(
                    "{}: the newest file of judge {} it took in has the time {}, which judging never writes: the store was changed outside judging",
                    self.path.display(),
                    crate::sanitize::in_quotes(&judge),
                    crate::sanitize::in_quotes(&written)
                ))
            })?;
            taken.push(Taken { file: FileRead { judge, written_at, written, digest, file, key }, taken_at });
        }
        Ok(taken)
    }

    /// Takes these files in as their judges' newest, all in one transaction; each replaces the
    /// one taken in before of its judge (judges compare by [`crate::model::name_key`]).
    pub fn take_in(&self, files: &[FileRead]) -> Result<(), StoreError> {
        if files.is_empty() {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction().map_err(|e| self.db(e))?;
        {
            let mut stmt = tx
                .prepare(&format!(
                    "INSERT INTO newest_files (judge_key, judge, written_at, written, digest, file, key, taken_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW})
                     ON CONFLICT (judge_key) DO UPDATE SET judge = excluded.judge, written_at = excluded.written_at,
                       written = excluded.written, digest = excluded.digest, file = excluded.file,
                       key = excluded.key, taken_at = excluded.taken_at"
                ))
                .map_err(|e| self.db(e))?;
            for f in files {
                let key = crate::model::name_key(&f.judge);
                stmt.execute(params![key, f.judge, f.written_at, f.written.to_string(), f.digest, f.file, f.key])
                    .map_err(|e| self.db(e))?;
            }
        }
        tx.commit().map_err(|e| self.db(e))
    }
}
