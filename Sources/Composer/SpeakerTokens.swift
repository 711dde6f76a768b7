import Foundation

/// Where a role was found around a name.
struct Role {
    /// Before the name ("Finance Minister"), after it ("a teacher at …"), or `of …` after it.
    var before: String?
    var after: String?
    var affiliation: String?

    var isEmpty: Bool { before == nil && after == nil && affiliation == nil }

    /// "Finance Minister Ana Reyes", "Ana Reyes, a teacher at a village school", "Ana Reyes of
    /// the port authority", capitalised.
    func line(for name: String) -> String {
        var line = name
        if let before { line = before + " " + line }
        if let affiliation { line += " " + affiliation }
        if let after { line += ", " + after }
        guard let first = line.first, first.isLowercase else { return line }
        return first.uppercased() + line.dropFirst()
    }
}

/// A word of a paragraph with the punctuation around it set aside.
struct Token {
    /// The word as written, and without the punctuation around it ("Reyes," gives "Reyes").
    var raw: Substring
    var word: Substring
    var lower: String
    /// Whether the word ends a clause (a comma, semicolon, colon, a sentence's full stop), and
    /// whether that is a comma.
    var closes: Bool
    var comma: Bool
    /// Whether the word opens a quotation.
    var opensQuote: Bool

    private static let edges: Set<Character> = [
        ",", ".", ";", ":", "!", "?", "(", ")", "[", "]", "“", "”", "\"", "‘", "’", "'",
    ]
    /// Words whose full stop is an abbreviation's, not a sentence's.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "co", "corp", "inc", "ltd", "bhd", "pte", "no", "gen", "lt",
        "col", "sgt", "capt", "gov", "sen", "rep", "rev", "maj", "adm", "cmdr", "mt", "ft", "vs", "etc", "u.s", "u.k",
        "u.n", "e.u",
    ]

    /// The words of a text.
    static func split(_ text: Substring) -> [Token] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{A0}" }).map(Token.init)
    }

    init(_ raw: Substring) {
        self.raw = raw
        var word = raw
        while let first = word.first, Self.edges.contains(first), first != "'" { word = word.dropFirst() }
        opensQuote = raw.first.map { "“\"‘".contains($0) } ?? false
        // A trailing full stop of an abbreviation or an initial stays with the word.
        var trailing = ""
        while let last = word.last, Self.edges.contains(last) {
            trailing = String(last) + trailing
            word = word.dropLast()
        }
        let lowered = word.lowercased()
        // "U.S." and "e.g." are abbreviations; "Tradu.com." ends a sentence.
        let isDotted = word.contains(".") && word.split(separator: ".").allSatisfy { $0.count <= 2 }
        let isAbbreviation =
            trailing.hasPrefix(".")
            && (Self.abbreviations.contains(lowered) || (word.count == 1 && word.first?.isUppercase == true)
                || isDotted)
        if isAbbreviation {
            word = raw[word.startIndex..<raw.index(after: word.endIndex)]
        }
        self.word = word
        self.lower = word.lowercased()
        // A lone mark (" : ", " - ") closes like the punctuation it is.
        if word.isEmpty { trailing = String(raw) }
        let punctuation = trailing.filter { ",.;:!?-–—".contains($0) }
        comma = punctuation.contains(",")
        closes =
            comma || punctuation.hasPrefix(";") || punctuation.hasPrefix(":") || punctuation.hasPrefix("!")
            || punctuation.hasPrefix("?") || (punctuation.hasPrefix(".") && !isAbbreviation)
            || (isAbbreviation && punctuation.count > 1) || word.isEmpty
    }
}
