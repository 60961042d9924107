-- An lbsearch index written by the first schema, "v1": a build of commit 7192d56 ran
-- `lbsearch index docs` over four files in /tmp/lbsearch-v1/docs (text, Markdown with a date
-- and tags, Japanese text under the porter unicode61 tokenizer of that release, and a JSONL
-- file of two records), then `sqlite3 index.db .dump`, with the header pragmas that .dump
-- leaves out. IndexStoreMigrationTests turns it into a database and opens it with today's
-- code. Never edit it: it stands for index files that exist.
PRAGMA application_id = 1279415109;
PRAGMA user_version = 0;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1: documents, files, meta and FTS5 index');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v1\/docs"]');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO files VALUES('/tmp/lbsearch-v1/docs/anime.txt',57,1735689600.0,'39b3051f19509877');
INSERT INTO files VALUES('/tmp/lbsearch-v1/docs/garden.md',115,1735689600.0,'14e5e7aa97c71028');
INSERT INTO files VALUES('/tmp/lbsearch-v1/docs/harbor.txt',67,1735689600.0,'910206289bb8c98f');
INSERT INTO files VALUES('/tmp/lbsearch-v1/docs/records.jsonl',182,1735689600.0,'10383b8f04630d26');
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
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v1/docs/anime.txt','','新作アニメ','新作アニメの放送が始まる。',NULL,NULL,NULL,'[]',57,1735689600.0,'39b3051f19509877');
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v1/docs/garden.md','','Winter garden','A winter garden keeps its green under glass.','2024-12-01',NULL,NULL,'["garden","winter"]',115,1735689600.0,'14e5e7aa97c71028');
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v1/docs/harbor.txt','','Harbor lights','The old harbor lights guide the night ferries home.',NULL,NULL,NULL,'[]',67,1735689600.0,'910206289bb8c98f');
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v1/docs/records.jsonl','m1','Market report','Prices at the market rose in winter.',NULL,NULL,NULL,'[]',87,1735689600.0,'04e2642afe4c8c61');
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v1/docs/records.jsonl','m2','Policy memo','A new policy for the library and its studio.',NULL,NULL,NULL,'[]',93,1735689600.0,'a73b72a399e6c8ec');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_fts','documents_fts',0,'CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body,
    content = ''documents'', content_rowid = ''id'',
    tokenize = ''porter unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'050922');
INSERT INTO documents_fts_data VALUES(10,X'0000000002010500000001060101');
INSERT INTO documents_fts_data VALUES(824633720833,X'0000018b0230610206010102030601010202026e640506010108020174040601010301056665727269030601010902026f720506010105010667617264656e02080301010402046c617373020601010902047265656e0206010107020375696403060101060106686172626f7203080201010402036f6d65030601010a0102696e04060101070201740206010106030601010901046b656570020601010501076c6962726172690506010107030367687403080301010501066d61726b65740408020101050203656d6f05020301036e65770506010103020469676874030601010801036f6c6403060101030106706f6c696369050802010104020472696365040601010201067265706f727404020302036f73650406010106010673747564696f050601010a0103746865030801010207010601010401060101060105756e6465720206010108010677696e7465720208020101030206010108010fe696b0e4bd9ce382a2e3838be383a10102021015e381aee694bee98081e3818ce5a78be381bee3828b0106010102040d09080c090e0b0b0a0e0a090d0b0e0b0e080a0b0a0e0b0b0a0d150c1314');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(6,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'0101');
INSERT INTO documents_fts_docsize VALUES(2,X'0208');
INSERT INTO documents_fts_docsize VALUES(3,X'0209');
INSERT INTO documents_fts_docsize VALUES(4,X'0207');
INSERT INTO documents_fts_docsize VALUES(5,X'0209');
CREATE TABLE IF NOT EXISTS 'documents_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO documents_fts_config VALUES('version',4);
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
PRAGMA writable_schema=OFF;
COMMIT;
