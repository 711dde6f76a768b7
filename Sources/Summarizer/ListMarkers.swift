/// Inline list items: where, inside one paragraph, a list marker starts a new sentence.
///
/// A list written on one line (`1. Cut subsidies 2. Raise taxes`, `(a) Hold (b) Count`,
/// `• Exports rose • Imports fell`) has a sentence start at each marker. The shapes are a
/// number, a letter or a roman numeral with a full stop, a parenthesis, both (`1.)`) or a pair of
/// parentheses (`(iv)`), and a bullet (`•`, `‣`, `⁃`, `◦`, `▪`, `●`, `■`, or `-`, `–`, `—`,
/// `*` when the paragraph opens with one).
///
/// What makes a marker a list's and not prose's: an enumerator counts — it belongs to a run of
/// markers of one shape numbered one after the other from the first (`1.`, `2.`; `a)`, `b)`),
/// and each item after the first opens with a capital or a figure (`(1) cost, (2) time` is a
/// sentence's own enumeration). A round bullet is a list's wherever it stands; a dash or an
/// asterisk only when the paragraph opens with it (a dash inside prose is punctuation). A
/// letter with a full stop must be lower-case (`J. K. Lee` is initials), and so must a roman
/// numeral with one (`I.` is a pronoun).
enum ListMarkers {
    /// The byte offsets in `from..<to`, after `from`, where a list item starts a sentence.
    static func starts(in bytes: [UInt8], from: Int, to: Int) -> [Int] {
        var candidates: [Candidate] = []
        let opening = openingBullet(in: bytes, from: from, to: to)
        // Dashes inside a dash-bulleted line start items only when nothing else structures it:
        // `- Critic, Paper: Film - The Aviator; actor - Jamie Foxx` pairs labels with values.
        let innerDashes = !bytes[from..<to].contains { $0 == 0x3A || $0 == 0x3B }
        var index = from
        var tokenStart = true
        while index < to {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                tokenStart = true
                index += 1
                continue
            }
            if tokenStart,
                let candidate = candidate(in: bytes, at: index, to: to, opening: opening, innerDashes: innerDashes)
            {
                candidates.append(candidate)
            }
            tokenStart = false
            index += 1
        }
        guard !candidates.isEmpty else { return [] }
        let first = firstNonSpace(in: bytes, from: from, to: to)
        var accepted = Array(repeating: false, count: candidates.count)
        for (position, candidate) in candidates.enumerated() {
            switch candidate.kind {
            case .bullet:
                accepted[position] = candidate.bullet == opening?.bullet || candidate.isRoundBullet
            case .enumerator:
                // Linked to the marker one below it, of the same shape, the run starting at one.
                for (number, system) in candidate.ordinals where number > 1 {
                    guard let previous = chainStart(candidates, before: position, number: number, system: system)
                    else { continue }
                    accepted[position] = accepted[position] || candidate.itemOpensSentence
                    // The run's earlier members start sentences too, each item opening properly.
                    var link: (Int, Int)? = previous
                    while let (member, memberNumber) = link {
                        if candidates[member].itemOpensSentence || candidates[member].start == first {
                            accepted[member] = true
                        }
                        link =
                            memberNumber > 1
                            ? chainStart(candidates, before: member, number: memberNumber, system: system)
                            : nil
                    }
                }
            }
        }
        var result: [Int] = []
        var previousCut = first
        for (position, candidate) in candidates.enumerated()
        where accepted[position] && candidate.start > first && result.last != candidate.start {
            // A number after a bullet (`• 9.`) is the bullet's item: cut once, at the bullet.
            if candidate.kind == .enumerator, let bullet = candidate.bulletBefore,
                candidates.contains(where: { $0.start == bullet })
            {
                continue
            }
            // A closing quote left alone before the marker stays with it rather than stand alone.
            guard
                bytes[previousCut..<candidate.start].contains(where: {
                    $0 &- 0x30 < 10 || ($0 | 0x20) &- 0x61 < 26 || $0 >= 0xC0
                })
            else { continue }
            result.append(candidate.start)
            previousCut = candidate.start
        }
        return result
    }

    /// Where the item of a paragraph that opens with a bullet starts (past the bullet and its
    /// spaces); otherwise the paragraph's first non-space byte.
    static func itemStart(in bytes: [UInt8], from: Int, to: Int) -> Int {
        let first = firstNonSpace(in: bytes, from: from, to: to)
        guard let bullet = bulletLength(in: bytes, at: first, to: to) else { return first }
        var index = first + bullet
        while index < to, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    /// The value of a roman numeral up to 39 (`i`…`xxxix`, in one case), written the usual way.
    static func romanValue(of letters: ArraySlice<UInt8>) -> Int? {
        guard !letters.isEmpty, letters.count <= 6 else { return nil }
        let lower = letters.allSatisfy { $0 == 0x69 || $0 == 0x76 || $0 == 0x78 }
        let upper = letters.allSatisfy { $0 == 0x49 || $0 == 0x56 || $0 == 0x58 }
        guard lower || upper else { return nil }
        var value = 0
        var previous = 0
        for byte in letters.reversed() {
            let digit =
                switch byte | 0x20 {
                case 0x69: 1
                case 0x76: 5
                default: 10
                }
            value += digit < previous ? -digit : digit
            previous = max(previous, digit)
        }
        guard value > 0, value < 40 else { return nil }
        // Only the usual spelling: `iv`, not `iiii`; `ix`, not `viv`.
        let tens = String(repeating: "x", count: value / 10)
        let units = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][value % 10]
        let spelled = Array((tens + units).utf8)
        return letters.elementsEqual(spelled, by: { $0 | 0x20 == $1 }) ? value : nil
    }

    // MARK: - Candidates

    private enum Kind { case enumerator, bullet }

    /// How an enumerator counts, and how it is punctuated.
    private enum System: Equatable {
        case number(Shape)
        case lowerLetter(Shape)
        case upperLetter(Shape)
        case lowerRoman(Shape)
        case upperRoman(Shape)
    }

    /// `1.`, `1)`, `1.)`, `(1)`.
    private enum Shape { case stop, parenthesis, stopParenthesis, parentheses }

    private struct Candidate {
        var start: Int
        var kind: Kind
        /// The bullet's bytes (for a bullet).
        var bullet: [UInt8] = []
        var isRoundBullet = false
        /// What an enumerator counts as: a letter `i` is ninth, or first in roman numerals.
        var ordinals: [(Int, System)] = []
        /// Whether the item opens with a capital or a figure.
        var itemOpensSentence = false
        /// For an enumerator right after a bullet, the bullet's start.
        var bulletBefore: Int?
    }

    /// The marker starting at `index`, at the start of a token, if any.
    private static func candidate(
        in bytes: [UInt8], at index: Int, to: Int, opening: Candidate?, innerDashes: Bool
    ) -> Candidate? {
        let byte = bytes[index]
        if let length = bulletLength(in: bytes, at: index, to: to) {
            let bullet = Array(bytes[index..<(index + length)])
            let isRound = length == 3 && !isDash(bullet)
            // A dash or an asterisk stands alone; a round bullet may touch its item (`⁃9.`).
            let after = index + length
            guard after < to else { return nil }
            let spaced = bytes[after] == 0x20 || bytes[after] == 0x09
            guard spaced || isRound else { return nil }
            guard isRound || (opening?.bullet == bullet && (index == opening?.start || innerDashes)) else {
                return nil
            }
            let item = skipSpaces(in: bytes, from: after, to: to)
            guard item < to else { return nil }
            // Inside prose a dash is followed by lower case; a dash-bulleted item by a capital.
            if !isRound, index != opening?.start, !opensSentence(bytes, at: item, to: to) { return nil }
            return Candidate(start: index, kind: .bullet, bullet: bullet, isRoundBullet: isRound)
        }
        // Enumerators: `(`? label (`.` | `)` | `.)`) then a space; `(` label `)`.
        let isDigit = byte &- 0x30 < 10
        let isLetter = (byte | 0x20) &- 0x61 < 26
        guard isDigit || isLetter || byte == 0x28 else { return nil }
        let parenthesised = byte == 0x28
        let labelStart = parenthesised ? index + 1 : index
        var labelEnd = labelStart
        while labelEnd < to, labelEnd - labelStart <= 6,
            (bytes[labelEnd] | 0x20) &- 0x61 < 26 || bytes[labelEnd] &- 0x30 < 10
        {
            labelEnd += 1
        }
        guard labelEnd > labelStart, labelEnd < to else { return nil }
        var shape: Shape
        var markerEnd: Int
        if parenthesised {
            guard bytes[labelEnd] == 0x29 else { return nil }
            shape = .parentheses
            markerEnd = labelEnd + 1
        } else if bytes[labelEnd] == 0x29 {
            shape = .parenthesis
            markerEnd = labelEnd + 1
        } else if bytes[labelEnd] == 0x2E {
            if labelEnd + 1 < to, bytes[labelEnd + 1] == 0x29 {
                shape = .stopParenthesis
                markerEnd = labelEnd + 2
            } else {
                shape = .stop
                markerEnd = labelEnd + 1
            }
        } else {
            return nil
        }
        guard markerEnd < to, bytes[markerEnd] == 0x20 || bytes[markerEnd] == 0x09 else { return nil }
        let item = skipSpaces(in: bytes, from: markerEnd, to: to)
        guard item < to else { return nil }
        let label = bytes[labelStart..<labelEnd]
        // `No. 1.`, `Vol. 2.`: a number that an abbreviation asks for is no list number.
        if !parenthesised, followsAbbreviationOfNumbers(bytes, at: index) { return nil }
        var ordinals: [(Int, System)] = []
        if label.allSatisfy({ $0 &- 0x30 < 10 }) {
            // One or two figures: a year or a count is no list number.
            guard label.count <= 2, let number = Int(String(decoding: label, as: UTF8.self)), number > 0 else {
                return nil
            }
            ordinals.append((number, .number(shape)))
        } else {
            if label.count == 1 {
                let letter = label.first!
                let isUpper = letter &- 0x41 < 26
                // `J. K. Lee`: a capital with a full stop is an initial.
                if !(isUpper && shape == .stop) {
                    let number = Int((letter | 0x20) - 0x60)
                    ordinals.append((number, isUpper ? .upperLetter(shape) : .lowerLetter(shape)))
                }
            }
            if let value = romanValue(of: label) {
                let isUpper = label.first! &- 0x41 < 26
                // `I.` is a pronoun as often as a numeral.
                if !(isUpper && shape == .stop) {
                    ordinals.append((value, isUpper ? .upperRoman(shape) : .lowerRoman(shape)))
                }
            }
        }
        guard !ordinals.isEmpty else { return nil }
        var candidate = Candidate(start: index, kind: .enumerator)
        candidate.ordinals = ordinals
        candidate.itemOpensSentence = opensSentence(bytes, at: item, to: to)
        // Right after a bullet and its spaces?
        var before = index
        while before > 0, bytes[before - 1] == 0x20 || bytes[before - 1] == 0x09 { before -= 1 }
        var bulletStart = before - 1
        while bulletStart > 0, bytes[bulletStart] & 0xC0 == 0x80 { bulletStart -= 1 }
        if bulletStart >= 0, bulletStart < index, let length = bulletLength(in: bytes, at: bulletStart, to: to),
            bulletStart + length == before
        {
            candidate.bulletBefore = bulletStart
        }
        return candidate
    }

    /// Whether the token before `index` is an abbreviation followed by numbers (`No.`, `pp.`).
    private static func followsAbbreviationOfNumbers(_ bytes: [UInt8], at index: Int) -> Bool {
        var end = index
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end > 1, end < index, bytes[end - 1] == 0x2E else { return false }
        var start = end - 1
        while start > 0, bytes[start - 1] != 0x20, bytes[start - 1] != 0x09 { start -= 1 }
        return SentenceSegmenter.beforeNumbers.contains(lowercasing: bytes, start..<(end - 1))
    }

    /// The latest candidate before `position` numbered `number - 1` in `system`, and that number.
    private static func chainStart(_ candidates: [Candidate], before position: Int, number: Int, system: System)
        -> (Int, Int)?
    {
        var index = position - 1
        while index >= 0 {
            // Each item has one successor: a second `10.` after `9.` and `10.` is prose.
            if candidates[index].kind == .enumerator,
                candidates[index].ordinals.contains(where: { $0.0 == number && $0.1 == system })
            {
                return nil
            }
            if candidates[index].kind == .enumerator,
                candidates[index].ordinals.contains(where: { $0.0 == number - 1 && $0.1 == system })
            {
                // The run must reach back to its first item.
                var link: (Int, Int)? = (index, number - 1)
                while let (member, memberNumber) = link, memberNumber > 1 {
                    link = chainStart(candidates, before: member, number: memberNumber, system: system)
                }
                return link == nil ? nil : (index, number - 1)
            }
            index -= 1
        }
        return nil
    }

    /// The bullet a paragraph opens with, if any.
    private static func openingBullet(in bytes: [UInt8], from: Int, to: Int) -> Candidate? {
        let first = firstNonSpace(in: bytes, from: from, to: to)
        guard first < to, let length = bulletLength(in: bytes, at: first, to: to) else { return nil }
        let bullet = Array(bytes[first..<(first + length)])
        return Candidate(start: first, kind: .bullet, bullet: bullet, isRoundBullet: length == 3 && !isDash(bullet))
    }

    /// The length in bytes of the bullet at `index`: `•` `‣` `⁃` `◦` `▪` `●` `■` `–` `—`, or
    /// `-` and `*` standing alone.
    private static func bulletLength(in bytes: [UInt8], at index: Int, to: Int) -> Int? {
        guard index < to else { return nil }
        let byte = bytes[index]
        if byte == 0x2D || byte == 0x2A {
            // `-` and `*` followed by a space (not `-3.5`, not `**`).
            guard index + 1 < to, bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09 else { return nil }
            return 1
        }
        guard byte == 0xE2, index + 2 < to else { return nil }
        switch (bytes[index + 1], bytes[index + 2]) {
        case (0x80, 0xA2), (0x80, 0xA3), (0x81, 0x83), (0x97, 0xA6), (0x96, 0xAA), (0x97, 0x8F), (0x96, 0xA0):
            return 3
        case (0x80, 0x93), (0x80, 0x94):
            // En and em dashes stand alone, like `-`.
            guard index + 3 < to, bytes[index + 3] == 0x20 || bytes[index + 3] == 0x09 else { return nil }
            return 3
        default:
            return nil
        }
    }

    private static func isDash(_ bullet: [UInt8]) -> Bool {
        bullet == [0xE2, 0x80, 0x93] || bullet == [0xE2, 0x80, 0x94]
    }

    /// Whether the item at `index` opens with a capital or a figure (past opening quotes).
    private static func opensSentence(_ bytes: [UInt8], at index: Int, to: Int) -> Bool {
        var index = index
        while index < to, bytes[index] == 0x22 || bytes[index] == 0x27 || bytes[index] == 0x28 { index += 1 }
        guard index < to else { return false }
        let byte = bytes[index]
        if byte < 0x80 { return byte &- 0x41 < 26 || byte &- 0x30 < 10 }
        let text = String(decoding: bytes[index..<min(to, index + 4)], as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return false }
        return scalar.isUpper || scalar.properties.numericType != nil
            || bulletLength(in: bytes, at: index, to: to) != nil
    }

    private static func firstNonSpace(in bytes: [UInt8], from: Int, to: Int) -> Int {
        skipSpaces(in: bytes, from: from, to: to)
    }

    private static func skipSpaces(in bytes: [UInt8], from: Int, to: Int) -> Int {
        var index = from
        while index < to, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }
}
