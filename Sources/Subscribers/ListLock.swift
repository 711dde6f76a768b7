import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on one subscriber list, so two commands that change it never interleave.
///
/// The lock is `flock(2)` on a file beside the list, `<list>.csv.lock`. The kernel drops it when
/// the process ends, however it ends, so a killed command never leaves a list locked. The lock
/// file itself is left in place: removing it would let two processes lock two different files.
///
/// Not `Sendable`: it owns a file descriptor, and the lock belongs to whoever holds the object.
public final class ListLock {
    /// The lock file.
    public let url: URL
    private let descriptor: Int32

    /// The lock file of the list at `list`: `<list>.lock`.
    public static func lockFile(for list: URL) -> URL {
        list.deletingLastPathComponent().appendingPathComponent(list.lastPathComponent + ".lock")
    }

    /// Takes the lock of the list at `list`, waiting up to `timeout` for another holder to let go.
    ///
    /// - Throws: `SubscribersError` with code `.locked` when the wait runs out, `.writeFailed`
    ///   when the lock file cannot be opened (a missing folder, no permission).
    public init(list: URL, timeout: Duration = .seconds(30)) throws(SubscribersError) {
        url = Self.lockFile(for: list)
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SubscribersError(.writeFailed, "cannot open the lock file: \(reason)", file: url.path)
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK, clock.now < deadline else {
                close(descriptor)
                if code == EWOULDBLOCK {
                    throw SubscribersError(
                        .locked, "another digest command is changing this list; try again when it has finished",
                        file: list.path)
                }
                throw SubscribersError(
                    .writeFailed, "cannot lock the list: \(String(cString: strerror(code)))", file: url.path)
            }
            usleep(20_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the lock.
        close(descriptor)
    }
}
