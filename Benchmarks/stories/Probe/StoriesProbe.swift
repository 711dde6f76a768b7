import ArgumentParser
import Collector
import Composer
import Foundation

/// The stories benchmark's instrument (run by `Benchmarks/stories/run.sh`, not part of `digest`): a week's
/// events as `digest events --json --all` prints them, or as the former grouping made them, with the evidence
/// behind every pair the grouping compared and the section each article is placed in, for `score.py`,
/// `score_sections.py` and `tune.py`.
@main
struct StoriesProbe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories-probe",
        abstract: "Group a collected week into events for the stories benchmark; one JSON object per event on stdout.")

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case events
        case singleLink = "single-link"
    }

    enum Placement: String, ExpressibleByArgument, CaseIterable {
        case context
        case baseline
    }

    @Option(help: ArgumentHelp("The newsletter folder, with its articles collected.", valueName: "dir"))
    var root: String

    @Option(help: "The ISO week, like 2026-W34.")
    var week: String

    @Option(help: "events (the desk's grouping, as compose does it) or single-link (the former grouping).")
    var method: Method = .events

    @Option(help: "context (the composer's placement) or baseline (the former placement).")
    var placement: Placement = .context

    @Option(help: ArgumentHelp("Write each compared pair's evidence as TSV to this file.", valueName: "file"))
    var pairs: String?

    @Option(help: ArgumentHelp("Write each article's section, one {\"id\",\"section\"} line each.", valueName: "file"))
    var placements: String?

    func run() throws {
        let newsletter = NewsletterFolder(root: URL(fileURLWithPath: root))
        let theme = try newsletter.theme(named: nil)
        let report = try WeekEvents(
            theme: theme, articles: ArticleStore(folder: newsletter.articlesFolder).loadAll(),
            week: try NewsletterFolder.week(week, theme: theme, now: Date()),
            grouping: method == .events ? .events : .singleLink, baselinePlacement: placement == .baseline)
        if let placements {
            try Data(report.placementLines.utf8).write(to: URL(fileURLWithPath: placements), options: .atomic)
        }
        if let pairs, let evidence = report.pairsTSV {
            try Data(evidence.utf8).write(to: URL(fileURLWithPath: pairs), options: .atomic)
        }
        FileHandle.standardOutput.write(Data(report.jsonLines.utf8))
    }
}
