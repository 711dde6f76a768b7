import Foundation
import Summarizer

extension CopyDesk {
    /// `text` with the breaks it lost put back, so the sentence splitter sees its sentences:
    ///
    /// - a space after a sentence's stop run into the next sentence (`said on Tuesday.The ministry`,
    ///   `in the U.S.The`, `"…ready."He left`, `models.• The`), but not in a web address
    ///   (`Amazon.com`, `news.Example.org/A`), an initial (`J.K.Rowling` stays) or a number;
    /// - a stop and a space where a paragraph's end was lost before a common sentence opening
    ///   (`filings showed on FridayThe move` → `… on Friday. The move`), but not inside a name
    ///   (`LinkedIn`, `BofA`, `iShares`);
    /// - a line break after a crosshead in capitals run into the paragraph it headed (`FAST
    ///   GROWTH, HIGHER MARGINS Pouches are…`), which `sentence(_:)` then drops.
    public func repairingRunTogether(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output: [Unicode.Scalar] = []
        var changed = false
        // Each line's crosshead.
        var lineStart = 0
        var index = 0
        output.reserveCapacity(scalars.count + 16)
        while index < scalars.count {
            if index == lineStart {
                var start = index
                while start < scalars.count, Self.isHorizontalSpace(scalars[start]) { start += 1 }
                var end = start
                while end < scalars.count, scalars[end] != "\n" { end += 1 }
                let line = Array(scalars[start..<end])
                // (A dateline in capitals, `NEW DELHI (AFP) - `, is not a crosshead.)
                if let split = Self.crossheadEnd(in: line),
                    SentenceSegmenter.removingDateline(from: String(String.UnicodeScalarView(line))).unicodeScalars
                        .count == line.count
                {
                    var heading = Array(scalars[index..<(start + split)])
                    while let last = heading.last, Self.isHorizontalSpace(last) { heading.removeLast() }
                    output += heading
                    output.append("\n")
                    index = start + split
                    changed = true
                }
            }
            let scalar = scalars[index]
            output.append(scalar)
            if scalar == "\n" { lineStart = index + 1 }
            if scalar == "." || scalar == "!" || scalar == "?" {
                var next = index + 1
                while next < scalars.count, Self.isCloser(scalars[next]), next - index <= 3 { next += 1 }
                if next < scalars.count, Self.opensSentence(scalars, at: next) || scalars[next] == "\u{2022}",
                    Self.endsSentence(scalars, stopAt: index, next: next)
                {
                    output += scalars[(index + 1)..<next]
                    output.append(" ")
                    index = next
                    changed = true
                    continue
                }
            } else if Self.isLower(scalar), index + 1 < scalars.count, Self.isUpper(scalars[index + 1]),
                Self.lostParagraphEnd(scalars, lastLetter: index)
            {
                output.append(".")
                output.append(" ")
                changed = true
            }
            index += 1
        }
        return changed ? String(String.UnicodeScalarView(output)) : text
    }

    /// An upper-case letter, then a lower-case one: how a sentence's first word starts.
    static func opensSentence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index + 1 < scalars.count && isUpper(scalars[index]) && isLower(scalars[index + 1])
    }

    /// Whether the stop at `stop`, directly followed by a sentence's first word at `next`, ends a
    /// sentence: after a word of two letters or more, a figure, a bracket or a quote, or an
    /// abbreviation in capitals (`U.S.`, `UK`), and not in a web or e-mail address.
    static func endsSentence(_ scalars: [Unicode.Scalar], stopAt stop: Int, next: Int) -> Bool {
        guard stop > 0 else { return false }
        let previous = scalars[stop - 1]
        if previous == "." || previous == "\u{2026}" { return false }
        // The whole run of text without spaces around the stop: a web or e-mail address has a
        // slash, an `@` or a domain in it (`news.Example.org/A`, `Amazon.Com`).
        var tokenStart = stop
        while tokenStart > 0, !scalars[tokenStart - 1].properties.isWhitespace { tokenStart -= 1 }
        var tokenEnd = next
        while tokenEnd < scalars.count, !scalars[tokenEnd].properties.isWhitespace { tokenEnd += 1 }
        let token = scalars[tokenStart..<tokenEnd]
        if token.contains(where: { $0 == "/" || $0 == "@" || $0 == "_" }) { return false }
        let lowerToken = String(String.UnicodeScalarView(token)).lowercased()
        if lowerToken.hasPrefix("www.") || lowerToken.hasPrefix("(www.") { return false }
        // (A domain is in lower case: `…rose 5%.In the` is two sentences.)
        for part in String(String.UnicodeScalarView(token)).split(separator: ".").dropFirst()
        where topLevelDomains.contains(String(part.prefix(while: \.isLetter))) {
            return false
        }
        if isDigit(previous) || previous == ")" || previous == "%" || isCloser(previous) { return true }
        let before = scalars[tokenStart..<stop].drop { !isLetter($0) }
        if isLower(previous) {
            // `deal.The`, `St.Louis`; not `a.m.The` or `e.g.The` (one letter before the stop).
            return before.reversed().prefix(while: isLetter).count >= 2
        }
        guard isUpper(previous) else { return false }
        // `U.S.The`, `UK.The`, `NATO.The`; not initials (`J.K.Rowling`, `M.Sc`).
        if before.contains(".") {
            return dottedAbbreviations.contains(String(String.UnicodeScalarView(before)).lowercased())
        }
        return before.count >= 2 && before.allSatisfy(isUpper)
    }

    /// Dotted abbreviations in capitals that end sentences (initials do not: `J.K.`).
    static let dottedAbbreviations: Set<String> = ["u.s", "u.k", "u.n", "e.u", "u.a.e", "d.c", "u.s.a", "n.z"]

    /// Whether the lower-case letter at `lastLetter` ends a paragraph whose stop and break were
    /// lost: a plain word (`Friday`, `showed`) directly followed by a common sentence opening and
    /// then a space or a comma (`FridayThe move`), not part of a name (`LinkedIn`, `BofA`).
    static func lostParagraphEnd(_ scalars: [Unicode.Scalar], lastLetter: Int) -> Bool {
        var wordStart = lastLetter
        while wordStart > 0, isLower(scalars[wordStart - 1]) { wordStart -= 1 }
        if wordStart > 0, isUpper(scalars[wordStart - 1]) { wordStart -= 1 }
        guard lastLetter - wordStart >= 2 else { return false }
        if wordStart > 0 {
            let before = scalars[wordStart - 1]
            guard before.properties.isWhitespace || before == "-" || before == "(" || isOpeningQuote(before) else {
                return false
            }
        }
        let start = lastLetter + 1
        var end = start
        while end < scalars.count, isLetter(scalars[end]) { end += 1 }
        guard end < scalars.count, scalars[end] == " " || scalars[end] == "," else { return false }
        return lostParagraphOpenings.contains(String(String.UnicodeScalarView(scalars[start..<end])))
    }

    /// Sentence openings common enough, and rare enough at the end of a name, to mark a lost
    /// paragraph break after a lower-case word (`In`, `A` and `It` are not: `LinkedIn`, `BofA`).
    static let lostParagraphOpenings: Set<String> = [
        "The", "This", "These", "Those", "They", "There", "He", "She", "We", "His", "Her", "Its", "Their", "But",
        "However", "Meanwhile", "According", "Shares", "Police", "Officials", "Analysts",
    ]

    static let topLevelDomains: Set<String> = [
        "com", "net", "org", "io", "co", "gov", "edu", "info", "biz", "uk", "jp", "sg", "au", "de", "fr", "cn",
        "kr", "in", "ai", "asia", "news", "app",
    ]
}
