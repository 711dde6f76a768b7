/// Everything that can go wrong reading a bounce mailbox or one message in it, naming the mailbox,
/// the message's position and the part or field at fault.
///
/// A message that cannot be read is not an error of the whole import: `BounceImport` reports it
/// by its position and goes on. Only a mailbox (or ledger, or soft-bounce file) that cannot be read
/// at all stops an import.
public struct BouncesError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// The mailbox is neither an mbox file nor a Maildir, or cannot be read.
        case unreadableMailbox
        /// One message is not a mail message we can read (no header, a broken MIME structure).
        case malformedMessage
        /// One message claims to be a report but lacks the parts or fields a report must have.
        case malformedReport
        /// A delivery ledger or the soft-bounce file could not be read.
        case unreadableFile
        /// The soft-bounce file could not be written; the old one is left as it was.
        case writeFailed
        /// The subscriber list to apply the reports to does not exist.
        case noSuchList
    }

    /// What went wrong.
    public var code: Code
    /// What is wrong, in words a user can act on.
    public var reason: String
    /// The file or mailbox concerned.
    public var path: String?
    /// Where in the mailbox the message is (`message 3, line 57` or a Maildir file name).
    public var position: String?
    /// The error underneath, such as the system call that failed.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(
        _ code: Code, _ reason: String, path: String? = nil, position: String? = nil, underlying: (any Error)? = nil
    ) {
        self.code = code
        self.reason = reason
        self.path = path
        self.position = position
        self.underlying = underlying
    }

    /// `path: position: reason`, with the parts that are known.
    public var description: String {
        ([path, position].compactMap { $0 } + [reason]).joined(separator: ": ")
    }
}
