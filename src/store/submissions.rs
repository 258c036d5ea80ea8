//! Submissions in the store, and the pull that brings them up to date with an export.

use std::collections::{HashMap, HashSet};

use rusqlite::{Row, params};

use super::{NOW, Store, StoreError};
use crate::model::Submission;

/// A submission as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSubmission {
    pub submission: Submission,
    /// Gone from the latest export. Its scores are kept.
    pub withdrawn: bool,
}

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

/// The pull's input: what the export holds.
pub struct Incoming<'a> {
    pub submissions: &'a [Submission],
    /// Every id the export names, valid or not: a rejected row does not withdraw its entry.
    pub ids_seen: &'a HashSet<String>,
    pub source: &'a str,
    pub digest: &'a str,
    pub rejected: usize,
    /// A fetched body to cache in the same transaction: (key, URL for messages, body).
    pub cache: Option<(&'a str, &'a str, &'a [u8])>,
}

const COLUMNS: &str = "id, title, team, members, space_url, space_id, space_key, video_url, post_url, \
                       description, track, tags, models, declared_params, withdrawn";

fn from_row(row: &Row) -> rusqlite::Result<StoredSubmission> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let text: String = row.get(i)?;
        serde_json::from_str(&text)
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
            declared_params: row.get::<_, Option<i64>>(13)?.map(|p| p.max(0) as u64),
        },
        withdrawn: row.get(14)?,
    })
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// Every submission, in the order of the latest export.
    pub fn submissions(&self) -> Result<Vec<StoredSubmission>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM submissions ORDER BY position, id");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db(e))?;
        let rows = stmt.query_map([], from_row).map_err(|e| self.db(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db(e))
    }

    pub fn submission(&self, id: &str) -> Result<Option<StoredSubmission>, StoreError> {
        use rusqlite::OptionalExtension;
        let sql = format!("SELECT {COLUMNS} FROM submissions WHERE id = ?1");
        self.conn.query_row(&sql, [id], from_row).optional().map_err(|e| self.db(e))
    }

    /// Brings the store in line with an export, all or nothing: new entries are added, changed
    /// ones updated by id, vanished ones marked withdrawn. No score or note is touched.
    pub fn apply_pull(&mut self, incoming: &Incoming) -> Result<PullCounts, StoreError> {
        let existing: HashMap<String, StoredSubmission> =
            self.submissions()?.into_iter().map(|s| (s.submission.id.clone(), s)).collect();
        if incoming.submissions.is_empty() && incoming.ids_seen.is_empty() && existing.values().any(|s| !s.withdrawn) {
            return Err(StoreError::Refused(format!(
                "{} has no submissions; refusing to mark all {} entries in the store withdrawn. Check the export",
                incoming.source,
                existing.len()
            )));
        }
        let path = self.path.clone();
        let db = |source| StoreError::Db { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(db)?;
        let mut counts = PullCounts::default();
        {
            let mut insert = tx
                .prepare(&format!(
                    "INSERT INTO submissions ({COLUMNS}, position, first_pulled, changed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15, {NOW}, {NOW})"
                ))
                .map_err(db)?;
            let mut update = tx
                .prepare(&format!(
                    "UPDATE submissions SET title = ?2, team = ?3, members = ?4, space_url = ?5, space_id = ?6,
                     space_key = ?7, video_url = ?8, post_url = ?9, description = ?10, track = ?11, tags = ?12,
                     models = ?13, declared_params = ?14, withdrawn = 0, position = ?15, changed_at = {NOW}
                     WHERE id = ?1"
                ))
                .map_err(db)?;
            let mut reorder = tx.prepare("UPDATE submissions SET position = ?2 WHERE id = ?1").map_err(db)?;
            for (position, new) in incoming.submissions.iter().enumerate() {
                let old = existing.get(&new.id);
                let new = &keep_known_space(new, old.map(|o| &o.submission));
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
                    new.declared_params.map(|p| p.min(i64::MAX as u64) as i64),
                    position as i64,
                ];
                match old {
                    None => {
                        insert.execute(values).map_err(db)?;
                        counts.added += 1;
                    }
                    Some(old) if old.withdrawn || old.submission != *new => {
                        update.execute(values).map_err(db)?;
                        if old.withdrawn {
                            counts.returned += 1;
                        } else {
                            counts.updated += 1;
                        }
                    }
                    Some(_) => {
                        reorder.execute(params![new.id, position as i64]).map_err(db)?;
                        counts.unchanged += 1;
                    }
                }
            }
            let mut withdraw = tx
                .prepare(&format!("UPDATE submissions SET withdrawn = 1, changed_at = {NOW} WHERE id = ?1"))
                .map_err(db)?;
            for old in existing.values().filter(|o| !o.withdrawn && !incoming.ids_seen.contains(&o.submission.id)) {
                withdraw.execute([&old.submission.id]).map_err(db)?;
                counts.withdrawn += 1;
            }
            tx.execute(
                &format!(
                    "INSERT INTO pulls (at, source, digest, added, updated, withdrawn, returned, unchanged, rejected)
                     VALUES ({NOW}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                ),
                params![
                    incoming.source,
                    incoming.digest,
                    counts.added as i64,
                    counts.updated as i64,
                    counts.withdrawn as i64,
                    counts.returned as i64,
                    counts.unchanged as i64,
                    incoming.rejected as i64
                ],
            )
            .map_err(db)?;
            if let Some((key, url, body)) = incoming.cache {
                tx.execute(
                    &format!(
                        "INSERT INTO export_cache (source_key, source, body, fetched_at) VALUES (?1, ?2, ?3, {NOW})
                         ON CONFLICT (source_key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at"
                    ),
                    params![key, url, body],
                )
                .map_err(db)?;
            }
        }
        tx.commit().map_err(db)?;
        Ok(counts)
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
fn keep_known_space(new: &Submission, old: Option<&Submission>) -> Submission {
    match old {
        Some(old) if new.space_id.is_none() && old.space_id.is_some() && new.space_key == old.space_key => {
            Submission { space_id: old.space_id.clone(), space_url: old.space_url.clone(), ..new.clone() }
        }
        _ => new.clone(),
    }
}
