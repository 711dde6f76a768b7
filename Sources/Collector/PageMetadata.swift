import Foundation

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

    init(document: HTMLElement) {
        var meta: [String: String] = [:]
        var canonical: String?
        var jsonLD: [[String: Any]] = []
        for element in document.descendants(where: { ["meta", "link", "script"].contains($0.name) }) {
            switch element.name {
            case "meta":
                guard let key = element["property"] ?? element["name"] ?? element["itemprop"],
                    let content = element["content"]
                else { continue }
                let lowered = key.lowercased()
                if meta[lowered] == nil { meta[lowered] = TextCleaner.normalise(content) }
            case "link":
                if element["rel"]?.lowercased() == "canonical", canonical == nil { canonical = element["href"] }
            default:
                if element["type"]?.lowercased() == "application/ld+json" {
                    jsonLD += Self.articleObjects(in: element.textContent)
                }
            }
        }
        let ld = jsonLD.first ?? [:]

        let headline = (ld["headline"] as? String).map(TextCleaner.normalise)
        let h1 = document.first("h1").map { TextCleaner.normalise($0.textContent) }
        let titleTag = document.first("title").map { Self.dropSiteName(TextCleaner.normalise($0.textContent)) }
        title = [headline, meta["og:title"], meta["twitter:title"], h1, titleTag].compactMap { $0 }.first {
            !$0.isEmpty
        }

        let standfirstClasses = ["standfirst", "dek", "subtitle", "summary", "lede"]
        let standfirstElement = document.descendants { element in
            guard let names = element.attributes["class"]?.lowercased(),
                standfirstClasses.contains(where: { names.includes($0) })
            else { return false }
            return element.classes.contains { standfirstClasses.contains($0.lowercased()) }
        }.first.map { TextCleaner.normalise($0.textContent) }
        standfirstInMarkup = standfirstElement.map { !$0.isEmpty } ?? false
        standfirst = [standfirstElement, meta["og:description"], meta["description"], (ld["description"] as? String)]
            .compactMap { $0.map(TextCleaner.normalise) }.first { !$0.isEmpty }

        summary = [
            meta["og:description"], meta["description"], meta["twitter:description"], ld["description"] as? String,
        ]
        .compactMap { $0.map(TextCleaner.normalise) }.first { !$0.isEmpty }
        articleBody = jsonLD.lazy.compactMap { $0["articleBody"] as? String }.first { !$0.isEmpty }

        author =
            Self.names(ld["author"]).first ?? meta["author"]
            ?? meta["article:author"].flatMap {
                $0.hasPrefix("http") ? nil : $0
            }
        let titleText = document.first("title").map { TextCleaner.normalise($0.textContent) }
        publisher =
            Self.names(ld["publisher"]).first ?? meta["og:site_name"] ?? meta["application-name"]
            ?? titleText.flatMap(Self.siteName(inTitle:)) ?? Self.copyrightHolder(in: document)

        let timeElement = document.descendants { $0.name == "time" && $0["datetime"] != nil }.first?["datetime"]
        published =
            [
                ld["datePublished"] as? String, meta["article:published_time"], meta["og:published_time"],
                meta["datepublished"], meta["date"], meta["pubdate"], meta["dc.date"], timeElement,
            ].compactMap { $0.flatMap(DateParsing.date(from:)) }.first
        updated =
            [ld["dateModified"] as? String, meta["article:modified_time"], meta["og:updated_time"]]
            .compactMap { $0.flatMap(DateParsing.date(from:)) }.first

        canonicalURL = canonical ?? meta["og:url"] ?? (ld["mainEntityOfPage"] as? String) ?? (ld["url"] as? String)
        let html = document.first("html")
        language = (html?["lang"] ?? meta["og:locale"] ?? meta["language"]).map {
            String($0.replacingOccurrences(of: "_", with: "-").split(separator: "-").first ?? "").lowercased()
        }.flatMap { $0.isEmpty ? nil : $0 }
    }

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
    static func copyrightHolder(in document: HTMLElement) -> String? {
        let footer = document.first("footer")?.textContent ?? ""
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

/// Reads the date formats publishers use in metadata.
public enum DateParsing {
    /// ISO 8601 with or without fractional seconds or zone (a date without a zone is UTC), and
    /// RFC 822/1123 dates as feeds write them.
    public static func date(from text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let date = iso8601(trimmed) { return date }
        return rfc822(trimmed)
    }

    nonisolated(unsafe) private static let iso8601Pattern =
        /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/

    private static func iso8601(_ text: String) -> Date? {
        guard let first = text.first, first.isNumber, let match = text.wholeMatch(of: iso8601Pattern),
            let year = Int(match.output.1), let month = Int(match.output.2), let day = Int(match.output.3)
        else { return nil }
        var zone = TimeZone.gmt
        if let designator = match.output.7, designator != "Z" {
            let digits = designator.dropFirst().replacingOccurrences(of: ":", with: "")
            let hours = Int(digits.prefix(2)) ?? 0
            let minutes = Int(digits.suffix(2)) ?? 0
            let seconds = (hours * 3600 + minutes * 60) * (designator.hasPrefix("-") ? -1 : 1)
            zone = TimeZone(secondsFromGMT: seconds) ?? .gmt
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: day, hour: match.output.4.flatMap { Int($0) } ?? 0,
            minute: match.output.5.flatMap { Int($0) } ?? 0, second: match.output.6.flatMap { Int($0) } ?? 0)
        return calendar.date(from: components)
    }

    /// Zone abbreviations feeds write instead of offsets, in minutes east of UTC.
    static let namedZones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420,
        "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "BST": 60, "CET": 60,
        "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180, "IST": 330, "PKT": 300, "ICT": 420, "WIB": 420,
        "SGT": 480, "HKT": 480, "PHT": 480, "AWST": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
        "NZST": 720, "NZDT": 780,
    ]

    /// `Tue, 06 Jan 2026 09:15:00 EST`: an optional weekday, day, month name, year (two or four
    /// digits), time with or without seconds, and a numeric or named zone (none means UTC).
    static func rfc822(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if let first = tokens.first, first.first?.isLetter == true, TextCleaner.month(first) == nil {
            tokens.removeFirst()  // the weekday
        }
        guard tokens.count >= 3 else { return nil }
        var day: Int?
        var month: Int?
        if let number = Int(tokens[0]) {
            day = number
            month = TextCleaner.month(tokens[1])
        } else if let number = Int(tokens[1]) {
            // `Jan 06 2026`, as some feeds write it.
            month = TextCleaner.month(tokens[0])
            day = number
        }
        guard let day, let month, (1...31).contains(day), var year = Int(tokens[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var hour = 0
        var minute = 0
        var second = 0
        var offsetMinutes = 0
        if tokens.count >= 4 {
            let parts = tokens[3].split(separator: ":").map { Int($0) }
            guard parts.count >= 2, let h = parts[0], let m = parts[1] else { return nil }
            hour = h
            minute = m
            second = parts.count > 2 ? (parts[2] ?? 0) : 0
        }
        if tokens.count >= 5 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-" {
                let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
                guard digits.count == 4, let value = Int(digits) else { return nil }
                offsetMinutes = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
            } else if let named = namedZones[zone.uppercased()] {
                offsetMinutes = named
            } else {
                return nil
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offsetMinutes * 60) ?? .gmt
        return calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }
}
