import ArgumentParser
import Collector
import CommandOptions
import Foundation
import Sender

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collect articles from feeds, web pages, files and folders into Digests/articles/.",
        discussion: """
            Each source is an RSS, Atom or JSON Feed (file or http(s) URL), an article page URL, a .html, \
            .txt or .md file (also gzip-compressed, .gz), or a folder of them. Articles are cleaned \
            (captions, photo credits, promos, share bars, wire markup; datelines and sign-offs are kept as \
            metadata) and stored once: the same item seen again (by GUID, then link, then content) is not \
            stored twice, a changed item replaces the old one, and collecting again changes nothing. \
            Over HTTP, ETag/Last-Modified are remembered in Digests/http-cache.json so an unchanged feed \
            costs a 304. With no sources, the theme's feeds are collected.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Feeds, files, folders or URLs to collect.")
    var sources: [String] = []

    @Flag(help: "Fetch and extract the full page of feed items that carry only a summary.")
    var fetchPages = false

    @Flag(help: allowPrivateHostsHelp)
    var allowPrivateHosts = false

    @Option(help: "The time zone of dates printed without one (default: the theme's).")
    var timeZone: String?

    @Flag(help: "Print one line per source, not only per feed.")
    var verbose = false

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
        var collector = Collector(store: newsletter.articles, cleaner: TextCleaner(timeZone: zone))
        collector.fetchPages = fetchPages
        collector.http.allowsPrivateHosts = allowPrivateHosts || theme?.settings.allowPrivateHosts == true
        let started = Date()
        let progress = ProgressDisplay()
        let report = collector.collect(sources) { state in
            progress.update(
                done: state.done, total: state.total, elapsed: state.elapsed,
                detail: "\(state.added) new" + (state.failed > 0 ? " · \(state.failed) failed" : ""))
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        for failure in report.failures { printError("digest: \(printable("\(failure)"))") }
        for note in report.sources.flatMap(\.notes) { printError("digest: note: \(printable(note))") }
        let folder = newsletter.articles.folder.path
        if let note = report.leftoversNote(folder: folder) { printError("digest: note: \(note)") }
        for line in report.table(perSource: verbose) ?? [] { print(printable(line)) }
        print(report.summary(seconds: seconds, folder: folder))
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
