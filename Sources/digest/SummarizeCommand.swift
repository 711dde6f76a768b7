import ArgumentParser
import Collector
import Foundation
import Storage
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

    /// `--algorithm` values; a local type, so the library's enum needs no ArgumentParser conformance.
    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case lead, centroid, lexrank, textrank, pacsum

        var summarizerAlgorithm: SummarizerAlgorithm {
            switch self {
            case .lead: .lead
            case .centroid: .centroid
            case .lexrank: .lexrank
            case .textrank: .textrank
            case .pacsum: .pacsum
            }
        }
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An article file (.txt, .md, .html).")
    var source: String?

    @Option(help: "How many sentences to keep.")
    var sentences = 3

    @Option(help: "Keep at most this many words instead of a number of sentences.")
    var words: Int?

    @Option(help: "The sentence scorer: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm = Algorithm(rawValue: SummarizerAlgorithm.best.rawValue) ?? .pacsum

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
        let summarizer = Summarizer(algorithm: algorithm.summarizerAlgorithm)
        if let split {
            let text = try readText(split)
            for sentence in summarizer.segmenter.sentences(in: text) { print(printable(sentence)) }
        } else if let batch, let output {
            try summarizeBatch(batch, output: output, summarizer: summarizer)
        } else if let source {
            if source.hasPrefix("http://") || source.hasPrefix("https://") {
                throw CommandFailure("\(source): summarize reads saved pages and files; collect or save the page first")
            }
            let summary: [String]
            do {
                let article = try Collector(store: global.newsletter.articles)
                    .readFile(URL(fileURLWithPath: source), displayName: source)
                summary = summarizer.summarize(
                    article.paragraphs.joined(separator: "\n"), title: article.title, standfirst: article.standfirst,
                    budget: budget)
            } catch let error where !Self.isPage(source) {
                // A plain text the article reader finds no headline in (one line, no title):
                // summarise the text as it is.
                let text = try readText(source)
                guard !text.allSatisfy(\.isWhitespace) else { throw error }
                summary = summarizer.summarize(text, budget: budget)
            }
            for sentence in summary { print(printable(sentence)) }
        }
    }

    private static func isPage(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml")
    }

    /// The most a single file may hold: 20 MB, as `collect` and `extract` (`Collector.maxBytes`).
    static let maximumFileBytes = 20 << 20

    private func readText(_ path: String) throws -> String {
        // Checked before reading: a multi-gigabyte file would otherwise be read whole into memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
            size > Self.maximumFileBytes
        {
            throw CommandFailure(
                "\(path): the file is \(size / 1_048_576) MB, over the \(Self.maximumFileBytes / 1_048_576) MB limit")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): cannot read the file")
        }
        // A byte-order mark is dropped, UTF-16 with one converted (as `collect` reads a .txt).
        guard let bytes = TextBytes.utf8([UInt8](data)), let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("\(path): text is not valid UTF-8 (nor UTF-16 with a byte-order mark)")
        }
        return text
    }

    private struct Input: Decodable {
        var id: String
        var text: String
        var title: String?

        enum CodingKeys: String, CodingKey { case id, text, title }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // Ids may be numbers in other people's files.
            if let number = try? container.decode(Int.self, forKey: .id) {
                id = String(number)
            } else {
                id = try container.decode(String.self, forKey: .id)
            }
            text = try container.decode(String.self, forKey: .text)
            title = try container.decodeIfPresent(String.self, forKey: .title)
        }
    }

    private struct Output: Encodable {
        var id: String
        var summary: String
    }

    private func summarizeBatch(_ path: String, output: String, summarizer: Summarizer) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): cannot read the file")
        }
        var inputs: [Input] = []
        let decoder = JSONDecoder()
        // Lines as bytes: JSON needs no Unicode-aware splitting, and a batch may be large. (An
        // array, not `Data`: reading `Data` byte by byte costs an exclusivity check a byte.)
        for (number, line) in [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            do {
                inputs.append(try decoder.decode(Input.self, from: Data(line)))
            } catch {
                throw CommandFailure("\(path):\(number + 1): not an {\"id\", \"text\"} JSON line")
            }
        }
        // Articles are independent: summarise them on every core (or --jobs threads), keep input order.
        let articles = inputs
        let results = ResultSlots(count: inputs.count)
        let budget = self.budget
        let threads = min(max(jobs ?? ProcessInfo.processInfo.activeProcessorCount, 1), max(inputs.count, 1))
        let next = Counter()
        let clock = ContinuousClock()
        let started = clock.now
        let work: @Sendable () -> Void = {
            while let index = next.take(below: articles.count) {
                let input = articles[index]
                let summary = summarizer.summarize(input.text, title: input.title, budget: budget)
                results.set(index, summary.joined(separator: "\n"))
            }
        }
        // Plain threads, one per core: Dispatch's pool may run them one after another when busy.
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<threads {
            Thread {
                work()
                finished.signal()
            }.start()
        }
        work()
        for _ in 1..<threads { finished.wait() }
        let elapsed = clock.now - started
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = Data()
        for (index, input) in inputs.enumerated() {
            lines.append(try encoder.encode(Output(id: input.id, summary: results.get(index))))
            lines.append(0x0A)
        }
        try AtomicWrite.write(lines, to: output)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let perArticle = inputs.isEmpty ? 0 : 1000 * seconds / Double(inputs.count)
        printError(
            "summarised \(inputs.count) articles to \(output) in \(String(format: "%.3f", seconds)) s "
                + "(\(String(format: "%.3f", perArticle)) ms/article, \(threads) thread\(threads == 1 ? "" : "s"))")
    }
}

/// Hands out indices 0, 1, 2, … to worker threads.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Slots filled from many threads, one index each.
private final class ResultSlots: @unchecked Sendable {
    private var values: [String]
    private let lock = NSLock()

    init(count: Int) {
        values = Array(repeating: "", count: count)
    }

    func set(_ index: Int, _ value: String) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
