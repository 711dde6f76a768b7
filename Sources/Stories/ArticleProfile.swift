import Foundation
import NewsValues
import Summarizer

/// What the event clusterer compares of one article: the words of its headline and lede split
/// into names (who, where) and the rest (what happened), its time, its kind and its signature.
///
/// Only the headline and the lede are read: news is written top-down, so the first paragraph says
/// which event a report is about, while the body goes on to background shared with every other
/// story on the topic (the cause of chained, mixed stories).
struct ArticleProfile {
    var published: Double
    var kind: ArticleKind
    /// The headline reduced to lower-case letters and digits, for spotting copies of one report.
    var titleKey: String
    var signature: UInt64
    /// Term ids of the headline and lede (the headline counted twice) with their counts.
    var ledeTerms: [Int32: Double]
    /// The same without the words of names: what the lede says happened.
    var actionTerms: [Int32: Double]
    /// Name ids (see `NamedPhrases`).
    var names: Set<Int32>
    /// Those of `names` that name a day or a month ("Thursday", "August"): the when, not who or where.
    var calendarNames: Set<Int32>
    /// Those of `names` that say where (see `EventClusterer.placeNames`).
    var placeNames: Set<Int32>
    /// The names of who and what, not where (`placeNames` left out), in the form
    /// `ProfileBuilder.key(of:)` gives (lower case, words apart), to look them up in other headlines.
    var subjectKeys: [String]
    /// Whether the body is short (a brief or a feed's summary only).
    var isBrief: Bool
    /// Whether the lede looks ahead to a happening, and the days it names (see `Schedule`).
    var schedule: Schedule

    /// How many words of the body, after the standfirst, make the lede.
    static let ledeWords = 70
}

/// Builds the profiles of one batch of articles, sharing one vocabulary of terms and of names.
struct ProfileBuilder {
    private(set) var termIDs: [String: Int32] = [:]
    private(set) var nameIDs: [String: Int32] = [:]
    let tokenizer: Tokenizer
    var phrases: NamedPhrases
    /// The keys (see `key(of:)`) of names that say where.
    var placeKeys: Set<String> = []

    init(tokenizer: Tokenizer) {
        self.tokenizer = tokenizer
        let stopWords = StopWords.list(for: tokenizer.language)
        phrases = NamedPhrases(isFunctionWord: { word in
            // A stop word ("the", "after", "in") or a lone letter.
            word.count < 2 || stopWords.contains(word)
        })
    }

    /// Learns from a batch's headlines and ledes which words it writes as names.
    mutating func learnNames(from articles: [Article], headlines: [String]) {
        phrases.usage = NamedPhrases.usage(
            in: zip(articles, headlines).map { article, headline in
                (Self.isTitleCase(headline) ? "" : headline + "\n") + Self.lede(of: article)
            })
    }

