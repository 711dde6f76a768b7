import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Makes `folder` refuse new files, even for root (which ignores mode bits): mode 0555, and the
/// immutable attribute when running as root. Returns the way back.
public func makeReadOnly(_ folder: URL) throws -> () -> Void {
    chmod(folder.path, 0o555)
    var immutable = false
    if geteuid() == 0 {
        immutable = runChattr("+i", folder.path)
    }
    let undo = {
        if immutable { _ = runChattr("-i", folder.path) }
        chmod(folder.path, 0o755)
    }
    let probe = folder.appendingPathComponent("probe")
    if FileManager.default.createFile(atPath: probe.path, contents: Data()) {
        try? FileManager.default.removeItem(at: probe)
        undo()
        throw ReadOnlyUnavailable()
    }
    return undo
}

public struct ReadOnlyUnavailable: Error, CustomStringConvertible {
    public var description: String { "could not make a folder read-only here (chmod, and chattr +i as root)" }
}

private func runChattr(_ flag: String, _ path: String) -> Bool {
    for tool in ["/usr/bin/chattr", "/bin/chattr", "/sbin/chattr", "/usr/sbin/chattr"]
    where FileManager.default.isExecutableFile(atPath: tool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
    return false
}
