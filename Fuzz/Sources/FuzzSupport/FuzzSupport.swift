import CFuzzDriver
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What every fuzz target shares: a scratch folder, a fixed clock and a way to fail loudly.
public enum Fuzz {
    /// The fixed "now" of every target, so a run does not depend on the day: Monday 30 November 2026, 07:00 UTC.
    public static let now = Date(timeIntervalSince1970: 1_796_022_000)

    /// A folder of this process's own for the files a target must write (a ledger, a list, a theme): under
    /// `$TMPDIR` (`run.sh` points it at memory, `/dev/shm`), removed when the process exits normally.
    public static let scratch: URL = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let folder = URL(fileURLWithPath: base, isDirectory: true)
            .appendingPathComponent("digest-fuzz-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit {
            let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            try? FileManager.default.removeItem(atPath: "\(base)/digest-fuzz-\(getpid())")
        }
        return folder
    }()

    /// Replaces `url`'s contents with `bytes` (no temp-and-rename: only this process uses the scratch folder).
    public static func store(_ bytes: UnsafeRawBufferPointer, to url: URL) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(descriptor >= 0, "cannot write \(url.path)")
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            precondition(count > 0 || errno == EINTR, "cannot write \(url.path)")
            if count > 0 { done += count }
        }
    }

    /// The bytes libFuzzer hands a target.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : count)
    }

    /// Runs libFuzzer with `test` as the target: what each target's `main` does.
    ///
    /// SwiftPM links an executable with its `main` renamed to `<module>_main` on Linux, so a target defines that
    /// and starts libFuzzer's driver itself; where it does not rename, libFuzzer's own `main` calls
    /// `LLVMFuzzerTestOneInput` and this is not used.
    public static func main(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, test)
    }

    /// Stops the run with `message` when `condition` is false: libFuzzer saves the input as a crash.
    ///
    /// `precondition` would do in a debug build; this one also holds in the release builds the fuzzers are.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            FileHandle.standardError.write(Data("fuzz check failed: \(message())\n".utf8))
            abort()
        }
    }
}
