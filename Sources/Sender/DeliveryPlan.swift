import Foundation
import Subscribers

/// What a run does with one recipient of the list, from where the ledger has them.
///
/// Pure: the plan of a whole send is this, applied to each recipient in list order.
enum DeliveryDecision: Equatable {
    /// New to the ledger: recorded `queued`, then sent in this run.
    case queue
    /// Sent in this run (queued by an earlier run, or an unknown one asked to be resent).
    case send
    /// Deferred by an earlier run: sent when their back-off ends.
    case deferred(attempt: Int)
    /// Nothing to do: sent or failed for good, or unknown and not to be resent.
    case skip

    /// The decision for a recipient whose last state is `state` (nil when the ledger does not
    /// name them) after `attempts` attempts.
    static func of(_ state: DeliveryState?, attempts: Int, resendUnknown: Bool) -> DeliveryDecision {
        switch state {
        case nil: .queue
        case .sent, .failed: .skip
        case .sending, .unknown: resendUnknown ? .send : .skip
        case .queued: .send
        case .deferred: .deferred(attempt: attempts + 1)
        }
    }
}

/// The planning pass's register: the ledger's own index, so that a list of 100,000 costs a few
/// bytes an address. A recipient is claimed once (a second spelling of an address, differing in
/// case only, is the same recipient), and the claim is their entry in the index.
struct LedgerListing: RecipientRegister {
    let ledger: DeliveryLedger

    func noteListed(_ address: EmailAddress) -> Bool {
        ledger.withIndex { !$0.list(address.ascii).isDuplicate }
    }

    func claim(_ subscriber: Subscriber) -> Int? {
        ledger.withIndex { index in
            guard let entry = index.find(subscriber.email.ascii), !index.marks[entry].contains(.active) else {
                return nil
            }
            index.insert(.active, at: entry)
            return entry
        }
    }
}

/// The sending pass's register: a recipient is claimed when the plan marked them to go, and the
/// mark is taken, so a row repeated later is not sent twice; the claim is their attempt.
struct PlannedRecipients: RecipientRegister {
    let ledger: DeliveryLedger

    func noteListed(_ address: EmailAddress) -> Bool { true }

    func claim(_ subscriber: Subscriber) -> Int? {
        ledger.withIndex { index in
            guard let entry = index.find(subscriber.email.ascii), index.marks[entry].contains(.planned) else {
                return nil
            }
            index.remove(.planned, at: entry)
            return index.attempts(at: entry) + 1
        }
    }
}

/// A dry run's register, and the check that anyone is mailed at all: the addresses in an index of
/// their own.
extension RecipientIndex: RecipientRegister {
    mutating func noteListed(_ address: EmailAddress) -> Bool {
        !list(address.ascii).isDuplicate
    }

    mutating func claim(_ subscriber: Subscriber) -> Void? {
        guard let entry = find(subscriber.email.ascii), !marks[entry].contains(.active) else { return nil }
        insert(.active, at: entry)
        return ()
    }
}

extension IssueDelivery {
    /// Reads the list once: notes each recipient in the ledger's index (finding duplicate rows),
    /// records `queued` for those new to the ledger, and marks who is sent in this run. Returns
    /// how many are planned to go as the list is read again, and those waiting for a back-off
    /// from an earlier run (with their wait in seconds).
    func plan(
        _ list: SubscriberListReader, shard: Shard?, now: Date, problem: (SubscribersError) -> Void
    ) throws -> (planned: Int, waiting: [DeliveryItem]) {
        var planned = 0
        var waiting: [DeliveryItem] = []
        var queued: [DeliveryRecord] = []
        if let size = (try? FileManager.default.attributesOfItem(atPath: list.url.path))?[.size] as? Int {
            // Rows are rarely shorter than 24 bytes; room reserved and never used costs no memory.
            // An index the ledger filled already is left as it is: reserving would copy it whole.
            ledger.withIndex { index in
                if index.count == 0 { index.reserveCapacity(size / 24) }
            }
        }
        var listing = LedgerListing(ledger: ledger)
        try list.forEachRecipient(register: &listing, including: { shard?.contains($0) ?? true }, problem: problem) {
            subscriber, entry in
            let decision = ledger.withIndex { index in
                let decision = DeliveryDecision.of(
                    index.state(at: entry), attempts: index.attempts(at: entry), resendUnknown: options.resendUnknown)
                if decision == .queue || decision == .send { index.insert(.planned, at: entry) }
                return decision
            }
            switch decision {
            case .skip:
                break
            case .queue:
                planned += 1
                queued.append(DeliveryRecord(time: now, email: subscriber.email.ascii, state: .queued))
                if queued.count >= 1024 {
                    try ledger.append(queued, waitUntilDurable: false)
                    queued.removeAll(keepingCapacity: true)
                }
            case .send:
                planned += 1
            case .deferred(let attempt):
                // A deferred recipient goes when their back-off ends: now, or after a wait.
                let retryAt = ledger.standing(of: subscriber.email.ascii)?.last.retryAt
                let wait = retryAt.map { max(0, $0.timeIntervalSince(now)) } ?? 0
                if wait > 0 {
                    waiting.append(DeliveryItem(subscriber: subscriber, attempt: attempt, due: wait))
                } else {
                    ledger.withIndex { $0.insert(.planned, at: entry) }
                    planned += 1
                }
            }
            return true
        }
        try ledger.append(queued, waitUntilDurable: false)
        try ledger.flush()
        // The caps count what an earlier run of this issue sent in the last hour and day.
        limiter.countEarlier(secondsAgo: ledger.sentInLastDay.map { now.timeIntervalSince($0) })
        return (planned, waiting)
    }
}
