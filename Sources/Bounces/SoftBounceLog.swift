import Foundation
import NewsValues
import Storage

/// The soft bounces counted for each address of a list, beside it as
/// `Subscribers/<list>.soft-bounces`: one line per address and occasion, tab-separated.
///
/// ```
/// # soft bounces counted by `digest bounces import`: address, occasion, status, day
/// lan@example.com	issue decoding-asia/2026-W46	4.2.2	2026-11-23
/// lan@example.com	issue decoding-asia/2026-W47	4.4.7	2026-11-30
/// ```
///
/// An occasion is the issue the bounced copy belonged to, or the day of the report when it cannot
/// be tied to an issue; an address is counted once per occasion, however many reports say the
/// same (a `delayed` notice, then the `failed` one, or the same mailbox imported twice). Lines
/// that cannot be read are kept as they are and reported.
public struct SoftBounceLog: Sendable {
    /// One counted soft bounce.
    public struct Entry: Sendable, Equatable {
        /// The address, as the list spells it.
        public var address: String
        /// `issue <theme>/<week>` or `day <yyyy-mm-dd>`.
        public var occasion: String
        /// The status reported, like `4.2.2`.
        public var status: String
        /// The day of the report, `yyyy-mm-dd` (UTC).
        public var day: String
    }

    /// The lines that could not be read, each with its line number and reason.
    public private(set) var problems: [BouncesError] = []
    /// Every entry read or recorded, in file order.
    public private(set) var entries: [Entry] = []
    /// Whether something was recorded since reading.
    public private(set) var hasChanges = false

    /// Every line as it will be written back (the read ones unchanged).
    private var lines: [String] = []
    /// The occasions recorded for each lower-cased address, with the day of each (the latest).
    private var occasions: [String: [String: Date]] = [:]

    /// The soft-bounce file of the list at `list`: `<list without .csv>.soft-bounces`.
    public static func file(forList list: URL) -> URL {
        list.deletingPathExtension().appendingPathExtension("soft-bounces")
    }

    /// An empty log.
    public init() {}

    /// Reads a log from its text; `file` names it in problems.
    public init(text: String, file: String? = nil) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if index > 0 || !line.isEmpty { lines.append(line) }
            if line.trimmingSpaces().isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4, fields[0].contains("@"), !fields[1].isEmpty,
                ISO8601.noon(ofDay: fields[3]) != nil
            else {
                problems.append(
                    BouncesError(
                        .unreadableFile,
                        "line \(index + 1): expected address, occasion, status and day (yyyy-mm-dd), separated by tabs",
                        path: file))
                continue
            }
            let entry = Entry(address: fields[0], occasion: fields[1], status: fields[2], day: fields[3])
            entries.append(entry)
            note(entry)
        }
        if lines.last == "" { lines.removeLast() }
    }

    /// Reads the log at `url`; a missing file is an empty log.
    ///
    /// - Throws: `.unreadableFile` when the file exists but cannot be read as UTF-8 text.
    public static func load(from url: URL) throws(BouncesError) -> SoftBounceLog {
        guard FileManager.default.fileExists(atPath: url.path) else { return SoftBounceLog() }
        do {
            return SoftBounceLog(text: try String(contentsOf: url, encoding: .utf8), file: url.path)
        } catch {
            throw BouncesError(
                .unreadableFile, "cannot read the soft-bounce file (\(error.localizedDescription))", path: url.path,
                underlying: error)
        }
    }

    /// Records a soft bounce of `address` on `occasion`; returns false when that address already
    /// has one on that occasion (nothing is recorded then).
    @discardableResult
    public mutating func record(address: String, occasion: String, status: String, date: Date) -> Bool {
        guard occasions[address.lowercased()]?[occasion] == nil else { return false }
        if lines.isEmpty {
            lines.append("# soft bounces counted by `digest bounces import`: address, occasion, status, day")
        }
        let clean = { (text: String) in
            String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
        }
        let entry = Entry(
            address: clean(address), occasion: clean(occasion), status: clean(status.isEmpty ? "-" : status),
            day: ISO8601.day(date))
        entries.append(entry)
        note(entry)
        lines.append([entry.address, entry.occasion, entry.status, entry.day].joined(separator: "\t"))
        hasChanges = true
        return true
    }

    /// How many occasions count for `address` now: those whose day is within `window` of its
    /// latest one (a run of soft bounces that stopped long ago has gone stale).
    public func count(for address: String, window: TimeInterval) -> Int {
        guard let mine = occasions[address.lowercased()], let latest = mine.values.max() else { return 0 }
        return mine.values.filter { latest.timeIntervalSince($0) <= window }.count
    }

    /// Adds an entry to `occasions` (an occasion's day is its latest report's).
    private mutating func note(_ entry: Entry) {
        guard let day = ISO8601.noon(ofDay: entry.day) else { return }
        let key = entry.address.lowercased()
        occasions[key, default: [:]][entry.occasion] = max(day, occasions[key]?[entry.occasion] ?? day)
    }

    /// The file's text: the lines as read, then those recorded, each ending in a line break.
    public var text: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Writes the log to `url` atomically (temporary file, fsync, rename).
    public func save(to url: URL) throws(BouncesError) {
        do {
            try AtomicFile.replaceContents(
                of: url, with: Array(text.utf8), temporaryPrefix: AtomicFile.temporaryPrefix(for: url))
        } catch {
            throw BouncesError(
                .writeFailed, "could not save the soft-bounce file: \(error)", path: url.path, underlying: error)
        }
    }
}
