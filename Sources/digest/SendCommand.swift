import ArgumentParser
import Composer
import Curl
import Foundation
import Renderer
import Sender
import Subscribers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    @Option(help: "The theme (a folder in Templates/); default: the only one.")
    var theme: String?

    @Option(help: "The ISO week, like 2026-W47; default: the last complete week in the theme's time zone.")
    var week: String?

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
        if let smtpURL {
            guard let components = URLComponents(string: smtpURL), let scheme = components.scheme?.lowercased(),
                scheme == "smtp" || scheme == "smtps", let host = components.host, !host.isEmpty
            else {
                throw ValidationError("--smtp-url must look like smtp://host:587 or smtps://host:465")
            }
            if components.user != nil || components.password != nil {
                throw ValidationError(
                    "--smtp-url must not carry a user or password; use DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD")
            }
            if allowPlaintext && !Self.isLoopback(host) {
                throw ValidationError(
                    "--allow-plaintext is only for a relay on this machine (127.0.0.1, ::1, localhost)")
            }
        }
    }

    /// Whether anyone on the list is mailed: the first active, unsuppressed subscriber of the
    /// shard that is not a repeat of an earlier row (usually found within the first few rows).
    static func hasRecipient(_ list: SubscriberListReader, shard: Shard?) throws -> Bool {
        list.rewind()
        while let row = try list.next() {
            guard case .subscriber(let subscriber) = row, list.isRecipient(subscriber),
                shard?.contains(subscriber.email) ?? true
            else { continue }
            if list.firstLine(of: subscriber.email) == subscriber.line { return true }
        }
        return false
    }

    /// Whether `host` is this machine by its very spelling: `localhost`, `::1`, or an IPv4 literal
    /// in 127.0.0.0/8. A name that only starts with `127.` (`127.evil.example`) is a DNS name that
    /// can point anywhere, and is not loopback.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" { return true }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            // ::1 in any spelling: fifteen zero bytes, then one.
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
        }
        var v4 = in_addr()
        guard inet_pton(AF_INET, bare, &v4) == 1 else { return false }
        return UInt32(bigEndian: v4.s_addr) >> 24 == 127
    }

    func run() throws {
        let newsletter = global.newsletter
        let theme = try newsletter.theme(theme)
        let week = try newsletter.week(week, theme: theme)
        let issue = try newsletter.loadIssue(theme: theme, week: week)
        let listName = list ?? theme.settings.list
        let listFile = try newsletter.checkedListFile(listName, option: list == nil ? "the theme's list" : "--list")
        if let test {
            let subscribers = try SubscriberList.load(from: listFile)
            for problem in subscribers.problems { printError("digest: skipped \(problem)") }
            try sendTest(to: test, mailing: try mailing(issue, theme: theme, list: listName), subscribers: subscribers)
            return
        }

        // The list is read row by row (twice when sending), never held whole: memory stays flat
        // however long it is. Rows that cannot be used are reported as the first pass meets them.
        let list = try SubscriberListReader(url: listFile)
        for problem in list.suppression.problems { printError("digest: skipped \(problem)") }
        let mailing = try mailing(issue, theme: theme, list: listName)
        let reportProblem = { (problem: SubscribersError) in printError("digest: skipped \(problem)") }
        let shard = try shard.map { text throws(SenderError) in try Shard(parsing: text) }
        guard try Self.hasRecipient(list, shard: shard) else {
            throw CommandFailure("\(listFile.path): no active subscribers" + (shard.map { " in shard \($0)" } ?? ""))
        }

        let issueFolder = newsletter.issues.folder(theme: theme.id, week: week.description)
        guard !dryRun else {
            let outbox = issueFolder.appendingPathComponent("outbox")
            let (written, listed) = try mailing.writeDryRun(
                from: list, shard: shard, outbox: outbox, now: Date(), problem: reportProblem)
            print("Wrote \(written) messages to \(outbox.path) (\(listed - written) not active, not mailed)")
            return
        }

        let settings = try smtpSettings(ehloName: mailing.from.address.asciiDomain)
        try checkRelay(settings)
        let ledger = try openLedger(in: issueFolder, shard: shard)
        // A run killed after a 550 but before the list was saved: mark those bounced now.
        try markBounced(addressesIn: ledger, listFile: listFile)

        let options = DeliveryOptions(
            connections: connections, perSecond: rate, perHour: maxPerHour, perDay: maxPerDay,
            resendUnknown: resendUnknown,
            maxAttempts: maxAttempts, retryDelay: .milliseconds(Int64(retryDelay * 1000)),
            maxRetryWait: .milliseconds(Int64(maxRetryWait * 1000)))
        let delivery = IssueDelivery(mailing: mailing, ledger: ledger, options: options) {
            try CurlSMTPTransport(settings: settings)
        }
        let progress: ProgressDisplay? = ProgressDisplay()
        let summary: DeliverySummary
        do {
            summary = try delivery.run(list: list, shard: shard, problem: reportProblem) { state in
                progress?.update(
                    done: state.done, total: state.total, elapsed: state.elapsed,
                    detail: "sent \(state.sent) · " + String(format: "%.1f", state.rate) + " msg/s")
            }
        } catch let error as SMTPError {
            progress?.finish()
            try? markBounced(addressesIn: ledger, listFile: listFile)
            throw CommandFailure("\(error.message); the ledger keeps who was sent, run send again to resume")
        }
        progress?.finish()
        if let cap = summary.stoppedAt { printError("digest: \(cap)") }
        try markBounced(addressesIn: ledger, listFile: listFile)
        report(summary, ledger: ledger)
        if summary.isComplete { return }
        throw ExitCode(summary.failed == 0 && summary.unknown == 0 ? 75 : 1)
    }

    private func mailing(_ issue: ComposedIssue, theme: Theme, list: String) throws -> IssueMailing {
        try IssueMailing(
            issue: issue, renderer: try IssueRenderer(themeDirectory: theme.directory), list: list,
            secret: try global.newsletter.unsubscribeSecret())
    }

    private func smtpSettings(ehloName: String) throws -> SMTPSettings {
        let environment = ProcessInfo.processInfo.environment
        let file = smtpConfig.map { URL(fileURLWithPath: $0) } ?? SMTPCredentials.defaultFile(environment: environment)
        let credentials = try SMTPCredentials.load(environment: environment, file: file)
        return SMTPSettings(
            url: smtpURL ?? "", ehloName: ehloName, username: credentials?.user, password: credentials?.password,
            credentialsSource: credentials?.source,
            allowPlaintext: allowPlaintext, verifyCertificate: !insecure, caFile: caFile,
            connectTimeout: .milliseconds(Int64(min(timeout, 30) * 1000)),
            messageTimeout: .milliseconds(Int64(timeout * 1000)))
    }

    /// Connects and logs in once before anything is recorded, so a wrong password or an untrusted
    /// certificate leaves the issue as it was.
    private func checkRelay(_ settings: SMTPSettings) throws {
        do {
            try SMTPClient.verify(settings)
        } catch let error as SMTPError {
            throw CommandFailure("\(error.message)")
        }
    }

    private func openLedger(in folder: URL, shard: Shard?) throws -> DeliveryLedger {
        let manager = FileManager.default
        let whole = folder.appendingPathComponent(DeliveryLedger.fileName(shard: nil))
        let shardLedgers = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("delivery.shard-") && $0.hasSuffix(".ledger") }
        if shard == nil, let first = shardLedgers.first {
            throw CommandFailure("\(folder.path): this issue is being sent in shards (\(first)); give --shard I/N")
        }
        if let shard {
            let size = (try? manager.attributesOfItem(atPath: whole.path)[.size] as? Int) ?? 0
            if size > 0 {
                throw CommandFailure("\(whole.path): this issue is being sent unsharded; leave out --shard \(shard)")
            }
            if let other = shardLedgers.first(where: { !$0.hasSuffix("-of-\(shard.count).ledger") }) {
                throw CommandFailure("\(folder.path): this issue is being sent in other shards (\(other))")
            }
            // The empty `delivery.ledger` tells the composer that this issue has started sending.
            if !manager.fileExists(atPath: whole.path) { _ = manager.createFile(atPath: whole.path, contents: Data()) }
        }
        return try DeliveryLedger(url: folder.appendingPathComponent(DeliveryLedger.fileName(shard: shard)))
    }

    /// Marks bounced every still-active subscriber whose address the relay called unknown.
    private func markBounced(addressesIn ledger: DeliveryLedger, listFile: URL) throws {
        let unknownUsers = ledger.standings(in: [.failed]).compactMap { standing -> String? in
            guard standing.last.state == .failed, let code = standing.last.code,
                IssueDelivery.userUnknownCodes.contains(code)
            else { return nil }
            return standing.last.email.lowercased()
        }
        guard !unknownUsers.isEmpty else { return }
        let wanted = Set(unknownUsers)
        // Held until the list is saved, so an edit by `digest subscribers` at the same time is
        // neither lost nor overwritten.
        let lock = try ListLock(list: listFile)
        defer { withExtendedLifetime(lock) {} }
        var list = try SubscriberList.load(from: listFile)
        var changed: [String] = []
        for subscriber in list.subscribers
        where subscriber.status == .active && wanted.contains(subscriber.email.ascii.lowercased()) {
            _ = try list.update(subscriber.email) { $0.status = .bounced }
            changed.append(subscriber.email.description)
        }
        guard !changed.isEmpty else { return }
        try list.save(to: listFile)
        for address in changed { printError("digest: \(address) does not exist (5xx user unknown); marked bounced") }
    }

    private func report(_ summary: DeliverySummary, ledger: DeliveryLedger) {
        for address in summary.unknownAddresses {
            printError(
                "digest: \(address): outcome unknown (connection lost before the reply); not resent, "
                    + "use --resend-unknown to send again")
        }
        var line = "Sent \(summary.sentNow)"
        if summary.sentBefore > 0 { line += " (and \(summary.sentBefore) in earlier runs)" }
        line += ", deferred \(summary.deferred), failed \(summary.failed), unknown \(summary.unknown)"
        line += " of \(summary.recipients) recipients; ledger \(ledger.url.path)"
        print(line)
    }

    /// `--test ADDRESS [--as SUBSCRIBER]`: one copy, outside the ledger.
    private func sendTest(to address: String, mailing: IssueMailing, subscribers: SubscriberList) throws {
        let testAddress: EmailAddress
        do {
            testAddress = try EmailAddress(address)
        } catch {
            throw ValidationError("--test: \(error)")
        }
        var subscriber = Subscriber(email: testAddress)
        if let asSubscriber {
            let email: EmailAddress
            do {
                email = try EmailAddress(asSubscriber)
            } catch {
                throw ValidationError("--as: \(error)")
            }
            guard let found = subscribers.subscriber(email) else {
                throw CommandFailure("\(asSubscriber) is not on the list")
            }
            subscriber = found
        }
        var message = try mailing.message(for: subscriber, date: Date(), messageID: .random(for: mailing.from.address))
        message.to = MailAddress(testAddress, displayName: subscriber.name.isEmpty ? nil : subscriber.name)
        let bytes = try MIMEWriter().write(message)
        let settings = try smtpSettings(ehloName: mailing.from.address.asciiDomain)
        let outcome: SMTPOutcome
        do {
            outcome = try SMTPClient(settings: settings).send(
                bytes, from: mailing.from.address.ascii, to: testAddress.ascii)
        } catch let error as SMTPError {
            throw CommandFailure("\(error.message)")
        }
        switch outcome {
        case .accepted(let reply):
            print("Sent a test copy\(asSubscriber.map { " of \($0)'s issue" } ?? "") to \(testAddress): \(reply.text)")
        case .rejected(let reply):
            throw CommandFailure("\(testAddress): the relay refused the test copy: \(reply.text)")
        case .notSent(let detail), .unknown(let detail):
            throw CommandFailure("\(testAddress): \(detail)")
        }
    }
}
