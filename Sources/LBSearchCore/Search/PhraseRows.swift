/// The rows of a one-phrase query's scan, each kept with what its score needs (its field
/// lengths and the phrase's matches in each field), and scored once the scan has counted them.
///
/// A phrase's document count, which its idf needs, is the number of rows it matches:
/// `lbsearch_rank` counts it with `xQueryPhrase` before it scores a first row, a pass over the
/// phrase as costly as the scan itself when its words are common (`"the in into"` reads the
/// positions of about 970,000 of a million documents for its 1,156 matches). A query of one
/// phrase (a word, a phrase, a prefix) and no filter yields exactly the phrase's rows, so its
/// scan keeps them
/// (`CandidateQuery.scannedCountingThePhrase`) and `ranked` scores them after it, with the
/// statistics `lbsearch_rank` read and the count of the rows kept: the same `Ranker` from the
/// same evidence, so the same scores to the bit. One phrase pairs with no other, so its
/// evidence has no proximity.
final class PhraseRows {
    /// Rows kept at most by default (3.8 MB, each half of a split scan keeping its own): a
    /// scan that reaches more keeps no more (`overflowed`) and its query is ranked as any
    /// other.
    ///
    /// Above `PrefixFanOut.maxTotalPostings`: a prefix searched as one is always kept.
    static let defaultLimit = 160_000

    /// Rows kept at most.
    let limit: Int

    /// An empty keeper of at most `limit` rows.
    init(limit: Int = PhraseRows.defaultLimit) {
        self.limit = max(limit, 0)
    }

    /// The row ids kept, in scan order.
    private(set) var ids: [Int64] = []
    /// Each row's field lengths, then the phrase's matches per field, row after row (FTS5
    /// counts tokens in 32 bits).
    private(set) var values: [Int32] = []
    /// True once a row past `limit` was met.
    private(set) var overflowed = false
    /// The ranking constants and the statistics of the scan (the document count to be set).
    private(set) var ranker: Ranker?

    /// Keeps a row of the scan `ranker` scores, with its evidence.
    func keep(_ rowid: Int64, _ evidence: DocumentEvidence, _ ranker: Ranker) {
        guard ids.count < limit else {
            overflowed = true
            return
        }
        if self.ranker == nil { self.ranker = ranker }
        ids.append(rowid)
        for length in evidence.lengths { values.append(Int32(clamping: length)) }
        for count in evidence.frequencies { values.append(Int32(clamping: count)) }
    }

    /// The best `count` rows of `parts` (a scan's, or each half's of a split scan), scored with
    /// the phrase's document count, the rows of all parts; every row is counted.
    static func ranked(_ parts: [PhraseRows], count: Int) -> TopRows {
        var rows = TopRows(count: count)
        guard let first = parts.lazy.compactMap(\.ranker).first else { return rows }
        var statistics = first.statistics
        let documents = parts.reduce(0) { $0 + $1.ids.count }
        for phrase in statistics.phrases.indices {
            statistics.phrases[phrase].documentFrequency = documents
        }
        let ranker = Ranker(parameters: first.parameters, statistics: statistics)
        var evidence = DocumentEvidence(
            phraseCount: statistics.phrases.count, fieldCount: statistics.fieldCount)
        let fields = evidence.lengths.count
        let width = fields + evidence.frequencies.count
        for part in parts {
            for (index, id) in part.ids.enumerated() {
                let base = index * width
                for field in 0..<fields {
                    evidence.lengths[field] = Int(part.values[base + field])
                }
                for slot in evidence.frequencies.indices {
                    evidence.frequencies[slot] = Int(part.values[base + fields + slot])
                }
                rows.add(CandidateRow(id: id, score: ranker.score(evidence)))
            }
        }
        return rows
    }
}
