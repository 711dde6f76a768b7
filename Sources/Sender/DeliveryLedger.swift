import Composer
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The delivery ledger of one issue (or one shard of it): an append-only file of JSON lines, one
/// per state change, and a lock that stops a second `send` of the same issue.
///
/// Each record is written with one `write(2)` the moment the state changes, so a process that is
/// killed loses nothing it recorded; `fdatasync` follows for every record, either before
/// `append` returns or, for the records written while messages flow, soon after (see
/// `LedgerFlusher`). The lines are read and written by `DeliveryRecord`'s line codec.
///
/// A run killed part-way leaves at most a torn last line, which is cut off when the ledger is
/// opened again; every complete line before it stands. Not for concurrent use from several
/// processes (the lock prevents that); within a process, appends are serialised.
public final class DeliveryLedger: @unchecked Sendable {
    /// The ledger file.
    public let url: URL
    /// The lock file beside it.
    public let lockURL: URL

    /// Owns the ledger file's descriptor and makes what is written durable.
    private let flusher: LedgerFlusher
    private var descriptor: Int32 { flusher.descriptor }
    private let lockDescriptor: Int32
    private let lock = NSLock()
    /// Where each recipient stands, a few bytes each: a list of 100,000 must not hold 100,000
    /// records in memory. The rest of a record is read back from the file when asked for.
    private var index = RecipientIndex()
    private var recordCount = 0
    /// The length of the file: where the next record goes.
    private var fileLength = 0
    /// When each message sent in the day before the ledger was opened went (for the caps).
    public private(set) var sentInLastDay: [Date] = []

    /// Opens (creating) the ledger at `url` and takes its lock.
    ///
    /// - Throws: `.ledgerLocked` when another process holds the lock, `.ledgerCorrupt` naming the
    ///   line when a line other than the last cannot be read, `.ledgerWriteFailed` for I/O errors.
    public init(url: URL) throws(SenderError) {
        self.url = url
        lockURL = IssueFolder.lockFile(ofLedger: url)
        let lockFD = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else {
            throw SenderError(.ledgerWriteFailed, "cannot open the lock file: \(Self.errnoText())", path: lockURL.path)
        }
        if let failure = Self.takeLock(lockFD, grace: Self.lockGrace) {
            let busy = failure == EWOULDBLOCK
            let reason = String(cString: strerror(failure))
            close(lockFD)
            throw SenderError(
                busy ? .ledgerLocked : .ledgerWriteFailed,
                busy ? "another `digest send` of this issue is running (it holds the lock)" : "cannot lock: \(reason)",
                path: lockURL.path)
        }
        let fd = open(url.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = Self.errnoText()
            close(lockFD)
            throw SenderError(.ledgerWriteFailed, "cannot open the ledger: \(reason)", path: url.path)
        }
        flusher = LedgerFlusher(descriptor: fd, path: url.path)
        lockDescriptor = lockFD
        do {
            try load()
        } catch {
            close(lockFD)
            throw error
        }
    }

    /// How long opening waits for a lock that is held: a lock just released stays held for a moment while a
    /// child process that this one was starting shares the descriptor (between fork and exec), so only a lock
    /// held longer means another send.
    static let lockGrace = 1.0

