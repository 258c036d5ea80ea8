//! The judge's scores and notes.

use rusqlite::params;

use super::{NOW, Store, StoreError};
use crate::model::{Change, Compared, Kept, ScoreSheet, TextPart, Verdict, all_kept};
use crate::scorefile::ScoreRow;

impl Store {
    pub fn score_sheet(&self) -> Result<ScoreSheet, StoreError> {
        // Every row: the filter holds for any value given.
        self.sheet_where("?1 IS NOT NULL", &1)
    }

    /// What the judge gave these entries only.
    pub fn sheet_of(&self, ids: &[String]) -> Result<ScoreSheet, StoreError> {
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        self.sheet_where("submission_id IN (SELECT value FROM json_each(?1))", &ids)
    }

    /// The entries whose sheet changed in any part at or after `since` (by the store's clock; ""
    /// for all), and the store's time now, to ask from next time.
    pub fn changed_since(&self, since: &str) -> Result<(Vec<String>, String), StoreError> {
        let sql: Vec<String> =
            all_kept().map(|k| format!("SELECT submission_id FROM {} WHERE {} >= ?1", k.table, k.stamp)).collect();
        let now = self.now()?;
        let mut stmt = self.conn.prepare(&sql.join(" UNION ")).map_err(|e| self.db(e))?;
        let ids = stmt.query_map([since], |r| r.get(0)).map_err(|e| self.db(e))?;
        Ok((ids.collect::<Result<_, _>>().map_err(|e| self.db(e))?, now))
    }

    /// How many rows every part of the sheet holds in the store: a count that differs from a
    /// sheet's says something was deleted.
    pub fn sheet_size(&self) -> Result<usize, StoreError> {
        let counts: Vec<String> = all_kept().map(|k| format!("(SELECT COUNT(*) FROM {})", k.table)).collect();
        let sql = format!("SELECT {}", counts.join(" + "));
        let n: i64 = self.conn.query_row(&sql, [], |r| r.get(0)).map_err(|e| self.db(e))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn sheet_where(&self, filter: &str, param: &dyn rusqlite::ToSql) -> Result<ScoreSheet, StoreError> {
        let mut sheet = ScoreSheet::default();
        let query = |sql: &str| -> Result<rusqlite::Statement<'_>, StoreError> {
            self.conn.prepare(&sql.replace("FILTER", filter)).map_err(|e| self.db(e))
        };
        let mut stmt = query("SELECT submission_id, criterion, value FROM scores WHERE FILTER")?;
        let rows = stmt
            .query_map([param], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))
            .map_err(|e| self.db(e))?;
        for row in rows {
            let (id, criterion, value) = row.map_err(|e| self.db(e))?;
            let value = u8::try_from(value).unwrap_or(u8::MAX);
            sheet.scores.entry(id).or_default().insert(criterion, value);
        }
        for part in TextPart::ALL {
            let kept = part.spec();
            let mut stmt = query(&format!("SELECT submission_id, {} FROM {} WHERE FILTER", kept.column, kept.table))?;
            let rows = stmt.query_map([param], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.db(e))?;
            for row in rows {
                let (id, text) = row.map_err(|e| self.db(e))?;
                sheet.texts[part].insert(id, text);
            }
        }
        let mut stmt = query("SELECT submission_id, other_id, verdict, note FROM comparisons WHERE FILTER")?;
        let rows = stmt
            .query_map([param], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?))
            })
            .map_err(|e| self.db(e))?;
        for row in rows {
            let (first, second, verdict, note) = row.map_err(|e| self.db(e))?;
            // The table's CHECK admits these three only.
            let verdict = Verdict::from_key(&verdict).unwrap_or(Verdict::Level);
            sheet.comparisons.entry(first).or_default().insert(second, Compared { verdict, note });
        }
        let mut stmt = query("SELECT submission_id, seconds FROM readings WHERE FILTER ORDER BY timed_at, rowid")?;
        let rows = stmt.query_map([param], |r| Ok((r.get::<_, String>(0)?, r.get(1)?))).map_err(|e| self.db(e))?;
        for row in rows {
            let (id, seconds) = row.map_err(|e| self.db(e))?;
            sheet.readings.entry(id).or_default().push(seconds);
        }
        Ok(sheet)
    }

    /// Writes several checked changes, each for its submission, in one transaction: all or none.
    pub fn apply_all(&mut self, changes: &[(String, Change)]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.db(e))?;
        for (submission, change) in changes {
            self.apply(submission, change)?;
        }
        tx.commit().map_err(|e| self.db(e))
    }
}

impl Store {
    /// Writes one change for one submission, as its own transaction.
    pub fn apply(&self, submission: &str, change: &Change) -> Result<(), StoreError> {
        let result = match change {
            Change::Score { criterion, value: Some(v) } => self
                .conn
                .execute(
                    &format!(
                        "INSERT INTO scores (submission_id, criterion, value, given_at) VALUES (?1, ?2, ?3, {NOW})
                         ON CONFLICT (submission_id, criterion) DO UPDATE SET value = excluded.value, given_at = excluded.given_at"
                    ),
                    params![submission, criterion, i64::from(*v)],
                )
                .and_then(|_| self.note_revision(submission)),
            Change::Score { criterion, value: None } => self
                .conn
                .execute("DELETE FROM scores WHERE submission_id = ?1 AND criterion = ?2", params![submission, criterion]),
            Change::Text(part, text) => self.set_one(part.spec(), submission, text.as_ref()),
            Change::Readings(seconds) => self.set_readings(submission, seconds),
            Change::Comparison { other, answer: Some(answer) } => self.conn.execute(
                &format!(
                    "INSERT INTO comparisons (submission_id, other_id, verdict, note, compared_at) VALUES (?1, ?2, ?3, ?4, {NOW})
                     ON CONFLICT (submission_id, other_id) DO UPDATE SET verdict = excluded.verdict, note = excluded.note,
                     compared_at = excluded.compared_at"
                ),
                params![submission, other, answer.verdict.key(), answer.note],
            ),
            Change::Comparison { other, answer: None } => self.conn.execute(
                "DELETE FROM comparisons WHERE submission_id = ?1 AND other_id = ?2",
                params![submission, other],
            ),
        };
        result.map(drop).map_err(|e| self.db(e))
    }

