-- An lbsearch index written by schema "v9" (bodies as raw deflate with the preset dictionary,
-- the last schema before zstd bodies): the release build of commit dfa3f6b ran `lbsearch index
-- docs` over four files in /tmp/lbsearch-v9/docs (text, Markdown with a date and tags,
-- Japanese text, and a JSONL file of two records), then `sqlite3 index.db .dump`, with the
-- header pragmas that .dump leaves out. ZstdBodiesTests turns it into a database and opens it
-- with today's code. Never edit it: it stands for index files that exist.
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
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','lbsearch 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('changes_since','1');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v9\/docs"]');
INSERT INTO meta VALUES('root_states','{}');
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO files VALUES('/tmp/lbsearch-v9/docs/anime.txt',102,1796009027.15593338,'4f7d14d09cab5a04');
INSERT INTO files VALUES('/tmp/lbsearch-v9/docs/garden.md',175,1796009027.15593338,'1185804c36f8631e');
INSERT INTO files VALUES('/tmp/lbsearch-v9/docs/harbor.txt',183,1796009027.1516983509,'32e780db6bdbefca');
INSERT INTO files VALUES('/tmp/lbsearch-v9/docs/news.jsonl',281,1796009032.9580321311,'28160351c77a59d7');
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
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v9/docs/anime.txt','','新作アニメ',NULL,NULL,NULL,'[]',102,1796009027.15593338,'4f7d14d09cab5a04',X'0dcacd0a82401886d15b9fef7539ad42d422080571485057fd08e9c53c35a37751677d62317dde17d49079b21a1b62beecceb0c3b7f3d8823c4ee88556f444376c8c558bf5e97e4e8f808ee9346f75c04aecfacf3f',-271544066516918047,-4457951761335488555);
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v9/docs/harbor.txt','','Harbor lights',NULL,NULL,NULL,'[]',183,1796009027.1516983509,'32e780db6bdbefca',X'032905cf5b83a77620bd826270f71d7c3603b4c507ba9b1c1499900d69203d50f5e08e15c836a802181f6a0ed0aa12b8621d887b4a506d849d440bf20f540a5435418e898076b72bf500',2823800975713928121,-8669306529377941656);
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v9/docs/garden.md','','Winter garden','2024-02-03',NULL,NULL,'["garden","glass"]',175,1796009027.15593338,'1185804c36f8631e',X'73841dd2910eda42928718c205cd4ea7e641cbde74c8dd48207321eac0e56d1ad804f0d112e04a06c403ab846e698384077485811e00',-3335586132830180957,NULL);
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v9/docs/news.jsonl','p2','Library policy',NULL,NULL,NULL,'[]',143,1796009032.9580321311,'34070376e653df97',X'7304fb07daf700e90109c20676c1e3b725b0e1193d055f5897021845e0d200a4181a6d20bd89799021dd44f0bd8d00',-7231109017252632162,NULL);
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v9/docs/news.jsonl','m1','Market report',NULL,NULL,NULL,'[]',136,1796009032.9580321311,'b7cba7debe65f4fd',X'0329858e17400799c1b3d7a0220a364695580c395ba2a8183a3602ce1e60ddd028039a08e2c1ee8dd60300',-6208450250918585628,NULL);
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
INSERT INTO runs VALUES(1,1796009033.0596628189,1796009033.0761375427,0,21893,'ok',NULL,5,0,0,0,0,0,5,0.016474604606628417968);
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'050c6c');
INSERT INTO documents_fts_data VALUES(10,X'000000050101000001010101');
INSERT INTO documents_fts_data VALUES(137438953473,X'00000397023061030601010201080101021302016e0406010111030164020801010d050206010108020172020601011b02017305060101080104626f6f6b040601010d0107636f756e7472690206010120010364616904060101140105657665726903060101130206786368616e6705060101100105666572726902080101090802026f7204080101050d010667617264656e030a030101040902046c61737303080101090a02047265656e0306010107020375696402060101060106686172626f72020e020101040a0b0602056967686572050601010502036f6d65020601010a03027572040601011204017303060101120102696e020601011e0201740306010106010601010901046b656570030601010501076c6962726172690408020101070303676874020a030101050f01036d6169040601010c0304726b6574050802010103030473746572020601011a0205656d626572040601010b02056f6e64616905060101070302726e030601011401036e65770406010103020469676874020601010801026f660206010113010601010c020601010e02026c640208010103170403657374020601011d02016e0506010106020370656e030601010f02060101040106706f6c69636904080301010401067265706f727405020303047475726e050601010a01047361696402060101160205747564696f040801010a07010601010d010374686502160101020706050505050705010a01010a050501080101060a010a0101020c0502016f050601010b0302776e030601010e0205726164657205060101090105756e6465720306010108010677696e7465720308020101030106e3818ce5a78b010601010a030497e3819f010601011903019f01060101190304abe7b69a01060101130304aee694be01060101070304afe698a501060101110304bee3828b010601010c0202828b010601010c030492e799ba01060101160304a2e3838b0108040101040304aae381af01060101100304b8e382aa010601010f0304b9e382bf010601010d0304bfe382b8010601010e0205838be383a10108050101050301a10102050403e381ae01060101060106e4bd9ce382a20108030101030106e5a78be381be010601010b0106e694bee980810106010108020596b0e4bd9c010802010102020598a5e381ab01060101120106e799bae8a1a801060101170205b69ae7b7a801060101140205b7a8e3829201060101150106e8a1a8e3819701060101180106e98081e3818c0106010109040e080e08080b0e0a0c0d0d0a0f0c0b0a110c0a0908090d0b0f0c0a0c0b0c0c090a0b130a0a080f0e0b0b0b122608090c0c0e0d0b080b0b0b0b090b0c0b0b0b0b0d060a0e0d0d0d0c0d0c0c0d');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'0418');
INSERT INTO documents_fts_docsize VALUES(2,X'021f');
INSERT INTO documents_fts_docsize VALUES(3,X'0213');
INSERT INTO documents_fts_docsize VALUES(4,X'0213');
INSERT INTO documents_fts_docsize VALUES(5,X'020f');
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
