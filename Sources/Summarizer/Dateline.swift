/// Finds the dateline that opens a news story: `LONDON (Reuters) - `, `(CNN)`, `nairobi , kenya
/// ( cnn ) `, `-lrb- cnn -rrb- -- `, `WASHINGTON — `, `[SEOUL] `, `SHANGHAI/BEIJING: `,
/// `ZANDVOORT, Netherlands, Aug 21 : `.
enum Dateline {
    /// News agencies and broadcasters that sign datelines.
    static let agencies: Set<String> = [
        "cnn", "reuters", "ap", "afp", "upi", "dpa", "efe", "ani", "pti", "ians", "xinhua", "yonhap", "kyodo",
        "bernama", "antara", "bloomberg", "bbc", "ewn", "aap", "ansa", "tass", "bna", "wam", "cna",
    ]

    /// Where the story proper starts after a dateline at the start of `text`, or `nil` if none.
    static func end(in text: [Unicode.Scalar]) -> Int? {
        end(in: text, string: String(String.UnicodeScalarView(text)))
    }

    /// `end(in:)` for the scalars of `string`, given both ways.
    static func end(in text: [Unicode.Scalar], string: String) -> Int? {
        let string = string.lowercased()
        let scalars = Array(string.unicodeScalars)
        guard scalars.count == text.count else { return nil }
        if let end = agencyDateline(scalars, original: text) { return end }
        if let end = bracketDateline(text) { return end }
        return capitalsDateline(text)
    }

    /// `place (AGENCY) -`, `( cnn )`, `-lrb- cnn -rrb-`: an agency in brackets near the start.
    private static func agencyDateline(_ lower: [Unicode.Scalar], original: [Unicode.Scalar]) -> Int? {
        let limit = min(lower.count, 90)
        var index = 0
        while index < limit {
            var openEnd: Int?
            if lower[index] == "(" {
                openEnd = index + 1
            } else if matches(lower, at: index, "-lrb-") {
                openEnd = index + 5
            }
            guard let afterOpen = openEnd else {
                index += 1
                continue
            }
            // The place before the bracket: a few words, no sentence in it.
            let place = String(String.UnicodeScalarView(original[0..<index]))
            guard place.split(separator: " ").filter({ $0 != "," }).count <= 6,
                !place.contains(where: { ".!?\"".contains($0) && $0 != "." })
            else { return nil }
            var close = afterOpen
            while close < lower.count, lower[close] != ")", !matches(lower, at: close, "-rrb-") { close += 1 }
            guard close < lower.count, close - afterOpen <= 24 else { return nil }
            let name = String(String.UnicodeScalarView(lower[afterOpen..<close]))
                .trimmingSpaces()
            guard agencies.contains(name) else { return nil }
            let afterClose = close + (lower[close] == ")" ? 1 : 5)
            // In cased text the place is capitals (`LONDON (Reuters)`), or a capitalised place whose
            // bracket a dash, a colon or the story's first letter follows at once (`Washington (CNN) —`,
            // `Hong Kong (CNN)The`): not a sentence that names an agency (`Shares of Sony (AP) fell`).
            if let first = original[0..<index].first(where: { !$0.isSpace }), original.contains(where: \.isUpper) {
                guard first.isUpper else { return nil }
                let placeWord = original[0..<index].drop(while: \.isSpace).prefix { !$0.isSpace && $0 != "," }
                if placeWord.contains(where: \.isLower) {
                    var next = afterClose
                    while next < original.count, original[next] == " " { next += 1 }
                    guard next < original.count else { return nil }
                    let mark = original[next]
                    guard next == afterClose || "-:\u{2014}\u{2013}".unicodeScalars.contains(mark) else { return nil }
                }
            }
            return skipDash(lower, from: afterClose)
        }
        return nil
    }

    /// `[SEOUL] ` at the very start; `［東京 １８日 ロイター］ - ` and `【ワシントン共同】` in Japanese.
    private static func bracketDateline(_ text: [Unicode.Scalar]) -> Int? {
        let closing: Unicode.Scalar
        switch text.first {
        case "[": closing = "]"
        case "\u{FF3B}": closing = "\u{FF3D}"
        case "\u{3010}": closing = "\u{3011}"
        default: return nil
        }
        guard let close = text.prefix(40).firstIndex(of: closing) else { return nil }
        let inside = text[1..<close]
        // A place has letters: `[1]` numbers a note.
        guard inside.filter(\.isAlphabetic).count >= 2, inside.allSatisfy({ !$0.isLower }) else { return nil }
        return skipDash(text, from: close + 1)
    }

