import Foundation
import Storage

extension Collector {
    /// The text of the file at `path`, under the size cap (`maxBytes`, checked before reading, so a
    /// multi-gigabyte file is never read whole): a byte-order mark is dropped and UTF-16 with one
    /// converted, as a collected `.txt` is read.
    ///
    /// - Throws: ``CollectorError`` naming `path`: `.tooLarge`, `.unreadable` or `.notUTF8`.
    public func readText(_ path: String) throws(CollectorError) -> String {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            throw CollectorError(
                .tooLarge, source: path,
                message: "the file is \(size / 1_048_576) MB, over the \(maxBytes / 1_048_576) MB limit")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CollectorError(.unreadable, source: path, message: "cannot read the file")
        }
        guard let bytes = TextBytes.utf8([UInt8](data)), let text = String(validating: bytes, as: UTF8.self) else {
            throw CollectorError(
                .notUTF8, source: path, message: "text is not valid UTF-8 (nor UTF-16 with a byte-order mark)")
        }
        return text
    }

    /// What `digest summarize FILE` reads: the article in the file (its body, one paragraph a line, with its
    /// headline and standfirst), or, for a text file the article reader finds no headline in (one line, no
    /// title), the text as it stands, untitled. A web page that cannot be read is an error.
    public func readForSummary(_ path: String) throws -> (text: String, title: String?, standfirst: String?) {
        do {
            let article = try readFile(URL(fileURLWithPath: path), displayName: path)
            return (article.paragraphs.joined(separator: "\n"), article.title, article.standfirst)
        } catch let error where ![".html", ".htm", ".xhtml"].contains(where: path.lowercased().hasSuffix) {
            let text = try readText(path)
            guard !text.allSatisfy(\.isWhitespace) else { throw error }
            return (text, nil, nil)
        }
    }

    /// The pages of a folder extracted for scoring: every `*.html` and `*.html.gz` in it, by name, as
    /// `{"id": <name without .html/.html.gz>, "text": <body>}` JSON lines (keys sorted, slashes unescaped),
    /// the body's paragraphs one a line. A page that cannot be read is a line with empty text, and its error.
    ///
    /// - Throws: ``CollectorError`` `.unreadable` when the folder cannot be listed.
    public func extractPages(inFolder folder: String) throws -> (jsonLines: [String], failures: [any Error]) {
        let url = URL(fileURLWithPath: folder)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            throw CollectorError(.unreadable, source: folder, message: "cannot list the folder")
        }
        var lines: [String] = []
        var failures: [any Error] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let extractor = HTMLArticleExtractor(cleaner: cleaner)
        for name in names {
            let id: String
            if name.hasSuffix(".html") {
                id = String(name.dropLast(5))
            } else if name.hasSuffix(".html.gz") {
                id = String(name.dropLast(8))
            } else {
                continue
            }
            let text: String
            do {
                let page = try extractor.extract(contentsOf: url.appendingPathComponent(name), maxBytes: maxBytes)
                text = page.cleaned.paragraphs.joined(separator: "\n")
            } catch {
                failures.append(error)
                text = ""
            }
            lines.append(String(decoding: try encoder.encode(["id": id, "text": text]), as: UTF8.self))
        }
        return (lines, failures)
    }
}

extension CollectReport {
    /// The table a run prints, one row per feed (snapshots of one feed summed, as they share the site's
    /// link), or per source with `perSource`: read, new, updated and unchanged counts and the source's
    /// name with what happened to it. Nil when there is one source and it is not a feed.
    public func table(perSource: Bool) -> [String]? {
        var rows: [(key: String, name: String, reports: [SourceReport])] = []
        for source in sources {
            let key = perSource ? source.source : (source.feedLink ?? source.feedTitle ?? source.source)
            if let index = rows.firstIndex(where: { $0.key == key }) {
                rows[index].reports.append(source)
            } else {
                rows.append((key, source.feedTitle ?? source.source, [source]))
            }
        }
        guard rows.count > 1 || sources.contains(where: { $0.feedTitle != nil }) else { return nil }
        return ["  read    new  updated  unchanged  source"]
            + rows.map { row in
                let sum = { (value: (SourceReport) -> Int) in row.reports.map(value).reduce(0, +) }
                var name = row.name
                if row.reports.count > 1 { name += " (\(row.reports.count) sources)" }
                if row.reports.allSatisfy(\.notModified) { name += " (not modified)" }
                if row.reports.contains(where: { $0.failure != nil && !$0.partial }) {
                    name += " (failed)"
                } else if row.reports.contains(where: \.partial) {
                    name += " (partial: see the error above)"
                }
                let columns = [(sum(\.read), 6), (sum(\.added), 6), (sum(\.updated), 8), (sum(\.unchanged), 10)]
                let numbers = columns.map { value, width in
                    String(repeating: " ", count: max(0, width - String(value).count)) + String(value)
                }
                return numbers.joined(separator: " ") + "  " + name
            }
    }
}

extension CollectReport {
    /// What the editor is told about the temporary files an interrupted run left in `folder` and this run removed;
    /// nil when there were none.
    public func leftoversNote(folder: String) -> String? {
        guard removedLeftovers > 0 else { return nil }
        return "removed \(removedLeftovers) temporary file\(removedLeftovers == 1 ? "" : "s") "
            + "left by an interrupted run in \(folder)"
    }

    /// The run's last line: `Collected N new, U updated, K unchanged[; F failed] in S s (<folder>)`.
    public func summary(seconds: Double, folder: String) -> String {
        "Collected \(added.count) new, \(updated.count) updated, \(unchanged) unchanged"
            + (failures.isEmpty ? "" : "; \(failures.count) failed")
            + String(format: " in %.2f s", seconds) + " (\(folder))"
    }
}
