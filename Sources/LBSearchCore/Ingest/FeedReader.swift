import Foundation

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item.
///
/// An item's title, date (`pubDate`, `dc:date`, `published`, else `updated`), link (Atom: the
/// `alternate` link, else the first; relative links resolved against `xml:base`, else the
/// feed's own link), tags (`category` text or Atom `term`, `dc:subject`) and text
/// (`content:encoded` or Atom `content`, else `description` or `summary`; HTML reduced to text
/// as `HTMLExtractor` does); its source is the feed's title. An item's key is its `guid` (Atom
/// `id`, RSS 1.0 `rdf:about`), else its link, else a hash of its title and text. Of several
/// items with one key, the one with the latest date is kept, then the longest text, then the
/// first; the others are reported.
public enum FeedReader {
    /// One item: its document fields, its key and where it is (as `JSONLReader.Record`).
    public struct Item: Sendable {
        /// The item's key: `guid`/`id`, else its link, else `hash:` and a hash of its text.
        public var id: String
        /// The 1-based line of the item's start tag.
        public var line: Int
        /// The item's title, text and metadata.
        public var extracted: Extracted
        /// Content hash of the item's fields, which tells when the item changed.
        public var hash: String
        /// Bytes of the item's title and text.
        public var size: Int64
    }

    /// What a feed file held.
    public struct Contents: Sendable {
        /// The feed's items, in file order.
        public var items: [Item] = []
        /// Items that were not read (and why the file stopped being read, when it did).
        public var skips: [Skip] = []
        /// True when the whole file was read: a well-formed feed, to its end.
        public var complete = false
    }

    /// The items of a feed's bytes and what was skipped.
    public static func read(_ data: Data, path: String) -> Contents {
        let parser = FeedParser()
        parser.parse(data)
        guard let dialect = parser.dialect, !parser.notAFeed else {
            let reason: SkipReason =
                parser.notAFeed ? .notAFeed : .malformedXML(parser.failure?.code ?? 0)
            return Contents(skips: [Skip(path: path, line: parser.failure?.line, reason: reason)])
        }
        let feed = FeedContext(dialect: dialect, channel: parser.channel)
        var contents = Contents()
        var drafts: [(Item, FeedItemDraft)] = []
        for draft in parser.items {
            if draft.oversized {
                contents.skips.append(
                    Skip(
                        path: path, line: draft.line,
                        reason: .tooLarge(limit: Int64(FeedParser.maxItemBytes))))
            } else if let item = feed.item(draft) {
                drafts.append((item, draft))
            } else {
                contents.skips.append(Skip(path: path, line: draft.line, reason: .noText))
            }
        }
        let (kept, duplicates) = unique(drafts.map(\.0))
        contents.items = kept
        contents.skips += duplicates.map {
            Skip(path: path, line: $0.line, reason: .duplicateItem($0.id))
        }
        if let failure = parser.failure {
            contents.skips.append(
                Skip(path: path, line: failure.line, reason: .malformedXML(failure.code)))
        } else {
            contents.complete = true
            if parser.items.isEmpty { contents.skips.append(Skip(path: path, reason: .noItems)) }
        }
        return contents
    }

    /// One item per key (see the type's rule), in file order, and the items left out.
    static func unique(_ items: [Item]) -> (kept: [Item], duplicates: [Item]) {
        var slot: [String: Int] = [:]
        var kept: [Item?] = []
        var duplicates: [Item] = []
        for item in items {
            guard let index = slot[item.id], let other = kept[index] else {
                slot[item.id] = kept.count
                kept.append(item)
                continue
            }
            if preferred(item, over: other) {
                kept[index] = nil
                slot[item.id] = kept.count
                kept.append(item)
                duplicates.append(other)
            } else {
                duplicates.append(item)
            }
        }
        return (kept.compactMap { $0 }, duplicates.sorted { $0.line < $1.line })
    }

    /// True when `item` replaces `other` of the same key: a later date, else a longer text.
    static func preferred(_ item: Item, over other: Item) -> Bool {
        let (date, otherDate) = (item.extracted.date ?? "", other.extracted.date ?? "")
        if date != otherDate { return date > otherDate }
        return item.extracted.body.utf8.count > other.extracted.body.utf8.count
    }
}

/// The feed-wide values an item's fields are read with: its dialect, title and link.
struct FeedContext {
    let dialect: FeedDialect
    /// The feed's title, every item's source.
    let source: String?
    /// The feed's own link: the base of an item's relative link when no `xml:base` is given.
    let link: String?

    init(dialect: FeedDialect, channel: [FeedElement]) {
        self.dialect = dialect
        let title = channel.first { $0.field == .title }
        source = title.flatMap { TitleFinder.clean(FeedText.reduce($0, dialect: dialect)) }
        link = FeedText.link(in: channel, base: nil)
    }

