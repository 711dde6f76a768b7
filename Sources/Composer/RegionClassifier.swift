import NewsValues

/// Places an article in one of a theme's sections: the country a story happens in, read from the
/// places it names where news says where (the dateline, the headline, the lede), not from every
/// place named in passing.
///
/// How news is written decides the weights: a report opens on where and what, so the dateline,
/// headline and lede weigh most; the body brings background, comparisons and neighbours. A place
/// named only as a border ("the India-Myanmar border") or an origin ("a visit from Tokyo") does not
/// move a story; a place name that is also a personal or
/// family name ("Sheikh … al-Sabah") counts only when the text confirms the place. A story with no
/// place of the theme's region in its dateline, headline or lede is not about the region.
public struct RegionClassifier: Sendable {
    public var sections: [ThemeSettings.Section]
    public var gazetteer: Gazetteer
    /// Weight of one mention in the dateline, the headline (or standfirst), the first paragraph
    /// and the rest of the opening paragraphs.
    public var datelineWeight = 4.0
    public var headlineWeight = 4.0
    public var ledeWeight = 2.0
    public var bodyWeight = 0.5
    /// How much more the first place a headline names weighs: headlines name their subject first
    /// ("Indian shares dip as oil tops $91, US-Iran truce expires").
    public var subjectFactor = 2.0
    /// How many paragraphs of the body are read.
    public var bodyParagraphs = 5
    /// Whether the words around a place are read (names, borders, origins) and a story needs a
    /// place of the region in its dateline, headline or lede. Off only in `baseline`.
    public var readsContext = true

    /// Placement as digest did it before places were read in context: every mention in the
    /// headline ×4, the dateline ×2, the first six paragraphs ×1, in the gazetteer of then. For
    /// comparison in the stories benchmark (`stories-probe --placement baseline`).
    public static func baseline(sections: [ThemeSettings.Section]) -> RegionClassifier {
        var classifier = RegionClassifier(sections: sections, gazetteer: .core)
        classifier.datelineWeight = 2
        classifier.headlineWeight = 4
        classifier.ledeWeight = 1
        classifier.bodyWeight = 1
        classifier.bodyParagraphs = 6
        classifier.subjectFactor = 1
        classifier.readsContext = false
        return classifier
    }

    /// Where an article was placed: the section and the country that weighed most in it.
    public struct Placement: Sendable, Equatable {
        public var section: String
        public var country: String?
    }

    public init(sections: [ThemeSettings.Section], gazetteer: Gazetteer = .standard) {
        self.sections = sections
        self.gazetteer = gazetteer
    }

    /// The id of the article's section, or nil when it is not about the theme's region.
    public func section(for article: Article) -> String? { placement(of: article)?.section }

