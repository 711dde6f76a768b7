import Foundation

extension TextCleaner {
    // MARK: Captions inside a paragraph

    /// The body text after a photo caption and its credit at the head of a paragraph, or nil when the paragraph
    /// opens with none. Wire copy sent as bare lines puts a picture's caption, its credit and the next paragraph
    /// on one line: `A robot stands at the company's booth …, in Beijing, China, August 20, 2026.
    /// REUTERS/Maxim Shemetov UBTECH's Walker C1 is …`. A caption is told by how wire captions end (a place
    /// and a date, `…, China, August 20, 2026.`) directly followed by an agency's credit (`REUTERS/Name`, the
    /// slash sometimes lost); the body must go on with a capital or a quote, for six words or more.
    static func textAfterHeadCaption(_ paragraph: String) -> String? {
        guard paragraph.utf8.count > 60, paragraph.utf8.count < 4000 else { return nil }
        // Byte searches first: this runs on every paragraph of every page, and few have a credit.
        for agency in captionAgencies where paragraph.includes(". " + agency) {
            guard let credit = paragraph.range(of: ". " + agency),
                paragraph.distance(
                    from: paragraph.startIndex, to: credit.lowerBound) < 600
            else { continue }
            let caption = paragraph[...credit.lowerBound]
            // The credit is the agency and a slash (`REUTERS/Name`), or, with the slash lost, the agency glued to
            // the name (`REUTERSTingshu Wang`): `EPA Administrator …` and `Yonhap News Agency, citing …` are prose.
            let afterAgency = paragraph[credit.upperBound...]
            guard caption.firstMatch(of: captionEnd) != nil,
                afterAgency.first == "/" || afterAgency.first.map({ $0.isUppercase }) == true,
                let name = afterAgency.prefixMatch(of: creditName)
            else { continue }
            let rest = paragraph[name.range.upperBound...]
            // `REUTERS/Amr Abdallah Dalsh Israeli troops …` (a third name) and `REUTERS/Kim Hong-Ji North Korea
            // fired …` (a body opening on a name) look alike: when the body may open with two capitalised words
            // that are no sentence's usual opening, the paragraph is left whole rather than lose a word.
            let words = rest.split(separator: " ", maxSplits: 3)
            if words.count == 4, words[0].wholeMatch(of: /[A-Z][a-z]+/) != nil,
                !sentenceOpenings.contains(String(words[0])), words[1].first?.isUppercase == true,
                words[2].first?.isLowercase == true
            {
                continue
            }
            // A paragraph that is only a caption and its credit is `captionText(_:)`'s: the body must be text.
            guard let first = rest.unicodeScalars.first,
                first.properties.isUppercase || "\"“‘(".unicodeScalars.contains(first),
                rest.split(separator: " ", maxSplits: 5).count > 5
            else { continue }
            return String(rest)
        }
        return nil
    }

    /// `paragraph` without the captions at its head (`textAfterHeadCaption(_:)`): a crosshead and the next
    /// picture can follow the first (`… REUTERS/Nathan Howard PENNSYLVANIA AVE People stand … REUTERS/Kevin
    /// Lamarque Trump has …`).
    static func withoutHeadCaptions(_ paragraph: String) -> String {
        var text = paragraph
        for _ in 0..<4 {
            guard let rest = textAfterHeadCaption(text) else { break }
            text = rest
        }
        return text
    }

    /// Agencies whose credits follow wire captions.
    private static let captionAgencies = ["REUTERS", "AFP", "AP Photo", "EPA", "XINHUA", "Yonhap", "ANTARA FOTO"]

    /// How a wire caption ends: `…, in Beijing, China, August 20, 2026.` or `…, Oman, June 15.`
    nonisolated(unsafe) private static let captionEnd =
        /, (?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}(?:, \d{4})?\.$/

