import Curl
import Foundation

/// What a send makes of each outcome: the record to write, whether and when the recipient is
/// tried again, how the pace changes, and when a connection's silence, a refusal of the sender or recipients refused
/// one after another stop the run.
///
/// A refusal of a recipient blames the address only once the relay has shown that it takes our mail, by accepting
/// one of the run's messages: until then a relay that will not relay for this client and says so with a plain `550
/// relay not permitted` (Exim's default) reads like one that does not know the address.
///
/// Pure: the time, and whether the relay has accepted anything in the run, come in as arguments, so it is tested
/// without a relay or a clock.
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
    /// Recipients refused in a row (over all connections, with no message accepted in between) for policy, or
    /// before the relay accepted any, that stop the run.
    var recipientRefusalsInARowLimit: Int

    init(options: DeliveryOptions) {
        retryDelay = options.retryDelay.seconds
        maxAttempts = options.maxAttempts
        unknownInARowLimit = max(1, options.unknownInARowLimit)
        recipientRefusalsInARowLimit = max(1, options.recipientRefusalsInARowLimit)
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

    /// The resolution of `outcome` for attempt `attempt` to `address`, at `now`; `relayHasAccepted` is whether the
    /// relay has accepted any message of this run, on any connection (see `standing(after:of:_:)`).
    func resolve(
        _ outcome: SMTPOutcome, address: String, attempt: Int, messageID: String, now: Date, relayHasAccepted: Bool
    ) -> Resolution {
        switch outcome {
        case .accepted(let reply):
            return Resolution(
                record: DeliveryRecord(
                    time: now, email: address, state: .sent, attempt: attempt, code: reply.code, reply: reply.text,
                    messageID: messageID),
                durable: false, pace: .recovered)
        case .rejected(let reply) where reply.code >= 500, .recipientRefused(let reply) where relayHasAccepted:
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
            // the same answer; too many in a row stop the run (see `standing(after:of:_:)`).
            var resolution = deferral(
                address: address, attempt: attempt, code: reply.code, reply: reply.text, now: now, pace: .unchanged)
            resolution.retryIn = nil
            return resolution
        case .recipientRefused(let reply):
            // Unproven: the relay has taken none of ours yet, so the refusal may be of us (a relay that will not
            // relay for this client and gives no enhanced status), not of the address. Deferred, never failed or
            // bounced, and tried again after its back-off, by when the relay may have shown that it takes our mail;
            // too many in a row stop the run (see `standing(after:of:_:)`).
            return deferral(
                address: address, attempt: attempt, code: reply.code, reply: reply.text, now: now, pace: .unchanged)
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

    /// What a run has seen of the relay so far, over all its connections.
    struct RelayStanding: Sendable, Equatable {
        /// Whether the relay has accepted a message of this run: from then on a refusal of a recipient is the
        /// address's.
        var hasAccepted = false
        /// The recipients (each once, however often tried) the relay refused since it last accepted a message, in
        /// a way that may be its refusal of us: for policy, or before it accepted any.
        var refusedInARow: [String] = []
        /// The last of those refusals' reply.
        var lastRefusal: SMTPReply? = nil
    }

    /// The standing after `outcome` for `address`, and whether the run must stop for it. An accepted message
    /// starts the count again; a policy refusal, or a refusal of a recipient before anything was accepted, adds
    /// the address; other outcomes leave it as it was. A relay that refuses this many recipients so and takes none
    /// is refusing us, not them.
    func standing(
        after outcome: SMTPOutcome, of address: String, _ standing: RelayStanding
    ) -> (standing: RelayStanding, stop: DeliveryStop?) {
        var standing = standing
        let reply: SMTPReply
        switch outcome {
        case .accepted:
            standing.hasAccepted = true
            standing.refusedInARow = []
            standing.lastRefusal = nil
            return (standing, nil)
        case .policyRefused(let refusal):
            reply = refusal
        case .recipientRefused(let refusal) where !standing.hasAccepted:
            reply = refusal
        case .recipientRefused, .rejected, .senderRefused, .notSent, .unknown:
            return (standing, nil)
        }
        let key = address.lowercased()
        if !standing.refusedInARow.contains(key) { standing.refusedInARow.append(key) }
        standing.lastRefusal = reply
        let count = standing.refusedInARow.count
        return (standing, count >= recipientRefusalsInARowLimit ? .recipientsRefused(reply, count: count) : nil)
    }

    /// Whether a failed record says the address does not exist, so the subscriber is bounced.
    static func isUserUnknown(_ record: DeliveryRecord) -> Bool {
        record.state == .failed && record.code.map(userUnknownCodes.contains) == true
    }
}
