import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One element of an item (or of the channel) as the parser met it, before reduction to text.
struct FeedElement: Sendable {
    var field: FeedField
    /// Its text: characters and CDATA, with any child elements written back as tags.
    var text = ""
    var attributes: [String: String]
    /// The `xml:base` in effect on the element, for a relative link.
    var base: String?
}

/// One item as the parser met it: its elements in order, where it starts, and whether it was
/// cut for being too large.
struct FeedItemDraft: Sendable {
    /// The 1-based line of the item's start tag.
    var line: Int
    /// RSS 1.0's `rdf:about`, the item's URI.
    var about: String?
    var base: String?
    var elements: [FeedElement] = []
    /// Bytes of text collected so far; past `FeedParser.maxItemBytes` collecting stops.
    var bytes = 0
    var oversized = false
}

/// Collects the items of a feed from Foundation's `XMLParser` (libxml2's SAX parser).
///
/// External entities are never resolved, and entities declared in a document type are not
/// expanded (the Linux `XMLParser` passes no text for them; libxml2 stops an entity loop or an
/// expansion past its own limit with an error). Text is collected only inside the elements an
/// item's fields come from, and at most `maxItemBytes` of it per item. A parse error stops
/// the parse; the items finished before it are kept.
final class FeedParser: NSObject, XMLParserDelegate {
    /// Text kept per item, at most (an item past it is skipped and reported).
    static let maxItemBytes = 4 * 1_048_576

    private(set) var dialect: FeedDialect?
    /// The channel's (feed's) own title, link and fields.
    private(set) var channel: [FeedElement] = []
    private(set) var items: [FeedItemDraft] = []
    /// The line of the error that stopped the parse, and what it was; nil when none did.
    private(set) var failure: (line: Int, code: Int)?
    /// True when the root element is not a feed's: the parse was stopped there.
    private(set) var notAFeed = false

    /// Names, namespaces and `xml:base` of the open elements, outermost first.
    private var stack: [(name: String, namespace: String, base: String?)] = []
    private var item: FeedItemDraft?
    private var itemDepth = 0
    /// The element whose text is being collected, and its depth.
    private var capture: (element: FeedElement, depth: Int)?
    private var captureMarkup = false

    /// Parses `data` to its end or first error.
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        if !parser.parse(), !notAFeed, failure == nil {
            failure = (parser.lineNumber, (parser.parserError as NSError?)?.code ?? 0)
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        let namespace = namespaceURI ?? ""
        let base = Self.resolve(attributes["xml:base"], against: stack.last?.base)
        if stack.isEmpty {
            dialect = FeedDialect(root: name, namespace: namespace)
            if dialect == nil {
                notAFeed = true
                parser.abortParsing()
                return
            }
        }
        stack.append((name, namespace, base))
        startElement(name, namespace: namespace, attributes: attributes, base: base, parser)
    }

    /// Opens an item, starts collecting a field, or writes a child element into the field.
    private func startElement(
        _ name: String, namespace: String, attributes: [String: String], base: String?,
        _ parser: XMLParser
    ) {
        let depth = stack.count
        if capture != nil {
            if captureMarkup { append("<\(name)>") }
            return
        }
        guard let dialect else { return }
        if item == nil, name == dialect.itemElement, FeedDialect.Namespace.core.contains(namespace)
        {
            item = FeedItemDraft(
                line: parser.lineNumber, about: Self.attribute("about", in: attributes), base: base)
            itemDepth = depth
            return
        }
        let parent = stack.count >= 2 ? stack[stack.count - 2].name : ""
        let inChannel = item == nil && parent == dialect.channelElement
        guard inChannel || (item != nil && depth == itemDepth + 1),
            let field = FeedField(localName: name, namespace: namespace)
        else { return }
        let element = FeedElement(field: field, attributes: attributes, base: base)
        capture = (element, depth)
        captureMarkup = Self.isMarkup(attributes["type"])
    }

    func parser(
        _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
        qualifiedName: String?
    ) {
        let depth = stack.count
        stack.removeLast()
        if let open = capture {
            guard depth == open.depth else {
                if captureMarkup { append("</\(name)>") }
                return
            }
            capture = nil
            if item != nil {
                item?.elements.append(open.element)
            } else {
                channel.append(open.element)
            }
            return
        }
        if let finished = item, depth == itemDepth {
            items.append(finished)
            item = nil
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard capture != nil else { return }
        append(captureMarkup ? Self.escaped(string) : string)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard capture != nil else { return }
        let text = String(decoding: block, as: UTF8.self)
        append(captureMarkup ? Self.escaped(text) : text)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if failure == nil, !notAFeed {
            failure = (parser.lineNumber, (parseError as NSError).code)
        }
    }

    /// Adds text to the field being collected, within the item's limit.
    private func append(_ text: String) {
        guard capture != nil else { return }
        let size = text.utf8.count
        if var open = item {
            guard !open.oversized else { return }
            open.bytes += size
            open.oversized = open.bytes > Self.maxItemBytes
            item = open
            if open.oversized { return }
        } else if let open = capture, open.element.text.utf8.count + size > Self.maxItemBytes {
            return
        }
        capture?.element.text += text
    }

    /// True for an Atom text construct whose content is XHTML elements.
    static func isMarkup(_ type: String?) -> Bool {
        type == "xhtml" || type == "application/xhtml+xml"
    }

    /// `text` with `&` and `<` escaped, so that text inside XHTML stays text.
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    /// The value of an attribute by its local name, whatever its prefix (`rdf:about`).
    static func attribute(_ local: String, in attributes: [String: String]) -> String? {
        attributes.first { $0.key == local || $0.key.hasSuffix(":" + local) }?.value
    }

    /// `reference` resolved against `base`; `base` when there is no reference.
    static func resolve(_ reference: String?, against base: String?) -> String? {
        guard let reference = reference?.trimmingCharacters(in: .whitespacesAndNewlines),
            !reference.isEmpty
        else { return base }
        guard let base, let baseURL = URL(string: base),
            let resolved = URL(string: reference, relativeTo: baseURL)
        else { return reference }
        return resolved.absoluteString
    }
}
