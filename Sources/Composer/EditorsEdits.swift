import Foundation
import Yams

/// The editor's last word on one issue, kept beside it as `edits.yaml` so that recomposing never
/// loses it: stories pinned into a section or dropped, headlines and summaries rewritten, the top
/// story and the quote chosen, and a note to readers under the masthead.
///
/// Stories are named by the id or the link of any of their articles (`digest events` and the
/// comments `digest edit` writes list them), so an edit still finds its story when a later
/// report of the same event becomes the lead.
public struct EditorsEdits: Sendable, Equatable {
    /// A note to readers, in Markdown, shown under the masthead.
    public var note: String?
    /// The story to lead the issue.
    public var top: Reference?
    /// The quote of the week: from one story's articles, or the editor's own words.
    public var quote: QuoteChoice?
    /// Stories left out of the issue.
    public var drop: [Reference] = []
    /// Stories kept in a section whatever their salience.
    public var pins: [Pin] = []
    /// A story's headline or summary in the editor's words.
    public var rewrites: [Rewrite] = []

    public init() {}

    /// An article named by id or link, with the line of the file that names it (for errors).
    public struct Reference: Sendable, Equatable {
        public var value: String
        public var line: Int
    }

    public struct Pin: Sendable, Equatable {
        public var story: Reference
        public var section: String
        public var sectionLine: Int
    }

    public struct Rewrite: Sendable, Equatable {
        public var story: Reference
        public var headline: String?
        public var summary: [String]?
    }

    public enum QuoteChoice: Sendable, Equatable {
        /// The first quote with an identified speaker in that story's articles.
        case fromStory(Reference)
        /// The editor's own choice.
        case text(String, speaker: String, story: Reference?)
    }

    /// Whether there is anything to apply.
    public var isEmpty: Bool {
        note == nil && top == nil && quote == nil && drop.isEmpty && pins.isEmpty && rewrites.isEmpty
    }

    /// The name of the file beside `digest.json`.
    public static let fileName = IssueFolder.editsFileName

    /// The edits in `file`, or none when it does not exist.
    public static func load(from file: URL) throws -> EditorsEdits {
        guard FileManager.default.fileExists(atPath: file.path) else { return EditorsEdits() }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ComposerError(.invalidEdits, "\(file.path): cannot read the edits (\(error.localizedDescription))")
        }
        return try parse(text, file: file.path)
    }

    /// Reads the edits of `text` (named `file` in errors).
    public static func parse(_ text: String, file: String) throws -> EditorsEdits {
        func fail(_ line: Int?, _ message: String) -> ComposerError {
            ComposerError(.invalidEdits, "\(file)\(line.map { ", line \($0)" } ?? ""): \(message)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ComposerError(.invalidEdits, "\(file): \(Theme.describe(error))")
        }
        var edits = EditorsEdits()
        guard let root else { return edits }
        if case .scalar(let scalar) = root, scalar.string.isEmpty { return edits }
        guard let mapping = root.mapping else {
            throw fail(line(of: root), "the edits are a mapping of fields (note, top, quote, drop, pin, stories)")
        }
        func string(_ node: Node, _ field: String) throws -> String {
            guard case .scalar(let scalar) = node else { throw fail(line(of: node), "'\(field)' must be text") }
            let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw fail(line(of: node), "'\(field)' is empty") }
            return value
        }
        func reference(_ node: Node, _ field: String) throws -> Reference {
            Reference(value: try string(node, field), line: line(of: node) ?? 0)
        }
        for (key, value) in mapping {
            guard case .scalar(let name) = key else { throw fail(line(of: key), "a field name must be text") }
            switch name.string {
            case "note":
                edits.note = try string(value, "note")
            case "top":
                edits.top = try reference(value, "top")
            case "drop":
                guard let items = value.sequence else {
                    throw fail(line(of: value), "'drop' is a list of article ids or links")
                }
                edits.drop = try items.map { try reference($0, "drop") }
            case "pin":
                guard let items = value.sequence else {
                    throw fail(line(of: value), "'pin' is a list of {story, section}")
                }
                for item in items {
                    guard let fields = item.mapping, let story = fields["story"], let section = fields["section"]
                    else { throw fail(line(of: item), "each pin needs 'story' (an article id or link) and 'section'") }
                    edits.pins.append(
                        Pin(
                            story: try reference(story, "story"), section: try string(section, "section"),
                            sectionLine: line(of: section) ?? 0))
                }
            case "stories":
                guard let stories = value.mapping else {
                    throw fail(line(of: value), "'stories' maps an article id or link to its headline and summary")
                }
                for (storyKey, fields) in stories {
                    let story = try reference(storyKey, "stories")
                    guard let fields = fields.mapping else {
                        throw fail(line(of: fields), "story '\(story.value)': give 'headline' and/or 'summary'")
                    }
                    var rewrite = Rewrite(story: story, headline: nil, summary: nil)
                    for (field, content) in fields {
                        switch field.string {
                        case "headline":
                            rewrite.headline = try string(content, "headline")
                        case "summary":
                            if let items = content.sequence {
                                rewrite.summary = try items.map { try string($0, "summary") }
                            } else {
                                rewrite.summary = [try string(content, "summary")]
                            }
                        default:
                            throw fail(
                                line(of: field),
                                "unknown field '\(field.string ?? "")' for a story (headline, summary)")
                        }
                    }
                    edits.rewrites.append(rewrite)
                }
            case "quote":
                if case .scalar = value {
                    edits.quote = .fromStory(try reference(value, "quote"))
                } else if let fields = value.mapping {
                    if let text = fields["text"] {
                        guard let speaker = fields["speaker"] else {
                            throw fail(line(of: value), "a quote in your words needs its 'speaker'")
                        }
                        edits.quote = .text(
                            try string(text, "text"), speaker: try string(speaker, "speaker"),
                            story: try fields["story"].map { try reference($0, "story") })
                    } else if let story = fields["story"] {
                        edits.quote = .fromStory(try reference(story, "story"))
                    } else {
                        throw fail(line(of: value), "'quote' names a story, or gives 'text' and 'speaker'")
                    }
                } else {
                    throw fail(line(of: value), "'quote' names a story, or gives 'text' and 'speaker'")
                }
            default:
                throw fail(
                    line(of: key), "unknown field '\(name.string)' (note, top, quote, drop, pin, stories)")
            }
        }
        return edits
    }

    /// The 1-based line a node starts on.
    static func line(of node: Node) -> Int? {
        node.mark.map { $0.line }
    }
}
