import GRDB

/// The format of an lbsearch index file.
///
/// One SQLite database, `PRAGMA application_id` = `Schema.applicationID` ("LBSE"):
///
/// - `files(path PRIMARY KEY, size, mtime, hash)` — one row per indexed file: what change
///   detection compares with the file system. `hash` is `ContentHash` of the whole file.
/// - `documents(id INTEGER PRIMARY KEY, path, record, title, body, date, source, url, tags,
///   size, mtime, hash)` — one row per searchable document. `path` is the file it came from;
///   `record` is the JSONL `_id`, or '' for a whole-file document; `(path, record)` is unique.
///   `date` is ISO `yyyy-mm-dd` or NULL; `tags` is a JSON array of strings; `size` and `hash`
///   describe the bytes the document was read from (the file, or its JSONL line).
/// - `documents_fts` — FTS5 over `title` (column 0) and `body` (column 1), external content
///   on `documents` (rowid = `documents.id`), tokenizer `Schema.tokenizer`. Triggers keep it
///   in sync on insert, delete and title/body update; a path-only update (a move) leaves the
///   index alone. See SQLite's FTS5 documentation, section 4.4.3 "External Content Tables".
/// - `meta(key PRIMARY KEY, value)` — `tokenizer` (the tokenizer string the index was built
///   with) and `roots` (JSON array of the indexed roots).
/// - `documents_vocab` — an `fts5vocab` "row" table over `documents_fts`: every indexed
///   (stemmed) term with its document count, for spelling suggestions.
/// - `runs(id, started, ended, full, pid, result, error, added, updated, moved, removed,
///   unchanged, skipped, tokenized, seconds)` — one row per `lbsearch index` run, newest last,
///   the last `Schema.keptRuns` kept. `started`/`ended` are Unix seconds (`ended` NULL while
///   running, or forever when the run was killed); `result` is 'running', 'ok' or 'failed'
///   (with the one-line `error`); the counts are the run's `IndexReport`. Added by "v3".
/// - `documents_record` — an index on `documents(record)`, so that a hit's public id can be
///   checked for clashes (`DocumentIdentity`). Added by "v4b".
/// - `grdb_migrations` — the named migrations applied, which is the schema version.
public enum Schema {
    /// "LBSE" as a big-endian 32-bit integer; marks a file as an lbsearch index.
    public static let applicationID: Int32 = 0x4C42_5345
    /// The FTS5 tokenizer: Porter stemming over Unicode 6.1 word splitting with diacritics
    /// folded (SQLite FTS5 documentation, section 4.3 "Tokenizers").
    public static let tokenizer = "porter unicode61 remove_diacritics 2"

    /// Every migration, in order. Never edit one that has shipped; add a new one.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, files, meta and FTS5 index") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: v1)
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('tokenizer', ?)", arguments: [tokenizer])
        }
        migrator.registerMigration("v2: vocabulary of the FTS5 index") { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row)")
        }
        migrator.registerMigration("v3: runs history") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4b: index of documents by JSONL record id") { db in
            try db.execute(sql: "CREATE INDEX documents_record ON documents(record)")
        }
        return migrator
    }

    /// How many runs the `runs` table keeps.
    public static let keptRuns = 100

    static let v1 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            record TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            date TEXT,
            source TEXT,
            url TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (path, record)
        );
        CREATE INDEX documents_hash ON documents(hash);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, body,
            content = 'documents', content_rowid = 'id',
            tokenize = '\(tokenizer)'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, body ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        """

    static let v3 = """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started REAL NOT NULL,
            ended REAL,
            full INTEGER NOT NULL DEFAULT 0,
            pid INTEGER NOT NULL,
            result TEXT NOT NULL DEFAULT 'running',
            error TEXT,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            moved INTEGER NOT NULL DEFAULT 0,
            removed INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            tokenized INTEGER NOT NULL DEFAULT 0,
            seconds REAL
        );
        """
}
