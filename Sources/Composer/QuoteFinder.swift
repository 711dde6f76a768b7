import NewsValues

/// Finds quoted speech with a named speaker the article identifies: `“…,” said Ana Reyes, a
/// teacher at …`, `“…,” Finance Minister Ana Reyes said`, or `“…,” Reyes said` where the article
/// introduced "Ana Reyes, the city's mayor". The speaker line carries the role as the article
/// gives it (see `SpeakerIdentifier`); a quote whose speaker the article does not identify is
/// passed over.
struct QuoteFinder {
    struct Found {
        var text: String
        /// The speaker's name with their role: "Ana Reyes, a teacher at a village school".
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
                if let found = quote(in: article) {
                    return Quote(text: found.text, speaker: found.speaker, storyID: story.id)
                }
            }
        }
        return nil
    }

    /// The first quotation of an article whose speaker the article identifies.
    func quote(in article: Article) -> Found? {
        // Names are introduced in the body, the standfirst, or the headline.
        let identifier = SpeakerIdentifier(
            paragraphs: (article.standfirst.map { [$0] } ?? []) + article.paragraphs + [article.title])
        for paragraph in article.paragraphs {
            for (text, attribution) in quotations(in: paragraph) {
                if let speaker = identifier.speaker(after: attribution) {
                    return Found(text: text, speaker: speaker)
                }
            }
        }
        return nil
    }

    nonisolated(unsafe) private static let quotation = /[“"]([^”"]{40,280}?)[,.]?[”"]/

    /// The quotations of 40–280 characters in a paragraph that can stand alone, each with the
    /// text after its closing mark (where the attribution is).
    func quotations(in paragraph: String) -> [(text: String, attribution: Substring)] {
        paragraph.matches(of: Self.quotation).compactMap { match in
            var quoted = String(match.output.1).trimmingCharacters(in: .whitespaces)
            // A quotation that starts in lower case is the tail of a sentence, not one to stand alone.
            guard let first = quoted.first, !first.isLowercase else { return nil }
            if let last = quoted.last, !".!?".contains(last) { quoted += "." }
            return (quoted, paragraph[match.range.upperBound...])
        }
    }
}
