import Foundation

/// Reads `.html` files: title, metadata and the visible text of the body.
///
/// Takes `<title>`, meta date/source/keywords and the canonical URL. Scripts, styles, comments
/// and navigation chrome (`nav`, `footer`, `aside`) are not text.
public enum HTMLExtractor {
    /// The title, metadata and visible text of a page; broken markup is read as far as it goes.
    public static func extract(_ html: String) -> Extracted {
        var scanner = HTMLScanner(Array(html.utf8))
        scanner.run()
        var result = Extracted(body: scanner.visibleText())
        result.source = scanner.meta(["og:site_name", "source", "application-name"])
        result.title =
            TitleFinder.clean(stripSiteName(scanner.title, site: result.source))
            ?? TitleFinder.clean(scanner.meta(["og:title"]))
            ?? TitleFinder.clean(scanner.firstHeading)
        let dateKeys = [
            "date", "article:published_time", "pubdate", "publish-date", "dc.date",
            "dc.date.issued",
            "og:published_time", "datepublished",
        ]
        result.date =
            scanner.meta(dateKeys).flatMap(DateNormalizer.iso)
            ?? scanner.timeDatetime.flatMap(DateNormalizer.iso)
        result.url = scanner.canonical ?? scanner.meta(["og:url"])
        result.tags = scanner.metaAll(["keywords", "article:tag"]).flatMap(Extracted.splitTags)
        if result.body.isEmpty, let description = scanner.meta(["description", "og:description"]) {
            result.body = description
        }
        return result
    }

    /// The visible text of `html`; with `byCharacters`, white space is collapsed by the rule
    /// over `Character`s (`WhitespaceCollapse.byCharacters`), the benchmark's baseline.
    @_spi(Benchmarks) public static func visibleText(_ html: String, byCharacters: Bool) -> String {
        var scanner = HTMLScanner(Array(html.utf8))
        scanner.byCharacters = byCharacters
        scanner.run()
        return scanner.visibleText()
    }

    /// "Headline | Site" → "Headline" when the last part names the site.
    static func stripSiteName(_ title: String?, site: String?) -> String? {
        guard let title, let site, !site.isEmpty else { return title }
        for separator in [" | ", " - ", " — ", " – ", " · "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let tail = title[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if tail.caseInsensitiveCompare(site) == .orderedSame {
                return String(title[..<range.lowerBound])
            }
        }
        return title
    }
}

/// A forgiving single pass over HTML bytes; never fails, whatever the markup.
struct HTMLScanner {
    /// Elements whose content is raw text up to their closing tag.
    static let rawText: Set<String> = [
        "script", "style", "title", "textarea", "xmp", "noscript", "template",
    ]
    /// Elements whose text is page chrome, not the document.
    static let chrome: Set<String> = [
        "nav", "footer", "aside", "svg", "iframe", "select", "button", "form",
    ]
    /// Elements that break lines.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "article", "section", "header", "main", "blockquote", "pre", "dd", "dt", "dl",
        "figcaption", "figure", "hr", "body",
    ]

