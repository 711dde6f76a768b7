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
        var line = "{\"time\":\"\(LedgerTime.format(time))\",\"email\":\(LedgerJSON.quote(email))"
        line += ",\"state\":\"\(state.rawValue)\",\"attempt\":\(attempt)"
        if let code { line += ",\"code\":\(code)" }
        if let reply { line += ",\"reply\":\(LedgerJSON.quote(reply))" }
        if let retryAt { line += ",\"retry_at\":\"\(LedgerTime.format(retryAt))\"" }
        if let messageID { line += ",\"message_id\":\(LedgerJSON.quote(messageID))" }
        return line + "}\n"
    }

    /// Reads a record from one JSON line; nil when the line is not a complete record.
    public init?(jsonLine: some StringProtocol) {
        guard let data = String(jsonLine).data(using: .utf8),
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
    private var standings: [String: RecipientStanding] = [:]
    private var recordCount = 0

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

    /// Reads every record; a last line without its LF (a write cut short) is cut off the file.
    private func load() throws(SenderError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SenderError(.ledgerWriteFailed, "cannot read the ledger: \(error)", path: url.path)
        }
        var completeLength = data.count
        if let last = data.last, last != UInt8(ascii: "\n") {
            completeLength = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
            if ftruncate(descriptor, off_t(completeLength)) != 0 {
                throw SenderError(
                    .ledgerWriteFailed, "cannot cut the torn last line: \(Self.errnoText())", path: url.path)
            }
        }
        var lineNumber = 0
        for line in data.prefix(completeLength).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let record = DeliveryRecord(jsonLine: String(decoding: line, as: UTF8.self)) else {
                throw SenderError(
                    .ledgerCorrupt, "line \(lineNumber) is not a delivery record; fix or remove it", path: url.path)
            }
            fold(record)
        }
    }

    private func fold(_ record: DeliveryRecord) {
        recordCount += 1
        let key = record.email.lowercased()
        var attempts = standings[key]?.attempts ?? 0
        attempts = max(attempts, record.attempt)
        // The reply and Message-ID of a sent message stay in the file only: a list of 100,000
        // would otherwise hold 100,000 of each in memory for nothing.
        var kept = record
        if record.state == .sent || record.state == .sending || record.state == .queued {
            kept.reply = nil
            kept.messageID = nil
        }
        standings[key] = RecipientStanding(last: kept, attempts: attempts)
    }

    /// How many records the ledger holds.
    public var count: Int {
        lock.withLock { recordCount }
    }

    /// Where `email` stands, or nil when the ledger has never named them.
    public func standing(of email: String) -> RecipientStanding? {
        lock.withLock { standings[email.lowercased()] }
    }

    /// Every recipient's standing, by lower-cased address.
    public var allStandings: [String: RecipientStanding] {
        lock.withLock { standings }
    }

    /// Appends records: one `write(2)` now, so a killed process loses nothing it recorded, and
    /// `fdatasync` before returning when `waitUntilDurable`, else by a flusher thread within one
    /// flush (group commit: appends from several threads share one `fdatasync`).
    ///
    /// - Throws: `.ledgerWriteFailed` (a full disk, say), also for an earlier flush that failed.
    public func append(_ records: [DeliveryRecord], waitUntilDurable: Bool = true) throws(SenderError) {
        guard !records.isEmpty else { return }
        var bytes: [UInt8] = []
        for record in records { bytes += Array(record.jsonLine.utf8) }
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
        for record in records { fold(record) }
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
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}

/// `2026-11-30T07:00:00.123Z`, UTC with milliseconds, whatever the locale.
enum LedgerTime {
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(fraction), 3))Z"
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
