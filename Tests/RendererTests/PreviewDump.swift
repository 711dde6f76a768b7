import Foundation
import Testing

@testable import Renderer

/// Writes the sample issue's renderings to a folder, to look at them as a reader would (a browser, a screenshot, a
/// terminal): `RENDERER_PREVIEW_DIR=/tmp/preview swift test --filter RendererTests.PreviewDump`.
@Suite("Preview dump", .enabled(if: ProcessInfo.processInfo.environment["RENDERER_PREVIEW_DIR"] != nil))
struct PreviewDump {
    @Test("writes the sample renderings")
    func dump() throws {
        let folder = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["RENDERER_PREVIEW_DIR"]))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let renderer = try Fixtures.renderer()
        let issue = Fixtures.issue()
        let reader = PersonalisationTests.mei
        let files: [(String, String)] = [
            ("preview.html", try renderer.html(issue, for: nil)),
            ("mei.html", try renderer.html(issue, for: reader)),
            ("large.html", try renderer.html(Fixtures.largeIssue(), for: nil)),
            ("preview.txt", try renderer.text(issue, for: nil)),
            ("mei.txt", try renderer.text(issue, for: reader)),
            ("terminal-80.ansi", try renderer.terminal(issue, for: nil, options: TerminalOptions(width: 80))),
            ("terminal-40.ansi", try renderer.terminal(issue, for: nil, options: TerminalOptions(width: 40))),
            ("terminal-60-plain.txt", try renderer.terminal(issue, for: nil, options: .plain(width: 60))),
            ("terminal-40-plain.txt", try renderer.terminal(issue, for: nil, options: .plain(width: 40))),
        ]
        for (name, contents) in files {
            try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }
}
