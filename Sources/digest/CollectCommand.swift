import ArgumentParser
import Collector
import Foundation

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collect articles from files, folders and web pages into Digests/articles/.",
        discussion: """
            Each source is a .html, .txt or .md file, a folder of them, or an http(s) URL of an article
            page. Articles are cleaned (captions, photo credits, promos, datelines and sign-offs are
            taken out of the body and kept as metadata) and stored once; collecting again changes
            nothing. With no sources, the theme's feeds are collected.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Files, folders or URLs to collect.")
    var sources: [String] = []

    @Flag(help: "Fetch and extract the full page of feed items that carry only a summary.")
    var fetchPages = false

    @Option(help: "The time zone of dates printed without one (default: the theme's).")
    var timeZone: String?

    func run() throws {
        let newsletter = global.newsletter
        var sources = sources
        let theme = try? newsletter.theme(nil)
        if sources.isEmpty {
            sources = theme?.settings.feeds ?? []
            guard !sources.isEmpty else {
                throw ValidationError("give the files, folders or URLs to collect (the theme lists no feeds)")
            }
        }
        var zone = theme?.timeZone ?? TimeZone(identifier: "UTC") ?? .gmt
        if let timeZone {
            guard let named = TimeZone(identifier: timeZone) else {
                throw ValidationError("unknown time zone '\(timeZone)'")
            }
            zone = named
        }
        let collector = Collector(store: newsletter.articles, cleaner: TextCleaner(timeZone: zone))
        let report = collector.collect(sources)
        for failure in report.failures { printError("digest: \(failure)") }
        print(
            "Collected \(report.added.count) new, \(report.updated.count) updated, \(report.unchanged) unchanged"
                + (report.failures.isEmpty ? "" : "; \(report.failures.count) failed")
                + " (\(newsletter.articles.folder.path))")
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
