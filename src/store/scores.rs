//! The judge's scores and notes.

use std::collections::HashMap;

use rusqlite::params;

use super::{NOW, Store, StoreError};

/// Everything this judge has given: scores per submission and criterion, and notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreSheet {
    pub scores: HashMap<String, HashMap<String, u8>>,
    pub notes: HashMap<String, String>,
}

impl ScoreSheet {
    pub fn score(&self, submission: &str, criterion: &str) -> Option<u8> {
        self.scores.get(submission)?.get(criterion).copied()
    }

    pub fn scored_count(&self, submission: &str, criteria: &[crate::model::Criterion]) -> usize {
        criteria.iter().filter(|c| self.score(submission, &c.id).is_some()).count()
    }
}

impl Store {
    pub fn score_sheet(&self) -> Result<ScoreSheet, StoreError> {
        let mut sheet = ScoreSheet::default();
        let mut stmt =
            self.conn.prepare("SELECT submission_id, criterion, value FROM scores").map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))
            .map_err(|e| self.db(e))?;
        for row in rows {
            let (id, criterion, value) = row.map_err(|e| self.db(e))?;
            let value = u8::try_from(value).unwrap_or(u8::MAX);
            sheet.scores.entry(id).or_default().insert(criterion, value);
        }
        let mut stmt = self.conn.prepare("SELECT submission_id, text FROM notes").map_err(|e| self.db(e))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.db(e))?;
        for row in rows {
            let (id, text) = row.map_err(|e| self.db(e))?;
            sheet.notes.insert(id, text);
        }
        Ok(sheet)
    }

    /// Records scores (already checked against the rubric) and, if given, replaces the note: all
    /// in one transaction.
    pub fn record(&mut self, submission: &str, scores: &[(String, u8)], note: Option<&str>) -> Result<(), StoreError> {
        let path = self.path.clone();
        let db = |source| StoreError::Db { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(db)?;
        for (criterion, value) in scores {
            tx.execute(
                &format!(
                    "INSERT INTO scores (submission_id, criterion, value, given_at) VALUES (?1, ?2, ?3, {NOW})
                     ON CONFLICT (submission_id, criterion) DO UPDATE SET value = excluded.value, given_at = excluded.given_at"
                ),
                params![submission, criterion, i64::from(*value)],
            )
            .map_err(db)?;
        }
        if let Some(text) = note {
            tx.execute(
                &format!(
                    "INSERT INTO notes (submission_id, text, changed_at) VALUES (?1, ?2, {NOW})
                     ON CONFLICT (submission_id) DO UPDATE SET text = excluded.text, changed_at = excluded.changed_at"
                ),
                params![submission, text],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)
    }
}
