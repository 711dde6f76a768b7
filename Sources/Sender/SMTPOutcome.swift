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

/// What happened to one message.
public enum SMTPOutcome: Sendable, Equatable {
    /// The server took responsibility for the message; its reply, normally 250.
    case accepted(SMTPReply)
    /// The server refused the recipient or the message with a 4xx or 5xx reply.
    case rejected(SMTPReply)
    /// The server refused the session or the sender, not this recipient: a 4xx or 5xx reply to `MAIL FROM` (but
    /// the slow-downs, 421 and 454), or `530` (authentication required) to any command. Every other message on
    /// these settings would get the same answer.
    case senderRefused(SMTPReply)
    /// The connection failed before the body was complete: the message was not delivered.
    case notSent(String)
    /// The connection failed after the whole body went out and before the server's reply: the
    /// message may or may not have been delivered.
    case unknown(String)

    /// What the transport's facts of one transfer mean for the message: the server's reply when it completed, its
    /// refusal (4xx or 5xx; libcurl's code does not tell which, the reply does; the command it answered tells
    /// whether it refused the sender or the recipient), else a lost connection, before or after the whole body
    /// went out.
    public init(_ transfer: SMTPTransfer) {
        guard let failure = transfer.failure else {
            self = .accepted(
                SMTPReply.last(in: transfer.lines)
                    ?? SMTPReply(code: transfer.responseCode, text: "\(transfer.responseCode)"))
            return
        }
        if let refusal = transfer.lastRefusal {
            let reply = SMTPReply(code: Int(refusal.prefix(3)) ?? transfer.responseCode, text: refusal)
            self =
                Self.refusesSender(reply, answering: transfer.refusedCommand) ? .senderRefused(reply) : .rejected(reply)
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
}
