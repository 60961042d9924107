/// Explanations: the score of `Ranker.score` as a tree of named contributions.
extension Ranker {
    /// The tree whose value is `score(evidence)`.
    ///
    /// `labels` names the phrases (the query terms);
    /// missing labels read "phrase N".
    public func explain(_ evidence: DocumentEvidence, labels: [String] = []) -> Explanation {
        let norms = fieldNorms(evidence)
        var parts: [Explanation] = []
        var covered = 0.0
        var terms: [Explanation] = []
        for phrase in idf.indices {
            let tf = pseudoFrequency(phrase, evidence, norms)
            guard tf > 0 else { continue }
            covered += proximityMass[phrase]
            terms.append(termExplanation(phrase, tf, evidence, norms, label: label(phrase, labels)))
        }
        parts.append(.sum("bm25f", terms, facts: [.init("k1", parameters.k1)]))
        if let proximity = proximityExplanation(evidence, labels) { parts.append(proximity) }
        if let model = languageModelExplanation(evidence, labels) { parts.append(model) }
        if parameters.coverageWeight != 0 {
            parts.append(
                Explanation(
                    "coverage", value: coveragePart(covered),
                    facts: [
                        .init("matched idf share", coverageTotal > 0 ? covered / coverageTotal : 0),
                        .init("weight", parameters.coverageWeight),
                    ]))
        }
        return .sum("score", parts)
    }

    func label(_ phrase: Int, _ labels: [String]) -> String {
        phrase < labels.count ? "\"\(labels[phrase])\"" : "phrase \(phrase + 1)"
    }

    func termExplanation(
        _ phrase: Int, _ tf: Double, _ evidence: DocumentEvidence, _ norms: [Double], label: String
    ) -> Explanation {
        var facts: [Explanation.Fact] = [.init("idf", idf[phrase])]
        let weight = statistics.phrases[phrase].weight
        if weight != 1 { facts.append(.init("query weight", weight)) }
        for field in norms.indices {
            let count = evidence.frequency(phrase, field)
            guard count > 0 else { continue }
            let name = Self.fieldName(field, count: norms.count)
            facts.append(.init("tf \(name)", Double(count)))
            facts.append(.init("length norm \(name)", norms[field]))
            if fieldWeights[field] != 1 {
                facts.append(.init("weight \(name)", fieldWeights[field]))
            }
        }
        if parameters.tfDelta != 0 { facts.append(.init("tf shift (BM25L)", parameters.tfDelta)) }
        if parameters.plusDelta != 0 {
            facts.append(.init("lower bound (BM25+)", parameters.plusDelta))
        }
        facts.append(.init("tf part", saturated(tf)))
        return Explanation(label, value: saturatedPart(phrase, tf), facts: facts)
    }

    func proximityExplanation(_ evidence: DocumentEvidence, _ labels: [String]) -> Explanation? {
        guard parameters.proximityWeight != 0 else { return nil }
        let k = proximityNorm(evidence)
        let terms = idf.indices.compactMap { phrase -> Explanation? in
            let accumulator = evidence.proximity[phrase]
            guard accumulator > 0 else { return nil }
            let value = parameters.proximityWeight * proximityPart(phrase, accumulator, k)
            return Explanation(
                label(phrase, labels), value: value,
                facts: [.init("neighbour mass", accumulator), .init("K", k)])
        }
        return terms.isEmpty
            ? nil : .sum("proximity", terms, facts: [.init("weight", parameters.proximityWeight)])
    }

    func languageModelExplanation(_ evidence: DocumentEvidence, _ labels: [String])
        -> Explanation?
    {
        guard parameters.dirichletWeight != 0 else { return nil }
        let smoothing = dirichletSmoothing(evidence)
        let terms = idf.indices.compactMap { phrase -> Explanation? in
            let value = dirichletPart(phrase, evidence, smoothing)
            guard value != 0 else { return nil }
            return Explanation(
                label(phrase, labels), value: parameters.dirichletWeight * value,
                facts: [
                    .init(
                        "collection frequency",
                        Double(statistics.phrases[phrase].collectionFrequency))
                ])
        }
        return terms.isEmpty
            ? nil
            : .sum(
                "dirichlet", terms,
                facts: [
                    .init("weight", parameters.dirichletWeight),
                    .init("mu", parameters.dirichletMu),
                    .init("length prior", smoothing),
                ])
    }

    static func fieldName(_ field: Int, count: Int) -> String {
        count == 2 ? (field == 0 ? "title" : "body") : "field \(field)"
    }
}
