import Composer
import Foundation
import Mustache

/// Loads and parses a theme's three templates once, then renders any number of issues and readers with them.
///
/// The theme folder (like `Templates/decoding-asia/`) holds:
/// - `html.mustache`: the HTML email; data is HTML-escaped (Mustache's default);
/// - `text.mustache`: the plain-text email, laid out to 72 columns after rendering;
/// - `terminal.mustache`: the terminal preview, in the markup described by ``TerminalMarkup`` (see the comment at
///   the top of the shipped template), styled and wrapped by the terminal's width after rendering.
///
/// The text and terminal templates are always rendered as `CONTENT_TYPE: TEXT`, whether or not they declare it, so
/// a headline like `Q&A` never comes out as `Q&amp;A` there.
///
/// ```swift
/// let renderer = try IssueRenderer(themeDirectory: root.appending(path: "Templates/decoding-asia"))
/// let html = try renderer.html(issue, for: Reader(email: "mei@example.com", name: "Mei", sections: ["japan"]))
/// ```
public struct IssueRenderer: Sendable {
    /// The template file names every theme folder has.
    public enum TemplateFile: String, Sendable, CaseIterable {
        case html = "html.mustache"
        case text = "text.mustache"
        case terminal = "terminal.mustache"
    }

    /// The theme folder the templates were read from.
    public let themeDirectory: URL
    private let htmlTemplate: MustacheTemplate
    private let textTemplate: MustacheTemplate
    private let terminalTemplate: MustacheTemplate

    /// Reads and parses `html.mustache`, `text.mustache` and `terminal.mustache` from `themeDirectory`.
    ///
    /// - Throws: ``RenderError`` naming the file when one is missing, unreadable or not UTF-8, and its line and
    ///   column when it has a syntax error.
    public init(themeDirectory: URL) throws(RenderError) {
        self.themeDirectory = themeDirectory
        self.htmlTemplate = try Self.load(.html, from: themeDirectory)
        self.textTemplate = try Self.load(.text, from: themeDirectory)
        self.terminalTemplate = try Self.load(.terminal, from: themeDirectory)
    }

    /// The HTML email: a complete document, table layout, inline CSS, 600 px wide and fluid below that.
    ///
    /// - Parameter reader: whose copy (their name, sections and unsubscribe link); `nil` for the editor's preview.
    public func html(_ issue: ComposedIssue, for reader: Reader?) throws(RenderError) -> String {
        htmlTemplate.render(IssueView(issue: issue, reader: reader, flavor: .html))
    }

    /// The issue as a page of its web archive: the HTML email with every section and nothing of any reader (no
    /// name, no unsubscribe link), without the email's "View in your browser" link, and with `links` to the
    /// archive's index and feed above it.
    public func webPage(_ issue: ComposedIssue, links: ArchiveLinks) throws(RenderError) -> String {
        htmlTemplate.render(IssueView(issue: issue, reader: nil, flavor: .html, archiveLinks: links))
    }

    /// The plain-text email: no line wider than 72 columns (except a URL longer than that, alone on its line), links
    /// as numbered footnotes listed at the end.
    ///
    /// - Parameter reader: whose copy; `nil` for the editor's preview.
    public func text(_ issue: ComposedIssue, for reader: Reader?) throws(RenderError) -> String {
        PlainTextLayout.format(textTemplate.render(IssueView(issue: issue, reader: reader, flavor: .text)))
    }

    /// The terminal preview: wrapped to `options.width` by display width, with ANSI styles and OSC 8 links when
    /// `options` allow, and no escape sequence at all when `options.color` is false.
    ///
    /// - Parameter reader: whose copy; `nil` for the editor's preview.
    /// - Throws: ``RenderError/Code-swift.enum/invalidOptions`` when `options.width` is below
    ///   ``TerminalOptions/minimumWidth``.
    public func terminal(
        _ issue: ComposedIssue, for reader: Reader?, options: TerminalOptions
    ) throws(RenderError) -> String {
        guard options.width >= TerminalOptions.minimumWidth else {
            throw RenderError(
                code: .invalidOptions,
                message: "terminal width \(options.width) is too narrow; the preview needs at least "
                    + "\(TerminalOptions.minimumWidth) columns")
        }
        let markup = terminalTemplate.render(IssueView(issue: issue, reader: reader, flavor: .terminal))
        // ColorsView has already replaced an unusable theme colour with the fallback, so this always parses.
        let accent = RGB(hex: ColorsView(issue.masthead.colors).accent) ?? RGB(red: 164, green: 38, blue: 44)
        let formatter = TerminalFormatter(options: options, accent: accent)
        return formatter.format(markup)
    }

    // MARK: - Loading

