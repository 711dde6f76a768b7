import Foundation
import Storage
import Subscribers

/// Reads a bounce mailbox and applies what it reports to a subscriber list: hard bounces and
/// complaints stop all mail to the address, soft bounces are counted until they repeat, and
/// `mailto:` unsubscribe requests unsubscribe their sender.
///
/// The mailbox is read first, without touching the list; then `apply(toListAt:…)` makes every
/// change in one `SubscriberList.edit` (the list's lock, atomic writes), so a list is never left
/// half-updated and a `digest subscribers` command running at the same time loses nothing.
///
/// Each report is tied to a reader by the `Message-ID` of the returned copy, looked up in the
/// delivery ledgers (`SentCopies`), and only when that fails by the addresses the report names
/// (`Original-Recipient`, `Final-Recipient`, `Original-Rcpt-To`…) that are on the list.
///
/// Importing the same mailbox again changes nothing more: statuses and suppressions are already
/// set, and a soft bounce counts once per address and occasion (see `SoftBounceLog`).
public struct BounceImport: Sendable {
    /// When repeated soft bounces make an address bounced.
    public struct SoftBounceRule: Sendable, Equatable {
        /// How many different occasions (issues, or days for reports tied to no issue) it takes.
        public var threshold: Int
        /// Occasions older than this before the latest one no longer count (the mailbox took
        /// mail again in between).
        public var window: TimeInterval

        /// Bounced after soft bounces on 3 different issues within 60 days: a weekly letter
        /// that could not be delivered three times over two months is going nowhere, while a
        /// mailbox full for one week is not given up on.
        public static let standard = SoftBounceRule(threshold: 3, window: 60 * 86_400)

        /// Creates a rule.
        public init(threshold: Int, window: TimeInterval) {
            self.threshold = threshold
            self.window = window
        }
    }

    /// One message of the mailbox as read: where it is and what it is, or why it could not be read.
    public struct ReadMessage: Sendable {
        /// Where it is in the mailbox.
        public var position: MailboxPosition
        /// What it is, or why it could not be read.
        public var mail: Result<ReturnedMail, BouncesError>
    }

    /// Every message of the mailbox, in order.
    public private(set) var messages: [ReadMessage] = []

    /// Reads every message of `mailbox`. A message that cannot be read is kept with its error,
    /// to be reported by its position; only a mailbox that cannot be read at all throws.
    ///
    /// - Parameter unsubscribeAddresses: the addresses of the `mailto:` unsubscribe links sent
    ///   (compared without regard to case).
    public init(reading mailbox: Mailbox, unsubscribeAddresses: Set<String>) throws {
        let addresses = Set(unsubscribeAddresses.map { $0.lowercased() })
        var messages: [ReadMessage] = []
        try mailbox.forEachMessage { message in
            let mail: Result<ReturnedMail, BouncesError>
            switch message.contents {
            case .success(let bytes):
                do throws(BouncesError) {
                    mail = .success(try ReturnedMail.read(bytes, unsubscribeAddresses: addresses))
                } catch {
                    mail = .failure(error)
                }
            case .failure(let error):
                mail = .failure(error)
            }
            messages.append(ReadMessage(position: message.position, mail: mail))
        }
        self.messages = messages
    }

    /// Every Message-ID the reports name as the returned message's, to look up in the ledgers.
    public var messageIDs: Set<String> {
        var ids = Set<String>()
        for message in messages {
            switch message.mail {
            case .success(.deliveryStatus(let report)): ids.formUnion(report.originalMessageIDs)
            case .success(.complaint(let report)): ids.formUnion(report.originalMessageIDs)
            default: break
            }
        }
        return ids
    }

    /// Applies the reports to the list at `listFile` and its suppression and soft-bounce files,
    /// all under the list's lock, written atomically; with `dryRun`, works out the same changes
    /// on a copy read from disk and writes nothing.
    ///
    /// - Throws: the errors of `SubscriberList.edit` (a locked list, one that needs repair, a
    ///   failed write), `BouncesError` for a soft-bounce file that cannot be read or written.
    public func apply(
        toListAt listFile: URL, sentCopies: SentCopies, rule: SoftBounceRule = .standard, now: Date = Date(),
        dryRun: Bool = false
    ) throws -> BounceImportReport {
        let softFile = SoftBounceLog.file(forList: listFile)
        if dryRun {
            var list = try SubscriberList.load(from: listFile)
            var softBounces = try SoftBounceLog.load(from: softFile)
            return apply(to: &list, softBounces: &softBounces, sentCopies: sentCopies, rule: rule, now: now)
        }
        return try SubscriberList.edit(at: listFile) { list in
            // Under the list's lock: what a killed writer of the soft-bounce file left goes.
            AtomicFile.removeLeftovers(of: softFile)
            var softBounces = try SoftBounceLog.load(from: softFile)
            let report = apply(to: &list, softBounces: &softBounces, sentCopies: sentCopies, rule: rule, now: now)
            if softBounces.hasChanges { try softBounces.save(to: softFile) }
            return report
        }
    }

