import ArgumentParser
import Collector
import Foundation
import Storage

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the clean article text of one page or file, or extract a folder of pages to JSONL.",
        discussion: """
            One source prints the headline and the body. With --batch, every *.html and *.html.gz in the \
            folder is extracted and written as {"id": <file name without .html/.html.gz>, "text": <body>} \
            lines, the body only, for scoring.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An .html/.txt/.md file or an http(s) URL.")
    var source: String?

    @Option(help: ArgumentHelp("Extract every page in this folder.", valueName: "html-dir"))
    var batch: String?

    @Option(help: ArgumentHelp("Where --batch writes its JSONL.", valueName: "out.jsonl"))
    var output: String?

    @Flag(help: allowPrivateHostsHelp)
    var allowPrivateHosts = false

    func validate() throws {
        if batch == nil && source == nil {
            throw ValidationError("give a file or URL, or --batch HTML_DIR --output OUT.jsonl")
        }
        if batch != nil && source != nil { throw ValidationError("give either a source or --batch, not both") }
        if batch != nil && output == nil { throw ValidationError("--batch needs --output OUT.jsonl") }
    }

    func run() throws {
        var collector = Collector(store: global.newsletter.articles)
        collector.http.allowsPrivateHosts =
            allowPrivateHosts || (try? global.newsletter.theme(nil))?.settings.allowPrivateHosts == true
        if let batch, let output {
            try extractBatch(folder: batch, output: output, collector: collector)
            return
        }
        guard let source else { return }
        let article =
            source.hasPrefix("http://") || source.hasPrefix("https://")
            ? try collector.fetchArticle(source)
            : try collector.readFile(URL(fileURLWithPath: source), displayName: source)
        try writeStandardOutput(
            Data((article.title + "\n\n" + article.paragraphs.joined(separator: "\n\n") + "\n").utf8))
    }

    private func extractBatch(folder: String, output: String, collector: Collector) throws {
        let url = URL(fileURLWithPath: folder)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            throw CommandFailure("\(folder): cannot list the folder")
        }
        var lines: [String] = []
        var failures = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let extractor = HTMLArticleExtractor(cleaner: collector.cleaner)
        let started = Date()
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
                let page = try extractor.extract(
                    contentsOf: url.appendingPathComponent(name), maxBytes: collector.maxBytes)
                text = page.cleaned.paragraphs.joined(separator: "\n")
            } catch {
                printError("digest: \(error)")
                failures += 1
                text = ""
            }
            lines.append(String(decoding: try encoder.encode(["id": id, "text": text]), as: UTF8.self))
        }
        let seconds = Date().timeIntervalSince(started)
        try AtomicWrite.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: output)
        let perPage = lines.isEmpty ? 0 : seconds * 1000 / Double(lines.count)
        printError(
            "extracted \(lines.count) pages to \(output) in \(String(format: "%.3f", seconds)) s "
                + "(\(String(format: "%.2f", perPage)) ms/page)")
        if failures > 0 { throw ExitCode(1) }
    }
}
