import DigestTestSupport
import Foundation
import Testing

@testable import digest

@Suite("Progress of long work")
struct ProgressTests {
    @Test("the bar fills with the work done, and the time left comes from the rate so far")
    func barAndETA() {
        #expect(ProgressDisplay.bar(done: 0, total: 10) == "[" + String(repeating: "·", count: 20) + "]")
        #expect(ProgressDisplay.bar(done: 5, total: 10) == "[##########··········]")
        #expect(ProgressDisplay.bar(done: 10, total: 10) == "[" + String(repeating: "#", count: 20) + "]")
        #expect(ProgressDisplay.eta(0, 10, 3) == "ETA --:--")
        #expect(ProgressDisplay.eta(5, 10, 30) == "ETA 0:30")
        #expect(ProgressDisplay.eta(1, 200, 30) == "ETA 1:39:30")
    }

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
