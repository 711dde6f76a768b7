import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file so that readers see either the old contents or the new, never a mix: the bytes
/// go to a temporary file in the same folder, are flushed to disk, and replace the target by rename.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw posixError(errno, temporary) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do {
            try data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(descriptor, bytes.baseAddress!.advanced(by: offset), bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw posixError(errno, temporary)
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw posixError(errno, temporary) }
            closed = true
            guard close(descriptor) == 0 else { throw posixError(errno, temporary) }
            guard rename(temporary.path, url.path) == 0 else { throw posixError(errno, url) }
        } catch {
            unlink(temporary.path)
            throw error
        }
        // Make the rename itself durable.
        let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private static func posixError(_ code: Int32, _ url: URL) -> Error {
        CollectorError(.storeFailed, source: url.path, message: String(cString: strerror(code)))
    }
}
