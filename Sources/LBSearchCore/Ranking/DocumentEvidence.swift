/// What one document offers a query.
///
/// Field lengths, phrase frequencies per field, and proximity accumulators. Built by streaming the document's phrase matches in text order.
public struct DocumentEvidence: Sendable, Hashable {
    /// Length in tokens of each field.
    public var lengths: [Int]
    /// Occurrences of each phrase in each field, phrase-major (`phrase * fieldCount + field`).
    public var frequencies: [Int]
    /// Büttcher proximity accumulator of each phrase: Σ weight·idf of the neighbouring other
    /// phrase / distance².
    public var proximity: [Double]
    private var previous: (phrase: Int, field: Int, offset: Int)?

    /// Empty evidence for `phraseCount` phrases over `fieldCount` fields.
    public init(phraseCount: Int, fieldCount: Int) {
        lengths = Array(repeating: 0, count: fieldCount)
        frequencies = Array(repeating: 0, count: phraseCount * fieldCount)
        proximity = Array(repeating: 0, count: phraseCount)
    }

    /// Evidence with the given counts and accumulators, for tests and explanations.
    public init(lengths: [Int], frequencies: [Int], proximity: [Double]) {
        self.lengths = lengths
        self.frequencies = frequencies
        self.proximity = proximity
    }

    /// Equal counts and accumulators.
    public static func == (lhs: DocumentEvidence, rhs: DocumentEvidence) -> Bool {
        lhs.lengths == rhs.lengths && lhs.frequencies == rhs.frequencies
            && lhs.proximity == rhs.proximity
    }

    /// Hashes the counts.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(lengths)
        hasher.combine(frequencies)
    }

    /// Forgets everything, keeping the storage, to be filled for the next document.
    public mutating func reset() {
        for index in lengths.indices { lengths[index] = 0 }
        for index in frequencies.indices { frequencies[index] = 0 }
        for index in proximity.indices { proximity[index] = 0 }
        previous = nil
    }

    /// Records one match of `phrase` at token `offset` of `field`.
    ///
    /// Matches must come in text
    /// order (field, then offset), which is how FTS5's `xInst` reports them.
    ///
    /// Proximity follows Büttcher et al. (2006): each pair of consecutive matches of two
    /// different phrases in a field, `d` tokens apart, adds weight·idf(other)/d² to each side
    /// (`d` counted from the end of the first one, which matters for CJK words only).
    public mutating func record(phrase: Int, field: Int, offset: Int, query: Ranker) {
        frequencies[phrase * lengths.count + field] += 1
        guard query.statistics.phrases[phrase].proximity else { return }
        if let last = previous, last.field == field, last.phrase != phrase, offset > last.offset,
            !query.parameters.proximityAdjacentOnly || abs(last.phrase - phrase) == 1
        {
            let distance = Double(
                max(1, offset - last.offset - (query.statistics.phrases[last.phrase].width - 1)))
            let inverseSquare = 1 / (distance * distance)
            proximity[phrase] += query.proximityMass[last.phrase] * inverseSquare
            proximity[last.phrase] += query.proximityMass[phrase] * inverseSquare
        }
        previous = (phrase, field, offset)
    }

    /// Occurrences of `phrase` in `field`.
    public func frequency(_ phrase: Int, _ field: Int) -> Int {
        frequencies[phrase * lengths.count + field]
    }
}
