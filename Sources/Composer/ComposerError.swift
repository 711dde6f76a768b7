/// Why an issue could not be composed: a theme that is missing or wrong, or a week with nothing in it.
public struct ComposerError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case unknownTheme
        case invalidTheme
        case invalidWeek
        case emptyWeek
        case issueLocked
        case writeFailed
        /// The editor's `edits.yaml` is malformed or names what the week does not have.
        case invalidEdits
        /// A section id that the theme has no section for.
        case unknownSection
        /// A theme or list name that is not a plain file name inside its folder.
        case invalidName
        /// No theme is named and the newsletter has none.
        case noTheme
        /// No theme is named and the newsletter has several.
        case severalThemes
        /// The editor `digest edit` opened could not start or failed.
        case editorFailed
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
