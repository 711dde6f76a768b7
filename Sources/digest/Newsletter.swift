import ArgumentParser
import Collector
import Composer
import Foundation
import Renderer
import Sender
import Storage
import Subscribers

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
            throw CommandFailure(
                "several themes in \(templates.path) (\(available.joined(separator: ", "))); choose one with --theme")
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

extension Newsletter {
    /// The composed issue of a week, with a hint when it has not been composed.
    func loadIssue(theme: Theme, week: ISOWeek) throws -> ComposedIssue {
        do {
            return try issues.load(theme: theme.id, week: week.description)
        } catch let error as ComposerError where error.code == .emptyWeek {
            let latest = issues.latestWeek(theme: theme.id).map { " (latest composed: \($0))" } ?? ""
            throw CommandFailure(
                "no composed issue of \(theme.id) for \(week)\(latest); run `digest compose --week \(week)` first")
        }
    }

    /// The subscriber list file of a theme.
    func listFile(_ list: String) -> URL { subscribers.appendingPathComponent("\(list).csv") }

    /// The secret that signs unsubscribe tokens: `DIGEST_UNSUBSCRIBE_SECRET`, else an owner-only file.
    func unsubscribeSecret() throws -> UnsubscribeSecret {
        try UnsubscribeSecret.load(
            environment: ProcessInfo.processInfo.environment,
            file: subscribers.appendingPathComponent(".unsubscribe-secret"))
    }

    /// One subscriber of the theme's list as a reader of their own copy.
    func reader(_ email: String, theme: Theme) throws -> Reader {
        let address: EmailAddress
        do {
            address = try EmailAddress(email)
        } catch {
            throw ValidationError("--as: \(error)")
        }
        let list = try SubscriberList.load(from: listFile(theme.settings.list))
        guard let subscriber = list.subscriber(address) else {
            throw CommandFailure("\(email) is not on the list \(listFile(theme.settings.list).path)")
        }
        return IssueMailing.reader(
            for: subscriber, list: theme.settings.list, secret: try unsubscribeSecret(),
            template: theme.settings.unsubscribeURL, preferencesTemplate: theme.settings.preferencesURL)
    }
}

/// Writes text files atomically (temporary file, fsync, rename).
enum AtomicWrite {
    static func write(_ text: String, to path: String) throws {
        try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
    }
}
