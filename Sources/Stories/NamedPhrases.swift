/// The names a text mentions: runs of capitalised words ("North Korea", "Lee Jae Myung",
/// "Bank of Japan", "KOSPI"), found without a dictionary, so they work for any outlet and any
/// week's new names.
///
/// News puts who and where in capitals and what happened in lower case; two reports of one event
/// share both, two events on one topic share mostly the names. A word that merely starts a
/// sentence ("Residents said…") is a name only when it is also written with a capital inside a
/// sentence, in this text or, more often than in lower case, across the batch (`usage`).
struct NamedPhrases {
    /// Lower-cased words that never start a name even when capitalised ("The", "After").
    let isFunctionWord: (String) -> Bool
    /// How a batch of texts writes each lower-cased word: with a capital inside a sentence, and
    /// in lower case. Empty: only the text at hand decides.
    var usage: [String: (capitalised: Int, lower: Int)] = [:]

    /// Counts how `texts` write each word, for `usage`.
    static func usage(in texts: [String]) -> [String: (capitalised: Int, lower: Int)] {
        var usage: [String: (capitalised: Int, lower: Int)] = [:]
        for text in texts {
            for word in words(of: text) where !word.startsSentence {
                let key = word.text.lowercased()
                if word.isCapitalised {
                    usage[key, default: (0, 0)].capitalised += 1
                } else {
                    usage[key, default: (0, 0)].lower += 1
                }
            }
        }
        return usage
    }

    /// The names in `text`, lower-cased, possessives dropped, each once, in order of first
    /// appearance; every word of a name of several words is listed too, so "Lee" meets
    /// "Lee Jae Myung".
    func names(in text: String) -> [String] {
        let words = Self.words(of: text)
        var capitalisedInside: Set<String> = []
        for word in words where word.isCapitalised && !word.startsSentence {
            capitalisedInside.insert(word.text.lowercased())
        }
        var names: [String] = []
        var seen: Set<String> = []
        func add(_ name: String) {
            if seen.insert(name).inserted { names.append(name) }
        }
        var run: [Word] = []
        func closeRun() {
            defer { run.removeAll(keepingCapacity: true) }
            // Function words at the edges ("The", "In", a trailing "of") are not part of the name.
            while let first = run.first, isFunctionWord(first.text.lowercased()) { run.removeFirst() }
            while let last = run.last, isFunctionWord(last.text.lowercased()) { run.removeLast() }
            guard let first = run.first else { return }
            if run.count == 1, first.startsSentence {
                let lower = first.text.lowercased()
                let counts = usage[lower] ?? (0, 0)
                let nameAcrossBatch = counts.capitalised > 0 && counts.capitalised >= counts.lower
                guard capitalisedInside.contains(lower) || nameAcrossBatch else { return }
            }
            let parts = run.map { $0.text.lowercased() }
            add(parts.joined(separator: " "))
            if parts.count > 1 {
                for (part, word) in zip(parts, run) where !isFunctionWord(part) && word.isCapitalised {
                    add(part)
                }
            }
        }
        for word in words {
            if word.isCapitalised && !(run.isEmpty == false && word.startsSentence) {
                run.append(word)
            } else if word.isCapitalised {
                closeRun()
                run.append(word)
            } else if !run.isEmpty, word.text == "of" || word.text == "de", !word.endsClause {
                // "Bank of Japan": a connector joins two capitalised words.
                run.append(word)
            } else {
                closeRun()
            }
            if word.endsClause { closeRun() }
        }
        closeRun()
        return names
    }

    struct Word {
        var text: Substring
        var isCapitalised: Bool
        /// First word of the text or of a sentence (after `.`, `!`, `?`, `:` or a quote opening one).
        var startsSentence: Bool
        /// Followed by punctuation that ends a name (a comma, a full stop, a colon, a dash).
        var endsClause: Bool
    }

    /// The words of `text` with what the names need to know of each. Apostrophes stay inside a
    /// word ("Kim's" becomes "Kim", dropping the possessive), hyphens join ("Xi-Trump").
    ///
    /// Works on Unicode scalars, with ASCII answered without a property lookup: this runs over
    /// every headline and lede of the week.
    static func words(of text: String) -> [Word] {
        let scalars = Array(text.unicodeScalars)
        @inline(__always) func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
            case 0..<0x80: false
            default: scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
        }
        @inline(__always) func isLetterScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A: true
            case 0..<0x80: false
            default: scalar.properties.isAlphabetic
            }
        }
        @inline(__always) func isUpper(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x41...0x5A: true
            case 0..<0x80: false
            default: scalar.properties.isUppercase
            }
        }
        var words: [Word] = []
        var index = 0
        var sentenceStart = true
        let end = scalars.count
        while index < end {
            // Skip to the next letter or digit, noting punctuation that ends a sentence.
            while index < end, !isWordScalar(scalars[index]) {
                switch scalars[index] {
                case ".", "!", "?", ":", "\n", "|", "—", "–": sentenceStart = true
                default: break
                }
                index += 1
            }
            guard index < end else { break }
            let start = index
            var wordEnd = index
            while wordEnd < end {
                let scalar = scalars[wordEnd]
                if isWordScalar(scalar) {
                    wordEnd += 1
                } else if scalar == "'" || scalar == "’" || scalar == "-" || scalar == "." {
                    // Inside a word only between letters: "Kim's", "Xi-Trump", "U.S.".
                    guard wordEnd + 1 < end, isLetterScalar(scalars[wordEnd + 1]) else { break }
                    wordEnd += 1
                } else {
                    break
                }
            }
            var last = wordEnd
            // Drop a possessive: "Kim's", "Kim’s".
            if last - start > 2, scalars[last - 1] == "s" || scalars[last - 1] == "S",
                scalars[last - 2] == "'" || scalars[last - 2] == "’"
            {
                last -= 2
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<last])
            var endsClause = false
            if wordEnd < end {
                switch scalars[wordEnd] {
                case ",", ".", ":", ";", "!", "?", "(", ")", "\"": endsClause = true
                default: break
                }
            }
            words.append(
                Word(
                    text: Substring(String(view)), isCapitalised: isUpper(scalars[start]),
                    startsSentence: sentenceStart, endsClause: endsClause))
            sentenceStart = false
            index = wordEnd
        }
        return words
    }
}
