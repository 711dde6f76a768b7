/// Lays out what the plain-text template rendered: every line wrapped to 72 columns (by display width), bullet and
/// footnote lines with a hanging indent, indented lines keeping their indent, runs of blank lines folded into one.
///
/// The template writes each paragraph on one line and leaves the wrapping here, so editors never count columns.
/// URLs are never split: one that does not fit moves to the next line, and one longer than the width stands alone.
enum PlainTextLayout {
    /// The plain-text part's width: what mutt and most mail readers show without reflowing.
    static let width = 72

    static func format(_ rendered: String, width: Int = PlainTextLayout.width) -> String {
        let wrapper = LineWrapper(width: width)
        var output: [String] = []
        for rawLine in rendered.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingTrailingWhitespace()
            if line.isEmpty {
                if let last = output.last, !last.isEmpty {
                    output.append("")
                }
                continue
            }
            let (marker, content) = split(line)
            let hanging = String(repeating: " ", count: DisplayWidth.of(marker))
            for wrapped in wrapper.wrap(
                Cell.cells(content), firstPrefix: Cell.cells(marker), continuationPrefix: Cell.cells(hanging))
            {
                output.append(String(wrapped.map(\.character)))
            }
        }
        while output.last?.isEmpty == true {
            output.removeLast()
        }
        return output.joined(separator: "\n") + "\n"
    }

    /// The line's indent and list marker (`- `, `* `, `• `, `1. `, `[12] `), and the text after them.
    static func split(_ line: Substring) -> (marker: String, content: Substring) {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        var markerLength = 0
        if let first = rest.first, "-*•".contains(first), rest.dropFirst().first == " " {
            markerLength = 2
        } else if rest.first == "[", let close = rest.firstIndex(of: "]") {
            let number = rest[rest.index(after: rest.startIndex)..<close]
            let afterClose = rest.index(after: close)
            if (1...4).contains(number.count), number.allSatisfy(\.isASCIIDigit), afterClose < rest.endIndex,
                rest[afterClose] == " "
            {
                markerLength = number.count + 3
            }
        } else {
            let digits = rest.prefix(while: \.isASCIIDigit)
            let after = rest.dropFirst(digits.count)
            if (1...3).contains(digits.count), let dot = after.first, dot == "." || dot == ")",
                after.dropFirst().first == " "
            {
                markerLength = digits.count + 2
            }
        }
        let marker = String(line.prefix(indent.count + markerLength))
        return (marker, line.dropFirst(indent.count + markerLength))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before].isWhitespace else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
