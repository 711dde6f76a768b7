import Foundation
import NewsValues
import Storage

/// Reads articles from feeds, files, folders and web pages, cleans them and stores each once.
public struct Collector: Sendable {
    /// Where articles are stored.
    public var store: ArticleStore
    /// The cleaner applied to every body.
    public var cleaner: TextCleaner
    /// The clock, injected so tests can fix "fetched at".
    public var now: @Sendable () -> Date
    /// The largest file or page read, in bytes (also after decompression).
    public var maxBytes = 20 << 20
    /// Fetch and extract the page of feed items that carry only a summary.
    public var fetchPages = false
    /// Timeouts, redirects, politeness and the validators file for HTTP sources. By default the
    /// validators live in `http-cache.json` beside the articles folder.
    public var http: HTTPPolicy

    /// Makes a collector storing into `store`.
    public init(
        store: ArticleStore, cleaner: TextCleaner = TextCleaner(), now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.cleaner = cleaner
        self.now = now
        http = HTTPPolicy(
            validatorFile: store.folder.deletingLastPathComponent().appendingPathComponent("http-cache.json"))
    }

    /// File name extensions read as articles.
    public static let articleExtensions: Set<String> = ["html", "htm", "txt", "md", "markdown"]
    /// File name extensions read as feeds.
    public static let feedExtensions: Set<String> = ["xml", "rss", "atom", "json", "rdf"]

    /// Collects every source; a failing source is reported in the result and does not stop the rest.
    public func collect(_ sources: [String]) -> CollectReport {
        collect(sources, progress: { _ in })
    }

    /// `collect(_:)`, telling `progress` after each source how far the run is.
    public func collect(_ sources: [String], progress: (CollectProgress) -> Void) -> CollectReport {
        let started = Date()
        var report = CollectReport()
        // A run killed mid-write (kill -9, a power cut) leaves its temporary file; nothing else would remove it.
        // (Their age is measured on the file system's clock, not the injected one.)
        report.removedLeftovers =
            AtomicFile.removeStaleTemporaries(in: store.folder)
            + AtomicFile.removeStaleTemporaries(in: store.folder.deletingLastPathComponent())
        var index: ArticleStore.Index
        do {
            index = try store.index()
        } catch let error as CollectorError {
            report.failures.append(error)
            return report
        } catch {
            report.failures.append(CollectorError(.corruptStore, source: store.folder.path, message: "\(error)"))
            return report
        }
        var fetcher: HTTPFetcher?
        func httpFetcher() throws -> HTTPFetcher {
            if let fetcher { return fetcher }
            do {
                let made = try HTTPFetcher(policy: http, maxBytes: maxBytes, now: now)
                fetcher = made
                return made
            } catch {
                throw CollectorError(.fetchFailed, source: "libcurl", message: "\(error)")
            }
        }
        let storeIsEmpty = index.byHash.isEmpty
        for source in sources {
            var sourceReport = SourceReport(source: source)
            var run = Run(collector: self, index: index, report: report, sourceReport: sourceReport)
            do {
                if source.hasPrefix("http://") || source.hasPrefix("https://") {
                    try run.collectURL(source, fetcher: try httpFetcher(), conditional: !storeIsEmpty)
                } else {
                    try run.collectLocal(source, fetcher: fetchPages ? { try httpFetcher() } : nil)
                }
            } catch let error as CollectorError {
                run.fail(error)
            } catch {
                run.fail(CollectorError(.fetchFailed, source: source, message: "\(error)"))
            }
            index = run.index
            report = run.report
            sourceReport = run.sourceReport
            report.sources.append(sourceReport)
            progress(
                CollectProgress(
                    done: report.sources.count, total: sources.count, added: report.added.count,
                    failed: report.failures.count, elapsed: Date().timeIntervalSince(started)))
        }
        if let fetcher {
            do {
                try fetcher.saveValidators()
            } catch let error as CollectorError {
                report.failures.append(error)
            } catch {
                report.failures.append(CollectorError(.storeFailed, source: "http-cache.json", message: "\(error)"))
            }
        }
        return report
    }

