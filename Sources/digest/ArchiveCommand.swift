import ArgumentParser
import CommandOptions
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
        let ids = try theme.map { [$0] } ?? Theme.all(in: newsletter.templates)
        let themes = try ids.map { try ArchiveTheme.load(id: $0, templates: newsletter.templates) }
        let address = try publicAddress(of: themes)
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        let report = try StaticArchive.write(
            themes, pages: ArchivePages(issues: newsletter.issues), address: address, to: folder)
        print(report.summary(folder: folder, themes: ids, address: address))
    }

    /// `--base-url`, else the address the themes' `archive_url` points into.
    private func publicAddress(of themes: [ArchiveTheme]) throws -> PublicAddress {
        if let baseURL, let address = PublicAddress(baseURL) { return address }
        do {
            return try PublicAddress.archiveBase(of: themes)
        } catch {
            throw ValidationError(
                "give --base-url, the address the folder is published at: the feed's links must be absolute, and \(error)"
            )
        }
    }
}
