import Curl

/// A reply line of an SMTP server: its code and text.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The three-digit code, like 250 or 550.
    public var code: Int
    /// The whole last line of the reply, like `550 5.1.1 <x@example.com>: user unknown`.
    public var text: String

    /// Makes a reply.
    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }

    /// The reply's text.
    public var description: String { text }

    /// The enhanced status code (RFC 3463) the text gives after the reply code, like `5.7.1` in
    /// `554 5.7.1 <x@example.org>: Relay access denied`; nil when there is none, or when its class (2, 4 or 5)
    /// is not the reply code's first digit.
    public var enhancedStatus: EnhancedStatusCode? {
        let bytes = Array(text.utf8)
        guard bytes.count > 4, bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else { return nil }
        let token = bytes[4...].prefix { !" \t\r\n".utf8.contains($0) }
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 1,
            parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy { (48...57).contains($0) } })
        else { return nil }
        let numbers = parts.compactMap { Int(String(decoding: $0, as: UTF8.self)) }
        guard numbers.count == 3,
            let status = EnhancedStatusCode(statusClass: numbers[0], subject: numbers[1], detail: numbers[2]),
            status.statusClass == code / 100
        else { return nil }
        return status
    }

    /// The last complete reply line (`NNN text`) among `lines` (the server's lines of a transfer), if any.
    static func last(in lines: [String]) -> SMTPReply? {
        for line in lines.reversed() {
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (48...57).contains($0) }) else { continue }
            if bytes.count > 3, bytes[3] == UInt8(ascii: "-") { continue }
            guard let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else { continue }
            return SMTPReply(code: code, text: line)
        }
        return nil
    }
}

/// An enhanced mail system status code (RFC 3463): `class.subject.detail`, like `5.7.1`.
public struct EnhancedStatusCode: Sendable, Equatable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public var statusClass: Int
    /// What the status is about: 1 the address, 2 the mailbox, 7 security or policy, …
    public var subject: Int
    /// The detail within the subject.
    public var detail: Int

    /// Makes a code; nil when the class is not 2, 4 or 5 or a number is over 999.
    public init?(statusClass: Int, subject: Int, detail: Int) {
        guard [2, 4, 5].contains(statusClass), (0...999).contains(subject), (0...999).contains(detail) else {
            return nil
        }
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// `class.subject.detail`.
    public var description: String { "\(statusClass).\(subject).\(detail)" }

    /// Whether it is about security or policy (`x.7.x`): delivery not authorized, relaying denied, a client the
    /// relay does not trust.
    public var isPolicy: Bool { subject == 7 }
}

/// What happened to one message.
public enum SMTPOutcome: Sendable, Equatable {
    /// The server took responsibility for the message; its reply, normally 250.
    case accepted(SMTPReply)
    /// The server refused the recipient or the message with a 4xx or 5xx reply (a 5xx to `RCPT TO` is
    /// `recipientRefused` or `policyRefused` when the command is known).
    case rejected(SMTPReply)
    /// The server refused the session or the sender, not this recipient: a 4xx or 5xx reply to `MAIL FROM` (but
    /// the slow-downs, 421 and 454), or `530` (authentication required) to any command. Every other message on
    /// these settings would get the same answer.
    case senderRefused(SMTPReply)
    /// The server refused the recipient at `RCPT TO` permanently for security or policy (5xx with an enhanced
    /// status `5.7.x`, like Postfix's `554 5.7.1 <x@example.org>: Relay access denied`): most often the fault of
    /// the settings (no login, a client the relay does not let relay), not of the address.
    case policyRefused(SMTPReply)
    /// The server refused the recipient at `RCPT TO` permanently, not for policy (a 5xx without an enhanced status
    /// `5.7.x`): an address it does not know (`550 5.1.1 <x@example.org>: user unknown`), but as well a relay that
    /// does not let this client relay and gives no enhanced status (Exim's `550 relay not permitted`, `550
    /// Relaying denied`, `554 Access denied`). Which of the two shows only once the relay has taken one of the run's
    /// recipients (see `DeliveryPolicy`).
    case recipientRefused(SMTPReply)
    /// The connection failed before the body was complete: the message was not delivered.
    case notSent(String)
    /// The connection failed after the whole body went out and before the server's reply: the
    /// message may or may not have been delivered.
    case unknown(String)

    /// What the transport's facts of one transfer mean for the message: the server's reply when it completed, its
    /// refusal (4xx or 5xx; libcurl's code does not tell which, the reply does; the command it answered tells
    /// whether it refused the sender or the recipient, and the enhanced status whether for policy), else a lost
    /// connection, before or after the whole body went out.
    public init(_ transfer: SMTPTransfer) {
        guard let failure = transfer.failure else {
            self = .accepted(
                SMTPReply.last(in: transfer.lines)
                    ?? SMTPReply(code: transfer.responseCode, text: "\(transfer.responseCode)"))
            return
        }
        if let refusal = transfer.lastRefusal {
            let reply = SMTPReply(code: Int(refusal.prefix(3)) ?? transfer.responseCode, text: refusal)
            if Self.refusesSender(reply, answering: transfer.refusedCommand) {
                self = .senderRefused(reply)
            } else if Self.refusesForPolicy(reply, answering: transfer.refusedCommand) {
                self = .policyRefused(reply)
            } else if transfer.refusedCommand == "RCPT" && reply.code >= 500 {
                self = .recipientRefused(reply)
            } else {
                self = .rejected(reply)
            }
            return
        }
        let detail = transfer.failureDetail ?? failure.message
        self = failure.bodyWentOut ? .unknown(detail) : .notSent(detail)
    }

    /// Whether `reply`, answering the command `command` (its verb), refuses the session or the sender rather than
    /// the recipient: any refusal of `MAIL FROM` but a slow-down (421, 454: the pace's, see `DeliveryPolicy`), and
    /// 530 (authentication required) whatever it answered.
    static func refusesSender(_ reply: SMTPReply, answering command: String?) -> Bool {
        if reply.code == 530 { return true }
        return command == "MAIL" && reply.code >= 400 && !DeliveryPolicy.slowDownCodes.contains(reply.code)
    }

    /// Whether `reply`, answering the command `command`, refuses a recipient for policy: a 5xx to `RCPT TO` whose
    /// enhanced status is `5.7.x`. A 4xx is a deferral as any other; a refusal of the message after `DATA` is the
    /// message's own.
    static func refusesForPolicy(_ reply: SMTPReply, answering command: String?) -> Bool {
        command == "RCPT" && reply.code >= 500 && reply.enhancedStatus?.isPolicy == true
    }
}