    let bytes: [UInt8]
    var index = 0
    var text: [UInt8] = []
    var chromeText: [UInt8] = []
    var chromeDepth = 0
    var title: String?
    var firstHeading: String?
    var headingStart: Int?
    var canonical: String?
    var timeDatetime: String?
    var metas: [(name: String, content: String)] = []
    /// Collapse white space over `Character`s, as before the byte path (for the benchmark).
    var byCharacters = false

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func run() {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                scanMarkup()
            } else {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                appendText(bytes[index..<end])
                index = end
            }
        }
    }

    /// Adds source text; its line breaks are spaces (only block elements break lines).
    mutating func appendText(_ run: ArraySlice<UInt8>) {
        let spaced = run.lazy.map { $0 == 10 || $0 == 13 ? UInt8(ascii: " ") : $0 }
        if chromeDepth > 0 { chromeText += spaced } else { text += spaced }
    }

    mutating func appendLineBreak() {
        if chromeDepth > 0 { chromeText.append(10) } else { text.append(10) }
    }

    mutating func scanMarkup() {
        if hasPrefix("<!--") {
            index = find("-->", from: index + 4).map { $0 + 3 } ?? bytes.count
        } else if hasPrefix("<!") || hasPrefix("<?") {
            index = (bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
        } else if let tag = scanTag() {
            handle(tag)
        } else {
            appendText(bytes[index..<index + 1])
            index += 1
        }
    }

    /// Parses `<name attr=value ...>` or `</name>` at `index`; nil when `<` does not open a tag.
    mutating func scanTag() -> HTMLTag? {
        var cursor = index + 1
        let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
        if closing { cursor += 1 }
        let nameStart = cursor
        // A tag name starts with an ASCII letter; "1<2" and "x <- 1" are text.
        guard cursor < bytes.count, isLetter(bytes[cursor]) else { return nil }
        while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
        var tag = HTMLTag(
            name: String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased(),
            closing: closing)
        cursor = scanAttributes(from: cursor, into: &tag)
        index = cursor
        return tag
    }

    /// Reads attributes up to and past the closing `>`; returns the index after it.
    func scanAttributes(from start: Int, into tag: inout HTMLTag) -> Int {
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: ">") {
                tag.selfClosing = cursor > start && bytes[cursor - 1] == UInt8(ascii: "/")
                return cursor + 1
            }
            if isNameByte(byte) {
                let nameStart = cursor
                while cursor < bytes.count,
                    isNameByte(bytes[cursor]) || bytes[cursor] == UInt8(ascii: ":")
                { cursor += 1 }
                let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
                var value = ""
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                    (value, cursor) = attributeValue(from: cursor + 1)
                }
                tag.attributes[name] = EntityDecoder.decode(value)
            } else {
                cursor += 1
            }
        }
        return cursor
    }

    func attributeValue(from start: Int) -> (String, Int) {
        guard start < bytes.count else { return ("", start) }
        let quote = bytes[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let end = bytes[(start + 1)...].firstIndex(of: quote) ?? bytes.count
            return (
                String(decoding: bytes[(start + 1)..<end], as: UTF8.self), min(end + 1, bytes.count)
            )
        }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: ">"), !isSpace(bytes[end]) { end += 1 }
        return (String(decoding: bytes[start..<end], as: UTF8.self), end)
    }

    mutating func handle(_ tag: HTMLTag) {
        if !tag.closing, Self.rawText.contains(tag.name) {
            let end = find("</" + tag.name, from: index, caseInsensitive: true) ?? bytes.count
            if tag.name == "title", title == nil {
                title = EntityDecoder.decode(String(decoding: bytes[index..<end], as: UTF8.self))
            }
            index =
                end < bytes.count
                ? (bytes[end...].firstIndex(of: UInt8(ascii: ">")) ?? end) + 1 : end
            return
        }
        if Self.chrome.contains(tag.name), !tag.selfClosing {
            chromeDepth = tag.closing ? max(0, chromeDepth - 1) : chromeDepth + 1
        }
        if Self.blocks.contains(tag.name) { appendLineBreak() }
        noteMetadata(tag)
    }

    mutating func noteMetadata(_ tag: HTMLTag) {
        switch (tag.name, tag.closing) {
        case ("meta", false):
            let name =
                (tag.attributes["name"] ?? tag.attributes["property"] ?? tag.attributes["itemprop"]
                ?? "").lowercased()
            if !name.isEmpty, let content = tag.attributes["content"] {
                metas.append((name, content))
            }
        case ("link", false):
            if tag.attributes["rel"]?.lowercased() == "canonical", canonical == nil {
                canonical = tag.attributes["href"]
            }
        case ("time", false):
            if timeDatetime == nil { timeDatetime = tag.attributes["datetime"] }
        case ("h1", false):
            if firstHeading == nil, chromeDepth == 0 { headingStart = text.count }
        case ("h1", true):
            if let start = headingStart, start <= text.count {
                firstHeading = collapse(
                    EntityDecoder.decode(String(decoding: text[start...], as: UTF8.self)))
                headingStart = nil
            }
        default:
            break
        }
    }

    func meta(_ names: [String]) -> String? {
        for name in names {
            if let found = metas.first(where: { $0.name == name && !$0.content.isEmpty }) {
                return collapse(found.content)
            }
        }
        return nil
    }

    func metaAll(_ names: [String]) -> [String] {
        metas.filter { names.contains($0.name) }.map(\.content)
    }

    /// The visible text, one line per block, entities decoded, white space collapsed.
    func visibleText() -> String {
        let main = render(text)
        return main.isEmpty ? render(chromeText) : main
    }

    /// `raw` with entities decoded, one line per line feed, white space collapsed
    /// (`WhitespaceCollapse`, over bytes).
    func render(_ raw: [UInt8]) -> String {
        let decoded = EntityDecoder.decode(String(decoding: raw, as: UTF8.self))
        return byCharacters
            ? WhitespaceCollapse.byCharacters(decoded) : WhitespaceCollapse.lines(decoded)
    }

    func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func hasPrefix(_ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        return index + p.count <= bytes.count && bytes[index..<index + p.count].elementsEqual(p)
    }

    func find(_ needle: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, start + n.count <= bytes.count else { return nil }
        var cursor = start
        while cursor + n.count <= bytes.count {
            if zip(bytes[cursor..<cursor + n.count], n).allSatisfy({
                lower($0) == lower($1) || (!caseInsensitive && $0 == $1)
            }) {
                if caseInsensitive || bytes[cursor..<cursor + n.count].elementsEqual(n) {
                    return cursor
                }
            }
            cursor += 1
        }
        return nil
    }

    func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }

    func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90)
    }

    func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12
    }
}

/// One start or end tag.
struct HTMLTag {
    var name: String
    var closing: Bool
    var selfClosing = false
    var attributes: [String: String] = [:]
}
