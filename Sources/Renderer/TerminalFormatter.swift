import Foundation

/// The small line-oriented markup the terminal template writes, and how data is escaped for it.
///
/// One line of template output is one block; the first characters after any leading spaces say what it is:
///
/// | line            | is                                                                        |
/// |-----------------|---------------------------------------------------------------------------|
/// | `= text`        | masthead: bold, accent colour                                             |
/// | `# text`        | section heading: bold, accent colour, with an accent rule the full width  |
/// | `## text`       | story headline: bold                                                      |
/// | `> text`        | quote: italic, behind an accent bar `│ `                                  |
/// | `- text`        | bullet `• ` with a hanging indent                                         |
/// | `~ text`        | meta line (source, date): dim                                             |
/// | `---`           | a dim rule the full width                                                 |
/// | empty           | a blank line (several in a row count as one)                              |
/// | anything else   | a paragraph; leading spaces indent it and its continuation lines          |
///
/// Inline, `[text](url)` is a link, and a backslash makes the next character literal (`\[`, `\]`, `\\`, `\#` …).
/// Every line is wrapped to the terminal width by display width.
enum TerminalMarkup {
    /// Characters a backslash can make literal.
    static let escapable: Set<Character> = ["\\", "[", "]", "(", ")", "#", ">", "-", "~", "="]
    /// Characters that start a markup line, escaped at the start of a value.
    private static let lineMarkers: Set<Character> = ["#", ">", "-", "~", "="]

    /// Escapes a data string so it reads as text wherever the template puts it.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\\" || character == "[" || character == "]"
                || (output.isEmpty && lineMarkers.contains(character))
            {
                output.append("\\")
            }
            output.append(character)
        }
        return output
    }

    /// Makes a checked URL safe inside `( )`: parentheses and spaces percent-encoded.
    static func escapeURL(_ url: String) -> String {
        var output = ""
        for character in url {
            switch character {
            case "(": output += "%28"
            case ")": output += "%29"
            case " ": output += "%20"
            default: output.append(character)
            }
        }
        return output
    }
}

/// Turns the terminal markup (see ``TerminalMarkup``) into styled lines no wider than the terminal.
///
/// Styles are ANSI SGR (bold, dim, italic, underline, 24-bit colour); links are OSC 8 hyperlinks or `text <url>`.
/// Every line resets its styles at its end, so a pager that shows part of the output never bleeds colour. Without
/// colour the output holds no escape byte at all.
struct TerminalFormatter {
    var options: TerminalOptions
    var accent: RGB

    private enum Kind {
        case masthead, heading, headline, quote, bullet, meta, rule, paragraph
    }

    private static let escapeByte = "\u{1B}"
    private static let ruleCharacter: Character = "─"

