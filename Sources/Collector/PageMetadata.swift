import Foundation
import NewsValues

/// An article page's metadata, from the sources publishers fill in, most reliable first:
/// JSON-LD (`NewsArticle`), OpenGraph and `article:` meta tags, other meta tags, then the markup.
struct PageMetadata {
    var title: String?
    var standfirst: String?
    var author: String?
    var publisher: String?
    var published: Date?
    var updated: Date?
    var canonicalURL: String?
    var language: String?
    /// The page's own summary of the story (Open Graph, meta or JSON-LD description), which
    /// publishers usually take from the story's first paragraph.
    var summary: String?
    /// Whether the standfirst is an element of the page (a dek above the story) rather than a
    /// description from the page's head, which is often the story's own first paragraph.
    var standfirstInMarkup = false
    /// The story's text as the publisher gave it to search engines: schema.org `articleBody` in
    /// JSON-LD (microdata's `itemprop="articleBody"` is read from the markup).
    var articleBody: String?

    init(page: PageTree) {
        var meta: [String: String] = [:]
        var canonical: String?
        var jsonLD: [[String: Any]] = []
        var firstH1: Int?
        var firstTitle: Int?
        var firstStandfirst: Int?
        var firstTime: String?
        var firstHTML: Int?
        var firstFooter: Int?
        var standfirstClassLists: [String: Bool] = [:]
        // One pass over the page gathers every source; each is the first of its kind in page order.
        for index in page.nodes.indices where !page.nodes[index].isText {
            switch page.nodes[index].name {
            case "meta":
                if let key = page.attribute(.property, of: index) ?? page.attribute(.name, of: index)
                    ?? page.attribute(.itemprop, of: index), let content = page.attribute(.content, of: index)
                {
                    let lowered = key.lowercased()
                    if meta[lowered] == nil { meta[lowered] = content }
                }
            case "link":
                if canonical == nil, page.attribute(.rel, of: index)?.lowercased() == "canonical" {
                    canonical = page.attribute(.href, of: index)
                }
            case "script":
                if page.attribute(.type, of: index)?.lowercased() == "application/ld+json" {
                    jsonLD += Self.articleObjects(in: page.textContent(of: index))
                }
            case "h1": if firstH1 == nil { firstH1 = index }
            case "title": if firstTitle == nil { firstTitle = index }
            case "html": if firstHTML == nil { firstHTML = index }
            case "footer": if firstFooter == nil { firstFooter = index }
            case "time": if firstTime == nil { firstTime = page.attribute(.datetime, of: index) }
            default: break
            }
            if firstStandfirst == nil, let names = page.attribute(.class, of: index) {
                // Class lists repeat through a page: each is read once.
                let isStandfirst = standfirstClassLists[names] ?? Self.isStandfirst(names)
                standfirstClassLists[names] = isStandfirst
                if isStandfirst { firstStandfirst = index }
            }
        }
        // Values are normalised when read: a page has dozens of meta tags and uses a few.
        let rawMeta = meta
        var normalisedMeta: [String: String] = [:]
        func metaValue(_ key: String) -> String? {
            if let known = normalisedMeta[key] { return known }
            guard let raw = rawMeta[key] else { return nil }
            let value = TextCleaner.normalise(raw)
            normalisedMeta[key] = value
            return value
        }
        let ld = jsonLD.first ?? [:]

        let headline = (ld["headline"] as? String).map(TextCleaner.normalise)
        let h1 = firstH1.map { TextCleaner.normalise(page.textContent(of: $0)) }
        let titleText = firstTitle.map { TextCleaner.normalise(page.textContent(of: $0)) }
        let titleTag = titleText.map(Self.dropSiteName)
        title = [headline, metaValue("og:title"), metaValue("twitter:title"), h1, titleTag].compactMap { $0 }.first {
            !$0.isEmpty
        }

        let standfirstElement = firstStandfirst.map { TextCleaner.normalise(page.textContent(of: $0)) }
        standfirstInMarkup = standfirstElement.map { !$0.isEmpty } ?? false
        standfirst = [
            standfirstElement, metaValue("og:description"), metaValue("description"), (ld["description"] as? String),
        ]
        .compactMap { $0.map(TextCleaner.normalise) }.first { !$0.isEmpty }

        summary = [
            metaValue("og:description"), metaValue("description"), metaValue("twitter:description"),
            ld["description"] as? String,
        ]
        .compactMap { $0.map(TextCleaner.normalise) }.first { !$0.isEmpty }
        articleBody = jsonLD.lazy.compactMap { $0["articleBody"] as? String }.first { !$0.isEmpty }

        author =
            Self.names(ld["author"]).first ?? metaValue("author")
            ?? metaValue("article:author").flatMap {
                $0.hasPrefix("http") ? nil : $0
            }
        publisher =
            Self.names(ld["publisher"]).first ?? metaValue("og:site_name") ?? metaValue("application-name")
            ?? titleText.flatMap(Self.siteName(inTitle:))
            ?? Self.copyrightHolder(in: firstFooter.map { page.textContent(of: $0) } ?? "")

        let timeElement = firstTime
        published =
            [
                ld["datePublished"] as? String, metaValue("article:published_time"), metaValue("og:published_time"),
                metaValue("datepublished"), metaValue("date"), metaValue("pubdate"), metaValue("dc.date"), timeElement,
            ].lazy.compactMap { $0.flatMap(DateParsing.date(from:)) }.first
        updated =
            [ld["dateModified"] as? String, metaValue("article:modified_time"), metaValue("og:updated_time")]
            .lazy.compactMap { $0.flatMap(DateParsing.date(from:)) }.first

        canonicalURL = canonical ?? metaValue("og:url") ?? (ld["mainEntityOfPage"] as? String) ?? (ld["url"] as? String)
        language =
            (firstHTML.flatMap { page.attribute(.lang, of: $0) } ?? metaValue("og:locale") ?? metaValue("language")).map
        {
            String($0.replacingOccurrences(of: "_", with: "-").split(separator: "-").first ?? "").lowercased()
        }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static let standfirstClasses: Set<String> = ["standfirst", "dek", "subtitle", "summary", "lede"]

    /// Whether one of the class names is a standfirst's (`dek`, `standfirst`, …), in any case.
    static func isStandfirst(_ classes: String) -> Bool {
        // Compared on the bytes, word by word, without copying: this runs on every element that
        // has a class.
        let bytes = classes.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            while start < bytes.endIndex, isSpace(bytes[start]) { start = bytes.index(after: start) }
            var end = start
            while end < bytes.endIndex, !isSpace(bytes[end]) { end = bytes.index(after: end) }
            let word = bytes[start..<end]
            if (3...10).contains(word.count),
                standfirstWords.contains(where: { candidate in
                    candidate.count == word.count
                        && zip(candidate, word).allSatisfy { $0 == ((0x41...0x5A).contains($1) ? $1 | 0x20 : $1) }
                })
            {
                return true
            }
            start = end
        }
        return false
    }

