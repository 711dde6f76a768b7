import DigestTestSupport
import Foundation
import Testing

@Suite("digest archive: the archive as static files")
struct StaticArchiveTests {
    static let base = "https://news.example.com/decoding-asia"

    /// Runs `digest --root <newsletter> archive ARGS`.
    static func archive(_ newsletter: NewsletterFolder, _ arguments: [String]) throws -> CommandResult {
        try DigestBinary().run(
            ["--root", newsletter.root.path, "archive"] + arguments,
            environment: ["DIGEST_UNSUBSCRIBE_SECRET": NewsletterFolder.secret])
    }

    @Test("every file is the page the server answers at its path, byte for byte; drafts are left out")
    func filesMatchTheServer() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let output = newsletter.root.appendingPathComponent("site")
        let result = try Self.archive(newsletter, ["--output", output.path, "--base-url", Self.base])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Wrote 5 files"), "\(result)")
        #expect(result.stdout.contains("1 issue of decoding-asia"), "\(result)")

        let theme = NewsletterFolder.theme
        let week = NewsletterFolder.sentWeek
        let pages = [
            ("/archive/", "archive/index.html"),
            ("/archive/\(theme)/", "archive/\(theme)/index.html"),
            ("/archive/\(theme)/\(week)/", "archive/\(theme)/\(week)/index.html"),
            ("/archive/\(theme)/feed.xml", "archive/\(theme)/feed.xml"),
            ("/assets/\(theme)/style.css", "assets/\(theme)/style.css"),
        ]
        try await withServer(newsletter, baseURL: Self.base) { server in
            for (path, file) in pages {
                let served = try await Web.get(server + path)
                #expect(served.status == 200, "\(path)")
                let written = try Data(contentsOf: output.appendingPathComponent(file))
                #expect(written == served.body, "\(file) is not what the server answers at \(path)")
            }
        }
        let issuePage = try String(
            contentsOf: output.appendingPathComponent("archive/\(theme)/\(week)/index.html"), encoding: .utf8)
        #expect(issuePage.contains(NewsletterFolder.sentHeadline))
        // No reader's personal parts: no unsubscribe token, no reader's address or name.
        #expect(!issuePage.contains("token="))
        #expect(!issuePage.contains("reader0000"))
        let draft = output.appendingPathComponent("archive/\(theme)/\(NewsletterFolder.draftWeek)")
        #expect(!FileManager.default.fileExists(atPath: draft.path))
        let everything = try FileManager.default.subpathsOfDirectory(atPath: output.path)
        #expect(!everything.contains { $0.contains(NewsletterFolder.draftWeek) || $0.contains(".digest-tmp") })
    }

    @Test("the written feed parses with Python's xml.etree, with absolute links to the written pages")
    func feedParses() throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let output = newsletter.root.appendingPathComponent("site")
        // Without --base-url the site goes where the theme's archive_url sends readers.
        let result = try Self.archive(newsletter, ["--output", output.path])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("publish it at https://example.com/decoding-asia/"), "\(result)")
        let feed = try Data(
            contentsOf: output.appendingPathComponent("archive/\(NewsletterFolder.theme)/feed.xml"))
        let parsed = try runPython(
            """
            import sys, xml.etree.ElementTree as ET
            atom = "{http://www.w3.org/2005/Atom}"
            root = ET.fromstring(sys.stdin.buffer.read())
            assert root.tag == atom + "feed", root.tag
            print(root.find(atom + "title").text)
            for entry in root.findall(atom + "entry"):
                print(entry.find(atom + "link").get("href"))
                print(entry.find(atom + "summary").text)
            """, input: feed)
        let lines = parsed.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "Decoding Asia",
                "https://example.com/decoding-asia/archive/decoding-asia/\(NewsletterFolder.sentWeek)/",
                "Top story: \(NewsletterFolder.sentHeadline)",
            ])
    }

    @Test("run again, unchanged files are left alone; a new sent issue is added; bad options are refused")
    func rerunAndRefusals() throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let output = newsletter.root.appendingPathComponent("site")
        #expect(try Self.archive(newsletter, ["--output", output.path, "--base-url", Self.base]).succeeded)
        let style = output.appendingPathComponent("assets/\(NewsletterFolder.theme)/style.css")
        let before = try FileManager.default.attributesOfItem(atPath: style.path)[.modificationDate] as? Date

        let again = try Self.archive(newsletter, ["--output", output.path, "--base-url", Self.base])
        #expect(again.stdout.contains("Wrote 0 files"), "\(again)")
        #expect(again.stdout.contains("(5 unchanged)"), "\(again)")
        #expect(try FileManager.default.attributesOfItem(atPath: style.path)[.modificationDate] as? Date == before)

        // The draft starts sending: its page appears, and the indexes and the feed change.
        try newsletter.directory.write(
            "", to: "Digests/\(NewsletterFolder.theme)/\(NewsletterFolder.draftWeek)/delivery.ledger")
        let third = try Self.archive(newsletter, ["--output", output.path, "--base-url", Self.base])
        #expect(third.stdout.contains("Wrote 4 files"), "\(third)")
        #expect(third.stdout.contains("2 issues"), "\(third)")

        let badURL = try Self.archive(newsletter, ["--output", output.path, "--base-url", "ftp://example.com/"])
        #expect(badURL.status == 64)
        #expect(badURL.stderr.contains("--base-url"))
        let badTheme = try Self.archive(newsletter, ["--output", output.path, "--theme", "../elsewhere"])
        #expect(badTheme.status == 64)
        let noTheme = try Self.archive(newsletter, ["--output", output.path, "--theme", "missing"])
        #expect(!noTheme.succeeded)
        #expect(noTheme.stderr.contains("missing"), "\(noTheme)")
    }
}
