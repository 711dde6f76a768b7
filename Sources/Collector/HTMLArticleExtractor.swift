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

    /// Extracts the story from a saved page, `.html` or gzip-compressed `.html.gz`, of at most
    /// `maxBytes` (also after decompression). Throws a `CollectorError` naming the file.
    public func extract(contentsOf url: URL, maxBytes: Int = 20 << 20) throws -> ExtractedPage {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CollectorError(.unreadable, source: url.path, message: Collector.reason(error))
        }
        guard data.count <= maxBytes || Gzip.isCompressed(data) else {
            throw CollectorError(.tooLarge, source: url.path, message: "the file is over the \(maxBytes)-byte limit")
        }
        let page = Gzip.isCompressed(data) ? try Gzip.decompress(data, limit: maxBytes, source: url.path) : data
        return extract(
            page,
            encoding: TextEncodingCheck.metaCharset(page).flatMap { name in
                TextEncodingCheck.isKnown(name) ? name : nil
            })
    }

    /// Extracts the story from an HTML page's bytes.
    ///
    /// The structural scorer finds the story's block; when it finds nothing, or far less prose than
    /// the page holds, the publisher's own `articleBody` and then the longest run of prose on the
    /// page stand in, so a page with paragraphs of prose never comes out empty.
    public func extract(_ data: Data, encoding: String? = nil) -> ExtractedPage {
        let page = PageTree(parsing: data, encoding: encoding)
        let metadata = PageMetadata(page: page)
        var scorer = ContentScorer(page: page)
        var blocks = scorer.blocks(in: scorer.storyRoots(lead: metadata.summary), dek: metadata.summary)
        // The headline and standfirst are metadata, not body (blocks are already normalised).
        // A description from the page's head that a body paragraph repeats is the story's lead
        // (publishers copy it from there): only a standfirst element of the page is dropped.
        let isHeading = { (block: String) in
            block == metadata.title || (metadata.standfirstInMarkup && block == metadata.standfirst)
        }
        blocks.removeAll(where: isHeading)
        var cleaned = cleaner.clean(blocks, alreadyNormalised: true)
        var kept = Self.characters(cleaned.paragraphs)
        // The body's own length bounds its paragraphs': most pages need not read it further.
        if let body = metadata.articleBody,
            Double(kept) < Self.shortfall * Double(ProseRuns.visibleCharacters(body))
        {
            let paragraphs = Self.paragraphs(ofArticleBody: body)
            if Double(kept) < Self.shortfall * Double(Self.characters(paragraphs)) {
                cleaned = cleaner.clean(paragraphs, alreadyNormalised: true)
                kept = Self.characters(cleaned.paragraphs)
            }
        }
        // Its text is put together only when it may be needed.
        let runBlocks = ProseRuns.longestRun(in: page)
        let runCharacters = runBlocks.reduce(0) { $0 + $1.characters }
        // A run that holds what the scorer found is the story with its neighbours (comments after it,
        // a list before it), which the scorer left out on purpose: only a fragment found elsewhere
        // gives way.
        if kept == 0 || Double(kept) < Self.shortfall * Double(runCharacters) {
            let run = runBlocks.map(\.text).filter { !$0.isEmpty && !isHeading($0) }
            let runText = run.joined(separator: " ")
            let storyInRun = kept > 0 && cleaned.paragraphs.contains { $0.utf8.count >= 40 && runText.contains($0) }
            if !storyInRun, !run.isEmpty {
                let fallback = cleaner.clean(run, alreadyNormalised: true)
                // Never nothing when the page has prose, even if the cleaner took every line for clutter.
                cleaned = fallback.paragraphs.isEmpty ? CleanedText(paragraphs: run) : fallback
            }
        }
        return ExtractedPage(
            title: metadata.title, standfirst: metadata.standfirst, author: metadata.author,
            publisher: metadata.publisher, published: metadata.published, updated: metadata.updated,
            canonicalURL: metadata.canonicalURL, language: metadata.language,
            cleaned: cleaned)
    }

    /// The structural result gives way when it holds less than this share of what the page's
    /// `articleBody` or its longest run of prose hold: it found a fragment, not the story.
    static let shortfall = 0.34

    /// The paragraphs of a JSON-LD `articleBody`: lines of text, or, when a publisher put the
    /// story's markup there (`<p>…</p>`), the blocks of that markup.
    static func paragraphs(ofArticleBody body: String) -> [String] {
        let lowered = body.prefix(2000).lowercased()
        if lowered.includes("</p>") || lowered.includes("<br") || lowered.includes("</div>") {
            return ProseRuns.blocks(in: PageTree(parsing: Data(body.utf8), encoding: "UTF-8")).map(\.text)
                .filter { !$0.isEmpty }
        }
        return body.split(whereSeparator: \.isNewline).map { TextCleaner.normalise(String($0)) }.filter { !$0.isEmpty }
    }

    private static func characters(_ paragraphs: [String]) -> Int {
        paragraphs.reduce(0) { $0 + ProseRuns.visibleCharacters($1) }
    }
}
