import ArgumentParser
import Collector
import Composer
import Foundation
import NewsValues
import Storage

/// `digest run`: the editor's week in one command, safe to run every hour from cron or a systemd
/// timer. It collects the theme's feeds, composes the week once, and with `--send` sends it once
/// at the theme's `send_at` (resuming an interrupted send), after the editors' approval when the
/// theme asks for it; with `--dry-run` it writes the outbox once.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Collect, compose and (with --send) send the week's issue: once, on time, safe to repeat.",
        discussion: """
            Collects the theme's feeds (an unreachable feed is reported, the rest are collected), \
            composes the week if it has not been composed (the editor's edits.yaml applied), and then: \
            with --dry-run writes the outbox once; with --send, at or after the theme's send_at (a \
            weekday and time in its time zone, in the week after the issue's) sends the issue, resuming \
            an interrupted send. A week with fewer than min_stories stories, or already sent, is skipped \
            with a line saying why (exit 0). A send later than late_limit_hours after send_at is refused \
            unless --late-ok. With `approval: required` in the theme, the editors get a test copy and \
            nothing is sent until `digest approve`; any later edit or recompose withdraws the approval. \
            The run's record is Digests/<theme>/<week>/run.json.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    @Flag(help: "Send the issue when it is due.")
    var send = false

    @Flag(help: "Write the personalised messages to the issue's outbox instead of sending.")
    var dryRun = false

    @Flag(help: "Send even when later than the theme's late_limit_hours after send_at.")
    var lateOk = false

    @Flag(help: "Do not collect the theme's feeds first.")
    var noCollect = false

    @OptionGroup var relay: RelayOptions

    @Flag(help: allowPrivateHostsHelp)
    var allowPrivateHosts = false

    /// The clock, for tests: `DIGEST_NOW` (ISO 8601) when set.
    var now: Date {
        if let text = ProcessInfo.processInfo.environment["DIGEST_NOW"],
            let date = ISO8601DateFormatter().date(from: text)
        {
            return date
        }
        return Date()
    }

    func validate() throws {
        if send == dryRun { throw ValidationError("choose --send or --dry-run") }
        if send && relay.smtpURL == nil { throw ValidationError("--send needs --smtp-url URL") }
    }

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions, now: now)
        let folder = newsletter.issueFolder(theme: theme, week: week)
        var record = RunRecord.load(in: folder)
        let started = folder.hasStartedSending
        if send, record.sentAt != nil {
            print("\(theme.id) \(week): already sent (\(record.sentAt ?? "")); nothing to do")
            return
        }

        if !noCollect && !started { collect(theme: theme, newsletter: newsletter) }

        // Composed once: a later run keeps the draft (and any approval of it); `digest compose`
        // or `digest edit` recompose on purpose.
        if !started && !folder.isComposed {
            let editsFile = folder.editsFile
            let issue = try IssueComposer(theme: theme).compose(
                try newsletter.articles.loadAll(), week: week, now: now, edits: try EditorsEdits.load(from: editsFile),
                editsFile: editsFile.path)
            _ = try newsletter.issues.save(issue)
            record.composedAt = Self.stamp(now)
            try record.save(in: folder)
            print("Composed \(theme.id) \(week): \(issue.sections.reduce(0) { $0 + $1.stories.count }) stories")
        }
        let issue = try newsletter.loadIssue(theme: theme, week: week)
        let stories = issue.sections.reduce(0) { $0 + $1.stories.count }
        if stories < theme.settings.minStories && !started {
            print(
                "\(theme.id) \(week): skipped, \(stories) stories is fewer than the theme's min_stories "
                    + "(\(theme.settings.minStories)); nothing sent")
            return
        }

        if dryRun {
            if let written = record.outboxWrittenAt {
                print("\(theme.id) \(week): the outbox was written at \(written); nothing to do")
                return
            }
            try runSend(["--dry-run"], theme: theme, week: week)
            record.outboxWrittenAt = Self.stamp(now)
            try record.save(in: folder)
            return
        }

        let due = Self.dueDate(of: week, theme: theme)
        if !started {
            if now < due {
                print("\(theme.id) \(week): due \(Self.describe(due, in: theme.timeZone)); not sent yet")
                return
            }
            let limit = due.addingTimeInterval(Double(theme.settings.lateLimitHours) * 3600)
            if now > limit && !lateOk {
                throw CommandFailure(
                    "\(theme.id) \(week): refused, it is past the lateness limit (due \(Self.describe(due, in: theme.timeZone)), "
                        + "late_limit_hours \(theme.settings.lateLimitHours)); send it with --late-ok if it is still news"
                )
            }
            if theme.settings.approvalRequired {
                let approval = Approval.load(in: folder)
                guard let approval, approval.revision == issue.revision else {
                    try mailEditors(theme: theme, week: week, issue: issue, record: &record, folder: folder)
                    print(
                        "\(theme.id) \(week): waiting for approval"
                            + (approval == nil ? "" : " (the issue changed after it was approved)")
                            + "; run `digest approve --week \(week)`")
                    return
                }
            }
        }
        try runSend([], theme: theme, week: week)
        record.sentAt = Self.stamp(now)
        try record.save(in: folder)
    }

    /// Collects the theme's feeds, reporting failures without stopping.
    private func collect(theme: Theme, newsletter: Newsletter) {
        let feeds = theme.settings.feeds
        guard !feeds.isEmpty else {
            printError("digest: the theme lists no feeds; composing from the articles already collected")
            return
        }
        var collector = Collector(store: newsletter.articles, cleaner: TextCleaner(timeZone: theme.timeZone))
        collector.http.allowsPrivateHosts = allowPrivateHosts || theme.settings.allowPrivateHosts
        let report = collector.collectShowingProgress(feeds)
        for failure in report.failures { printError("digest: \(printable("\(failure)"))") }
        print(
            "Collected \(report.added.count) new, \(report.updated.count) updated from \(feeds.count) feeds"
                + (report.failures.isEmpty ? "" : "; \(report.failures.count) failed"))
    }

    /// The editors' test copy of a draft, once per composed draft.
    private func mailEditors(
        theme: Theme, week: ISOWeek, issue: ComposedIssue, record: inout RunRecord, folder: IssueFolder
    ) throws {
        let draft = issue.revision ?? Self.stamp(issue.composedAt)
        guard record.testCopyOf != draft else { return }
        for editor in theme.settings.editors {
            try runSend(["--test", editor], theme: theme, week: week)
        }
        record.testCopyOf = draft
        try record.save(in: folder)
    }

    /// Runs `digest send` for this week with the relay options given to `run`.
    private func runSend(_ extra: [String], theme: Theme, week: ISOWeek) throws {
        var arguments = ["--theme", theme.id, "--week", week.description]
        if let root = global.root { arguments += ["--root", root] }
        if !extra.contains("--dry-run") { arguments += relay.arguments }
        let command = try SendCommand.parse(arguments + extra)
        try command.run()
    }

    /// When the week's issue is due: the theme's `send_at` weekday and time, in its time zone, in
    /// the week after the issue's.
    static func dueDate(of week: ISOWeek, theme: Theme) -> Date {
        let end = week.interval(in: theme.timeZone).end
        let sendAt = theme.settings.sendAt
        let offset = Double(sendAt.weekday - 1) * 86_400 + Double(sendAt.hour * 3600 + sendAt.minute * 60)
        // Days by the calendar, so a change of clocks that week keeps the time of day.
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = theme.timeZone
        return calendar.date(byAdding: .day, value: sendAt.weekday - 1, to: end).flatMap {
            calendar.date(bySettingHour: sendAt.hour, minute: sendAt.minute, second: 0, of: $0)
        } ?? end.addingTimeInterval(offset)
    }

    static func describe(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE d MMM yyyy HH:mm zzz"
        return formatter.string(from: date)
    }

    static func stamp(_ date: Date) -> String {
        UTCTime.format(date)
    }
}

/// What `digest run` has done for one week: `run.json` in the issue's folder.
struct RunRecord: Codable {
    var composedAt: String?
    var outboxWrittenAt: String?
    /// The draft (its revision) the editors were sent a test copy of.
    var testCopyOf: String?
    var sentAt: String?

    static func load(in folder: IssueFolder) -> RunRecord {
        guard let data = try? Data(contentsOf: folder.runRecordFile) else { return RunRecord() }
        return (try? JSONDecoder().decode(RunRecord.self, from: data)) ?? RunRecord()
    }

    func save(in folder: IssueFolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try AtomicFile.write(try encoder.encode(self), to: folder.runRecordFile)
    }
}

/// An editor's approval of one composed draft: `approval.json` in the issue's folder. It names the
/// draft's revision, which every save of the issue renews, so any recompose (or edit, which
/// recomposes) withdraws it.
struct Approval: Codable {
    var revision: String?
    var composedAt: String
    var approvedAt: String
    var by: String

    static func load(in folder: IssueFolder) -> Approval? {
        guard let data = try? Data(contentsOf: folder.approvalFile) else { return nil }
        return try? JSONDecoder().decode(Approval.self, from: data)
    }
}

/// `digest approve`: the editor's go-ahead for the week's draft as it stands.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve the week's composed issue, so that `digest run --send` sends it.",
        discussion: """
            Records Digests/<theme>/<week>/approval.json for the draft as composed now. Any later \
            recompose or edit withdraws the approval; approve again after reading the new draft.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let issue = try newsletter.loadIssue(theme: theme, week: week)
        let folder = newsletter.issueFolder(theme: theme, week: week)
        let approval = Approval(
            revision: issue.revision, composedAt: RunCommand.stamp(issue.composedAt),
            approvedAt: RunCommand.stamp(Date()),
            by: ProcessInfo.processInfo.environment["USER"] ?? "editor")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(approval), to: folder.approvalFile)
        let stories = issue.sections.reduce(0) { $0 + $1.stories.count }
        print("Approved \(theme.id) \(week) as composed at \(approval.composedAt) (\(stories) stories)")
    }
}
