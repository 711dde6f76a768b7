import ArgumentParser
import Collector
import CommandOptions
import Foundation
import Summarizer

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Print the key sentences of an article, summarise a JSONL batch, or show the sentence split.",
        discussion: """
            digest summarize FILE [--sentences N | --words N] [--algorithm A]
            digest summarize --batch IN.jsonl --output OUT.jsonl [--sentences N] [--jobs N]
                ({"id","text"[,"title"]} in, {"id","summary"} out, one sentence per line, input order)
            digest summarize --split FILE          (the segmenter's sentences, one a line)
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An article file (.txt, .md, .html).")
    var source: String?

    @Option(help: "How many sentences to keep.")
    var sentences = 3

    @Option(help: "Keep at most this many words instead of a number of sentences.")
    var words: Int?

    @Option(help: "The sentence scorer: \(SummarizerAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm = SummarizerAlgorithm.best

    @Option(help: ArgumentHelp("Summarise every {\"id\",\"text\"} line of this JSONL file.", valueName: "in.jsonl"))
    var batch: String?

    @Option(help: ArgumentHelp("Where --batch writes its JSONL.", valueName: "out.jsonl"))
    var output: String?

    @Option(help: ArgumentHelp("Threads for --batch (default: every core).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Print the sentences of this file, one a line.", valueName: "file"))
    var split: String?

    func validate() throws {
        guard sentences > 0 else { throw ValidationError("--sentences must be at least 1") }
        if let words, words < 1 { throw ValidationError("--words must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        let modes = [source != nil, batch != nil, split != nil].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give one of: a file, --batch IN.jsonl, --split FILE") }
        if batch != nil && output == nil { throw ValidationError("--batch needs --output OUT.jsonl") }
        if output != nil && batch == nil { throw ValidationError("--output goes with --batch") }
    }

    private var budget: SummaryBudget { words.map(SummaryBudget.words) ?? .sentences(sentences) }

    func run() throws {
        let summarizer = Summarizer(algorithm: algorithm)
        let collector = Collector(store: global.newsletter.articles)
        if let split {
            for sentence in summarizer.segmenter.sentences(in: try collector.readText(split)) {
                print(printable(sentence))
            }
        } else if let batch, let output {
            let articles = try SummaryBatch(contentsOf: batch)
            let outcome = articles.summarize(by: summarizer, budget: budget, jobs: jobs)
            try AtomicWrite.write(try articles.jsonLines(summaries: outcome.summaries), to: output)
            printError(outcome.report(output: output))
        } else if let source {
            if source.hasPrefix("http://") || source.hasPrefix("https://") {
                throw CommandFailure("\(source): summarize reads saved pages and files; collect or save the page first")
            }
            let input = try collector.readForSummary(source)
            let summary = summarizer.summarize(
                input.text, title: input.title, standfirst: input.standfirst, budget: budget)
            for sentence in summary { print(printable(sentence)) }
        }
    }
}

/// `--algorithm` values, by their names; the conformance is the command line's, so Summarizer needs no ArgumentParser.
extension SummarizerAlgorithm: ExpressibleByArgument {}
