//! The Hub's answers in the store: a cache of raw answers, and each entry's facts.

use rusqlite::{OptionalExtension, ToSql, Transaction, params};

use std::collections::HashMap;

use super::{NOW, Store, StoreError};
use crate::model::HubFacts;
pub use crate::model::{Cached, HubCache};

impl HubCache for Store {
    fn cached(&self, key: &str, fresh_hours: u32) -> Option<Cached> {
        self.hub_cached(key, fresh_hours).ok().flatten()
    }
}

impl Store {
    /// A cached Hub answer, and whether it was fetched within the last `fresh_hours`.
    pub fn hub_cached(&self, key: &str, fresh_hours: u32) -> Result<Option<Cached>, StoreError> {
        let sql = format!(
            "SELECT body, fetched_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{fresh_hours} hours')
             FROM hub_cache WHERE key = ?1"
        );
        self.conn
            .query_row(&sql, [key], |r| Ok(Cached { body: r.get(0)?, fresh: r.get(1)? }))
            .optional()
            .map_err(|e| self.db(e))
    }

    /// Keeps new answers and each entry's facts, all in one transaction: a refresh that fails
    /// half way leaves the cache as it was.
    pub fn put_hub(&mut self, answers: &[(String, Vec<u8>)], facts: &[(String, String)]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let db = |source| StoreError::Db { path: path.clone(), cause: source };
        let tx = self.conn.transaction().map_err(db)?;
        upsert(&tx, "hub_cache", "key", "body", answers).map_err(db)?;
        upsert(&tx, "hub_facts", "submission_id", "facts", facts).map_err(db)?;
        tx.commit().map_err(db)
    }

    /// Every entry's facts from the Hub, with when they were fetched; facts that no longer read
    /// (an older build's) are left out.
    pub fn hub_facts_by_entry(&self) -> Result<HashMap<String, (HubFacts, String)>, StoreError> {
        Ok(self
            .hub_facts()?
            .into_iter()
            .filter_map(|(id, json, at)| serde_json::from_str(&json).ok().map(|f| (id, (f, at))))
            .collect())
    }

    /// Every entry's facts from the Hub, as JSON, with when they were fetched.
    pub fn hub_facts(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT submission_id, facts, fetched_at FROM hub_facts").map_err(|e| self.db(e))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(|e| self.db(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db(e))
    }
}

/// Writes each row over the one under its key, stamped now. Table and column names are this
/// module's constants, never input.
fn upsert<V: ToSql>(
    tx: &Transaction,
    table: &str,
    key: &str,
    value: &str,
    rows: &[(String, V)],
) -> rusqlite::Result<()> {
    let mut put = tx.prepare(&format!(
        "INSERT INTO {table} ({key}, {value}, fetched_at) VALUES (?1, ?2, {NOW})
         ON CONFLICT ({key}) DO UPDATE SET {value} = excluded.{value}, fetched_at = excluded.fetched_at"
    ))?;
    for (k, v) in rows {
        put.execute(params![k, v])?;
    }
    Ok(())
}
