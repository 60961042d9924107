import GRDB
import GRDBSQLite

/// The format of an lbsearch index file.
///
/// One SQLite database, `PRAGMA application_id` = `Schema.applicationID` ("LBSE"):
///
/// - `files(path PRIMARY KEY, size, mtime, hash)` (`WITHOUT ROWID` since "v13") — one row per
///   indexed file: what change detection compares with the file system. `hash` is `ContentHash` of the whole file.
/// - `documents(id INTEGER PRIMARY KEY, path, record, title, date, source, url, tags, size,
///   mtime, hash, body_z)` — one row per searchable document. `path` is the file it came from;
///   `record` is the JSONL `_id`, or '' for a whole-file document; `(path, record)` is unique.
///   `date` is ISO `yyyy-mm-dd` or NULL; `tags` is a JSON array of strings; `size` and `hash`
///   describe the bytes the document was read from (the file, or its JSONL line). `body_z` is
///   the body compressed (`StoredText`), since "v5" (before, `body` held the text): raw
///   deflate, with a preset dictionary since "v8"; a zstd frame for bodies written since "v10".
/// - `documents_text(id, title, body)` — a view of `documents` with the body decompressed
///   (`lbsearch_inflate(body_z)`, an SQL function every connection registers). Since "v5".
/// - `documents_fts` — FTS5 over `body` (column 0) and `title` (column 1) since "v12"
///   (`title` first before: `FieldLayout` reads which), external content on `documents_text`
///   (rowid = `documents.id`; `documents` itself before "v5"), tokenizer `Schema.tokenizer`
///   since "v4" (`legacyTokenizer` before). Triggers on `documents` keep it in sync on insert,
///   delete and title/body update, passing the decompressed text (a 'delete' needs the old
///   values); a path-only update (a move) leaves the index alone. See SQLite's FTS5
///   documentation, section 4.4.3 "External Content Tables". The body comes first because an
///   FTS5 position list (detail=full) starts in column 0 and pays a column marker (0x01 and the
///   column's varint) before its first position in any other column: with the title first,
///   nearly every posting (a word of the body only) paid 2 bytes more. On 20,000 synthetic
///   documents `documents_fts_data` was 36.0 MB with (title, body), 25.8 MB with (body, title).
/// - `meta(key PRIMARY KEY, value)` — `tokenizer` (the tokenizer the index was built with:
///   `legacyTokenizer` before "v4", `tokenizerRecord` since) and `roots` (JSON array of the indexed roots).
/// - `documents_vocab` — an `fts5vocab` "row" table over `documents_fts`: every indexed
///   (stemmed) term with its document count, for spelling suggestions.
/// - `runs(id, started, ended, full, pid, result, error, added, updated, moved, removed,
///   unchanged, skipped, tokenized, seconds)` — one row per `lbsearch index` run, newest last,
///   the last `Schema.keptRuns` kept. `started`/`ended` are Unix seconds (`ended` NULL while
///   running, or forever when the run was killed); `result` is 'running', 'ok' or 'failed'
///   (with the one-line `error`); the counts are the run's `IndexReport`. Added by "v3".
/// - `documents_record` — an index on `documents(record)`, so that a hit's public id can be
///   checked for clashes (`DocumentIdentity`). Added by "v4b"; partial since "v14", on the rows
///   `WHERE record<>''` (JSONL records and feed items) only, so every query that looks a
///   record up through it says `record <> ''` too (SQLite documentation, "Partial Indexes",
///   section 2.2: a query uses a partial index only when its WHERE clause implies the index's).
/// - `changes(run, document, path, record)` — the change log, for `lbsearch export
///   --changes-since` (`IndexStore+Changes`). Triggers on `documents` write it with `run`
///   NULL; the run that wrote them sets it when it ends (or the next one, when it starts, for a
///   run that was killed), so NULL means the newest run.
///   `document` is the `documents.id` added or changed (NULL for one removed); `path` and
///   `record` are the ones a removed or updated document had (NULL for one added). A touch (mtime only) is nothing. Meta `changes_since` is the oldest run the
///   log answers for: it holds every change of the runs after it. A first build (an empty
///   index) and a `--full` rebuild start it at their run; rows of runs up to it, and of runs
///   older than the last `keptRuns`, are deleted when a run starts. Added by "v6".
/// - `documents.exact_key`, `documents.near_key` — the document's `TextFingerprint` as signed
///   64-bit integers (bit patterns): the hash of its normalized text, and its SimHash (NULL for
///   a short body). Indexed by `documents_exact`. Added by "v9", which fills them for the
///   documents already stored.
/// - "v10" changes no table: from it on, new bodies are zstd frames (`StoredText`), beside the
///   raw deflate bodies of the documents stored before.
/// - `dictionaries(zstd_id INTEGER PRIMARY KEY, data)` — zstd dictionaries trained from the
///   index's own bodies (`BodyDictionary`): a frame compressed with one names its `zstd_id`
///   (which zstd derives from its content: 32768 and up, never 0), a frame naming none uses the
///   shipped dictionary. Since "v11", made by the first run that has seen enough bodies
///   (`DictionaryTrainer`) with the one dictionary new bodies use; absent until then.
/// - "v12" recreates `documents_fts` with the body as column 0 (`bodyFirstMigration`), its
///   vocabulary and its triggers, and rebuilds it once.
/// - "v13" recreates `files` as a `WITHOUT ROWID` table keyed by `path` (`filesKeyMigration`):
///   the table is its own index, so each path is stored once instead of in the table and in
///   its `sqlite_autoindex_files_1`. Same columns, types, constraints and rows.
/// - "v14" recreates `documents_record` as a partial index (`partialRecordMigration`): a
///   whole-file document, whose `record` is '', is found by `(path, record)` and never by
///   `record` alone, and was one entry of that index each. It declares `runs` again, the same
///   columns and rows, in fewer bytes of the schema (`v14`).
/// - `grdb_migrations` — the named migrations applied, which is the schema version.
public enum Schema {
    /// "LBSE" as a big-endian 32-bit integer; marks a file as an lbsearch index.
    public static let applicationID: Int32 = 0x4C42_5345
    /// The FTS5 tokenizer: lbsearch's own (`Tokenizer`): CJK runs as character bigrams, the
    /// rest as `legacyTokenizer` does (SQLite FTS5 documentation, section 4.3 "Tokenizers").
    public static let tokenizer = Tokenizer.name
    /// What meta `tokenizer` records for an index built with `tokenizer`: its name, version and
    /// rules, so a later change of rules can be detected (and `lbsearch status` can say it).
    public static let tokenizerRecord =
        "\(tokenizer) 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2"
    /// The tokenizer of indexes built before "v4": Porter stemming over Unicode 6.1 word splitting
    /// with diacritics folded.
    ///
    /// Shipped migrations keep using it.
    public static let legacyTokenizer = "porter unicode61 remove_diacritics 2"
    /// The migration that moved the index to `tokenizer`; an index without it must be rebuilt.
    public static let tokenizerMigration = "v4: lbsearch tokenizer (CJK bigrams, width folding)"
    /// The migration that compressed the stored bodies and rebuilt the FTS5 index over them.
    public static let compressionMigration = "v5: bodies stored compressed"
    /// The migration that added the change log (`changes`), read by `lbsearch export`.
    public static let changeLogMigration = "v6: change log"
    /// The migration that compressed the stored bodies again, with the preset dictionary.
    public static let dictionaryMigration = "v8: bodies compressed with a preset dictionary"
    /// The migration that adds and fills the text fingerprints copies are found by.
    public static let fingerprintMigration = "v9: text fingerprints"
    /// The migration that marks an index as storing new bodies as zstd frames (`StoredText`).
    ///
    /// It rewrites nothing: bodies stored before stay raw deflate, which `lbsearch_inflate`
    /// still reads. Its record makes a release without it refuse the index as newer, rather
    /// than fail on a body it cannot read.
    public static let zstdMigration = "v10: bodies stored as zstd"
    /// Migrations a read can do without: an index that lacks only these is searched as it is,
    /// since every read works the same on it, until the next `lbsearch index` applies them.
    ///
    /// "v14" is one too: every query through `documents_record` says `record <> ''`, which a
    /// full index on `record` answers as well, and `runs` has the same columns either way.
    ///
    /// "v13" is one too: readers of `files` (`count(*)`, its columns by name, a scan `NOT
    /// INDEXED`) read the same rows from either form of the table.
    ///
    /// "v12" is one of them: every reader of `documents_fts` maps its columns to fields through
    /// the layout the index has (`FieldLayout`).
    static let readCompatibleMigrations: Set<String> = [
        zstdMigration, trainedDictionaryMigration, bodyFirstMigration, filesKeyMigration,
        partialRecordMigration,
    ]
    /// The migration that marks an index as storing bodies compressed with a dictionary trained
    /// from its own text, in `dictionaries` (made with the first one).
    ///
    /// An index without it has no such body, so a read does without it. Its record makes a
    /// release without it refuse the index as newer, rather than fail on a body it cannot read.
    public static let trainedDictionaryMigration = "v11: trained dictionaries"
    /// The migration that puts the body before the title in `documents_fts` (`v12`): a smaller
    /// full-text index, rebuilt once.
    ///
    /// Its record makes a release without it refuse the index as newer, rather than read the
    /// body as the title.
    public static let bodyFirstMigration = "v12: body before title in the full-text index"
    /// The migration that keys `files` by path without a second copy (`v13`): the rowid table
    /// and its automatic index on `path` become one `WITHOUT ROWID` table, the same rows.
    ///
    /// Its record makes a release without it refuse the index as newer.
    public static let filesKeyMigration = "v13: files keyed by path (WITHOUT ROWID)"
    /// The migration that keeps `documents_record` to the documents that have a record id
    /// (`v14`): the whole-file documents, each '', are no longer in it.
    ///
    /// Its record makes a release without it refuse the index as newer: such a release asks
    /// for records without `record <> ''` and would scan the table instead.
    public static let partialRecordMigration = "v14: record index on records only"

