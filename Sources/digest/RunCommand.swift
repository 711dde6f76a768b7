import ArgumentParser
import Collector
import Composer
import Foundation
import NewsValues

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

    /// The clock: `DIGEST_NOW` (ISO 8601) when set, which is how tests pin the time; read once.
    static let now: Date =
        ProcessInfo.processInfo.environment["DIGEST_NOW"].flatMap {
            ISO8601.parse($0)
        } ?? Date()

    func validate() throws {
        if send == dryRun { throw ValidationError("choose --send or --dry-run") }
        if send && relay.smtpURL == nil { throw ValidationError("--send needs --smtp-url URL") }
    }

    /// Runs the steps `IssueSchedule` names, printing why a step does nothing.
    func run() throws {
        let (newsletter, now) = (global.newsletter, Self.now)
        let (theme, week) = try newsletter.issue(issueOptions, now: now)
        let folder = newsletter.issueFolder(theme: theme, week: week)
        let schedule = IssueSchedule(theme: theme, week: week)
        let say = { (line: String) in print("\(theme.id) \(week): \(line)") }
        var record = folder.runRecord()
        let started = folder.hasStartedSending
        if let skip = schedule.skipBeforeComposing(record: record, sending: send) {
            return say(schedule.describe(.skip(skip)) ?? "")
        }
        if !noCollect && !started { collect(theme: theme, newsletter: newsletter) }
        // Composed once: a later run keeps the draft (and any approval of it); `digest compose`
        // or `digest edit` recompose on purpose.
        if !started && !folder.isComposed {
            let issue = try IssueComposer(theme: theme).compose(
                try newsletter.articles.loadAll(), week: week, now: now, editsIn: folder
            ).issue
            _ = try newsletter.issues.save(issue)
            record.composedAt = UTCTime.format(now)
            try folder.save(record)
            print("Composed \(theme.id) \(week): \(issue.storyCount) stories")
        }
        let issue = try newsletter.loadIssue(theme: theme, week: week)
        let step = schedule.nextStep(
            sending: send, lateOK: lateOk, issue: issue, record: record, approval: folder.approval(),
            started: started, now: now)
        switch step {
        case .skip, .waitUntil: say(schedule.describe(step) ?? "")
        case .refuseLate:
            throw CommandFailure(
                "\(theme.id) \(week): \(schedule.describe(step) ?? ""); send it with --late-ok if it is still news")
        case .awaitApproval(let mailEditors, _):
            // The editors' test copy, once per composed draft.
            if mailEditors {
                for editor in theme.settings.editors { try runSend(["--test", editor], theme: theme, week: week) }
                record.testCopyOf = IssueSchedule.draft(of: issue)
                try folder.save(record)
            }
            say("\(schedule.describe(step) ?? ""); run `digest approve --week \(week)`")
        case .writeOutbox:
            try runSend(["--dry-run"], theme: theme, week: week)
            record.outboxWrittenAt = UTCTime.format(now)
            try folder.save(record)
        case .send:
            try runSend([], theme: theme, week: week)
            record.sentAt = UTCTime.format(now)
            try folder.save(record)
        }
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

    /// Runs `digest send` for this week with the relay options given to `run`.
    private func runSend(_ extra: [String], theme: Theme, week: ISOWeek) throws {
        var arguments = ["--theme", theme.id, "--week", week.description]
        if let root = global.root { arguments += ["--root", root] }
        if !extra.contains("--dry-run") { arguments += relay.arguments }
        let command = try SendCommand.parse(arguments + extra)
        try command.run()
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
        let approval = Approval(of: issue, by: ProcessInfo.processInfo.environment["USER"] ?? "editor", at: Date())
        try newsletter.issueFolder(theme: theme, week: week).save(approval)
        print("Approved \(theme.id) \(week) as composed at \(approval.composedAt) (\(issue.storyCount) stories)")
    }
}
