//! Submissions in the store, and the pull that brings them up to date with an export.

use std::borrow::Cow;
use std::collections::HashMap;

use rusqlite::{Row, params};

use super::{InPlay, NOW, Refusal, Store, StoreError, Withdrawals};
use crate::model::{StoredSubmission, Submission};

/// What one pull changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// In the store but not in the export any more.
    pub withdrawn: usize,
    /// Withdrawn before, back in the export now.
    pub returned: usize,
}

/// The pull's input when the whole export is in hand.
pub struct Incoming<'a> {
    pub submissions: &'a [Submission],
    pub ids_seen: &'a HashMap<String, crate::export::Place>,
    pub log: PullLog<'a>,
}

/// What the pull log records, known before the rows arrive.
#[derive(Clone, Copy)]
pub struct PullLog<'a> {
    /// The export's name, without any secret a URL may hold.
    pub source: &'a str,
    pub digest: &'a str,
    pub rejected: usize,
    /// A fetched body to cache in the same transaction: (key, URL for messages, body).
    pub cache: Option<(&'a str, &'a str, &'a [u8])>,
}

impl PullCounts {
    /// How many submissions the export held.
    pub fn incoming(&self) -> usize {
        self.added + self.updated + self.unchanged + self.returned
    }
}

const COLUMNS: &str = "id, title, team, members, space_url, space_id, space_key, video_url, post_url, \
                       description, track, tags, models, declared_params, withdrawn, sdk, likes";

fn from_row(row: &Row) -> rusqlite::Result<StoredSubmission> {
    // Read in place, not copied into a String first: three lists a row, 10,000 rows.
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let text = row.get_ref(i)?.as_str()?;
        serde_json::from_str(text)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
    };
    Ok(StoredSubmission {
        submission: Submission {
            id: row.get(0)?,
            title: row.get(1)?,
            team: row.get(2)?,
            members: list(3)?,
            space_url: row.get(4)?,
            space_id: row.get(5)?,
            space_key: row.get(6)?,
            video_url: row.get(7)?,
            post_url: row.get(8)?,
            description: row.get(9)?,
            track: row.get(10)?,
            tags: list(11)?,
            models: list(12)?,
            declared_params: row.get::<_, Option<i64>>(13)?.and_then(|p| u64::try_from(p).ok()),
            sdk: row.get(15)?,
            likes: row.get::<_, Option<i64>>(16)?.and_then(|l| u64::try_from(l).ok()),
        },
        withdrawn: row.get(14)?,
    })
}

