import Foundation

/// What one `collect` run did, source by source.
public struct CollectReport: Sendable {
    public var added: [Article] = []
    public var updated: [Article] = []
    public var unchanged = 0
    /// Sources that failed, each with one clear message; the other sources were still collected.
    public var failures: [CollectorError] = []

    public init() {}
}

/// Reads articles from files, folders and web pages, cleans them and stores each once.
public struct Collector: Sendable {
    public var store: ArticleStore
    public var cleaner: TextCleaner
    /// The clock, injected so tests can fix "fetched at".
    public var now: @Sendable () -> Date
    /// The largest file or page read, in bytes.
    public var maxBytes = 20 << 20

    public init(store: ArticleStore, cleaner: TextCleaner = TextCleaner(), now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.cleaner = cleaner
        self.now = now
    }

    /// File name extensions read as articles.
    public static let articleExtensions: Set<String> = ["html", "htm", "txt", "md", "markdown"]

    /// Collects every source; a failing source is reported in the result and does not stop the rest.
    public func collect(_ sources: [String]) -> CollectReport {
        var report = CollectReport()
        var index: [String: String]
        do {
            index = try store.contentIndex()
        } catch let error as CollectorError {
            report.failures.append(error)
            return report
        } catch {
            report.failures.append(CollectorError(.corruptStore, source: store.folder.path, message: "\(error)"))
            return report
        }
        var client: HTTPFetcher?
        for source in sources {
            do {
                let articles: [Article]
                if source.hasPrefix("http://") || source.hasPrefix("https://") {
                    if client == nil { client = try HTTPFetcher() }
                    articles = [try client!.article(at: source, reader: self)]
                } else {
                    articles = try readLocal(source, failures: &report.failures)
                }
                for article in articles {
                    switch try store.save(article, knownHashes: &index) {
                    case .added: report.added.append(article)
                    case .updated: report.updated.append(article)
                    case .unchanged: report.unchanged += 1
                    }
                }
            } catch let error as CollectorError {
                report.failures.append(error)
            } catch {
                report.failures.append(CollectorError(.fetchFailed, source: source, message: "\(error)"))
            }
        }
        return report
    }

    /// Reads a file, or every article file under a folder (sorted, hidden files skipped).
    func readLocal(_ path: String, failures: inout [CollectorError]) throws -> [Article] {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw CollectorError(.unreadable, source: path, message: "no such file or folder")
        }
        guard isFolder.boolValue else { return [try readFile(url, displayName: path)] }
        guard let enumerator = FileManager.default.enumerator(
            at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw CollectorError(.unreadable, source: path, message: "cannot list the folder") }
        let files = enumerator.compactMap { $0 as? URL }
            .filter { Self.articleExtensions.contains($0.pathExtension.lowercased()) }
            // A folder's README describes the folder; it is not an article.
            .filter { !$0.deletingPathExtension().lastPathComponent.uppercased().hasPrefix("README") }
            .sorted { $0.path < $1.path }
        var articles: [Article] = []
        for file in files {
            do {
                articles.append(try readFile(file, displayName: file.path))
            } catch let error as CollectorError {
                failures.append(error)
            }
        }
        return articles
    }

    /// Reads one article file: HTML through the extractor, text and Markdown through the text reader.
    public func readFile(_ url: URL, displayName: String) throws -> Article {
        let ext = url.pathExtension.lowercased()
        guard Self.articleExtensions.contains(ext) else {
            if ["xml", "rss", "atom", "json"].contains(ext) {
                throw CollectorError(
                    .unsupportedType, source: displayName,
                    message: "feed files (RSS, Atom, JSON Feed) are not read yet; give article pages or text files")
            }
            throw CollectorError(
                .unsupportedType, source: displayName,
                message: "unsupported file type '.\(ext)' (expected .html, .htm, .txt or .md)")
        }
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > maxBytes {
                throw CollectorError(.unreadable, source: displayName, message: "file is larger than \(maxBytes) bytes")
            }
            data = try Data(contentsOf: url)
        } catch let error as CollectorError {
            throw error
        } catch {
            throw CollectorError(.unreadable, source: displayName, message: Self.reason(error))
        }
        let provenance = Provenance(kind: .file, location: url.standardizedFileURL.path, fetchedAt: now())
        if ext == "html" || ext == "htm" {
            return try article(fromHTML: data, provenance: provenance, displayName: displayName)
        }
        guard let text = String(validatingUTF8Data: data) else {
            throw CollectorError(.notUTF8, source: displayName, message: "text is not valid UTF-8")
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
            paragraphs: parsed.cleaned.paragraphs, source: parsed.cleaned.signOff, dateline: parsed.cleaned.dateline,
            published: parsed.cleaned.published, language: LanguageGuess.language(of: parsed.cleaned.paragraphs),
            provenance: provenance, contentHash: hash)
    }

    func article(fromHTML data: Data, provenance: Provenance, displayName: String, encoding: String? = nil) throws
        -> Article
    {
        let page = HTMLArticleExtractor(cleaner: cleaner).extract(data, encoding: encoding)
        guard let title = page.title, !title.isEmpty, !page.cleaned.paragraphs.isEmpty else {
            throw CollectorError(.noArticle, source: displayName, message: "no article text found in the page")
        }
        let hash = ArticleStore.contentHash(title: title, paragraphs: page.cleaned.paragraphs)
        let key = page.canonicalURL.map { "url:" + $0 } ?? "content:" + hash
        return Article(
            id: ArticleStore.identifier(for: key), title: title, standfirst: page.standfirst,
            paragraphs: page.cleaned.paragraphs, author: page.author, source: page.cleaned.signOff ?? page.publisher,
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

extension String {
    /// Decodes UTF-8, refusing invalid bytes instead of repairing them.
    init?(validatingUTF8Data data: Data) {
        guard let text = String(bytes: data, encoding: .utf8) else { return nil }
        self = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}

/// A rough guess at the language of a text from its scripts, for the composer's language rule.
enum LanguageGuess {
    static func language(of paragraphs: [String]) -> String? {
        var latin = 0, kana = 0, han = 0, hangul = 0
        for scalar in paragraphs.prefix(5).joined().unicodeScalars.prefix(2000) {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            case 0x3040...0x30FF: kana += 1
            case 0x4E00...0x9FFF: han += 1
            case 0xAC00...0xD7A3: hangul += 1
            default: break
            }
        }
        let total = latin + kana + han + hangul
        guard total > 0 else { return nil }
        if kana > total / 10 { return "ja" }
        if hangul > total / 3 { return "ko" }
        if han > total / 3 { return "zh" }
        return latin > total / 2 ? "en" : nil
    }
}
