import Foundation

/// A source that could not be collected, or a store that could not be written.
public struct CollectorError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case unreadable
        case notUTF8
        case unsupportedType
        case noArticle
        case fetchFailed
        case storeFailed
        case corruptStore
    }

    public let code: Code
    /// The file, folder or URL the error is about.
    public let source: String
    public let message: String

    public init(_ code: Code, source: String, message: String) {
        self.code = code
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
