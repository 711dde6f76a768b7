import Foundation
import NewsValues
import Storage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One change recorded in a list's journal.
public struct ListChange: Sendable, Equatable {
    /// What kind of change it is.
    public enum Kind: String, Sendable {
        /// The reader asked to stop: an active subscriber becomes unsubscribed; one who is not mailed anyway stays as
        /// they are; an address not on the list is suppressed, so a later import cannot bring it back.
        case unsubscribe
    }

    /// What kind of change it is.
    public var kind: Kind
    /// Whom it is about.
    public var email: EmailAddress
    /// When it was asked for.
    public var date: Date

    /// A change.
    public init(_ kind: Kind, _ email: EmailAddress, date: Date) {
        self.kind = kind
        self.email = email
        self.date = date
    }
}

/// Changes to a subscriber list recorded beside it, so that a change costs one appended line instead of a rewrite
/// of the whole CSV file: `Subscribers/<list>.changes`, one JSON object a line.
///
/// ```
/// {"at":"2026-11-30T07:00:00Z","change":"unsubscribe","email":"reader@example.com"}
/// ```
///
/// Why a journal and not a database: `digest serve` must answer an RFC 8058 one-click unsubscribe quickly even on a
/// list of 100,000 readers, and rewriting the whole CSV file (read, change, fsync, rename) under the list's lock
/// took about 1.5 s at that size (`Benchmarks/serve` on a shared 2-core machine): 16 concurrent requests then waited
/// for one rewrite after another, with a p99 of 1.9 s. The CSV file stays the list of record, which the editor reads
/// and edits by hand and every command already reads and writes byte for byte; the journal only holds what has not been folded into it yet. Keeping the lists in SQLite
/// would also make changes cheap, but the file would no longer be one a person can open, every command would move
/// to a new store, and CSV would become an import and export format; a journal gets the speed with none of that.
///
/// The rules that keep it safe:
/// - **Writing** (`append`): only under the list's lock (`ListLock`), one `write` with `O_APPEND`, then `fsync`;
///   the caller acknowledges a change only after `append` returns, so an acknowledged change is on disk.
/// - **Reading** (`read`): every reader of the list applies it — `SubscriberList.load(from:)` and
///   `SubscriberListReader`, the two ways the list is read — so every command sees the changes. The journal is read
///   before the CSV file: if a fold happens between the two reads, the changes are applied to a file that already
///   has them, which changes nothing.
/// - **Folding** (`SubscriberList.edit`): the next command that changes the list, under the lock, applies the
///   journal, writes the suppression file and the list (each atomically, flushed), and only then removes the
///   journal. A crash in between leaves the journal to be applied again, which changes nothing more.
/// - **Torn lines**: a writer killed in the middle of a line leaves it without its line break; the next writer ends
///   the file with a line break before its own lines, and a line that does not read as a whole change is skipped.
///   Such a line was never acknowledged.
///
/// Applying a change is idempotent: the same line twice changes nothing more than once.
public enum ChangeJournal {
    /// The journal of the list at `list`: `<list without .csv>.changes`.
    public static func file(forList list: URL) -> URL {
        list.deletingPathExtension().appendingPathExtension("changes")
    }

