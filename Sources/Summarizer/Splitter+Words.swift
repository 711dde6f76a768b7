import Foundation

/// What the splitter reads around a candidate boundary: numbers, times, the next word.
extension Splitter {
    /// `N°`, `Nº`: "number", like `No.`
    func isNumeroSign(_ range: Range<Int>) -> Bool {
        range.count == 3 && bytes[range.lowerBound] | 0x20 == 0x6E && bytes[range.lowerBound + 1] == 0xC2
            && (bytes[range.lowerBound + 2] == 0xB0 || bytes[range.lowerBound + 2] == 0xBA)
    }

    /// Whether a sentence ends after `a.m.` or `p.m.` before `next`. A time goes on into a time
    /// zone, a weekday or a date (`9 a.m. ET`, `3 p.m. Friday`, `8 p.m. Beijing time`), and a
    /// phrase that only names a time (`At 7 p.m.`, `SEOUL - Shortly after 9 a.m.`) is no sentence:
    /// it goes on into its clause, names and titles included. After a clause, a capitalised word
    /// starts the next sentence: nothing else can follow the time there.
    func endsAfterTime(_ next: NextWord, sentenceStart: Int, timeStart: Int) -> Bool {
        if caseless { return isCommonStart(next) && !isTimePhrase(from: sentenceStart, to: timeStart) }
        guard next.startsUpper else { return false }
        if SentenceSegmenter.wordsAfterTimes.contains(lowercasing: bytes, next.word) { return false }
        if namesLocalTime(from: next.word.lowerBound) { return false }
        return !isTimePhrase(from: sentenceStart, to: timeStart)
    }

    /// Whether up to three capitalised words from `index` are followed by `time`: `Hong Kong time`.
    func namesLocalTime(from index: Int) -> Bool {
        var index = index
        for _ in 0..<4 {
            guard index < end else { return false }
            var wordEnd = index
            while wordEnd < end, scalar(at: wordEnd).0.isAlphabetic { wordEnd += scalar(at: wordEnd).1 }
            guard wordEnd > index else { return false }
            if wordEnd - index == 4, matchesLowercased("time", at: index) { return true }
            guard scalar(at: index).0.isUpper else { return false }
            index = wordEnd
            while index < end, isSpace(index) { index += scalar(at: index).1 }
        }
        return false
    }

    /// Whether the ASCII letters at `index` spell lower-case `word` in any case.
    func matchesLowercased(_ word: StaticString, at index: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { return false }
        for offset in 0..<count where bytes[index + offset] | 0x20 != word.utf8Start[offset] { return false }
        return true
    }

    /// Whether the words from `from` (or from the last dash or colon of a dateline or heading)
    /// to `to` only name a time: numbers, prepositions, days, parts of the day.
    func isTimePhrase(from: Int, to: Int) -> Bool {
        var wordEnd = skipSpaces(back: to)
        var words = 0
        // The earliest word seen: the phrase must open with a preposition or an adverb of time
        // (`10:38 a.m.` after a label's colon is a value, not an opening).
        var opening = 0..<0
        while wordEnd > from {
            var wordStart = wordEnd
            while wordStart > from, !isSpace(scalarStart(before: wordStart)) {
                wordStart = scalarStart(before: wordStart)
            }
            // A dash standing alone or a colon closing a word ends a dateline or a heading.
            let isDash =
                bytes[wordStart..<wordEnd].allSatisfy({ $0 == 0x2D })
                || (wordEnd - wordStart == 3 && bytes[wordStart] == 0xE2 && bytes[wordStart + 1] == 0x80
                    && (bytes[wordStart + 2] == 0x93 || bytes[wordStart + 2] == 0x94))
            if isDash || bytes[wordEnd - 1] == 0x3A { break }
            var letters = wordStart
            while letters < wordEnd, SentenceSegmenter.isOpener(scalar(at: letters).0) {
                letters += scalar(at: letters).1
            }
            var lettersEnd = wordEnd
            while lettersEnd > letters, bytes[lettersEnd - 1] == 0x2C { lettersEnd -= 1 }
            let isNumber =
                lettersEnd > letters
                && bytes[letters..<lettersEnd].allSatisfy { $0 &- 0x30 < 10 || $0 == 0x2E || $0 == 0x3A }
            guard isNumber || SentenceSegmenter.timePhraseWords.contains(lowercasing: bytes, letters..<lettersEnd)
            else { return false }
            words += 1
            guard words <= 8 else { return false }
            opening = letters..<lettersEnd
            wordEnd = skipSpaces(back: wordStart)
        }
        return words > 0 && SentenceSegmenter.timePhraseOpenings.contains(lowercasing: bytes, opening)
    }

