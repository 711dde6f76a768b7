import Foundation
import Ink

/// The editor's note (Markdown from `edits.yaml`) as each rendering shows it: safe HTML for the
/// email, plain paragraphs for the text part and the terminal.
///
/// The editor writes Markdown, not HTML: angle brackets are shown as written, and only web and
/// mail links become links.
enum EditorsNote {
    /// The note as HTML: paragraphs, emphasis, lists and `http`, `https` or `mailto` links.
    /// Mail clients ignore most style sheets, so paragraphs, lists and links get their style
    /// inline, links in the theme's `accent` colour.
    static func html(_ markdown: String, accent: String) -> String {
        // Markup typed into the note is text, not HTML the note could inject.
        let escaped = markdown.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let html = MarkdownParser().html(from: escaped)
        return html.replacing(unsafeLink) { match in String(match.output.2) }
            .replacingOccurrences(of: "<p>", with: #"<p style="margin:0 0 10px 0;">"#)
            .replacingOccurrences(of: "<ul>", with: #"<ul style="margin:0 0 10px 0;padding-left:22px;">"#)
            .replacingOccurrences(of: "<ol>", with: #"<ol style="margin:0 0 10px 0;padding-left:22px;">"#)
            .replacingOccurrences(of: "<a href=", with: #"<a style="color:\#(accent);" href="#)
    }

    /// The note as plain paragraphs: emphasis marks dropped, a link as `text (url)`, a list item
    /// as `- item`.
    static func paragraphs(_ markdown: String) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        func close() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            current = []
        }
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                close()
                continue
            }
            let isItem = line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ")
            if isItem {
                close()
                line = "- " + line.dropFirst(2)
            }
            while line.hasPrefix("#") { line.removeFirst() }
            line = line.trimmingCharacters(in: .whitespaces)
            line = line.replacing(markdownLink) { match in "\(match.output.1) (\(match.output.2))" }
            for mark in ["**", "__", "`"] { line = line.replacingOccurrences(of: mark, with: "") }
            line = line.replacing(singleEmphasis) { match in String(match.output.1) + String(match.output.2) }
            current.append(line)
            if isItem { close() }
        }
        close()
        return paragraphs
    }

    /// An anchor whose target is not a web or mail link: kept as its text.
    nonisolated(unsafe) private static let unsafeLink =
        #/<a href="(?!https?:|mailto:)([^"]*)"[^>]*>(.*?)</a>/#
    nonisolated(unsafe) private static let markdownLink = #/\[([^\]]+)\]\(([^)\s]+)\)/#
    /// `*word*` or `_word_` between non-word characters (not `snake_case` or `2*3*4`).
    nonisolated(unsafe) private static let singleEmphasis = #/(^|[^\w*_])[*_]([^*_\n]+)[*_](?![\w*_])/#
}
