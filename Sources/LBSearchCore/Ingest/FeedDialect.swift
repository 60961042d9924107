/// The three feed formats lbsearch reads, told apart by the root element, never by the file name.
///
/// RSS 2.0 (and 0.9x): `<rss>`, items in `<channel>`, elements in no namespace. RSS 1.0:
/// `<rdf:RDF>`, items beside the channel, elements in the RSS 1.0 namespace. Atom 1.0 (and 0.3):
/// `<feed>`, items are `<entry>` elements in the Atom namespace.
public enum FeedDialect: String, Sendable, Hashable {
    case rss
    case rdf
    case atom

    /// Namespace URIs of the modules whose elements a feed item uses.
    enum Namespace {
        static let rss1 = "http://purl.org/rss/1.0/"
        static let atom = "http://www.w3.org/2005/Atom"
        static let atom03 = "http://purl.org/atom/ns#"
        static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        static let content = "http://purl.org/rss/1.0/modules/content/"
        static let dublinCore = "http://purl.org/dc/elements/1.1/"
        /// The namespaces of a feed's own elements (RSS 2.0's is none).
        static let core: Set<String> = ["", rss1, atom, atom03]
    }

    /// The dialect whose root element this is, or nil when the document is not a feed.
    init?(root localName: String, namespace: String?) {
        let namespace = namespace ?? ""
        switch localName {
        case "rss" where namespace.isEmpty: self = .rss
        case "RDF" where namespace == Namespace.rdf: self = .rdf
        case "feed" where [Namespace.atom, Namespace.atom03, ""].contains(namespace): self = .atom
        default: return nil
        }
    }

    /// The local name of the element that holds one item.
    var itemElement: String { self == .atom ? "entry" : "item" }

    /// The local name of the element whose `title` and `link` are the feed's own.
    var channelElement: String { self == .atom ? "feed" : "channel" }
}

/// What one child element of an item (or of the channel) means, by namespace and local name.
enum FeedField: Hashable {
    case title
    case link
    case id
    /// `pubDate`, `dc:date`, Atom `published` (and 0.3 `issued`): the date of publication.
    case published
    /// Atom `updated` (and 0.3 `modified`): used when no date of publication is given.
    case updated
    case category
    /// `content:encoded` or Atom `content`: the whole text.
    case content
    /// `description` or Atom `summary`: the text when there is no content.
    case summary

    /// The field an element stands for, or nil for elements lbsearch does not read (other
    /// modules' elements, such as `media:description`, never stand in for the feed's own).
    init?(localName: String, namespace: String?) {
        let namespace = namespace ?? ""
        switch (namespace, localName) {
        case (FeedDialect.Namespace.content, "encoded"): self = .content
        case (FeedDialect.Namespace.dublinCore, "date"): self = .published
        case (FeedDialect.Namespace.dublinCore, "subject"): self = .category
        case _ where !FeedDialect.Namespace.core.contains(namespace): return nil
        case (_, "title"): self = .title
        case (_, "link"): self = .link
        case (_, "guid"), (_, "id"): self = .id
        case (_, "pubDate"), (_, "published"), (_, "issued"): self = .published
        case (_, "updated"), (_, "modified"): self = .updated
        case (_, "category"): self = .category
        case (_, "content"): self = .content
        case (_, "description"), (_, "summary"): self = .summary
        default: return nil
        }
    }
}
