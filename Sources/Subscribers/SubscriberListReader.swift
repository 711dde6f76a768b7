import Foundation
import Storage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A subscriber list file read one row at a time, in constant memory however long the list:
/// what `send` uses, where `SubscriberList` would hold every row.
///
/// It gives the rows `SubscriberList.load(from:)` reads, in order, with the same problems for the
/// rows it cannot use, except that it does not look for duplicate addresses: that needs every
/// address seen so far, which the caller keeps in the most compact form it has (see
/// `firstLine(of:)` for the report). The file is opened once, so reading it again with
/// `rewind()` reads the same rows even if the list was saved anew meanwhile.
///
/// The list's change journal (`ChangeJournal`) is read once, before the file is opened, and applied
/// to every row as `SubscriberList.load(from:)` applies it: a reader who asked to unsubscribe reads
/// as unsubscribed, and an address the journal names that is not on the list is no recipient anyway.
///
/// Not `Sendable`: it owns a file descriptor and a read position.
public final class SubscriberListReader {
    /// One row of the list.
    public enum Row {
        /// A subscriber the row describes.
        case subscriber(Subscriber)
        /// Why the row cannot be used.
        case problem(SubscribersError)
    }

    /// The list file.
    public let url: URL
    /// Its path, for problems: `URL.path` costs more than reading a row.
    private let path: String
    /// The list's suppression file, read whole (it is short, and every row is checked against it).
    public let suppression: SuppressionList
    private let descriptor: Int32
    private let header: SubscriberList.Header?
    /// Where the first row after the header starts, and its line number.
    private let dataOffset: Int
    private let dataLine: Int
    private var records: CSVFileRecords
    /// The addresses the journal unsubscribes.
    private let unsubscribed: Set<EmailAddress>

    /// Opens the list at `url` and reads its header row and its suppression file.
    ///
    /// - Throws: `SubscribersError` as `SubscriberList.load(from:)` does: `.unreadable` when the
    ///   file cannot be read, `.invalidHeader` when its header row is unusable.
    public init(url: URL) throws(SubscribersError) {
        self.url = url
        path = url.path
        // The journal first: a fold between the two reads then only applies changes the file already has.
        unsubscribed = Set(try ChangeJournal.read(forList: url).filter { $0.kind == .unsubscribe }.map(\.email))
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "no such file" : "cannot be read (\(String(cString: strerror(errno))))"
            throw SubscribersError(.unreadable, reason, file: path)
        }
        self.descriptor = descriptor
        var mark = [UInt8](repeating: 0, count: 3)
        let count = mark.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 3, 0) }
        if let found = TextBytes.mark(mark.prefix(max(count, 0))), found != .utf8 {
            close(descriptor)
            throw SubscriberList.utf16Error(found, file: path)
        }
        do {
            let start = count == 3 && mark == [0xEF, 0xBB, 0xBF] ? 3 : 0
            var records = CSVFileRecords(descriptor: descriptor, path: path, offset: start)
            if let headerRow = try records.next() {
                header = try SubscriberList.Header(headerRow, file: path)
            } else {
                header = nil
            }
            dataOffset = records.offset
            dataLine = records.line
            self.records = records
            suppression = try SuppressionList.load(from: SuppressionList.file(forList: url))
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    /// The next row that is not blank, or nil after the last.
    ///
    /// - Throws: `SubscribersError` (`.unreadable`) when the file cannot be read on.
    public func next() throws(SubscribersError) -> Row? {
        guard let header else { return nil }
        while let csvRow = try records.next() {
            switch header.read(csvRow, file: path) {
            case nil: continue
            case .success(var subscriber):
                if subscriber.status == .active, !unsubscribed.isEmpty, unsubscribed.contains(subscriber.email) {
                    subscriber.status = .unsubscribed
                }
                return .subscriber(subscriber)
            case .failure(let problem): return .problem(problem)
            }
        }
        return nil
    }

    /// Starts again at the first row.
    public func rewind() {
        records = CSVFileRecords(descriptor: descriptor, path: path, offset: dataOffset, line: dataLine)
    }

    /// Whether `subscriber` is mailed: active and not suppressed.
    public func isRecipient(_ subscriber: Subscriber) -> Bool {
        subscriber.status == .active && !suppression.contains(subscriber.email)
    }

    /// The line of the first usable row with `email`, for reporting a duplicate of it: a pass over
    /// the file, which is fine for the rare duplicate.
    public func firstLine(of email: EmailAddress) -> Int? {
        guard let header else { return nil }
        var scan = CSVFileRecords(descriptor: descriptor, path: path, offset: dataOffset, line: dataLine)
        while let csvRow = try? scan.next() {
            if case .success(let subscriber) = header.read(csvRow, file: nil), subscriber.email == email {
                return csvRow.line
            }
        }
        return nil
    }
}

extension SubscriberList {
    /// A list saved as UTF-16 is not read in place (its rows are edited where they stand, as UTF-8 bytes).
    static func utf16Error(_ mark: TextBytes.Mark, file: String?) -> SubscribersError {
        SubscribersError(
            .invalidHeader,
            "the list is saved as \(mark.rawValue); save it as UTF-8, or import it into a list with "
                + "`digest subscribers import`, which reads UTF-16", file: file)
    }
}
