-- An lbsearch index written by schema "v5" (bodies compressed without a dictionary): the
-- release build of commit fbc359d ran `lbsearch index docs` over four files in
-- /tmp/lbsearch-v5/docs (text, Markdown with a date and tags, Japanese text, and a JSONL file
-- of two records), then `sqlite3 index.db .dump`, with the header pragmas that .dump leaves
-- out. DictionaryMigrationTests turns it into a database and opens it with today's code.
-- Never edit it: it stands for index files that exist.
PRAGMA application_id = 1279415109;
PRAGMA user_version = 0;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1: documents, files, meta and FTS5 index');
INSERT INTO grdb_migrations VALUES('v2: vocabulary of the FTS5 index');
INSERT INTO grdb_migrations VALUES('v3: runs history');
INSERT INTO grdb_migrations VALUES('v4: lbsearch tokenizer (CJK bigrams, width folding)');
INSERT INTO grdb_migrations VALUES('v4b: index of documents by JSONL record id');
INSERT INTO grdb_migrations VALUES('v5: bodies stored compressed');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','lbsearch 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v5\/docs"]');
INSERT INTO meta VALUES('root_states','{}');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO files VALUES('/tmp/lbsearch-v5/docs/anime.txt',57,1735689600.0,'39b3051f19509877');
INSERT INTO files VALUES('/tmp/lbsearch-v5/docs/garden.md',115,1735689600.0,'14e5e7aa97c71028');
INSERT INTO files VALUES('/tmp/lbsearch-v5/docs/harbor.txt',183,1735689600.0,'32e780db6bdbefca');
INSERT INTO files VALUES('/tmp/lbsearch-v5/docs/records.jsonl',182,1735689600.0,'10383b8f04630d26');
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    record TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL, body_z BLOB NOT NULL DEFAULT x'',
    UNIQUE (path, record)
);
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v5/docs/anime.txt','','新作アニメ',NULL,NULL,NULL,'[]',57,1735689600.0,'39b3051f19509877',X'012700d8ffe696b0e4bd9ce382a2e3838be383a1e381aee694bee98081e3818ce5a78be381bee3828be38082');
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v5/docs/garden.md','','Winter garden','2024-12-01',NULL,NULL,'["garden","winter"]',115,1735689600.0,'14e5e7aa97c71028',X'735428cfcc2b492d52484f2c4a49cd53c84e4d2d2856c82c2956482f4a05f24bf35240923989c5c57a00');
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v5/docs/harbor.txt','','Harbor lights',NULL,NULL,NULL,'[]',183,1735689600.0,'32e780db6bdbefca',X'4d8dd10d8030080557790318a77101b46849b424801f6e6fad36f1f3de5d60ca0cdd1332d9ac865db61c8eed94c488eaca336065336147d683474c75ff7a2aa9653de8fcddd1b5d11b0f709257ff3e1ee4c1d5917157ec01298d163d4bd835de');
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v5/docs/records.jsonl','m1','Market report',NULL,NULL,NULL,'[]',87,1735689600.0,'04e2642afe4c8c61',X'0b28ca4c4e2d56482c5128c94855c84d2cca4e2d5128ca2f4e55c8cc5328cfcc2b492dd20300');
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v5/docs/records.jsonl','m2','Policy memo',NULL,NULL,NULL,'[]',93,1735689600.0,'a73b72a399e6c8ec',X'7354c84b2d5728c8cfc94cae5448cb2f5228c94855c8c94c2a4a2caa5448cc4b51c82c2956282e294dc9ccd70300');
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
INSERT INTO runs VALUES(1,1795977503.2032642364,1795977503.2954173088,0,28443,'ok',NULL,5,0,0,0,0,0,5,0.092152953147888183593);
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'050c42');
INSERT INTO documents_fts_data VALUES(10,X'000000010101010001010101');
INSERT INTO documents_fts_data VALUES(137438953473,X'000002470230610206010102030601010202026e64030801010d050206010108020172030601011b02017404060101030107636f756e74726903060101200105666572726903080101090802026f720506010105010667617264656e02080301010402046c617373020601010902047265656e0206010107020375696403060101060106686172626f72030e020101040a0b0602036f6d65030601010a0102696e030601011e01060101070201740206010106030601010901046b656570020601010501076c69627261726905060101070303676874030a030101050f01066d61726b6574040802010105030473746572030601011a0203656d6f05020301036e65770506010103020469676874030601010801026f66030601011302026c640308010103170403657374030601011d0106706f6c696369050802010104020472696365040601010201067265706f727404020302036f7365040601010601047361696403060101160205747564696f050601010a010374686503160101020706050505050705010601010401060101060105756e6465720206010108010677696e74657202080201010302060101080106e3818ce5a78b010601010a0304aee694be01060101070304bee3828b010601010c0202828b010601010c0304a2e3838b0108040101040205838be383a10108050101050301a10102050403e381ae01060101060106e4bd9ce382a20108030101030106e5a78be381be010601010b0106e694bee980810106010108020596b0e4bd9c0108020101020106e98081e3818c0106010109040d0f08080e0d090e0b0b0a110a0e0d0b0e0c0e0b080a0b090a0a0e0b0b0a0b0c1c0c130d0b0b090c0d060a0e0d0d0d');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'040b');
INSERT INTO documents_fts_docsize VALUES(2,X'0208');
INSERT INTO documents_fts_docsize VALUES(3,X'021f');
INSERT INTO documents_fts_docsize VALUES(4,X'0207');
INSERT INTO documents_fts_docsize VALUES(5,X'0209');
CREATE TABLE IF NOT EXISTS 'documents_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO documents_fts_config VALUES('hashsize',67108864);
INSERT INTO documents_fts_config VALUES('version',4);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_fts','documents_fts',0,'CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body,
    content = ''documents_text'', content_rowid = ''id'',
    tokenize = ''lbsearch''
)');
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_vocab','documents_vocab',0,'CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row)');
CREATE INDEX documents_record ON documents(record);
CREATE VIEW documents_text AS
    SELECT id, title, lbsearch_inflate(body_z) AS body FROM documents;
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
PRAGMA writable_schema=OFF;
COMMIT;
