import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Plumbing shared by `LoopbackServerProcess` and `DigestBinary`: collecting a pipe's bytes on a
// thread of its own, so a child that writes a lot never blocks on a full pipe while we wait.

/// Bytes read from a child's pipe, appended from a reader thread and read from the test's thread.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let limit: Int
    private let finished = DispatchSemaphore(value: 0)

    /// Keeps at most `limit` bytes (the first ones); the rest is read and dropped.
    init(limit: Int = .max) {
        self.limit = limit
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        let room = limit - data.count
        if room > 0 { data.append(contentsOf: bytes.prefix(room)) }
    }

    /// Everything collected so far.
    var bytes: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }

    /// Starts a thread that reads `handle` to its end. `handle` stays alive until then, so its
    /// file descriptor is not closed under the reader.
    func drain(_ handle: FileHandle) {
        let thread = Thread { [self] in
            let descriptor = handle.fileDescriptor
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
            defer {
                buffer.deallocate()
                finished.signal()
            }
            // Bounded by the child: it ends when every writer has closed the pipe.
            while let base = buffer.baseAddress {
                let count = read(descriptor, base, buffer.count)
                if count > 0 {
                    append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            withExtendedLifetime(handle) {}
        }
        thread.name = "DigestTestSupport pipe reader"
        thread.start()
    }

    /// Waits until the reader reached the end of the pipe; false if `timeout` passed first.
    @discardableResult
    func waitUntilFinished(timeout: Duration) -> Bool {
        finished.wait(timeout: .now() + timeout.dispatchInterval) == .success
    }
}

/// Starts `process` from a short-lived thread that blocks no signals.
///
/// A child inherits the signal mask of the thread that spawns it, and Dispatch's and Swift
/// concurrency's worker threads (where tests run) block most signals, SIGTERM and SIGINT among
/// them; `Process` does not reset the mask, so a child started straight from a test would shrug
/// off `terminate()`. Ignored signals are inherited too: SIGPIPE stays ignored in children (see
/// `ignoreBrokenPipes`), which `digest` and Python do for themselves anyway.
func launchWithDefaultSignalMask(_ process: Process) throws {
    let outcome = LaunchOutcome()
    let thread = Thread {
        var nothing = sigset_t()
        sigemptyset(&nothing)
        pthread_sigmask(SIG_SETMASK, &nothing, nil)
        do {
            try process.run()
        } catch {
            outcome.error = error
        }
        outcome.done.signal()
    }
    thread.name = "DigestTestSupport launcher"
    thread.start()
    outcome.done.wait()
    if let error = outcome.error { throw error }
}

/// What the launcher thread reports back; written before `done` is signalled, read after.
private final class LaunchOutcome: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var error: (any Error)?
}

/// Ignores SIGPIPE once for the whole test process: writing to a child that has exited must give
/// EPIPE, not kill the test runner.
let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
}()

/// The text of the current `errno`.
func errnoText() -> String {
    String(cString: strerror(errno))
}

extension Duration {
    /// The duration as a `DispatchTimeInterval`, in whole milliseconds (negative becomes zero).
    var dispatchInterval: DispatchTimeInterval {
        .milliseconds(Int(clamping: max(wholeMilliseconds, 0)))
    }

    /// Whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
