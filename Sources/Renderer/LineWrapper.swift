/// One grapheme cluster on a line being laid out, with its display width and the link it belongs to.
struct Cell {
    var character: Character
    var width: Int
    /// Index into the line's link table, for link text (underlined, OSC 8).
    var link: Int?
    /// Part of the line's marker or indent (`• `, `│ `), not of its text.
    var isPrefix: Bool

    init(_ character: Character, link: Int? = nil, isPrefix: Bool = false) {
        self.character = character
        self.width = DisplayWidth.of(character)
        self.link = link
        self.isPrefix = isPrefix
    }

    static func cells(_ text: some StringProtocol, link: Int? = nil, isPrefix: Bool = false) -> [Cell] {
        text.map { Cell($0, link: link, isPrefix: isPrefix) }
    }
}

/// Greedy line breaking by display width.
///
/// Breaks at spaces, and between CJK characters (which have no spaces), keeping closing punctuation such as `、。」`
/// off the start of a line and opening brackets off its end. A word longer than a line is split by grapheme, but a
/// URL never is: it stands alone on its own line, unindented, even if that line is wider than the width, because a
/// split URL stops working when it is copied or clicked (a terminal wraps the long line softly, keeping it one).
struct LineWrapper {
    /// Columns per line.
    var width: Int

    private struct Unit {
        var cells: [Cell] = []
        var width = 0
        /// A space separated it from the unit before (else the break, if any, adds nothing).
        var spaceBefore: Bool
        var spaceLink: Int?

        var isURL: Bool {
            let text = String(cells.map(\.character))
            return text.contains("://") || text.hasPrefix("mailto:") || text.hasPrefix("<mailto:")
                || text.hasPrefix("www.")
        }

        mutating func append(_ cell: Cell) {
            cells.append(cell)
            width += cell.width
        }
    }

    /// Lays `content` out after `firstPrefix` on the first line and `continuationPrefix` on the others (a hanging
    /// indent). Trailing spaces are dropped; an empty content gives one line holding the trimmed first prefix.
    func wrap(_ content: [Cell], firstPrefix: [Cell] = [], continuationPrefix: [Cell] = []) -> [[Cell]] {
        // A prefix that leaves no room for a wide character is dropped rather than overflowing the width.
        let first = Self.width(of: firstPrefix) <= width - 2 ? firstPrefix : []
        let rest = Self.width(of: continuationPrefix) <= width - 2 ? continuationPrefix : []

        var lines: [[Cell]] = []
        var line = first
        var lineWidth = Self.width(of: first)
        var hasContent = false

        func flush() {
            lines.append(Self.trimmed(line))
            line = rest
            lineWidth = Self.width(of: rest)
            hasContent = false
        }
        func place(_ unit: Unit, separated: Bool) {
            if separated {
                let link = line.last?.link == unit.cells.first?.link ? unit.spaceLink : nil
                line.append(Cell(" ", link: link))
                lineWidth += 1
            }
            line.append(contentsOf: unit.cells)
            lineWidth += unit.width
            hasContent = true
        }

        for unit in units(of: content) {
            let separated = hasContent && unit.spaceBefore
            if lineWidth + (separated ? 1 : 0) + unit.width <= width {
                place(unit, separated: separated)
                continue
            }
            if hasContent {
                flush()
                if lineWidth + unit.width <= width {
                    place(unit, separated: false)
                    continue
                }
            }
            if unit.isURL {
                // Alone on its own line, unindented, so it can be copied whole.
                if line.contains(where: { $0.character != " " }) {
                    flush()
                }
                lines.append(unit.cells)
                line = rest
                lineWidth = Self.width(of: rest)
                hasContent = false
                continue
            }
            for cell in unit.cells {
                if lineWidth + cell.width > width, hasContent {
                    flush()
                }
                line.append(cell)
                lineWidth += cell.width
                hasContent = true
            }
        }
        if hasContent || lines.isEmpty {
            lines.append(Self.trimmed(line))
        }
        return lines
    }

    /// Splits content into unbreakable units: words between spaces, and single CJK characters within a run.
    private func units(of content: [Cell]) -> [Unit] {
        var units: [Unit] = []
        var current: Unit?
        var sawSpace = false
        var spaceLink: Int?
        for cell in content {
            if cell.character == " " || cell.character == "\t" {
                if let unit = current {
                    units.append(unit)
                }
                current = nil
                sawSpace = true
                spaceLink = cell.link
                continue
            }
            if let previous = current?.cells.last {
                let canBreak =
                    (Self.breaksAnywhere(cell) || Self.breaksAnywhere(previous))
                    && !Kinsoku.noBreakBefore.contains(cell.character)
                    && !Kinsoku.noBreakAfter.contains(previous.character)
                if canBreak, let unit = current {
                    units.append(unit)
                    var next = Unit(spaceBefore: false)
                    next.append(cell)
                    current = next
                } else {
                    // In place: a copy of the unit per character made a long word quadratic.
                    current?.append(cell)
                }
            } else {
                var next = Unit(spaceBefore: sawSpace, spaceLink: spaceLink)
                next.append(cell)
                current = next
            }
            sawSpace = false
        }
        if let unit = current {
            units.append(unit)
        }
        return Self.gluingFootnoteMarks(units)
    }

    /// A footnote mark (`[3]`) never starts a line on its own: it is glued to the word before it.
    private static func gluingFootnoteMarks(_ units: [Unit]) -> [Unit] {
        var glued: [Unit] = []
        for unit in units {
            let text = unit.cells.map(\.character)
            let isMark =
                text.count >= 3 && text.first == "[" && text.last == "]"
                && text.dropFirst().dropLast().allSatisfy(\.isASCIIDigit)
            if isMark, unit.spaceBefore, var previous = glued.popLast() {
                previous.append(Cell(" ", link: unit.spaceLink))
                for cell in unit.cells {
                    previous.append(cell)
                }
                glued.append(previous)
            } else {
                glued.append(unit)
            }
        }
        return glued
    }

    /// CJK ideographs, kana and fullwidth forms may break between any two characters; Hangul, which puts spaces
    /// between words, breaks at the spaces like Latin text.
    private static func breaksAnywhere(_ cell: Cell) -> Bool {
        guard cell.width == 2, let first = cell.character.unicodeScalars.first else { return false }
        switch first.value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7FF:
            return false
        default:
            return true
        }
    }

    static func width(of cells: [Cell]) -> Int {
        cells.reduce(0) { $0 + $1.width }
    }

    private static func trimmed(_ cells: [Cell]) -> [Cell] {
        var cells = cells
        while cells.last?.character == " " {
            cells.removeLast()
        }
        return cells
    }
}

/// Japanese line-breaking rules (kinsoku shori), the common subset.
enum Kinsoku {
    /// Characters that may not start a line.
    static let noBreakBefore: Set<Character> = Set("、。，．・：；？！ー）」』】〕〉》”’ゝゞヽヾ々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.:;!?)]}%")
    /// Characters that may not end a line.
    static let noBreakAfter: Set<Character> = Set("（「『【〔〈《“‘([{")
}
