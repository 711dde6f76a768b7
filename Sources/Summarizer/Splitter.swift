/// Splits one paragraph, held as UTF-8 bytes, into sentences: the working part of
/// `SentenceSegmenter`. Bytes keep it fast; the few decisions that need a character decode it.
struct Splitter {
    let bytes: [UInt8]
    let start: Int
    let end: Int
    let caseless: Bool
    let maximumLength: Int
    /// Whether an inline list item follows `end` in the same paragraph.
    var endsBeforeListItem = false

    // MARK: - Decoding

    /// The scalar starting at byte `index` (< `end`) and its length in bytes.
    @inline(__always)
    func scalar(at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        var length = 1
        var value: UInt32
        if lead >= 0xF0 {
            length = 4
            value = UInt32(lead & 0x07)
        } else if lead >= 0xE0 {
            length = 3
            value = UInt32(lead & 0x0F)
        } else if lead >= 0xC0 {
            length = 2
            value = UInt32(lead & 0x1F)
        } else {
            return ("\u{FFFD}", 1)
        }
        guard index + length <= end else { return ("\u{FFFD}", 1) }
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The start of the scalar that ends just before byte `index` (> `start`).
    @inline(__always)
    func scalarStart(before index: Int) -> Int {
        var position = index - 1
        while position > start, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        return position
    }

    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    /// Whether the bytes at `index` spell `word` (ASCII).
    func matches(_ word: StaticString, at index: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    @inline(__always)
    func isSpace(_ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C }
        return scalar(at: index).0.isSpace
    }

    // MARK: - Splitting

    func split(into sentences: inout [String]) {
        var sentenceStart = start
        var lastSentence: (start: Int, index: Int)?
        var index = start
        while index < end {
            index = SentenceSegmenter.skipPlainASCII(in: bytes, from: index, to: end, avoiding: 0x2E, 0x21, 0x3F)
            guard index < end else { break }
            let byte = bytes[index]
            let isStop: Bool
            var length = 1
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                isStop = true
            } else if byte >= 0xE2 {
                let (scalar, size) = scalar(at: index)
                length = size
                isStop = SentenceSegmenter.isTerminator(scalar)
            } else {
                isStop = false
            }
            guard isStop else {
                index += byte < 0x80 ? 1 : max(length, scalar(at: index).1)
                continue
            }
            // Take the whole run of terminators ("?!", "...") and closing quotes or brackets.
            var runEnd = index + length
            while runEnd < end {
                let (next, size) = scalar(at: runEnd)
                guard SentenceSegmenter.isTerminator(next) || SentenceSegmenter.isCloser(next) else { break }
                runEnd += size
            }
            let tokenised = index > start && isSpace(scalarStart(before: index))
            if tokenised { runEnd = extendTokenisedClosers(from: runEnd, sentenceStart: sentenceStart) }
            if isBoundary(stop: index, runEnd: runEnd, tokenised: tokenised, sentenceStart: sentenceStart) {
                let count = sentences.count
                emit(sentenceStart, runEnd, into: &sentences)
                if sentences.count == count + 1 { lastSentence = (sentenceStart, count) }
                sentenceStart = runEnd
            }
            index = runEnd
        }
        // A closing quote or bracket left over before a list item (`… situation . ' • For help`)
        // belongs to the sentence before it.
        if endsBeforeListItem, let last = lastSentence, last.index == sentences.count - 1,
            onlyClosers(sentenceStart, end)
        {
            sentences.removeLast()
            emit(last.start, end, into: &sentences)
            return
        }
        emit(sentenceStart, end, into: &sentences)
    }

    /// Whether `from..<to` holds nothing but spaces and opening quotes or brackets.
    func onlyOpeners(_ from: Int, _ to: Int) -> Bool {
        var index = from
        while index < to {
            let (scalar, size) = scalar(at: index)
            guard scalar.isSpace || SentenceSegmenter.isOpener(scalar) else { return false }
            index += size
        }
        return true
    }

    /// Whether `from..<to` holds closing quotes or brackets, and spaces, and at least one of them.
    func onlyClosers(_ from: Int, _ to: Int) -> Bool {
        var index = from
        var found = false
        while index < to {
            let (scalar, size) = scalar(at: index)
            if SentenceSegmenter.isCloser(scalar) || scalar == "`" {
                found = true
            } else if !scalar.isSpace {
                return false
            }
            index += size
        }
        return found
    }

    func emit(_ from: Int, _ to: Int, into sentences: inout [String]) {
        var from = from
        var to = to
        while from < to, isSpace(from) { from += scalar(at: from).1 }
        while to > from, isSpace(scalarStart(before: to)) { to = scalarStart(before: to) }
        while to - from > maximumLength {
            // No full stop for too long: cut at the last space (anywhere, if there is none).
            var cut = from + maximumLength
            while cut > from + maximumLength / 2, bytes[cut] != 0x20 { cut -= 1 }
            if bytes[cut] != 0x20 {
                cut = from + maximumLength
                while cut > from, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            }
            emit(from, cut, into: &sentences)
            from = cut
            while from < to, isSpace(from) { from += scalar(at: from).1 }
        }
        guard to > from else { return }
        sentences.append(string(from, to))
    }

