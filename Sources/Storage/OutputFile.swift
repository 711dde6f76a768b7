import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's `--output` goes: a regular file (or a new one) is replaced atomically through
/// `AtomicFile`, so a crash never leaves half of it; a device, FIFO or socket (`/dev/null`,
/// `/dev/stdout`, a pipe) is opened and written in place, never replaced by a file.
public enum OutputFile {
    /// A device, FIFO or socket that could not be written, or a folder given as the output.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The path given.
        public var path: String
        /// What went wrong: `is a folder`, `cannot open for writing: <reason>`, `cannot write: <reason>`.
        public var problem: String

        /// `<path>: <problem>`.
        public var description: String { "\(path): \(problem)" }
    }

    /// Writes `data` to `path`. A failed write is an error: ``Failure`` for a device, FIFO, socket or
    /// folder, `AtomicFile.Failure` for a file.
    public static func write(_ data: Data, toPath path: String) throws {
        var status = stat()
        // stat follows links: /dev/stdout is a link to the descriptor's pipe or terminal.
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG else {
            try AtomicFile.write(data, to: URL(fileURLWithPath: path))
            return
        }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw Failure(path: path, problem: "is a folder") }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(path: path, problem: "cannot open for writing: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        try writeAll(data, to: descriptor, path: path)
    }

    /// Writes `data` to standard output, every byte, or throws ``Failure`` (a full disk, a closed pipe):
    /// output that is lost must not look like success.
    public static func writeStandardOutput(_ data: Data) throws(Failure) {
        try writeAll(data, to: STDOUT_FILENO, path: "standard output")
    }

    /// Writes all of `data` to an open descriptor, retrying interrupted and partial writes.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(Failure) {
        let failure: Failure? = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return Failure(path: path, problem: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
            return nil
        }
        if let failure { throw failure }
    }
}
