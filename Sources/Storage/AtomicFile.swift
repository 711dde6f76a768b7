import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file so that a crash or a failed write never leaves it truncated: the bytes go to a
/// temporary file in the same folder, are flushed to disk (`fsync`), and only then renamed over the
/// old file; the folder is flushed too so the rename survives a power cut.
///
/// `Data.write(options: .atomic)` renames without `fsync`, so after a crash the new name can point
/// at an empty file; hence this. Every stage writes its files this way: articles, issues, lists,
/// outbox messages.
public enum AtomicFile {
    /// A failed system call, with the file it was about.
    public struct Failure: Error, CustomStringConvertible {
        /// What was being done, like `flush`.
        public var operation: String
        /// The file or folder it was done to.
        public var path: String
        /// The `errno` it failed with.
        public var code: Int32

        /// `operation path: the system's text for code`.
        public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Replaces the contents of `url` with `bytes`, keeping the old file's permissions (new files get 0644).
    ///
    /// The temporary file is `<folder>/<temporaryPrefix>XXXXXX`; a caller that names it after the
    /// file can find and remove what a killed writer left behind (see `leftovers(of:)`).
    ///
    /// With `durable` false the file is still renamed into place whole, but not flushed to disk:
    /// for a caller that writes many files into a folder of its own and flushes them all at once
    /// (`synchronizeFileSystem(of:)`) before the folder is put in place.
    public static func replaceContents(
        of url: URL, with bytes: [UInt8], temporaryPrefix: String = defaultTemporaryPrefix, durable: Bool = true
    ) throws(Failure) {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        // The name must stay inside the 255-byte limit; a long prefix falls back to a short fixed one.
        let prefix =
            temporaryPrefix.utf8.count <= 200 && !temporaryPrefix.contains("/")
            ? temporaryPrefix : defaultTemporaryPrefix
        var template = Array((folder + "/" + prefix + "XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw Failure(operation: "create a temporary file in", path: folder, code: errno) }
        let temporary = String(
            decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var isOpen = true
        var renamed = false
        defer {
            if isOpen { close(descriptor) }
            if !renamed { unlink(temporary) }
        }

        var mode: mode_t = 0o644
        var existing = stat()
        if stat(path, &existing) == 0 { mode = existing.st_mode & 0o7777 }
        guard fchmod(descriptor, mode) == 0 else {
            throw Failure(operation: "set the mode of", path: temporary, code: errno)
        }

        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", path: temporary, code: errno)
            }
            written += result
        }
        if durable {
            guard fsync(descriptor) == 0 else { throw Failure(operation: "flush", path: temporary, code: errno) }
        }
        isOpen = false
        guard close(descriptor) == 0 else { throw Failure(operation: "close", path: temporary, code: errno) }
        guard rename(temporary, path) == 0 else { throw Failure(operation: "rename over", path: path, code: errno) }
        renamed = true
        guard durable else { return }

        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 {
            // Best effort: some file systems refuse fsync on a folder, and the data is already safe.
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Flushes every file written so far to disk in one call, `sync(2)` (which on Linux returns
    /// when the data is written; `syncfs` is not visible from Swift's Glibc), then `folder`
    /// itself: one wait instead of one per file.
    public static func synchronizeFileSystem(of folder: URL) throws(Failure) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw Failure(operation: "open", path: folder.path, code: errno) }
        defer { close(descriptor) }
        sync()
        // Best effort, as above: some file systems refuse fsync on a folder.
        _ = fsync(descriptor)
    }

    /// Flushes the folder holding `url` (best effort), so that a file just created or removed there keeps its new
    /// state after a power cut.
    public static func synchronizeFolder(of url: URL) {
        let folderDescriptor = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        guard folderDescriptor >= 0 else { return }
        // Some file systems refuse fsync on a folder.
        _ = fsync(folderDescriptor)
        close(folderDescriptor)
    }

    /// Writes `data` to `url` as `replaceContents` does, creating the folder first when it is missing.
    public static func write(_ data: Data, to url: URL) throws(Failure) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            throw Failure(operation: "create the folder", path: folder.path, code: Int32(posix?.code ?? Int(EIO)))
        }
        try replaceContents(of: url, with: [UInt8](data))
    }

    /// The prefix of the temporary files `replaceContents` makes when the caller names none.
    public static let defaultTemporaryPrefix = ".digest-tmp-"

    /// How old a temporary file must be before `removeStaleTemporaries` takes it for a killed writer's.
    ///
    /// A writer holds its temporary file only while it writes and flushes one file, a fraction of a second; ten
    /// minutes cannot be a live write, short of a process stopped for that long, and even then removing the file
    /// loses nothing: that writer's rename fails and it reports the error, the file it was replacing untouched.
    public static let staleTemporaryAge: TimeInterval = 600

    /// Removes the temporary files (`.digest-tmp-XXXXXX`, regular files only) that writers killed mid-write left
    /// in `folder`, when they are older than `age`, so no live writer's file is taken. Returns how many went.
    ///
    /// Needs no lock, unlike `removeLeftovers(of:)`: the age tells a killed writer's file from a running one's.
    @discardableResult
    public static func removeStaleTemporaries(
        in folder: URL, olderThan age: TimeInterval = staleTemporaryAge, now: Date = Date()
    ) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        let prefix = defaultTemporaryPrefix
        let cutoff = now.timeIntervalSince1970 - age
        var removed = 0
        for name in names where name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 {
            // mkstemp's six characters are letters and digits.
            guard name.utf8.suffix(6).allSatisfy({ isalnum(Int32($0)) != 0 }) else { continue }
            let path = folder.appendingPathComponent(name).path
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
            guard modified < cutoff else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// The temporary-file prefix used for `url` by `SubscriberList` and `SuppressionList`: `.<name>.tmp-`.
    public static func temporaryPrefix(for url: URL) -> String {
        "." + url.lastPathComponent + ".tmp-"
    }

    /// Removes temporary files that a killed writer of `url` left behind (`.<name>.tmp-XXXXXX`).
    ///
    /// Only safe while holding the lock that every writer of `url` takes, so no writer is running.
    public static func removeLeftovers(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = temporaryPrefix(for: url)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 {
            unlink(folder.appendingPathComponent(name).path)
        }
    }
}
