//! The store's schema, as an append-only list of migrations.
//!
//! `PRAGMA user_version` counts the migrations applied. Never edit or remove one that has
//! shipped: a judge's store from yesterday's build must open in today's. Add a new one instead.

pub const MIGRATIONS: &[&str] = &[
    // 1: submissions from the export, the judge's scores and notes, and the pull log.
    "CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        team TEXT NOT NULL,
        members TEXT NOT NULL,          -- JSON array of names
        space_url TEXT NOT NULL,
        space_id TEXT,
        space_key TEXT,
        video_url TEXT,
        post_url TEXT,
        description TEXT NOT NULL,
        track TEXT,
        tags TEXT NOT NULL,             -- JSON array
        models TEXT NOT NULL,           -- JSON array
        declared_params INTEGER,
        withdrawn INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL,      -- order in the latest export
        first_pulled TEXT NOT NULL,
        changed_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE scores (
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        criterion TEXT NOT NULL,
        value INTEGER NOT NULL,
        given_at TEXT NOT NULL,
        PRIMARY KEY (submission_id, criterion)
    ) STRICT;
    CREATE TABLE notes (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        text TEXT NOT NULL,
        changed_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE pulls (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        source TEXT NOT NULL,
        digest TEXT NOT NULL,
        added INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        withdrawn INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        rejected INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE export_cache (
        source_key TEXT PRIMARY KEY,    -- a digest of the source URL: the URL may hold a secret
        source TEXT NOT NULL,           -- the URL without its query, for messages
        body BLOB NOT NULL,
        fetched_at TEXT NOT NULL
    ) STRICT;",
    // 2: the judge's stopwatch readings and recusals, from the terminal app.
    "CREATE TABLE timings (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        seconds REAL NOT NULL,
        timed_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE recusals (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        reason TEXT NOT NULL,
        recused_at TEXT NOT NULL
    ) STRICT;",
    // 3: the Space's SDK and likes, for the prize rules.
    "ALTER TABLE submissions ADD COLUMN sdk TEXT;
    ALTER TABLE submissions ADD COLUMN likes INTEGER;",
    // 4: the Hub's answers, kept with when they were fetched, and what they say of each entry.
    "CREATE TABLE hub_cache (
        key TEXT PRIMARY KEY,           -- what was asked: readme:ID@SHA, model:ID, hardware, list:ORG
        body BLOB NOT NULL,
        fetched_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE hub_facts (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        facts TEXT NOT NULL,            -- JSON: stage, hardware, price, models and their sizes
        fetched_at TEXT NOT NULL
    ) STRICT;",
    // 5: every stopwatch reading of an entry, not only the last; the last ones carried over.
    "CREATE TABLE readings (
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        seconds REAL NOT NULL,
        timed_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX readings_by_submission ON readings (submission_id);
    INSERT INTO readings (submission_id, seconds, timed_at) SELECT submission_id, seconds, timed_at FROM timings;
    DROP TABLE timings;",
    // 6: the Space's commit each entry was last scored on, when the Hub's facts named one.
    "CREATE TABLE revisions (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        revision TEXT NOT NULL,
        scored_at TEXT NOT NULL
    ) STRICT;",
    // 7: a note the team may read, beside the jury's own (`notes`, which stay jury-only).
    "CREATE TABLE team_notes (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        text TEXT NOT NULL,
        changed_at TEXT NOT NULL
    ) STRICT;",
    // 8: the list in export order without sorting the whole table each time the app opens.
    "CREATE INDEX submissions_in_export_order ON submissions (position);",
    // 9: the finals: which of two finalists the judge found better, or that they are level. One
    // answer a pair, kept with the smaller id first (`submission_id`), so that what is re-read
    // by entry finds it.
    "CREATE TABLE comparisons (
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        other_id TEXT NOT NULL REFERENCES submissions(id),
        verdict TEXT NOT NULL CHECK (verdict IN ('first', 'second', 'level')),
        note TEXT,
        compared_at TEXT NOT NULL,
        PRIMARY KEY (submission_id, other_id),
        CHECK (submission_id < other_id)
    ) STRICT;",
    // 10: the head judge's memory of each judge's newest score file taken in (by `collect`,
    // `merge`, `status`, ...), so that a file older than it, put back in the repo, is refused.
    "CREATE TABLE newest_files (
        judge_key TEXT PRIMARY KEY,     -- the judge's name as names compare (model::name_key)
        judge TEXT NOT NULL,            -- as the file gives it
        written_at TEXT NOT NULL,       -- as the file says it
        written TEXT NOT NULL,          -- that moment in UTC, RFC 3339: what orders a judge's files
        digest TEXT NOT NULL,           -- the file body's SHA-256: the same file again is no step
        file TEXT NOT NULL,             -- where it was read from, for messages
        taken_at TEXT NOT NULL
    ) STRICT;",
    // 11: with each judge's newest file, the key that checked it (scorefile::key_fingerprint:
    // `ed25519:…`, `hmac-sha256:…` or `unsigned`), so that a file taken in under a key
    // judging.toml no longer lists for the judge is set aside. NULL for a file taken in before.
    "ALTER TABLE newest_files ADD COLUMN key TEXT;",
];
