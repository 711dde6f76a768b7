import Foundation
import Storage

/// A subscriber list: one CSV file under `Subscribers/`, with a header row
/// `email,name,sections,status,added_at,source` and any further columns the editor adds.
///
/// Loading never gives up on the whole file for one bad row: each row that cannot be used (a bad
/// address, malformed CSV, the wrong number of fields, invalid UTF-8, a duplicate address) is
/// reported in `problems` with its line and reason, and every good row is kept. Rows that could not
/// be used are also kept, byte for byte, and written back on save, so saving a list never loses a
/// line the editor has yet to fix; unchanged subscribers are written back as they were read too.
public struct SubscriberList: Sendable {
    /// The columns `digest` knows, in the order a new list has them.
    public static let standardColumns = ["email", "name", "sections", "status", "added_at", "source"]

    /// The column names of the header row, in file order (the standard ones plus any extras).
    public private(set) var columns: [String]
    /// The file the list was read from, if it was.
    public internal(set) var file: URL?
    /// The rows that could not be used, each with its line and reason (rows of the suppression
    /// file included, named by their own file).
    public internal(set) var problems: [SubscribersError]
    /// The addresses that are never mailed, whatever their status: read by `load(from:)` from the
    /// list's `.suppressed` file (see `SuppressionList`); empty for a list read from bytes.
    public internal(set) var suppression = SuppressionList()

    private enum Row: Sendable {
        /// A subscriber, with the bytes and value it was read as, to write it back unchanged.
        case subscriber(Subscriber, original: (raw: [UInt8], value: Subscriber)?)
        /// A line kept exactly as it was: a bad row or a blank line.
        case verbatim([UInt8])
    }

    private var rows: [Row] = []
    /// Position in `rows` of each address.
    private var positions: [EmailAddress: Int] = [:]
    /// The header as read, and whether `columns` still matches it.
    private var originalHeader: [UInt8]?
    private var readColumns: [String] = []
    private var lineBreak = "\n"
    private var byteOrderMark = false
    /// Bumped by every change to the rows or columns, and to the suppression list, so `edit` knows
    /// what it has to write.
    private(set) var rowChanges = 0
    private(set) var suppressionChanges = 0

    /// An empty list with the standard columns.
    public init() {
        columns = Self.standardColumns
        readColumns = columns
        problems = []
    }

    /// Reads the list at `url`, with its suppression file and the changes of its journal (`ChangeJournal`) applied.
    ///
    /// - Throws: `SubscribersError` when the file cannot be read or its header row is unusable;
    ///   problems with single rows are reported in `problems` instead.
    public static func load(from url: URL) throws(SubscribersError) -> SubscriberList {
        // The journal first: a fold between the two reads then only applies changes the file already has.
        let changes = try ChangeJournal.read(forList: url)
        var list = try loadRecord(from: url)
        list.apply(changes)
        return list
    }

