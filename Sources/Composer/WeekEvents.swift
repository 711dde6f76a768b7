import Foundation
import NewsValues
import Stories

/// The week's events as the desk groups them, with where each article is placed: what `digest events`
/// shows, so an editor can check what was folded together, and what the stories benchmark's
/// `stories-probe` scores (also by the former grouping and placement). A value that
/// renders itself as a listing, as JSON lines, as placement lines and as the pairs' evidence (TSV).
public struct WeekEvents {
    /// How reports are grouped into events.
    public enum Grouping: Sendable {
        /// The desk's event grouping, as `compose` does it.
        case events
        /// The grouping digest used before: whole-text similarity, within a section.
        case singleLink
    }

    /// The week's readable articles (the theme's language and topics).
    public let articles: [Article]
    /// The section each article is placed in, if any, in the order of `articles`.
    public let sections: [String?]
    /// Each event with its articles' indices, most salient first.
    public let events: [(indices: [Int], event: Event)]
    private let composer: IssueComposer
    /// The headlines the event grouping compared; nil for the single-link grouping.
    private let headlines: [String]?

    /// Groups `theme`'s readable articles of `week`, placing them with the theme's classifier (or, with
    /// `baselinePlacement`, as digest placed them before).
    public init(
        theme: Theme, articles all: [Article], week: ISOWeek, grouping: Grouping, baselinePlacement: Bool
    ) throws {
        let composer = IssueComposer(theme: theme)
        let articles = try composer.readableArticles(all, week: week)
        let classifier = baselinePlacement ? .baseline(sections: theme.settings.sections) : composer.classifier
        let sections = articles.map { classifier.section(for: $0) }
        var events: [([Int], Event)]
        var headlines: [String]?
        switch grouping {
        case .events:
            let compared = articles.map { composer.desk.copyDesk.headline($0.title, source: $0.source).text }
            headlines = compared
            let found = composer.desk.clusterer.grouping(of: articles, headlines: compared)
            events = found.events.indices.map { index in
                let group = found.events[index]
                let event = Event(
                    articles: group.map { articles[$0] }, reports: found.reports[index],
                    relatedEvents: found.relatedEvents[index])
                return (group, event)
            }
        case .singleLink:
            // As compose grouped before: within a section; an unplaced article stands alone.
            let partitions = articles.indices.map { sections[$0] ?? "unplaced-\($0)" }
            events = SingleLinkClusterer(tokenizer: composer.summarizer.tokenizer).events(
                in: articles, partitions: partitions
            ).map { group in (group, Event(articles: group.map { articles[$0] })) }
        }
        let order = Dictionary(
            composer.desk.ranked(events.map(\.1)).enumerated().map { ($1.lead.id, $0) },
            uniquingKeysWith: { first, _ in first })
        events.sort { order[$0.1.lead.id, default: 0] < order[$1.1.lead.id, default: 0] }
        self.articles = articles
        self.sections = sections
        self.events = events.map { (indices: $0.0, event: $0.1) }
        self.composer = composer
        self.headlines = headlines
    }

    /// One `{"id","section"}` JSON line per article (section null when unplaced).
    public var placementLines: String {
        zip(articles, sections).map { article, section in
            Self.jsonLine(["id": article.id, "section": section ?? NSNull()])
        }.joined()
    }

    /// One `{"section","lead","articles"}` JSON line per event.
    public var jsonLines: String {
        let placements = self.placements
        return events.map { _, event in
            let section = composer.section(of: event, placements: placements)
            return Self.jsonLine(
                ["section": section ?? NSNull(), "lead": event.lead.id, "articles": event.articles.map(\.id)])
        }.joined()
    }

    /// Each event of two or more reports (every event with `all`): its section, salience, reports and sources,
    /// then its reports' dates, headlines (through `clean`, for a terminal) and ids, the lead first; then a line
    /// of totals.
    public func listing(all: Bool, clean: (String) -> String) -> String {
        let placements = self.placements
        var output = ""
        for (indices, event) in events where all || indices.count > 1 {
            let section = composer.section(of: event, placements: placements)
            output +=
                "\(section ?? "(no section)") · salience " + String(format: "%.2f", composer.desk.salience(of: event))
                + " · \(event.articles.count) reports · \(event.relatedEvents) in other headlines · "
                + "\(event.sources.joined(separator: ", "))\n"
            for article in [event.lead] + event.articles.filter({ $0.id != event.lead.id }) {
                let day = article.published.map { ISO8601.format($0).prefix(16) } ?? ""
                output +=
                    "  \(article.id == event.lead.id ? "*" : "-") \(day)  \(clean(article.title))  [\(article.id)]\n"
            }
        }
        let multi = events.filter { $0.indices.count > 1 }.count
        return output + "\(events.count) events (\(multi) of two or more reports) from \(articles.count) articles\n"
    }

    /// The evidence behind each pair the event grouping compared, as TSV with a header: groups of copies
    /// first, as rows of their own. Nil for the single-link grouping, which weighs no such evidence.
    public var pairsTSV: String? {
        guard let headlines else { return nil }
        let evidence = composer.desk.clusterer.evidence(in: articles, headlines: headlines)
        var lines = ["first\tsecond\taction\tlede\tnames\tfirst_kind\tsecond_kind\thours\tscore\tannouncement"]
        for copies in evidence.copies {
            lines.append("copies\t" + copies.map { articles[$0].id }.joined(separator: ","))
        }
        for pair in evidence.pairs {
            let first = pair.first.map { articles[$0].id }.joined(separator: ",")
            let second = pair.second.map { articles[$0].id }.joined(separator: ",")
            lines.append(
                [
                    first, second, String(format: "%.4f", pair.actionSimilarity),
                    String(format: "%.4f", pair.ledeSimilarity), String(format: "%.4f", pair.nameOverlap),
                    pair.firstKind.rawValue, pair.secondKind.rawValue, String(format: "%.2f", pair.apart / 3600),
                    String(format: "%.4f", pair.score),
                    pair.announcement.map { $0 ? "compared" : "added" } ?? "",
                ].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var placements: [String: String] {
        Dictionary(
            articles.indices.compactMap { index in sections[index].map { (articles[index].id, $0) } },
            uniquingKeysWith: { first, _ in first })
    }

    private static func jsonLine(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