    /// The changes recorded for the list at `list`, in order; none when there is no journal. Lines that do not read
    /// as a whole change (cut short by a killed writer) are skipped.
    ///
    /// - Throws: `.unreadable` when the journal exists but cannot be read: a list read without its changes could
    ///   mail someone who asked to stop.
    public static func read(forList list: URL) throws(SubscribersError) -> [ListChange] {
        let url = file(forList: list)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { return [] }
            throw SubscribersError(
                .unreadable, "cannot read the list's change journal (\(error.localizedDescription))", file: url.path,
                underlying: error)
        }
        return changes(in: [UInt8](data))
    }

    /// The whole changes in a journal's bytes; a last line without its line break is left out.
    static func changes(in bytes: [UInt8]) -> [ListChange] {
        var changes: [ListChange] = []
        let decoder = JSONDecoder()
        var start = 0
        while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if let change = change(in: bytes[start..<end], decoder: decoder) { changes.append(change) }
            start = end + 1
        }
        return changes
    }

    private static func change(in line: ArraySlice<UInt8>, decoder: JSONDecoder) -> ListChange? {
        guard line.first == UInt8(ascii: "{"), let record = try? decoder.decode(Line.self, from: Data(line)),
            let kind = ListChange.Kind(rawValue: record.change), let email = try? EmailAddress(record.email),
            let date = ISO8601.parse(record.at)
        else { return nil }
        return ListChange(kind, email, date: date)
    }

    /// One line as stored.
    private struct Line: Codable {
        var at: String
        var change: String
        var email: String
    }

    /// Appends `changes` to the journal of the list at `list` and flushes it to disk.
    ///
    /// Call it holding the list's lock (`lock`, taken for `list`): the journal has one writer at a time, and a fold
    /// (which removes the journal) cannot run meanwhile. When the write fails, the journal is cut back to what it
    /// was, so nothing of this call is kept.
    ///
    /// - Throws: `.writeFailed` naming the journal, when it cannot be opened, written or flushed.
    public static func append(_ changes: [ListChange], forList list: URL, holding lock: ListLock)
        throws(SubscribersError)
    {
        guard !changes.isEmpty else { return }
        precondition(lock.url == ListLock.lockFile(for: list), "the journal of \(list.path) needs that list's lock")
        let path = file(forList: list).path
        func failure(_ what: String, _ code: Int32) -> SubscribersError {
            SubscribersError(
                .writeFailed, "cannot \(what) the list's change journal: \(String(cString: strerror(code)))",
                file: path)
        }
        let existed = access(path, F_OK) == 0
        // Read and write: the last byte is read to see whether a killed writer left a line without its line break.
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("open", errno) }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size >= 0 else { throw failure("read", errno) }

        var bytes: [UInt8] = []
        if size > 0 {
            // A line cut short by a killed writer must not run into the first of ours.
            var last: UInt8 = 0
            let count = pread(descriptor, &last, 1, size - 1)
            if count != 1 || last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for change in changes {
            let line = Line(
                at: ISO8601.format(change.date), change: change.kind.rawValue, email: change.email.description)
            guard let json = try? encoder.encode(line) else { continue }
            bytes += json
            bytes.append(UInt8(ascii: "\n"))
        }

        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                _ = ftruncate(descriptor, size)
                throw failure("write", code)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            _ = ftruncate(descriptor, size)
            throw failure("flush", code)
        }
        // A new file's name must survive a power cut as well as its bytes.
        if !existed { AtomicFile.synchronizeFolder(of: URL(fileURLWithPath: path)) }
    }

    /// Removes the journal of the list at `list` once its changes are in the list and the suppression file (both
    /// flushed); call it holding the list's lock. Nothing happens when there is none.
    ///
    /// - Throws: `.writeFailed` when it is there and cannot be removed (it would be applied again, which is safe,
    ///   but the caller should say so).
    static func remove(forList list: URL) throws(SubscribersError) {
        let url = file(forList: list)
        guard unlink(url.path) == 0 else {
            if errno == ENOENT { return }
            throw SubscribersError(
                .writeFailed, "cannot remove the list's change journal: \(String(cString: strerror(errno)))",
                file: url.path)
        }
        AtomicFile.synchronizeFolder(of: url)
    }
}

extension SubscriberList {
    /// Applies changes from the list's journal, in order (see `ChangeJournal`); each counts as a change to save.
    public mutating func apply(_ changes: [ListChange]) {
        for change in changes {
            switch change.kind {
            case .unsubscribe:
                guard let current = subscriber(change.email) else {
                    suppress(
                        change.email, note: "asked to unsubscribe on \(ISO8601.format(change.date)), not on the list")
                    continue
                }
                guard current.status == .active else { continue }
                // Changing the status alone cannot make a row invalid, so `update` has nothing to refuse here.
                _ = try? update(change.email) { $0.status = .unsubscribed }
            }
        }
    }
}
