import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder of its own for one test, removed when the test is done.
struct TemporaryFolder: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("digest-subscribers-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The names of the files in the folder, hidden ones included.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// Makes `folder` refuse new files, even for root (which ignores mode bits): mode 0555, and the
/// immutable attribute when running as root. Returns the way back.
func makeReadOnly(_ folder: URL) throws -> () -> Void {
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

struct ReadOnlyUnavailable: Error, CustomStringConvertible {
    var description: String { "could not make a folder read-only here (chmod, and chattr +i as root)" }
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