    private static func load(_ file: TemplateFile, from directory: URL) throws(RenderError) -> MustacheTemplate {
        let url = directory.appendingPathComponent(file.rawValue)
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw RenderError(
                code: .templateMissing, file: path,
                message: "template \(file.rawValue) not found in the theme folder \(directory.path)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RenderError(
                code: .templateUnreadable, file: path,
                message: "cannot read the template: \(error.localizedDescription)"
            )
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw RenderError(code: .templateUnreadable, file: path, message: "the template is not valid UTF-8")
        }
        return try parse(source, file: path, forceText: file != .html)
    }

    /// Parses template source, turning swift-mustache's parser error into a located ``RenderError``.
    ///
    /// - Parameter forceText: render as `CONTENT_TYPE: TEXT` (plain-text and terminal templates).
    static func parse(_ source: String, file: String, forceText: Bool) throws(RenderError) -> MustacheTemplate {
        try parse(source, file: file, forceText: forceText, knownNames: TemplateVariables.known)
    }

    /// Parses template source as above; a name outside `knownNames` is an error (none is checked when nil), and so
    /// is a partial outside `partials` or sections nested too deep (see ``TemplateStructure``).
    static func parse(
        _ source: String, file: String, forceText: Bool, knownNames: Set<String>?, partials: Set<String> = []
    ) throws(RenderError) -> MustacheTemplate {
        // Windows line endings would otherwise leave a "\r" on every rendered line.
        let normalised = source.replacingOccurrences(of: "\r\n", with: "\n")
        // Before swift-mustache sees it: its parser recurses once per nested section.
        try TemplateStructure.check(normalised, file: file, partials: partials)
        // A standalone pragma line of our own; error line numbers are shifted back by it.
        let prefix = forceText ? "{{% CONTENT_TYPE: TEXT}}\n" : ""
        do {
            let template = try MustacheTemplate(string: prefix + normalised)
            if let knownNames { try TemplateVariables.check(normalised, file: file, known: knownNames) }
            return template
        } catch let error as RenderError {
            throw error
        } catch let error as MustacheTemplate.ParserError {
            let shift = prefix.isEmpty ? 0 : 1
            var located = RenderError(
                code: .templateSyntax, file: file, line: max(error.context.lineNumber - shift, 1),
                column: error.context.columnNumber, sourceLine: error.context.line,
                message: TemplateDiagnostics.describe(error.error))
            if let problem = TemplateDiagnostics.sectionProblem(in: normalised) {
                switch (error.error as? MustacheTemplate.Error, problem.isUnclosed) {
                case (.expectedSectionEnd?, true):
                    // The parser notices a missing {{/name}} only at the end of the file: point at the opening tag.
                    located.line = problem.line
                    located.column = problem.column
                    located.sourceLine = problem.sourceLine
                    located.message = problem.message
                case (.sectionCloseNameIncorrect?, false) where problem.line == located.line:
                    located.message = problem.message
                default:
                    break
                }
            }
            if case .unfinishedName? = error.error as? MustacheTemplate.Error,
                let opening = TemplateDiagnostics.lastTagOpening(in: normalised, before: located)
            {
                // The parser may have read past line ends looking for "}}": point at the tag's "{{" instead.
                located.line = opening.line
                located.column = opening.column
                located.sourceLine = opening.sourceLine
            }
            throw located
        } catch {
            throw RenderError(code: .templateSyntax, file: file, message: "cannot parse the template: \(error)")
        }
    }
}

