import Foundation
import NewsValues

/// Turns one feed item into an article: the full text from `content:encoded` (or the summary, or
/// the fetched page) through the HTML block reader and the cleaner, metadata from the item.
struct FeedItemReader: Sendable {
    var cleaner: TextCleaner

    /// Builds the article, or nil when the item has neither a title nor any text.
    /// `page` is the item's own page, fetched and extracted when the feed carries only a summary.
    func article(
        from item: FeedItem, feed: Feed, feedLocation: String, fetchedAt: Date, page: ExtractedPage? = nil
    ) -> Article? {
        var title = item.title.map { TextCleaner.normalise(HTMLFragment.text(of: $0)) } ?? ""
        let summaryText = item.summary.map { TextCleaner.normalise(HTMLFragment.text(of: $0)) }
        var source = item.source.map(TextCleaner.normalise)
        let fromAggregator = item.link.map(Outlets.isAggregator(link:)) ?? false

        // "Headline - Outlet": an aggregator's item (its link is the aggregator's), or one whose
        // summary ends with the same outlet.
        if let range = title.range(of: " - ", options: .backwards) {
            let outlet = title[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if !outlet.isEmpty, outlet.count <= 40,
                fromAggregator || summaryText?.hasSuffix(outlet) == true || source == outlet
            {
                title = String(title[..<range.lowerBound])
                source = source ?? outlet
            }
        }
        // An aggregator that names itself as the source (Yahoo's pages in Google News) may still
        // name the wire after the headline: `…（ロイター）`.
        if fromAggregator, source.flatMap(Outlets.usableName) == nil, let wire = Outlets.wireAtEnd(ofHeadline: title) {
            source = wire
        }

        var rawBlocks: [String]
        var fromSummary = false
        if let content = item.content, !content.isEmpty {
            rawBlocks = HTMLFragment.blocks(of: content)
        } else if let page, !page.cleaned.paragraphs.isEmpty {
            rawBlocks = page.cleaned.paragraphs
        } else {
            rawBlocks = item.summary.map(HTMLFragment.blocks(of:)) ?? []
            fromSummary = true
        }

        let blocks = Self.trimPageFurniture(
            rawBlocks, title: title, standfirst: fromSummary ? nil : summaryText, captions: item.mediaTexts,
            outlet: source)
        var standfirst: String?
        if !fromSummary, let summaryText, !summaryText.isEmpty, summaryText.count < 400 {
            // A summary that only repeats (or cuts off) a paragraph of the story is no standfirst.
            let opening = String(summaryText.prefix(60))
            if !blocks.contains(where: { $0.contains(opening) }) { standfirst = summaryText }
        }
        var cleaned = cleaner.clean(blocks)
        if fromSummary {
            // An aggregator's summary often just repeats the headline and the outlet.
            cleaned.paragraphs.removeAll { paragraph in
                paragraph == title || (source.map { paragraph == title + " " + $0 } ?? false)
            }
        }
        if title.isEmpty, let first = cleaned.paragraphs.first { title = String(first.prefix(120)) }
        guard !title.isEmpty else { return nil }

        let guid = item.guid.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        let link = item.link ?? page?.canonicalURL
        let hash = ArticleStore.contentHash(title: title, paragraphs: cleaned.paragraphs)
        let key: String
        if let guid {
            // Short GUIDs ("42") are unique only inside their feed.
            key = guid.count >= 12 ? "guid:" + guid : "guid:" + (feed.link ?? feedLocation) + "#" + guid
        } else if let link {
            key = "url:" + ArticleStore.canonicalLink(link)
        } else {
            key = "content:" + hash
        }
        // An aggregator's link names no outlet; the page it led to does.
        let outletLink = fromAggregator ? (page?.canonicalURL ?? link) : link
        let outlet = Outlets.outlet(
            for: Outlets.Evidence(
                signOff: cleaned.signOff, itemSource: source, author: item.author, link: outletLink,
                siteName: page?.publisher, feedTitle: feed.title, feedLink: feed.link))
        let language =
            Self.language(item.language ?? feed.language)
            ?? LanguageGuess.language(
                of: [title] + cleaned.paragraphs)
        let provenance = Provenance(
            kind: .feed, location: feedLocation, feed: feed.title ?? feedLocation, guid: guid, fetchedAt: fetchedAt,
            summaryOnly: fromSummary ? true : nil)
        var article = Article(
            id: ArticleStore.identifier(for: key), title: title, standfirst: standfirst, paragraphs: cleaned.paragraphs,
            author: item.author.map(TextCleaner.normalise), source: outlet,
            dateline: cleaned.dateline, published: item.published ?? page?.published ?? cleaned.published,
            updated: item.updated, url: link, language: language, provenance: provenance, contentHash: hash)
        article.signature = NearDuplicateSignature.simHash(title: title, paragraphs: cleaned.paragraphs)
        return article
    }

    /// A feed's language when it names one (`mul`, "several languages", names none).
    static func language(_ tag: String?) -> String? {
        guard let tag else { return nil }
        let primary = tag.replacingOccurrences(of: "_", with: "-").split(separator: "-").first.map {
            $0.lowercased()
        }
        guard let primary, primary.count == 2 || primary.count == 3, primary != "mul", primary != "und" else {
            return nil
        }
        return primary
    }

    /// Drops what a page's full text carries around the story: everything up to a repeated headline
    /// or standfirst (section labels, share bars), captions given as media text, "Related:" lists
    /// of headlines, and everything after a `Source: …` line or a "Related Topics" footer.
    static func trimPageFurniture(
        _ blocks: [String], title: String, standfirst: String?, captions: [String], outlet: String?
    )
        -> [String]
    {
        var paragraphs = blocks.map(TextCleaner.normalise).filter { !$0.isEmpty }
        // The header ends at the last repeat of the headline or standfirst among the first blocks.
        let headerEnd = paragraphs.prefix(12).lastIndex { $0 == title || (standfirst != nil && $0 == standfirst) }
        if let headerEnd { paragraphs.removeFirst(headerEnd + 1) }
        let captionSet = Set(captions.map(TextCleaner.normalise))
        var kept: [String] = []
        var inRelatedList = false
        for paragraph in paragraphs {
            let lower = paragraph.lowercased()
            if captionSet.contains(paragraph) || paragraph == title { continue }
            if inRelatedList {
                // Headlines of a "Related:" list: short and without a full stop.
                if paragraph.split(separator: " ").count < 25, !paragraph.hasSuffix(".") { continue }
                inRelatedList = false
            }
            if ["related:", "related", "read also:", "also read:", "read more:", "see also:", "more on this:"]
                .contains(lower)
            {
                inRelatedList = true
                continue
            }
            if TextCleaner.isTrailerStart(paragraph) { break }
            kept.append(paragraph)
            if TextCleaner.sourceLine(paragraph) != nil { break }
        }
        return dropWidgetRuns(kept)
    }

    /// A run of five or more short lines (under ten words) without sentence punctuation inside a story is a menu or
    /// a widget ("Games", "Word Search", "Show more"), not prose.
    static func dropWidgetRuns(_ paragraphs: [String]) -> [String] {
        func isLabel(_ text: String) -> Bool {
            guard let last = text.last, !".!?:;\"”’)。」".contains(last) else { return false }
            return text.split(separator: " ").count < 10 && text.count < 70
        }
        var result: [String] = []
        var run: [String] = []
        func flush() {
            if run.count < 5 { result += run }
            run.removeAll()
        }
        for paragraph in paragraphs {
            if isLabel(paragraph) {
                run.append(paragraph)
            } else {
                flush()
                result.append(paragraph)
            }
        }
        flush()
        return result
    }
}

/// Reads HTML fragments (a feed's `content:encoded` or description) into paragraphs.
enum HTMLFragment {
    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
        "dd", "dt", "table", "tr", "td", "th", "figure", "header", "footer", "main", "aside", "hr", "dl",
    ]
    private static let skippedTags: Set<String> = [
        "script", "style", "noscript", "figcaption", "iframe", "svg", "button", "form", "template", "nav",
    ]

