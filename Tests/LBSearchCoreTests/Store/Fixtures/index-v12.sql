-- An lbsearch index written by schema "v12" (body before title in the full-text index; `files`
-- a rowid table with its automatic index on `path`, the last schema before "v13" keyed it by
-- path WITHOUT ROWID): the release build of commit 013fc85 ran `lbsearch index docs` over five
-- files in /tmp/lbsearch-v12/docs (text, Markdown with a date and tags, Japanese text, a JSONL
-- file of two records, and sub/café's notes.txt, a path with non-ASCII and a quote), then
-- `sqlite3 index.db .dump`, with the header pragmas that .dump leaves out (auto_vacuum
-- INCREMENTAL first, as lbsearch sets it on a new index). FilesKeyTests turns it into a database and
-- opens it with today's code. Never edit it: it stands for index files that exist.
PRAGMA auto_vacuum = INCREMENTAL;
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
INSERT INTO grdb_migrations VALUES('v12: body before title in the full-text index');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','lbsearch 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('changes_since','1');
INSERT INTO meta VALUES('root_states','{}');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v12\/docs"]');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO files VALUES('/tmp/lbsearch-v12/docs/anime.txt',99,1796044777.4419469832,'f1bcd507459aea8b');
INSERT INTO files VALUES('/tmp/lbsearch-v12/docs/garden.md',149,1796044777.4419469832,'d7626ab8d0139671');
INSERT INTO files VALUES('/tmp/lbsearch-v12/docs/harbor.txt',85,1796044777.4419469832,'156bf9eb92910d53');
INSERT INTO files VALUES('/tmp/lbsearch-v12/docs/records.jsonl',178,1796044777.4419469832,'1538de565b594a46');
INSERT INTO files VALUES('/tmp/lbsearch-v12/docs/sub/café''s notes.txt',62,1796044777.4419469832,'027f3cf10355913c');
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
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v12/docs/anime.txt','','アニメの制作スタジオ',NULL,NULL,NULL,'[]',99,1796044777.4419469832,'f1bcd507459aea8b',X'28b52ffd2042110200e69db1e4baace381aee382a2e3838be383a1e382b9e382bfe382b8e382aae3818ce696b0e38197e38184e4bd9ce59381e38292e799bae8a1a8e38197e3819fe38082',3999714657032745590,5197752347104730039);
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v12/docs/garden.md','','Garden notes','2024-05-02',NULL,NULL,'["garden","spring"]',149,1796044777.4419469832,'d7626ab8d0139671',X'28b52ffd20408d01008067746f6e206d61726b6574206461792e0a000ae480d83d01b4710e6ce21864c96ab0d35e8cab1c8234e1854f9f5b5510',-2528708918061154558,NULL);
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v12/docs/sub/café''s notes.txt','','Café notes',NULL,NULL,NULL,'[]',62,1796044777.4419469832,'027f3cf10355913c',X'28b52ffd20306d0100d84120636166c3a974686520746861726f706865277320706174682e0500b37021fc10c855188167d691cac246',2922174191014139637,NULL);
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v12/docs/harbor.txt','','Harbor lights',NULL,NULL,NULL,'[]',85,1796044777.4419469832,'156bf9eb92910d53',X'28b52ffd20459d01009068617465642061742074686520706965722e0a009ca40694f27c60057b14c408809be5556543dad501158403da79ee9ca582',4605322901641005325,NULL);
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v12/docs/records.jsonl','r1','Market day',NULL,NULL,NULL,'[]',88,1796044777.4419469832,'f0c65b7f32e131fa',X'28b52ffd20282d01007853737420746865206d61726b65742e0600097304d60c01338efbf313311e18107f827a05',3241040708004820080,NULL);
INSERT INTO documents VALUES(6,'/tmp/lbsearch-v12/docs/records.jsonl','r2','Ferry times',NULL,NULL,NULL,'[]',88,1796044777.4419469832,'66c110ad65eb19b1',X'28b52ffd20270d0100887468626f7220657665727920686f75722e040083750422e09ad1c7b3064e5040',-7952336558965213286,NULL);
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
INSERT INTO runs VALUES(1,1796044777.4978489875,1796044777.5081436633,0,1475,'ok',NULL,6,0,0,0,0,0,6,0.010294675827026367187);
CREATE TABLE changes(run,document,path,record);
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'064613');
INSERT INTO documents_fts_data VALUES(10,X'000000050101000001010101');
INSERT INTO documents_fts_data VALUES(137438953473,X'0000028802306103020202016e0302080301640502050208706f7374726f7068030209020174040407080102070105626573696402020502047265616405020602017903020401046361666503080301010203026d65040205010364616902020c0306010103020375736b040208010565766572690602070105666572726904020b020803010102010667617264656e02080701010202046c6173730202030302040106686172626f7204080301010202020602036f757206020801046c65617606020402046967687404080401010301066d61726b657402020b03080901010201046e6f74650206010103010601010301026f6605020302016e02020a02020601047061746803020b020369657204020f0105726976657203020601017303020a0203656c6c020208020474616c6c05020203047564696f0202040103746865020402060102050106020a06010208010402050203696d65060601010302056f6d61746f02020901047761697404020c020468696c6504020902036974680302070106e38184e4bd9c01020f03048ce696b001020c030497e3818401020e06019f01021503019f0102150304aee382a20102040403e588b6010601010502058292e799ba0102120304a2e3838b0108050101020301aa010601010a0403e3818c01020b0304b8e382aa01080a01010a0304b9e382bf0108080101080304bfe382b80108090101090205838be383a10108060101030304a1e381ae0106010104050282b90102070106e4baace381ae0102030205bd9ce382b901060101070403e593810102100106e588b6e4bd9c010601010602059381e382920102110106e696b0e3819701020d02059db1e4baac0102020106e799bae8a1a80102130106e8a1a8e38197010214040606060d0a0a09060c070d080a100e0c1108090c1110070909080a06080909180a0a0909080b09090606090a0a0c08080c0c0c0d0b070b0c080d0a0b0a0b');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'1409');
INSERT INTO documents_fts_docsize VALUES(2,X'0b02');
INSERT INTO documents_fts_docsize VALUES(3,X'0a02');
INSERT INTO documents_fts_docsize VALUES(4,X'0e02');
INSERT INTO documents_fts_docsize VALUES(5,X'0802');
INSERT INTO documents_fts_docsize VALUES(6,X'0702');
CREATE TABLE IF NOT EXISTS 'documents_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO documents_fts_config VALUES('automerge',4);
INSERT INTO documents_fts_config VALUES('crisismerge',16);
INSERT INTO documents_fts_config VALUES('hashsize',67108864);
INSERT INTO documents_fts_config VALUES('version',4);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_fts','documents_fts',0,'CREATE VIRTUAL TABLE documents_fts USING fts5(body,title,content=''documents_text'',content_rowid=''id'',tokenize=''lbsearch'')');
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','documents_vocab','documents_vocab',0,'CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts,row)');
CREATE INDEX documents_record ON documents(record);
CREATE INDEX documents_exact ON documents(exact_key);
CREATE VIEW documents_text AS
    SELECT id, title, lbsearch_inflate(body_z) AS body FROM documents;
CREATE TRIGGER ch_u UPDATE OF path,title ON documents BEGIN INSERT INTO changes VALUES(NULL,new.id,old.path,old.record);END;
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN INSERT INTO documents_fts(rowid,body,title)VALUES(new.id,lbsearch_inflate(new.body_z),new.title);INSERT INTO changes VALUES(NULL,new.id,NULL,NULL);END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN INSERT INTO changes VALUES(NULL,NULL,old.path,old.record);INSERT INTO documents_fts(documents_fts,rowid,body,title)VALUES('delete',old.id,lbsearch_inflate(old.body_z),old.title);END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title,body_z ON documents BEGIN INSERT INTO documents_fts(documents_fts,rowid,body,title)VALUES('delete',old.id,lbsearch_inflate(old.body_z),old.title);INSERT INTO documents_fts(rowid,body,title)VALUES(new.id,lbsearch_inflate(new.body_z),new.title);END;
PRAGMA writable_schema=OFF;
COMMIT;