    /// The article's section and country, or nil when it is not about the theme's region.
    public func placement(of article: Article) -> Placement? {
        var weights: [String: Double] = [:]
        // Whether the region is named where news says where: the dateline, headline or lede.
        var inOpening = false
        let body = article.paragraphs.dropFirst().prefix(bodyParagraphs - 1).joined(separator: " ")
        // The standfirst is the lede when the feed carries it (wire copy), so it weighs as one.
        let lede =
            readsContext
            ? [article.standfirst, article.paragraphs.first].compactMap { $0 }.joined(separator: " . ")
            : article.paragraphs.first ?? ""
        let headline = readsContext ? article.title : article.title + " . " + (article.standfirst ?? "")
        let parts: [(text: String, weight: Double, opening: Bool)] = [
            (article.dateline ?? "", datelineWeight, true),
            (headline, headlineWeight, true),
            (lede, ledeWeight, true),
            (body, bodyWeight, false),
        ]
        let texts = parts.map { Array($0.text.lowercased().unicodeScalars) }
        let found = texts.map { gazetteer.occurrences(in: $0) }
        // Codes named by a term that is only a place: they confirm a term that is also a name.
        var confirmed: Set<String> = []
        // Sections the headline names as more than a passing place.
        var headlineSections: Set<String> = []
        for (text, occurrences) in zip(texts, found) where readsContext {
            for occurrence in occurrences where !Self.isAlsoAName(occurrence.term) {
                if !PlaceContext.isPersonalName(occurrence, in: text) { confirmed.insert(occurrence.code) }
            }
        }
        for (index, part) in parts.enumerated() {
            var first = index == 1
            for occurrence in found[index] {
                let context = readsContext ? PlaceContext(occurrence, in: texts[index]) : .plain
                guard !context.isName else { continue }
                if readsContext, Self.isAlsoAName(occurrence.term), !confirmed.contains(occurrence.code),
                    !context.followsPreposition
                {
                    continue
                }
                // In the headline a passing place still says something; elsewhere it is background.
                var weight = context.isPassing ? (index == 1 ? part.weight / 4 : 0) : part.weight
                guard weight > 0 else { continue }
                if first, !context.isPassing {
                    weight *= subjectFactor
                    first = false
                }
                if index == 1, !context.isPassing, let section = sectionID(of: occurrence.code) {
                    headlineSections.insert(section)
                }
                weights[occurrence.code, default: 0] += weight
                // A lede says where and what first: a place it names only at the end of a long
                // opening ("…competition from Anthropic and Chinese models") is context, and does not
                // by itself make a story the region's.
                if part.opening, !context.isPassing, sectionID(of: occurrence.code) != nil,
                    index != 2 || occurrence.range.lowerBound < Self.ledeReach
                {
                    inOpening = true
                }
            }
        }
        guard inOpening || !readsContext else { return nil }

        var sectionWeights: [String: Double] = [:]
        var outside = 0.0
        for (code, weight) in weights {
            if let section = sectionID(of: code) {
                sectionWeights[section, default: 0] += weight
            } else {
                outside += weight
            }
        }
        let inside = sectionWeights.values.reduce(0, +)
        guard inside > 0, inside >= outside else { return nil }

        if let regional = sections.first(where: \.regional) {
            // The headline itself names the region's institutions (a standfirst's passing
            // "Indo-Pacific" does not make a Taiwan Strait story regional) …
            let title = article.title.lowercased()
            let namesRegion = Gazetteer.regionalTerms.contains { title.contains($0) }
            // … or no section dominates and at least three weigh in …
            let strong = sectionWeights.filter { $0.value * 4 >= inside }.count
            let heaviest = sectionWeights.values.max() ?? 0
            // … or the headline is about two sections' countries at once (a visit, a pact, a
            // dispute) and neither outweighs the other twice over.
            let runnerUp = sectionWeights.values.sorted(by: >).dropFirst().first ?? 0
            let bilateral = readsContext && headlineSections.count >= 2 && runnerUp * 2 >= heaviest
            if (namesRegion && heaviest * 3 < inside * 2) || (strong >= 3 && heaviest * 2 < inside) || bilateral {
                return Placement(section: regional.id, country: nil)
            }
        }
        // The heaviest section; ties go to the section listed first in the theme.
        let order = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1.id, $0) })
        guard
            let section = sectionWeights.max(by: { a, b in
                a.value != b.value ? a.value < b.value : order[a.key, default: 0] > order[b.key, default: 0]
            })?.key
        else { return nil }
        let country = weights.filter { sectionID(of: $0.key) == section }
            .max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
        return Placement(section: section, country: country)
    }

    /// How far into the lede (in characters) a place still says where the story is.
    static let ledeReach = 160

    private func sectionID(of code: String) -> String? {
        sections.first { $0.countries.contains(code) }?.id
    }

    /// Place names of the region that are also personal or family names, currency or brand words
    /// used elsewhere: they count only when the text names the same country otherwise, or after a
    /// preposition of place ("in Sabah").
    static let ambiguousTerms: Set<String> = [
        "sabah", "bali", "osaka", "java", "marcos", "lao", "taka", "yuan", "mainland", "nikkei", "yen", "dili",
        "rbi", "hyderabad",
    ]

    static func isAlsoAName(_ term: String) -> Bool { ambiguousTerms.contains(term) }
}

/// What the words around one place name say about it: part of a personal name, named in passing,
/// or after a preposition of place.
struct PlaceContext {
    /// The place is part of a personal or family name: "al-Sabah", "bin Johor", "Sheikh Sabah".
    var isName: Bool
    /// Named in passing: a border ("the India-Myanmar border", "the border with Laos"), an origin
    /// ("a delegation from Tokyo"). A base ("a Singapore-based fund") is not passing: it says
    /// where the story's subject is.
    var isPassing: Bool
    /// Right after "in", "at", "near", "across", "off" or "on": said as a place.
    var followsPreposition: Bool

