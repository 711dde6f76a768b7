import Foundation
import Subscribers

/// What `digest bounces import` did: the report, and the mailbox it read.
public struct MailboxImport: Sendable {
    /// The outcomes, message by message.
    public var report: BounceImportReport
    /// The mailbox read.
    public var mailbox: URL
    /// How many messages it holds.
    public var messages: Int
    /// The list the reports were applied to.
    public var listFile: URL
    /// Whether nothing was written.
    public var dryRun: Bool

    /// Reads the mailbox at `mailbox`, ties its reports to the copies `theme`'s delivery ledgers in
    /// `digests` recorded, and applies them to the list at `listFile` (see `BounceImport.apply`);
    /// mails to `senderAddress` with the subject `unsubscribe` unsubscribe their senders.
    ///
    /// - Throws: `BouncesError` (`.noSuchList`) when there is no list, or when the mailbox or a
    ///   ledger cannot be read; the errors of `BounceImport.apply`.
    public init(
        mailbox: URL, listFile: URL, digests: URL, theme: String, senderAddress: String, dryRun: Bool
    ) throws {
        guard FileManager.default.fileExists(atPath: listFile.path) else {
            throw BouncesError(.noSuchList, "no such list", path: listFile.path)
        }
        let box = try Mailbox(at: mailbox)
        let reading = try BounceImport(reading: box, unsubscribeAddresses: [senderAddress.lowercased()])
        let copies = try SentCopies(digests: digests, theme: theme, messageIDs: reading.messageIDs)
        report = try reading.apply(toListAt: listFile, sentCopies: copies, dryRun: dryRun)
        self.mailbox = box.url
        messages = reading.messages.count
        self.listFile = listFile
        self.dryRun = dryRun
    }

    /// The closing line: `Imported asia.csv: 4 messages in <mailbox>; bounced 1, soft 0, …`
    /// (`Dry run, nothing written: …` for a dry run).
    public var summary: String {
        let header = dryRun ? "Dry run, nothing written" : "Imported \(listFile.lastPathComponent)"
        return "\(header): \(messages) message\(messages == 1 ? "" : "s") in \(mailbox.path); \(report.summary)"
    }
}

extension BounceOutcome {
    /// One line about the outcome: `a@example.org bounced (5.1.1), suppressed`.
    public var line: String {
        switch self {
        case .bounced(let email, let reason): "\(email) bounced (\(reason)), suppressed"
        case .softBounce(let email, let count, let threshold, let status):
            "\(email) soft bounce \(count) of \(threshold) (\(status))"
        case .complained(let email): "\(email) complained (spam report), suppressed"
        case .unsubscribed(let email): "\(email) unsubscribed by mail"
        case .alreadyApplied(let email, let what): "\(email) unchanged: \(what)"
        case .unmatched(let reason): "unmatched: \(reason)"
        case .skipped(let reason): "skipped: \(reason)"
        }
    }

    /// Whether the outcome is a problem to look at: a report no reader was found for, or a message
    /// skipped.
    public var isProblem: Bool {
        switch self {
        case .unmatched, .skipped: true
        default: false
        }
    }
}
