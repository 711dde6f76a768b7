import Collector

/// Places an article in one of a theme's sections from the places it names, the headline
/// counting more than the body. An article mostly about somewhere outside the theme gets no section.
public struct RegionClassifier: Sendable {
    public var sections: [ThemeSettings.Section]
    public var gazetteer: Gazetteer
    /// How much one mention in the headline (or standfirst) weighs against one in the body.
    public var headlineWeight = 4

    public init(sections: [ThemeSettings.Section], gazetteer: Gazetteer = .standard) {
        self.sections = sections
        self.gazetteer = gazetteer
    }

    /// The id of the article's section, or nil when it is not about the theme's region.
    public func section(for article: Article) -> String? {
        let headline = article.title + " " + (article.standfirst ?? "")
        var weights: [String: Int] = [:]
        for (code, count) in gazetteer.mentions(in: headline) { weights[code, default: 0] += count * headlineWeight }
        for (code, count) in gazetteer.mentions(in: article.paragraphs.prefix(6).joined(separator: " ")) {
            weights[code, default: 0] += count
        }
        if let dateline = article.dateline {
            for (code, count) in gazetteer.mentions(in: dateline) { weights[code, default: 0] += count * 2 }
        }

        var sectionWeights: [String: Int] = [:]
        var outside = 0
        for (code, weight) in weights {
            if let section = sections.first(where: { $0.countries.contains(code) }) {
                sectionWeights[section.id, default: 0] += weight
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
            // … or no section dominates and at least three weigh in.
            let strong = sectionWeights.filter { $0.value * 4 >= inside }.count
            let heaviest = sectionWeights.values.max() ?? 0
            if namesRegion || (strong >= 3 && heaviest * 2 < inside) { return regional.id }
        }
        // The heaviest section; ties go to the section listed first in the theme.
        let order = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1.id, $0) })
        return sectionWeights.max { a, b in
            a.value != b.value ? a.value < b.value : order[a.key, default: 0] > order[b.key, default: 0]
        }?.key
    }
}
