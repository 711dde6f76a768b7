import Foundation
import NewsValues
import Stories
import Summarizer

/// Turns a week of collected articles into a themed issue: picks the week's articles in the
/// theme's languages and topics, lets the `StoryDesk` group them into events, places each event in
/// a section, and has the desk rank and write the stories each section keeps.
public struct IssueComposer: Sendable {
    public var theme: Theme
    public var summarizer: Summarizer
    public var classifier: RegionClassifier
    /// Groups reports into events and writes each chosen story.
    public var desk: StoryDesk

    public init(theme: Theme, summarizer: Summarizer = Summarizer()) {
        self.theme = theme
        self.summarizer = summarizer
        self.classifier = RegionClassifier(sections: theme.settings.sections)
        self.desk = StoryDesk(summarizer: summarizer)
        desk.salienceModel.newsValueWords = Set(theme.settings.newsValues.map { $0.lowercased() })
        desk.clusterer.placeNames = Set(classifier.gazetteer.countries.flatMap(\.terms))
    }

    /// The articles of `week` the theme would consider: published in the week (in the theme's
    /// time zone), in its language unless it takes others, and not filed under a skipped topic.
    public func readableArticles(_ articles: [Article], week: ISOWeek) throws -> [Article] {
        let period = week.interval(in: theme.timeZone)
        let inWeek = articles.filter { article in
            guard let published = article.published else { return false }
            return period.start <= published && published < period.end
        }
        guard !inWeek.isEmpty else {
            throw ComposerError(
                .emptyWeek,
                "no articles published in \(week) (\(week.label(in: theme.timeZone)), \(theme.timeZone.identifier)); "
                    + "\(articles.count) collected in all — collect that week's news first")
        }
        let language = theme.settings.language
        let skipped = Set(theme.settings.skipTopics.map { $0.lowercased() })
        return inWeek.filter { article in
            (theme.settings.includeOtherLanguages || article.language == nil || article.language == language)
                && !Self.isFiled(article, underAnyOf: skipped)
        }
    }

