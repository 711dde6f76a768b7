import ArgumentParser
import Collector
import Foundation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the clean article text of one page or file, or extract a folder of pages to JSONL.",
        discussion: """
            One source prints the headline and the body. With --batch, every *.html and *.html.gz in the
            folder is extracted and written as {"id": <file name without .html/.html.gz>, "text": <body>}
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

    func validate() throws {
        if batch == nil && source == nil { throw ValidationError("give a file or URL, or --batch HTML_DIR --output OUT.jsonl") }
        if batch != nil && source != nil { throw ValidationError("give either a source or --batch, not both") }
        if batch != nil && output == nil { throw ValidationError("--batch needs --output OUT.jsonl") }
    }

    func run() throws {
        let collector = Collector(store: global.newsletter.articles)
        if let batch, let output {
            try extractBatch(folder: batch, output: output, collector: collector)
            return
        }
        guard let source else { return }
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            throw CommandFailure("\(source): extract reads saved pages and files for now; save the page and pass the file")
        }
        let article = try collector.readFile(URL(fileURLWithPath: source), displayName: source)
        print(article.title)
        print()
        print(article.paragraphs.joined(separator: "\n\n"))
    }

    private func extractBatch(folder: String, output: String, collector: Collector) throws {
        let url = URL(fileURLWithPath: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        var lines: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for name in names {
            let id: String
            if name.hasSuffix(".html") {
                id = String(name.dropLast(5))
            } else if name.hasSuffix(".html.gz") {
                throw CommandFailure("\(url.appendingPathComponent(name).path): gzip-compressed pages are not read yet")
            } else {
                continue
            }
            let data = try Data(contentsOf: url.appendingPathComponent(name))
            let page = HTMLArticleExtractor().extract(data)
            let record = ["id": id, "text": page.cleaned.paragraphs.joined(separator: "\n")]
            lines.append(String(decoding: try encoder.encode(record), as: UTF8.self))
        }
        try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: URL(fileURLWithPath: output))
        printError("extracted \(lines.count) pages to \(output)")
    }
}