    /// In tokenised text the closing quote or bracket after a stop is a token of its own:
    /// `he said . '' the` keeps `''` with the sentence; `-rrb-` and `)` only close an open bracket.
    func extendTokenisedClosers(from runEnd: Int, sentenceStart: Int) -> Int {
        var position = runEnd
        while position < end, bytes[position] == 0x20 {
            var tokenEnd = position + 1
            while tokenEnd < end, !isSpace(tokenEnd) { tokenEnd += 1 }
            let closes: Bool
            // The token's bytes (no closing token has another spelling that `String` calls equal).
            switch bytes[(position + 1)..<tokenEnd] {
            case [0x27, 0x27], [0xE2, 0x80, 0x9D], [0x22]:  // '' ” "
                closes = true
            case [0x29]:  // )
                closes = hasOpenBracket(sentenceStart, position, open: "(", close: ")")
            case [0x2D, 0x72, 0x72, 0x62, 0x2D]:  // -rrb-
                closes = hasOpenBracket(sentenceStart, position, open: "-lrb-", close: "-rrb-")
            case [0x5D]:  // ]
                closes = hasOpenBracket(sentenceStart, position, open: "[", close: "]")
            case [0x2D, 0x72, 0x73, 0x62, 0x2D]:  // -rsb-
                closes = hasOpenBracket(sentenceStart, position, open: "-lsb-", close: "-rsb-")
            default: closes = false
            }
            guard closes else { break }
            position = tokenEnd
        }
        return position
    }

    /// Whether `from..<to` has more opening brackets than closing ones.
    func hasOpenBracket(_ from: Int, _ to: Int, open: StaticString, close: StaticString) -> Bool {
        if bytes[from..<to].contains(where: { $0 >= 0x80 }) {
            // Characters, not bytes: a combining mark makes a bracket another character.
            let text = string(from, to)
            let open = open.description
            let close = close.description
            return text.split(separator: open, omittingEmptySubsequences: false).count
                > text.split(separator: close, omittingEmptySubsequences: false).count
        }
        // In ASCII every byte is a character (a carriage return never gets this far).
        return occurrences(of: open, in: from..<to) > occurrences(of: close, in: from..<to)
    }

    /// How many times ASCII `word` occurs in `range`, without overlaps, from the left.
    func occurrences(of word: StaticString, in range: Range<Int>) -> Int {
        var count = 0
        var index = range.lowerBound
        let length = word.utf8CodeUnitCount
        while index + length <= range.upperBound {
            var offset = 0
            while offset < length, bytes[index + offset] == word.utf8Start[offset] { offset += 1 }
            if offset == length {
                count += 1
                index += length
            } else {
                index += 1
            }
        }
        return count
    }

