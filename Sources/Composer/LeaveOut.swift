import Foundation
import NewsValues

/// Pieces an issue leaves out by their form, whatever they are about: photo galleries, videos,
/// quizzes, horoscopes, lists of searches, celebrity and sponsored items, and items too short to
/// summarise. Each signal is a field of the theme's `leave_out:` block, so an editor can change it.
public struct LeaveOut: Codable, Sendable, Equatable {
    /// Labels a headline opens with (`Watch:`, `In pictures |`, `Quiz -`), lower case.
    public var titlePrefixes: [String]
    /// Whole words or phrases anywhere in a headline (`quiz`, `horoscope`, `most searched`).
    public var titlePhrases: [String]
    /// Folders of an article's link (`/videos/`, `/photos/`, `/entertainment/`).
    public var linkFolders: [String]
    /// Fewer words than this in the standfirst and body together: too short to summarise.
    public var minimumWords: Int

    enum CodingKeys: String, CodingKey, CaseIterable {
        case titlePrefixes = "title_prefixes"
        case titlePhrases = "title_phrases"
        case linkFolders = "link_folders"
        case minimumWords = "min_words"
    }

    public init(titlePrefixes: [String], titlePhrases: [String], linkFolders: [String], minimumWords: Int) {
        self.titlePrefixes = titlePrefixes
        self.titlePhrases = titlePhrases
        self.linkFolders = linkFolders
        self.minimumWords = minimumWords
    }

    /// What a theme leaves out when it says nothing.
    public static let standard = LeaveOut(
        titlePrefixes: [
            "watch", "video", "videos", "in pictures", "in photos", "pictures", "photos", "photo", "see pics",
            "gallery", "in pics", "quiz", "podcast", "listen", "sponsored", "trending", "horoscope",
        ],
        titlePhrases: [
            "quiz", "horoscope", "horoscopes", "in pictures", "in photos", "photo gallery", "see pics",
            "most searched", "top searches", "trending searches", "sponsored", "paid post", "partner content",
        ],
        linkFolders: [
            "video", "videos", "photo", "photos", "pictures", "gallery", "galleries", "picture-gallery", "podcast",
            "podcasts", "quiz", "quizzes", "horoscope", "horoscopes", "entertainment", "celebrity", "celebrities",
            "showbiz", "trending", "sponsored", "brandstudio", "partner-content",
        ],
        minimumWords: 25)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = Self.standard
        titlePrefixes = try container.decodeIfPresent([String].self, forKey: .titlePrefixes) ?? standard.titlePrefixes
        titlePhrases = try container.decodeIfPresent([String].self, forKey: .titlePhrases) ?? standard.titlePhrases
        linkFolders = try container.decodeIfPresent([String].self, forKey: .linkFolders) ?? standard.linkFolders
        minimumWords = try container.decodeIfPresent(Int.self, forKey: .minimumWords) ?? standard.minimumWords
    }

    /// Why `article` is left out (the signal and its value, for the editor), or `nil` to keep it.
    public func reason(toLeaveOut article: Article) -> String? {
        let words = Self.words(article.title)
        for prefix in titlePrefixes {
            let label = Self.words(prefix)
            // The label, then the headline proper after a colon, bar or dash ("Watch: …").
            if !label.isEmpty, words.starts(with: label), Self.endsLabel(article.title, after: label.count) {
                return "its headline opens with '\(prefix)'"
            }
        }
        for phrase in titlePhrases {
            let needle = Self.words(phrase)
            if !needle.isEmpty, Self.contains(words, needle) { return "its headline says '\(phrase)'" }
        }
        if let link = article.url, let url = URL(string: link) {
            let folders = Set(url.pathComponents.dropLast().map { $0.lowercased() })
            if let folder = linkFolders.first(where: { folders.contains($0.lowercased()) }) {
                return "its link is filed under /\(folder)/"
            }
        }
        let count = Self.wordCount(of: [article.standfirst ?? ""] + article.paragraphs, upTo: minimumWords)
        if count < minimumWords { return "\(count) words is too short to summarise" }
        return nil
    }

    /// Words (runs of characters between spaces) in `texts`, counted up to `limit`: enough to
    /// tell a brief from a story without reading every story through.
    static func wordCount(of texts: [String], upTo limit: Int) -> Int {
        var count = 0
        for text in texts {
            var inWord = false
            for byte in text.utf8 {
                let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !space && !inWord { count += 1 }
                inWord = !space
            }
            if count >= limit { return count }
        }
        return count
    }

    /// Lower-case words (letters and digits).
    static func words(_ text: String) -> [Substring] {
        let lower = text.lowercased()
        return lower[...].split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    private static func contains(_ words: [Substring], _ needle: [Substring]) -> Bool {
        guard needle.count <= words.count else { return false }
        return (0...(words.count - needle.count)).contains { start in
            words[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// Whether the headline's first `count` words are followed by a label's end: a colon, a bar,
    /// a dash, or nothing (a headline that is only the label).
    private static func endsLabel(_ title: String, after count: Int) -> Bool {
        var seen = 0
        var inWord = false
        for (offset, character) in title.enumerated() {
            let isWord = character.isLetter || character.isNumber
            if isWord && !inWord { seen += 1 }
            if !isWord && inWord && seen == count {
                let rest = title.dropFirst(offset).drop(while: { $0 == " " })
                guard let mark = rest.first else { return true }
                return ":|-–—".contains(mark)
            }
            inWord = isWord
        }
        return seen == count
    }
}