    /// The state of one source's collection: stores articles and counts what happened.
    private struct Run {
        let collector: Collector
        var index: ArticleStore.Index
        var report: CollectReport
        var sourceReport: SourceReport

        mutating func fail(_ error: CollectorError) {
            report.failures.append(error)
            sourceReport.failure = sourceReport.failure ?? error.message
        }

        mutating func store(_ article: Article) throws {
            var article = article
            if article.title.count > Article.maximumTitleLength {
                let length = article.title.count
                article.title = Article.cutTitle(article.title)
                sourceReport.notes.append(
                    "the headline of \(article.url ?? article.id) has \(length) characters; stored cut to "
                        + "\(Article.maximumTitleLength)")
            }
            switch try collector.store.save(article, index: &index) {
            case .added:
                report.added.append(article)
                sourceReport.added += 1
            case .updated:
                report.updated.append(article)
                sourceReport.updated += 1
            case .unchanged:
                report.unchanged += 1
                sourceReport.unchanged += 1
            }
        }

        mutating func collectURL(_ url: String, fetcher: HTTPFetcher, conditional: Bool) throws {
            switch try fetcher.fetch(url, conditional: conditional) {
            case .notModified:
                sourceReport.notModified = true
            case .fetched(let response):
                let charset = response.header("content-type").flatMap(HTTPFetcher.charset)
                let type = response.header("content-type")?.lowercased() ?? ""
                if FeedParser.looksLikeFeed(response.body) || type.contains("rss") || type.contains("atom")
                    || type.contains("feed+json")
                {
                    try collectFeed(response.body, location: response.url, displayName: url, fetcher: fetcher)
                } else {
                    sourceReport.read += 1
                    let provenance = Provenance(kind: .page, location: response.url, fetchedAt: collector.now())
                    try store(
                        try collector.article(
                            fromHTML: response.body, provenance: provenance, displayName: url, encoding: charset))
                }
                // Only now that its items are stored may the next run skip this URL with a 304.
                fetcher.remember(response, for: url)
            }
        }

        mutating func collectLocal(_ path: String, fetcher: (() throws -> HTTPFetcher)?) throws {
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                throw CollectorError(.unreadable, source: path, message: "no such file or folder")
            }
            guard isFolder.boolValue else {
                try collectFile(url, displayName: path, fetcher: fetcher)
                return
            }
            guard
                let enumerator = FileManager.default.enumerator(
                    at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { throw CollectorError(.unreadable, source: path, message: "cannot list the folder") }
            let files = enumerator.compactMap { $0 as? URL }
                .filter { Collector.isCollectable($0) }
                // A folder's README describes the folder; it is not an article.
                .filter { !$0.deletingPathExtension().lastPathComponent.uppercased().hasPrefix("README") }
                .sorted { $0.path < $1.path }
            for file in files {
                do {
                    try collectFile(file, displayName: file.path, fetcher: fetcher)
                } catch let error as CollectorError {
                    fail(error)
                }
            }
        }

        mutating func collectFile(_ url: URL, displayName: String, fetcher: (() throws -> HTTPFetcher)?) throws {
            let (data, kind) = try collector.readBytes(url, displayName: displayName)
            if kind == .feed {
                // With --fetch-pages, a saved feed's summary-only items get their pages too.
                try collectFeed(
                    data, location: url.standardizedFileURL.path, displayName: displayName, fetcher: try fetcher?())
                return
            }
            sourceReport.read += 1
            try store(try collector.article(from: data, kind: kind, url: url, displayName: displayName))
        }

