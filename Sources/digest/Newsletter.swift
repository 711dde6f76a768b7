import ArgumentParser
import Collector
import CommandOptions
import Composer
import Foundation
import Renderer
import Sender
import Storage
import Subscribers

/// The newsletter folder a command works on: `Composer`'s `NewsletterFolder`, with what the command
/// line adds (the article store, the subscriber lists, option names and hints in errors).
typealias Newsletter = NewsletterFolder

/// `--theme` and `--week`: which issue a command works on.
struct IssueOptions: ParsableArguments {
    @Option(help: "The theme (a folder in Templates/); default: the only one.")
    var theme: String?

    @Option(help: "The ISO week, like 2026-W47; default: the last complete week in the theme's time zone.")
    var week: String?
}

extension NewsletterFolder {
    /// The collected articles, `Digests/articles/`.
    var articles: ArticleStore { ArticleStore(folder: articlesFolder) }

    /// Checks that `name`, given as `option`, names a file or folder right inside its folder (see
    /// `checkName(_:what:)`); a usage error naming the option.
    static func checkName(_ name: String, of option: String, what: String) throws {
        do {
            try checkName(name, what: what)
        } catch {
            throw ValidationError("\(option): \(error.message)")
        }
    }

    /// The theme named with `--theme`, or the only theme when none is named.
    func theme(_ name: String?) throws -> Theme {
        if let name { try Self.checkName(name, of: "--theme", what: "a theme name (a folder in Templates/)") }
        do {
            return try theme(named: name)
        } catch let error as ComposerError where error.code == .severalThemes {
            throw CommandFailure(error.message + "; choose one with --theme")
        }
    }

    /// The theme and week `options` name, each with its default.
    func issue(_ options: IssueOptions, now: Date = Date()) throws -> (theme: Theme, week: ISOWeek) {
        let theme = try theme(options.theme)
        return (theme, try Self.week(options.week, theme: theme, now: now))
    }

    /// The composed issue of a week, with a hint when it has not been composed.
    func loadIssue(theme: Theme, week: ISOWeek) throws -> ComposedIssue {
        do {
            return try composedIssue(theme: theme, week: week)
        } catch let error as ComposerError where error.code == .emptyWeek {
            throw CommandFailure(error.message + "; run `digest compose --week \(week)` first")
        }
    }

    /// The list file of `list`, checked to be a list name (`send --list`, a theme's `list:`).
    func checkedListFile(_ list: String, option: String) throws -> URL {
        try Self.checkName(list, of: option, what: "a list name (a file name in Subscribers/, without .csv)")
        return listFile(list)
    }

    /// The secret that signs unsubscribe tokens: `DIGEST_UNSUBSCRIBE_SECRET`, else an owner-only file.
    func unsubscribeSecret() throws -> UnsubscribeSecret {
        try UnsubscribeSecret.load(environment: ProcessInfo.processInfo.environment, file: unsubscribeSecretFile)
    }

    /// One subscriber of the theme's list as a reader of their own copy.
    func reader(_ email: String, theme: Theme) throws -> Reader {
        let subscriber = try SubscriberList.subscriber(
            try parseAddress(email, option: "--as"), inListAt: listFile(theme.settings.list),
            problem: { printError("digest: skipped \($0)") })
        return IssueMailing.reader(
            for: subscriber, list: theme.settings.list, secret: try unsubscribeSecret(),
            template: theme.settings.unsubscribeURL, preferencesTemplate: theme.settings.preferencesURL)
    }
}

/// Writes a command's `--output` (see `Storage`'s `OutputFile`): a file replaced atomically, a device or pipe
/// written in place; a device that cannot be written is a `CommandFailure`.
enum AtomicWrite {
    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws {
        do {
            try OutputFile.write(data, toPath: path)
        } catch let failure as OutputFile.Failure {
            throw CommandFailure(failure.description)
        }
    }
}
