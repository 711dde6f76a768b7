import ArgumentParser
import Collector
import Composer
import Foundation
import Stories

/// `digest events`: every event of the week as the desk groups it, with each report's headline,
/// so an editor (or the stories benchmark) can check what was folded together.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List the week's events: which reports the desk folds into one story.",
        discussion: """
            Groups the week's readable articles (the theme's language and topics) into events, as \
            `compose` does, and prints each event of two or more reports with its section and its \
            reports' headlines, the lead first; --all adds single reports. --json writes every \
            event as {"section","lead","articles"} lines. --method single-link shows the grouping \
            digest used before (whole-text similarity, within a section), for comparison; --pairs \
            FILE writes the evidence behind each compared pair, for tuning; --placements FILE writes \
            each article's section (--placement baseline: as digest placed them before).
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case events
        case singleLink = "single-link"
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    @Option(help: "How to group: events (the default) or single-link (the former grouping).")
    var method: Method = .events

    @Flag(help: "List single reports too.")
    var all = false

    @Flag(help: "One JSON object a line: {\"section\",\"lead\",\"articles\"}.")
    var json = false

    @Option(help: ArgumentHelp("Write each compared pair's evidence as TSV to this file.", valueName: "file"))
    var pairs: String?

    enum Placement: String, ExpressibleByArgument, CaseIterable {
        case context
        case baseline
    }

    @Option(
        help: ArgumentHelp(
            "Write where each article is placed, one {\"id\",\"section\"} JSON line each, to this file.",
            valueName: "file"))
    var placements: String?

    @Option(help: "How to place articles: context (the default) or baseline (the former placement).")
    var placement: Placement = .context

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let composer = IssueComposer(theme: theme)
        let articles = try composer.readableArticles(newsletter.articles.loadAll(), week: week)
        let classifier =
            placement == .context ? composer.classifier : .baseline(sections: theme.settings.sections)
        let sections = articles.map { classifier.section(for: $0) }
        if let placements {
            var lines = ""
            for (article, section) in zip(articles, sections) {
                let object: [String: Any] = ["id": article.id, "section": section ?? NSNull()]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                lines += String(decoding: data, as: UTF8.self) + "\n"
            }
            try Data(lines.utf8).write(to: URL(fileURLWithPath: placements), options: .atomic)
        }
        let events: [([Int], Event)]
        switch method {
        case .events:
            let headlines = articles.map { composer.desk.copyDesk.headline($0.title, source: $0.source).text }
            let grouping = composer.desk.clusterer.grouping(of: articles, headlines: headlines)
            events = grouping.events.indices.map { index in
                let group = grouping.events[index]
                return (
                    group,
                    Event(
                        articles: group.map { articles[$0] }, reports: grouping.reports[index],
                        relatedEvents: grouping.relatedEvents[index])
                )
            }
            if let pairs {
                try writeEvidence(
                    composer.desk.clusterer.evidence(in: articles, headlines: headlines), articles: articles,
                    to: URL(fileURLWithPath: pairs))
            }
        case .singleLink:
            // As compose grouped before: within a section; an unplaced article stands alone.
            let partitions = articles.indices.map { sections[$0] ?? "unplaced-\($0)" }
            events = SingleLinkClusterer(tokenizer: composer.summarizer.tokenizer).events(
                in: articles, partitions: partitions
            ).map { group in (group, Event(articles: group.map { articles[$0] })) }
        }
        let placements = Dictionary(
            articles.indices.compactMap { index in sections[index].map { (articles[index].id, $0) } },
            uniquingKeysWith: { first, _ in first })
        var output = ""
        let order = Dictionary(
            composer.desk.ranked(events.map(\.1)).enumerated().map { ($1.lead.id, $0) },
            uniquingKeysWith: { first, _ in first })
        for (group, event) in events.sorted(by: { order[$0.1.lead.id, default: 0] < order[$1.1.lead.id, default: 0] })
        where all || json || group.count > 1 {
            let section = composer.section(of: event, placements: placements)
            if json {
                let object: [String: Any] = [
                    "section": section ?? NSNull(), "lead": event.lead.id, "articles": event.articles.map(\.id),
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                output += String(decoding: data, as: UTF8.self) + "\n"
            } else {
                output +=
                    "\(section ?? "(no section)") · salience "
                    + String(format: "%.2f", composer.desk.salience(of: event))
                    + " · \(event.articles.count) reports · \(event.relatedEvents) in other headlines · "
                    + "\(event.sources.joined(separator: ", "))\n"
                for article in [event.lead] + event.articles.filter({ $0.id != event.lead.id }) {
                    let day = article.published.map { ISO8601DateFormatter().string(from: $0).prefix(16) } ?? ""
                    output +=
                        "  \(article.id == event.lead.id ? "*" : "-") \(day)  \(printable(article.title))  [\(article.id)]\n"
                }
            }
        }
        if !json {
            let multi = events.filter { $0.0.count > 1 }.count
            output += "\(events.count) events (\(multi) of two or more reports) from \(articles.count) articles\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    private func writeEvidence(
        _ evidence: (copies: [[Int]], pairs: [EventClusterer.PairEvidence]), articles: [Article], to file: URL
    ) throws {
        var lines = ["first\tsecond\taction\tlede\tnames\tfirst_kind\tsecond_kind\thours\tscore"]
        // Groups of copies first, as rows of their own.
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
                ].joined(separator: "\t"))
        }
        do {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(file.path): \(error.localizedDescription)")
        }
    }
}
