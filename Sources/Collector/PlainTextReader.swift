import Foundation

/// Reads an article saved as plain text or Markdown, the way a reader copies one from a news site:
/// the headline first, then optionally a standfirst, captions, a `Published …` line, and the body.
struct PlainTextReader: Sendable {
    var cleaner: TextCleaner

    /// The parts of the text before metadata is attached.
    struct Parsed {
        var title: String
        var standfirst: String?
        var cleaned: CleanedText
    }

    func parse(_ text: String) -> Parsed? {
        let blocks = Self.blocks(of: text)
        guard let first = blocks.first else { return nil }
        let title = TextCleaner.normalise(Self.stripMarkdown(first))
        var rest = Array(blocks.dropFirst())

        // A standfirst is the short paragraph between headline and story: the story proper then
        // opens with captions, a `Published` line or a dateline.
        var standfirst: String?
        if rest.count >= 2, !rest[0].hasPrefix("["), rest[0].split(separator: " ").count <= 60 {
            let next = TextCleaner.normalise(rest[1])
            let opensStory =
                TextCleaner.captionText(next) != nil || next.first.map { "•·●▪".contains($0) } == true
                || next.hasPrefix("Published") || next.hasPrefix("Updated") || next.hasPrefix("[")
            if opensStory {
                standfirst = TextCleaner.normalise(Self.stripMarkdown(rest[0]))
                rest.removeFirst()
            }
        }
        let cleaned = cleaner.clean(rest.map(Self.stripMarkdown))
        return Parsed(title: title, standfirst: standfirst, cleaned: cleaned)
    }

    /// Paragraphs separated by blank lines. Inside a block, lines that start a list item or a
    /// `Published` line stand alone; other lines are one hard-wrapped paragraph.
    static func blocks(of text: String) -> [String] {
        var blocks: [String] = []
        var current: [String] = []
        func flush() {
            if !current.isEmpty { blocks.append(current.joined(separator: " ")) }
            current.removeAll()
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty {
                flush()
                continue
            }
            let startsItem =
                line.first.map { "•·●▪".contains($0) } == true || line.hasPrefix("- ") || line.hasPrefix("* ")
                || line.hasPrefix("Published") || line.hasPrefix("Updated") || line.hasPrefix("#")
            if startsItem { flush() }
            current.append(line)
            if startsItem || line.hasPrefix("#") { flush() }
        }
        flush()
        return blocks
    }

    /// Drops the Markdown marks a `.md` article uses for headings, emphasis and list items.
    static func stripMarkdown(_ block: String) -> String {
        var text = block
        while text.hasPrefix("#") { text.removeFirst() }
        if text.hasPrefix("- ") || text.hasPrefix("* ") { text.removeFirst(2) }
        text = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        // [text](url) keeps the text.
        text = text.replacing(/\[([^\]]+)\]\([^)\s]+\)/) { String($0.output.1) }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
