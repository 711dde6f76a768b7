import ArgumentParser
import Collector
import Composer
import Foundation

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
        let report = try WeekEvents(
            theme: theme, articles: newsletter.articles.loadAll(), week: week,
            grouping: method == .events ? .events : .singleLink, baselinePlacement: placement == .baseline)
        if let placements { try AtomicWrite.write(report.placementLines, to: placements) }
        if let pairs, let evidence = report.pairsTSV { try AtomicWrite.write(evidence, to: pairs) }
        try writeStandardOutput(Data((json ? report.jsonLines : report.listing(all: all, clean: printable)).utf8))
    }
}