    mutating func profile(of article: Article, headline: String) -> ArticleProfile {
        let lede = Self.lede(of: article)
        // Headlines in Title Case capitalise every word: only the lede then tells names apart.
        let nameSource = Self.isTitleCase(headline) ? lede : headline + "\n" + lede
        let nameList = phrases.names(in: nameSource)
        var names: Set<Int32> = []
        var calendarNames: Set<Int32> = []
        var placeNames: Set<Int32> = []
        var subjectKeys: [String] = []
        var nameWords: Set<String> = []
        // One extractor (and stemmer) for all of the article's texts.
        let texts = tokenizer.terms(ofEach: nameList + [headline, lede])
        for (name, terms) in zip(nameList, texts) {
            let nameID = id(ofName: name)
            let key = Self.key(of: name)
            let isPlace = placeKeys.contains(key)
            if names.insert(nameID).inserted && !isPlace { subjectKeys.append(key) }
            if Schedule.isCalendarWord(key) { calendarNames.insert(nameID) }
            if isPlace { placeNames.insert(nameID) }
            nameWords.formUnion(terms)
        }
        var ledeTerms: [Int32: Double] = [:]
        var actionTerms: [Int32: Double] = [:]
        for (terms, weight) in [(texts[texts.count - 2], 2.0), (texts[texts.count - 1], 1.0)] {
            for term in terms {
                // "Ten missiles" and "10 missiles" are one figure.
                let id = id(ofTerm: Self.numerals[term] ?? term)
                ledeTerms[id, default: 0] += weight
                if !nameWords.contains(term) { actionTerms[id, default: 0] += weight }
            }
        }
        let bodyWords = article.paragraphs.reduce(0) { $0 + $1.split(separator: " ").count }
        let published = (article.published ?? .distantPast).timeIntervalSinceReferenceDate
        return ArticleProfile(
            published: published,
            kind: ArticleKind.of(title: article.title, url: article.url),
            titleKey: Self.key(of: headline), signature: article.nearDuplicateSignature,
            ledeTerms: ledeTerms, actionTerms: actionTerms, names: names, calendarNames: calendarNames,
            placeNames: placeNames,
            subjectKeys: subjectKeys,
            isBrief: bodyWords < 80 || article.provenance.summaryOnly == true,
            schedule: Schedule.of(lede: lede, published: published))
    }

    private mutating func id(ofTerm term: String) -> Int32 {
        if let id = termIDs[term] { return id }
        let id = Int32(termIDs.count)
        termIDs[term] = id
        return id
    }

    private mutating func id(ofName name: String) -> Int32 {
        if let id = nameIDs[name] { return id }
        let id = Int32(nameIDs.count)
        nameIDs[name] = id
        return id
    }

    /// Number words as news writes them in figures elsewhere (stems of the English words).
    static let numerals: [String: String] = [
        "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
        "ten": "10", "eleven": "11", "twelv": "12", "twelve": "12", "dozen": "12", "hundr": "100", "hundred": "100",
    ]

    /// The standfirst and the first words of the body: where a report says what happened.
    static func lede(of article: Article) -> String {
        var parts: [String] = []
        if let standfirst = article.standfirst, !standfirst.isEmpty { parts.append(standfirst) }
        var words = 0
        for paragraph in article.paragraphs {
            if words >= ArticleProfile.ledeWords { break }
            let paragraphWords = paragraph.split(separator: " ")
            parts.append(paragraphWords.prefix(ArticleProfile.ledeWords + 10 - words).joined(separator: " "))
            words += paragraphWords.count
        }
        return parts.joined(separator: "\n")
    }

    /// Whether most words of a headline of four or more words start with a capital.
    static func isTitleCase(_ headline: String) -> Bool {
        let words = headline.split(separator: " ").filter { $0.first?.isLetter == true && $0.count > 3 }
        guard words.count >= 4 else { return false }
        let capitalised = words.filter { $0.first?.isUppercase == true }.count
        return Double(capitalised) / Double(words.count) > 0.8
    }

    /// Lower-case letters and digits of a headline, spaces between words.
    static func key(of headline: String) -> String {
        headline.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: " ")
    }
}

/// A sparse, L2-normalised vector of term weights, sorted by term id for a merge-style dot product.
struct SparseVector: Sendable {
    var ids: [Int32] = []
    var weights: [Double] = []

    init() {}

    init(_ counts: [Int32: Double], weight: (Int32) -> Double) {
        let sorted = counts.sorted { $0.key < $1.key }
        ids = sorted.map(\.key)
        weights = sorted.map { $0.value * weight($0.key) }
        let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { weights = weights.map { $0 / norm } }
    }

    func dot(_ other: SparseVector) -> Double {
        var i = 0
        var j = 0
        var sum = 0.0
        while i < ids.count, j < other.ids.count {
            if ids[i] == other.ids[j] {
                sum += weights[i] * other.weights[j]
                i += 1
                j += 1
            } else if ids[i] < other.ids[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The ids of the `count` largest weights (ties by id).
    func heaviest(_ count: Int) -> [Int32] {
        zip(ids, weights).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }
}
