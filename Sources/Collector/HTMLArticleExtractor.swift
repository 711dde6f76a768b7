import Foundation

/// An article page reduced to its story: metadata and body paragraphs in reading order.
public struct ExtractedPage: Sendable, Equatable {
    public var title: String?
    public var standfirst: String?
    public var author: String?
    public var publisher: String?
    public var published: Date?
    public var updated: Date?
    public var canonicalURL: String?
    public var language: String?
    public var cleaned: CleanedText
}

/// Finds the story in an article web page: metadata from JSON-LD, OpenGraph and meta tags and
/// `<time>`; the body from the article element, leaving out navigation, share bars, captions,
/// newsletter boxes, related links, comments and scripts.
public struct HTMLArticleExtractor: Sendable {
    public var cleaner: TextCleaner

    public init(cleaner: TextCleaner = TextCleaner()) {
        self.cleaner = cleaner
    }

    /// Extracts the story from an HTML page's bytes.
    public func extract(_ data: Data, encoding: String? = nil) -> ExtractedPage {
        let document = HTMLParser.parse(data, encoding: encoding)
        let metadata = PageMetadata(document: document)
        let container = Self.storyContainer(in: document)
        var blocks: [String] = []
        Self.collectBlocks(in: container, into: &blocks)
        // The headline and standfirst are metadata, not body.
        blocks.removeAll { block in
            let normalised = TextCleaner.normalise(block)
            return normalised == metadata.title || normalised == metadata.standfirst
        }
        return ExtractedPage(
            title: metadata.title, standfirst: metadata.standfirst, author: metadata.author,
            publisher: metadata.publisher, published: metadata.published, updated: metadata.updated,
            canonicalURL: metadata.canonicalURL, language: metadata.language, cleaned: cleaner.clean(blocks))
    }

    /// The element that holds the story: the `<article>` (or `articleBody`) with the most
    /// paragraph text, else `<main>`, else `<body>`.
    static func storyContainer(in document: HTMLElement) -> HTMLElement {
        let candidates = document.descendants { element in
            element.name == "article" || element.attributes["itemprop"] == "articleBody"
        }
        if let best = candidates.max(by: { paragraphLength($0) < paragraphLength($1) }), paragraphLength(best) > 0 {
            return best
        }
        return document.first("main") ?? document.first("body") ?? document
    }

    private static func paragraphLength(_ element: HTMLElement) -> Int {
        element.descendants { $0.name == "p" }.reduce(0) { $0 + $1.textContent.count }
    }

    private static let skippedTags: Set<String> = [
        "nav", "header", "footer", "aside", "figure", "figcaption", "script", "style", "noscript", "form", "button",
        "svg", "iframe", "select", "template", "h1", "address", "menu", "dialog", "input", "label",
    ]

    private static let skippedNameParts = [
        "share", "social", "related", "newsletter", "subscribe", "signup", "sign-up", "comment", "promo",
        "advert", "sponsor", "breadcrumb", "byline", "kicker", "standfirst", "caption", "tags", "recommend",
        "sidebar", "cookie", "paywall", "author", "dateline", "meta", "toolbar", "more-stories", "read-more",
    ]

    private static func isBoilerplate(_ element: HTMLElement) -> Bool {
        if skippedTags.contains(element.name) { return true }
        if element.attributes["hidden"] != nil || element.attributes["aria-hidden"] == "true" { return true }
        let names = ((element.attributes["class"] ?? "") + " " + (element.attributes["id"] ?? "")).lowercased()
        guard !names.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        return skippedNameParts.contains(where: names.contains)
    }

    private static let blockTags: Set<String> = [
        "p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td",
    ]

    /// Appends the text of each block element in document order. A block holding other blocks
    /// (a `<blockquote>` of `<p>`s, an `<li>` with a nested list) gives its inner blocks instead.
    static func collectBlocks(in element: HTMLElement, into blocks: inout [String]) {
        for case .element(let child) in element.children {
            if isBoilerplate(child) { continue }
            if blockTags.contains(child.name) {
                let hasInnerBlocks = !child.descendants(where: { blockTags.contains($0.name) }).isEmpty
                if hasInnerBlocks {
                    collectBlocks(in: child, into: &blocks)
                } else {
                    let text = inlineText(child)
                    if !text.isEmpty { blocks.append(child.name == "li" ? "• " + text : text) }
                }
            } else {
                collectBlocks(in: child, into: &blocks)
            }
        }
    }

    /// The text of an element with inline markup flattened and `<br>` as a space.
    static func inlineText(_ element: HTMLElement) -> String {
        var text = ""
        func walk(_ node: HTMLElement) {
            for child in node.children {
                switch child {
                case .text(let value): text += value
                case .element(let inner):
                    if inner.name == "br" { text += " " } else if !isBoilerplate(inner) { walk(inner) }
                }
            }
        }
        walk(element)
        return TextCleaner.normalise(text)
    }
}
