import Foundation

/// A newsletter folder, and the one place that knows what lives where: `Templates/` (one folder per
/// theme), `Subscribers/` (the lists) and `Digests/` (collected articles and composed issues).
public struct NewsletterFolder: Sendable {
    /// The folder itself.
    public let root: URL

    /// The newsletter at `root`.
    public init(root: URL) {
        self.root = root
    }

    /// `Templates/`: one folder per theme.
    public var templates: URL { root.appendingPathComponent("Templates", isDirectory: true) }
    /// `Subscribers/`: the subscriber lists.
    public var subscribers: URL { root.appendingPathComponent("Subscribers", isDirectory: true) }
    /// `Digests/`: collected articles and composed issues.
    public var digests: URL { root.appendingPathComponent("Digests", isDirectory: true) }
    /// `Digests/articles/`: the collected articles.
    public var articlesFolder: URL { digests.appendingPathComponent("articles", isDirectory: true) }
    /// The composed issues.
    public var issues: IssueStore { IssueStore(digests: digests) }
    /// `Subscribers/<list>.csv`: the subscriber list named `list`.
    public func listFile(_ list: String) -> URL { subscribers.appendingPathComponent("\(list).csv") }
    /// `Subscribers/.unsubscribe-secret`: the owner-only file of the secret that signs unsubscribe tokens.
    public var unsubscribeSecretFile: URL { subscribers.appendingPathComponent(".unsubscribe-secret") }

    /// Checks that `name` names a file or folder right inside its folder: not empty, no `/`, not
    /// starting with `.`, no control characters. One rule for every name a user gives (a theme, a
    /// list), so no name reads or writes outside the newsletter folder.
    ///
    /// - Throws: ``ComposerError`` `.invalidName`: `'<name>' is not <what>`, control characters shown as `?`.
    public static func checkName(_ name: String, what: String) throws(ComposerError) {
        let isControl = { (scalar: Unicode.Scalar) in scalar.value < 0x20 || scalar.value == 0x7F }
        guard
            name.isEmpty || name.contains("/") || name.hasPrefix(".") || name.unicodeScalars.contains(where: isControl)
        else { return }
        let shown = name.unicodeScalars.map { isControl($0) ? "?" : String($0) }.joined()
        throw ComposerError(.invalidName, "'\(shown)' is not \(what)")
    }

    /// The theme named, or the only theme when `name` is nil.
    ///
    /// - Throws: ``ComposerError``: `.invalidName`, `.unknownTheme` or `.invalidTheme` for a named theme;
    ///   `.noTheme` or `.severalThemes` (naming them) when none is named.
    public func theme(named name: String?) throws -> Theme {
        if let name {
            try Self.checkName(name, what: "a theme name (a folder in Templates/)")
            return try Theme.load(id: name, templates: templates)
        }
        let available = try Theme.all(in: templates)
        guard available.count == 1 else {
            throw ComposerError(
                .severalThemes, "several themes in \(templates.path) (\(available.joined(separator: ", ")))")
        }
        return try Theme.load(id: available[0], templates: templates)
    }

    /// The week `text` names, or the last complete ISO week before `now` in the theme's time zone.
    ///
    /// - Throws: ``ComposerError`` `.invalidWeek`.
    public static func week(_ text: String?, theme: Theme, now: Date) throws(ComposerError) -> ISOWeek {
        guard let text else { return ISOWeek.lastComplete(before: now, in: theme.timeZone) }
        guard let week = ISOWeek(text) else {
            throw ComposerError(.invalidWeek, "'\(text)' is not an ISO week; write it like 2026-W47")
        }
        return week
    }

    /// The folder of `theme`'s issue for `week`.
    public func issueFolder(theme: Theme, week: ISOWeek) -> IssueFolder {
        issues.issueFolder(theme: theme.id, week: week.description)
    }

    /// The composed issue of a week.
    ///
    /// - Throws: ``ComposerError`` `.emptyWeek` when the week has not been composed, naming the latest
    ///   week that has; what ``IssueStore/load(theme:week:)`` throws for an issue that cannot be read.
    public func composedIssue(theme: Theme, week: ISOWeek) throws -> ComposedIssue {
        do {
            return try issues.load(theme: theme.id, week: week.description)
        } catch let error as ComposerError where error.code == .emptyWeek {
            let latest = issues.latestWeek(theme: theme.id).map { " (latest composed: \($0))" } ?? ""
            throw ComposerError(.emptyWeek, "no composed issue of \(theme.id) for \(week)\(latest)")
        }
    }
}
