import GRDB

extension Schema {
    /// Documents fingerprinted per statement while "v9" fills the stored documents.
    static let fingerprintPage = 512

    /// "v9": adds `exact_key` and `near_key` to `documents` and fills them.
    ///
    /// Computed for every stored document from its title and decompressed body, a page of
    /// rows at a time; then `exact_key` is indexed. The FTS5 index is untouched: its
    /// triggers fire on title and body only. The triggers are then rewritten tersely
    /// (`compactTriggers`).
    static func addFingerprints(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE documents ADD COLUMN exact_key INTEGER;
                ALTER TABLE documents ADD COLUMN near_key INTEGER;
                """)
        var last: Int64 = .min
        while let next = try fingerprintPage(after: last, db) { last = next }
        try db.execute(sql: "CREATE INDEX documents_exact ON documents(exact_key)")
        try db.execute(sql: compactTriggers)
    }

    /// The triggers of "v5", "v6" and "v8" rewritten tersely, the change log's insert and delete
    /// folded into the full-text index's: the same statements in the same order, in less of
    /// `sqlite_schema`, which must stay within the file's first page so that a truncated index
    /// still names its roots (`IndexStore.salvagedRoots`; `ChangeLogTests` checks it).
    static let compactTriggers = """
        DROP TRIGGER ch_i;DROP TRIGGER ch_d;DROP TRIGGER documents_fts_insert;\
        DROP TRIGGER documents_fts_delete;DROP TRIGGER documents_fts_update;
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN \
        INSERT INTO documents_fts(rowid,title,body)VALUES(new.id,new.title,\
        lbsearch_inflate(new.body_z));INSERT INTO changes VALUES(NULL,new.id,NULL,NULL);END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN \
        INSERT INTO changes VALUES(NULL,NULL,old.path,old.record);\
        INSERT INTO documents_fts(documents_fts,rowid,title,body)VALUES('delete',old.id,\
        old.title,lbsearch_inflate(old.body_z));END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title,body_z ON documents BEGIN \
        INSERT INTO documents_fts(documents_fts,rowid,title,body)VALUES('delete',old.id,\
        old.title,lbsearch_inflate(old.body_z));INSERT INTO documents_fts(rowid,title,body)\
        VALUES(new.id,new.title,lbsearch_inflate(new.body_z));END;
        """

    /// Fingerprints the next page of documents after row id `last`; the last id done, or nil
    /// when none was left.
    static func fingerprintPage(after last: Int64, _ db: Database) throws -> Int64? {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, title, body FROM documents_text WHERE id > ? ORDER BY id LIMIT ?",
            arguments: [last, fingerprintPage])
        let update = try db.cachedStatement(
            sql: "UPDATE documents SET exact_key = ?, near_key = ? WHERE id = ?")
        for row in rows {
            let title: String = row["title"] ?? ""
            let body: String = row["body"] ?? ""
            let fingerprint = Fingerprinter.fingerprint(title: title, body: body)
            try update.execute(arguments: [
                Int64(bitPattern: fingerprint.exact),
                fingerprint.near.map { Int64(bitPattern: $0) }, row["id"] as Int64,
            ])
        }
        return rows.last.map { $0["id"] }
    }
}

extension Schema {
    /// "v12": recreates `documents_fts` over (body, title), with its vocabulary and the
    /// triggers of `compactTriggers` naming the columns in that order, and rebuilds it once from
    /// `documents_text` with `IndexStore.ftsHashSize` of buffer, then merges it into one segment
    /// (FTS5 documentation, sections 6.5 "hashsize", 6.7 "rebuild" and 6.9 "optimize").
    ///
    /// Written as tersely as `compactTriggers`, whose length it keeps: the schema must stay
    /// within the file's first page (`IndexStore.salvagedRoots`).
    static let v12 = """
        DROP TRIGGER documents_fts_insert;DROP TRIGGER documents_fts_delete;\
        DROP TRIGGER documents_fts_update;DROP TABLE documents_vocab;DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE documents_fts USING fts5(body,title,content='documents_text',\
        content_rowid='id',tokenize='\(tokenizer)');
        INSERT INTO documents_fts(documents_fts,rank)VALUES('hashsize',\(IndexStore.ftsHashSize));
        INSERT INTO documents_fts(documents_fts)VALUES('rebuild');
        INSERT INTO documents_fts(documents_fts)VALUES('optimize');
        CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts,row);
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN \
        INSERT INTO documents_fts(rowid,body,title)VALUES(new.id,\
        lbsearch_inflate(new.body_z),new.title);INSERT INTO changes VALUES(NULL,new.id,NULL,NULL);END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN \
        INSERT INTO changes VALUES(NULL,NULL,old.path,old.record);\
        INSERT INTO documents_fts(documents_fts,rowid,body,title)VALUES('delete',old.id,\
        lbsearch_inflate(old.body_z),old.title);END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title,body_z ON documents BEGIN \
        INSERT INTO documents_fts(documents_fts,rowid,body,title)VALUES('delete',old.id,\
        lbsearch_inflate(old.body_z),old.title);INSERT INTO documents_fts(rowid,body,title)\
        VALUES(new.id,lbsearch_inflate(new.body_z),new.title);END;
        """
}