    /// The photographer after the agency: one or two capitalised words (`/Maxim Shemetov`, `Tingshu Wang`
    /// with the slash lost, `/Stringer`), then `/File Photo` and the like, then the space before the body.
    nonisolated(unsafe) private static let creditName =
        /\/?\s*(?:Stringer|[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?)(?:\s*\/{1,2}\s*(?:File Photo|File|Illustration|Pool))*\s+/

    /// Words that open a sentence, never a photographer's third name.
    private static let sentenceOpenings: Set<String> = [
        "The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "We", "This", "That", "These", "Those", "But",
        "As", "For", "With", "After", "Before", "Its", "His", "Her", "Their", "Some", "Many", "Most", "Unlike",
        "While", "When", "If", "One", "Two", "Three", "Last", "Since", "Under", "From", "By", "Police", "Officials",
    ]

    // MARK: Lists of links

    /// Whether `paragraph` is only wire links to other stories (`[USN:L1N44E058 TEXT:"China's recovery
    /// sputters"]`), perhaps under a crosshead in capitals (`THIS WEEK IN ASIA [USN:…]`): a list of other
    /// headlines in a newsletter, not the story's text. A link inside prose is the prose's.
    static func isLinkLine(_ paragraph: String) -> Bool {
        guard paragraph.utf8.contains(UInt8(ascii: "[")), paragraph.includes("[USN:") || paragraph.includes("[ID:")
        else { return false }
        let rest = paragraph.replacing(/\[(?:USN|ID):[^\]]*\]/, with: "").trimmingCharacters(in: .whitespaces)
        // The heading must be in capitals, not in a script without case (`日銀はGDP見通しを…[ID:…]` is prose).
        return rest.isEmpty || (rest.split(separator: " ").count <= 8 && isInCapitals(rest))
    }

    /// Whether `text` is written in capitals: no letter in lower case, and most letters are capitals (not a
    /// script without case with an acronym in it, `SK하이닉스의 HBM 매출이`).
    static func isInCapitals(_ text: String) -> Bool {
        var capitals = 0
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            letters += 1
            if scalar.properties.isUppercase { capitals += 1 }
        }
        return capitals > 0 && capitals * 2 > letters
    }

    // MARK: Furniture at the foot

    /// `paragraphs` without the page furniture at their foot that shows itself by repeating: a newsletter box
    /// printed twice under the story (`Our chief editor shares … every Saturday.`, `Week in Review`, the same
    /// line again, `Morning Brief`). From the end, paragraphs that appear twice in the text or are a heading
    /// of a few words go, when among them a sentence of six words or more appears twice; a story never repeats
    /// one (a list of results may repeat a name: it stays).
    static func withoutRepeatedFooter(_ paragraphs: [String]) -> [String] {
        // Most bodies end on a sentence that is not repeated: done without counting.
        guard let last = paragraphs.last, isShortHeading(last) || paragraphs.dropLast().contains(last) else {
            return paragraphs
        }
        var counts: [String: Int] = [:]
        for paragraph in paragraphs { counts[paragraph, default: 0] += 1 }
        var cut = paragraphs.count
        var repeated = false
        while cut > 0 {
            let paragraph = paragraphs[cut - 1]
            if counts[paragraph, default: 0] > 1, paragraph.split(separator: " ", maxSplits: 5).count > 5 {
                // The box's own line, a sentence: a repeated name in a list of results is not one.
                repeated = true
            } else if !isShortHeading(paragraph) {
                break
            }
            cut -= 1
        }
        guard repeated, cut > 0 else { return paragraphs }
        return Array(paragraphs[..<cut])
    }

    /// A heading of at most four words: a capital first, no sentence's stop at the end.
    static func isShortHeading(_ paragraph: String) -> Bool {
        guard let first = paragraph.first, first.isUppercase, let last = paragraph.last,
            !".!?:;,\"”’".contains(last)
        else { return false }
        return paragraph.split(separator: " ", maxSplits: 4).count <= 4
    }
}