    /// Applies the reports to `list` and `softBounces` in memory.
    public func apply(
        to list: inout SubscriberList, softBounces: inout SoftBounceLog, sentCopies: SentCopies,
        rule: SoftBounceRule = .standard, now: Date = Date()
    ) -> BounceImportReport {
        var report = BounceImportReport()
        report.softBounceProblems = softBounces.problems
        var applier = Applier(list: list, softBounces: softBounces, copies: sentCopies, rule: rule, now: now)
        for message in messages {
            let outcomes: [BounceOutcome]
            switch message.mail {
            case .failure(let error):
                outcomes = [.skipped(error.reason)]
            case .success(.ignored(let reason)):
                outcomes = [.skipped(reason)]
            case .success(.deliveryStatus(let status)):
                outcomes = applier.apply(status)
            case .success(.complaint(let complaint)):
                outcomes = [applier.apply(complaint)]
            case .success(.unsubscribe(let request)):
                outcomes = [applier.apply(request)]
            }
            report.entries += outcomes.map { BounceImportReport.Entry(position: message.position, outcome: $0) }
        }
        list = applier.list
        softBounces = applier.softBounces
        return report
    }
}

/// What was done about one report (or one recipient of a report).
public enum BounceOutcome: Sendable, Equatable {
    /// The address is now bounced and suppressed; `reason` is the status, or the soft-bounce count.
    case bounced(EmailAddress, reason: String)
    /// A soft bounce was counted: `count` occasions of the `threshold` that bounce.
    case softBounce(EmailAddress, count: Int, threshold: Int, status: String)
    /// The address complained: now `complained` and suppressed.
    case complained(EmailAddress)
    /// The address asked by mail to leave: now `unsubscribed`.
    case unsubscribed(EmailAddress)
    /// The report was already applied (an earlier import, or an earlier report in the mailbox);
    /// `what` says what stands.
    case alreadyApplied(EmailAddress, what: String)
    /// No reader on the list could be found for the report.
    case unmatched(String)
    /// The message is not a report to act on, or could not be read.
    case skipped(String)
}

/// What importing a bounce mailbox did, message by message.
public struct BounceImportReport: Sendable {
    /// One outcome and the message it came from.
    public struct Entry: Sendable, Equatable {
        /// Where the message is in the mailbox.
        public var position: MailboxPosition
        /// What was done.
        public var outcome: BounceOutcome
    }

    /// Every outcome, in mailbox order.
    public var entries: [Entry] = []
    /// Lines of the soft-bounce file that could not be read (kept as they are).
    public var softBounceProblems: [BouncesError] = []

    /// An empty report.
    public init() {}

    private func count(_ test: (BounceOutcome) -> Bool) -> Int { entries.filter { test($0.outcome) }.count }

    /// Addresses bounced now (hard bounces, and soft bounces that reached the rule).
    public var bounced: Int { count { if case .bounced = $0 { true } else { false } } }
    /// Soft bounces counted (not yet bouncing the address).
    public var soft: Int { count { if case .softBounce = $0 { true } else { false } } }
    /// Complaints applied.
    public var complaints: Int { count { if case .complained = $0 { true } else { false } } }
    /// Unsubscribe requests applied.
    public var unsubscribed: Int { count { if case .unsubscribed = $0 { true } else { false } } }
    /// Reports already applied before.
    public var alreadyApplied: Int { count { if case .alreadyApplied = $0 { true } else { false } } }
    /// Reports no reader could be found for.
    public var unmatched: Int { count { if case .unmatched = $0 { true } else { false } } }
    /// Messages skipped: unreadable, or not reports.
    public var skipped: Int { count { if case .skipped = $0 { true } else { false } } }

    /// `bounced 2, soft 1, complaints 1, unsubscribed 1, unmatched 1, skipped 1`, and the reports
    /// already applied when there are any.
    public var summary: String {
        var text = "bounced \(bounced), soft \(soft), complaints \(complaints), unsubscribed \(unsubscribed)"
        text += ", unmatched \(unmatched), skipped \(skipped)"
        if alreadyApplied > 0 { text += " (\(alreadyApplied) already applied)" }
        return text
    }
}