/// Rows with their export position, by position then id as SQLite compares them (bytewise).
fn in_the_exports_order<T>(mut all: Vec<(i64, T)>, id: impl Fn(&T) -> &String) -> Vec<T> {
    all.sort_unstable_by(|(p, a), (q, b)| p.cmp(q).then_with(|| id(a).cmp(id(b))));
    all.into_iter().map(|(_, row)| row).collect()
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// Every submission, in the order of the latest export.
    pub fn submissions(&self) -> Result<Vec<StoredSubmission>, StoreError> {
        // Read in the table's own order and sorted here, by position then id as SQLite compares
        // them (bytewise): ordered by SQLite, each row was looked up through the index and the
        // ties sorted again in a temporary tree, a quarter of the time for 5,000 submissions.
        let sql = format!("SELECT {COLUMNS}, position FROM submissions");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db(e))?;
        // The position is the column after [`COLUMNS`]: the last.
        let position = stmt.column_count() - 1;
        // Sized once: 10,000 entries grown by doubling would be copied a dozen times.
        let mut all = Vec::with_capacity(self.submission_count()?);
        let read = |row: &Row| Ok((row.get::<_, i64>(position)?, from_row(row)?));
        for row in stmt.query_map([], read).map_err(|e| self.db(e))? {
            all.push(row.map_err(|e| self.db(e))?);
        }
        Ok(in_the_exports_order(all, |s| &s.submission.id))
    }

    /// Every submission's id, whether it is withdrawn, and its track, in the order of
    /// [`Store::submissions`]: what reading the judges' files needs, read in a small part of the
    /// time the whole submissions take (so the files can be read while those load).
    pub fn places(&self) -> Result<Vec<(String, bool, Option<String>)>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT position, id, withdrawn, track FROM submissions").map_err(|e| self.db(e))?;
        let read = |r: &Row| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)));
        // Sized once, as [`Store::submissions`]: grown by doubling, this list was a fifth of the
        // merge's wait before its files are read.
        let mut all = Vec::with_capacity(self.submission_count()?);
        for row in stmt.query_map([], read).map_err(|e| self.db(e))? {
            all.push(row.map_err(|e| self.db(e))?);
        }
        Ok(in_the_exports_order(all, |(id, _, _)| id))
    }

    /// The ids of the entries this store has held that `in_play` (the entries of the export in
    /// hand) does not have: withdrawn from the export, by the last pull or by the export read
    /// since. `results` and `check` both take a prize file's withdrawn entries from here.
    pub fn held_besides(
        &self,
        in_play: &std::collections::HashSet<&str>,
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        Ok(self.places()?.into_iter().map(|(id, _, _)| id).filter(|id| !in_play.contains(id.as_str())).collect())
    }

    /// How many submissions the store holds, withdrawn ones included.
    pub fn submission_count(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.db(e))
    }

    pub fn submission(&self, id: &str) -> Result<Option<StoredSubmission>, StoreError> {
        use rusqlite::OptionalExtension;
        let sql = format!("SELECT {COLUMNS} FROM submissions WHERE id = ?1");
        self.conn.query_row(&sql, [id], from_row).optional().map_err(|e| self.db(e))
    }

    /// Brings the store in line with an export, all or nothing: new entries are added, changed
    /// ones updated by id, vanished ones marked withdrawn. No score or note is touched.
    pub fn apply_pull(&mut self, incoming: &Incoming, withdrawals: Withdrawals) -> Result<PullCounts, StoreError> {
        let mut pull = self.begin_pull()?;
        for submission in incoming.submissions {
            pull.put(submission)?;
        }
        pull.finish(incoming.ids_seen, &incoming.log, withdrawals)
    }

    /// Starts a pull whose rows arrive one by one, as a reader on another thread produces them.
    /// Nothing is kept unless [`Pull::finish`] succeeds.
    pub fn begin_pull(&mut self) -> Result<Pull<'_>, StoreError> {
        let bulk = self.first_pull_unshared()?;
        if let Err(e) = self.conn.execute_batch("BEGIN IMMEDIATE") {
            if bulk {
                // No pull to drop: the store goes back to WAL here, as the pull's drop would.
                let _ = self.use_wal();
            }
            return Err(self.db(e));
        }
        let mut pull = Pull {
            store: self,
            existing: HashMap::new(),
            now: String::new(),
            counts: PullCounts::default(),
            open: true,
            bulk,
        };
        pull.existing = pull.store.submissions()?.into_iter().map(|s| (s.submission.id.clone(), s)).collect();
        // One timestamp for the whole pull: it is one event, and SQLite's strftime per row is a
        // measurable share of a large pull.
        pull.now =
            pull.store.conn.query_row(&format!("SELECT {NOW}"), [], |r| r.get(0)).map_err(|e| pull.store.db(e))?;
        Ok(pull)
    }

    /// When the store last pulled, and from where.
    pub fn last_pull(&self) -> Result<Option<(String, String)>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT at, source FROM pulls ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(|e| self.db(e))
    }
}

/// An `*.hf.space` link does not name the Space's page; when the store already knows the page of
/// the same Space, keep it rather than count a change.
fn keep_known_space<'a>(new: &'a Submission, old: Option<&Submission>) -> Cow<'a, Submission> {
    match old {
        Some(old) if new.space_id.is_none() && old.space_id.is_some() && new.space_key == old.space_key => {
            Cow::Owned(Submission { space_id: old.space_id.clone(), space_url: old.space_url.clone(), ..new.clone() })
        }
        _ => Cow::Borrowed(new),
    }
}

/// A pull under way: one open transaction, rolled back if dropped before [`Pull::finish`].
pub struct Pull<'s> {
    store: &'s mut Store,
    existing: HashMap<String, StoredSubmission>,
    now: String,
    counts: PullCounts,
    open: bool,
    /// The first pull into a store nobody else has open: written with a rollback journal, so
    /// that its pages reach the file once rather than through the WAL and again at the
    /// checkpoint. The store returns to WAL when the pull ends, however it ends.
    bulk: bool,
}

