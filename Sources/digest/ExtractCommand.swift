import ArgumentParser
import Collector
import CommandOptions
import Foundation

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
        let started = Date()
        let (lines, failures) = try collector.extractPages(inFolder: folder)
        let seconds = Date().timeIntervalSince(started)
        for failure in failures { printError("digest: \(failure)") }
        try AtomicWrite.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: output)
        let perPage = lines.isEmpty ? 0 : seconds * 1000 / Double(lines.count)
        printError(
            "extracted \(lines.count) pages to \(output) in \(String(format: "%.3f", seconds)) s "
                + "(\(String(format: "%.2f", perPage)) ms/page)")
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
