-- An lbsearch index written by schema "v11" (trained dictionaries; documents_fts(title, body),
-- the last schema before the body came first in the full-text index): the release build of
-- commit 650f017 ran `lbsearch index docs` over four files in /tmp/lbsearch-v11/docs (text,
-- Markdown with a date and tags, Japanese text, and a JSONL file of two records), then
-- `sqlite3 index.db .dump`, with the header pragmas that .dump leaves out. BodyFirstTests turns
-- it into a database and opens it with today's code. Never edit it: it stands for index files
-- that exist.
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
INSERT INTO grdb_migrations VALUES('v11: trained dictionaries');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','lbsearch 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('changes_since','1');
INSERT INTO meta VALUES('root_states','{}');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v11\/docs"]');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO files VALUES('/tmp/lbsearch-v11/docs/anime.txt',137,1796039736.2681188583,'86f2473182e86acd');
INSERT INTO files VALUES('/tmp/lbsearch-v11/docs/garden.md',205,1796039736.2681188583,'5012efc832498e2b');
INSERT INTO files VALUES('/tmp/lbsearch-v11/docs/harbor.txt',150,1796039736.2651393413,'8cd65a3cd6ea60e0');
INSERT INTO files VALUES('/tmp/lbsearch-v11/docs/records.jsonl',243,1796039736.269536972,'352efeff1172329a');
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
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v11/docs/anime.txt','','アニメのスタジオ',NULL,NULL,NULL,'[]',137,1796039736.2681188583,'86f2473182e86acd',X'28b52ffd206f5503000406e69db1e4baace381aee382a2e3838be383a1e382b9e382bfe382b8e382aae3818ce696b0e38197e38184e4bd9ce59381e38292e799bae8a1a89fe380828395e382a1e383b3e381afe5b882e5a0b4e381abe99b86e381bee381a3e3819fe3808202005c2d496c2714',-6540225520767641515,7686555207855635455);
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v11/docs/garden.md','','Glass garden opens','2024-05-02',NULL,NULL,'["garden","glass"]',205,1796039736.2681188583,'5012efc832498e2b',X'28b52ffd206d3d0200a04173723b666166686172626f7220676c6173732e0f006d08e9270cf75a9e3808f51e7f9904d7c0325c92ba8fa56612992b610cd406a801c3c0662701b6d06ef2d0d89d5b4708',1687131295079773558,NULL);
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v11/docs/harbor.txt','','Harbor lights',NULL,NULL,NULL,'[]',150,1796039736.2651393413,'8cd65a3cd6ea60e0',X'28b52ffd2087ed0200a865686279616868626420697473207374616c6c732e170003b02648eeda2090675d241c09c322eeae30e2196401c122c70dae8873e28097e706d9cb01f9a87255873eb33882057257079c100eb0e7b9ab6943ce5682dd81c5b94b0501',-8058938448404004757,2134143011413666372);
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v11/docs/records.jsonl','r1','Market day',NULL,NULL,NULL,'[]',129,1796039736.269536972,'ba28f5b1e871dc03',X'28b52ffd2051c5010070672c3b74686520686172626f722e0d00d96482ea9a0f42b741e93eb8cc5e12b14186eb0292e102d539723b7c8239c8d766e064384b0101',3975954418508841704,NULL);
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v11/docs/records.jsonl','r2','Studio notes',NULL,NULL,NULL,'[]',112,1796039736.269536972,'f6c28fd7a866859e',X'28b52ffd203e950100c84e74683a686420612067617264656e206f6620676c6173732e07000b13609fe72efc4e0b489ec53d5c42225c88e6b65e01',1765097954680703081,NULL);
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
INSERT INTO runs VALUES(1,1796039736.314401865,1796039736.3407878875,0,13914,'ok',NULL,5,0,0,0,0,0,5,0.026386141777038574218);
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'051068');
INSERT INTO documents_fts_data VALUES(10,X'000000050101000001010101');
INSERT INTO documents_fts_data VALUES(137438953473,X'000003a8023061020801010210030601010902026e64030601011401060101070106010108020173030601010d01036261690306010113020665747765656e020601010d0204726561640406010106020179030801010b0e010463616d65030601010802046c6f7365030601011a0204726f737303060101110103646169040203020769737472696374020601010a02036f6f72040601010c01046665726e020601010e0402726903080101030f02060101060203726f6d0506010103010667617264656e020803010104030601010a02046c617373020a02010103130206010105010601010c0106686172626f720206010113010802010106010601010f010601010702036f6d6503060101040102696e0206010106020174030601011b01046c617374030601010f020469676874030803010107010601010801066d61726b6574030601011601080201010301046e657874040601010b02036f746505080301010201026f660206010112030601010b02026c64020601010802016e030a0101090304020370656e02080401010501057061696e74040601010d020369657203060101190104726f6f6602060101110104736f6c640406010104020474616c6c030601011c03047564696f0206010109020601010a010802010105010374686502060101070110010102050b060505010a010102090701060101040105756e646572020601010f010776697369746f72020601010b010477616c6b020601010c0106e38184e4bd9c010601010f03048ce696b0010601010c030497e38184010601010e06019f010601011503019f01080101150f0304a3e3819f01060101220304abe99b86010601011f0304aee382a201060101040601b90102050304afe5b882010601011c0304bee381a3010601012102058292e799ba01060101120304a1e383b3010601011a0304a2e3838b010a02010105130301aa0102080403e3818c010601010b0304b8e382aa01080801010a0304b9e382bf0108060101080304bfe382b80108070101090205838be383a1010a0301010613030495e382a101060101190304a1e381ae010204050282b901060101070502839501060101180304b3e381af010601011b0106e4baace381ae01060101030205bd9ce5938101060101100106e59381e3829201060101110205a0b4e381ab010601011e0205b882e5a0b4010601011d0106e696b0e38197010601010d02059db1e4baac01060101020106e799bae8a1a801060101130106e8a1a8e3819701060101140106e99b86e381be0106010120040e13080a0d0b090b0b0b080e0a0b0f0a13171d0a09080b11130b0b0e090a0b0c0a0b0b0b16200c0e0b0d0b0b08090b0b0b060b0b0c0b0d060a0c0c0c0e0b0909090b0d0c0d0c0c0d0c0d0d');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'0721');
INSERT INTO documents_fts_docsize VALUES(2,X'0313');
INSERT INTO documents_fts_docsize VALUES(3,X'021b');
INSERT INTO documents_fts_docsize VALUES(4,X'020e');
INSERT INTO documents_fts_docsize VALUES(5,X'020b');
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