        mutating func collectFeed(_ data: Data, location: String, displayName: String, fetcher: HTTPFetcher?) throws {
            let (feed, warning) = try FeedParser.parse(data, location: location, source: displayName)
            sourceReport.feedTitle = feed.title
            sourceReport.feedLink = feed.link
            let reader = FeedItemReader(cleaner: collector.cleaner)
            let fetchedAt = collector.now()
            for item in feed.items {
                sourceReport.read += 1
                var page: ExtractedPage?
                let summaryOnly = item.content?.isEmpty ?? true
                if summaryOnly, collector.fetchPages, let link = item.link, let fetcher,
                    link.hasPrefix("http://") || link.hasPrefix("https://")
                {
                    page = fetchPage(link, fetcher: fetcher)
                }
                guard
                    let article = reader.article(
                        from: item, feed: feed, feedLocation: location, fetchedAt: fetchedAt, page: page)
                else { continue }
                // A summary never replaces a stored full text (say, the item's page fetched earlier).
                if summaryOnly, page == nil, let stored = collector.store.article(id: article.id),
                    stored.provenance.summaryOnly != true
                {
                    report.unchanged += 1
                    sourceReport.unchanged += 1
                    continue
                }
                try store(article)
            }
            if let warning {
                sourceReport.partial = !feed.items.isEmpty
                fail(CollectorError(.malformed, source: displayName, message: warning))
            }
        }

        mutating func fetchPage(_ link: String, fetcher: HTTPFetcher) -> ExtractedPage? {
            do {
                guard case .fetched(let response) = try fetcher.fetch(link, conditional: false) else { return nil }
                let charset = response.header("content-type").flatMap(HTTPFetcher.charset)
                let page = HTMLArticleExtractor(cleaner: collector.cleaner).extract(response.body, encoding: charset)
                return page.cleaned.paragraphs.isEmpty ? nil : page
            } catch let error as CollectorError {
                fail(error)
            } catch {
                fail(CollectorError(.fetchFailed, source: link, message: "\(error)"))
            }
            return nil
        }
    }

    /// True for files a folder source collects: articles, feeds, and their `.gz` forms.
    static func isCollectable(_ url: URL) -> Bool {
        var ext = url.pathExtension.lowercased()
        if ext == "gz" { ext = url.deletingPathExtension().pathExtension.lowercased() }
        return articleExtensions.contains(ext) || (feedExtensions.contains(ext) && ext != "json")
    }

    /// What a file holds.
    enum FileKind {
        case html, text, feed
    }

