-- An lbsearch index written by schema "v10" (bodies as zstd frames with the shipped dictionary,
-- the last schema before trained dictionaries): the release build of commit 1cc572c ran
-- `lbsearch index docs` over four files in /tmp/lbsearch-v10/docs (text, Markdown with a date
-- and tags, Japanese text, and a JSONL file of two records), then `sqlite3 index.db .dump`,
-- with the header pragmas that .dump leaves out. TrainedDictionaryTests turns it into a database
-- and opens it with today's code. Never edit it: it stands for index files that exist.
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
INSERT INTO grdb_migrations VALUES('v6: change log');
INSERT INTO grdb_migrations VALUES('v8: bodies compressed with a preset dictionary');
INSERT INTO grdb_migrations VALUES('v9: text fingerprints');
INSERT INTO grdb_migrations VALUES('v10: bodies stored as zstd');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','lbsearch 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('changes_since','1');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v10\/docs"]');
INSERT INTO meta VALUES('root_states','{}');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO files VALUES('/tmp/lbsearch-v10/docs/anime.txt',84,1796018451.4077136516,'36a64772ed33952e');
INSERT INTO files VALUES('/tmp/lbsearch-v10/docs/garden.md',139,1796018451.4077136516,'dde4a8e561ca168d');
INSERT INTO files VALUES('/tmp/lbsearch-v10/docs/harbor.txt',115,1796018451.4077136516,'6978baff5489360e');
INSERT INTO files VALUES('/tmp/lbsearch-v10/docs/records.jsonl',196,1796018451.4077136516,'112e867c84cf9156');
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
    hash TEXT NOT NULL, body_z BLOB NOT NULL DEFAULT x'', exact_key INTEGER, near_key INTEGER,
    UNIQUE (path, record)
);
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v10/docs/harbor.txt','','Harbor lights',NULL,NULL,NULL,'[]',115,1796018451.4077136516,'6978baff5489360e',X'28b52ffd2063550200b8656d68797468626920666f7220746865206e696768742e10003379044c041627a17260db2bf7663916e1602f805d8b219cb0cf73f7d322f797412cb55bb4d5a2d4b0617760eb9ca082',3964992125763923019,9201936985798581083);
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v10/docs/garden.md','','Winter garden','2024-02-03',NULL,NULL,'["garden","glass"]',139,1796018451.4077136516,'dde4a8e561ca168d',X'28b52ffd2046b50100b067746865676e3b6667726f7720616c6c20796561722e0900efa04448efce93d4665eb22e013cb037c67530a4fd1978e173e72c1504',-3393040748560828567,NULL);
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v10/docs/anime.txt','','新作アニメ',NULL,NULL,NULL,'[]',84,1796018451.4077136516,'36a64772ed33952e',X'28b52ffd2042110200e696b0e4bd9ce382a2e3838be383a1e381aee588b6e4bd9ce3818ce69db1e4baace381aee382b9e382bfe382b8e382aae381a7e5a78be381bee381a3e3819fe38082',2315947229560142320,-4487783862897653581);
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v10/docs/records.jsonl','m1','Market report',NULL,NULL,NULL,'[]',96,1796018451.4077136516,'7d2ba20aa284f99c',X'28b52ffd202d3501008068746865207468697264207765656b2e06004410402458400f9c0399c26e81541bb654c680',-2525254774997739931,NULL);
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v10/docs/records.jsonl','s1','Studio news',NULL,NULL,NULL,'[]',98,1796018451.4077136516,'789fde9ca2840b3f',X'28b52ffd203115010080616f722069747320617274697374732e050016b56628329343b3cbc1b7129ca580',571626269807251070,NULL);
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
INSERT INTO runs VALUES(1,1796018451.4520835876,1796018451.4633362293,0,25234,'ok',NULL,5,0,0,0,0,0,5,0.011252641677856445312);
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'050c47');
INSERT INTO documents_fts_data VALUES(10,X'000000050101000001010101');
INSERT INTO documents_fts_data VALUES(137438953473,X'000002d6023061050601010502026c6c020601010d02057274697374050601010a02017404060101030104626f6174010601010f0104636f6d65010601010401046665726e020601010b04027269010601010302046c6f6f72050601010702026f72010601011303060101070106010108010667617264656e02080301010802046c61737302060101030203726f77020601010c0106686172626f7201080201010802036f6d650106010105030275730206010104010269730106010110020174020601010a030601010901046b656570020601010501046c617374010601010e03027465010601010602046967687401080301010901066d61726b657404080201010501036e6577050203020469676874010601011501026f6e010601010b020370656e050601010401057072696365040601010201067265706f727404020302036f7365040601010601067365636f6e6405060101060203746169010601010a03047564696f0508020101030103746865010c01010207080901080101020602080101040601060101020303697264040601010902016901060101110105756e74696c010601010c020170010601011201047761726d0206010109020365656b040601010a0205696e746572020802010107010479656172020601010e0106e3818ce69db1030601010a03019f03060101150304a3e3819f03060101150304a7e5a78b03060101120304aee382b9030601010d0403e588b603060101070304bee381a30306010114020582a2e3838b0308040101040304aae381a703060101110304b8e382aa03060101100304b9e382bf030601010e0304bfe382b8030601010f0205838be383a10308050101050301a10302050403e381ae03060101060106e4baace381ae030601010c0205bd9ce3818c0306010109050282a20308030101030106e588b6e4bd9c03060101080205a78be381be03060101130106e696b0e4bd9c03080201010202059db1e4baac030601010b0408090c080b0b0b090b130e0b0a0e0a09090d0b0b090c0e080b090a0c0b0a0d0a0c1e0a080c080b0a0d0b0d080b0b0b0a0b0d0b0b0b0b0d060a0d0c0a0d0c0e');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'0214');
INSERT INTO documents_fts_docsize VALUES(2,X'020d');
INSERT INTO documents_fts_docsize VALUES(3,X'0414');
INSERT INTO documents_fts_docsize VALUES(4,X'0209');
INSERT INTO documents_fts_docsize VALUES(5,X'0209');
CREATE TABLE IF NOT EXISTS 'documents_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO documents_fts_config VALUES('automerge',4);
INSERT INTO documents_fts_config VALUES('crisismerge',16);
INSERT INTO documents_fts_config VALUES('hashsize',67108864);
INSERT INTO documents_fts_config VALUES('version',4);
CREATE TABLE changes(run,document,path,record);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_fts','documents_fts',0,'CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body,
    content = ''documents_text'', content_rowid = ''id'',
    tokenize = ''lbsearch''
)');
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_vocab','documents_vocab',0,'CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row)');
CREATE INDEX documents_record ON documents(record);
CREATE INDEX documents_exact ON documents(exact_key);
CREATE VIEW documents_text AS
    SELECT id, title, lbsearch_inflate(body_z) AS body FROM documents;
CREATE TRIGGER ch_u UPDATE OF path,title ON documents BEGIN INSERT INTO changes VALUES(NULL,new.id,old.path,old.record);END;
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN INSERT INTO documents_fts(rowid,title,body)VALUES(new.id,new.title,lbsearch_inflate(new.body_z));INSERT INTO changes VALUES(NULL,new.id,NULL,NULL);END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN INSERT INTO changes VALUES(NULL,NULL,old.path,old.record);INSERT INTO documents_fts(documents_fts,rowid,title,body)VALUES('delete',old.id,old.title,lbsearch_inflate(old.body_z));END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title,body_z ON documents BEGIN INSERT INTO documents_fts(documents_fts,rowid,title,body)VALUES('delete',old.id,old.title,lbsearch_inflate(old.body_z));INSERT INTO documents_fts(rowid,title,body)VALUES(new.id,new.title,lbsearch_inflate(new.body_z));END;
PRAGMA writable_schema=OFF;
COMMIT;
