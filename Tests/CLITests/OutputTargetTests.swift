import DigestTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--output` onto something that is not a regular file: written in place, never replaced.
@Suite("--output onto devices and pipes", .serialized)
struct OutputTargetTests {
    @Test("a FIFO stays a FIFO and its reader gets the preview; /dev/full is a write error, not a success")
    func fifoAndFullDevice() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let fifo = copy.folder.url(for: "preview.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // The reader, on a thread of its own: opening a FIFO for reading waits for the writer, and a
        // task could wait for a free thread of the cooperative pool while other tests block them all.
        let received = Box()
        let readerDone = DispatchSemaphore(value: 0)
        Thread {
            received.data = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data()
            readerDone.signal()
        }.start()
        let preview = try copy.run(["preview", "--week", "2026-W47", "--format", "text", "--output", fifo.path])
        #expect(preview.succeeded, "\(preview)")
        var status = stat()
        #expect(stat(fifo.path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced by a file")
        _ = readerDone.wait(timeout: .now() + 30)
        let text = String(decoding: received.data, as: UTF8.self)
        #expect(text.contains("Bank of Korea"))

        let full = try copy.run(["preview", "--week", "2026-W47", "--output", "/dev/full"])
        #expect(!full.succeeded)
        #expect(full.stderr.contains("/dev/full: cannot write: No space left on device"), "\(full)")
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    private final class Box: @unchecked Sendable {
        var data = Data()
    }
}
