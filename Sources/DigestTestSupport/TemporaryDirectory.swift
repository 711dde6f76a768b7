import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh, empty folder under the system's temporary directory, one per test.
///
/// The folder and everything in it is removed by `remove()` or, at the latest, when the value is
/// deinitialised. Names come from `mkdtemp`, so tests running in parallel never share one.
public final class TemporaryDirectory: Sendable {
    /// The folder.
    public let url: URL

    /// The folder's file-system path.
    public var path: String { url.path }

    /// Creates the folder, named `<prefix>-XXXXXX` under `FileManager.default.temporaryDirectory`.
    public init(prefix: String = "digest-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }
        }
        guard let created else {
            let reason = String(cString: strerror(errno))
            throw TestSupportError(code: .system, message: "mkdtemp in \(base) failed: \(reason)")
        }
        url = URL(fileURLWithPath: String(cString: created), isDirectory: true)
    }

    deinit {
        remove()
    }

    /// Deletes the folder and its contents. Calling it again does nothing.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// The URL of `relativePath` inside the folder (the file need not exist).
    /// The names of the files in the folder, hidden ones included, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    public func url(for relativePath: String) -> URL {
        url.appendingPathComponent(relativePath)
    }

    /// Writes `contents` as UTF-8 to `relativePath` inside the folder, creating parent folders,
    /// and returns the file's URL.
    @discardableResult
    public func write(_ contents: String, to relativePath: String) throws -> URL {
        try write(Data(contents.utf8), to: relativePath)
    }

    /// Writes `data` to `relativePath` inside the folder, creating parent folders, and returns the
    /// file's URL.
    @discardableResult
    public func write(_ data: Data, to relativePath: String) throws -> URL {
        let file = url(for: relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}