    /// `WASHINGTON — `, `SÃO PAULO, Brazil - `, `SHANGHAI/BEIJING: `, `ZANDVOORT, Netherlands, Aug 21 : `,
    /// `LONDON, Aug 19: `, and a date alone before a spaced colon (`Aug 18 : `, a dateline whose place
    /// the publisher cut): a place in capitals (several joined by `/`), then a region and a date,
    /// then a dash or a colon, then the story, which opens with anything but a lower-case letter.
    ///
    /// A bare colon after one short name (`US: `, `NATO: `, `REUTERS: `, `WATCH: `) is a speaker, a
    /// subject or a label, not a place, and stays.
    private static func capitalsDateline(_ text: [Unicode.Scalar]) -> Int? {
        let limit = min(text.count, 100)
        var index = 0
        var letters = 0
        // A slash, a region or a date: what a dateline has and a subject before a colon has not.
        var qualified = false
        if let end = date(in: text, from: 0, limit: limit) {
            // `Aug 18 : ` only: `Aug 18: ` and `Aug 18 - ` open entries of a timeline.
            guard end + 2 < text.count, text[end] == " ", text[end + 1] == ":", text[end + 2] == " " else {
                return nil
            }
            return storyStart(in: text, from: end + 2)
        }
        // One place or more, in capitals, joined by `/`.
        var words: [String] = []
        while true {
            guard let place = capitalsWords(in: text, from: index, limit: limit) else { return nil }
            letters += place.letters
            words += place.words
            index = place.end
            guard index < limit, text[index] == "/" else { break }
            index += 1
            qualified = true
        }
        guard words.allSatisfy({ !notPlaces.contains($0) }) else { return nil }
        // `, Netherlands`, `, Texas, Aug 20`, `, Aug. 5`; `MANCHESTER. England` (a stray stop).
        for _ in 0..<3 {
            var next = index
            if next < limit, text[next] == "," {
                next += 1
            } else if next == 0 || text[next - 1] != "." {
                break
            }
            guard next < limit, text[next] == " " else { break }
            next += 1
            if let end = date(in: text, from: next, limit: limit) {
                index = end
                qualified = true
                break
            }
            guard let end = regionWords(in: text, from: next, limit: limit) else { break }
            index = end
            qualified = true
        }
        var mark = index
        while mark < text.count, text[mark] == " " { mark += 1 }
        guard mark < text.count, mark + 1 < text.count else { return nil }
        switch text[mark] {
        case ":":
            guard qualified || letters >= 4, text[mark + 1] == " " else { return nil }
        case "\u{2014}", "\u{2013}":
            guard letters >= 3, text[mark + 1] == " " || text[mark + 1] == "-" else { return nil }
        case "-":
            // A spaced hyphen (`SEOUL - `) or a doubled one (`SEOUL -- `).
            guard letters >= 3, mark > index || text[mark + 1] == "-",
                text[mark + 1] == " " || text[mark + 1] == "-"
            else { return nil }
        default:
            return nil
        }
        return storyStart(in: text, from: mark)
    }

    /// Where the story starts after the dateline's dash or colon at `index`, if it starts like a
    /// story: not with a lower-case letter, and not with a crosshead's capitals (`US ENVOY: NEW
    /// TALKS …` is a subheading, not a place and its story).
    private static func storyStart(in text: [Unicode.Scalar], from index: Int) -> Int? {
        let start = skipDash(text, from: index)
        guard start < text.count, !text[start].isLower else { return nil }
        var end = start
        var capitals = 0
        while end < text.count, !text[end].isSpace {
            if text[end].isLower { return start }
            if text[end].isUpper { capitals += 1 }
            end += 1
        }
        return capitals >= 4 ? nil : start
    }

