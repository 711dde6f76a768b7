import ArgumentParser
import Composer
import Foundation
import Renderer
import Sender
import ServeOptions
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

    @Option(help: "The subscriber list (Subscribers/<list>.csv); default: the theme's.")
    var list: String?

    @Option(help: "The SMTP relay, like smtp://mail.example.com:587 or smtps://mail.example.com.")
    var smtpURL: String?

    @Flag(help: "Allow a relay on this machine (loopback) that does not offer STARTTLS.")
    var allowPlaintext = false

    @Option(help: ArgumentHelp("A PEM file of certificate authorities to trust for the relay.", valueName: "file"))
    var caFile: String?

    @Flag(help: "Do not check the relay's certificate (test relays only).")
    var insecure = false

    @Option(help: ArgumentHelp("The owner-only file with the SMTP user and password.", valueName: "file"))
    var smtpConfig: String?

    @Option(help: "Parallel connections to the relay.")
    var connections = 1

    @Option(help: "At most this many messages per second.")
    var rate: Double?

    @Option(help: "At most this many messages in any hour.")
    var maxPerHour: Int?

    @Option(help: "At most this many messages in any 24 hours.")
    var maxPerDay: Int?

    @Option(help: ArgumentHelp("Seconds to wait for the relay's reply to one message.", valueName: "seconds"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("The first back-off after a 4xx, doubling per attempt.", valueName: "seconds"))
    var retryDelay: Double = 5

    @Option(help: "Attempts per recipient before a deferred one is left for the next run.")
    var maxAttempts = 5

    @Option(help: ArgumentHelp("How long one run waits for deferred recipients.", valueName: "seconds"))
    var maxRetryWait: Double = 600

    @Flag(help: "Write each message to the issue's outbox instead of sending it.")
    var dryRun = false

    @Option(help: ArgumentHelp("Send one copy to this address, outside the ledger.", valueName: "address"))
    var test: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("With --test: the subscriber whose copy to send.", valueName: "email"))
    var asSubscriber: String?

    @Flag(help: "Send again to recipients whose outcome is unknown (they may get two copies).")
    var resendUnknown = false

    @Option(
        help: ArgumentHelp("Send only shard I of N (by a hash of the address), with its own ledger.", valueName: "I/N"))
    var shard: String?

    func validate() throws {
        if let list {
            try Newsletter.checkName(
                list, of: "--list", what: "a list name (a file name in Subscribers/, without .csv)")
        }
        if !dryRun && smtpURL == nil { throw ValidationError("give --smtp-url URL, or --dry-run") }
        if asSubscriber != nil && test == nil { throw ValidationError("--as goes with --test ADDRESS") }
        if connections < 1 || connections > 64 { throw ValidationError("--connections must be 1 to 64") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be a positive number of messages per second") }
        if let maxPerHour, maxPerHour < 1 { throw ValidationError("--max-per-hour must be at least 1") }
        if let maxPerDay, maxPerDay < 1 { throw ValidationError("--max-per-day must be at least 1") }
        if !(timeout > 0) || !(retryDelay >= 0) || !(maxRetryWait >= 0) || maxAttempts < 1 {
            throw ValidationError("--timeout must be positive; --retry-delay and --max-retry-wait not negative")
        }
        if let shard {
            do {
                _ = try Shard(parsing: shard)
            } catch {
                throw ValidationError(error.message)
            }
        }
        if let smtpURL { try RelayURL.check(smtpURL, allowPlaintext: allowPlaintext) }
    }

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let listName = list ?? theme.settings.list
        let listFile = try newsletter.checkedListFile(listName, option: list == nil ? "the theme's list" : "--list")
        let mailing = try IssueMailing(
            issue: try newsletter.loadIssue(theme: theme, week: week),
            renderer: try IssueRenderer(themeDirectory: theme.directory), list: listName,
            secret: try newsletter.unsubscribeSecret())
        let sending = IssueSending(
            mailing: mailing, folder: newsletter.issueFolder(theme: theme, week: week), listFile: listFile)
        do {
            try run(sending)
        } catch let error as SenderError {
            throw CommandFailure(Self.explain(error))
        }
    }

    private func run(_ sending: IssueSending) throws {
        if let test { return try sendTest(to: test, sending: sending) }
        // The list is read row by row, never held whole: memory stays flat however long it is.
        let list = try SubscriberListReader(url: sending.listFile)
        let reportProblem = { (problem: SubscribersError) in printError("digest: skipped \(problem)") }
        for problem in list.suppression.problems { reportProblem(problem) }
        let shard = try shard.map { text throws(SenderError) in try Shard(parsing: text) }
        guard try sending.hasRecipient(in: list, shard: shard) else {
            throw CommandFailure(
                "\(sending.listFile.path): no active subscribers" + (shard.map { " in shard \($0)" } ?? ""))
        }
        guard !dryRun else {
            let (written, listed) = try sending.writeDryRun(
                list: list, shard: shard, now: Date(), problem: reportProblem)
            print(
                "Wrote \(written) messages to \(sending.folder.outbox.path) (\(listed - written) not active, not mailed)"
            )
            return
        }
        let settings = try smtpSettings(ehloName: sending.mailing.from.address.asciiDomain)
        // Connects and logs in once before anything is recorded: a wrong password or an untrusted
        // certificate leaves the issue as it was.
        do {
            try CurlSMTPTransport(settings: settings).checkSession()
        } catch {
            throw CommandFailure("digest: \(error.message)" + Self.hint(error))
        }
        let ledger = try sending.openLedger(shard: shard)
        let options = DeliveryOptions(
            connections: connections, perSecond: rate, perHour: maxPerHour, perDay: maxPerDay,
            resendUnknown: resendUnknown, maxAttempts: maxAttempts, retryDelay: .milliseconds(Int64(retryDelay * 1000)),
            maxRetryWait: .milliseconds(Int64(maxRetryWait * 1000)))
        let progress: ProgressDisplay? = ProgressDisplay()
        defer { progress?.finish() }
        let summary = try sending.send(
            list: list, shard: shard, ledger: ledger, options: options, problem: reportProblem,
            progress: { state in
                progress?.update(
                    done: state.done, total: state.total, elapsed: state.elapsed,
                    detail: "sent \(state.sent) · " + String(format: "%.1f", state.rate) + " msg/s")
            },
            bounced: { printError("digest: \($0) does not exist (5xx user unknown); marked bounced") },
            makeTransport: { CurlSMTPTransport(settings: settings) })
        progress?.finish()
        if let stop = summary.stopped { printError("digest: \(Self.explain(stop))") }
        for address in summary.unknownAddresses {
            printError(
                "digest: \(address): outcome unknown (connection lost before the reply); not resent, "
                    + "use --resend-unknown to send again")
        }
        var line = "Sent \(summary.sentNow)"
        if summary.sentBefore > 0 { line += " (and \(summary.sentBefore) in earlier runs)" }
        line += ", deferred \(summary.deferred), failed \(summary.failed), unknown \(summary.unknown)"
        print(line + " of \(summary.recipients) recipients; ledger \(ledger.url.path)")
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    private func smtpSettings(ehloName: String) throws -> RelaySettings {
        let environment = ProcessInfo.processInfo.environment
        let file = smtpConfig.map { URL(fileURLWithPath: $0) } ?? SMTPCredentials.defaultFile(environment: environment)
        let credentials = try SMTPCredentials.load(environment: environment, file: file)
        return RelaySettings(
            url: smtpURL ?? "", ehloName: ehloName, username: credentials?.user, password: credentials?.password,
            allowPlaintext: allowPlaintext, verifyCertificate: !insecure, caFile: caFile,
            connectTimeout: .milliseconds(Int64(min(timeout, 30) * 1000)),
            messageTimeout: .milliseconds(Int64(timeout * 1000)))
    }

    /// `--test ADDRESS [--as SUBSCRIBER]`: one copy, outside the ledger.
    private func sendTest(to address: String, sending: IssueSending) throws {
        let testAddress = try EmailAddress(checking: address, option: "--test")
        var subscriber: Subscriber?
        if let asSubscriber {
            let subscribers = try SubscriberList.load(from: sending.listFile)
            for problem in subscribers.problems { printError("digest: skipped \(problem)") }
            guard let found = subscribers.subscriber(try EmailAddress(checking: asSubscriber, option: "--as")) else {
                throw CommandFailure("\(asSubscriber) is not on the list")
            }
            subscriber = found
        }
        let settings = try smtpSettings(ehloName: sending.mailing.from.address.asciiDomain)
        let reply = try sending.sendTestCopy(
            to: testAddress, as: subscriber, through: CurlSMTPTransport(settings: settings), now: Date())
        print("Sent a test copy\(asSubscriber.map { " of \($0)'s issue" } ?? "") to \(testAddress): \(reply.text)")
    }

    /// The line for a sender's error, with the option or variable that changes it.
    static func explain(_ error: SenderError) -> String {
        switch error.code {
        case .transport:
            "digest: \(error.message)\(hint(error)); the ledger keeps who was sent, run send again to resume"
        case .shardMismatch: "\(error) (--shard I/N names the shard)"
        case .ledgerLocked: "\(error)"
        default: "digest: \(error)"
        }
    }

    /// What to change for a relay that cannot be used: the option or variable.
    static func hint(_ error: SenderError) -> String {
        switch error.transportFailure {
        case .authentication:
            "; check DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD (or the file given with --smtp-config)"
        case .startTLSUnavailable: "; use smtps://, or --allow-plaintext for a relay on this machine"
        case .tls: "; give the relay's CA with --ca-file (or, for a test relay only, --insecure)"
        case .connection, .configuration, nil: ""
        }
    }

    /// The line for what stopped a run, with the option that changes it.
    static func explain(_ stop: DeliveryStop) -> String {
        switch stop {
        case .cap(let cap): "\(stop) (" + (cap.window == .hour ? "--max-per-hour" : "--max-per-day") + ")"
        case .relayStalled: "\(stop); check the relay (or --timeout), then run send again"
        }
    }
}

extension EmailAddress {
    /// An address given on the command line with `option`, or a usage error naming it.
    init(checking text: String, option: String) throws {
        do {
            try self.init(text)
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }
}
