import Foundation
import Storage

/// What importing a CSV file into a list did, row by row.
public struct ImportReport: Sendable {
    /// A good row whose address was already on the list: left as it is on the list.
    public struct Skipped: Sendable, Equatable {
        /// The row's line in the imported file.
        public var line: Int
        /// The address it holds.
        public var email: EmailAddress
    }

    /// The addresses of the subscribers added to the list, in file order.
    public var added: [EmailAddress] = []
    /// Good rows whose address the list already had.
    public var alreadyOnList: [Skipped] = []
    /// How many of the added subscribers are suppressed, so will not be mailed.
    public var suppressed = 0
    /// The rows that could not be imported, each with its line and reason.
    public var problems: [SubscribersError] = []
    /// Columns of the imported file that the list did not have, added to it.
    public var newColumns: [String] = []

    /// Creates an empty report.
    public init() {}
}

extension SubscriberList {
    /// Adds the subscribers of a CSV file (the bytes of `file`) to the list and reports on each row.
    ///
    /// The file needs a header row with an `email` column; the other standard columns are
    /// optional and further columns are added to the list as personalisation fields. Every good row
    /// whose address is not on the list yet is added; a row that is malformed, holds a bad address
    /// or value, or repeats an address of an earlier row (the domain's case does not count) is
    /// reported with its line and left out; a row whose address is already on the list leaves the
    /// subscriber there unchanged, so an import never re-subscribes someone who left.
    ///
    /// - Parameters:
    ///   - bytes: the CSV file's contents.
    ///   - file: the file's name, for the problems.
    ///   - addedAt: the date for rows with an empty `added_at`.
    ///   - source: the source for rows with an empty `source`.
    /// - Throws: `SubscribersError` when the file is empty or its header is unusable (nothing is
    ///   added then).
    public mutating func importSubscribers(
        csv bytes: [UInt8], file: String? = nil, addedAt: Date, source: String
    ) throws(SubscribersError) -> ImportReport {
        // A file saved as UTF-16 ("Unicode text" from a spreadsheet) is read as the UTF-8 it stands for.
        guard let bytes = TextBytes.utf8(bytes) else {
            throw SubscribersError(
                .invalidHeader, "the file starts with a UTF-16 byte-order mark but is not valid UTF-16", file: file)
        }
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if isBlank || bytes == [0xEF, 0xBB, 0xBF] {
            throw SubscribersError(
                .invalidHeader, "the file is empty; it needs a header row with an 'email' column", file: file)
        }
        let incoming = try SubscriberList(csv: bytes, file: file, keepingOriginals: false)
        var report = ImportReport()
        report.problems = incoming.problems

        // The list's spelling of each column, by its lower-cased name.
        var spelling: [String: String] = [:]
        for column in columns { spelling[Self.key(column)] = column }

        reserveCapacity(count + incoming.count)
        incoming.forEachSubscriber { subscriber in
            var subscriber = subscriber
            if self.subscriber(subscriber.email) != nil {
                report.alreadyOnList.append(ImportReport.Skipped(line: subscriber.line ?? 0, email: subscriber.email))
                return
            }
            for index in subscriber.extraFields.indices {
                let name = subscriber.extraFields[index].name
                if let listName = spelling[Self.key(name)] {
                    subscriber.extraFields[index].name = listName
                } else {
                    addColumn(name)
                    spelling[Self.key(name)] = name
                    report.newColumns.append(name)
                }
            }
            if subscriber.addedAt == nil { subscriber.addedAt = addedAt }
            if subscriber.source.isEmpty { subscriber.source = source }
            // Read from the file, so its values passed the same checks `add` makes.
            appendChecked(subscriber)
            if subscriber.status == .active && isSuppressed(subscriber.email) { report.suppressed += 1 }
            report.added.append(subscriber.email)
        }
        report.problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return report
    }

    private static func key(_ column: String) -> String {
        column.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