    /// Whether the word before the one at `wordStart`, in the same sentence, starts lower-case.
    func previousWordStartsLower(before wordStart: Int, sentenceStart: Int) -> Bool {
        let previousEnd = skipSpaces(back: wordStart)
        guard previousEnd > sentenceStart, previousEnd < wordStart else { return false }
        var previousStart = previousEnd
        while previousStart > sentenceStart, !isSpace(scalarStart(before: previousStart)) {
            previousStart = scalarStart(before: previousStart)
        }
        while previousStart < previousEnd, SentenceSegmenter.isOpener(scalar(at: previousStart).0) {
            previousStart += scalar(at: previousStart).1
        }
        return previousStart < previousEnd && scalar(at: previousStart).0.isLower
    }

    func skipSpaces(back index: Int) -> Int {
        var index = index
        while index > start, isSpace(scalarStart(before: index)) { index = scalarStart(before: index) }
        return index
    }

    /// The word after a candidate boundary, past spaces, opening quotes and brackets.
    func nextWord(from index: Int) -> NextWord {
        var word = NextWord()
        var index = index
        while index < end, isSpace(index) { index += scalar(at: index).1 }
        guard index < end else { return word }
        word.exists = true
        // Openers, including the tokenised `` and -lrb-.
        while index < end {
            let (scalar, size) = scalar(at: index)
            if matches("-lrb-", at: index) {
                word.startsOpener = true
                index += 5
            } else if SentenceSegmenter.isOpener(scalar) || scalar == "`" || scalar == "-" {
                word.startsOpener = true
                index += size
            } else if scalar == " ", word.startsOpener {
                index += 1
            } else {
                break
            }
        }
        guard index < end else { return word }
        let first = scalar(at: index).0
        word.startsUpper = first.isUpper
        word.startsLower = first.isLower
        word.startsDigit =
            first.value < 0x80 ? (0x30...0x39).contains(first.value) : first.properties.numericType != nil
        var wordEnd = index
        while wordEnd < end {
            let (scalar, size) = scalar(at: wordEnd)
            guard scalar.isAlphabetic || scalar == "'" else { break }
            wordEnd += size
        }
        word.word = index..<wordEnd
        // "eBay", "iPhone": a lower-case start with capitals inside is a name.
        if word.startsLower, containsUpper(index, wordEnd) {
            word.startsLower = false
            word.startsUpper = true
        }
        var second = wordEnd
        while second < end, isSpace(second) { second += scalar(at: second).1 }
        var secondEnd = second
        while secondEnd < end {
            let (scalar, size) = scalar(at: secondEnd)
            guard scalar.isAlphabetic else { break }
            secondEnd += size
        }
        word.following = second..<secondEnd
        return word
    }

    func containsUpper(_ from: Int, _ to: Int) -> Bool {
        var index = from
        while index < to {
            let (scalar, size) = scalar(at: index)
            if scalar.isUpper { return true }
            index += size
        }
        return false
    }

    /// A word that often opens a sentence, so a new one starts here after an abbreviation.
    func isCommonStart(_ next: NextWord) -> Bool {
        SentenceSegmenter.sentenceStarters.contains(lowercasing: bytes, next.word)
            || (next.startsUpper
                && SentenceSegmenter.capitalisedSentenceStarters.contains(lowercasing: bytes, next.word))
    }

    /// `he said`, `asked`: the attribution of quoted speech.
    func isAttribution(_ next: NextWord) -> Bool {
        SentenceSegmenter.reportingVerbs.contains(lowercasing: bytes, next.word)
            || (SentenceSegmenter.pronouns.contains(lowercasing: bytes, next.word)
                && SentenceSegmenter.reportingVerbs.contains(lowercasing: bytes, next.following))
    }
}
