import DigestTestSupport
import Foundation
import Testing

/// The shared newsletter fixture, under the name these tests have always used.
typealias NewsletterCopy = NewsletterFixture

/// The display width of a line: East Asian wide characters and emoji take two columns.
func columns(_ line: Substring) -> Int {
    line.unicodeScalars.reduce(0) { width, scalar in
        let value = scalar.value
        let wide =
            (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0x1F300...0x1FAFF).contains(value)
        let zero = scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .format
        return width + (zero ? 0 : wide ? 2 : 1)
    }
}

@Suite("The digest command, end to end", .serialized)
struct EndToEndTests {
    @Test("compose, preview and a dry-run send work on a copied root and write nothing outside it")
    func composePreviewSend() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let preview = try copy.run(["preview", "--week", "2026-W47", "--width", "80"])
        #expect(preview.succeeded, "\(preview)")
        for section in ["CHINA", "KOREAN PENINSULA", "JAPAN", "SOUTHEAST ASIA", "SOUTH ASIA"] {
            #expect(preview.stdout.uppercased().contains(section), "no \(section) section")
        }
        #expect(preview.stdout.contains("Bank of Korea") || preview.stdout.contains("BOK"))
        #expect(!preview.stdout.contains("PHOTO:"))
        #expect(!preview.stdout.contains("Sign up"))
        #expect(!preview.stdout.contains("\u{1B}"), "piped output must carry no escape sequences")

        let send = try copy.run(["send", "--week", "2026-W47", "--dry-run"])
        #expect(send.succeeded, "\(send)")
        let outbox = copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47/outbox")
        let messages = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(messages.count == 7, "seven active subscribers")
        #expect(!messages.contains { $0.contains("sofia.lindqvist") }, "an unsubscribed reader is never mailed")