    /// Reads the list at `url` and its suppression file as they are on disk, without the journal's changes.
    static func loadRecord(from url: URL) throws(SubscribersError) -> SubscriberList {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason: String
            if !FileManager.default.fileExists(atPath: url.path) {
                reason = "no such file"
            } else {
                reason = "cannot be read (\(error.localizedDescription))"
            }
            throw SubscribersError(.unreadable, reason, file: url.path, underlying: error)
        }
        var list = try SubscriberList(csv: [UInt8](data), file: url.path)
        list.file = url
        list.suppression = try SuppressionList.load(from: SuppressionList.file(forList: url))
        list.problems += list.suppression.problems
        return list
    }

    /// Reads a list from the bytes of a CSV file; `file` names it in problems and errors.
    public init(csv bytes: [UInt8], file: String? = nil) throws(SubscribersError) {
        try self.init(csv: bytes, file: file, keepingOriginals: true)
    }

    /// Reads a list; without `keepingOriginals` the rows' bytes are not kept (less memory, for a
    /// list that is only read, like a file being imported).
    init(csv bytes: [UInt8], file: String?, keepingOriginals: Bool) throws(SubscribersError) {
        self.init()
        if let mark = TextBytes.mark(bytes), mark != .utf8 { throw Self.utf16Error(mark, file: file) }
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            byteOrderMark = true
            bytes = bytes.dropFirst(3)
        }
        let contents = Array(bytes)
        var records = CSVReader().records(in: contents)
        guard let headerRow = records.next() else { return }
        let estimate = contents.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } }
        rows.reserveCapacity(estimate)
        positions.reserveCapacity(estimate)
        let header = try Header(headerRow, file: file)
        columns = header.columns
        readColumns = header.fields
        originalHeader = headerRow.raw
        lineBreak = headerRow.lineBreak == Array("\r\n".utf8) ? "\r\n" : "\n"

        while let csvRow = records.next() {
            switch header.read(csvRow, file: file) {
            case nil:
                rows.append(.verbatim([]))
            case .failure(let problem):
                problems.append(problem)
                rows.append(.verbatim(csvRow.raw))
            case .success(var subscriber):
                if let earlier = positions[subscriber.email], case .subscriber(let first, _) = rows[earlier] {
                    problems.append(.duplicate(subscriber.email, firstLine: first.line, file: file, line: csvRow.line))
                    rows.append(.verbatim(csvRow.raw))
                    continue
                }
                subscriber.line = csvRow.line
                positions[subscriber.email] = rows.count
                rows.append(.subscriber(subscriber, original: keepingOriginals ? (csvRow.raw, subscriber) : nil))
            }
        }
    }

    /// A list's header row, checked, and how to read the rows under it.
    struct Header {
        /// The header's fields as written.
        let fields: [String]
        /// The standard column each field stands for; nil for an extra column.
        let keys: [String?]

        /// Checks a header row: readable, an `email` column, no standard column twice.
        init(_ header: CSVRow, file: String?) throws(SubscribersError) {
            if let problem = header.problem {
                throw SubscribersError(.invalidHeader, "the header row is unreadable: \(problem)", file: file, line: 1)
            }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let known = names.compactMap(SubscriberList.column(named:))
            if let twice = known.first(where: { name in known.filter { $0 == name }.count > 1 }) {
                throw SubscribersError(
                    .invalidHeader, "the header names the column '\(twice)' twice", file: file, line: 1)
            }
            // An extra column named twice would give a subscriber two fields the list keeps one column for: the
            // second value would be lost when the list is saved.
            var seen = Set<String>()
            if let twice = names.first(where: { SubscriberList.column(named: $0) == nil && !seen.insert($0).inserted })
            {
                let message =
                    twice.isEmpty
                    ? "the header has \(names.filter(\.isEmpty).count) columns without a name; name them or remove them"
                    : "the header names the column '\(EmailAddress.printable(twice))' twice"
                throw SubscribersError(.invalidHeader, message, file: file, line: 1)
            }
            guard names.contains("email") else {
                throw SubscribersError(
                    .invalidHeader,
                    "the header row has no 'email' column (expected \(SubscriberList.standardColumns.joined(separator: ",")))",
                    file: file, line: 1)
            }
            fields = header.fields
            keys = names.map(SubscriberList.column(named:))
        }

        /// The columns a list with this header has: its own, then the standard ones it lacks.
        var columns: [String] {
            var columns = fields
            for standard in SubscriberList.standardColumns where !keys.contains(standard) {
                columns.append(standard)
            }
            return columns
        }

        /// The subscriber in one row under this header, the reason it cannot be used, or nil for
        /// a blank line. Duplicates are for the caller to find.
        func read(_ csvRow: CSVRow, file: String?) -> Result<Subscriber, SubscribersError>? {
            func problem(_ code: SubscribersError.Code, _ reason: String) -> Result<Subscriber, SubscribersError> {
                .failure(SubscribersError(code, reason, file: file, line: csvRow.line))
            }
            if csvRow.isBlank { return nil }
            if let csvProblem = csvRow.problem {
                return problem(.malformedRow, csvProblem.description)
            }
            if csvRow.fields.count != fields.count {
                let count = csvRow.fields.count == 1 ? "1 field" : "\(csvRow.fields.count) fields"
                let more = csvRow.fields.count > fields.count ? "too many fields" : "too few fields"
                return problem(.malformedRow, "\(more): the row has \(count), the header has \(fields.count)")
            }
            do {
                var subscriber = try SubscriberList.subscriber(fields: csvRow.fields, keys: keys, header: fields)
                subscriber.line = csvRow.line
                return .success(subscriber)
            } catch {
                return problem(error.code, error.reason)
            }
        }
    }

    /// Every subscriber, in file order.
    public var subscribers: [Subscriber] {
        rows.compactMap { row in
            if case .subscriber(let subscriber, _) = row { return subscriber }
            return nil
        }
    }

    /// Calls `body` with every subscriber in file order, without copying them into an array.
    func forEachSubscriber(_ body: (Subscriber) throws -> Void) rethrows {
        for row in rows {
            if case .subscriber(let subscriber, _) = row { try body(subscriber) }
        }
    }

    /// The subscribers who receive mail, in file order: status `active` and not suppressed.
    public var activeRecipients: [Subscriber] {
        subscribers.filter { $0.status == .active && !suppression.contains($0.email) }
    }

    /// Whether mail to `email` is suppressed (see `suppression`).
    public func isSuppressed(_ email: EmailAddress) -> Bool {
        suppression.contains(email)
    }

    /// Adds `email` to the suppression list, with a note saying why; returns false when it already
    /// was suppressed. `edit` saves the suppression file beside the list.
    @discardableResult
    public mutating func suppress(_ email: EmailAddress, note: String = "") -> Bool {
        guard suppression.add(email, note: note) else { return false }
        suppressionChanges += 1
        return true
    }

    /// Adds a column at the end of the header (a personalisation field); nothing happens when a
    /// column of that name is already there. Existing subscribers get an empty value in it.
    public mutating func addColumn(_ name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard !columns.contains(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == key }) else {
            return
        }
        columns.append(name)
        rowChanges += 1
    }

    /// How many subscribers the list holds.
    public var count: Int { positions.count }

    /// The subscriber with this address (the domain's case does not matter), if there is one.
    public func subscriber(_ email: EmailAddress) -> Subscriber? {
        guard let position = positions[email], case .subscriber(let subscriber, _) = rows[position] else { return nil }
        return subscriber
    }

    /// The subscriber with `email` on the list in `url`; the list's rows that cannot be used go to `problem`.
    ///
    /// - Throws: `SubscribersError` `.notFound`, `<list file>: <email> is not on the list`, and what
    ///   ``load(from:)`` throws.
    public static func subscriber(
        _ email: EmailAddress, inListAt url: URL, problem: (SubscribersError) -> Void = { _ in }
    ) throws(SubscribersError) -> Subscriber {
        let list = try load(from: url)
        list.problems.forEach(problem)
        guard let found = list.subscriber(email) else {
            throw SubscribersError(.notFound, "\(email) is not on the list", file: url.path)
        }
        return found
    }

    /// Adds a subscriber at the end.
    ///
    /// - Throws: `.duplicateAddress` when the address is already on the list, `.invalidField` when
    ///   a value cannot be stored (a line break in the name, a `;` inside a section id).
    public mutating func add(_ subscriber: Subscriber) throws(SubscribersError) {
        if positions[subscriber.email] != nil {
            throw SubscribersError(.duplicateAddress, "\(subscriber.email) is already on the list", file: file?.path)
        }
        try check(subscriber)
        appendChecked(subscriber)
    }

    /// Appends a subscriber whose values passed `check` and whose address is not on the list yet.
    mutating func appendChecked(_ subscriber: Subscriber) {
        var subscriber = subscriber
        subscriber.line = nil
        positions[subscriber.email] = rows.count
        rows.append(.subscriber(subscriber, original: nil))
        rowChanges += 1
    }

    /// Changes the subscriber with this address.
    ///
    /// - Throws: `.notFound`, or the errors of `add(_:)` when the changed value is refused (the list
    ///   is then left as it was).
    public mutating func update(
        _ email: EmailAddress, _ change: (inout Subscriber) throws -> Void
    ) throws -> Subscriber {
        guard let position = positions[email], case .subscriber(var subscriber, let original) = rows[position] else {
            throw SubscribersError(.notFound, "\(email) is not on the list", file: file?.path)
        }
        try change(&subscriber)
        if subscriber.email != email, positions[subscriber.email] != nil {
            throw SubscribersError(.duplicateAddress, "\(subscriber.email) is already on the list", file: file?.path)
        }
        try check(subscriber)
        positions[email] = nil
        positions[subscriber.email] = position
        rows[position] = .subscriber(subscriber, original: original)
        rowChanges += 1
        return subscriber
    }

    /// Makes room for `count` subscribers, so adding many does not re-hash the index again and again.
    mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
        positions.reserveCapacity(count)
    }

    /// Takes the subscriber with this address off the list; returns them, or nil if not there.
    @discardableResult
    public mutating func remove(_ email: EmailAddress) -> Subscriber? {
        guard let position = positions[email], case .subscriber(let subscriber, _) = rows[position] else { return nil }
        rows.remove(at: position)
        positions = [:]
        for (index, row) in rows.enumerated() {
            if case .subscriber(let other, _) = row { positions[other.email] = index }
        }
        rowChanges += 1
        return subscriber
    }

    /// Drops the rows that could not be used (reported in `problems`) and blank lines, so a save
    /// no longer writes them back.
    public mutating func discardUnusableRows() {
        rows.removeAll { row in
            if case .verbatim = row { return true }
            return false
        }
        positions = [:]
        for (index, row) in rows.enumerated() {
            if case .subscriber(let subscriber, _) = row { positions[subscriber.email] = index }
        }
        problems = []
        rowChanges += 1
    }

    /// The list as CSV bytes: the header, then every row in order, each ending in the file's line
    /// break (LF for a new list). Rows unchanged since reading are written exactly as they were read.
    public func csvBytes() -> [UInt8] {
        csvBytes(including: nil)
    }

    /// The list as CSV bytes with only the subscribers `isIncluded` accepts, and without the rows
    /// that could not be used or blank lines: what `digest subscribers export` writes. Rows
    /// unchanged since reading are written exactly as they were read.
    public func csvBytes(where isIncluded: (Subscriber) -> Bool) -> [UInt8] {
        withoutActuallyEscaping(isIncluded) { csvBytes(including: $0) }
    }

    private func csvBytes(including isIncluded: ((Subscriber) -> Bool)?) -> [UInt8] {
        var output: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        let writer = CSVWriter(lineBreak: lineBreak)
        let sameColumns = columns == readColumns
        let keys = columns.map { Self.column(named: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
        if sameColumns, let originalHeader {
            output += originalHeader
        } else {
            output += Array(writer.encode(record: columns).utf8)
        }
        let lineBreakBytes = Array(lineBreak.utf8)
        output += lineBreakBytes
        output.reserveCapacity(output.count + rows.count * 80)
        for row in rows {
            switch row {
            case .verbatim(let raw):
                if isIncluded != nil { continue }
                output += raw
                output += lineBreakBytes
            case .subscriber(let subscriber, let original):
                if let isIncluded, !isIncluded(subscriber) { continue }
                if sameColumns, let original, original.value == subscriber {
                    output += original.raw
                    output += lineBreakBytes
                } else {
                    writer.append(record: fields(of: subscriber, keys: keys), to: &output)
                }
            }
        }
        return output
    }

    /// Writes the list to `url` atomically: a crash or a failed write leaves the old file as it was.
    public func save(to url: URL) throws(SubscribersError) {
        do {
            try AtomicFile.replaceContents(
                of: url, with: csvBytes(), temporaryPrefix: AtomicFile.temporaryPrefix(for: url))
        } catch {
            throw SubscribersError(.writeFailed, "could not save the list: \(error)", file: url.path, underlying: error)
        }
    }
}

/// `text` without the spaces and tabs around it; fast when there are none, as in almost every field.
func trimmed<Text: StringProtocol>(_ text: Text) -> String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.first, let last = text.last, blank(first) || blank(last) else { return String(text) }
    return String(text.drop(while: blank).reversed().drop(while: blank).reversed())
}
