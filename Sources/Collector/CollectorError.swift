import Foundation

/// A source that could not be collected, or a store that could not be written.
///
/// The description is the line a user sees: the file, folder or URL, then what went wrong.
public struct CollectorError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, to switch on.
    public enum Code: Sendable, Equatable {
        /// The file or folder is missing or cannot be read.
        case unreadable
        /// The text is not valid UTF-8 (or its declared encoding).
        case notUTF8
        /// Not a kind of file the collector reads.
        case unsupportedType
        /// A page or text with no headline and body in it.
        case noArticle
        /// The HTTP fetch failed: transport, timeout, status, size cap.
        case fetchFailed
        /// Writing to the article store failed.
        case storeFailed
        /// A stored article could not be read back.
        case corruptStore
        /// A feed or compressed file that is broken: malformed XML or JSON, truncated gzip, binary.
        case malformed
        /// The input is larger than the collector's size cap.
        case tooLarge
        /// The declared character encoding is unknown.
        case unknownEncoding
        /// A fetch would have connected to a loopback, private or link-local address, which are not fetched unless
        /// the operator allows them.
        case refusedAddress
    }

    /// What went wrong, to switch on.
    public let code: Code
    /// The file, folder or URL the error is about.
    public let source: String
    /// What went wrong, in words.
    public let message: String

    /// Makes an error about `source`.
    public init(_ code: Code, source: String, message: String) {
        self.code = code
        self.source = source
        self.message = message
    }

    /// `<source>: <message>`.
    public var description: String { "\(source): \(message)" }
}
