import Curl
import Foundation

/// What a send makes of each outcome: the record to write, whether and when the recipient is
/// tried again, how the pace changes, and when a connection's silence or a refusal of the sender stops the run.
///
/// Pure: the time comes in as an argument, so it is tested without a relay or a clock.
struct DeliveryPolicy: Sendable {
    /// SMTP reply codes that say the address does not exist (RFC 5321: 550, 551, 553).
    static let userUnknownCodes: Set<Int> = [550, 551, 553]
    /// SMTP reply codes that ask the client to slow down or come back later.
    static let slowDownCodes: Set<Int> = [421, 454]

    /// The first back-off in seconds; it doubles with each attempt, up to an hour.
    var retryDelay: Double
    /// Attempts per recipient before a deferred one is left for a later run.
    var maxAttempts: Int
    /// Unanswered messages in a row on one connection that stop the run.
    var unknownInARowLimit: Int
    /// Recipients refused for policy in a row (over all connections, with no message accepted in between) that
    /// stop the run.
    var policyRefusalsInARowLimit: Int

    init(options: DeliveryOptions) {
        retryDelay = options.retryDelay.seconds
        maxAttempts = options.maxAttempts
        unknownInARowLimit = max(1, options.unknownInARowLimit)
        policyRefusalsInARowLimit = max(1, options.policyRefusalsInARowLimit)
    }

    /// How an outcome changes the pace of the whole send.
    enum Pace: Equatable {
        case unchanged
        /// The relay took a message: any slow-down ends.
        case recovered
        /// The relay asked us to slow down (421, 454).
        case slowDown
    }

    /// What to do after one message.
    struct Resolution: Equatable {
        /// The record to append; nil when the outcome says nothing of the recipient (the relay refused the
        /// sender or the session), who then stays as the ledger had them, to be sent by a later run.
        var record: DeliveryRecord?
        /// Whether the record must be on disk before the next message goes (a refusal, a
        /// deferral or an unknown outcome: rare, and each decides what a later run does).
        var durable: Bool
        /// Seconds until the next attempt, when the recipient is tried again in this run.
        var retryIn: Double?
        var pace: Pace
        /// What stops the run at once, when the outcome means no other message would go either.
        var stop: DeliveryStop? = nil
    }

    /// The resolution of `outcome` for attempt `attempt` to `address`, at `now`.
    func resolve(
        _ outcome: SMTPOutcome, address: String, attempt: Int, messageID: String, now: Date
    ) -> Resolution {
        switch outcome {
        case .accepted(let reply):
            return Resolution(
                record: DeliveryRecord(
                    time: now, email: address, state: .sent, attempt: attempt, code: reply.code, reply: reply.text,
                    messageID: messageID),
                durable: false, pace: .recovered)
        case .rejected(let reply) where reply.code >= 500:
            return Resolution(
                record: DeliveryRecord(
                    time: now, email: address, state: .failed, attempt: attempt, code: reply.code, reply: reply.text),
                durable: true, pace: .unchanged)
        case .senderRefused(let reply):
            // Every recipient would get this answer: none is recorded, the run stops, and a run with working
            // settings sends them all.
            return Resolution(record: nil, durable: false, pace: .unchanged, stop: .senderRefused(reply))
        case .policyRefused(let reply):
            // Refused for policy: most often our settings (no login, a client the relay does not let relay), not
            // the address. Never recorded as refused: deferred, and left for a later run, since this one would get
            // the same answer; too many in a row stop the run (see `policyRefusalsInARow`).
            var resolution = deferral(
                address: address, attempt: attempt, code: reply.code, reply: reply.text, now: now, pace: .unchanged)
            resolution.retryIn = nil
            return resolution
        case .rejected(let reply):
            return deferral(
                address: address, attempt: attempt, code: reply.code, reply: reply.text, now: now,
                pace: Self.slowDownCodes.contains(reply.code) ? .slowDown : .unchanged)
        case .notSent(let detail):
            return deferral(
                address: address, attempt: attempt, code: nil, reply: "not sent: \(detail)", now: now, pace: .unchanged)
        case .unknown(let detail):
            return Resolution(
                record: DeliveryRecord(
                    time: now, email: address, state: .unknown, attempt: attempt,
                    reply: "connection lost after the message, before the server's reply: \(detail)",
                    messageID: messageID),
                durable: true, pace: .unchanged)
        }
    }

    /// The back-off before attempt `attempt + 1`: `retryDelay` doubled per attempt, at most an hour.
    func backOff(afterAttempt attempt: Int) -> Double {
        let exponent = min(max(attempt - 1, 0), 16)
        return min(retryDelay * Double(1 << exponent), 3600)
    }

    /// A deferral with its back-off; tried again in this run while attempts remain.
    private func deferral(
        address: String, attempt: Int, code: Int?, reply: String, now: Date, pace: Pace
    ) -> Resolution {
        let delay = backOff(afterAttempt: attempt)
        return Resolution(
            record: DeliveryRecord(
                time: now, email: address, state: .deferred, attempt: attempt, code: code, reply: reply,
                retryAt: now.addingTimeInterval(delay)),
            durable: true, retryIn: attempt < maxAttempts ? delay : nil, pace: pace)
    }

    /// The count of unanswered messages in a row on a connection after `resolution`, and whether
    /// the run must stop for it.
    func unknownInARow(after resolution: Resolution, count: Int) -> (count: Int, stop: DeliveryStop?) {
        guard resolution.record?.state == .unknown else { return (0, nil) }
        let count = count + 1
        return (count, count >= unknownInARowLimit ? .relayStalled(unknownInARow: count) : nil)
    }

    /// The count of recipients refused for policy in a row after `outcome` (an accepted message starts it again;
    /// other outcomes leave it as it was), and whether the run must stop for it: a relay that refuses this many
    /// for policy and takes none is refusing us, not them.
    func policyRefusalsInARow(after outcome: SMTPOutcome, count: Int) -> (count: Int, stop: DeliveryStop?) {
        switch outcome {
        case .accepted:
            return (0, nil)
        case .policyRefused(let reply):
            let count = count + 1
            return (count, count >= policyRefusalsInARowLimit ? .policyRefused(reply, count: count) : nil)
        case .rejected, .senderRefused, .notSent, .unknown:
            return (count, nil)
        }
    }

    /// Whether a failed record says the address does not exist, so the subscriber is bounced.
    static func isUserUnknown(_ record: DeliveryRecord) -> Bool {
        record.state == .failed && record.code.map(userUnknownCodes.contains) == true
    }
}