impl Pull<'_> {
    fn db(&self, source: rusqlite::Error) -> StoreError {
        self.store.db(source)
    }

    /// Adds or updates one submission, in export order.
    pub fn put(&mut self, new: &Submission) -> Result<(), StoreError> {
        let position = self.counts.incoming() as i64;
        let old = self.existing.get(&new.id);
        let new = &*keep_known_space(new, old.map(|o| &o.submission));
        let values = params![
            new.id,
            new.title,
            new.team,
            json(&new.members),
            new.space_url,
            new.space_id,
            new.space_key,
            new.video_url,
            new.post_url,
            new.description,
            new.track,
            json(&new.tags),
            json(&new.models),
            new.declared_params.map(|p| i64::try_from(p).unwrap_or(i64::MAX)),
            position,
            self.now,
            new.sdk,
            new.likes.map(|l| i64::try_from(l).unwrap_or(i64::MAX)),
        ];
        let conn = &self.store.conn;
        let (sql, counter) = match old {
            None => (INSERT, &mut self.counts.added),
            Some(old) if old.withdrawn => (UPDATE, &mut self.counts.returned),
            Some(old) if old.submission != *new => (UPDATE, &mut self.counts.updated),
            Some(_) => {
                let result = conn.prepare_cached(REORDER).and_then(|mut s| s.execute(params![new.id, position]));
                result.map_err(|e| self.store.db(e))?;
                self.counts.unchanged += 1;
                return Ok(());
            }
        };
        conn.prepare_cached(sql).and_then(|mut s| s.execute(values)).map_err(|e| self.store.db(e))?;
        *counter += 1;
        Ok(())
    }

    /// Marks what the export no longer names as withdrawn, logs the pull, caches a fetched
    /// body, and commits. `ids_seen` holds every id the export named, even on rejected rows.
    /// A pull that would withdraw too many of the entries in play ([`super::withdrawals`]) is
    /// refused unless `withdrawals` is forced, and rolled back: nothing of it is kept.
    pub fn finish(
        mut self,
        ids_seen: &HashMap<String, crate::export::Place>,
        log: &PullLog,
        withdrawals: Withdrawals,
    ) -> Result<PullCounts, StoreError> {
        let in_play: Vec<&StoredSubmission> = self.existing.values().filter(|s| !s.withdrawn).collect();
        let mut gone: Vec<&str> =
            in_play.iter().map(|s| s.submission.id.as_str()).filter(|id| !ids_seen.contains_key(*id)).collect();
        gone.sort_unstable();
        let valid = self.counts.incoming();
        let last = self.store.last_pull()?;
        let from_sample = last.is_some_and(|(_, source)| crate::config::builtin_export(&source).is_some());
        let counted = InPlay { count: in_play.len(), from_sample };
        if withdrawals == Withdrawals::Guarded && super::withdrawals::too_many(counted, gone.len(), valid) {
            return Err(StoreError::Withdrawals(Box::new(Refusal {
                source: log.source.to_owned(),
                in_play: in_play.len(),
                withdrawing: gone.iter().map(|id| (*id).to_owned()).collect(),
                valid,
                rejected: log.rejected,
            })));
        }
        let conn = &self.store.conn;
        for id in &gone {
            conn.prepare_cached("UPDATE submissions SET withdrawn = 1, changed_at = ?2 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![id, self.now]))
                .map_err(|e| self.store.db(e))?;
        }
        self.counts.withdrawn = gone.len();
        let c = self.counts;
        conn.execute(
            "INSERT INTO pulls (at, source, digest, added, updated, withdrawn, returned, unchanged, rejected)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                self.now,
                log.source,
                log.digest,
                c.added as i64,
                c.updated as i64,
                c.withdrawn as i64,
                c.returned as i64,
                c.unchanged as i64,
                log.rejected as i64
            ],
        )
        .map_err(|e| self.db(e))?;
        if let Some((key, url, body)) = log.cache {
            conn.execute(
                "INSERT INTO export_cache (source_key, source, body, fetched_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (source_key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at",
                params![key, url, body, self.now],
            )
            .map_err(|e| self.db(e))?;
        }
        conn.execute_batch("COMMIT").map_err(|e| self.db(e))?;
        self.open = false;
        if std::mem::take(&mut self.bulk) {
            self.store.use_wal()?;
        }
        Ok(c)
    }
}

impl Drop for Pull<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing to report if this fails too: SQLite rolls back an unfinished transaction
            // when the connection closes.
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
        if self.bulk {
            // The next open turns WAL on again if this fails.
            let _ = self.store.use_wal();
        }
    }
}

const INSERT: &str = "INSERT INTO submissions (id, title, team, members, space_url, space_id, space_key, video_url,
    post_url, description, track, tags, models, declared_params, withdrawn, position, first_pulled, changed_at, sdk, likes)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15, ?16, ?16, ?17, ?18)";
const UPDATE: &str = "UPDATE submissions SET title = ?2, team = ?3, members = ?4, space_url = ?5, space_id = ?6,
    space_key = ?7, video_url = ?8, post_url = ?9, description = ?10, track = ?11, tags = ?12, models = ?13,
    declared_params = ?14, withdrawn = 0, position = ?15, changed_at = ?16, sdk = ?17, likes = ?18 WHERE id = ?1";
const REORDER: &str = "UPDATE submissions SET position = ?2 WHERE id = ?1";
