import Collector
import DigestTestSupport
import Foundation
import Testing

@testable import Composer

@Suite("The week's events as digest events shows them")
struct WeekEventsTests {
    let newsletter = NewsletterFolder(root: PackageRoot.url)

    @Test("the week's events list, as JSON lines, placements and pairs' evidence, agree on the sample week")
    func events() throws {
        let theme = try newsletter.theme(named: nil)
        let folder = try TemporaryDirectory()
        let collector = Collector(
            store: ArticleStore(folder: folder.url(for: "articles")), cleaner: TextCleaner(timeZone: theme.timeZone))
        let articles = withExtendedLifetime(folder) {
            collector.collect([PackageRoot.url.appendingPathComponent("Digests/sample-week").path]).added
        }
        let week = ISOWeek(year: 2026, week: 47)
        let report = try WeekEvents(
            theme: theme, articles: articles, week: week, grouping: .events, baselinePlacement: false)
        #expect(!report.events.isEmpty)
        #expect(report.events.reduce(0) { $0 + $1.indices.count } == report.articles.count)
        // Two reports of the Bank of Korea's cut are one event.
        #expect(report.events.contains { $0.indices.count > 1 })
        let json = report.jsonLines.split(separator: "\n")
        #expect(json.count == report.events.count)
        #expect(json.allSatisfy { $0.hasPrefix("{\"articles\":[") })
        #expect(report.placementLines.split(separator: "\n").count == report.articles.count)
        let listing = report.listing(all: false, clean: { $0 })
        let multi = report.events.filter { $0.indices.count > 1 }.count
        #expect(
            listing.hasSuffix(
                "\(report.events.count) events (\(multi) of two or more reports) from \(report.articles.count) articles\n"
            ))
        #expect(listing.components(separatedBy: " · salience ").count == multi + 1)
        #expect(
            report.listing(all: true, clean: { _ in "T" }).components(separatedBy: "  T  [").count
                == report.articles.count + 1)
        let tsv = try #require(report.pairsTSV)
        #expect(
            tsv.hasPrefix("first\tsecond\taction\tlede\tnames\tfirst_kind\tsecond_kind\thours\tscore\tannouncement\n"))
        let single = try WeekEvents(
            theme: theme, articles: articles, week: week, grouping: .singleLink, baselinePlacement: true)
        #expect(single.pairsTSV == nil)
        #expect(single.articles.count == report.articles.count)
    }
}