    /// The text of a fragment, tags dropped.
    static func text(of html: String) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) || html.utf8.contains(UInt8(ascii: "&")) else { return html }
        return blocks(of: html).joined(separator: " ")
    }

    /// Paragraphs of a fragment in order: block elements, `<br><br>`, and line breaks after a
    /// sentence's end (wire copy often separates paragraphs with bare newlines inside one `<p>`).
    static func blocks(of html: String) -> [String] {
        // Entity-escaped HTML ("&lt;p&gt;…", escaped twice by some feeds) is HTML after one decode.
        var html = html
        if !html.utf8.contains(UInt8(ascii: "<")), html.includes("&lt;") { html = HTMLEntities.decode(html) }
        guard html.utf8.contains(UInt8(ascii: "<")) else { return split(html) }
        let document = HTMLParser.parse(Data(html.utf8), encoding: "UTF-8")
        var blocks: [String] = []
        var current = ""
        var lastWasBreak = false
        func flush() {
            blocks.append(contentsOf: split(current))
            current = ""
        }
        func walk(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let text):
                    current += text
                    if !text.allSatisfy(\.isWhitespace) { lastWasBreak = false }
                case .element(let inner):
                    if skippedTags.contains(inner.name) { continue }
                    if inner.name == "br" {
                        if lastWasBreak { flush() } else { current += "\n" }
                        lastWasBreak = true
                        continue
                    }
                    let isBlock = blockTags.contains(inner.name)
                    if isBlock { flush() }
                    walk(inner)
                    if isBlock { flush() }
                }
            }
        }
        walk(document)
        flush()
        return blocks
    }

    /// Tags left in text by markup that was escaped twice (`&amp;lt;b&amp;gt;`) are dropped.
    static func stripLiteralTags(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")), text.utf8.contains(UInt8(ascii: ">")) else { return text }
        var output = ""
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "<") {
            output += text[index..<open]
            let afterOpen = text.index(after: open)
            if let close = text[afterOpen...].prefix(300).firstIndex(of: ">") {
                let inside = text[afterOpen..<close]
                let name = inside.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if literalTagNames.contains(name) {
                    if blockTags.contains(name) || name == "br" { output += " " }
                    index = text.index(after: close)
                    continue
                }
            }
            output.append("<")
            index = afterOpen
        }
        output += text[index...]
        return output
    }

    private static let literalTagNames: Set<String> = blockTags.union([
        "a", "b", "i", "em", "strong", "span", "br", "img", "u", "sup", "sub", "small", "font", "abbr", "cite", "q",
        "code", "mark", "s", "del", "ins", "time",
    ])

    /// Splits text at line breaks that end a unit; other breaks are spaces (a paragraph wrapped in
    /// the page's source, or broken around a link). A line ends a unit when it ends a sentence, and
    /// in three shapes that a wrapped line cannot have:
    /// - a summary point (`isSummaryPoint`): a line longer than anyone wraps prose, ending on no word that wants
    ///   more, before a line that opens with a capital, a bullet or a quote and itself ends a unit or the block
    ///   (wire copy sends its points without stops: `… uncertainties` / `Hyundai said … revision`); the point
    ///   gets its full stop back when it ends as prose (`endsAsProse`);
    /// - a crosshead of a few words in title case (`UNITREE (688836.SS)`) where a unit starts, before a capital;
    /// - a crosshead in capitals (`FARES AND ROUTES`), wherever it stands.
    /// A line that is only wire links to other stories (`TextCleaner.isLinkLine`) is dropped.
    static func split(_ text: String) -> [String] {
        let text = stripLiteralTags(text)
        guard text.utf8.contains(UInt8(ascii: "\n")) else {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? [] : [trimmed]
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var paragraphs: [String] = []
        var current = ""
        var afterColon = false
        for (index, line) in lines.enumerated() {
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = ""
                continue
            }
            let isLink = TextCleaner.isLinkLine(line)
            if !current.isEmpty, Self.isCapitalsHeading(line) || isLink {
                paragraphs.append(current)
                current = ""
            }
            let startsUnit = current.isEmpty || afterColon
            current += current.isEmpty ? line : " " + line
            afterColon = line.hasSuffix(":")
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            if isLink {
                // Another story's headline in a newsletter's list: not this story's text.
                current = ""
            } else if Self.endsSentence(line) {
                paragraphs.append(current)
                current = ""
            } else if Self.isSummaryPoint(
                line, before: next, blockEndsAfterNext: Self.blockEnds(after: index + 1, in: lines))
            {
                paragraphs.append(current + (Self.endsAsProse(line) ? "." : ""))
                current = ""
            } else if startsUnit, Self.isCrosshead(line), Self.opensWithCapital(next) {
                paragraphs.append(current)
                current = ""
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    private static func endsSentence(_ line: String) -> Bool {
        line.last.map { ".!?\"”’。！？」』)".contains($0) } ?? false
    }

    /// Whether `line` is a wire's summary point sent as a bare line: longer than anyone wraps prose, not ending on a
    /// word that wants more (`… of the`, `… the platform's`), and followed by a line that opens with a capital or a
    /// bullet and ends a unit itself (a stop, another such long line, a crosshead in capitals), so not the rest of
    /// a sentence broken around a link (`… platform's` / `"KPop Demon Hunters" infringes …`).
    private static func isSummaryPoint(_ line: String, before next: String, blockEndsAfterNext: Bool) -> Bool {
        guard line.count > longestWrappedLine,
            opensWithCapital(next) || "•▪●◦\"“".contains(next.first ?? " "),
            endsSentence(next) || next.count > longestWrappedLine || isCapitalsHeading(next) || blockEndsAfterNext,
            let lastWord = line.split(separator: " ").last
        else { return false }
        if lastWord.hasSuffix("'s") || lastWord.hasSuffix("\u{2019}s") || lastWord.last == "," { return false }
        return !wantsMore.contains(lastWord.lowercased())
    }

    /// Whether the block's lines end after line `index` (the last line, or a blank one follows).
    private static func blockEnds(after index: Int, in lines: [String]) -> Bool {
        index + 1 >= lines.count || lines[index + 1].isEmpty
    }

    /// Whether a point ends as prose, so that a full stop belongs after it: its last stretch has four words or
    /// more and a letter in lower case (not `… data. FEDWATCH`, not a run-in address `poll.helen`).
    private static func endsAsProse(_ line: String) -> Bool {
        guard let last = line.last, last.isLetter || last.isNumber,
            let lastWord = line.split(separator: " ").last, !lastWord.contains("."), !lastWord.contains("@")
        else { return false }
        let tail = line.components(separatedBy: ". ").last ?? line
        return tail.split(separator: " ").count >= 4 && tail.contains(where: \.isLowercase)
    }

    /// Words a sentence does not end on: articles, prepositions, conjunctions, and verbs that want an object
    /// (`… its governor told` / `Reuters in an interview …`).
    private static let wantsMore: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "but", "nor", "as", "is", "its",
        "with", "from", "that", "into", "than", "over", "after", "before", "about", "which", "their", "these",
        "those", "this", "while", "when", "where", "whose", "under", "between", "against", "during", "through",
        "told", "said", "says", "saying", "including", "such", "like", "via", "per", "amid", "across", "toward",
        "towards", "his", "her", "our", "your", "my", "are", "was", "were", "be", "has", "have", "had", "will",
    ]

    /// A crosshead in capitals: two to eight words, a capital and no letter in lower case (`FARES AND ROUTES`);
    /// a script without case (Korean, Thai) is not in capitals.
    private static func isCapitalsHeading(_ line: String) -> Bool {
        // Prose has a lower-case letter within its first word or two: most lines are done here, on bytes.
        guard !line.utf8.contains(where: { (0x61...0x7A).contains($0) }), TextCleaner.isInCapitals(line) else {
            return false
        }
        return (2...8).contains(line.split(separator: " ").count)
    }

    /// No one wraps prose in a page's source at more characters than this.
    static let longestWrappedLine = 120

    /// Whether `line` opens with a capital letter, as a sentence or a heading does.
    private static func opensWithCapital(_ line: String) -> Bool {
        line.unicodeScalars.first?.properties.isUppercase == true
    }

    /// A line of at most six words that starts with a capital and does not end on a word in lower
    /// case or a comma: a crosshead (`UNITREE (688836.SS)`, `Week in Review`), not a piece of a
    /// wrapped sentence (`Talks between Japan and`) or a time (`17 Aug 2026 06:18PM`). It counts
    /// only where a unit starts (`split`): `… weakened after` / `Bank of Japan` / `Governor …` is a wrap.
    private static func isCrosshead(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard words.count <= 6, let first = line.unicodeScalars.first, let lastWord = words.last,
            first.properties.isUppercase
        else { return false }
        guard let opening = lastWord.first, let closing = lastWord.last, !opening.isLowercase,
            !",;-–—&".contains(closing)
        else { return false }
        // In title case or capitals: three in four of its words that are not `of`, `in`, `and` … start with a
        // capital (`Week in Review`), not a sentence's first line (`The statement was issued by Prime`).
        let lettered = words.filter { $0.first?.isLetter == true && !headingSmallWords.contains($0.lowercased()) }
        let capitalised = lettered.filter { $0.first?.isUppercase == true }.count
        return capitalised * 4 >= lettered.count * 3
    }

    private static let headingSmallWords: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "vs",
    ]
}
