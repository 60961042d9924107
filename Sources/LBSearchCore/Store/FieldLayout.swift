import GRDB
import GRDBSQLite

/// Which FTS5 column of `documents_fts` holds the title and which the body.
///
/// Since "v12" the body is column 0 and the title column 1 (`Schema.bodyFirstMigration`);
/// before, the title came first. Everything past the FTS5 boundary — the `Ranker`, its
/// evidence and explanations — keeps the fields in (title, body) order; what reads FTS5
/// columns (positions, sizes, `documents_fts_docsize`, `highlight()`, column texts) maps them
/// through the layout the index actually has, read from the table once per search.
struct FieldLayout: Sendable, Hashable {
    /// The FTS5 column of the title.
    let title: Int
    /// The FTS5 column of the body.
    let body: Int

    /// The layout of indexes before "v12": `fts5(title, body, …)`.
    static let titleFirst = FieldLayout(title: 0, body: 1)
    /// The layout since "v12": `fts5(body, title, …)`.
    static let bodyFirst = FieldLayout(title: 1, body: 0)

    /// What a field index and a column index differ by: 1 when the two columns are swapped.
    ///
    /// With two fields, the map from fields to columns is its own inverse (`field ^ swap`).
    var swap: Int { title == 1 ? 1 : 0 }

    /// The field (0 title, 1 body: the `Ranker`'s order) of FTS5 column `column`.
    @inline(__always)
    func field(ofColumn column: Int) -> Int { column ^ swap }

    /// The FTS5 column of field `field` (0 title, 1 body).
    @inline(__always)
    func column(ofField field: Int) -> Int { field ^ swap }

    /// The layout of the columns named `names`, in column order: `titleFirst` unless they are
    /// exactly `body`, `title`.
    static func named(_ names: [String]) -> FieldLayout {
        names.map { $0.lowercased() } == ["body", "title"] ? .bodyFirst : .titleFirst
    }

    /// The SQL that lists `documents_fts`'s declared columns in order (its hidden columns
    /// excepted: SQLite documentation, "PRAGMA table_info").
    static let columnsSQL = "SELECT name FROM pragma_table_info('documents_fts') ORDER BY cid"

    /// The layout of `db`'s `documents_fts`.
    static func read(_ db: Database) throws -> FieldLayout {
        named(try String.fetchAll(db, sql: columnsSQL))
    }

    /// The layout of `documents_fts` on the raw connection `db`, for FTS5 auxiliary functions
    /// (which run inside a statement of that connection); nil when it cannot be read, which
    /// the functions report as an error rather than rank with a guessed order.
    ///
    /// A search's `QueryBudget` cannot cut this read short: SQLite calls the progress handler
    /// of a statement only after `QueryBudget.checkInterval` (1,000) of its own virtual-machine
    /// steps, and this one takes a few dozen (C API "Query Progress Callbacks").
    static func read(connection db: OpaquePointer) -> FieldLayout? {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(db, columnsSQL, -1, &statement, nil) == SQLITE_OK else {
            return nil
        }
        var names: [String] = []
        var step = sqlite3_step(statement)
        while step == SQLITE_ROW {
            names.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
            step = sqlite3_step(statement)
        }
        return step == SQLITE_DONE ? named(names) : nil
    }
}