    /// Whether the terminator at `stop`, whose run with its closers ends before `runEnd`, ends
    /// the sentence that began at `sentenceStart`.
    ///
    /// After a full stop the decision weighs two things: what the word before it usually
    /// precedes (a title a name, `No.` a number, a time a zone or a weekday, an initial the rest
    /// of a name) and what comes next (lower case goes on; a word that commonly opens a sentence,
    /// such as `The`, `It` or `But`, starts one).
    func isBoundary(stop: Int, runEnd: Int, tokenised: Bool, sentenceStart: Int) -> Bool {
        let mark = scalar(at: stop).0
        // CJK full stops end a sentence with or without a following space.
        if SentenceSegmenter.isCJKTerminator(mark) { return true }
        guard runEnd < end else { return true }
        // Never inside a token: 3.5, e-mail.com, U.S.-led, Yahoo!Finance.
        guard isSpace(runEnd) else { return false }
        let next = nextWord(from: runEnd)
        guard next.exists else { return true }

        var dots = 0
        var questionOrExclamation = false
        var ellipsis = false
        var position = stop
        while position < runEnd {
            let (scalar, size) = scalar(at: position)
            switch scalar {
            case ".": dots += 1
            case "?", "!", "\u{203C}", "\u{2049}": questionOrExclamation = true
            case "\u{2026}": ellipsis = true
            default: break
            }
            position += size
        }
        if questionOrExclamation {
            // "Is it over?" he asked. Quoted speech goes on to its attribution.
            if caseless { return !isAttribution(next) }
            return !next.startsLower
        }
        if dots >= 2 || ellipsis {
            // An ellipsis ends the sentence only when a new one visibly starts.
            if caseless { return isCommonStart(next) }
            return next.startsUpper || next.startsOpener
        }
        guard mark == "." else { return true }

        let wordEnd = tokenised ? skipSpaces(back: stop) : stop
        // The word: back to a space, then past its opening quotes or brackets ("Paul's" keeps its ').
        var wordStart = wordEnd
        while wordStart > start, !isSpace(scalarStart(before: wordStart)) { wordStart = scalarStart(before: wordStart) }
        while wordStart < wordEnd, SentenceSegmenter.isOpener(scalar(at: wordStart).0) {
            wordStart += scalar(at: wordStart).1
        }
        guard wordEnd > wordStart else { return true }
        let bare = BareWord(bytes, wordStart..<wordEnd)
        // "1. Buy milk", "• 9. Kyoto", "⁃7. Hue", "ii. Rates rise": a number, letter or roman
        // numeral opening a paragraph or a list item (after its bullet) marks the item.
        if !tokenised, wordEnd - wordStart <= 8 {
            let itemStart = ListMarkers.itemStart(in: bytes, from: start, to: end)
            if wordStart <= itemStart, itemStart < wordEnd {
                let label = BareWord(bytes, itemStart..<wordEnd)
                if (label.count <= 3 && (label.isAllNumbers || label.isSingleLetter)) || label.isRomanNumeral {
                    return false
                }
            }
        }
        let range = wordStart..<wordEnd
        if SentenceSegmenter.titles.contains(lowercasing: bytes, range) { return false }
        if SentenceSegmenter.beforeNumbers.contains(lowercasing: bytes, range) || isNumeroSign(range) {
            return !next.startsDigit && (caseless || next.startsUpper) && isCommonStart(next)
        }
        if SentenceSegmenter.timeAbbreviations.contains(lowercasing: bytes, range) {
            return endsAfterTime(next, sentenceStart: sentenceStart, timeStart: wordStart)
        }
        if SentenceSegmenter.sentenceFinalAbbreviations.contains(lowercasing: bytes, range) {
            return caseless ? isCommonStart(next) : next.startsUpper || next.startsDigit
        }
        // "you and I. Nobody came": after a lower-case word, "I" is the pronoun, not an initial.
        let isPronounI =
            !caseless && bare.count == 1 && bytes[wordStart] == 0x49
            && previousWordStartsLower(before: wordStart, sentenceStart: sentenceStart)
        if (bare.isSingleLetter && !isPronounI) || bare.isDottedAcronym
            || SentenceSegmenter.abbreviations.contains(lowercasing: bytes, range)
        {
            // An initial or an abbreviation alone is no sentence: `Q. Why? A. Because…`.
            // (Tokenised text's lone `.` counts as a dotted word but is no abbreviation.)
            if bytes[range].contains(where: { ($0 | 0x20) &- 0x61 < 26 || $0 >= 0x80 }),
                skipSpaces(back: wordStart) <= sentenceStart || onlyOpeners(sentenceStart, wordStart)
            {
                return false
            }
            return (caseless || next.startsUpper) && isCommonStart(next)
        }
        if next.startsLower { return caseless || tokenised }
        return true
    }
}

/// The word after a candidate boundary: where it is and how it starts.
struct NextWord {
    var exists = false
    var startsUpper = false
    var startsLower = false
    var startsDigit = false
    var startsOpener = false
    /// Its letters (and apostrophes), as bytes of the paragraph; empty if there are none.
    var word = 0..<0
    /// The letters of the word after it.
    var following = 0..<0
}

/// What the boundary rules ask of the word before a full stop, lower-cased.
struct BareWord {
    /// Its length in characters.
    var count: Int
    /// Whether every character is a number.
    var isAllNumbers: Bool
    /// Whether it is one letter.
    var isSingleLetter: Bool
    /// `U.S`, `e.g`: at most eight characters, letters and at least one full stop.
    var isDottedAcronym: Bool
    /// `ii`, `IV`, `xii`: a roman numeral up to 39, in one case.
    var isRomanNumeral: Bool {
        romanValue != nil
    }
    var romanValue: Int?

    init(_ bytes: [UInt8], _ range: Range<Int>) {
        let slice = bytes[range]
        guard slice.allSatisfy({ $0 < 0x80 }) else {
            // Beyond ASCII a character may be several scalars: ask `String`.
            let bare = String(decoding: slice, as: UTF8.self).lowercased()
            count = bare.count
            isAllNumbers = bare.allSatisfy { $0.isNumber }
            isSingleLetter = count == 1 && bare.first?.isLetter == true
            isDottedAcronym = count <= 8 && bare.contains(".") && bare.allSatisfy { $0.isLetter || $0 == "." }
            romanValue = nil
            return
        }
        // In ASCII a character is a byte (a carriage return never gets this far).
        count = slice.count
        var allNumbers = true
        var lettersAndDots = true
        var dot = false
        for byte in slice {
            let isLetter = (byte | 0x20) &- 0x61 < 26
            if byte &- 0x30 >= 10 { allNumbers = false }
            if byte == 0x2E {
                dot = true
            } else if !isLetter {
                lettersAndDots = false
            }
        }
        isAllNumbers = allNumbers
        isSingleLetter = count == 1 && (slice.first.map { ($0 | 0x20) &- 0x61 < 26 } ?? false)
        isDottedAcronym = count <= 8 && dot && lettersAndDots
        romanValue = ListMarkers.romanValue(of: slice)
    }
}
