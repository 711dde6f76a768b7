import DigestTestSupport
import Foundation
import Storage
import Testing

@testable import Collector

@Suite("Reading a text file, a folder of pages, and the run's table")
struct TextFileTests {
    @Test("summarize reads an article with its headline, a headless one-line text as it stands, never an empty page")
    func readForSummary() throws {
        let folder = try TemporaryDirectory()
        let collector = Collector(store: ArticleStore(folder: folder.url(for: "articles")))
        let article = try folder.write(
            "Harbour pilots end strike\n\nPilots at the port went back to work on Monday after a week-long strike "
                + "over night shifts.\n\nThe port authority said ships waiting offshore would dock by Thursday.\n",
            to: "article.txt")
        let read = try collector.readForSummary(article.path)
        #expect(read.title == "Harbour pilots end strike")
        #expect(read.text.hasPrefix("Pilots at the port went back") && !read.text.contains("Harbour pilots"))
        let line = "The ferry resumed service on Monday after the storm, the operator said."
        let oneLine = try folder.write(line, to: "line.txt")
        let plain = try collector.readForSummary(oneLine.path)
        #expect(plain.text == line && plain.title == nil)
        let blank = try folder.write("  \n", to: "blank.txt")
        #expect(throws: (any Error).self) { try collector.readForSummary(blank.path) }
        let page = try folder.write("<html><body></body></html>", to: "empty.html")
        #expect(throws: (any Error).self) { try collector.readForSummary(page.path) }
    }

    @Test(
        "text is read as UTF-8, a byte-order mark dropped and UTF-16 converted; too large, missing or not text is an error"
    )
    func readText() throws {
        let folder = try TemporaryDirectory()
        let collector = Collector(store: ArticleStore(folder: folder.url(for: "articles")))
        let plain = try folder.write("Grüße aus Seoul.", to: "plain.txt")
        #expect(try collector.readText(plain.path) == "Grüße aus Seoul.")
        let utf16 = folder.url(for: "utf16.txt")
        try Data([0xFF, 0xFE] + Array("Hi".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: utf16)
        #expect(try collector.readText(utf16.path) == "Hi")
        let broken = folder.url(for: "broken.txt")
        try Data([0x41, 0xFF, 0x42]).write(to: broken)
        var small = collector
        small.maxBytes = 4
        let cases: [(Collector, String, CollectorError.Code, String)] = [
            (collector, broken.path, .notUTF8, "text is not valid UTF-8 (nor UTF-16 with a byte-order mark)"),
            (collector, folder.url(for: "missing.txt").path, .unreadable, "cannot read the file"),
            (small, plain.path, .tooLarge, "the file is 0 MB, over the 0 MB limit"),
        ]
        for (reader, path, code, message) in cases {
            do {
                _ = try reader.readText(path)
                Issue.record("\(path) must not be read")
            } catch {
                #expect(error.code == code)
                #expect(error.description == "\(path): \(message)")
            }
        }
    }

    @Test("a folder's pages become id/text lines by name, a broken page an empty text and its error")
    func extractPages() throws {
        let folder = try TemporaryDirectory()
        let page = """
            <html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>
            <p>Dock workers in the port returned to work on Tuesday after a week-long strike over pay ended with a deal.</p>
            <p>The union said the agreement raises wages by six per cent over two years and adds a night-shift bonus.</p>
            </article></body></html>
            """
        _ = try folder.write(page, to: "pages/b-port.html")
        _ = try folder.write("not a page", to: "pages/notes.txt")
        _ = try folder.write(String(repeating: "x", count: 4096), to: "pages/a-big.html")
        var collector = Collector(store: ArticleStore(folder: folder.url(for: "articles")))
        collector.maxBytes = 1024
        let (lines, failures) = try collector.extractPages(inFolder: folder.url(for: "pages").path)
        #expect(lines.count == 2)
        #expect(lines[0] == "{\"id\":\"a-big\",\"text\":\"\"}")
        #expect(failures.count == 1)
        collector.maxBytes = 20 << 20
        let again = try collector.extractPages(inFolder: folder.url(for: "pages").path)
        #expect(again.jsonLines[1].hasPrefix("{\"id\":\"b-port\",\"text\":\"Dock workers"))
        #expect(throws: CollectorError.self) { try collector.extractPages(inFolder: folder.url(for: "none").path) }
    }

    @Test("the table sums a feed's snapshots by its link, pads the counts, and says what happened to each")
    func table() {
        var report = CollectReport()
        #expect(report.table(perSource: false) == nil)
        var first = SourceReport(source: "a.xml")
        (first.feedTitle, first.feedLink, first.read, first.added) = ("Wire", "https://wire.example/", 3, 2)
        var second = SourceReport(source: "b.xml")
        (second.feedTitle, second.feedLink, second.read, second.unchanged) = ("Wire", "https://wire.example/", 3, 3)
        var failed = SourceReport(source: "c.txt")
        failed.failure = "c.txt: no headline and body found"
        report.sources = [first, second, failed]
        #expect(
            report.table(perSource: false) == [
                "  read    new  updated  unchanged  source",
                "     6      2        0          3  Wire (2 sources)",
                "     0      0        0          0  c.txt (failed)",
            ])
        #expect(report.table(perSource: true)?.count == 4)
        report.failures = [CollectorError(.noArticle, source: "c.txt", message: "no headline and body found")]
        report.unchanged = 3
        #expect(
            report.summary(seconds: 1.234, folder: "/n/articles")
                == "Collected 0 new, 0 updated, 3 unchanged; 1 failed in 1.23 s (/n/articles)")
        #expect(report.leftoversNote(folder: "/n") == nil)
        report.removedLeftovers = 2
        #expect(report.leftoversNote(folder: "/n") == "removed 2 temporary files left by an interrupted run in /n")
    }

    @Test("an output path that is a device is written in place, a folder refused, a file replaced")
    func outputFile() throws {
        let folder = try TemporaryDirectory()
        try OutputFile.write(Data("x".utf8), toPath: "/dev/null")
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write(Data("x".utf8), toPath: folder.path) }
        let file = folder.url(for: "out.txt")
        try OutputFile.write(Data("one".utf8), toPath: file.path)
        try OutputFile.write(Data("two".utf8), toPath: file.path)
        #expect(try String(contentsOf: file, encoding: .utf8) == "two")
    }
}
