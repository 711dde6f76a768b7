import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where one recipient stands in the sending of an issue.
public enum DeliveryState: String, Sendable, CaseIterable {
    /// Planned, not yet tried.
    case queued
    /// The whole message went to the server and its reply has not been recorded: a run that
    /// stopped here left the outcome unknown.
    case sending
    /// The server accepted the message (its reply is recorded).
    case sent
    /// A temporary refusal (4xx) or a connection lost before the body was complete: tried again
    /// after a back-off.
    case deferred
    /// A permanent refusal (5xx), with the server's code and text.
    case failed
    /// The connection was lost after the body and before the reply: the message may have arrived,
    /// so it is not sent again unless asked.
    case unknown
}

/// One line of the ledger: a recipient entering a state.
public struct DeliveryRecord: Sendable, Equatable {
    /// When the state was entered.
    public var time: Date
    /// The recipient's address (ASCII form, as given to the server).
    public var email: String
    /// The state entered.
    public var state: DeliveryState
    /// The attempt this record belongs to, from 1; 0 for `queued`.
    public var attempt: Int
    /// The server's reply code, when there was one.
    public var code: Int?
    /// The server's reply line, or what happened to the connection.
    public var reply: String?
    /// For `deferred`: the earliest time of the next try.
    public var retryAt: Date?
    /// The `Message-ID` of the copy sent in this attempt.
    public var messageID: String?

    /// Makes a record.
    public init(
        time: Date, email: String, state: DeliveryState, attempt: Int = 0, code: Int? = nil, reply: String? = nil,
        retryAt: Date? = nil, messageID: String? = nil
    ) {
        self.time = time
        self.email = email
        self.state = state
        self.attempt = attempt
        self.code = code
        self.reply = reply
        self.retryAt = retryAt
        self.messageID = messageID
    }

