import ArgumentParser
import Collector
import Composer
import Foundation
import Renderer
import Sender
import Storage
import Subscribers

#if canImport(Glibc)
    import Glibc
#endif

/// The newsletter folder a command works on, and the conventions for what lives where.
struct Newsletter {
    let root: URL

    var templates: URL { root.appendingPathComponent("Templates", isDirectory: true) }
    var subscribers: URL { root.appendingPathComponent("Subscribers", isDirectory: true) }
    var digests: URL { root.appendingPathComponent("Digests", isDirectory: true) }
    var articles: ArticleStore { ArticleStore(folder: digests.appendingPathComponent("articles", isDirectory: true)) }
    var issues: IssueStore { IssueStore(digests: digests) }

    /// Checks that `name` (a theme or a list, given as `option`) names a file or folder right
    /// inside its folder: not empty, no `/`, not starting with `.`, no control characters. One
    /// rule for every command, so no name reads or writes outside the newsletter folder.
    static func checkName(_ name: String, of option: String, what: String) throws {
        let bad =
            name.isEmpty || name.contains("/") || name.hasPrefix(".")
            || name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        if bad {
            throw ValidationError(
                "\(option): '\(name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined())' is not \(what)"
            )
        }
    }

    /// The theme named, or the only theme when none is named.
    func theme(_ name: String?) throws -> Theme {
        if let name {
            try Self.checkName(name, of: "--theme", what: "a theme name (a folder in Templates/)")
            return try Theme.load(id: name, templates: templates)
        }
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

/// `--theme` and `--week`: which issue a command works on.
struct IssueOptions: ParsableArguments {
    @Option(help: "The theme (a folder in Templates/); default: the only one.")
    var theme: String?

    @Option(help: "The ISO week, like 2026-W47; default: the last complete week in the theme's time zone.")
    var week: String?
}

extension Newsletter {
    /// The theme and week `options` name, each with its default (see `theme(_:)` and `week(_:theme:now:)`).
    func issue(_ options: IssueOptions, now: Date = Date()) throws -> (theme: Theme, week: ISOWeek) {
        let theme = try theme(options.theme)
        return (theme, try week(options.week, theme: theme, now: now))
    }

    /// The folder of `theme`'s issue for `week`.
    func issueFolder(theme: Theme, week: ISOWeek) -> IssueFolder {
        issues.issueFolder(theme: theme.id, week: week.description)
    }

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

    /// The list file of `list`, checked to be a list name (`send --list`, a theme's `list:`).
    func checkedListFile(_ list: String, option: String) throws -> URL {
        try Self.checkName(list, of: option, what: "a list name (a file name in Subscribers/, without .csv)")
        return listFile(list)
    }

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
        try write(Data(text.utf8), to: path)
    }

    /// Writes a command's `--output`: a regular file (or a new one) is replaced atomically, so a
    /// crash never leaves half of it; a device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe)
    /// is opened and written in place, never replaced by a file. A failed write is an error.
    static func write(_ data: Data, to path: String) throws {
        var status = stat()
        // stat follows links: /dev/stdout is a link to the descriptor's pipe or terminal.
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            guard (status.st_mode & S_IFMT) != S_IFDIR else { throw CommandFailure("\(path): is a folder") }
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw CommandFailure("\(path): cannot open for writing: \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw CommandFailure("\(path): cannot write: \(String(cString: strerror(errno)))")
                    }
                    offset += written
                }
            }
            return
        }
        try AtomicFile.write(data, to: URL(fileURLWithPath: path))
    }
}