    /// Records the Space's commit an entry is scored on, when the Hub's cached facts name one:
    /// Spaces keep changing after the deadline, and what a judge scored is one commit.
    fn note_revision(&self, submission: &str) -> rusqlite::Result<usize> {
        self.conn.execute(
            &format!(
                "INSERT INTO revisions (submission_id, revision, scored_at)
                 SELECT submission_id, json_extract(facts, '$.revision'), {NOW} FROM hub_facts
                 WHERE submission_id = ?1 AND json_extract(facts, '$.revision') IS NOT NULL
                 ON CONFLICT (submission_id) DO UPDATE SET revision = excluded.revision, scored_at = excluded.scored_at"
            ),
            params![submission],
        )
    }

    /// The Space's commit each entry was last scored on, by entry.
    pub fn revisions(&self) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT submission_id, revision FROM revisions ORDER BY submission_id")
            .map_err(|e| self.db(e))?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(|e| self.db(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db(e))
    }

    /// Replaces an entry's stopwatch readings with `seconds`, oldest first. Readings already
    /// stored keep their times; a new one is stamped now.
    fn set_readings(&self, submission: &str, seconds: &[f64]) -> rusqlite::Result<usize> {
        // Several statements, one change: a savepoint makes them all or nothing, inside a
        // transaction of the caller's or on their own.
        self.conn.execute_batch("SAVEPOINT readings")?;
        let result = self.replace_readings(submission, seconds);
        let end = if result.is_ok() { "RELEASE readings" } else { "ROLLBACK TO readings; RELEASE readings" };
        self.conn.execute_batch(end)?;
        result
    }

    fn replace_readings(&self, submission: &str, seconds: &[f64]) -> rusqlite::Result<usize> {
        let kept: Vec<(f64, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT seconds, timed_at FROM readings WHERE submission_id = ?1 ORDER BY timed_at, rowid")?;
            stmt.query_map([submission], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
        };
        self.conn.execute("DELETE FROM readings WHERE submission_id = ?1", [submission])?;
        for (i, s) in seconds.iter().enumerate() {
            let at = kept.get(i).filter(|(old, _)| old == s).map(|(_, at)| at.clone());
            match at {
                Some(at) => self.conn.execute(
                    "INSERT INTO readings (submission_id, seconds, timed_at) VALUES (?1, ?2, ?3)",
                    params![submission, s, at],
                )?,
                None => self.conn.execute(
                    &format!("INSERT INTO readings (submission_id, seconds, timed_at) VALUES (?1, ?2, {NOW})"),
                    params![submission, s],
                )?,
            };
        }
        Ok(seconds.len())
    }

    /// Sets, or with `None` clears, a text part of the sheet for one submission. The table and
    /// column names are the part's declared constants, never input.
    fn set_one(&self, kept: Kept, submission: &str, value: Option<&String>) -> rusqlite::Result<usize> {
        let Kept { table, column, stamp, .. } = kept;
        match value {
            Some(v) => self.conn.execute(
                &format!(
                    "INSERT INTO {table} (submission_id, {column}, {stamp}) VALUES (?1, ?2, {NOW})
                     ON CONFLICT (submission_id) DO UPDATE SET {column} = excluded.{column}, {stamp} = excluded.{stamp}"
                ),
                params![submission, v],
            ),
            None => self.conn.execute(&format!("DELETE FROM {table} WHERE submission_id = ?1"), [submission]),
        }
    }
}

impl Store {
    /// Every scored submission's row, in id order, for the criteria given.
    pub fn score_rows(&self, criteria: &[String]) -> Result<Vec<ScoreRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT submission_id, criterion, value,
                        CAST(ROUND((julianday(given_at) - 2440587.5) * 86400000) AS INTEGER)
                 FROM scores ORDER BY submission_id",
            )
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
            })
            .map_err(|e| self.db(e))?;
        let mut out: Vec<ScoreRow> = Vec::new();
        for row in rows {
            let (id, criterion, value, given) = row.map_err(|e| self.db(e))?;
            let Some(i) = criteria.iter().position(|c| *c == criterion) else { continue };
            if out.last().is_none_or(|r| r.0 != id) {
                out.push((id, vec![None; criteria.len()], vec![None; criteria.len()]));
            }
            if let Some(last) = out.last_mut() {
                last.1[i] = u8::try_from(value).ok();
                last.2[i] = Some(given);
            }
        }
        Ok(out)
    }

    /// The time by the store's clock, as score files write it.
    pub fn now(&self) -> Result<String, StoreError> {
        self.conn.query_row(&format!("SELECT {NOW}"), [], |r| r.get(0)).map_err(|e| self.db(e))
    }
}
