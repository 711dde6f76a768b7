import Collector

/// Finds quoted speech with a named speaker: `“…,” said Ana Reyes, …` or `“…,” Ana Reyes said.`
struct QuoteFinder {
    struct Found {
        var text: String
        var speaker: String
    }

    /// The quote of the week: from the top story when it has one, else the first good one in
    /// section order.
    func quoteOfTheWeek(in stories: [Story], articles: [String: Article], preferring topID: String?) -> Quote? {
        var ordered = stories
        if let topID, let index = ordered.firstIndex(where: { $0.id == topID }) {
            ordered.insert(ordered.remove(at: index), at: 0)
        }
        for story in ordered {
            for id in [story.id] + story.articleIDs.filter({ $0 != story.id }) {
                guard let article = articles[id] else { continue }
                if let found = article.paragraphs.lazy.compactMap(quote(in:)).first {
                    return Quote(text: found.text, speaker: found.speaker, storyID: story.id)
                }
            }
        }
        return nil
    }

    private static let name = #"((?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s)?[A-Z][\p{L}'\-]+(?:\s[A-Z][\p{L}'\-]+){1,3})"#

    /// A quotation of 40–280 characters and its speaker, from one paragraph.
    func quote(in paragraph: String) -> Found? {
        let patterns = [
            #"[“"]([^”"]{40,280}?)[,.]?[”"]\s+(?:said|says|added|told reporters)\s+"# + Self.name,
            #"[“"]([^”"]{40,280}?)[,.]?[”"]\s+"# + Self.name + #"\s+(?:said|says|added|told)"#,
        ]
        for pattern in patterns {
            guard let regex = try? Regex(pattern), let match = paragraph.firstMatch(of: regex),
                match.output.count >= 3,
                let text = match.output[1].substring, let speaker = match.output[2].substring
            else { continue }
            var quoted = String(text).trimmingCharacters(in: .whitespaces)
            // A quotation that starts in lower case is the tail of a sentence, not one to stand alone.
            guard let first = quoted.first, !first.isLowercase else { continue }
            if let last = quoted.last, !".!?".contains(last) { quoted += "." }
            return Found(text: quoted, speaker: String(speaker))
        }
        return nil
    }
}