    /// The item a draft stands for; nil when it has neither title nor text.
    func item(_ draft: FeedItemDraft) -> FeedReader.Item? {
        let elements = draft.elements
        let reduced = { (field: FeedField) in
            elements.filter { $0.field == field }
                .lazy.map { FeedText.reduce($0, dialect: dialect) }.first { !$0.isEmpty }
        }
        var extracted = Extracted(body: reduced(.content) ?? reduced(.summary) ?? "")
        extracted.title = reduced(.title).flatMap(TitleFinder.clean)
        if extracted.body.isEmpty, extracted.title == nil { return nil }
        extracted.date =
            date(elements.filter { $0.field == .published })
            ?? date(elements.filter { $0.field == .updated })
        extracted.source = source
        extracted.tags = tags(elements)
        let guid = elements.first { $0.field == .id }.flatMap { TitleFinder.clean($0.text) }
        extracted.url =
            FeedText.link(in: elements, base: draft.base ?? link)
            ?? guid.flatMap(permalink(elements))
        let key = guid ?? TitleFinder.clean(draft.about) ?? extracted.url ?? textKey(extracted)
        let size = extracted.body.utf8.count + (extracted.title?.utf8.count ?? 0)
        return FeedReader.Item(
            id: key, line: draft.line, extracted: extracted, hash: hash(extracted, key: key),
            size: Int64(size))
    }

    /// The first date of `elements` that `DateNormalizer` reads.
    func date(_ elements: [FeedElement]) -> String? {
        elements.lazy.compactMap { DateNormalizer.iso($0.text) }.first
    }

    /// Category terms (Atom `term`, else the element's text), each once, in order.
    func tags(_ elements: [FeedElement]) -> [String] {
        var seen: Set<String> = []
        return elements.filter { $0.field == .category }
            .compactMap { TitleFinder.clean($0.attributes["term"] ?? $0.text) }
            .filter { seen.insert($0).inserted }
    }

    /// An RSS `guid` is the item's address unless `isPermaLink="false"` (RSS 2.0).
    func permalink(_ elements: [FeedElement]) -> (String) -> String? {
        { guid in
            let element = elements.first { $0.field == .id }
            let isLink = dialect == .rss && element?.attributes["isPermaLink"] != "false"
            return isLink && (guid.hasPrefix("http://") || guid.hasPrefix("https://")) ? guid : nil
        }
    }

    /// The key of an item with neither guid nor link: a hash of its title and text.
    func textKey(_ extracted: Extracted) -> String {
        "hash:" + ContentHash.of(Array(((extracted.title ?? "") + "\n" + extracted.body).utf8))
    }

    /// The hash of every stored field of an item: it changes when any of them does.
    func hash(_ extracted: Extracted, key: String) -> String {
        let fields = [
            key, extracted.title ?? "", extracted.body, extracted.date ?? "",
            extracted.source ?? "", extracted.url ?? "", extracted.tags.joined(separator: "\u{1E}"),
        ]
        return ContentHash.of(Array(fields.joined(separator: "\u{1F}").utf8))
    }
}

/// Turns an element's collected text into the plain text an index stores.
enum FeedText {
    /// The element's text: HTML reduced to visible text (RSS, Atom `html` and `xhtml`), or
    /// plain text (Atom `text`, the default), NFC-normalized and trimmed.
    static func reduce(_ element: FeedElement, dialect: FeedDialect) -> String {
        let type = element.attributes["type"]?.lowercased()
        if dialect == .atom, element.field == .content, element.attributes["src"] != nil {
            return ""
        }
        let isHTML =
            dialect != .atom
            || ["html", "text/html", "xhtml", "application/xhtml+xml"].contains(type)
        let text = isHTML ? html(element.text) : plain(element.text)
        return TextLines.trimmed(
            TextDecoder.normalize(text, ascii: !text.utf8.contains { $0 >= 0x80 }))
    }

    /// The visible text of an HTML fragment, as `HTMLExtractor` finds a page's.
    static func html(_ fragment: String) -> String {
        var scanner = HTMLScanner(Array(fragment.utf8))
        scanner.run()
        return scanner.visibleText()
    }

    /// Plain text with each line's white space collapsed and blank lines dropped.
    static func plain(_ text: String) -> String {
        TextLines.split(text).compactMap { TitleFinder.clean(String($0)) }.joined(separator: "\n")
    }

    /// The `alternate` link of `elements` (a `link` without `rel` is one), else the first,
    /// resolved against its `xml:base`, else `base`; nil when there is none.
    static func link(in elements: [FeedElement], base: String?) -> String? {
        let links = elements.filter { $0.field == .link }.compactMap {
            element -> (FeedElement, String)? in
            guard let value = TitleFinder.clean(element.attributes["href"] ?? element.text) else {
                return nil
            }
            return (element, value)
        }
        let chosen =
            links.first { ($0.0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        guard let (element, value) = chosen else { return nil }
        return FeedParser.resolve(value, against: element.base ?? base)
    }
}
