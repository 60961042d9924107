import ArgumentParser
import LBSearchCore

/// Ranking flags shared by `search` and `batch`.
struct RankingOptions: ParsableArguments {
    @Flag(help: "Expand the query with terms from the best hits (RM3 pseudo-relevance feedback).")
    var expand = false

    @Flag(help: "Favour recent documents: relevance plus a boost that halves every 30 days of age.")
    var recent = false

    @Option(
        help: ArgumentHelp(
            "Override ranking constants, e.g. k1=0.9,proximityWeight=0 (for experiments).",
            visibility: .hidden))
    var ranking: String?

    func apply(to options: inout SearchOptions) throws {
        try Self.apply(expand: expand, recent: recent, ranking: ranking, to: &options)
    }

    /// Sets the ranking of `options` from the values of these flags.
    static func apply(
        expand: Bool, recent: Bool, ranking: String?, to options: inout SearchOptions
    ) throws {
        options.expand = expand
        if recent { options.recency = RecencyBlend() }
        if let ranking { options.ranking = try RankingParameters(overrides: ranking) }
    }
}
