-- An lbsearch index written by the last schema that stored bodies as plain text, "v4b": the
-- release build of commit e0d28f2 ran `lbsearch index docs` over four files in
-- /tmp/lbsearch-v4b/docs (text, Markdown with a date and tags, Japanese text, and a JSONL file
-- of two records), then `sqlite3 index.db .dump`, with the header pragmas that .dump leaves
-- out. StoredTextMigrationTests turns it into a database and opens it with today's code.
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
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','lbsearch 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v4b\/docs"]');
INSERT INTO meta VALUES('root_states','{}');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO files VALUES('/tmp/lbsearch-v4b/docs/anime.txt',57,1735689600.0,'39b3051f19509877');
INSERT INTO files VALUES('/tmp/lbsearch-v4b/docs/garden.md',114,1735689600.0,'d6aa1ea5251f4b22');
INSERT INTO files VALUES('/tmp/lbsearch-v4b/docs/harbor.txt',67,1735689600.0,'910206289bb8c98f');
INSERT INTO files VALUES('/tmp/lbsearch-v4b/docs/records.jsonl',182,1735689600.0,'10383b8f04630d26');
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
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v4b/docs/anime.txt','','新作アニメ','新作アニメの放送が始まる。',NULL,NULL,NULL,'[]',57,1735689600.0,'39b3051f19509877');
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v4b/docs/garden.md','','Winter garden','A winter garden keeps its green under glass.','2024-12-01',NULL,NULL,'["garden","winter"]',114,1735689600.0,'d6aa1ea5251f4b22');
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v4b/docs/harbor.txt','','Harbor lights','The old harbor lights guide the night ferries home.',NULL,NULL,NULL,'[]',67,1735689600.0,'910206289bb8c98f');
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v4b/docs/records.jsonl','m1','Market report','Prices at the market rose in winter.',NULL,NULL,NULL,'[]',87,1735689600.0,'04e2642afe4c8c61');
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v4b/docs/records.jsonl','m2','Policy memo','A new policy for the library and its studio.',NULL,NULL,NULL,'[]',93,1735689600.0,'a73b72a399e6c8ec');
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
INSERT INTO runs VALUES(1,1795965348.389476776,1795965348.4286279678,0,9995,'ok',NULL,5,0,0,0,0,0,5,0.03915119171142578125);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_fts','documents_fts',0,'CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body,
    content = ''documents'', content_rowid = ''id'',
    tokenize = ''lbsearch''
)');
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'050c2c');
INSERT INTO documents_fts_data VALUES(10,X'000000010101010001010101');
INSERT INTO documents_fts_data VALUES(137438953473,X'000001f20230610206010102030601010202026e640506010108020174040601010301056665727269030601010902026f720506010105010667617264656e02080301010402046c617373020601010902047265656e0206010107020375696403060101060106686172626f7203080201010402036f6d65030601010a0102696e04060101070201740206010106030601010901046b656570020601010501076c6962726172690506010107030367687403080301010501066d61726b65740408020101050203656d6f05020301036e65770506010103020469676874030601010801036f6c6403060101030106706f6c696369050802010104020472696365040601010201067265706f727404020302036f73650406010106010673747564696f050601010a0103746865030801010207010601010401060101060105756e6465720206010108010677696e74657202080201010302060101080106e3818ce5a78b010601010a0304aee694be01060101070304bee3828b010601010c0202828b010601010c0304a2e3838b0108040101040205838be383a10108050101050301a10102050403e381ae01060101060106e4bd9ce382a20108030101030106e5a78be381be010601010b0106e694bee980810106010108020596b0e4bd9c0108020101020106e98081e3818c0106010109040d09080c090e0b0b0a0e0a090d0b0e0b0e080a0b0a0e0b0b0a0d150c130d0b0b090c0d060a0e0d0d0d');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'040b');
INSERT INTO documents_fts_docsize VALUES(2,X'0208');
INSERT INTO documents_fts_docsize VALUES(3,X'0209');
INSERT INTO documents_fts_docsize VALUES(4,X'0207');
INSERT INTO documents_fts_docsize VALUES(5,X'0209');
CREATE TABLE IF NOT EXISTS 'documents_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO documents_fts_config VALUES('hashsize',67108864);
INSERT INTO documents_fts_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_vocab','documents_vocab',0,'CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row)');
CREATE INDEX documents_hash ON documents(hash);
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
CREATE INDEX documents_record ON documents(record);
PRAGMA writable_schema=OFF;
COMMIT;
