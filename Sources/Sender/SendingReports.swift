import Curl
import Foundation
import Subscribers

/// What a dry run wrote: each recipient's message as an `.eml` file in the issue's outbox.
public struct DryRunReport: Sendable, Equatable, CustomStringConvertible {
    /// Messages written.
    public var written: Int
    /// Usable rows of the list (of the shard); those not written are not active, so never mailed.
    public var listed: Int
    /// The outbox folder.
    public var outbox: URL

    /// Makes a report.
    public init(written: Int, listed: Int, outbox: URL) {
        self.written = written
        self.listed = listed
        self.outbox = outbox
    }

    /// `Wrote 3 messages to <outbox> (1 not active, not mailed)`.
    public var description: String {
        "Wrote \(written) messages to \(outbox.path) (\(listed - written) not active, not mailed)"
    }
}

extension IssueSending {
    /// Checks that someone on the list (of the shard) is mailed, before anything else is done.
    ///
    /// - Throws: `SenderError` (`.noRecipients`) naming the list, and the shard when there is one.
    public func checkHasRecipient(in list: SubscriberListReader, shard: Shard?) throws {
        guard try hasRecipient(in: list, shard: shard) else {
            throw SenderError(
                .noRecipients, "no active subscribers" + (shard.map { " in shard \($0)" } ?? ""), path: listFile.path)
        }
    }

    /// Writes each recipient's message into the issue's outbox instead of sending it (see `writeDryRun`).
    public func dryRun(
        list: SubscriberListReader, shard: Shard?, now: Date, problem: (SubscribersError) -> Void
    ) throws -> DryRunReport {
        let (written, listed) = try writeDryRun(list: list, shard: shard, now: now, problem: problem)
        return DryRunReport(written: written, listed: listed, outbox: folder.outbox)
    }
}

extension DeliverySummary {
    /// The line a send ends with: `Sent 3 (and 2 in earlier runs), deferred 0, failed 0, unknown 0 of
    /// 5 recipients; ledger <path>`.
    public func report(ledger: URL) -> String {
        var line = "Sent \(sentNow)"
        if sentBefore > 0 { line += " (and \(sentBefore) in earlier runs)" }
        line += ", deferred \(deferred), failed \(failed), unknown \(unknown)"
        return line + " of \(recipients) recipients; ledger \(ledger.path)"
    }

    /// The note for a run that ended with the relay refusing recipients and accepting none (see
    /// `refusedWithNoneAccepted`), or nil.
    public var refusalNote: String? {
        guard let refused = refusedWithNoneAccepted else { return nil }
        let count = refused.count
        return
            "the relay refused \(count) recipient\(count == 1 ? "" : "s") (\(refused.reply.text)) and accepted no message "
            + "in this run: they stay deferred, not failed, since the refusal may be of this client, not the addresses"
    }

    /// One note per recipient whose outcome is unknown, which is not sent again by itself:
    /// `a@example.org: outcome unknown (connection lost before the reply); not resent`.
    public var unknownNotes: [String] {
        unknownAddresses.map { "\($0): outcome unknown (connection lost before the reply); not resent" }
    }
}

extension SMTPCredentials {
    /// The credentials from the environment, else from `configFile` (a path), else from the
    /// default file (see `defaultFile(environment:)` and `load(environment:file:)`).
    public static func load(environment: [String: String], configFile: String?) throws(SenderError)
        -> SMTPCredentials?
    {
        let file = configFile.map { URL(fileURLWithPath: $0) } ?? defaultFile(environment: environment)
        return try load(environment: environment, file: file)
    }
}

extension RelaySettings {
    /// The settings of the relay at `url` with `credentials`; `ehloName` is the sender's domain,
    /// and `timeout` (seconds) bounds one message and, up to 30 s, the connection.
    public init(
        relay url: String, ehloName: String, credentials: SMTPCredentials?, allowPlaintext: Bool,
        verifyCertificate: Bool, caFile: String?, timeout: Double
    ) {
        self.init(
            url: url, ehloName: ehloName, username: credentials?.user, password: credentials?.password,
            credentialsSource: credentials?.source, allowPlaintext: allowPlaintext,
            verifyCertificate: verifyCertificate, caFile: caFile,
            connectTimeout: .milliseconds(Int64(min(timeout, 30) * 1000)),
            messageTimeout: .milliseconds(Int64(timeout * 1000)))
    }
}

extension DeliveryOptions {
    /// Options with the back-off and the longest wait in seconds, as a command takes them.
    public init(
        connections: Int, perSecond: Double?, perHour: Int?, perDay: Int?, resendUnknown: Bool, maxAttempts: Int,
        retryDelaySeconds: Double, maxRetryWaitSeconds: Double
    ) {
        self.init(
            connections: connections, perSecond: perSecond, perHour: perHour, perDay: perDay,
            resendUnknown: resendUnknown, maxAttempts: maxAttempts,
            retryDelay: .milliseconds(Int64(retryDelaySeconds * 1000)),
            maxRetryWait: .milliseconds(Int64(maxRetryWaitSeconds * 1000)))
    }
}
