import Foundation

/// A JSONL file being read a part at a time: the change the plan gave it, its reader, and the
/// skips of the parts read so far (reported with the last part, capped for the whole file).
struct JSONLParts: Sendable {
    let change: IndexPlan.Change
    let entry: FileEntry
    var reader: JSONLReader.LineReader
    var skips: [Skip] = []
    /// The damage found in a `.jsonl.gz` file, reported after its lines' skips.
    let damage: Skip?
    /// True once a part was read and more followed.
    var started = false

    init(
        _ loaded: DocumentReader.Loaded, change: IndexPlan.Change, entry: FileEntry,
        known: [String: String]
    ) {
        (self.change, self.entry) = (change, entry)
        reader = JSONLReader.LineReader(loaded.data, path: entry.path, known: known)
        damage = loaded.damage
    }

    var isAtEnd: Bool { reader.isAtEnd }

    /// The next part's new or changed records as documents and the unchanged ones (`known`)
    /// as kept records; at the end, `skips` holds the whole file's, capped.
    mutating func next(bytes: Int) -> ([Document], [KeptRecord]) {
        let (records, skipped) = reader.next(bytes: bytes)
        skips += skipped
        var documents: [Document] = []
        var kept: [KeptRecord] = []
        for record in records {
            if record.isKnown {
                kept.append(KeptRecord(record: record.id, hash: record.hash, size: record.size))
            } else {
                documents.append(
                    DocumentReader.make(
                        record.extracted, path: entry.path, record: record.id, size: record.size,
                        mtime: entry.mtime, hash: record.hash))
            }
        }
        if isAtEnd {
            skips = Skip.capped(skips + (damage.map { [$0] } ?? []))
        } else {
            started = true
        }
        return (documents, kept)
    }
}
