/// Why a theme's templates could not be loaded or an issue could not be rendered.
///
/// The description is one line an editor can act on, compiler-style:
/// `Templates/decoding-asia/html.mustache:12:9: section "stories" is closed by {{/story}}`.
public struct RenderError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, to switch on.
    public enum Code: String, Sendable, Equatable {
        /// The theme folder or one of its templates does not exist.
        case templateMissing
        /// A template could not be read, or is not UTF-8.
        case templateUnreadable
        /// A template has a Mustache syntax error; `line` and `column` say where.
        case templateSyntax
        /// A template names something the issue does not have (a misspelt variable); `line` and `column` say where.
        case unknownVariable
        /// Sections nested deeper than a template may nest them (see `TemplateStructure.maximumDepth`); `line` and
        /// `column` say where.
        case nestedTooDeep
        /// A template includes a partial (`{{>name}}`) that no template provides; `line` and `column` say where.
        case unknownPartial
        /// The render options make no sense (a terminal narrower than ``TerminalOptions/minimumWidth``).
        case invalidOptions
    }

    /// What went wrong.
    public var code: Code
    /// The template file concerned, as given to the renderer (absolute when the theme folder was).
    public var file: String?
    /// 1-based line of a syntax error.
    public var line: Int?
    /// 1-based column of a syntax error.
    public var column: Int?
    /// The text of the offending template line, when known.
    public var sourceLine: String?
    /// What happened, in words.
    public var message: String

    /// An error with the given code and message, optionally located in a template.
    public init(
        code: Code, file: String? = nil, line: Int? = nil, column: Int? = nil, sourceLine: String? = nil,
        message: String
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
        self.message = message
    }

    /// `file:line:column: message`, or as much of the location as is known.
    public var description: String {
        var location = file ?? ""
        if let line {
            location += ":\(line)"
            if let column {
                location += ":\(column)"
            }
        }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}
