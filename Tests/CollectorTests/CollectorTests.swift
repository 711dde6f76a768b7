import DigestTestSupport
import Foundation
import Testing

@testable import Collector

@Suite("Collecting files into the article store")
struct CollectorTests {
    let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

    func makeCollector(_ folder: TemporaryDirectory) -> Collector {
        let now = fixedNow
        return Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")), now: { now })
    }

    @Test("the sample week is collected once, and collecting again changes nothing")
    func sampleWeekIsIdempotent() throws {
        let folder = try TemporaryDirectory()
        let collector = makeCollector(folder)
        let sample = PackageRoot.url.appendingPathComponent("Digests/sample-week").path
        let first = collector.collect([sample])
        #expect(first.failures.isEmpty, "\(first.failures)")
        #expect(first.added.count == 16)
        let storeFolder = folder.url(for: "Digests/articles")
        let before = try FileManager.default.contentsOfDirectory(atPath: storeFolder.path).sorted()
        let modified = try before.map {
            try FileManager.default.attributesOfItem(atPath: storeFolder.appendingPathComponent($0).path)[
                .modificationDate] as? Date
        }

        let second = collector.collect([sample])
        #expect(second.added.isEmpty && second.updated.isEmpty)
        #expect(second.unchanged == 16)
        let after = try FileManager.default.contentsOfDirectory(atPath: storeFolder.path).sorted()
        #expect(after == before)
        let modifiedAfter = try after.map {
            try FileManager.default.attributesOfItem(atPath: storeFolder.appendingPathComponent($0).path)[
                .modificationDate] as? Date
        }
        #expect(modifiedAfter == modified)

        for article in first.added {
            let text = article.text
            #expect(!text.contains("PHOTO:"), "\(article.title)")
            #expect(!text.contains("Sign up"), "\(article.title)")
            #expect(!text.hasPrefix("["), "\(article.title)")
            #expect(article.published != nil, "\(article.title)")
            #expect(article.source != nil, "\(article.title)")
        }
    }

    @Test("a changed file replaces the stored version; a copy of stored content is stored once")
    func updatesAndCopies() throws {
        let folder = try TemporaryDirectory()
        let collector = makeCollector(folder)
        let html = { (body: String) in
            """
            <html><head><link rel="canonical" href="https://example.org/a"><title>Port reopens</title>
            <meta property="article:published_time" content="2026-11-18T08:00:00Z"></head>
            <body><article><p>\(body)</p></article></body></html>
            """
        }
        let file = try folder.write(html("The port of Chittagong reopened on Wednesday."), to: "in/a.html")
        #expect(collector.collect([file.path]).added.count == 1)
        _ = try folder.write(
            html("The port of Chittagong reopened on Wednesday after a two-day strike."), to: "in/a.html")
        let updated = collector.collect([file.path])
        #expect(updated.updated.count == 1)
        let stored = try collector.store.loadAll()
        #expect(stored.count == 1)
        #expect(stored.first?.paragraphs == ["The port of Chittagong reopened on Wednesday after a two-day strike."])

        let text = "Rice prices\n\nRice prices in Dhaka rose 4 per cent this week, traders said.\n"
        let one = try folder.write(text, to: "in/one.txt")
        let two = try folder.write(text, to: "in/copy/two.txt")
        let report = collector.collect([one.path, two.path])
        #expect(report.added.count == 1)
        #expect(report.unchanged == 1)
    }

    @Test("a bad source is reported by name and the others are still collected")
    func badSourcesAreReported() throws {
        let folder = try TemporaryDirectory()
        let collector = makeCollector(folder)
        let good = try folder.write("Tea exports\n\nSri Lanka's tea exports rose in October.\n", to: "in/good.txt")
        let invalid = try folder.write(Data([0x54, 0x65, 0xFF, 0xFE, 0x0A]), to: "in/bad.txt")
        let missing = folder.url(for: "in/missing.txt")
        let dangling = folder.url(for: "in/dangling.md")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: missing.path)
        let other = try folder.write("%PDF-1.4 not an article", to: "in/report.pdf")

        let report = collector.collect([good.path, invalid.path, missing.path, dangling.path, other.path])
        #expect(report.added.map(\.title) == ["Tea exports"])
        let messages = report.failures.map(\.description)
        #expect(messages.count == 4)
        #expect(messages.contains { $0.hasPrefix(invalid.path) && $0.contains("not valid UTF-8") })
        #expect(messages.contains { $0.hasPrefix(missing.path) && $0.contains("no such file") })
        #expect(messages.contains { $0.hasPrefix(dangling.path) })
        #expect(messages.contains { $0.hasPrefix(other.path) && $0.contains("unsupported file type '.pdf'") })
    }

    @Test("stored articles are JSON documents with their provenance")
    func storedDocument() throws {
        let folder = try TemporaryDirectory()
        let collector = makeCollector(folder)
        let file = try folder.write("Kathmandu air\n\nAir quality in Kathmandu worsened on Monday.\n", to: "in/air.txt")
        let article = try #require(collector.collect([file.path]).added.first)
        let json = folder.url(for: "Digests/articles/\(article.id).json")
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let provenance = try #require(object["provenance"] as? [String: Any])
        #expect(provenance["kind"] as? String == "file")
        #expect(provenance["location"] as? String == file.standardizedFileURL.path)
        #expect(provenance["fetchedAt"] as? String == "2026-11-18T11:06:40Z")
        #expect(object["title"] as? String == "Kathmandu air")
    }
}
