import DigestTestSupport
import Foundation
import Testing

@testable import Collector

/// A good feed beside each kind of bad input: the bad one gets one clear message naming it, the
/// good one is still collected, and what was stored before is left exactly as it was.
@Suite("Bad input gets a clear message and loses nothing")
struct BadInputTests {
    enum Bad: String, CaseIterable, Sendable {
        case malformedXML, truncatedGzip, binary, hugeHTML, invalidUTF8Text, invalidUTF8HTML, invalidUTF8Feed
        case unknownEncodingFeed, unknownEncodingHTML
    }

    static let goodFeed = """
        <rss version="2.0"><channel><title>Steady Desk</title>
        <item><title>Reservoir full after rains</title><guid>steady-desk-00000001</guid>
        <description>The reservoir above the town is full for the first time in six years.</description></item>
        </channel></rss>
        """

    /// Writes the bad input and returns its path and the words its message must contain.
    static func write(_ bad: Bad, in folder: TemporaryDirectory) throws -> (URL, String, CollectorError.Code) {
        switch bad {
        case .malformedXML:
            let text =
                "<rss version=\"2.0\"><channel><title>Broken</title>\n<item><title>Half an item</title>\n</channel>"
            return (try folder.write(text, to: "bad/broken.xml"), "malformed XML, line", .malformed)
        case .truncatedGzip:
            let page = String(repeating: "<p>A paragraph about the harbour and its boats.</p>\n", count: 400)
            let compressed = try gzip(Data("<html><body><article>\(page)</article></body></html>".utf8))
            return (
                try folder.write(compressed.prefix(compressed.count / 2), to: "bad/page.html.gz"), "truncated",
                .malformed
            )
        case .binary:
            var bytes = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00])
            bytes.append(Data((0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
            return (try folder.write(bytes, to: "bad/program.html"), "binary", .malformed)
        case .hugeHTML:
            let block = Data(String(repeating: "<p>Filler text for a very large page.</p>\n", count: 25_000).utf8)
            var data = Data("<html><body>".utf8)
            while data.count < 50 << 20 { data.append(block) }
            return (try folder.write(data, to: "bad/huge.html"), "over the 20 MB limit", .tooLarge)
        case .invalidUTF8Text:
            return (
                try folder.write(Data("Harbour news\n\nBoats \u{FF}".utf8) + Data([0xC3, 0x28]), to: "bad/bad.txt"),
                "not valid UTF-8", .notUTF8
            )
        case .invalidUTF8HTML:
            let html =
                Data("<html><body><article><p>Boats in the harbour ".utf8) + Data([0xE2, 0x28, 0xA1])
                + Data("</p></article></body></html>".utf8)
            return (try folder.write(html, to: "bad/bad.html"), "not valid UTF-8", .notUTF8)
        case .invalidUTF8Feed:
            let xml =
                Data("<rss version=\"2.0\"><channel><title>Bad bytes</title><item><title>Boats ".utf8)
                + Data([0xFF, 0xFE, 0x80]) + Data("</title></item></channel></rss>".utf8)
            return (try folder.write(xml, to: "bad/bytes.xml"), "UTF-8", .notUTF8)
        case .unknownEncodingFeed:
            let xml = "<?xml version=\"1.0\" encoding=\"x-harbour-7\"?><rss version=\"2.0\"><channel></channel></rss>"
            return (try folder.write(xml, to: "bad/encoding.xml"), "x-harbour-7", .unknownEncoding)
        case .unknownEncodingHTML:
            let html = "<html><head><meta charset=\"x-harbour-7\"></head><body><p>Boats.</p></body></html>"
            return (
                try folder.write(html, to: "bad/encoding.html"), "unknown character encoding 'x-harbour-7'",
                .unknownEncoding
            )
        }
    }

    @Test(
        "each bad input is named in one message; the good source is collected; stored files are untouched",
        arguments: Bad.allCases)
    func badInput(_ bad: Bad) throws {
        let folder = try TemporaryDirectory()
        let collector = Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")))
        let earlier = try folder.write(
            "Ferry timetable\n\nThe winter ferry timetable starts on Monday.\n", to: "earlier/ferry.txt")
        #expect(collector.collect([earlier.path]).added.count == 1)
        let storeFolder = folder.url(for: "Digests/articles")
        let before = try snapshotOfFolder(storeFolder)

        let (badFile, words, code) = try Self.write(bad, in: folder)
        let good = try folder.write(Self.goodFeed, to: "good/steady.xml")
        let report = collector.collect([badFile.path, good.path])

        // A malformed feed may give back the items before its error; nothing else is stored.
        #expect(report.added.map(\.title).filter { $0 != "Half an item" } == ["Reservoir full after rains"])
        let failures = report.failures.filter { $0.source == badFile.path }
        #expect(failures.count == 1, "\(report.failures)")
        let failure = try #require(failures.first)
        #expect(failure.code == code, "\(failure)")
        #expect(failure.description.hasPrefix(badFile.path))
        #expect(failure.message.contains(words), "\(failure.message)")
        let after = try snapshotOfFolder(storeFolder).filter { before.contains($0) }
        #expect(after == before)
    }

    @Test("a feed that recovers after an error keeps the items before it")
    func recoveredItems() throws {
        let folder = try TemporaryDirectory()
        let collector = Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")))
        let xml = """
            <rss version="2.0"><channel><title>Cut Desk</title>
            <item><title>Pier repairs finish early</title><guid>cut-desk-000000000001</guid>
            <description>Repairs to the pier finished a week early.</description></item>
            <item><title>Second item</title><description>Cut off here
            """
        let file = try folder.write(xml, to: "cut.xml")
        let report = collector.collect([file.path])
        #expect(report.added.map(\.title).contains("Pier repairs finish early"))
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.code == .malformed)
    }

    /// gzip through the system's `gzip` program, so the test does not share our zlib code.
    static func gzip(_ data: Data) throws -> Data {
        let folder = try TemporaryDirectory()
        let file = try folder.write(data, to: "in")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", "-9", file.path]
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: folder.url(for: "in.gz"))
    }
}
