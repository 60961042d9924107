import Foundation

/// What a format extractor found in one document, before titles are settled.
public struct Extracted: Sendable, Hashable {
    public var title: String?
    public var body: String
    public var date: String?
    public var source: String?
    public var url: String?
    public var tags: [String]

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
    /// Returns false when the key is not one lbsearch knows.
    @discardableResult
    mutating func set(key: String, value: String) -> Bool {
        let value = value.trimmingCharacters(in: .whitespaces)
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
        let inner = value.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        return inner.split(separator: ",")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
            .filter { !$0.isEmpty }
    }
}
