import Collector
import Composer
import Foundation

/// The newsletter folder a command works on, and the conventions for what lives where.
struct Newsletter {
    let root: URL

    var templates: URL { root.appendingPathComponent("Templates", isDirectory: true) }
    var subscribers: URL { root.appendingPathComponent("Subscribers", isDirectory: true) }
    var digests: URL { root.appendingPathComponent("Digests", isDirectory: true) }
    var articles: ArticleStore { ArticleStore(folder: digests.appendingPathComponent("articles", isDirectory: true)) }
    var issues: IssueStore { IssueStore(digests: digests) }

    /// The theme named, or the only theme when none is named.
    func theme(_ name: String?) throws -> Theme {
        if let name { return try Theme.load(id: name, templates: templates) }
        let available = (try? Theme.available(in: templates)) ?? []
        switch available.count {
        case 1: return try Theme.load(id: available[0], templates: templates)
        case 0: throw CommandFailure("no theme found in \(templates.path) (each theme is a folder with theme.yaml)")
        default:
            throw CommandFailure("several themes in \(templates.path) (\(available.joined(separator: ", "))); choose one with --theme")
        }
    }

    /// The week named, or the last complete ISO week in the theme's time zone.
    func week(_ text: String?, theme: Theme, now: Date = Date()) throws -> ISOWeek {
        guard let text else { return ISOWeek.lastComplete(before: now, in: theme.timeZone) }
        guard let week = ISOWeek(text) else {
            throw CommandFailure("'\(text)' is not an ISO week; write it like 2026-W47")
        }
        return week
    }
}