    /// Up to four words in capitals (`SÃO PAULO`, `ST. LOUIS`, `WINSTON-SALEM`, `N'DJAMENA`) from
    /// `index`: where they end, their words and how many letters they have.
    private static func capitalsWords(
        in text: [Unicode.Scalar], from index: Int, limit: Int
    ) -> (end: Int, words: [String], letters: Int)? {
        var index = index
        var words: [String] = []
        var letters = 0
        while words.count < 4 {
            var end = index
            var wordLetters = 0
            while end < limit {
                let scalar = text[end]
                if scalar.isUpper {
                    wordLetters += 1
                } else if scalar.isLower || scalar.isAlphabetic || scalar.properties.numericType != nil {
                    return nil
                } else if !(scalar == "." || scalar == "'" || scalar == "\u{2019}" || scalar == "-") {
                    break
                }
                end += 1
            }
            guard wordLetters > 0, end > index else { break }
            // A hyphen ends a word only inside it (`WINSTON-SALEM`), never as the last scalar.
            guard text[end - 1] != "-" else { return nil }
            words.append(String(String.UnicodeScalarView(text[index..<end])))
            letters += wordLetters
            index = end
            guard index + 1 < limit, text[index] == " ", text[index + 1].isUpper else { break }
            // The next word must be capitals too, or it belongs to the story.
            var peek = index + 1
            while peek < limit, !text[peek].isSpace, text[peek] != "," {
                if text[peek].isLower { return words.isEmpty ? nil : (index, words, letters) }
                peek += 1
            }
            index += 1
        }
        return words.isEmpty ? nil : (index, words, letters)
    }

    /// One to four capitalised words of a region (`Netherlands`, `Texas`, `Calif.`, `South Korea`,
    /// `Bosnia and Herzegovina`) from `index`: where they end.
    private static func regionWords(in text: [Unicode.Scalar], from index: Int, limit: Int) -> Int? {
        var index = index
        var count = 0
        var lastEnd: Int?
        while count < 4, index < limit {
            var end = index
            while end < limit, text[end].isAlphabetic || text[end] == "." || text[end] == "'" || text[end] == "-" {
                end += 1
            }
            guard end > index else { break }
            let word = String(String.UnicodeScalarView(text[index..<end]))
            if text[index].isUpper {
                lastEnd = end
            } else if !(count > 0 && (word == "and" || word == "of" || word == "de" || word == "del")) {
                break
            }
            count += 1
            guard end + 1 < limit, text[end] == " " else { break }
            index = end + 1
        }
        return lastEnd
    }

    /// A date (`Aug 21`, `Aug. 21`, `August 21, 2026`) at `index`: where it ends.
    private static func date(in text: [Unicode.Scalar], from index: Int, limit: Int) -> Int? {
        var end = index
        while end < limit, text[end].isAlphabetic { end += 1 }
        guard end - index >= 3, text[index].isUpper,
            months.contains(String(String.UnicodeScalarView(text[index..<end])).lowercased())
        else { return nil }
        if end < limit, text[end] == "." { end += 1 }
        guard end < limit, text[end] == " " else { return nil }
        end += 1
        let dayStart = end
        while end < limit, end - dayStart < 3, ("0"..."9").contains(text[end]) { end += 1 }
        guard (1...2).contains(end - dayStart) else { return nil }
        // `, 2026`
        if end + 5 < limit, text[end] == ",", text[end + 1] == " ",
            text[(end + 2)..<(end + 6)].allSatisfy({ ("0"..."9").contains($0) })
        {
            end += 6
        }
        return end
    }

    private static let months: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// Capitalised words before a colon or dash that are not places: organisations written in
    /// capitals, desk labels, and the speakers of a transcript.
    private static let notPlaces: Set<String> = [
        "NATO", "ASEAN", "OPEC", "FIFA", "UEFA", "NASA", "IAEA", "UNICEF", "UNHCR", "UNESCO", "BRICS", "APEC",
        "COVID", "INTERPOL", "AUKUS", "NOTE", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION",
        "EDITORIAL", "WATCH", "VIDEO", "PHOTO", "PHOTOS", "PICTURES", "LIVE", "CORRECTION", "CLARIFICATION",
        "WARNING", "SOURCE", "SOURCES", "REPORT", "REPORTS", "QUESTION", "ANSWER", "REPORTER", "HOST",
        "MODERATOR", "INTERVIEWER", "EXPLAINER", "FACTBOX", "READ", "MORE", "ALSO", "RELATED", "FILE", "SEE",
        "REUTERS", "AFP", "AP", "BLOOMBERG", "XINHUA", "YONHAP", "KYODO", "BERNAMA", "ANTARA", "CNA", "TASS",
    ]

    private static func skipDash(_ text: [Unicode.Scalar], from index: Int) -> Int {
        var index = index
        while index < text.count,
            text[index] == " " || text[index] == "-" || text[index] == "\u{2014}" || text[index] == "\u{2013}"
                || text[index] == ":" || text[index] == "\u{3000}" || text[index] == "\u{FF0D}"
        {
            index += 1
        }
        return index
    }

    private static func matches(_ text: [Unicode.Scalar], at index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= text.count else { return false }
        for offset in 0..<count where text[index + offset].value != UInt32(word.utf8Start[offset]) { return false }
        return true
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
