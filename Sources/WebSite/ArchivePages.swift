import Composer
import Foundation
import Renderer

/// A theme as the archive shows it: its settings, its email templates (an issue's page is the email's HTML without
/// any reader's personal parts) and its page templates.
package struct ArchiveTheme: Sendable {
    /// The theme's settings (name, colours, language, sender).
    package var theme: Theme
    /// Its email templates: an issue's page is its HTML email, made for no one reader.
    package var renderer: IssueRenderer
    /// Its page templates (`web/`).
    package var pages: WebPages

    /// The theme's id, its folder in `Templates/`.
    package var id: String { theme.id }

    /// A theme whose templates are read already.
    package init(theme: Theme, renderer: IssueRenderer, pages: WebPages) {
        self.theme = theme
        self.renderer = renderer
        self.pages = pages
    }

    /// Reads the theme `id` from `templates` with its email and page templates; a problem is one error naming its
    /// file (and line and column, for a template).
    package static func load(id: String, templates: URL) throws -> ArchiveTheme {
        let theme = try Theme.load(id: id, templates: templates)
        return ArchiveTheme(
            theme: theme, renderer: try IssueRenderer(themeDirectory: theme.directory),
            pages: try WebPages(themeDirectory: theme.directory))
    }
}

/// The archive of sent issues as pages, without any server: the index of every newsletter (`/archive/`), each
/// newsletter's index (`/archive/<theme>/`), each issue's page (`/archive/<theme>/<week>/`), each newsletter's Atom
/// feed (`/archive/<theme>/feed.xml`) and stylesheet (`/assets/<theme>/style.css`). `digest serve` answers with
/// these pages and `digest archive` writes them as files, so both publish the same bytes.
///
/// Links in pages are paths under the public address's path; the feed's are absolute URLs.
package struct ArchivePages: Sendable {
    /// Where the issues are read from.
    package let issues: IssueStore
    private let shelf: ArchiveShelf

    /// The archive of the issues in `issues`.
    package init(issues: IssueStore) {
        self.issues = issues
        shelf = ArchiveShelf(issues: issues)
    }

    /// The page around any of a theme's pages: masthead, stylesheet and footer links.
    package static func pageView(_ theme: Theme, title: String, address: PublicAddress) -> PageView {
        let settings = theme.settings
        let site = SiteView(
            name: settings.name, tagline: settings.tagline, homeURL: address.path("/archive/\(theme.id)/"),
            stylesheetURL: address.path("/assets/\(theme.id)/style.css"),
            feedURL: address.path("/archive/\(theme.id)/feed.xml"),
            contact: settings.sender.replyTo ?? settings.sender.address)
        return PageView(language: settings.language, title: title, site: site)
    }

    /// The list of the sent issues of `themes`, newest first, in the colours of `style`: `/archive/` for every
    /// theme served, `/archive/<theme>/` for one.
    package func index(of themes: [ArchiveTheme], styledBy style: ArchiveTheme, address: PublicAddress) -> String {
        let newsletters = themes.map { served in
            let issues = shelf.sent(theme: served.id).reversed().map { archived in
                IssueLinkView(
                    week: archived.issue.week, periodLabel: archived.issue.periodLabel,
                    url: address.path("/archive/\(served.id)/\(archived.issue.week)/"),
                    topStory: archived.issue.topStory?.headline)
            }
            return NewsletterView(
                id: served.id, name: served.theme.settings.name, tagline: served.theme.settings.tagline,
                url: address.path("/archive/\(served.id)/"),
                feedURL: address.path("/archive/\(served.id)/feed.xml"), issues: issues,
                hasIssues: !issues.isEmpty)
        }
        var page = Self.pageView(style.theme, title: "Past issues · \(style.theme.settings.name)", address: address)
        if themes.count > 1 { page.site.feedURL = nil }
        page.archive = ArchiveView(newsletters: newsletters)
        return style.pages.render(.archive, page)
    }

    /// The page of the issue of `week`: the email's HTML without any reader's personal parts, with links to the
    /// archive and its feed; nil when the week has no issue that has started sending.
    ///
    /// - Throws: `ComposerError` or `RenderError` when the issue cannot be read or rendered.
    package func issuePage(_ theme: ArchiveTheme, week: String, address: PublicAddress) throws -> String? {
        guard ISOWeek(week)?.description == week, let archived = try shelf.issue(theme: theme.id, week: week) else {
            return nil
        }
        return try shelf.page(theme: theme.id, week: week) {
            try theme.renderer.webPage(
                archived.issue,
                links: ArchiveLinks(
                    index: address.path("/archive/\(theme.id)/"), feed: address.path("/archive/\(theme.id)/feed.xml")))
        }
    }

    /// The Atom feed of the theme's latest 50 sent issues, newest first.
    package func feed(of theme: ArchiveTheme, address: PublicAddress) -> String {
        let entries = shelf.sent(theme: theme.id).reversed().prefix(50).map { archived in
            AtomFeed.Entry(
                issue: archived.issue, sentAt: archived.sentAt,
                url: address.url("/archive/\(theme.id)/\(archived.issue.week)/"))
        }
        let feed = AtomFeed(
            theme: theme.theme, indexURL: address.url("/archive/\(theme.id)/"),
            selfURL: address.url("/archive/\(theme.id)/feed.xml"), entries: Array(entries))
        return feed.xml
    }

    /// The stylesheet of every page, in the theme's colours.
    package static func stylesheet(of theme: ArchiveTheme) -> String {
        theme.pages.stylesheet(StyleView(colors: WebColors(theme.theme.settings.colors)))
    }
}
