extension TextWriter {
    /// Values of a field shown in text; the rest are counted in one phrase (JSON has them all).
    static let facetValuesShown = 10

    /// The facet block printed after the hits: a blank line, then one line per field.
    ///
    /// A line reads `source: The Ink Wire (4), Cel & Panel (3)`, most frequent first, or
    /// `source: (none)` when no matching document has a value. Values are sanitized like every
    /// other field.
    public static func facets(_ counts: FacetCounts) -> String {
        let lines = counts.fields.map { field -> String in
            let values = counts[field]
            guard !values.isEmpty else { return "\(field.rawValue): (none)" }
            var shown = values.prefix(facetValuesShown).map {
                "\(TerminalSafety.sanitize($0.value)) (\($0.count))"
            }
            if values.count > facetValuesShown {
                shown.append("and \(values.count - facetValuesShown) more")
            }
            return "\(field.rawValue): " + shown.joined(separator: ", ")
        }
        return "\n" + lines.joined(separator: "\n") + "\n"
    }
}
