import CLBSearchTokenizer
import Foundation

/// A new document's title and body tokenized, and its body compressed, on a preparing thread,
/// so that the one SQLite writer only replays the tokens (`lbsearch_handoff.h`).
///
/// While the writer inserts it with the hand-off armed (`Handoff.armed`), `lbsearch_inflate`
/// returns its body without inflating it again and the tokenizer replays its tokens; any other
/// text is tokenized as usual, so the index is the same either way (`HandoffTests`).
final class PreparedText: @unchecked Sendable {
    /// The C object; owned, freed with this.
    let pointer: OpaquePointer
    /// The body compressed as `documents.body_z` stores it (`StoredText`).
    let compressed: Data

    fileprivate init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        var length = 0
        let bytes = lbsearch_prepared_compressed(pointer, &length)
        compressed = bytes.map { Data(bytes: $0, count: length) } ?? Data()
    }

    /// Frees the texts and tokens once the document is written: a batch's texts leave memory
    /// statement by statement, not when the whole batch is done.
    func release() { lbsearch_prepared_release(pointer) }

    deinit { lbsearch_prepared_free(pointer) }
}

/// The lbsearch tokenizer on a private in-memory connection, used by one thread at a time.
final class Pretokenizer: @unchecked Sendable {
    private let pointer: OpaquePointer

    /// A pretokenizer, or nil when SQLite cannot give one (documents are then prepared without).
    init?() {
        guard let pointer = lbsearch_pretokenizer_new() else { return nil }
        self.pointer = pointer
    }

    deinit { lbsearch_pretokenizer_free(pointer) }

    /// `title` and `body` tokenized, and `body` compressed with `dictionary` (else the shipped
    /// one, at `StoredText.level`); nil when out of memory.
    func prepare(title: String, body: String, dictionary: BodyDictionary? = nil) -> PreparedText? {
        var title = title
        var body = body
        let prepared = withExtendedLifetime(dictionary) {
            title.withUTF8 { title in
                body.withUTF8 { body in
                    lbsearch_prepare(
                        pointer, title.baseAddress, title.count, body.baseAddress, body.count,
                        dictionary?.codec)
                }
            }
        }
        return prepared.map(PreparedText.init)
    }

    /// True when replaying the tokens prepared for `text` gives exactly the tokenizer's own
    /// (tokens, offsets, flags): the check `HandoffTests` runs over corpora.
    func replaysExactly(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { lbsearch_handoff_check(pointer, $0.baseAddress, $0.count) == 1 }
    }
}

/// The writer's side of the hand-off.
enum Handoff {
    /// Runs `body` (one statement inserting or updating documents, in this order) with the
    /// hand-off armed on this thread for `documents`, then releases them
    /// (`PreparedText.release`); returns how many titles and bodies were replayed.
    ///
    /// `layout` is the index's `documents_fts` column order, the order FTS5 asks for each
    /// document's texts in.
    static func armed(
        _ documents: [PreparedText], layout: FieldLayout, _ body: () throws -> Void
    ) rethrows -> Int {
        if documents.isEmpty {
            try body()
            return 0
        }
        let pointers: [OpaquePointer?] = documents.map(\.pointer)
        return try withExtendedLifetime(documents) {
            try pointers.withUnsafeBufferPointer { buffer in
                lbsearch_handoff_begin(buffer.baseAddress, buffer.count, layout.body == 0 ? 1 : 0)
                defer {
                    _ = lbsearch_handoff_end()
                    for document in documents { document.release() }
                }
                try body()
                return lbsearch_handoff_end()
            }
        }
    }
}