    /// The record as one JSON line, with its LF.
    ///
    /// `{"time":"2026-11-30T07:00:00.123Z","email":"mei@example.com","state":"sent","attempt":1,
    /// "code":250,"reply":"250 OK","message_id":"<…@example.com>"}`; keys without a value are left out.
    public var jsonLine: String {
        var bytes: [UInt8] = []
        appendJSONLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `jsonLine` to `output` as UTF-8, without building a string: two records are
    /// written for every message sent.
    func appendJSONLine(to output: inout [UInt8]) {
        output.append(contentsOf: #"{"time":""#.utf8)
        LedgerTime.append(time, to: &output)
        output.append(contentsOf: #"","email":"#.utf8)
        LedgerJSON.appendQuoted(email, to: &output)
        output.append(contentsOf: #","state":""#.utf8)
        output.append(contentsOf: state.rawValue.utf8)
        output.append(contentsOf: #"","attempt":"#.utf8)
        LedgerJSON.appendDecimal(attempt, to: &output)
        if let code {
            output.append(contentsOf: #","code":"#.utf8)
            LedgerJSON.appendDecimal(code, to: &output)
        }
        if let reply {
            output.append(contentsOf: #","reply":"#.utf8)
            LedgerJSON.appendQuoted(reply, to: &output)
        }
        if let retryAt {
            output.append(contentsOf: #","retry_at":""#.utf8)
            LedgerTime.append(retryAt, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        if let messageID {
            output.append(contentsOf: #","message_id":"#.utf8)
            LedgerJSON.appendQuoted(messageID, to: &output)
        }
        output.append(contentsOf: "}\n".utf8)
    }

    /// Reads a record from one JSON line; nil when the line is not a complete record.
    public init?(jsonLine: some StringProtocol) {
        // The lines this ledger writes are read by hand: resuming a send of 100,000 reads 300,000
        // of them. Anything else a person may have written goes to JSONSerialization.
        var line = String(jsonLine)
        if let fields = line.withUTF8({ LedgerJSON.flatRecord($0) }) {
            // A field that did not read leaves the whole line to the full reader below.
            guard let timeText = fields.time, let time = LedgerTime.parse(timeText), let email = fields.email,
                let stateText = fields.state, let state = DeliveryState(rawValue: stateText)
            else { return nil }
            self.init(
                time: time, email: email, state: state, attempt: fields.attempt ?? 0, code: fields.code,
                reply: fields.reply, retryAt: fields.retryAt.flatMap(LedgerTime.parse), messageID: fields.messageID)
            return
        }
        guard let data = line.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let timeText = object["time"] as? String, let time = LedgerTime.parse(timeText),
            let email = object["email"] as? String,
            let stateText = object["state"] as? String, let state = DeliveryState(rawValue: stateText)
        else { return nil }
        self.init(
            time: time, email: email, state: state, attempt: (object["attempt"] as? Int) ?? 0,
            code: object["code"] as? Int, reply: object["reply"] as? String,
            retryAt: (object["retry_at"] as? String).flatMap(LedgerTime.parse),
            messageID: object["message_id"] as? String)
    }
}

/// Where one recipient stands, folded from all of their records.
public struct RecipientStanding: Sendable, Equatable {
    /// The last record (for sent, sending and queued ones without the reply and Message-ID,
    /// which only the file keeps).
    public var last: DeliveryRecord
    /// How many attempts have been started.
    public var attempts: Int
}

/// The delivery ledger of one issue (or one shard of it): an append-only file of JSON lines, one
/// per state change, and a lock that stops a second `send` of the same issue.
///
/// Each record is written with one `write(2)` the moment the state changes, so a process that is
/// killed loses nothing it recorded; `fdatasync` follows for every record, either before
/// `append` returns or, for the records written while messages flow, from a flusher thread that
/// lets concurrent records share one flush (an `fdatasync` costs milliseconds on a real disk,
/// more than sending a message to a local relay).
///
/// A run killed part-way leaves at most a torn last line, which is cut off when the ledger is
/// opened again; every complete line before it stands. Not for concurrent use from several
/// processes (the lock prevents that); within a process, appends are serialised.
public final class DeliveryLedger: @unchecked Sendable {
    /// The ledger file.
    public let url: URL
    /// The lock file beside it.
    public let lockURL: URL

    private let descriptor: Int32
    private let lockDescriptor: Int32
    private let lock = NSCondition()
    /// Where each recipient stands, a few bytes each: a list of 100,000 must not hold 100,000
    /// records in memory. The rest of a record is read back from the file when asked for.
    private var index = RecipientIndex()
    private var recordCount = 0
    /// The length of the file: where the next record goes.
    private var fileLength = 0
    /// When each message sent in the day before the ledger was opened went (for the caps).
    public private(set) var sentInLastDay: [Date] = []

    /// The file name of the ledger: `delivery.ledger`, or `delivery.shard-I-of-N.ledger` for a shard.
    public static func fileName(shard: Shard?) -> String {
        guard let shard else { return "delivery.ledger" }
        return "delivery.shard-\(shard.index)-of-\(shard.count).ledger"
    }

    /// Opens (creating) the ledger at `url` and takes its lock.
    ///
    /// - Throws: `.ledgerLocked` when another process holds the lock, `.ledgerCorrupt` naming the
    ///   line when a line other than the last cannot be read, `.ledgerWriteFailed` for I/O errors.
    public init(url: URL) throws(SenderError) {
        self.url = url
        lockURL = url.deletingPathExtension().appendingPathExtension("lock")
        let lockFD = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else {
            throw SenderError(.ledgerWriteFailed, "cannot open the lock file: \(Self.errnoText())", path: lockURL.path)
        }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = Self.errnoText()
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
        descriptor = fd
        lockDescriptor = lockFD
        do {
            try load()
        } catch {
            close(fd)
            close(lockFD)
            throw error
        }
    }

    deinit {
        // The flusher holds `self` while it runs, so by now it has ended and all is flushed or failed.
        close(descriptor)
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
    /// `fdatasync` before returning when `waitUntilDurable`, else by a flusher thread within one
    /// flush (group commit: appends from several threads share one `fdatasync`).
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
        lock.lock()
        defer { lock.unlock() }
        if let flushError { throw flushError }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw SenderError(.ledgerWriteFailed, "cannot write the ledger: \(Self.errnoText())", path: url.path)
            }
            offset += written
        }
        for (record, start) in zip(records, starts) { index.fold(record, at: fileLength + start, now: true) }
        recordCount += records.count
        fileLength += bytes.count
        writtenSequence += 1
        if waitUntilDurable {
            try waitUntilFlushed(writtenSequence)
        } else if !flusherRunning {
            startFlusherIfNeeded()
        } else if flusherIdle {
            // Wake it only when it waits: while it is flushing, it comes back for these anyway.
            lock.broadcast()
        }
    }

    /// Appends one record; see `append(_:waitUntilDurable:)`.
    public func append(_ record: DeliveryRecord, waitUntilDurable: Bool = true) throws(SenderError) {
        try append([record], waitUntilDurable: waitUntilDurable)
    }

    /// Waits until every record appended so far is on disk.
    public func flush() throws(SenderError) {
        lock.lock()
        defer { lock.unlock() }
        if let flushError { throw flushError }
        try waitUntilFlushed(writtenSequence)
    }

    private var writtenSequence = 0
    private var durableSequence = 0
    private var flushing = false
    private var flusherRunning = false
    /// The flusher's shortest gap between two flushes: a record written while messages flow is on
    /// disk within about this (and one flush) later.
    static let flushInterval = 0.02
    private var flusherIdle = false
    private var flushError: SenderError?

    /// Called with the lock held; returns with it held. One caller runs `fdatasync` for all
    /// records written so far while the others wait for it.
    private func waitUntilFlushed(_ sequence: Int) throws(SenderError) {
        while durableSequence < sequence {
            if let flushError { throw flushError }
            if flushing {
                lock.wait()
                continue
            }
            try flushOnce()
        }
    }

    /// With the lock held: flushes everything written so far, releasing the lock meanwhile.
    private func flushOnce() throws(SenderError) {
        flushing = true
        let target = writtenSequence
        lock.unlock()
        let result = fdatasync(descriptor)
        let reason = result == 0 ? "" : Self.errnoText()
        lock.lock()
        flushing = false
        defer { lock.broadcast() }
        guard result == 0 else {
            let error = SenderError(.ledgerWriteFailed, "cannot flush the ledger: \(reason)", path: url.path)
            flushError = error
            throw error
        }
        durableSequence = max(durableSequence, target)
    }

    /// With the lock held: a thread that flushes while records are waiting, and ends when idle.
    private func startFlusherIfNeeded() {
        guard !flusherRunning else { return }
        flusherRunning = true
        let thread = Thread { [self] in
            lock.lock()
            defer {
                flusherRunning = false
                lock.broadcast()
                lock.unlock()
            }
            // Bounded: it ends after half a second with nothing to flush, or at the first error.
            var idleSince = Date()
            var lastFlush = Date.distantPast
            while flushError == nil {
                let sinceFlush = Date().timeIntervalSince(lastFlush)
                if durableSequence < writtenSequence && !flushing && sinceFlush < Self.flushInterval {
                    // Let records gather: one flush for many, and a core left for sending.
                    _ = lock.wait(until: lastFlush.addingTimeInterval(Self.flushInterval))
                } else if durableSequence < writtenSequence && !flushing {
                    do {
                        try flushOnce()
                    } catch {
                        return
                    }
                    lastFlush = Date()
                    idleSince = lastFlush
                } else if Date().timeIntervalSince(idleSince) > 0.5 {
                    return
                } else {
                    flusherIdle = true
                    _ = lock.wait(until: Date().addingTimeInterval(0.1))
                    flusherIdle = false
                }
            }
        }
        thread.start()
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// JSON string quoting for ledger lines.
enum LedgerJSON {
    static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as a JSON string, quotes included, appended as UTF-8.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                // Other bytes, multi-byte UTF-8 included, stand for themselves.
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `value` in decimal, appended as ASCII.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        output.append(contentsOf: String(value).utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The fields of a record's line, as read by `flatRecord`.
    struct FlatRecord {
        var time: String?
        var email: String?
        var state: String?
        var attempt: Int?
        var code: Int?
        var reply: String?
        var retryAt: String?
        var messageID: String?
    }

    /// The fields of a line written as `appendJSONLine` writes one: an object without spaces,
    /// with string keys and string or integer values, time, email, state, reply, retry_at and
    /// message_id strings and attempt and code integers (other keys are passed over). Nil for
    /// anything else (spaces, nested values, fractions, a surrogate escape), which is then left
    /// to a full JSON reader. `bytes` must be valid UTF-8, as a string's are.
    static func flatRecord(_ bytes: UnsafeBufferPointer<UInt8>) -> FlatRecord? {
        var index = 0
        func take(_ expected: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == expected else { return false }
            index += 1
            return true
        }
        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
        /// A string's bytes, unescaped; the quotes are ASCII, so the bytes between are whole UTF-8.
        func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
                bytes[index] >= 0x20
            {
                index += 1
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            var text = Array(bytes[start..<index])
            while index < bytes.count {
                let current = bytes[index]
                index += 1
                switch current {
                case UInt8(ascii: "\""):
                    return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                    case UInt8(ascii: "n"): text.append(0x0A)
                    case UInt8(ascii: "r"): text.append(0x0D)
                    case UInt8(ascii: "t"): text.append(0x09)
                    case UInt8(ascii: "b"): text.append(0x08)
                    case UInt8(ascii: "f"): text.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count else { return nil }
                        var value: UInt32 = 0
                        for digit in bytes[index..<index + 4] {
                            guard let nibble = hexValue(digit) else { return nil }
                            value = value << 4 | nibble
                        }
                        index += 4
                        guard let scalar = Unicode.Scalar(value) else { return nil }  // a surrogate
                        text.append(contentsOf: String(Character(scalar)).utf8)
                    default:
                        return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    text.append(current)
                }
            }
            return nil
        }
        func integer() -> Int? {
            let negative = take(UInt8(ascii: "-"))
            let start = index
            var value = 0
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            // JSON has no leading zeros; such a number, or a long one, is left to the full reader.
            let digits = index - start
            guard digits > 0, digits <= 18, bytes[start] != UInt8(ascii: "0") || digits == 1 else { return nil }
            return negative ? -value : value
        }
        func key() -> [UInt8]? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                index += 1
            }
            guard take(UInt8(ascii: "\"")) else { return nil }
            return Array(bytes[start..<index - 1])
        }
        guard take(UInt8(ascii: "{")) else { return nil }
        var record = FlatRecord()
        while true {
            guard let name = key(), take(UInt8(ascii: ":")), index < bytes.count else { return nil }
            // Any value that does not read leaves the whole line to the full reader.
            if bytes[index] == UInt8(ascii: "\"") {
                guard let value = string() else { return nil }
                switch name {
                case timeKey: record.time = value
                case emailKey: record.email = value
                case stateKey: record.state = value
                case replyKey: record.reply = value
                case retryAtKey: record.retryAt = value
                case messageIDKey: record.messageID = value
                case attemptKey, codeKey: return nil
                default: break
                }
            } else {
                guard let value = integer() else { return nil }
                switch name {
                case attemptKey: record.attempt = value
                case codeKey: record.code = value
                case timeKey, emailKey, stateKey, replyKey, retryAtKey, messageIDKey: return nil
                default: break
                }
            }
            if take(UInt8(ascii: "}")) { return index == bytes.count ? record : nil }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    private static let timeKey = Array("time".utf8)
    private static let emailKey = Array("email".utf8)
    private static let stateKey = Array("state".utf8)
    private static let attemptKey = Array("attempt".utf8)
    private static let codeKey = Array("code".utf8)
    private static let replyKey = Array("reply".utf8)
    private static let retryAtKey = Array("retry_at".utf8)
    private static let messageIDKey = Array("message_id".utf8)
}

/// `2026-11-30T07:00:00.123Z`, UTC with milliseconds, whatever the locale.
enum LedgerTime {
    static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(date)` appended as ASCII, digit by digit.
    static func append(_ date: Date, to output: inout [UInt8]) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var value = max(0, value)
            if value >= divisor * 10 {
                // A year past 9999: all of its digits.
                output.append(contentsOf: String(value).utf8)
                return
            }
            while divisor > 0 {
                output.append(UInt8(ascii: "0") + UInt8(value / divisor))
                value %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        output.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        output.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        output.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        output.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        output.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        output.append(UInt8(ascii: "."))
        digits(fraction, 3)
        output.append(UInt8(ascii: "Z"))
    }

    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int32? { Int32(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let millis = number(20..<23)
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}
