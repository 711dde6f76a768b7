/// Finds the dateline that opens a news story: `LONDON (Reuters) - `, `(CNN)`, `nairobi , kenya
/// ( cnn ) `, `-lrb- cnn -rrb- -- `, `WASHINGTON — `, `[SEOUL] `.
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
            return skipDash(lower, from: afterClose)
        }
        return nil
    }

    /// `[SEOUL] ` at the very start.
    private static func bracketDateline(_ text: [Unicode.Scalar]) -> Int? {
        guard text.first == "[", let close = text.prefix(40).firstIndex(of: "]") else { return nil }
        let inside = text[1..<close]
        guard !inside.isEmpty, inside.allSatisfy({ !$0.isLower }) else { return nil }
        return skipDash(text, from: close + 1)
    }

    /// `WASHINGTON — ` or `SÃO PAULO, Brazil - `: capitals, then a dash.
    private static func capitalsDateline(_ text: [Unicode.Scalar]) -> Int? {
        let limit = min(text.count, 60)
        var index = 0
        var letters = 0
        while index < limit {
            let scalar = text[index]
            if scalar == "\u{2014}" || scalar == "\u{2013}" || (scalar == "-" && index > 0 && text[index - 1] == " ") {
                guard letters >= 3, index + 1 < text.count, text[index + 1] == " " || text[index + 1] == "-"
                else { return nil }
                // The first word must be all capitals: "WASHINGTON", not "Washington".
                let firstWord = text.prefix { !$0.isSpace && $0 != "," }
                guard firstWord.count >= 3, firstWord.allSatisfy({ !$0.isLower }) else { return nil }
                return skipDash(text, from: index)
            }
            if scalar.isAlphabetic {
                letters += 1
            } else if !(scalar == " " || scalar == "," || scalar == "." || scalar == "'") {
                return nil
            }
            index += 1
        }
        return nil
    }

    private static func skipDash(_ text: [Unicode.Scalar], from index: Int) -> Int {
        var index = index
        while index < text.count,
            text[index] == " " || text[index] == "-" || text[index] == "\u{2014}" || text[index] == "\u{2013}"
                || text[index] == ":"
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
