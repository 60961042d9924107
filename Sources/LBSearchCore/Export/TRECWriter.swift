/// Writes hits as a TREC run, the format `trec_eval` reads.
///
/// One line per hit: `qid Q0 docid rank score tag` (trec_eval's README, "results file").
public enum TRECWriter {
    /// The run lines of one query's hits.
    public static func lines(queryID: String, hits: [Hit], tag: String) -> String {
        hits.map { hit in
            "\(field(queryID)) Q0 \(field(hit.id)) \(hit.rank) \(score(hit.score)) \(field(tag))\n"
        }.joined()
    }

    /// A score with six decimals (enough to keep distinct scores distinct).
    static func score(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Int64(abs(scaled))
        let fraction = String(magnitude % 1_000_000)
        return sign + String(magnitude / 1_000_000) + "."
            + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// Whitespace would split a field; it becomes `_`.
    static func field(_ text: String) -> String {
        String(text.map { $0.isWhitespace ? "_" : $0 })
    }
}
