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
    private var previous: Match?

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

    /// `reset` but for the lengths, which the next document's reader writes over.
    @inline(__always)
    mutating func clearMatches() {
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
        count(phrase: phrase, field: field)
        recordProximity(phrase: phrase, field: field, offset: offset, ProximityTable(query))
    }

    /// Counts one match of `phrase` in `field` (the frequency part of `record`).
    @inline(__always)
    mutating func count(phrase: Int, field: Int) {
        frequencies[phrase * lengths.count + field] += 1
    }

    /// Counts `count` matches of `phrase` in `field` at once.
    @inline(__always)
    mutating func count(_ count: Int, phrase: Int, field: Int) {
        frequencies[phrase * lengths.count + field] += count
    }

    /// Matches of `phrase` counted in all fields.
    @inline(__always)
    func matches(of phrase: Int) -> Int {
        var total = 0
        for field in lengths.indices { total += frequencies[phrase * lengths.count + field] }
        return total
    }

    /// The proximity part of `record`: matches must come in the same text order, and only
    /// those of proximity phrases matter.
    mutating func recordProximity(phrase: Int, field: Int, offset: Int, _ table: ProximityTable) {
        guard table.tracked[phrase] else { return }
        let key = Match(phrase: phrase, field: field, offset: offset).key
        withUnsafePointer(to: key) {
            recordProximity(inOrder: UnsafeBufferPointer(start: $0, count: 1), table)
        }
    }

    /// 1 / d² for d below 256 (index 0 unused): the values the division gives, computed once,
    /// so a pair of matches costs no division.
    static let inverseSquares: [Double] = (0..<256).map { distance in
        let value = Double(distance)
        return 1 / (value * value)
    }

    /// `recordProximity` for each match of `keys` (`Match.key`s, in increasing order, all of
    /// proximity phrases), in one loop over the accumulators.
    mutating func recordProximity(
        inOrder keys: UnsafeBufferPointer<UInt64>, _ table: ProximityTable
    ) {
        var last = previous
        let squares = Self.inverseSquares
        table.span.withUnsafeBufferPointer { span in
            table.mass.withUnsafeBufferPointer { mass in
                squares.withUnsafeBufferPointer { squares in
                    proximity.withUnsafeMutableBufferPointer { accumulators in
                        let pairs = Pairs(
                            adjacentOnly: table.adjacentOnly, span: span, mass: mass,
                            inverseSquares: squares)
                        for key in keys {
                            let match = Match(key: key)
                            if let last { pairs.add(last, match, to: accumulators) }
                            last = match
                        }
                    }
                }
            }
        }
        previous = last
    }

    /// `recordProximity(inOrder:)` for two runs of keys, each of one phrase and increasing
    /// (`keys[..<split]` and `keys[split...]`), merged as they are read: the same pairs, each
    /// accumulator adding the same terms in the same order, without writing the merged keys.
    ///
    /// The loop has no branch on the keys: which run gives the next key is a selection, and a
    /// step that pairs nothing adds mass · 0 to both accumulators. That changes neither: it
    /// adds a zero to an accumulator that is never −0 (it starts at +0, and a sum of finite
    /// values is −0 only when both are), and each mass is finite (else the keys are merged
    /// and recorded one by one, as are those of evidence that has recorded a match since
    /// `reset`).
    mutating func recordProximity(
        merging keys: UnsafeBufferPointer<UInt64>, split: Int, _ table: ProximityTable
    ) {
        // With one run empty, the other is the keys in order.
        guard split > 0, split < keys.count else { return recordProximity(inOrder: keys, table) }
        let (first, second) = (Int(keys[0] & 0xFFFF), Int(keys[split] & 0xFFFF))
        let (massFirst, massSecond) = (table.mass[first], table.mass[second])
        guard previous == nil, first != second, massFirst.isFinite, massSecond.isFinite,
            proximity[first].bitPattern == 0, proximity[second].bitPattern == 0
        else {
            return keys.sorted().withUnsafeBufferPointer { recordProximity(inOrder: $0, table) }
        }
        previous = Match(key: max(keys[split - 1], keys[keys.count - 1]))
        guard !table.adjacentOnly || abs(first - second) == 1 else { return }
        let (spanFirst, spanSecond) = (table.span[first], table.span[second])
        var (accumulatorFirst, accumulatorSecond) = (0.0, 0.0)
        Self.inverseSquares.withUnsafeBufferPointer { squares in
            let count = keys.count
            // The least key comes first; `last` is the previous key, `lastFirst` its run.
            var lastFirst = keys[0] < keys[split]
            var last = lastFirst ? keys[0] : keys[split]
            var (next, other) = lastFirst ? (1, split) : (0, split + 1)
            for _ in 1..<count {
                let head = next < split ? keys[next] : .max
                let otherHead = other < count ? keys[min(other, count - 1)] : .max
                let fromFirst = head < otherHead
                let key = fromFirst ? head : otherHead
                next += fromFirst ? 1 : 0
                other += fromFirst ? 0 : 1
                let offset = Int((key >> 16) & 0xFFFF_FFFF)
                let lastOffset = Int((last >> 16) & 0xFFFF_FFFF)
                let pairs = fromFirst != lastFirst && key >> 48 == last >> 48 && offset > lastOffset
                let distance = max(1, offset - lastOffset - (lastFirst ? spanFirst : spanSecond))
                var inverseSquare = squares[min(distance, squares.count - 1)]
                if pairs, distance >= squares.count {
                    let value = Double(distance)
                    inverseSquare = 1 / (value * value)
                }
                inverseSquare = pairs ? inverseSquare : 0
                accumulatorFirst += massSecond * inverseSquare
                accumulatorSecond += massFirst * inverseSquare
                (last, lastFirst) = (key, fromFirst)
            }
        }
        proximity[first] = accumulatorFirst
        proximity[second] = accumulatorSecond
    }

    /// One match of a phrase.
    struct Match {
        var phrase: Int
        var field: Int
        var offset: Int

        /// Phrases a key tells apart.
        static let maxPhrases = 0xFFFF

        /// The match as one integer whose order is text order: field, then offset, then
        /// phrase (the order of FTS5's `xInst`).
        @inline(__always) var key: UInt64 {
            UInt64(field) << 48 | UInt64(UInt32(truncatingIfNeeded: offset)) << 16
                | UInt64(phrase)
        }

        @inline(__always)
        init(phrase: Int, field: Int, offset: Int) {
            (self.phrase, self.field, self.offset) = (phrase, field, offset)
        }

        /// The match of a `key`.
        @inline(__always)
        init(key: UInt64) {
            phrase = Int(key & 0xFFFF)
            field = Int(key >> 48)
            offset = Int((key >> 16) & 0xFFFF_FFFF)
        }
    }

    /// What a pair of consecutive matches adds to the proximity accumulators, read from flat
    /// buffers (`ProximityTable`'s arrays and `inverseSquares`).
    struct Pairs {
        /// Only phrases next to each other in the query pair up.
        let adjacentOnly: Bool
        /// Positions each phrase spans beyond its first.
        let span: UnsafeBufferPointer<Int>
        /// weight · idf of each phrase.
        let mass: UnsafeBufferPointer<Double>
        /// 1 / d² for small d.
        let inverseSquares: UnsafeBufferPointer<Double>

        /// Adds to `accumulators` what two consecutive matches of proximity phrases give each
        /// other: `mass` of the other phrase / d², d their distance in tokens from the end of
        /// the first (at least 1), when they are in one field, of different phrases
        /// (neighbours in the query, when `adjacentOnly`) and in order.
        @inline(__always)
        func add(_ last: Match, _ match: Match, to accumulators: UnsafeMutableBufferPointer<Double>)
        {
            guard last.field == match.field, last.phrase != match.phrase,
                match.offset > last.offset,
                !adjacentOnly || abs(last.phrase - match.phrase) == 1
            else { return }
            let distance = max(1, match.offset - last.offset - span[last.phrase])
            let inverseSquare: Double
            if distance < inverseSquares.count {
                inverseSquare = inverseSquares[distance]
            } else {
                let value = Double(distance)
                inverseSquare = 1 / (value * value)
            }
            accumulators[match.phrase] += mass[last.phrase] * inverseSquare
            accumulators[last.phrase] += mass[match.phrase] * inverseSquare
        }
    }

    /// Occurrences of `phrase` in `field`.
    public func frequency(_ phrase: Int, _ field: Int) -> Int {
        frequencies[phrase * lengths.count + field]
    }
}

/// What proximity evidence needs of a query's phrases, from its `Ranker`, in flat arrays.
struct ProximityTable {
    /// Whether each phrase takes part in proximity.
    let tracked: [Bool]
    /// Positions each phrase spans beyond its first (`width − 1`).
    let span: [Int]
    /// weight · idf of each phrase (`Ranker.proximityMass`).
    let mass: [Double]
    /// Only phrases next to each other in the query pair up.
    let adjacentOnly: Bool

    /// The table of `ranker`'s query.
    init(_ ranker: Ranker) {
        tracked = ranker.statistics.phrases.map(\.proximity)
        span = ranker.statistics.phrases.map { $0.width - 1 }
        mass = ranker.proximityMass
        adjacentOnly = ranker.parameters.proximityAdjacentOnly
    }
}
