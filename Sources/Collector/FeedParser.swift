import Foundation
import Storage

/// A feed as published: RSS 2.0 (or 1.0), Atom 1.0 or JSON Feed, reduced to what the collector uses.
public struct Feed: Sendable, Equatable {
    /// Which format the feed was written in.
    public enum Format: String, Sendable, Equatable {
        case rss, atom, jsonFeed
    }

    public var format: Format
    public var title: String?
    /// The site's home page, used to resolve relative item links.
    public var link: String?
    public var language: String?
    public var items: [FeedItem]
}

/// One entry of a feed, its fields as the feed gave them (HTML kept as HTML).
public struct FeedItem: Sendable, Equatable {
    /// The item's GUID (RSS), `id` (Atom, JSON Feed).
    public var guid: String?
    public var title: String?
    /// The item's link, made absolute.
    public var link: String?
    /// The short description or summary, HTML or text.
    public var summary: String?
    /// The full text (`content:encoded`, Atom `content`, JSON Feed `content_html`), HTML.
    public var content: String?
    public var author: String?
    /// The outlet named in RSS `<source>`.
    public var source: String?
    public var published: Date?
    public var updated: Date?
    public var language: String?
    /// `media:description` / `media:title` text, to recognise captions repeated in the body.
    public var mediaTexts: [String] = []
}

/// Reads the three feed formats from bytes.
public enum FeedParser {
    /// True when the bytes look like a feed rather than a page or a text (the first tag or brace).
    public static func looksLikeFeed(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") { return true }
        let trimmed = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        return trimmed.hasPrefix("{") && head.contains("jsonfeed.org")
    }

    /// Parses a feed. `location` (a URL or file path) resolves relative links when the feed has no
    /// site link; `source` names the feed in errors. A feed that cannot be read at all throws.
    ///
    /// Malformed XML is read up to its first error and no further: the items complete before the error are
    /// returned (nothing libxml2 would have to guess at, no item cut short), and `warning` says where the error
    /// is and how many items were kept. A JSON Feed item that is not an object, or has a field of the wrong type,
    /// is left out and named in `warning` (`items[3].title: …`); the feed's other items are kept.
    public static func parse(_ data: Data, location: String? = nil, source: String) throws -> (Feed, String?) {
        let trimmed = data.drop(while: { [0x20, 0x09, 0x0A, 0x0D].contains($0) })
        if trimmed.first == UInt8(ascii: "{") {
            return try JSONFeedReader.parse(data, location: location, source: source)
        }
        if let binary = Self.binaryReason(data) {
            throw CollectorError(.malformed, source: source, message: binary)
        }
        let parsed = XMLTreeParser.parse(data)
        var warning: String?
        if let error = parsed.error {
            // Bytes that cannot be decoded are not recovered from: what libxml2 would make of
            // them is guesswork.
            if parsed.errorCode == XMLTreeParser.unsupportedEncodingCode || error.contains("Unsupported encoding") {
                let name =
                    error.components(separatedBy: "Unsupported encoding").last?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                throw CollectorError(.unknownEncoding, source: source, message: "unknown character encoding '\(name)'")
            }
            if error.contains("UTF-8") || error.contains("encoding error") {
                throw CollectorError(.notUTF8, source: source, message: "text is not valid UTF-8 (\(error))")
            }
            warning = "malformed XML, \(error)"
        }
        guard let root = parsed.root else {
            throw CollectorError(.malformed, source: source, message: warning ?? "not an XML document")
        }
        let feed: Feed
        switch (root.name, root.namespace) {
        case ("rss", _), ("RDF", FeedNamespace.rdf):
            feed = rss(root, location: location)
        case ("feed", FeedNamespace.atom), ("feed", nil):
            feed = atom(root, location: location)
        default:
            throw CollectorError(
                .unsupportedType, source: source,
                message: warning ?? "not a feed: the document's root element is <\(root.name)>")
        }
        guard let warning else { return (feed, nil) }
        if feed.items.isEmpty {
            throw CollectorError(
                .malformed, source: source, message: warning + "; no complete item before it, nothing read")
        }
        let items = feed.items.count == 1 ? "the 1 complete item" : "the \(feed.items.count) complete items"
        return (feed, warning + "; kept \(items) before the error, nothing after it")
    }