    func format(_ markup: String) -> String {
        let wrapper = LineWrapper(width: options.width)
        var output: [String] = []
        var lastWasBlank = true
        for rawLine in markup.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingTrailingWhitespace()
            if line.isEmpty {
                if !lastWasBlank {
                    output.append("")
                }
                lastWasBlank = true
                continue
            }
            lastWasBlank = false
            let indent = String(line.prefix { $0 == " " })
            let body = line.dropFirst(indent.count)
            let (kind, text) = classify(body)
            if kind == .rule {
                output.append(rule(sgr: "2"))
                continue
            }
            let (content, links) = inline(text)
            let marker: String
            let hanging: String
            switch kind {
            case .bullet:
                marker = indent + "• "
                hanging = indent + "  "
            case .quote:
                marker = indent + "│ "
                hanging = marker
            default:
                marker = indent
                hanging = indent
            }
            let lines = wrapper.wrap(
                content, firstPrefix: Cell.cells(marker, isPrefix: true),
                continuationPrefix: Cell.cells(hanging, isPrefix: true))
            for cells in lines {
                output.append(render(cells, kind: kind, links: links))
            }
            if kind == .heading {
                output.append(rule(sgr: accentSGR))
            }
        }
        while output.last?.isEmpty == true {
            output.removeLast()
        }
        return output.joined(separator: "\n") + "\n"
    }

    private func classify(_ body: Substring) -> (Kind, Substring) {
        if body == "---" {
            return (.rule, "")
        }
        let markers: [(String, Kind)] = [
            ("## ", .headline), ("# ", .heading), ("= ", .masthead), ("> ", .quote), ("- ", .bullet), ("~ ", .meta),
        ]
        for (marker, kind) in markers where body.hasPrefix(marker) {
            return (kind, body.dropFirst(marker.count))
        }
        return (.paragraph, body)
    }

    // MARK: - Inline markup

    /// The cells of a line's text, links resolved, and the link targets by index.
    private func inline(_ text: Substring) -> ([Cell], [String]) {
        var cells: [Cell] = []
        var links: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\\", next < text.endIndex, TerminalMarkup.escapable.contains(text[next]) {
                cells.append(Cell(text[next]))
                index = text.index(after: next)
                continue
            }
            if character == "[", let link = parseLink(text, at: index) {
                let number = links.count
                links.append(link.url)
                cells += Cell.cells(Self.unescape(link.label), link: number)
                if !hyperlinksActive {
                    cells += Cell.cells(" <\(link.url)>")
                }
                index = link.end
                continue
            }
            cells.append(Cell(character))
            index = next
        }
        return (cells, links)
    }

    /// `[label](url)` starting at `start`, or `nil` when the brackets are not a link.
    private func parseLink(
        _ text: Substring, at start: Substring.Index
    ) -> (label: Substring, url: String, end: Substring.Index)? {
        var index = text.index(after: start)
        var closing: Substring.Index?
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(after: index)
                if index < text.endIndex {
                    index = text.index(after: index)
                }
                continue
            }
            if character == "]" {
                closing = index
                break
            }
            index = text.index(after: index)
        }
        guard let closing else { return nil }
        let open = text.index(after: closing)
        guard open < text.endIndex, text[open] == "(" else { return nil }
        let urlStart = text.index(after: open)
        guard let close = text[urlStart...].firstIndex(of: ")") else { return nil }
        let url = text[urlStart..<close].trimmingCharacters(in: .whitespaces)
        guard !url.isEmpty else { return nil }
        return (text[text.index(after: start)..<closing], url, text.index(after: close))
    }

    private static func unescape(_ text: Substring) -> String {
        var output = ""
        var escaped = false
        for character in text {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            if escaped, !TerminalMarkup.escapable.contains(character) {
                output.append("\\")
            }
            escaped = false
            output.append(character)
        }
        return output
    }

    // MARK: - Output

    private var hyperlinksActive: Bool { options.color && options.hyperlinks }

    private var accentSGR: String { "38;2;\(accent.red);\(accent.green);\(accent.blue)" }

    private func sgr(for kind: Kind) -> String {
        switch kind {
        case .masthead, .heading: "1;" + accentSGR
        case .headline: "1"
        case .quote: "3"
        case .meta: "2"
        case .bullet, .paragraph, .rule: ""
        }
    }

    private func rule(sgr: String) -> String {
        let line = String(repeating: Self.ruleCharacter, count: options.width)
        guard options.color else { return line }
        return "\(Self.escapeByte)[\(sgr)m\(line)\(Self.escapeByte)[0m"
    }

    private func render(_ cells: [Cell], kind: Kind, links: [String]) -> String {
        guard options.color else {
            return String(cells.map(\.character))
        }
        let esc = Self.escapeByte
        let style = sgr(for: kind)
        var output = ""
        var styled = false
        var index = cells.startIndex
        while index < cells.endIndex {
            let first = cells[index]
            var end = cells.index(after: index)
            while end < cells.endIndex, cells[end].isPrefix == first.isPrefix, cells[end].link == first.link {
                end = cells.index(after: end)
            }
            let text = String(cells[index..<end].map(\.character))
            if first.isPrefix {
                if kind == .quote {
                    output += "\(esc)[0;\(accentSGR)m\(text)\(esc)[0m"
                } else {
                    output += text
                }
            } else {
                if !style.isEmpty {
                    output += "\(esc)[0;\(style)m"
                    styled = true
                }
                if let link = first.link, links.indices.contains(link) {
                    styled = true
                    output += "\(esc)[4m"
                    if options.hyperlinks {
                        output += "\(esc)]8;;\(Self.oscSafe(links[link]))\(esc)\\\(text)\(esc)]8;;\(esc)\\"
                    } else {
                        output += text
                    }
                    output += "\(esc)[24m"
                } else {
                    output += text
                }
            }
            index = end
        }
        if styled {
            output += "\(esc)[0m"
        }
        return output
    }

    /// OSC 8 wants a URI of printable ASCII: anything else is percent-encoded, so no byte can end the sequence.
    private static func oscSafe(_ url: String) -> String {
        var output = ""
        for byte in url.utf8 {
            if byte > 0x20, byte < 0x7F {
                output.append(Character(Unicode.Scalar(byte)))
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
