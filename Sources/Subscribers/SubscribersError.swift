/// Everything that can go wrong with a subscriber list, naming the file and line where there is one.
///
/// Also the type of each problem `SubscriberList` reports about a row it could not keep, so a
/// problem prints the same way as an error: `Subscribers/asia.csv:7: 'a@b': the domain needs a dot`.
public struct SubscribersError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// An e-mail address that we do not accept.
        case invalidAddress
        /// A row that is not well-formed CSV, or has the wrong number of fields.
        case malformedRow
        /// A field other than the address holds a value we do not accept.
        case invalidField
        /// An address already on the list.
        case duplicateAddress
        /// No subscriber with that address.
        case notFound
        /// The header row is missing or unusable.
        case invalidHeader
        /// The file could not be read.
        case unreadable
        /// The file could not be written; the old one is left as it was.
        case writeFailed
        /// Another command holds the list's lock and did not let go in time.
        case locked
        /// The list (or its suppression file) has rows that could not be read, so it is not
        /// changed until they are fixed by hand.
        case needsRepair
        /// An unsubscribe token that is not genuine for this list (tampered with, cut short, or
        /// signed with another secret or for another list).
        case invalidToken
    }

    /// What went wrong.
    public var code: Code
    /// The list file, when the error is about one.
    public var file: String?
    /// The 1-based line in `file`, when the error is about one row.
    public var line: Int?
    /// What is wrong, in words a user can act on.
    public var reason: String
    /// The error underneath, such as the system call that failed.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ reason: String, file: String? = nil, line: Int? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
        self.underlying = underlying
    }

    /// A row whose address an earlier row already has: the earlier one is kept.
    public static func duplicate(
        _ email: EmailAddress, firstLine: Int?, file: String?, line: Int?
    ) -> SubscribersError {
        let first = firstLine.map { "line \($0)" } ?? "an earlier row"
        return SubscribersError(
            .duplicateAddress, "\(email) is already on the list (\(first)); the first is kept", file: file, line: line)
    }

    /// `file:line: reason`, with the parts that are known.
    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(reason)"
        case let (file?, nil): "\(file): \(reason)"
        case let (nil, line?): "line \(line): \(reason)"
        case (nil, nil): reason
        }
    }

    /// The same error, placed at a file and line.
    func at(file: String?, line: Int?) -> SubscribersError {
        var copy = self
        copy.file = file ?? copy.file
        copy.line = line ?? copy.line
        return copy
    }
}