        // Nothing was written in the working folder, and the repository's own Digests/ holds no outbox.
        let cwd = try FileManager.default.contentsOfDirectory(atPath: copy.folder.url(for: "cwd").path)
        #expect(cwd.isEmpty)
        let written = try FileManager.default.subpathsOfDirectory(
            atPath: copy.root.appendingPathComponent("Digests").path)
        #expect(written.contains("decoding-asia/2026-W47/digest.json"))
    }

    @Test("dry-run messages parse as MIME and are addressed to their subscriber")
    func dryRunMessagesAreValidMIME() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        #expect(try copy.run(["send", "--week", "2026-W47", "--dry-run"]).succeeded)
        let outbox = copy.root.appendingPathComponent("Digests/decoding-asia/2026-W47/outbox")
        let checker = PackageRoot.url.appendingPathComponent("Tests/SenderTests/check_mime.py")
        for name in try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted() {
            let result = try ChildRun.python([checker.path, outbox.appendingPathComponent(name).path])
            let report = try #require(JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])
            let to = try #require((report["to_rfc2047"] as? [[String: Any]])?.first?["addr_spec"] as? String)
            #expect(name.hasSuffix("-\(to).eml"), "\(name) is addressed to \(to)")
            #expect(report["part_types"] as? [String] == ["text/plain", "text/html"])
            #expect(report["has_bcc"] as? Bool == false)
            #expect(report["line_over_998"] as? Bool == false)
            #expect(report["bare_lf"] as? Bool == false)
            #expect((report["list_unsubscribe"] as? String)?.contains("token=") == true)
            #expect(report["list_unsubscribe_post"] as? String == "List-Unsubscribe=One-Click")
            let text = try #require(report["text"] as? String)
            #expect(text.split(separator: "\n").allSatisfy { columns($0) <= 72 || !$0.contains(" ") })
        }
        // A reader who chose two sections sees only those.
        let lan = try #require(
            try FileManager.default.contentsOfDirectory(atPath: outbox.path).first { $0.contains("lan.nguyen") })
        let report = try ChildRun.python([checker.path, outbox.appendingPathComponent(lan).path])
        let object = try #require(JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let text = try #require(object["text"] as? String)
        #expect(text.contains("SOUTHEAST ASIA"))
        #expect(!text.contains("JAPAN\n"))
    }

    @Test("the terminal preview fits the width it is given", arguments: [40, 60, 80, 120])
    func previewWidth(width: Int) throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let result = try copy.run(["preview", "--week", "2026-W47", "--width", String(width)])
        #expect(result.succeeded)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 40)
        // Only a URL too long for any line may be wider: alone on its line and whole, so it still works
        // when copied or clicked.
        let loneURLs = lines.filter { $0.hasPrefix("<http") && $0.hasSuffix(">") && !$0.contains(" ") }
        let widest = lines.filter { !loneURLs.contains($0) }.map(columns).max() ?? 0
        #expect(widest <= width)
        #expect(lines.allSatisfy { !$0.hasPrefix("<http") || $0.hasSuffix(">") }, "no URL is cut")
        if width == 40 { #expect(!loneURLs.isEmpty, "the sample's links are longer than 40 columns") }
    }

    @Test("the plain-text and HTML emails can be previewed and written to a file")
    func otherFormats() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let text = try copy.run(["preview", "--week", "2026-W47", "--format", "text", "--as", "kenji.mori@example.com"])
        #expect(text.succeeded, "\(text)")
        #expect(text.stdout.contains("Hello Kenji Mori,"))
        #expect(text.stdout.contains("JAPAN"))
        #expect(!text.stdout.contains("SOUTH ASIA"))
        let file = copy.folder.url(for: "issue.html")
        let html = try copy.run(["preview", "--week", "2026-W47", "--format", "html", "--output", file.path])
        #expect(html.succeeded, "\(html)")
        let page = try String(contentsOf: file, encoding: .utf8)
        #expect(page.contains("<html lang=\"en\""))
        #expect(page.utf8.count < 102 * 1024)
    }

    @Test("bad input gives one clear error line and a non-zero status")
    func badInput() throws {
        let copy = try NewsletterCopy()
        // An unknown theme.
        let theme = try copy.run(["compose", "--theme", "decoding-mars", "--week", "2026-W47"])
        #expect(theme.status == 1)
        #expect(theme.stderr.contains("unknown theme 'decoding-mars'"))
        #expect(theme.stderr.split(separator: "\n").count == 1, "\(theme.stderr)")

        // A week with no articles.
        try copy.composeSampleWeek()
        let empty = try copy.run(["compose", "--week", "2026-W30"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no articles published in 2026-W30"))
        #expect(empty.stderr.split(separator: "\n").count == 1)

        // An unreadable article file: invalid UTF-8.
        let bad = copy.folder.url(for: "bad.txt")
        try Data([0x48, 0x69, 0xC3, 0x28, 0x0A]).write(to: bad)
        let unreadable = try copy.run(["collect", bad.path])
        #expect(unreadable.status == 1)
        #expect(unreadable.stderr.contains("\(bad.path): text is not valid UTF-8"))
        #expect(unreadable.stderr.split(separator: "\n").count == 1)

        // A usage error exits 64.
        let usage = try copy.run(["preview", "--width", "5"])
        #expect(usage.status == 64)
    }

    @Test("colour only on a terminal: on one, NO_COLOR gives plain text; a pipe is plain either way")
    func noColor() throws {
        let copy = try NewsletterCopy()
        try copy.composeSampleWeek()
        let preview = ["preview", "--week", "2026-W47", "--no-pager"]
        let terminal = ["TERM": "xterm-256color"]
        // On a terminal the preview is in colour…
        let coloured = try copy.run(preview, environment: terminal, unsetting: ["NO_COLOR"], stdoutIsTerminal: true)
        #expect(coloured.succeeded, "\(coloured)")
        #expect(coloured.stdout.contains("\u{1B}["), "colour on a terminal: \(coloured.stdout.prefix(200))")
        // …and NO_COLOR, set to anything, turns it off there.
        let plain = try copy.run(
            preview, environment: terminal.merging(["NO_COLOR": "1"]) { $1 }, stdoutIsTerminal: true)
        #expect(plain.succeeded, "\(plain)")
        #expect(plain.stdout.contains("Quote of the week"), "the preview itself is there: \(plain.stdout.prefix(200))")
        #expect(!plain.stdout.contains("\u{1B}"), "NO_COLOR on a terminal: \(plain.stdout.prefix(200))")
        // Through a pipe there is no colour even without NO_COLOR.
        let piped = try copy.run(preview, environment: terminal, unsetting: ["NO_COLOR"])
        #expect(piped.succeeded && !piped.stdout.contains("\u{1B}"), "\(piped.stdout.prefix(200))")
    }
}

/// Runs the project's Python helper scripts.
enum ChildRun {
    static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
