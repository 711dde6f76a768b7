import ArgumentParser
import CommandOptions
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

    @OptionGroup var pacing: PacingOptions

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

    /// Runs the week (`WeekRun`) and prints why a step does nothing.
    func run() throws {
        let (newsletter, now) = (global.newsletter, Self.now)
        let (theme, week) = try newsletter.issue(issueOptions, now: now)
        let run = WeekRun(newsletter: newsletter, theme: theme, week: week, now: now)
        let step = try run.perform(
            sending: send, lateOK: lateOk, collect: noCollect ? nil : { try collect(theme: theme) },
            articles: { try newsletter.articles.loadAll() },
            composed: { print("Composed \(theme.id) \(week): \($0.storyCount) stories") },
            deliver: { try runSend($0, theme: theme, week: week) })
        let line = "\(theme.id) \(week): \(run.schedule.describe(step) ?? "")"
        switch step {
        case .skip, .waitUntil: print(line)
        case .refuseLate: throw CommandFailure(line + "; send it with --late-ok if it is still news")
        case .awaitApproval: print(line + "; run `digest approve --week \(week)`")
        case .writeOutbox, .send: break
        }
    }

    /// Collects the theme's feeds as `digest collect` does; a feed that fails is reported and the run goes on.
    private func collect(theme: Theme) throws {
        let feeds = theme.settings.feeds
        guard !feeds.isEmpty else {
            return printError("digest: the theme lists no feeds; composing from the articles already collected")
        }
        var arguments = ["--time-zone", theme.timeZone.identifier]
        if let root = global.root { arguments += ["--root", root] }
        if allowPrivateHosts || theme.settings.allowPrivateHosts { arguments.append("--allow-private-hosts") }
        do {
            try CollectCommand.parse(arguments + ["--"] + feeds).run()
        } catch let status as ExitCode where status == ExitCode(1) {}
    }

    /// Runs `digest send` for this week, with the relay and pacing options given to `run` for a test copy or
    /// the issue.
    private func runSend(_ delivery: WeekRun.Delivery, theme: Theme, week: ISOWeek) throws {
        var arguments = ["--theme", theme.id, "--week", week.description]
        if let root = global.root { arguments += ["--root", root] }
        switch delivery {
        case .editorsCopy(let editor): arguments += relay.arguments + pacing.arguments + ["--test", editor]
        case .outbox: arguments.append("--dry-run")
        case .issue: arguments += relay.arguments + pacing.arguments
        }
        try SendCommand.parse(arguments).run()
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