    /// Why bytes are not text at all (NUL bytes in the first kilobytes), or nil.
    static func binaryReason(_ data: Data) -> String? {
        let head = data.prefix(4096)
        // UTF-16 feeds carry a byte-order mark and NULs; everything else with NULs is binary.
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return nil }
        return head.contains(0) ? "a binary file, not a feed or text" : nil
    }

    // MARK: RSS

    private static func rss(_ root: XMLElement, location: String?) -> Feed {
        let channel = root.child("channel") ?? root
        let link = channel.value("link").map { resolve($0, against: location) } ?? location
        // Relative links resolve against xml:base, else the feed's own URL, else the site link.
        let isWebLocation = location.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ?? false
        let documentBase = isWebLocation ? location : link
        let base = channel.attributes["base"].map { resolve($0, against: documentBase) } ?? documentBase
        // RSS 2.0 puts items in the channel; RSS 1.0 beside it.
        // Items cut short by an error in the feed are left out (see `parse`).
        let itemElements = (channel.children("item") + (channel.name == root.name ? [] : root.children("item")))
            .filter(\.isComplete)
        let items = itemElements.map { element -> FeedItem in
            let itemBase = element.attributes["base"].map { resolve($0, against: base) } ?? base
            let guidElement = element.child("guid")
            var guid = guidElement.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if guid?.isEmpty == true { guid = nil }
            if guid == nil, let about = element.attributes["about"] { guid = about }
            var link = element.value("link").map { resolve($0, against: itemBase) }
            if link == nil, let guid, guidElement?.attributes["isPermaLink"] != "false",
                guid.hasPrefix("http://") || guid.hasPrefix("https://")
            {
                link = guid
            }
            let content =
                element.value("encoded", in: FeedNamespace.content)
                ?? element.value("content", in: FeedNamespace.atom)
            let author =
                element.value("creator", in: FeedNamespace.dublinCore)
                ?? element.value("author").map(rssAuthorName)
            let published = (element.value("pubDate") ?? element.value("date", in: FeedNamespace.dublinCore))
                .flatMap(DateParsing.date(from:))
            let updated =
                (element.value("updated", in: FeedNamespace.atom)
                ?? element.value("modified", in: "http://purl.org/dc/terms/")).flatMap(DateParsing.date(from:))
            return FeedItem(
                guid: guid, title: element.value("title"), link: link,
                summary: element.value("description") ?? element.value("summary", in: FeedNamespace.atom),
                content: content, author: author, source: element.value("source"), published: published,
                updated: updated, language: element.value("language", in: FeedNamespace.dublinCore),
                mediaTexts: mediaTexts(element))
        }
        return Feed(
            format: .rss, title: channel.value("title"), link: link,
            language: channel.value("language") ?? channel.value("language", in: FeedNamespace.dublinCore),
            items: items)
    }

    /// `editor@example.org (Kim Ha-neul)` gives `Kim Ha-neul`.
    private static func rssAuthorName(_ text: String) -> String {
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let name = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return name }
        }
        return text
    }

    /// Captions and titles of `media:content`, `media:group` and `media:thumbnail`.
    private static func mediaTexts(_ element: XMLElement) -> [String] {
        var texts: [String] = []
        func visit(_ node: XMLElement) {
            for child in node.elements where child.namespace == FeedNamespace.media {
                if child.name == "description" || child.name == "title" || child.name == "text" {
                    let text = child.text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !text.isEmpty { texts.append(text) }
                } else {
                    visit(child)
                }
            }
        }
        visit(element)
        return texts
    }

    // MARK: Atom

    private static func atom(_ root: XMLElement, location: String?) -> Feed {
        let feedBase = root.attributes["base"].map { resolve($0, against: location) } ?? location
        let siteLink = alternateLink(root, base: feedBase)
        let feedAuthor = root.child("author")?.value("name")
        let items = root.children("entry").filter(\.isComplete).map { entry -> FeedItem in
            let base = entry.attributes["base"].map { resolve($0, against: feedBase) } ?? feedBase
            return FeedItem(
                guid: entry.value("id"), title: entry.child("title").map(atomText),
                link: alternateLink(entry, base: base),
                summary: entry.child("summary").map(atomText), content: entry.child("content").map(atomText),
                author: entry.child("author")?.value("name") ?? feedAuthor,
                source: entry.child("source")?.value("title"),
                published: entry.value("published").flatMap(DateParsing.date(from:))
                    ?? entry.value("issued").flatMap(DateParsing.date(from:)),
                updated: entry.value("updated").flatMap(DateParsing.date(from:)),
                language: entry.attributes["lang"], mediaTexts: mediaTexts(entry))
        }
        return Feed(
            format: .atom, title: root.child("title").map(atomText), link: siteLink ?? location,
            language: root.attributes["lang"], items: items)
    }

    /// Atom text constructs: `text` is escaped into HTML so every body is HTML; `html` is HTML;
    /// `xhtml` is markup inside a `div`, serialised back.
    private static func atomText(_ element: XMLElement) -> String {
        switch element.attributes["type"]?.lowercased() {
        case "xhtml":
            return serialise(element.children)
        case "html", "text/html":
            return element.text
        default:
            return element.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
    }

    private static func serialise(_ contents: [XMLContent]) -> String {
        var output = ""
        for content in contents {
            switch content {
            case .text(let text):
                output += text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            case .element(let element):
                let attributes = element.attributes.sorted { $0.key < $1.key }
                    .map { " \($0.key)=\"\($0.value.replacingOccurrences(of: "\"", with: "&quot;"))\"" }.joined()
                output += "<\(element.name)\(attributes)>\(serialise(element.children))</\(element.name)>"
            }
        }
        return output
    }

    private static func alternateLink(_ element: XMLElement, base: String?) -> String? {
        let links = element.children("link")
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        return alternate?.attributes["href"].map { resolve($0, against: base) }
    }

    /// Plain text as HTML paragraphs, one per blank-line-separated block.
    static func escapeAsHTML(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map { block in
            "<p>"
                + block.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;") + "</p>"
        }.joined()
    }

    // MARK: Links

    /// `/world/story` against `https://example.org/feed.xml` gives `https://example.org/world/story`.
    static func resolve(_ link: String, against base: String?) -> String {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") { return trimmed }
        guard let base, base.hasPrefix("http://") || base.hasPrefix("https://"),
            let baseURL = URL(string: base),
            let resolved = URL(string: trimmed, relativeTo: baseURL)?.absoluteURL.absoluteString
        else { return trimmed }
        return resolved
    }
}
