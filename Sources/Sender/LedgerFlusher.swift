import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes a ledger's records durable: `fdatasync` after every batch written, either before the
/// writer goes on or from a thread of its own that lets concurrent batches share one flush (group
/// commit: an `fdatasync` costs milliseconds on a real disk, more than sending a message to a
/// local relay).
///
/// It owns the ledger file's descriptor and closes it when the last holder lets go: its thread
/// holds it while it runs, so the descriptor outlives every flush.
final class LedgerFlusher: @unchecked Sendable {
    /// The ledger file, open for reading and appending.
    let descriptor: Int32
    /// The ledger's path, for errors.
    private let path: String
    private let condition = NSCondition()
    /// Batches written so far, and how many of them are on disk.
    private var writtenSequence = 0
    private var durableSequence = 0
    private var flushing = false
    private var threadRunning = false
    private var threadIdle = false
    /// The first flush that failed: every later write and wait reports it.
    private var failure: SenderError?

    /// The thread's shortest gap between two flushes: a record written while messages flow is on
    /// disk within about this (and one flush) later.
    static let flushInterval = 0.02

    /// Takes over `descriptor`.
    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    /// The first flush that failed, if one did.
    var failed: SenderError? {
        condition.withLock { failure }
    }

    /// Notes that one more batch has been written and returns its number, for `waitUntilDurable`;
    /// without `waiting`, the thread is started (or woken) to flush it soon.
    ///
    /// - Throws: an earlier flush's failure.
    func noteWritten(waiting: Bool) throws(SenderError) -> Int {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        writtenSequence += 1
        if !waiting {
            if !threadRunning {
                startThread()
            } else if threadIdle {
                // Woken only when it waits: while it is flushing, it comes back for these anyway.
                condition.broadcast()
            }
        }
        return writtenSequence
    }

    /// Waits until every batch up to `sequence` is on disk; nil for everything written so far. One
    /// caller runs `fdatasync` for all batches written so far while the others wait for it.
    func waitUntilDurable(_ sequence: Int? = nil) throws(SenderError) {
        condition.lock()
        defer { condition.unlock() }
        let target = sequence ?? writtenSequence
        while durableSequence < target {
            if let failure { throw failure }
            if flushing {
                condition.wait()
                continue
            }
            try flushOnce()
        }
        if let failure { throw failure }
    }

    /// With the lock held: flushes everything written so far, releasing the lock meanwhile.
    private func flushOnce() throws(SenderError) {
        flushing = true
        let target = writtenSequence
        condition.unlock()
        let result = fdatasync(descriptor)
        let reason = result == 0 ? "" : String(cString: strerror(errno))
        condition.lock()
        flushing = false
        defer { condition.broadcast() }
        guard result == 0 else {
            let error = SenderError(.ledgerWriteFailed, "cannot flush the ledger: \(reason)", path: path)
            failure = error
            throw error
        }
        durableSequence = max(durableSequence, target)
    }

    /// With the lock held: a thread that flushes while batches are waiting, and ends when idle.
    private func startThread() {
        threadRunning = true
        let thread = Thread { [self] in
            condition.lock()
            defer {
                threadRunning = false
                condition.broadcast()
                condition.unlock()
            }
            // Bounded: it ends after half a second with nothing to flush, or at the first error.
            var idleSince = Date()
            var lastFlush = Date.distantPast
            while failure == nil {
                let sinceFlush = Date().timeIntervalSince(lastFlush)
                if durableSequence < writtenSequence && !flushing && sinceFlush < Self.flushInterval {
                    // Let records gather: one flush for many, and a core left for sending.
                    _ = condition.wait(until: lastFlush.addingTimeInterval(Self.flushInterval))
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
                    threadIdle = true
                    _ = condition.wait(until: Date().addingTimeInterval(0.1))
                    threadIdle = false
                }
            }
        }
        thread.start()
    }
}