/// Words for swift-mustache's parser errors, and a section scan that can say which section is wrong.
enum TemplateDiagnostics {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else {
            return "syntax error: \(error)"
        }
        switch error {
        case .sectionCloseNameIncorrect:
            return "this closing tag does not match the section that is open"
        case .unfinishedName:
            return "unfinished tag: expected a name (letters, digits, . _ -) followed by }}"
        case .expectedSectionEnd:
            return "a section is never closed: its {{/name}} tag is missing"
        case .invalidSetDelimiter:
            return "badly formed set-delimiter tag {{=… …=}}"
        case .transformAppliedToInheritanceSection:
            return "a transform cannot be applied to an inherited {{$block}}"
        case .illegalTokenInsideInheritSection:
            return "only {{$block}} overrides may appear inside a {{<parent}} partial"
        case .textInsideInheritSection:
            return "text is not allowed inside a {{<parent}} partial, only {{$block}} overrides"
        case .invalidConfigVariableSyntax:
            return "badly formed pragma: expected {{% NAME: VALUE}}"
        case .unrecognisedConfigVariable:
            return "unknown pragma or content type: use {{% CONTENT_TYPE: TEXT}} or {{% CONTENT_TYPE: HTML}}"
        }
    }

    /// Where the last `{{` at or before the parser's error position is: the tag the parser could not finish.
    static func lastTagOpening(
        in source: String, before error: RenderError
    ) -> (line: Int, column: Int, sourceLine: String)? {
        guard let errorLine = error.line, let errorColumn = error.column else { return nil }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var lineIndex = min(errorLine, lines.count) - 1
        var limit: Int? = errorColumn
        while lineIndex >= 0 {
            let line = lines[lineIndex]
            let searchable = limit.map { line.prefix($0 + 1) } ?? line[...]
            if let opening = searchable.ranges(of: "{{").last {
                let column = line.distance(from: line.startIndex, to: opening.lowerBound) + 1
                return (lineIndex + 1, column, String(line))
            }
            lineIndex -= 1
            limit = nil
        }
        return nil
    }

    struct SectionProblem {
        var line: Int
        var column: Int
        var sourceLine: String
        var message: String
        /// A section opened and never closed (else a closing tag that does not match).
        var isUnclosed: Bool
    }

    /// Walks the `{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}` and `{{/…}}` tags (default delimiters only) and reports the
    /// first closing tag that does not match, or the innermost section left open.
    static func sectionProblem(in source: String) -> SectionProblem? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var open: [(name: String, line: Int, column: Int)] = []
        var inComment = false
        for (lineIndex, line) in lines.enumerated() {
            var position = line.startIndex
            while position < line.endIndex {
                let rest = line[position...]
                if inComment {
                    guard let end = rest.range(of: "}}") else { break }
                    position = end.upperBound
                    inComment = false
                    continue
                }
                guard let start = rest.range(of: "{{") else { break }
                let column = line.distance(from: line.startIndex, to: start.lowerBound) + 1
                let body = line[start.upperBound...]
                guard let sigil = body.first else { break }
                if sigil == "=" {
                    return nil  // custom delimiters: leave it to the parser's own location
                }
                if sigil == "!" {
                    inComment = true
                    position = start.upperBound
                    continue
                }
                // The tag's end comes after its sigil: in `{{}}` the sigil is itself the first "}".
                guard let end = body.dropFirst().range(of: "}}") else { break }
                let name = body[body.index(after: body.startIndex)..<end.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                position = end.upperBound
                switch sigil {
                case "#", "^", "$", "<":
                    open.append((name, lineIndex + 1, column))
                case "/":
                    guard let top = open.popLast() else {
                        return SectionProblem(
                            line: lineIndex + 1, column: column, sourceLine: String(line),
                            message: "{{/\(name)}} closes a section that was never opened", isUnclosed: false)
                    }
                    if top.name != name {
                        return SectionProblem(
                            line: lineIndex + 1, column: column, sourceLine: String(line),
                            message: "{{/\(name)}} does not match the open section \"\(top.name)\" "
                                + "(opened at line \(top.line), column \(top.column)); expected {{/\(top.name)}}",
                            isUnclosed: false)
                    }
                default:
                    break
                }
            }
        }
        guard let unclosed = open.last else { return nil }
        return SectionProblem(
            line: unclosed.line, column: unclosed.column, sourceLine: String(lines[unclosed.line - 1]),
            message: "section \"\(unclosed.name)\" is never closed: add {{/\(unclosed.name)}}", isUnclosed: true)
    }
}

/// Where an archived issue's page links to: the archive's index and its Atom feed.
public struct ArchiveLinks: Sendable, Equatable {
    /// The index of the archive (a path like `/archive/decoding-asia/`, or an absolute URL).
    public var index: String
    /// The archive's Atom feed.
    public var feed: String

    /// Links to the index and the feed.
    public init(index: String, feed: String) {
        self.index = index
        self.feed = feed
    }
}

/// Mustache templates other than an issue's three (the web pages of `digest serve`), parsed with the same located
/// errors: a syntax error or an unknown name is reported with the file, line and column.
public enum MustacheSource {
    /// Parses `source`, read from `file`.
    ///
    /// - Parameters:
    ///   - asText: render as `CONTENT_TYPE: TEXT` (no HTML escaping), for a stylesheet or other text.
    ///   - knownNames: the names the template may use (see ``names(reachableFrom:)``); nil checks none.
    ///   - partials: the partials it may include (`{{>name}}`); any other is an error, as nothing would render.
    public static func parse(
        _ source: String, file: String, asText: Bool, knownNames: Set<String>?, partials: Set<String> = []
    ) throws(RenderError) -> MustacheTemplate {
        try IssueRenderer.parse(source, file: file, forceText: asText, knownNames: knownNames, partials: partials)
    }

    /// Every property name reachable from a view model value (through optionals, arrays and nested structs), with
    /// the names swift-mustache gives every section and loop (`first`, `last`, `index`…): what a template rendered
    /// with such a value may name. Give it a sample with every optional part present.
    public static func names(reachableFrom sample: Any) -> Set<String> {
        var names = TemplateVariables.builtIns
        TemplateVariables.collectNames(of: sample, into: &names)
        return names
    }
}