    /// Reads a file's bytes (decompressing `.gz`) under the size cap, and decides what it holds
    /// from its extension and, for other names, its first bytes.
    func readBytes(_ url: URL, displayName: String) throws -> (Data, FileKind) {
        var data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > maxBytes {
                throw CollectorError(
                    .tooLarge, source: displayName,
                    message: "the file is \(size / 1_048_576) MB, over the \(maxBytes / 1_048_576) MB limit")
            }
            data = try Data(contentsOf: url)
        } catch let error as CollectorError {
            throw error
        } catch {
            throw CollectorError(.unreadable, source: displayName, message: Self.reason(error))
        }
        var ext = url.pathExtension.lowercased()
        if ext == "gz" || Gzip.isCompressed(data) {
            data = try Gzip.decompress(data, limit: maxBytes, source: displayName)
            if ext == "gz" { ext = url.deletingPathExtension().pathExtension.lowercased() }
        }
        if let binary = FeedParser.binaryReason(data) {
            throw CollectorError(.malformed, source: displayName, message: binary)
        }
        if Self.feedExtensions.contains(ext) || FeedParser.looksLikeFeed(data) { return (data, .feed) }
        switch ext {
        case "html", "htm", "xhtml": return (data, .html)
        case "txt", "md", "markdown", "text": return (data, .text)
        default:
            let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
            if head.contains("<html") || head.contains("<!doctype html") { return (data, .html) }
            throw CollectorError(
                .unsupportedType, source: displayName,
                message: "unsupported file type '.\(ext)' (expected .html, .txt, .md, or an RSS, Atom or JSON feed)")
        }
    }

    /// Fetches one article page over HTTP(S) and extracts it, without storing it or remembering
    /// validators.
    public func fetchArticle(_ url: String) throws -> Article {
        var policy = http
        policy.validatorFile = nil
        let fetcher = try HTTPFetcher(policy: policy, maxBytes: maxBytes, now: now)
        guard case .fetched(let response) = try fetcher.fetch(url, conditional: false) else {
            throw CollectorError(.fetchFailed, source: url, message: "the server sent nothing new")
        }
        let charset = response.header("content-type").flatMap(HTTPFetcher.charset)
        let provenance = Provenance(kind: .page, location: response.url, fetchedAt: now())
        return try article(fromHTML: response.body, provenance: provenance, displayName: url, encoding: charset)
    }

    /// Reads one article file: HTML through the extractor, text and Markdown through the text reader.
    public func readFile(_ url: URL, displayName: String) throws -> Article {
        let (data, kind) = try readBytes(url, displayName: displayName)
        if kind == .feed {
            throw CollectorError(
                .unsupportedType, source: displayName, message: "a feed holds many articles; collect it instead")
        }
        return try article(from: data, kind: kind, url: url, displayName: displayName)
    }

    func article(from data: Data, kind: FileKind, url: URL, displayName: String) throws -> Article {
        let provenance = Provenance(kind: .file, location: url.standardizedFileURL.path, fetchedAt: now())
        if kind == .html {
            return try article(fromHTML: data, provenance: provenance, displayName: displayName)
        }
        // A byte-order mark is dropped and UTF-16 with one converted: editors on Windows save "Unicode" text so.
        guard let bytes = TextBytes.utf8([UInt8](data)), let text = String(validating: bytes, as: UTF8.self) else {
            throw CollectorError(
                .notUTF8, source: displayName, message: "text is not valid UTF-8 (nor UTF-16 with a byte-order mark)")
        }
        return try article(fromText: text, provenance: provenance, displayName: displayName)
    }

    func article(fromText text: String, provenance: Provenance, displayName: String) throws -> Article {
        let reader = PlainTextReader(cleaner: cleaner)
        guard let parsed = reader.parse(text), !parsed.title.isEmpty, !parsed.cleaned.paragraphs.isEmpty else {
            throw CollectorError(.noArticle, source: displayName, message: "no headline and body found")
        }
        let hash = ArticleStore.contentHash(title: parsed.title, paragraphs: parsed.cleaned.paragraphs)
        return Article(
            id: ArticleStore.identifier(for: "content:" + hash), title: parsed.title, standfirst: parsed.standfirst,
            paragraphs: parsed.cleaned.paragraphs,
            source: parsed.cleaned.signOff.flatMap(Outlets.signOffName), dateline: parsed.cleaned.dateline,
            published: parsed.cleaned.published, language: LanguageGuess.language(of: parsed.cleaned.paragraphs),
            provenance: provenance, contentHash: hash)
    }

    func article(fromHTML data: Data, provenance: Provenance, displayName: String, encoding: String? = nil) throws
        -> Article
    {
        let encoding = try TextEncodingCheck.htmlEncoding(data, declared: encoding, source: displayName)
        let page = HTMLArticleExtractor(cleaner: cleaner).extract(data, encoding: encoding)
        guard let title = page.title, !title.isEmpty, !page.cleaned.paragraphs.isEmpty else {
            throw CollectorError(.noArticle, source: displayName, message: "no article text found in the page")
        }
        let hash = ArticleStore.contentHash(title: title, paragraphs: page.cleaned.paragraphs)
        let key = page.canonicalURL.map { "url:" + $0 } ?? "content:" + hash
        let outlet = Outlets.outlet(
            for: Outlets.Evidence(
                signOff: page.cleaned.signOff, link: page.canonicalURL ?? provenance.location, siteName: page.publisher)
        )
        return Article(
            id: ArticleStore.identifier(for: key), title: title, standfirst: page.standfirst,
            paragraphs: page.cleaned.paragraphs, author: page.author, source: outlet,
            dateline: page.cleaned.dateline, published: page.published ?? page.cleaned.published,
            updated: page.updated, url: page.canonicalURL,
            language: page.language ?? LanguageGuess.language(of: page.cleaned.paragraphs),
            provenance: provenance, contentHash: hash)
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError {
            return "permission denied"
        }
        return nsError.localizedDescription
    }
}
