import ArgumentParser
import Collector
import CommandOptions
import Composer
import Foundation

/// `digest events`: every event of the week as the desk groups it, with each report's headline,
/// so an editor can check what was folded together (the stories benchmark groups the week with
/// `stories-probe`, which also shows the former grouping and the evidence behind each pair).
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List the week's events: which reports the desk folds into one story.",
        discussion: """
            Groups the week's readable articles (the theme's language and topics) into events, as \
            `compose` does, and prints each event of two or more reports with its section and its \
            reports' headlines, the lead first; --all adds single reports. --json writes every \
            event as {"section","lead","articles"} lines.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    @Flag(help: "List single reports too.")
    var all = false

    @Flag(help: "One JSON object a line: {\"section\",\"lead\",\"articles\"}.")
    var json = false

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let report = try WeekEvents(
            theme: theme, articles: newsletter.articles.loadAll(), week: week,
            grouping: .events, baselinePlacement: false)
        try writeStandardOutput(Data((json ? report.jsonLines : report.listing(all: all, clean: printable)).utf8))
    }
}
