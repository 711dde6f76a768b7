import Collector
import Foundation

/// A small invented week of news, written for these tests: a few events told by several reports
/// in different words, events that share a topic but not a happening, an explainer, briefs, and
/// unrelated stories that give the week's vocabulary its ordinary spread.
enum WeekFixture {
    static let monday = Date(timeIntervalSince1970: 1_787_529_600)  // a Monday, 00:00 UTC

    /// An article published `hours` after Monday midnight.
    static func article(
        _ id: String, _ title: String, standfirst: String? = nil, _ paragraphs: [String], hours: Double,
        source: String = "Wire One", url: String? = nil, summaryOnly: Bool = false
    ) -> Article {
        Article(
            id: id, title: title, standfirst: standfirst, paragraphs: paragraphs, source: source,
            published: monday.addingTimeInterval(hours * 3600), url: url ?? "https://news.example/asia/\(id)",
            language: "en",
            provenance: Provenance(
                kind: .feed, location: "fixture", fetchedAt: monday, summaryOnly: summaryOnly ? true : nil),
            contentHash: id)
    }

    /// Background stories: different places, subjects and words.
    static let background: [Article] = [
        article(
            "bg-yields", "Japan's long bond yields climb to a three-decade high",
            [
                "Yields on Japan's 30-year government bonds rose to their highest level in three decades on Tuesday as traders bet the central bank would lift rates again.",
                "The finance ministry is due to auction fresh debt later in the week, and dealers expect weak demand.",
            ], hours: 30, source: "Wire Two"),
        article(
            "bg-trade", "India's trade gap narrows as gold imports fall",
            [
                "India's merchandise trade deficit narrowed in July as imports of gold slumped from a record, government data showed on Wednesday.",
                "Exports to the United States rose for a second month, helped by electronics shipments.",
            ], hours: 52, source: "Wire One"),
        article(
            "bg-court", "Thai court acquits former minister in land case",
            [
                "A Bangkok court on Thursday acquitted a former agriculture minister of abusing his office in a land deal, ending a case that had run for six years.",
                "Prosecutors said they would study the verdict before deciding whether to appeal.",
            ], hours: 80, source: "Wire Two"),
        article(
            "bg-chips", "Taiwan chipmaker lifts forecast on strong AI demand",
            [
                "Taiwan's biggest contract chipmaker raised its full-year revenue forecast on Thursday, citing orders for artificial intelligence servers.",
                "Its shares rose 3 per cent in Taipei after the announcement.",
            ], hours: 78, source: "Wire One"),
        article(
            "bg-rice", "Philippines extends rice import ban to protect farmers",
            [
                "The Philippines will extend a ban on rice imports by two months to shore up prices paid to local farmers at harvest time, the agriculture department said on Friday.",
                "Retail rice prices have fallen by a tenth since the ban began.",
            ], hours: 100, source: "Wire Two"),
        article(
            "bg-metro", "Jakarta opens second metro line after years of delay",
            [
                "Indonesia's capital opened the first stretch of its second metro line on Saturday, four years behind schedule.",
                "City officials hope the line will ease some of the worst traffic congestion in Asia.",
            ], hours: 125, source: "Wire One"),
        article(
            "bg-dam", "Laos dam operator warns of spillway release as rains swell reservoir",
            [
                "The operator of a hydropower dam in southern Laos warned villagers downstream on Tuesday that it would open spillway gates after heavy monsoon rains.",
                "Authorities in neighbouring Cambodia said they were monitoring river levels.",
            ], hours: 33, source: "Wire Two"),
    ]
}
