-- An lbsearch index written by schema "v13" (`files` keyed by path WITHOUT ROWID; a full index
-- `documents_record` on every document's `record`, '' included, the last schema before "v14"
-- kept it to the documents that have one): the release build of commit 4d546c3 ran `lbsearch
-- index docs` over six files in /tmp/lbsearch-v13/docs (text, Markdown with a date and tags,
-- Japanese text, two JSONL files of two records each that share the `_id` r2, and sub/café's
-- notes.txt, a path with non-ASCII and a quote), then `sqlite3 index.db .dump`, with the header
-- pragmas that .dump leaves out (auto_vacuum INCREMENTAL first, as lbsearch sets it on a new
-- index). PartialRecordIndexTests turns it into a database and opens it with today's code.
-- Never edit it: it stands for index files that exist.
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
INSERT INTO grdb_migrations VALUES('v13: files keyed by path (WITHOUT ROWID)');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('tokenizer','lbsearch 1: CJK bigrams, width folding; porter unicode61 remove_diacritics 2');
INSERT INTO meta VALUES('changes_since','1');
INSERT INTO meta VALUES('root_states','{}');
INSERT INTO meta VALUES('roots','["\/tmp\/lbsearch-v13\/docs"]');
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
INSERT INTO documents VALUES(1,'/tmp/lbsearch-v13/docs/anime.txt','','アニメの制作スタジオ',NULL,NULL,NULL,'[]',102,1796050049.0697445869,'d1025efab6b1e033',X'28b52ffd2045290200e696b0e38197e38184e382a2e3838be383a1e381aee588b6e4bd9ce3818ce69db1e4baace381aee382b9e382bfe382b8e382aae381a7e5a78be381bee381a3e3819fe38082',-1198235658209916489,-3918078510303721309);
INSERT INTO documents VALUES(2,'/tmp/lbsearch-v13/docs/garden.md','','Garden notes','2024-05-02',NULL,NULL,'["garden","spring"]',146,1796050049.0697445869,'dab071d5efaa4b88',X'28b52ffd203c4d010078746865206d61726b6574206461792e094000312b9396e37d875f34369d251e47ca8b60dc73ce5201',4748595652397262191,NULL);
INSERT INTO documents VALUES(3,'/tmp/lbsearch-v13/docs/sub/café''s notes.txt','','Café notes',NULL,NULL,NULL,'[]',43,1796050049.0697445869,'b790d865f7622d5a',X'28b52ffd201de900004120636166c3a92061742074686520686172626f72277320706174682e',4529098619524206303,NULL);
INSERT INTO documents VALUES(4,'/tmp/lbsearch-v13/docs/more.jsonl','r3','Garden market',NULL,NULL,NULL,'[]',82,1796050049.0697445869,'c942c2025aff424b',X'28b52ffd201ff90000536565646c696e6773206174207468652067617264656e206d61726b65742e',8408889903699142695,NULL);
INSERT INTO documents VALUES(5,'/tmp/lbsearch-v13/docs/records.jsonl','r2','Ferry times',NULL,NULL,NULL,'[]',82,1796050049.0697445869,'f61c56389cd7d6b6',X'28b52ffd2021f50000886872756e7320657665727920686f75722e0300843c4bd0ced3e7561504',-371264349821424183,NULL);
INSERT INTO documents VALUES(6,'/tmp/lbsearch-v13/docs/harbor.txt','','Harbor lights',NULL,NULL,NULL,'[]',45,1796050049.0697445869,'2666a749311cc647',X'28b52ffd201de90000546865206665727279207761697465642061742074686520706965722e',-2099100854536879297,NULL);
INSERT INTO documents VALUES(7,'/tmp/lbsearch-v13/docs/records.jsonl','r1','Market day',NULL,NULL,NULL,'[]',73,1796050049.0697445869,'c83981626cc37e39',X'28b52ffd2019c900004672657368206669736820617420746865206d61726b65742e',-4610611887110972267,NULL);
INSERT INTO documents VALUES(8,'/tmp/lbsearch-v13/docs/more.jsonl','r2','Ferry notice',NULL,NULL,NULL,'[]',79,1796050049.0697445869,'84638641488c56ce',X'28b52ffd201dcd00006869732063616e63656c6c65642e034000833c1bd981e30215',-7065023767684677633,NULL);
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
INSERT INTO runs VALUES(1,1796050049.1864955425,1796050049.2889699935,0,5396,'ok',NULL,8,0,0,0,0,0,8,0.10247433185577392578);
CREATE TABLE changes(run,document,path,record);
CREATE TABLE IF NOT EXISTS 'documents_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO documents_fts_data VALUES(1,X'084217');
INSERT INTO documents_fts_data VALUES(10,X'000000050101000001010101');
INSERT INTO documents_fts_data VALUES(137438953473,X'0000026e02306103020202017403020401020302020501020401056265666f7202020901046361666503080301010203046e63656c080206010364616902020c050601010301056561726c69020206020476657269050206010566657272690508040101020102030208040101020203697368070203020472657368070202010667617264656e02060101020208050101020106686172626f72030206020203010601010202036f75720502070102696e02020502017308020501056c69676874060601010301066d61726b657402020b02080601010303080601010201056e6967687408020302036f7465020601010301060101030402696308060101030104706174680302080203696572060207010372756e05020501017303020702046565646c04020201037468650204020a010205010204010202010402060102050102020301690202070203696d65050601010302056f6d61746f0202030104776169740602040203656e740202040104796561720202080106e38184e382a201020403048ce69db101020b030497e3818401020303019f0102160304a3e3819f0102160304a7e5a78b0102130304aee382b901020e0403e588b60108080101050304bee381a3010215020582a2e3838b0108050101020301aa010601010a0403e381a70102120304b8e382aa01081101010a0304b9e382bf01080f0101080304bfe382b80108100101090205838be383a10108060101030304a1e381ae0108070101040106e4baace381ae01020d0205bd9ce3818c01020a050282b901060101070106e588b6e4bd9c0108090101060205a78be381be0102140106e696b0e3819701020202059db1e4baac01020c04060f0a0c090d0a0916080913130807060c170a0f0909080806091c060a0a0908090b0909060909090b090d08080c0c0c0d0c0b0a090e0a0b');
CREATE TABLE IF NOT EXISTS 'documents_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO documents_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'documents_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO documents_fts_docsize VALUES(1,X'1509');
INSERT INTO documents_fts_docsize VALUES(2,X'0b02');
INSERT INTO documents_fts_docsize VALUES(3,X'0702');
INSERT INTO documents_fts_docsize VALUES(4,X'0502');
INSERT INTO documents_fts_docsize VALUES(5,X'0602');
INSERT INTO documents_fts_docsize VALUES(6,X'0602');
INSERT INTO documents_fts_docsize VALUES(7,X'0502');
INSERT INTO documents_fts_docsize VALUES(8,X'0502');
CREATE TABLE IF NOT EXISTS 'documents_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO documents_fts_config VALUES('automerge',4);
INSERT INTO documents_fts_config VALUES('crisismerge',16);
INSERT INTO documents_fts_config VALUES('hashsize',67108864);
INSERT INTO documents_fts_config VALUES('version',4);
CREATE TABLE IF NOT EXISTS "files" (
    path TEXT PRIMARY KEY NOT NULL,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    hash TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO files VALUES('/tmp/lbsearch-v13/docs/anime.txt',102,1796050049.0697445869,'d1025efab6b1e033');
INSERT INTO files VALUES('/tmp/lbsearch-v13/docs/garden.md',146,1796050049.0697445869,'dab071d5efaa4b88');
INSERT INTO files VALUES('/tmp/lbsearch-v13/docs/harbor.txt',45,1796050049.0697445869,'2666a749311cc647');
INSERT INTO files VALUES('/tmp/lbsearch-v13/docs/more.jsonl',163,1796050049.0697445869,'429c74debe03ad54');
INSERT INTO files VALUES('/tmp/lbsearch-v13/docs/records.jsonl',157,1796050049.0697445869,'3a1ab0239b2f8600');
INSERT INTO files VALUES('/tmp/lbsearch-v13/docs/sub/café''s notes.txt',43,1796050049.0697445869,'b790d865f7622d5a');
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
