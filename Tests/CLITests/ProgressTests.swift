import DigestTestSupport
import Foundation
import Testing

/// The bar and the time left are tested with `ProgressDisplay`, in SenderTests.
@Suite("Progress of long work")
struct ProgressTests {
    @Test("collect on a terminal draws a bar with counts; piped, it writes no control characters")
    func collectOnTerminal() throws {
        let copy = try NewsletterCopy()
        let folder = copy.root.appendingPathComponent("Digests/sample-week")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            folder.appendingPathComponent($0).path
        }
        let terminal = try DigestBinary().run(
            ["--root", copy.root.path, "collect"] + files, environment: [:], workingDirectory: copy.folder.url,
            stderrIsTerminal: true)
        #expect(terminal.succeeded, "\(terminal)")
        #expect(terminal.stderr.contains("[####################] \(files.count)/\(files.count)"), "\(terminal.stderr)")
        #expect(terminal.stderr.contains("new"))
        let piped = try copy.run(["collect"] + files)
        #expect(piped.succeeded)
        #expect(!piped.stderr.contains("\u{1B}"))
    }
}