    /// Takes the exclusive lock on `descriptor`, waiting up to `grace` seconds; nil when taken, else the errno.
    private static func takeLock(_ descriptor: Int32, grace: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(grace)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            if failure == EINTR { continue }
            guard failure == EWOULDBLOCK, Date() < deadline else { return failure }
            usleep(20_000)
        }
        return nil
    }

    deinit {
        // The ledger's own descriptor closes with the flusher, once its thread (if any) has ended.
        close(lockDescriptor)  // releases the lock
    }

    /// Reads every record, a window of the file at a time; a last line without its LF (a write
    /// cut short) is cut off the file.
    private func load() throws(SenderError) {
        let dayAgo = Date().addingTimeInterval(-86_400)
        var status = stat()
        if fstat(descriptor, &status) == 0 && status.st_size > 0 {
            // A recipient has a few records of well over 100 bytes each: room for more than there
            // are, so the index does not grow by copying itself (room never used costs no memory).
            index.reserveCapacity(Int(status.st_size) / 128)
        }
        var pending: [UInt8] = []
        var pendingOffset = 0
        var lineNumber = 0
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(fileLength)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SenderError(.ledgerWriteFailed, "cannot read the ledger: \(Self.errnoText())", path: url.path)
            }
            if count == 0 { break }
            fileLength += count
            pending += chunk[0..<count]
            var lineStart = 0
            while let end = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
                if end > lineStart {
                    let text = String(decoding: pending[lineStart..<end], as: UTF8.self)
                    guard let record = DeliveryRecord(jsonLine: text) else {
                        throw SenderError(
                            .ledgerCorrupt, "line \(lineNumber) is not a delivery record; fix or remove it",
                            path: url.path)
                    }
                    index.fold(record, at: pendingOffset + lineStart, now: false)
                    recordCount += 1
                    if record.state == .sent && record.time > dayAgo { sentInLastDay.append(record.time) }
                }
                lineStart = end + 1
            }
            pending.removeFirst(lineStart)
            pendingOffset += lineStart
        }
        if !pending.isEmpty {
            fileLength = pendingOffset
            if ftruncate(descriptor, off_t(fileLength)) != 0 {
                throw SenderError(
                    .ledgerWriteFailed, "cannot cut the torn last line: \(Self.errnoText())", path: url.path)
            }
        }
    }

    /// How many records the ledger holds.
    public var count: Int {
        lock.withLock { recordCount }
    }

    /// Where `email` stands, or nil when the ledger has never named them; the last record is read
    /// back from the file.
    public func standing(of email: String) -> RecipientStanding? {
        lock.withLock {
            guard let entry = index.find(email) else { return nil }
            return standing(at: entry)
        }
    }

    /// The standing of every recipient whose last record is in one of `states`, in the order the
    /// ledger first named them. Each record is read back from the file: for the few that failed
    /// or are unknown, not for everyone sent.
    public func standings(in states: Set<DeliveryState>) -> [RecipientStanding] {
        lock.withLock {
            (0..<index.count).compactMap { entry in
                guard let state = index.state(at: entry), states.contains(state) else { return nil }
                return standing(at: entry)
            }
        }
    }

    /// With the lock held.
    private func standing(at entry: Int) -> RecipientStanding? {
        guard index.state(at: entry) != nil else { return nil }
        let record = index.recordOffset(at: entry).flatMap(record(at:)) ?? lastRecord(of: index.address(at: entry))
        guard let record else { return nil }
        return RecipientStanding(last: record, attempts: index.attempts(at: entry))
    }

    /// The last record of `address` in the file, read through: for a record whose offset the
    /// index could not keep (past 4 GiB).
    private func lastRecord(of address: String) -> DeliveryRecord? {
        var last: DeliveryRecord?
        var offset = 0
        let key = address.lowercased()
        while offset < fileLength, let line = line(at: offset) {
            if let record = DeliveryRecord(jsonLine: String(decoding: line, as: UTF8.self)),
                record.email.lowercased() == key
            {
                last = record
            }
            offset += line.count + 1
        }
        return last
    }

    /// The record at `offset` in the file.
    private func record(at offset: Int) -> DeliveryRecord? {
        line(at: offset).flatMap { DeliveryRecord(jsonLine: String(decoding: $0, as: UTF8.self)) }
    }

    /// The line at `offset` in the file, without its LF (the end of a line is at most a few
    /// kilobytes away).
    private func line(at offset: Int) -> [UInt8]? {
        guard offset >= 0 else { return nil }
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while line.count < 1 << 20 {
            let count = chunk.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, $0.count, off_t(offset + line.count))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            if let end = chunk[0..<count].firstIndex(of: UInt8(ascii: "\n")) {
                return line + chunk[0..<end]
            }
            line += chunk[0..<count]
        }
        return line.isEmpty ? nil : line
    }

    /// Runs `body` on the index of recipients with the lock held (see `IssueDelivery`).
    func withIndex<Result>(_ body: (inout RecipientIndex) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&index)
    }

    /// Appends records: one `write(2)` now, so a killed process loses nothing it recorded, and
    /// `fdatasync` before returning when `waitUntilDurable`, else within one flush (group commit:
    /// appends from several threads share one `fdatasync`).
    ///
    /// - Throws: `.ledgerWriteFailed` (a full disk, say), also for an earlier flush that failed.
    public func append(_ records: [DeliveryRecord], waitUntilDurable: Bool = true) throws(SenderError) {
        guard !records.isEmpty else { return }
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for record in records {
            starts.append(bytes.count)
            record.appendJSONLine(to: &bytes)
        }
        let sequence: Int
        do {
            lock.lock()
            defer { lock.unlock() }
            if let failed = flusher.failed { throw failed }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SenderError(
                        .ledgerWriteFailed, "cannot write the ledger: \(Self.errnoText())", path: url.path)
                }
                offset += written
            }
            for (record, start) in zip(records, starts) { index.fold(record, at: fileLength + start, now: true) }
            recordCount += records.count
            fileLength += bytes.count
            // Numbered under the lock, so the numbers follow the order of the lines in the file.
            sequence = try flusher.noteWritten(waiting: waitUntilDurable)
        }
        if waitUntilDurable { try flusher.waitUntilDurable(sequence) }
    }

    /// Appends one record; see `append(_:waitUntilDurable:)`.
    public func append(_ record: DeliveryRecord, waitUntilDurable: Bool = true) throws(SenderError) {
        try append([record], waitUntilDurable: waitUntilDurable)
    }

    /// Waits until every record appended so far is on disk.
    public func flush() throws(SenderError) {
        try flusher.waitUntilDurable()
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

extension DeliveryLedger {
    /// Where everyone stands now: each recipient the ledger names (a failed one stays failed after
    /// being marked bounced), and each recipient the list marked active that it does not name yet
    /// (see `IssueDelivery.plan`). A queued or deferred recipient who is no longer active (they
    /// unsubscribed) is left out.
    public func summary() -> DeliverySummary {
        var summary = DeliverySummary()
        var failed: [(key: String, entry: Int)] = []
        var unknown: [(key: String, entry: Int)] = []
        withIndex { index in
            for entry in 0..<index.count {
                let marks = index.marks[entry]
                switch index.state(at: entry) {
                case nil:
                    guard marks.contains(.active) else { continue }
                    summary.deferred += 1
                case .sent:
                    if marks.contains(.sentNow) { summary.sentNow += 1 } else { summary.sentBefore += 1 }
                case .failed:
                    summary.failed += 1
                    failed.append((index.address(at: entry).lowercased(), entry))
                case .sending, .unknown:
                    summary.unknown += 1
                    unknown.append((index.address(at: entry).lowercased(), entry))
                case .queued, .deferred:
                    guard marks.contains(.active) else { continue }
                    summary.deferred += 1
                }
                summary.recipients += 1
            }
        }
        // Only the few that failed or are unknown are read back from the file.
        for (_, entry) in failed.sorted(by: { $0.key < $1.key }) {
            let address = withIndex { $0.address(at: entry) }
            if let last = standing(of: address)?.last, DeliveryPolicy.isUserUnknown(last) {
                summary.bounced.append(last.email)
            }
        }
        for (_, entry) in unknown.sorted(by: { $0.key < $1.key }) {
            let address = withIndex { $0.address(at: entry) }
            summary.unknownAddresses.append(standing(of: address)?.last.email ?? address)
        }
        return summary
    }
}
