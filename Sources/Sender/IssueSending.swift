import Composer
import Curl
import Foundation
import Subscribers

/// Sending one composed issue to one list, as `digest send` does: the checks before anything is
/// recorded, the issue's ledger (or a shard's), the delivery itself, marking bounced the
/// subscribers the relay called unknown, a dry run into the outbox, and a test copy.
///
/// What to send and how come in already decided (the mailing, the options, a transport per
/// connection); what happened comes back as facts (a summary, the addresses marked bounced) for the
/// caller to report.
public struct IssueSending {
    /// Each subscriber's message of the issue.
    public let mailing: IssueMailing
    /// The issue's folder: its ledgers and outbox.
    public let folder: IssueFolder
    /// The subscriber list file.
    public let listFile: URL

    /// Prepares the sending of `mailing` from `folder` to the list in `listFile`.
    public init(mailing: IssueMailing, folder: IssueFolder, listFile: URL) {
        self.mailing = mailing
        self.folder = folder
        self.listFile = listFile
    }

    /// Whether anyone on the list is mailed: the first active, unsuppressed subscriber of the
    /// shard that is not a repeat of an earlier row (usually found within the first few rows).
    public func hasRecipient(in list: SubscriberListReader, shard: Shard?) throws -> Bool {
        var seen = RecipientIndex()
        var found = false
        try list.forEachRecipient(register: &seen, including: { shard?.contains($0) ?? true }) { _, _ in
            found = true
            return false
        }
        return found
    }

    /// Writes each recipient's message into the issue's outbox instead of sending it (see
    /// `IssueMailing.writeDryRun`); returns how many were written and how many usable rows the list has.
    public func writeDryRun(
        list: SubscriberListReader, shard: Shard?, now: Date, problem: (SubscribersError) -> Void
    ) throws -> (written: Int, listed: Int) {
        try mailing.writeDryRun(from: list, shard: shard, outbox: folder.outbox, now: now, problem: problem)
    }

    /// Sends one copy of `subscriber`'s message (a plain copy when nil) to `address`, outside the
    /// ledger, and returns the relay's reply.
    ///
    /// - Throws: `SenderError`: `.transport` when the relay cannot be used, `.rejected` when it
    ///   refused the copy or the outcome is not known.
    public func sendTestCopy(
        to address: EmailAddress, as subscriber: Subscriber?, through transport: any MailTransport, now: Date
    ) throws -> SMTPReply {
        let reader = subscriber ?? Subscriber(email: address)
        var message = try mailing.message(for: reader, date: now, messageID: .random(for: mailing.from.address))
        message.to = MailAddress(address, displayName: reader.name.isEmpty ? nil : reader.name)
        let bytes = try MIMEWriter().write(message)
        switch try transport.send(bytes, from: mailing.envelopeSender.ascii, to: address.ascii, bodyComplete: nil) {
        case .accepted(let reply):
            return reply
        case .rejected(let reply), .policyRefused(let reply), .recipientRefused(let reply):
            throw SenderError(
                .rejected, "the relay refused the test copy: \(reply.text)", recipient: address.description)
        case .senderRefused(let reply):
            throw SenderError(
                .rejected, "the relay refused the sender of the test copy: \(reply.text)",
                recipient: address.description)
        case .notSent(let detail), .unknown(let detail):
            throw SenderError(.rejected, detail, recipient: address.description)
        }
    }

    /// Opens the ledger this run records in: the whole issue's, or `shard`'s. An issue is sent
    /// either whole or in shards of one count, never both; a sharded send leaves an empty
    /// `delivery.ledger` too, the mark that the issue has started sending.
    ///
    /// - Throws: `SenderError` (`.shardMismatch`) when the issue is being sent the other way,
    ///   `.ledgerLocked` when another send of it runs, and the ledger's other errors.
    public func openLedger(shard: Shard?) throws(SenderError) -> DeliveryLedger {
        let whole = folder.ledgerFile
        let shardLedgers = folder.shardLedgerNames
        if shard == nil, let first = shardLedgers.first {
            throw SenderError(
                .shardMismatch, "this issue is being sent in shards (\(first)); give the shard", path: folder.url.path)
        }
        if let shard {
            let manager = FileManager.default
            let size = (try? manager.attributesOfItem(atPath: whole.path)[.size] as? Int) ?? 0
            if size > 0 {
                throw SenderError(
                    .shardMismatch, "this issue is being sent unsharded; send it without shard \(shard)",
                    path: whole.path)
            }
            if let other = shardLedgers.first(where: { !IssueFolder.isShardLedger($0, ofCount: shard.count) }) {
                throw SenderError(
                    .shardMismatch, "this issue is being sent in other shards (\(other))", path: folder.url.path)
            }
            if !manager.fileExists(atPath: whole.path) { _ = manager.createFile(atPath: whole.path, contents: Data()) }
        }
        return try DeliveryLedger(url: folder.ledgerFile(shard: shard.map { ($0.index, $0.count) }))
    }

    /// Sends to everyone in `list` who still needs the issue (see `IssueDelivery.run`), recording
    /// in `ledger`, then marks bounced every still-active subscriber the relay called unknown,
    /// in this run or an earlier one (also when the run stops on an error), handing each to `bounced`.
    public func send(
        list: SubscriberListReader, shard: Shard?, ledger: DeliveryLedger, options: DeliveryOptions,
        problem: (SubscribersError) -> Void = { _ in }, progress: (@Sendable (DeliveryProgress) -> Void)? = nil,
        bounced: (EmailAddress) -> Void = { _ in },
        makeTransport: @escaping @Sendable () throws -> any MailTransport
    ) throws -> DeliverySummary {
        // A run killed after a 550 but before the list was saved: those are marked now.
        try markBounced(ledger.summary().bounced, reporting: bounced)
        let delivery = IssueDelivery(mailing: mailing, ledger: ledger, options: options, makeTransport: makeTransport)
        let summary: DeliverySummary
        do {
            summary = try delivery.run(list: list, shard: shard, problem: problem, report: progress)
        } catch {
            try? markBounced(ledger.summary().bounced, reporting: bounced)
            throw error
        }
        try markBounced(summary.bounced, reporting: bounced)
        return summary
    }

    /// Marks bounced every still-active subscriber whose address is among `addresses` (ASCII,
    /// any case), holding the list's lock until it is saved, so an edit by `digest subscribers`
    /// at the same time is neither lost nor overwritten.
    private func markBounced(_ addresses: [String], reporting: (EmailAddress) -> Void) throws {
        guard !addresses.isEmpty else { return }
        let wanted = Set(addresses.map { $0.lowercased() })
        let lock = try ListLock(list: listFile)
        defer { withExtendedLifetime(lock) {} }
        var list = try SubscriberList.load(from: listFile)
        var changed: [EmailAddress] = []
        for subscriber in list.subscribers
        where subscriber.status == .active && wanted.contains(subscriber.email.ascii.lowercased()) {
            _ = try list.update(subscriber.email) { $0.status = .bounced }
            changed.append(subscriber.email)
        }
        guard !changed.isEmpty else { return }
        try list.save(to: listFile)
        changed.forEach(reporting)
    }
}
