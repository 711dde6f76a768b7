import Foundation

/// The copy desk's reading of crossheads and of single characters.
extension CopyDesk {
    // MARK: - Crossheads

    /// Where the sentence starts after a crosshead in capitals that opens `scalars` (`STAKES RUN
    /// HIGH The surge…`, `WHAT IS THE IMPACT? The 10-year…`, `'NOTHING LIKE THIS' But…`), or
    /// `nil` when there is none.
    ///
    /// A crosshead is two words in capitals or more (two of four letters, or three and nine
    /// letters in all: not `US FDA Commissioner`), followed by a word that opens a sentence
    /// (capital then lower case). A last initial or dotted abbreviation belongs to the sentence
    /// (`… ADVISER U.S. President…`, `… INTELLIGENCE A Fourier robot…`).
    static func crossheadEnd(in scalars: [Unicode.Scalar]) -> Int? {
        var words: [(start: Int, letters: Int, dotted: Bool)] = []
        var index = 0
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        var sentenceStart: Int?
        while index < scalars.count, words.count <= 16 {
            let start = index
            var letters = 0
            var lower = false
            var other = false
            while index < scalars.count, !scalars[index].properties.isWhitespace {
                let scalar = scalars[index]
                if isLower(scalar) {
                    lower = true
                } else if isUpper(scalar) {
                    letters += 1
                } else if isLetter(scalar) {
                    other = true
                }
                index += 1
            }
            if lower || other {
                var first = start
                while first < index, isOpeningQuote(scalars[first]) || scalars[first] == "(" { first += 1 }
                if opensSentence(scalars, at: first) {
                    sentenceStart = start
                } else if let last = words.last, last.letters == 1,
                    scalars[last.start] == "A" || scalars[last.start] == "I",
                    isLower(scalars[first])
                {
                    // `… A man was…`: the article opens the sentence.
                    sentenceStart = last.start
                    words.removeLast()
                }
                break
            }
            if letters > 0 {
                // `U.S.`, `U.K.`: capitals and at least two stops.
                let token = scalars[start..<index]
                let dotted = token.allSatisfy { isUpper($0) || $0 == "." } && token.filter { $0 == "." }.count >= 2
                words.append((start, letters, dotted))
            }
            // (Any white space, an ideographic one too, or the loop would stand still.)
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        }
        guard var start = sentenceStart else { return nil }
        if let last = words.last, words.count > 1, last.letters == 1 || last.dotted, start != last.start {
            start = last.start
            words.removeLast()
        }
        return isHeading(letters: words.map(\.letters)) ? start : nil
    }

    /// Whether words in capitals with these many letters each make a heading: three words and
    /// nine letters (`EYES ON YEN`), or two words of four letters or more (`SOLAR SAVE`), not
    /// `US FDA` or `IMF`.
    static func isHeading(letters: [Int]) -> Bool {
        let total = letters.reduce(0, +)
        let long = letters.filter { $0 >= 4 }.count
        return (letters.count >= 3 && total >= 9) || (letters.count >= 2 && long >= 2 && total >= 8)
    }

    /// Whether `scalars` is a crosshead alone, as on its own line: words in capitals only
    /// (`WHY HAVE PRICES RISEN?`, `MIND THE TAX GAP`), no lower-case letter.
    static func isCrosshead(_ scalars: [Unicode.Scalar]) -> Bool {
        var words: [Int] = []
        var run = 0
        for scalar in scalars {
            if isLower(scalar) || (isLetter(scalar) && !isUpper(scalar)) { return false }
            if isUpper(scalar) {
                run += 1
            } else if scalar.properties.isWhitespace, run > 0 {
                words.append(run)
                run = 0
            }
        }
        if run > 0 { words.append(run) }
        return isHeading(letters: words)
    }

    // MARK: - Scalars

    var languageCode: String {
        guard let language else { return "" }
        return String(language.lowercased().prefix { $0.isLetter })
    }

    @inline(__always)
    static func isHorizontalSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\u{A0}", "\u{2009}", "\u{202F}", "\u{2007}", "\u{200A}", "\u{2002}", "\u{2003}": true
        default: false
        }
    }

    @inline(__always)
    static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    @inline(__always)
    static func isLower(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar.value | 0x20) &- 0x61 < 26 : scalar.properties.isAlphabetic
    }

    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) }

    /// A letter, a figure or something that closes a word (`)`, `%`, a closing quote): a space
    /// between it and the punctuation after it is stray.
    static func isWordEnd(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || isDigit(scalar) || isCloser(scalar) || scalar == "%" || scalar == "\u{2019}"
    }

    /// Closing quotes and brackets.
    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "\u{201D}", "\u{2019}", ")", "]", "}", "\u{BB}", "\u{300D}", "\u{300F}", "\u{FF09}", "\u{3011}":
            true
        default: false
        }
    }

    static func isOpeningQuote(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "'" || scalar == "\u{201C}" || scalar == "\u{2018}" || scalar == "\u{AB}"
    }
}
