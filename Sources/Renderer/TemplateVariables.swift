import Composer
import Foundation

/// Checks that every name a template uses is one the view model has, so a typo such as
/// `{{headlin}}` is an error at load time, with its file, line and column, instead of text
/// that silently goes missing from every reader's email (Mustache renders unknown names as "").
enum TemplateVariables {
    /// Names swift-mustache gives every section and loop, besides the view model's own.
    static let builtIns: Set<String> = [".", "first", "last", "index", "even", "odd"]

    /// Every property name reachable from the view model of any rendering.
    static let known: Set<String> = {
        var names = builtIns
        for flavor in [RenderFlavor.html, .text, .terminal] {
            collectNames(of: IssueView(issue: sampleIssue, reader: sampleReader, flavor: flavor), into: &names)
            // The archive's page of an issue: its links to the index and the feed.
            collectNames(
                of: IssueView(
                    issue: sampleIssue, reader: nil, flavor: flavor, archiveLinks: ArchiveLinks(index: "/", feed: "/f")),
                into: &names)
        }
        return names
    }()

    /// Throws for the first tag naming something the view model does not have.
    static func check(_ source: String, file: String, known: Set<String> = known) throws(RenderError) {
        for tag in tags(in: source) {
            for component in tag.name.split(separator: ".", omittingEmptySubsequences: true) {
                guard known.contains(String(component)) else {
                    throw RenderError(
                        code: .unknownVariable, file: file, line: tag.line, column: tag.column,
                        sourceLine: tag.sourceLine,
                        message: "unknown name '\(tag.name)': the issue has no '\(component)' here (see the "
                            + "variables listed at the top of the shipped templates)")
                }
            }
        }
    }

    struct Tag {
        var name: String
        var line: Int
        var column: Int
        var sourceLine: String
    }

    /// The variable and section names used by `source`, with where they stand. Comments, pragmas,
    /// partials and inheritance blocks are skipped; a template that changes its delimiters is not
    /// checked (its tags cannot be found by looking for `{{`).
    static func tags(in source: String) -> [Tag] {
        guard !source.contains("{{=") else { return [] }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var tags: [Tag] = []
        var inComment = false
        for (lineIndex, line) in lines.enumerated() {
            var rest = line[...]
            if inComment {
                guard let end = rest.range(of: "}}") else { continue }
                rest = rest[end.upperBound...]
                inComment = false
            }
            while let open = rest.range(of: "{{") {
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                var body = rest[open.upperBound...]
                let kind = body.first
                if kind == "!" {
                    guard let end = body.range(of: "}}") else {
                        inComment = true
                        break
                    }
                    rest = body[end.upperBound...]
                    continue
                }
                guard let end = body.range(of: "}}") else { break }
                rest = body[end.upperBound...]
                if kind == "{", rest.first == "}" { rest = rest.dropFirst() }
                body = body[..<end.lowerBound]
                if let kind, "#^/&{".contains(kind) { body = body.dropFirst() }
                if let kind, "%><$".contains(kind) { continue }
                if body.hasSuffix("}") { body = body.dropLast() }
                var name = body.trimmingCharacters(in: .whitespaces)
                // A transform, `uppercased(name)`, applies to the name in its parentheses.
                if let openParen = name.lastIndex(of: "("), let closeParen = name.firstIndex(of: ")"),
                    openParen < closeParen
                {
                    name = String(name[name.index(after: openParen)..<closeParen])
                }
                guard !name.isEmpty else { continue }
                tags.append(Tag(name: name, line: lineIndex + 1, column: column, sourceLine: String(line)))
            }
        }
        return tags
    }

    static func collectNames(of value: Any, into names: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional, .collection, .set:
            if let first = mirror.children.first { collectNames(of: first.value, into: &names) }
        case .struct, .class:
            for child in mirror.children {
                guard let label = child.label else { continue }
                names.insert(label)
                collectNames(of: child.value, into: &names)
            }
        default:
            break
        }
    }

    /// An issue with every optional part present, so that every name of the view model shows.
    private static var sampleIssue: ComposedIssue {
        let story = Story(
            id: "s", headline: "h", standfirst: "f", url: "https://example.com/s", source: "o", dateline: "d",
            published: Date(timeIntervalSince1970: 0), summary: ["one.", "two."], alsoReportedBy: ["p"],
            articleIDs: ["s"])
        var second = story
        second.id = "t"
        second.articleIDs = ["t"]
        var issue = ComposedIssue(
            themeID: "t", week: "2026-W01", periodStart: Date(timeIntervalSince1970: 0),
            periodEnd: Date(timeIntervalSince1970: 604_800), periodLabel: "l",
            composedAt: Date(timeIntervalSince1970: 0),
            masthead: Masthead(
                name: "n", tagline: "t", language: "en", senderName: "s", senderAddress: "s@example.com",
                replyTo: "r@example.com", unsubscribeURLTemplate: "https://example.com/u?t={token}",
                colors: ThemeColors(accent: "#000000", text: "#000000", background: "#ffffff", muted: "#777777"),
                archiveURLTemplate: "https://example.com/archive/t/{week}/",
                preferencesURLTemplate: "https://example.com/p?t={token}"),
            topStory: story, quote: Quote(text: "q", speaker: "p", storyID: "s"),
            // The top story is not repeated in its section, so the section needs a second story.
            sections: [IssueSection(id: "a", title: "A", stories: [story, second])], articlesConsidered: 2,
            articlesUsed: 2)
        issue.editorsNote = "n"
        return issue
    }

    private static var sampleReader: Reader {
        Reader(
            email: "r@example.com", name: "R", sections: [], unsubscribeURL: "https://example.com/u?t=x",
            preferencesURL: "https://example.com/p?t=x")
    }
}
