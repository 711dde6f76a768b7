import Foundation
import NewsValues
import Subscribers

/// Applies reports to a list, one after another, for `BounceImport`.
struct Applier {
    var list: SubscriberList
    var softBounces: SoftBounceLog
    let copies: SentCopies
    let rule: BounceImport.SoftBounceRule
    let now: Date

    init(
        list: SubscriberList, softBounces: SoftBounceLog, copies: SentCopies, rule: BounceImport.SoftBounceRule,
        now: Date
    ) {
        self.list = list
        self.softBounces = softBounces
        self.copies = copies
        self.rule = rule
        self.now = now
    }

    /// A delivery-status report: one outcome per recipient that failed (usually one).
    mutating func apply(_ report: DeliveryStatusReport) -> [BounceOutcome] {
        let failed = report.recipients.filter { $0.severity != .none }
        guard !failed.isEmpty else {
            let actions = Set(report.recipients.compactMap(\.action)).sorted().joined(separator: ", ")
            return [.skipped("reports no failure (Action: \(actions.isEmpty ? "none" : actions))")]
        }
        let copy = sentCopy(report.originalMessageIDs)
        let day = ISO8601.day(report.date ?? now)
        return failed.map { recipient in
            let named = [recipient.originalRecipient, recipient.finalRecipient].compactMap { $0 }
            var candidates: [String] = []
            if let copy, failed.count == 1 || named.contains(where: { $0.lowercased() == copy.email.lowercased() }) {
                candidates.append(copy.email)
            }
            candidates += named
            if failed.count == 1 { candidates += report.otherRecipients }
            guard let email = reader(candidates) else {
                return .unmatched(
                    unmatchedReason(named.first ?? report.otherRecipients.first, copy: copy, report.originalMessageIDs))
            }
            switch recipient.severity {
            case .permanent:
                return hardBounce(
                    email, reason: recipient.status ?? "failed", note: "bounced \(recipient.summary) on \(day)")
            default:
                let occasion = copy.map { "issue \($0.issue)" } ?? "day \(day)"
                return softBounce(
                    email, status: recipient.status ?? recipient.action ?? "", occasion: occasion,
                    date: report.date ?? now)
            }
        }
    }

    /// A feedback report: a complaint (`abuse`) makes the reader `complained` and suppressed.
    mutating func apply(_ report: ComplaintReport) -> BounceOutcome {
        guard report.feedbackType == "abuse" else {
            return .skipped("a feedback report of type '\(printable(report.feedbackType))', not a complaint")
        }
        let copy = sentCopy(report.originalMessageIDs)
        let candidates = (copy.map { [$0.email] } ?? []) + report.originalRecipients + report.otherRecipients
        guard let email = reader(candidates) else {
            let named = report.originalRecipients.first ?? report.otherRecipients.first
            return .unmatched(unmatchedReason(named, copy: copy, report.originalMessageIDs))
        }
        let day = ISO8601.day(report.date ?? now)
        let newlySuppressed = list.suppress(email, note: "complained (abuse report) on \(day)")
        var changed = newlySuppressed
        if list.subscriber(email)?.status != .complained {
            _ = try? list.update(email) { $0.status = .complained }
            changed = true
        }
        return changed ? .complained(email) : .alreadyApplied(email, what: "complained and suppressed before")
    }

    /// A `mailto:` unsubscribe: its sender, when on the list and active, becomes `unsubscribed`.
    mutating func apply(_ request: UnsubscribeRequest) -> BounceOutcome {
        guard let email = reader([request.from]) else {
            return .unmatched("an unsubscribe request from \(printable(request.from)), who is not on the list")
        }
        guard let status = list.subscriber(email)?.status, status == .active else {
            let status = list.subscriber(email)?.status.rawValue ?? "off the list"
            return .alreadyApplied(email, what: "already \(status)")
        }
        _ = try? list.update(email) { $0.status = .unsubscribed }
        return .unsubscribed(email)
    }

    /// Suppresses the address and marks an active reader bounced.
    private mutating func hardBounce(_ email: EmailAddress, reason: String, note: String) -> BounceOutcome {
        var changed = list.suppress(email, note: note)
        if list.subscriber(email)?.status == .active {
            _ = try? list.update(email) { $0.status = .bounced }
            changed = true
        }
        if changed { return .bounced(email, reason: reason) }
        let status = list.subscriber(email)?.status.rawValue ?? "off the list"
        return .alreadyApplied(email, what: "\(status) and suppressed before")
    }

    /// Counts a soft bounce; bounces the address when the rule is met.
    private mutating func softBounce(
        _ email: EmailAddress, status: String, occasion: String, date: Date
    ) -> BounceOutcome {
        guard let subscriber = list.subscriber(email), subscriber.status == .active, !list.isSuppressed(email) else {
            let status = list.subscriber(email)?.status.rawValue ?? "off the list"
            return .alreadyApplied(email, what: "already \(status), or suppressed")
        }
        let recorded = softBounces.record(address: email.description, occasion: occasion, status: status, date: date)
        let count = softBounces.count(for: email.description, window: rule.window)
        if count >= rule.threshold {
            let reason = "soft bounces on \(count) occasions (last \(status))"
            return hardBounce(email, reason: reason, note: "bounced: \(reason) on \(ISO8601.day(date))")
        }
        guard recorded else {
            return .alreadyApplied(
                email, what: "soft bounce of this \(occasion) counted before (\(count) of \(rule.threshold))")
        }
        return .softBounce(email, count: count, threshold: rule.threshold, status: status)
    }

    /// The copy the report is about, from the first of its Message-IDs a ledger recorded.
    private func sentCopy(_ ids: [String]) -> SentCopy? {
        ids.lazy.compactMap { copies.copy(messageID: $0) }.first
    }

    /// The list's address for the first candidate that is a valid address on the list.
    private func reader(_ candidates: [String]) -> EmailAddress? {
        for candidate in candidates {
            guard let address = try? EmailAddress(candidate), let subscriber = list.subscriber(address) else {
                continue
            }
            return subscriber.email
        }
        return nil
    }

    private func unmatchedReason(_ named: String?, copy: SentCopy?, _ ids: [String]) -> String {
        if let copy {
            return "the returned copy was sent to \(copy.email) (\(copy.issue)), who is not on the list"
        }
        let who = named.map { "no reader on the list is \(printable($0))" } ?? "the report names no recipient"
        let idNote =
            ids.isEmpty ? "no Message-ID of the returned copy" : "Message-ID \(printable(ids[0])) in no delivery ledger"
        return "\(who) (\(idNote))"
    }
}
