import Composer
import Foundation
import Renderer
import Subscribers
import WebSite

/// One theme the server answers for: its settings, its email templates (for the archive's pages) and its web pages.
struct ServedTheme: Sendable {
    var theme: Theme
    var renderer: IssueRenderer
    var pages: WebPages
    /// `Subscribers/<list>.csv`.
    var listFile: URL

    var id: String { theme.id }

    /// The theme as the archive's pages need it.
    var archive: ArchiveTheme { ArchiveTheme(theme: theme, renderer: renderer, pages: pages) }
}

/// Everything the server reads from the newsletter folder at start: the themes (all of them, or the one asked
/// for), their templates, and the secret that signs unsubscribe tokens. Issues and lists are read as requests
/// come, so a newly sent issue appears without a restart.
struct Site: Sendable {
    var root: URL
    var themes: [ServedTheme]
    var issues: IssueStore
    var secret: UnsubscribeSecret
    var address: PublicAddress

    /// Loads the site; every problem is one clear error naming its file.
    init(root: URL, theme: String?, address: PublicAddress, environment: [String: String]) throws {
        self.root = root
        self.address = address
        let newsletter = NewsletterFolder(root: root)
        let templates = newsletter.templates
        let ids: [String]
        if let theme {
            ids = [theme]
        } else {
            ids = (try? Theme.available(in: templates)) ?? []
            guard !ids.isEmpty else {
                throw ServeError("no theme found in \(templates.path) (each theme is a folder with theme.yaml)")
            }
        }
        themes = try ids.map { id in
            let theme = try Theme.load(id: id, templates: templates)
            return ServedTheme(
                theme: theme, renderer: try IssueRenderer(themeDirectory: theme.directory),
                pages: try WebPages(themeDirectory: theme.directory),
                listFile: newsletter.listFile(theme.settings.list))
        }
        issues = newsletter.issues
        secret = try UnsubscribeSecret.load(environment: environment, file: newsletter.unsubscribeSecretFile)
    }

    /// The served theme with this id.
    func theme(_ id: String) -> ServedTheme? {
        themes.first { $0.id == id }
    }

    /// The theme whose list an unsubscribe token is genuine for, and the address it names; nil for a token that is
    /// not genuine for any served list (tampered with, cut short, another secret or list).
    func reader(ofToken token: String) -> (theme: ServedTheme, email: EmailAddress)? {
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        // A token is an address and a 43-character signature; anything far longer is not one of ours.
        guard !trimmed.isEmpty, trimmed.utf8.count <= 2048 else { return nil }
        for served in themes {
            if let address = secret.verify(trimmed, list: served.theme.settings.list),
                let email = try? EmailAddress(address)
            {
                return (served, email)
            }
        }
        return nil
    }
}

/// A reason the server cannot start, as one line.
public struct ServeError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
