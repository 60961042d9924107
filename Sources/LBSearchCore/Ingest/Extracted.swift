import Foundation

/// What a format extractor found in one document, before titles are settled.
public struct Extracted: Sendable, Hashable {
    /// The title the document declares, if any (`TitleFinder` settles the rest).
    public var title: String?
    /// The readable text, without markup or front matter.
    public var body: String
    /// The stated date as `yyyy-mm-dd` (`DateNormalizer`), when one could be read.
    public var date: String?
    /// The publisher the document names.
    public var source: String?
    /// The web address the document gives for itself.
    public var url: String?
    /// Keywords the document declares.
    public var tags: [String]

    /// What an extractor found; only the body is required.
    public init(
        title: String? = nil, body: String, date: String? = nil, source: String? = nil,
        url: String? = nil, tags: [String] = []
    ) {
        self.title = title
        self.body = body
        self.date = date
        self.source = source
        self.url = url
        self.tags = tags
    }

    /// Sets a metadata field from a `key: value` pair of front matter or a text header.
    ///
    /// Returns false when the key is not one lbsearch knows.
    @discardableResult
    mutating func set(key: String, value: String) -> Bool {
        let value = String(TextLines.trimmedSpaces(value[...]))
        switch key.lowercased() {
        case "title": title = value.isEmpty ? title : value
        case "date", "published", "pubdate": date = DateNormalizer.iso(value) ?? date
        case "source", "publisher", "site": source = value.isEmpty ? source : value
        case "url", "link": url = value.isEmpty ? url : value
        case "tags", "keywords": tags = Extracted.splitTags(value)
        default: return false
        }
        return true
    }

    /// `a, b, c` or `[a, b]` as a list of trimmed, non-empty tags.
    static func splitTags(_ value: String) -> [String] {
        let inner = TextLines.trimmed(value[...], dropping: { "[] ".unicodeScalars.contains($0) })
        return inner.split(separator: ",")
            .map { String(TextLines.trimmed($0, dropping: { " \"'".unicodeScalars.contains($0) })) }
            .filter { !$0.isEmpty }
    }
}
