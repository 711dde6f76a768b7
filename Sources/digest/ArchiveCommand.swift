import ArgumentParser
import Composer
import Foundation
import WebSite

/// `digest archive`: the archive `digest serve` shows, written as static files.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Write the archive of sent issues as static files, for publishing with any web server.",
        discussion: """
            Writes the pages `digest serve` answers under /archive/ (every sent issue without any reader's personal \
            parts, an index per newsletter, an Atom feed) and their stylesheet into --output, each at the path that \
            serves it: archive/index.html, archive/<theme>/index.html, archive/<theme>/<week>/index.html, \
            archive/<theme>/feed.xml, assets/<theme>/style.css. Publish the folder as the site at --base-url (the \
            feed's links are absolute); by default that is where the theme's archive_url sends readers. Files are \
            replaced atomically, unchanged ones are left alone; run it again after each send.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The folder to write the site into (made when missing).", valueName: "dir"))
    var output: String

    @Option(help: "Only this theme (a folder in Templates/); default: every theme.")
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "The address the folder is published at, like https://example.com/decoding-asia; default: from the "
                + "theme's archive_url.",
            valueName: "url"))
    var baseURL: String?

    func validate() throws {
        if let theme { try Newsletter.checkName(theme, of: "--theme", what: "a theme name (a folder in Templates/)") }
        if let baseURL, PublicAddress(baseURL) == nil {
            throw ValidationError(
                "--base-url '\(printable(baseURL))' is not an http(s) address like https://example.com/news")
        }
        try checkPrintable(output, option: "--output")
    }

    func run() throws {
        let newsletter = global.newsletter
        let ids: [String]
        if let theme {
            ids = [theme]
        } else {
            ids = (try? Theme.available(in: newsletter.templates)) ?? []
            guard !ids.isEmpty else {
                throw CommandFailure(
                    "no theme found in \(newsletter.templates.path) (each theme is a folder with theme.yaml)")
            }
        }
        let themes = try ids.map { try ArchiveTheme.load(id: $0, templates: newsletter.templates) }
        let address = try publicAddress(of: themes)
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        let report = try StaticArchive.write(
            themes, pages: ArchivePages(issues: newsletter.issues), address: address, to: folder)
        let issues = report.issues == 1 ? "1 issue" : "\(report.issues) issues"
        print(
            "Wrote \(report.written.count) files to \(folder.path) (\(report.unchanged.count) unchanged): \(issues) of "
                + "\(ids.joined(separator: ", ")); publish it at \(address.url("/"))")
    }

    /// `--base-url`, else the address the themes' `archive_url` points into: what comes before
    /// `/archive/<theme>/{week}/`.
    private func publicAddress(of themes: [ArchiveTheme]) throws -> PublicAddress {
        if let baseURL, let address = PublicAddress(baseURL) { return address }
        let bases = Set(
            themes.compactMap { served -> String? in
                let suffix = "/archive/\(served.id)/{week}/"
                guard let template = served.theme.settings.archiveURL, template.hasSuffix(suffix) else { return nil }
                return String(template.dropLast(suffix.count))
            })
        guard bases.count == 1, let base = bases.first, let address = PublicAddress(base) else {
            throw ValidationError(
                "give --base-url, the address the folder is published at: the feed's links must be absolute, and "
                    + (bases.count > 1
                        ? "the themes' archive_url point to different sites"
                        : "no theme's archive_url ends in /archive/<theme>/{week}/"))
        }
        return address
    }
}
