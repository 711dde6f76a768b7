/// Everything that can go wrong building or storing a message, naming the header, recipient or file.
public struct SenderError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// A header value holds CR or LF, which could smuggle in another header (`Bcc:`); refused.
        case headerInjection
        /// A header name or value we cannot write (bad characters, a header we write ourselves).
        case invalidHeader
        /// A header we never write, such as `Bcc`.
        case forbiddenHeader
        /// An address that is not valid.
        case invalidAddress
        /// An unsubscribe link of the wrong scheme or with characters a header cannot carry.
        case invalidURL
        /// A line of the message would be longer than the 998 octets SMTP allows.
        case lineTooLong
        /// The outbox file could not be written; any old file of that name is left as it was.
        case outboxWriteFailed
        /// Another `digest send` of the same issue holds the ledger's lock.
        case ledgerLocked
        /// A line of the delivery ledger (other than a torn last one) cannot be read.
        case ledgerCorrupt
        /// The delivery ledger could not be read, written or flushed.
        case ledgerWriteFailed
        /// The relay could not be used at all: login, TLS, connection or settings.
        case transport
        /// The relay refused a message sent outside the ledger (a test copy), or its outcome is not known.
        case rejected
        /// The issue is being sent the other way: whole when a shard was asked for, in shards (or
        /// in shards of another count) when it was not.
        case shardMismatch
        /// The send settings are unusable (a bad shard, a bad credentials file).
        case configuration
        /// Nobody on the list (or in the shard) is to be mailed: no active, unsuppressed subscriber.
        case noRecipients
    }

    /// What went wrong.
    public var code: Code
    /// What is wrong, in words a user can act on.
    public var message: String
    /// The header concerned, like `Subject`.
    public var header: String?
    /// The recipient of the message concerned.
    public var recipient: String?
    /// The file concerned.
    public var path: String?
    /// The error underneath, such as the system call that failed.
    public var underlying: (any Error)?
    /// For `.transport`: what about the relay failed, for a hint at what to change.
    public var transportFailure: TransportFailure?

    /// What about the relay failed.
    public enum TransportFailure: Sendable, Equatable {
        /// The relay refused the user name or password.
        case authentication
        /// The relay wants a login and no user name or password was given.
        case credentialsMissing
        /// The relay offers no STARTTLS and plain text was not allowed.
        case startTLSUnavailable
        /// The relay's certificate was not trusted, or TLS failed.
        case tls
        /// The relay could not be reached.
        case connection
        /// The relay settings are unusable.
        case configuration
    }

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, header: String? = nil, recipient: String? = nil, path: String? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.header = header
        self.recipient = recipient
        self.path = path
        self.underlying = underlying
    }

    /// `path: recipient: header X: message`, with the parts that are known.
    public var description: String {
        var parts: [String] = []
        if let path { parts.append(path) }
        if let recipient { parts.append("message to \(recipient)") }
        if let header { parts.append("header \(header)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
