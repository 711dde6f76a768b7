import Foundation

/// How a send runs: connections, pace, retries.
public struct DeliveryOptions: Sendable {
    /// Parallel connections to the relay, each on its own thread with its own handle.
    public var connections: Int
    /// Messages per second across all connections; nil for as fast as the relay takes them.
    public var perSecond: Double?
    /// Messages in any hour; nil for no cap.
    public var perHour: Int?
    /// Messages in any 24 hours; nil for no cap.
    public var perDay: Int?
    /// Whether recipients whose outcome is unknown are sent again.
    public var resendUnknown: Bool
    /// Attempts per recipient before a deferred one is left for a later run.
    public var maxAttempts: Int
    /// The first back-off after a 4xx or a lost connection; it doubles with each attempt.
    public var retryDelay: Duration
    /// The longest a run waits for deferred recipients to come due, or for a cap to let the
    /// next message go; later ones are left for the next run.
    public var maxRetryWait: Duration
    /// How many messages in a row on one connection may go unanswered (the outcome unknown)
    /// before the run stops: a relay that takes messages and never replies would otherwise make
    /// every recipient wait out the timeout and end unknown.
    public var unknownInARowLimit: Int
    /// How many recipients in a row the relay may refuse, with no message accepted in between, for policy
    /// (`5.7.x` to `RCPT TO`, like `554 5.7.1 Relay access denied`) or with any 5xx to `RCPT TO` before it has
    /// accepted one of the run's messages (like Exim's `550 relay not permitted`), before the run stops: a relay
    /// that wants a login or does not let this machine relay would otherwise have every recipient refused.
    public var recipientRefusalsInARowLimit: Int

    /// Unanswered messages in a row on one connection that stop a run, unless the options say otherwise.
    public static let defaultUnknownInARowLimit = 3
    /// Recipients refused in a row that stop a run (see `recipientRefusalsInARowLimit`), unless the options say
    /// otherwise.
    public static let defaultRecipientRefusalsInARowLimit = 3

    /// Makes options: one connection, no pace, five attempts, back-off from 5 s, waiting at most
    /// 10 min, stopping after three unanswered messages in a row or three recipients refused in a row.
    public init(
        connections: Int = 1, perSecond: Double? = nil, perHour: Int? = nil, perDay: Int? = nil,
        resendUnknown: Bool = false, maxAttempts: Int = 5, retryDelay: Duration = .seconds(5),
        maxRetryWait: Duration = .seconds(600), unknownInARowLimit: Int = defaultUnknownInARowLimit,
        recipientRefusalsInARowLimit: Int = defaultRecipientRefusalsInARowLimit
    ) {
        self.connections = connections
        self.perSecond = perSecond
        self.perHour = perHour
        self.perDay = perDay
        self.resendUnknown = resendUnknown
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
        self.maxRetryWait = maxRetryWait
        self.unknownInARowLimit = unknownInARowLimit
        self.recipientRefusalsInARowLimit = recipientRefusalsInARowLimit
    }
}

/// How far a send has got, for a progress line.
public struct DeliveryProgress: Sendable {
    /// Recipients this run set out to send.
    public var total: Int
    /// Recipients this run has finished with (sent, failed, unknown, or deferred for good).
    public var done: Int
    /// Messages the server accepted in this run.
    public var sent: Int
    /// Seconds since the run started.
    public var elapsed: Double
}

/// Why a run stopped before everyone due was tried; the rest stay queued or deferred for the next.
public enum DeliveryStop: Error, Sendable, Equatable, CustomStringConvertible {
    /// A cap on messages an hour or a day would have held the run longer than it may wait.
    case cap(SendingCapReached)
    /// The relay took this many messages in a row on one connection and never replied to them.
    case relayStalled(unknownInARow: Int)
    /// The relay refused the session or the sender (a refusal of `MAIL FROM`, or 530 authentication required):
    /// every message would be refused alike, so nobody was recorded as refused.
    case senderRefused(SMTPReply)
    /// The relay refused this many recipients in a row and took none (the last reply given), each for policy
    /// (`5.7.x` to `RCPT TO`) or before it had accepted any message of the run (any 5xx to `RCPT TO`, like Exim's
    /// `550 relay not permitted`): it is refusing this client, not them, so none was recorded as refused.
    case recipientsRefused(SMTPReply, count: Int)

    /// One line saying why.
    public var description: String {
        switch self {
        case .cap(let cap):
            "\(cap)"
        case .relayStalled(let count):
            "the relay gave no reply to \(count) messages in a row on one connection (each waited out the "
                + "timeout, its outcome unknown); the run stopped and the rest stay queued"
        case .senderRefused(let reply):
            "the relay refused the sender, not a recipient (\(reply.text)); the run stopped, nobody was recorded as "
                + "refused and the rest stay queued"
        case .recipientsRefused(let reply, let count):
            "the relay refused \(count) recipients in a row and took none (\(reply.text)): it is refusing our "
                + "recipients, not the addresses; the run stopped, nobody was recorded as refused (they stay deferred) "
                + "and the rest stay queued"
        }
    }
}

/// What a send left behind, over every recipient of the list (this shard's part of it).
public struct DeliverySummary: Sendable, Equatable {
    /// Recipients counted: everyone the ledger names (less queued ones no longer active) and the
    /// active recipients it does not name.
    public var recipients = 0
    /// Sent in this run.
    public var sentNow = 0
    /// Sent by an earlier run, not sent again.
    public var sentBefore = 0
    /// Still deferred (4xx or a lost connection): run `send` again later.
    public var deferred = 0
    /// Refused for good (5xx).
    public var failed = 0
    /// Outcome unknown, not resent.
    public var unknown = 0
    /// Addresses the server called unknown (550/551/553), to mark bounced.
    public var bounced: [String] = []
    /// The recipients whose outcome is unknown, to report.
    public var unknownAddresses: [String] = []
    /// What stopped the run before everyone due was tried, if anything did.
    public var stopped: DeliveryStop?
    /// When the run ended, without a stop, with the relay having accepted none of its messages and refused
    /// recipients for policy or before it had accepted any: the last reply, and how many it refused so. Too few
    /// to stop the run (a short list), they stay deferred, never failed; the refusal may be of this client.
    public var refusedWithNoneAccepted: Refusals?

    /// Recipients the relay refused: the last reply, and how many.
    public struct Refusals: Sendable, Equatable {
        public var reply: SMTPReply
        public var count: Int
    }

    /// Makes an empty summary.
    public init() {}

    /// Whether every recipient has the issue.
    public var isComplete: Bool { deferred == 0 && failed == 0 && unknown == 0 }

    /// The exit status a command reports for it: 0 when everyone has the issue, 75 (try again
    /// later) when some are only deferred, 1 when some failed or their outcome is unknown, or the relay refused
    /// the sender or recipient after recipient (the settings must change before a run can send).
    public var exitStatus: Int32 {
        switch stopped {
        case .senderRefused, .recipientsRefused: return 1
        case .cap, .relayStalled, nil: break
        }
        if isComplete { return 0 }
        return failed == 0 && unknown == 0 ? 75 : 1
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