    /// A place read without its context.
    static let plain = PlaceContext(isName: false, isPassing: false, followsPreposition: false)

    init(isName: Bool, isPassing: Bool, followsPreposition: Bool) {
        self.isName = isName
        self.isPassing = isPassing
        self.followsPreposition = followsPreposition
    }

    init(_ occurrence: Gazetteer.Occurrence, in text: [Unicode.Scalar]) {
        let before = Self.words(before: occurrence.range.lowerBound, in: text, count: 3)
        let after = Self.words(after: occurrence.range.upperBound, in: text, count: 3)
        isName = Self.isPersonalName(occurrence, in: text)
        let previous = before.last ?? ""
        // Compounds: "india-myanmar border" reads past the hyphenated neighbour.
        var following = after
        if let first = following.first, first.joinedByHyphen { following.removeFirst() }
        let next = following.first?.word ?? ""
        let joinedNext = after.first?.joinedByHyphen == true ? after.first?.word ?? "" : ""
        isPassing =
            Self.borderWords.contains(next) || Self.borderWords.contains(joinedNext)
            || (previous == "with" && before.dropLast().last.map { Self.borderWords.contains($0) } == true)
            // "from Tokyo" is an origin; "from the US to Japan" is a range of subjects.
            || (previous == "from" && next != "to" && after.first?.word != "to")
            // "… v Australia", "Bangladesh vs …": teams in a match, not where it is played.
            || Self.matchWords.contains(previous) || Self.matchWords.contains(after.first?.word ?? "")
        followsPreposition = ["in", "at", "near", "across", "off", "on"].contains(previous)
    }

    /// Whether the place name is part of a person's or family's name.
    static func isPersonalName(_ occurrence: Gazetteer.Occurrence, in text: [Unicode.Scalar]) -> Bool {
        let start = occurrence.range.lowerBound
        // "al-sabah", "el-…": an Arabic family name.
        if start >= 3 {
            let prefix = String(String.UnicodeScalarView(text[(start - 3)..<start]))
            if prefix == "al-" || prefix == "el-" { return true }
        }
        let before = words(before: start, in: text, count: 1)
        guard let previous = before.last else { return false }
        return nameWords.contains(previous)
    }

    private static let nameWords: Set<String> = [
        "al", "el", "bin", "binti", "bint", "ibn", "sheikh", "sheikha", "emir", "mr", "mrs", "ms", "dr", "prof",
    ]
    private static let matchWords: Set<String> = ["v", "vs", "versus"]
    private static let borderWords: Set<String> = ["border", "borders", "frontier", "boundary"]

    /// Up to `count` words before `index`, in text order, lower case.
    static func words(before index: Int, in text: [Unicode.Scalar], count: Int) -> [String] {
        var result: [String] = []
        var position = index - 1
        while result.count < count, position >= 0 {
            while position >= 0, !text[position].properties.isAlphabetic { position -= 1 }
            var word: [Unicode.Scalar] = []
            while position >= 0, text[position].properties.isAlphabetic {
                word.append(text[position])
                position -= 1
            }
            if word.isEmpty { break }
            result.insert(String(String.UnicodeScalarView(word.reversed())), at: 0)
        }
        return result
    }

    /// Up to `count` words after `index`, each with whether a hyphen joins it to what precedes.
    static func words(after index: Int, in text: [Unicode.Scalar], count: Int) -> [(
        word: String, joinedByHyphen: Bool
    )] {
        var result: [(String, Bool)] = []
        var position = index
        while result.count < count, position < text.count {
            var hyphen = false
            while position < text.count, !text[position].properties.isAlphabetic {
                if text[position] == "-" { hyphen = true }
                position += 1
            }
            var word: [Unicode.Scalar] = []
            while position < text.count, text[position].properties.isAlphabetic {
                word.append(text[position])
                position += 1
            }
            if word.isEmpty { break }
            result.append((String(String.UnicodeScalarView(word)), hyphen))
        }
        return result
    }
}
