import Foundation

/// Why a batch could not be summarised: a file that cannot be read, or a line that is not an article.
public struct SummarizerError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// The batch file cannot be read.
        case unreadable
        /// A line of the batch is not an `{"id", "text"}` JSON object.
        case malformedLine
    }

    /// What went wrong, to switch on.
    public let code: Code
    /// The line a user sees: the file (and line), then what went wrong.
    public let description: String

    /// Makes an error with the line a user sees.
    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}

/// A batch of articles to summarise, one `{"id","text"[,"title"]}` JSON object a line, summarised on
/// several threads and written out as `{"id","summary"}` lines in input order, a summary's sentences
/// one a line.
public struct SummaryBatch: Sendable {
    /// One article of the batch.
    public struct Item: Decodable, Sendable, Equatable {
        /// Its id, as given (a number is kept as its digits).
        public var id: String
        /// The article's text.
        public var text: String
        /// Its headline, if given.
        public var title: String?

        enum CodingKeys: String, CodingKey { case id, text, title }

        /// An item as given.
        public init(id: String, text: String, title: String? = nil) {
            self.id = id
            self.text = text
            self.title = title
        }

        public init(from decoder: any Decoder) throws {
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

    /// The articles, in input order.
    public var items: [Item]

    /// A batch of `items`.
    public init(items: [Item]) {
        self.items = items
    }

    /// Reads the JSONL at `path`; blank lines are passed over.
    ///
    /// - Throws: ``SummarizerError``: `.unreadable`, or `.malformedLine` naming the file and line (`path:3: …`).
    public init(contentsOf path: String) throws(SummarizerError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SummarizerError(.unreadable, "\(path): cannot read the file")
        }
        try self.init(jsonLines: data, source: path)
    }

    /// Reads JSONL; `source` names the input in errors.
    public init(jsonLines data: Data, source: String) throws(SummarizerError) {
        var items: [Item] = []
        let decoder = JSONDecoder()
        // Lines as bytes: JSON needs no Unicode-aware splitting, and a batch may be large. (An
        // array, not `Data`: reading `Data` byte by byte costs an exclusivity check a byte.)
        for (number, line) in [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            do {
                items.append(try decoder.decode(Item.self, from: Data(line)))
            } catch {
                throw SummarizerError(.malformedLine, "\(source):\(number + 1): not an {\"id\", \"text\"} JSON line")
            }
        }
        self.items = items
    }

    /// How many threads `summaries` uses for `jobs` requested (nil: every core): at least one, at most one an item.
    public func threads(jobs: Int?) -> Int {
        min(max(jobs ?? ProcessInfo.processInfo.activeProcessorCount, 1), max(items.count, 1))
    }

    /// Each item's summary, its sentences joined by newlines, in input order. Articles are independent:
    /// `threads` plain threads take them one at a time (Dispatch's pool may run its work one after another
    /// when busy).
    public func summaries(by summarizer: Summarizer, budget: SummaryBudget, threads: Int) -> [String] {
        let items = self.items
        let results = ResultSlots(count: items.count)
        let next = Counter()
        let work: @Sendable () -> Void = {
            while let index = next.take(below: items.count) {
                let item = items[index]
                results.set(index, summarizer.summarize(item.text, title: item.title, budget: budget))
            }
        }
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<max(threads, 1) {
            Thread {
                work()
                finished.signal()
            }.start()
        }
        work()
        for _ in 1..<max(threads, 1) { finished.wait() }
        return results.values
    }

    /// A batch summarised: the summaries in input order, the threads used and the seconds it took.
    public struct Outcome: Sendable, Equatable {
        /// Each item's summary, its sentences joined by newlines.
        public var summaries: [String]
        /// The threads that summarised.
        public var threads: Int
        /// Seconds spent summarising (reading and writing not counted).
        public var seconds: Double

        /// `summarised N articles to <output> in S s (M ms/article, T threads)`.
        public func report(output: String) -> String {
            let perArticle = summaries.isEmpty ? 0 : 1000 * seconds / Double(summaries.count)
            return "summarised \(summaries.count) articles to \(output) in \(String(format: "%.3f", seconds)) s "
                + "(\(String(format: "%.3f", perArticle)) ms/article, \(threads) thread\(threads == 1 ? "" : "s"))"
        }
    }

    /// Summarises every item on `threads(jobs:)` threads, timed.
    public func summarize(by summarizer: Summarizer, budget: SummaryBudget, jobs: Int?) -> Outcome {
        let threads = threads(jobs: jobs)
        let clock = ContinuousClock()
        let started = clock.now
        let summaries = summaries(by: summarizer, budget: budget, threads: threads)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Outcome(summaries: summaries, threads: threads, seconds: seconds)
    }

    /// The `{"id","summary"}` JSON lines of `summaries` (one per item, in order), keys sorted, slashes unescaped.
    public func jsonLines(summaries: [String]) throws -> Data {
        struct Output: Encodable {
            var id: String
            var summary: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = Data()
        for (item, summary) in zip(items, summaries) {
            lines.append(try encoder.encode(Output(id: item.id, summary: summary)))
            lines.append(0x0A)
        }
        return lines
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
    private var slots: [String]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: "", count: count)
    }

    func set(_ index: Int, _ sentences: [String]) {
        let value = sentences.joined(separator: "\n")
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [String] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
