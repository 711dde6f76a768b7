import ArgumentParser
import CommandOptions
import Composer
import Foundation
import Renderer
import Sender
import Subscribers

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Email the composed issue to every active subscriber, each with their own copy.",
        discussion: """
            Every step is recorded in Digests/<theme>/<week>/delivery.ledger, so running send again \
            resumes: nobody who was sent gets a second copy and nobody is skipped. Deferred (4xx) \
            recipients are retried with back-off; a recipient whose outcome is unknown (the \
            connection was lost after the message, before the reply) is reported and not resent \
            unless --resend-unknown. A 550/551/553 "user unknown" marks the subscriber bounced.

            SMTP credentials come from DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or from a config \
            file readable only by you (--smtp-config, default ~/.config/digest/smtp.conf) with \
            `user = …` and `password = …` lines; never from the command line.

            Exit status: 0 when everyone has the issue, 75 when some are deferred (run send again \
            later), 1 when some failed or their outcome is unknown.

            With --dry-run, each personalised message is written as an .eml file to \
            Digests/<theme>/<week>/outbox/ instead of being sent. Unsubscribed, bounced and complained \
            addresses are never mailed.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    @OptionGroup var list: ListOptions

    @OptionGroup var relay: RelayOptions

    @OptionGroup var pacing: PacingOptions

    @Flag(help: "Write each message to the issue's outbox instead of sending it.")
    var dryRun = false

    @Option(help: ArgumentHelp("Send one copy to this address, outside the ledger.", valueName: "address"))
    var test: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("With --test: the subscriber whose copy to send.", valueName: "email"))
    var asSubscriber: String?

    @Option(
        help: ArgumentHelp("Send only shard I of N (by a hash of the address), with its own ledger.", valueName: "I/N"))
    var shard: String?

    func validate() throws {
        if !dryRun && relay.smtpURL == nil { throw ValidationError("give --smtp-url URL, or --dry-run") }
        if asSubscriber != nil && test == nil { throw ValidationError("--as goes with --test ADDRESS") }
        if let shard {
            do {
                _ = try Shard(parsing: shard)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let (listName, listFile) = try list.list(of: theme, in: newsletter)
        let mailing = try IssueMailing(
            issue: try newsletter.loadIssue(theme: theme, week: week),
            renderer: try IssueRenderer(themeDirectory: theme.directory), list: listName,
            secret: try newsletter.unsubscribeSecret(), bounceAddress: theme.settings.bounceAddress)
        let sending = IssueSending(
            mailing: mailing, folder: newsletter.issueFolder(theme: theme, week: week), listFile: listFile)
        do {
            try run(sending)
        } catch let error as SenderError {
            throw CommandFailure(error.commandLine)
        }
    }

    private func run(_ sending: IssueSending) throws {
        if let test { return try sendTest(to: test, sending: sending) }
        // The list is read row by row, never held whole: memory stays flat however long it is.
        let list = try SubscriberListReader(url: sending.listFile)
        let reportProblem = { (problem: SubscribersError) in printError("digest: skipped \(problem)") }
        list.suppression.problems.forEach(reportProblem)
        let shard = try shard.map { text throws(SenderError) in try Shard(parsing: text) }
        try sending.checkHasRecipient(in: list, shard: shard)
        if dryRun { return print(try sending.dryRun(list: list, shard: shard, now: Date(), problem: reportProblem)) }
        let settings = try smtpSettings(sending)
        // Connects and logs in once before anything is recorded: a wrong password or an untrusted
        // certificate leaves the issue as it was.
        let check = CurlSMTPTransport(settings: settings)
        do {
            try check.checkSession()
        } catch {
            throw CommandFailure(error.message + error.hint)
        }
        if check.loginOfferedButNoneGiven {
            printError(
                "digest: warning: the relay offers a login and no user name or password was given "
                    + "(\(relayLoginSource)); sending without one")
        }
        let ledger = try sending.openLedger(shard: shard)
        let options = pacing.options
        let progress: ProgressDisplay? = ProgressDisplay()
        defer { progress?.finish() }
        let summary = try sending.send(
            list: list, shard: shard, ledger: ledger, options: options, problem: reportProblem,
            progress: { progress?.update(done: $0.done, total: $0.total, elapsed: $0.elapsed, detail: $0.detail) },
            bounced: { printError("digest: \($0) does not exist (5xx user unknown); marked bounced") },
            makeTransport: { CurlSMTPTransport(settings: settings) })
        progress?.finish()
        if let stop = summary.stopped {
            printError("digest: \(stop.commandLine(credentialsGiven: settings.username != nil))")
        }
        if let note = summary.refusalNote {
            printError("digest: \(note); if the addresses are right, \(relayRefusalCheck)")
        }
        for note in summary.unknownNotes { printError("digest: \(note), use --resend-unknown to send again") }
        print(summary.report(ledger: ledger.url))
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    private func smtpSettings(_ sending: IssueSending) throws -> RelaySettings {
        try relay.settings(
            ehloName: sending.mailing.from.address.asciiDomain, timeout: pacing.timeout,
            environment: ProcessInfo.processInfo.environment)
    }

    /// `--test ADDRESS [--as SUBSCRIBER]`: one copy, outside the ledger.
    private func sendTest(to address: String, sending: IssueSending) throws {
        let testAddress = try parseAddress(address, option: "--test")
        let subscriber = try asSubscriber.map {
            try SubscriberList.subscriber(
                try parseAddress($0, option: "--as"), inListAt: sending.listFile,
                problem: { printError("digest: skipped \($0)") })
        }
        let reply = try sending.sendTestCopy(
            to: testAddress, as: subscriber, through: CurlSMTPTransport(settings: try smtpSettings(sending)),
            now: Date())
        print("Sent a test copy\(asSubscriber.map { " of \($0)'s issue" } ?? "") to \(testAddress): \(reply.text)")
    }
}