    /// Every migration, in order.
    ///
    /// Never edit one that has shipped; add a new one.
    /// The last migration an index records: its schema version (nil in a file without one).
    static func lastMigration(_ db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1")
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, files, meta and FTS5 index") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: v1)
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES ('tokenizer', ?)",
                arguments: [legacyTokenizer])
        }
        migrator.registerMigration("v2: vocabulary of the FTS5 index") { db in
            try db.execute(
                sql: "CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row)")
        }
        migrator.registerMigration("v3: runs history") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration(tokenizerMigration) { db in
            try db.execute(sql: v4)
            try db.execute(
                sql: "UPDATE meta SET value = ? WHERE key = 'tokenizer'",
                arguments: [tokenizerRecord])
        }
        migrator.registerMigration("v4b: index of documents by JSONL record id") { db in
            try db.execute(sql: "CREATE INDEX documents_record ON documents(record)")
        }
        migrator.registerMigration(compressionMigration) { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration(changeLogMigration) { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration(dictionaryMigration) { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration(fingerprintMigration) { db in
            try addFingerprints(db)
        }
        migrator.registerMigration(zstdMigration) { _ in }
        migrator.registerMigration(trainedDictionaryMigration) { _ in }
        migrator.registerMigration(bodyFirstMigration) { db in
            try db.execute(sql: v12)
        }
        migrator.registerMigration(filesKeyMigration) { db in
            let count = "SELECT count(*) FROM files"
            let before = try Int.fetchOne(db, sql: count)
            try db.execute(sql: v13)
            // Every row is copied or the migration fails (no OR IGNORE); counted all the same,
            // so that none is lost without the migration rolling back: a table that does not
            // copy whole is damage.
            guard try Int.fetchOne(db, sql: count) == before else {
                let file = sqlite3_db_filename(db.sqliteConnection, "main")
                throw LBSearchError.corruptIndex(path: file.map { String(cString: $0) } ?? "")
            }
        }
        migrator.registerMigration(partialRecordMigration) { db in
            try db.execute(sql: v14)
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
            tokenize = '\(legacyTokenizer)'
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

    /// `files` keyed by path `WITHOUT ROWID`, its rows copied as they are.
    ///
    /// The columns, their types and constraints are those `v1` declares (SQLite documentation,
    /// "Clustered Indexes and the WITHOUT ROWID Optimization"; "ALTER TABLE", section 7, the
    /// steps for a change no ALTER TABLE makes). A `WITHOUT ROWID` primary key is `NOT NULL`:
    /// said here, as SQLite enforces it anyway. No trigger, view or index names `files`.
    static let v13 = """
        CREATE TABLE files_new (
            path TEXT PRIMARY KEY NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            hash TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO files_new(path, size, mtime, hash) SELECT path, size, mtime, hash FROM files;
        DROP TABLE files;
        ALTER TABLE files_new RENAME TO files;
        """

    /// `documents_record` on the rows with a record id only (SQLite documentation, "Partial
    /// Indexes"), and `runs` declared again without the layout of `v3`.
    ///
    /// The schema must stay within the file's first page (`IndexStore.salvagedRoots`), with
    /// room for the table GRDB creates and drops at every open of a pool whose write-ahead log
    /// is empty (`grdb_issue_102`: 96 bytes of the page). "v13" left exactly 96 bytes; the
    /// partial index takes 17 more, so `runs` is declared again with the same columns, types,
    /// defaults and constraints, its rows copied as they are, without the indentation and line
    /// breaks of `v3` (75 bytes). The rows go through a temporary table, so that the main
    /// schema never holds two declarations of `runs` at once (which would not fit the page),
    /// and `runs` keeps its name unquoted (a rename would quote it). Written tersely, as
    /// `changeTriggers`.
    static let v14 = """
        DROP INDEX documents_record;
        CREATE INDEX documents_record ON documents(record)WHERE record<>'';
        CREATE TEMP TABLE runs_kept AS SELECT * FROM runs;
        DROP TABLE runs;
        CREATE TABLE runs(id INTEGER PRIMARY KEY,started REAL NOT NULL,ended REAL,\
        full INTEGER NOT NULL DEFAULT 0,pid INTEGER NOT NULL,result TEXT NOT NULL DEFAULT 'running',\
        error TEXT,added INTEGER NOT NULL DEFAULT 0,updated INTEGER NOT NULL DEFAULT 0,\
        moved INTEGER NOT NULL DEFAULT 0,removed INTEGER NOT NULL DEFAULT 0,\
        unchanged INTEGER NOT NULL DEFAULT 0,skipped INTEGER NOT NULL DEFAULT 0,\
        tokenized INTEGER NOT NULL DEFAULT 0,seconds REAL);
        INSERT INTO runs SELECT * FROM temp.runs_kept;
        DROP TABLE temp.runs_kept;
        """

    /// Recreates the FTS5 index (and its vocabulary) with `tokenizer` and rebuilds it from
    /// `documents` (FTS5 documentation, section 6.7 "The 'rebuild' Command").
    ///
    /// The triggers name the table, not its tokenizer, so they stay.
    static let v4 = """
        DROP TABLE documents_vocab;
        DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, body,
            content = 'documents', content_rowid = 'id',
            tokenize = '\(tokenizer)'
        );
        INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
        CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row);
        """

    /// Compresses every body into `body_z`, drops the `body` column and the index
    /// `documents_hash` (no query uses it: a move is found by the `files` hash), and recreates
    /// the FTS5 index (and its vocabulary and triggers) over the view `documents_text`, rebuilt
    /// once (FTS5 documentation, sections 4.4.3 and 6.7 "The 'rebuild' Command").
    static let v5 = """
        DROP TRIGGER documents_fts_insert;
        DROP TRIGGER documents_fts_delete;
        DROP TRIGGER documents_fts_update;
        DROP TABLE documents_vocab;
        DROP TABLE documents_fts;
        ALTER TABLE documents ADD COLUMN body_z BLOB NOT NULL DEFAULT x'';
        UPDATE documents SET body_z = lbsearch_deflate(body);
        ALTER TABLE documents DROP COLUMN body;
        DROP INDEX documents_hash;
        CREATE VIEW documents_text AS
            SELECT id, title, lbsearch_inflate(body_z) AS body FROM documents;
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, body,
            content = 'documents_text', content_rowid = 'id',
            tokenize = '\(tokenizer)'
        );
        INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
        CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row);
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, body)
            VALUES (new.id, new.title, lbsearch_inflate(new.body_z));
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, lbsearch_inflate(old.body_z));
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, body_z ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, lbsearch_inflate(old.body_z));
            INSERT INTO documents_fts(rowid, title, body)
            VALUES (new.id, new.title, lbsearch_inflate(new.body_z));
        END;
        """

    /// Compresses every body again, now with the preset dictionary (`StoredText`); the text is
    /// the same, so the FTS5 index is left alone (the update trigger is dropped meanwhile).
    ///
    /// A body written before reads the same with the dictionary, so an index is readable at
    /// every step; the migration marks the format, which older releases cannot read.
    static let v8 = """
        DROP TRIGGER documents_fts_update;
        UPDATE documents SET body_z = lbsearch_deflate(lbsearch_inflate(body_z));
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, body_z ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, lbsearch_inflate(old.body_z));
            INSERT INTO documents_fts(rowid, title, body)
            VALUES (new.id, new.title, lbsearch_inflate(new.body_z));
        END;
        """

    /// The table of trained dictionaries, made with the first one (`BodyDictionary.store`), so
    /// that an index without one has not even its empty page.
    ///
    /// Written tersely, as `changeTriggers`: the schema must stay within the file's first page,
    /// and with this table 50 bytes of it are left. Keyed by the zstd id itself, which needs no
    /// second index (a table `id`, `zstd_id UNIQUE` took a second page).
    static let dictionaries =
        "CREATE TABLE IF NOT EXISTS dictionaries(zstd_id INTEGER PRIMARY KEY,data BLOB NOT NULL)"

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

    /// The change log: its table, the meta row that says which run it starts after (the newest
    /// run when an index is migrated: no rebuild, nothing to backfill), and the triggers.
    static let v6 =
        """
        CREATE TABLE changes(run,document,path,record);
        INSERT INTO meta(key, value)
            VALUES ('changes_since', (SELECT coalesce(max(id), 0) FROM runs));
        """ + changeTriggers

    /// The triggers that write `changes` (see the format above), written tersely: SQLite keeps
    /// their text in `sqlite_schema`, which must stay within the file's first page so that a
    /// truncated index still tells its roots (`IndexStore.salvagedRoots`).
    ///
    /// A row with both `document` and `path` is an update, with the path and record the
    /// document had before (a move when they differ from its own now). Every statement that changes a document's fields sets its title and body
    /// (`IndexBatch`), a move its path; a touch sets only `mtime`, which logs nothing.
    static let changeTriggers = """
        CREATE TRIGGER ch_i AFTER INSERT ON documents BEGIN \
        INSERT INTO changes VALUES(NULL,new.id,NULL,NULL);END;
        CREATE TRIGGER ch_d DELETE ON documents BEGIN \
        INSERT INTO changes VALUES(NULL,NULL,old.path,old.record);END;
        CREATE TRIGGER ch_u UPDATE OF path,title ON documents BEGIN \
        INSERT INTO changes VALUES(NULL,new.id,old.path,old.record);END;
        """
}
