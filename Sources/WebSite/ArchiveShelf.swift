import Composer
import Foundation
import Synchronization

/// The sent issues of each theme, read from `Digests/` and kept once read: an issue that has started sending is
/// never recomposed (`IssueStore` refuses), so neither it nor its page changes afterwards.
package final class ArchiveShelf: Sendable {
    /// A sent issue and when it started sending.
    package struct Archived: Sendable {
        var issue: ComposedIssue
        var sentAt: Date
    }

    private let issues: IssueStore
    private let shelf = Mutex<[String: Archived]>([:])
    private let pages = Mutex<[String: String]>([:])

    package init(issues: IssueStore) {
        self.issues = issues
    }

    /// The theme's sent issues, oldest first. Drafts (no delivery ledger yet) are not among them, nor is an issue
    /// whose `digest.json` cannot be read (its own page reports that): one broken file must not hide the others.
    package func sent(theme: String) -> [Archived] {
        issues.sentWeeks(theme: theme).compactMap { try? issue(theme: theme, week: $0) }
    }

    /// A sent issue; nil when the week has no issue or it has not started sending.
    package func issue(theme: String, week: String) throws -> Archived? {
        // Asked every time: a ledger removed by hand takes the issue out of the archive again.
        guard issues.hasStartedSending(theme: theme, week: week) else { return nil }
        let key = "\(theme)/\(week)"
        if let archived = shelf.withLock({ $0[key] }) { return archived }
        let issue: ComposedIssue
        do {
            issue = try issues.load(theme: theme, week: week)
        } catch let error as ComposerError where error.code == .emptyWeek {
            return nil
        }
        let archived = Archived(
            issue: issue, sentAt: issues.sendingStarted(theme: theme, week: week) ?? issue.composedAt)
        shelf.withLock { $0[key] = archived }
        return archived
    }

    /// The issue's archive page, rendered by `render` the first time it is asked for.
    package func page(theme: String, week: String, render: () throws -> String) rethrows -> String {
        let key = "\(theme)/\(week)"
        if let page = pages.withLock({ $0[key] }) { return page }
        let page = try render()
        pages.withLock { $0[key] = page }
        return page
    }
}