    private static let standfirstWords = standfirstClasses.map { Array($0.utf8) }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// `Headline | Site` and `Headline - Site` lose the site name.
    static func dropSiteName(_ title: String) -> String {
        for separator in [" | ", " – ", " — ", " - "] {
            if let range = title.range(of: separator, options: .backwards) {
                return String(title[..<range.lowerBound])
            }
        }
        return title
    }

    /// `Headline | Site` gives `Site`.
    static func siteName(inTitle title: String) -> String? {
        guard let range = title.range(of: " | ", options: .backwards) else { return nil }
        let site = title[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return site.isEmpty || site.count > 40 ? nil : site
    }

    nonisolated(unsafe) private static let copyrightPattern =
        /(?:©|\(c\)|Copyright)\s*(?:\d{4}\s*)?([A-Z][\w&'’ ]{1,60}?)(?:\s+(?:\(Pvt\)|Pte|Ltd|Limited|Inc|Media|Group|Corp|LLC|Co|Holdings|Publishing)\b|\.|,|\s*All rights|$)/

    /// `© 2026 Archipelago Review Media Inc. All rights reserved.` gives `Archipelago Review`.
    static func copyrightHolder(in footer: String) -> String? {
        guard let match = TextCleaner.normalise(footer).firstMatch(of: copyrightPattern) else { return nil }
        let holder = String(match.output.1).trimmingCharacters(in: .whitespaces)
        return holder.isEmpty ? nil : holder
    }

    /// Article-like objects in a JSON-LD script: top-level, in an array, or in `@graph`.
    static func articleObjects(in json: String) -> [[String: Any]] {
        guard let data = json.data(using: .utf8),
            let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return [] }
        var objects: [[String: Any]] = []
        func visit(_ value: Any) {
            if let array = value as? [Any] {
                array.forEach(visit)
            } else if let object = value as? [String: Any] {
                if let graph = object["@graph"] { visit(graph) }
                let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
                if types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }) {
                    objects.append(object)
                }
            }
        }
        visit(value)
        return objects
    }

    /// Names from a JSON-LD person or organisation: a string, an object with `name`, or a list.
    static func names(_ value: Any?) -> [String] {
        switch value {
        case let name as String: return [TextCleaner.normalise(name)]
        case let object as [String: Any]: return names(object["name"])
        case let list as [Any]: return list.flatMap { names($0) }
        default: return []
        }
    }
}

/// Reads the date formats publishers use in feeds and metadata, through the one codec of `NewsValues`.
public enum DateParsing {
    /// ISO 8601 with or without fractional seconds or zone (a date without a zone is UTC), and
    /// RFC 822/1123 dates as feeds write them (an unknown zone name gives no date).
    public static func date(from text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return ISO8601.parsePublished(trimmed) ?? MailDate.parse(trimmed, unknownZone: .reject)
    }
}