    /// Composes the issue for `week` from every article given (those outside the week are ignored),
    /// with the editor's `edits` applied (`editsFile` names their file in errors).
    public func compose(
        _ articles: [Article], week: ISOWeek, now: Date, edits: EditorsEdits = EditorsEdits(),
        editsFile: String = EditorsEdits.fileName
    ) throws -> ComposedIssue {
        let period = week.interval(in: theme.timeZone)
        // Galleries, videos, quizzes and the like are not the week's news, whatever they show.
        let readable = try readableArticles(articles, week: week).filter {
            theme.settings.leaveOut.reason(toLeaveOut: $0) == nil
        }
        let inWeekCount = articles.filter { article in
            guard let published = article.published else { return false }
            return period.start <= published && published < period.end
        }.count
        let placed = Dictionary(
            readable.compactMap { article in classifier.placement(of: article).map { (article.id, $0) } },
            uniquingKeysWith: { first, _ in first })
        let placements = placed.mapValues(\.section)
        // Events first, over every readable article, so reports placed apart by a word still meet;
        // then each event goes where most of its reports were placed (the lead's on a tie).
        let events = desk.events(in: readable)
        let editing = try EditDesk(edits: edits, file: editsFile, events: events, theme: theme)
        let placedEvents = events.indices.compactMap { index -> (event: Event, section: String)? in
            guard !editing.dropped.contains(index) else { return nil }
            let section = editing.pinnedSection[index] ?? section(of: events[index], placements: placements)
            return section.map { (event: events[index], section: $0) }
        }
        var sections: [IssueSection] = []
        var chosenEvents: [Event] = []
        for section in theme.settings.sections {
            let inSection = placedEvents.filter { $0.section == section.id }.map(\.event)
            // The editor's pins first, in their order; then the most salient of the rest.
            let pinned = editing.pins(in: section.id).map { events[$0] }
            let pinnedIDs = Set(pinned.map(\.lead.id))
            let candidates = desk.ranked(inSection.filter { !pinnedIDs.contains($0.lead.id) })
            let chosen =
                pinned
                + Self.choose(
                    from: candidates, count: max(0, theme.settings.storiesPerSection - pinned.count),
                    country: { event in Self.country(of: event, placements: placed) }, salience: desk.salience(of:))
            guard !chosen.isEmpty else { continue }
            chosenEvents += chosen
            // Only the stories that make the issue are written.
            let stories = chosen.map { event in
                var story = Story(desk.story(of: event, sentences: theme.settings.sentencesPerStory))
                story.salience = (desk.salience(of: event) * 100).rounded() / 100
                return editing.rewrite(story)
            }
            sections.append(IssueSection(id: section.id, title: section.title, stories: stories))
        }
        let allStories = sections.flatMap(\.stories)
        let topID = try editing.topStoryID(in: allStories) ?? desk.ranked(chosenEvents).first?.lead.id
        let top = allStories.first { $0.id == topID }
        let byID = Dictionary(readable.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let quote: Quote?
        switch try editing.quote(in: allStories) {
        case .some(.text(let text, let speaker, let storyID)):
            quote = Quote(text: text, speaker: speaker, storyID: storyID ?? top?.id ?? "")
        case .some(.story(let story)):
            quote = QuoteFinder().quoteOfTheWeek(in: [story], articles: byID, preferring: story.id)
        case nil:
            quote = QuoteFinder().quoteOfTheWeek(in: allStories, articles: byID, preferring: top?.id)
        }

        var issue = ComposedIssue(
            themeID: theme.id, week: week.description, periodStart: period.start, periodEnd: period.end,
            periodLabel: week.label(in: theme.timeZone), composedAt: now, masthead: theme.masthead,
            topStory: top, quote: quote, sections: sections, articlesConsidered: inWeekCount,
            articlesUsed: chosenEvents.reduce(0) { $0 + $1.articles.count })
        issue.editorsNote = edits.note
        return issue
    }

    /// The `count` most salient of `candidates` (ranked, most salient first), with stories from
    /// more than one country when the section has them: when every story chosen is from one
    /// country, the last gives way to the best story from another, if that one has at least
    /// `diversityShare` of its salience. A section is a region, not its biggest country.
    static func choose(
        from candidates: [Event], count: Int, country: (Event) -> String?, salience: (Event) -> Double,
        diversityShare: Double = 0.5
    ) -> [Event] {
        var chosen = Array(candidates.prefix(count))
        guard count >= 2, chosen.count == count else { return chosen }
        let countries = Set(chosen.compactMap(country))
        guard countries.count == 1, let only = countries.first, let last = chosen.last else { return chosen }
        if let other = candidates.dropFirst(count).first(where: { country($0).map { $0 != only } ?? false }),
            salience(other) >= diversityShare * salience(last)
        {
            chosen[chosen.count - 1] = other
        }
        return chosen
    }

    /// The country most of the event's reports were placed in (the lead's on a tie).
    static func country(of event: Event, placements: [String: RegionClassifier.Placement]) -> String? {
        var votes: [String: Int] = [:]
        for article in event.articles {
            if let country = placements[article.id]?.country { votes[country, default: 0] += 1 }
        }
        let leadCountry = placements[event.lead.id]?.country
        return votes.max { a, b in
            a.value != b.value ? a.value < b.value : (a.key != leadCountry && (b.key == leadCountry || a.key > b.key))
        }?.key
    }

    /// Whether the article's link files it under one of `topics` (lower-cased): a folder of its
    /// path is the topic or its plural (`/sport/`, `/sports/`).
    static func isFiled(_ article: Article, underAnyOf topics: Set<String>) -> Bool {
        guard !topics.isEmpty, let link = article.url, let url = URL(string: link) else { return false }
        return url.pathComponents.dropLast().contains { folder in
            let folder = folder.lowercased()
            return topics.contains(folder) || (folder.hasSuffix("s") && topics.contains(String(folder.dropLast())))
        }
    }

    /// The section most of the event's reports were placed in (the lead's on a tie), or `nil`
    /// when none was placed.
    public func section(of event: Event, placements: [String: String]) -> String? {
        var votes: [String: Int] = [:]
        for article in event.articles {
            if let section = placements[article.id] { votes[section, default: 0] += 1 }
        }
        let leadSection = placements[event.lead.id]
        return votes.max { a, b in
            a.value != b.value ? a.value < b.value : (a.key != leadSection && (b.key == leadSection || a.key > b.key))
        }?.key
    }
}

extension Story {
    /// The story as the desk wrote it.
    init(_ edited: EditedStory) {
        self.init(
            id: edited.id, headline: edited.headline, standfirst: edited.standfirst, url: edited.url,
            source: edited.source, dateline: edited.dateline, published: edited.published, summary: edited.summary,
            alsoReportedBy: edited.alsoReportedBy, articleIDs: edited.articleIDs)
    }
}
