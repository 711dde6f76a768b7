import Foundation
import NewsValues
import Stories

/// The editor's edits resolved against one week's events: which events are dropped or pinned, and
/// how the written stories change. Every article an edit names must be one of the week's; an
/// edit that names anything else is an error with the file and line.
struct EditDesk {
    let edits: EditorsEdits
    let file: String
    /// Indices of the events the editor dropped.
    private(set) var dropped: Set<Int> = []
    /// The section each pinned event goes to, by event index.
    private(set) var pinnedSection: [Int: String] = [:]
    /// Pinned event indices in the order the file lists them.
    private var pinOrder: [Int] = []
    /// Event index of every article id and link of the week.
    private let eventOf: [String: Int]
    /// Each event's article ids.
    private let articleIDs: [Set<String>]

    init(edits: EditorsEdits, file: String, events: [Event], theme: Theme) throws {
        self.edits = edits
        self.file = file
        var eventOf: [String: Int] = [:]
        for (index, event) in events.enumerated() {
            for article in event.articles {
                eventOf[article.id] = index
                if let link = article.url { eventOf[Article.canonicalLink(link)] = index }
            }
        }
        self.eventOf = eventOf
        articleIDs = events.map { Set($0.articles.map(\.id)) }
        guard !edits.isEmpty else { return }
        for reference in edits.drop { dropped.insert(try event(of: reference)) }
        let sectionIDs = Set(theme.settings.sections.map(\.id))
        for pin in edits.pins {
            guard sectionIDs.contains(pin.section) else {
                throw failure(
                    pin.sectionLine,
                    "no section '\(pin.section)' in the theme (\(theme.settings.sections.map(\.id).joined(separator: ", ")))"
                )
            }
            let index = try event(of: pin.story)
            if dropped.contains(index) {
                throw failure(pin.story.line, "'\(pin.story.value)' is both pinned and dropped")
            }
            if pinnedSection[index] == nil { pinOrder.append(index) }
            pinnedSection[index] = pin.section
        }
        // Every other reference must name an article of the week too, even if its story is out.
        for rewrite in edits.rewrites { _ = try event(of: rewrite.story) }
        if let top = edits.top { _ = try event(of: top) }
        switch edits.quote {
        case .fromStory(let reference): _ = try event(of: reference)
        case .text(_, _, let reference?): _ = try event(of: reference)
        default: break
        }
    }

    /// The pinned events of `section`, in the file's order.
    func pins(in section: String) -> [Int] {
        pinOrder.filter { pinnedSection[$0] == section }
    }

    /// `story` with the editor's headline and summary, when the file rewrites it.
    func rewrite(_ story: Story) -> Story {
        var story = story
        let ids = Set(story.articleIDs)
        for rewrite in edits.rewrites where names(rewrite.story, in: ids) {
            if let headline = rewrite.headline { story.headline = headline }
            if let summary = rewrite.summary { story.summary = summary }
        }
        return story
    }

    /// The id of the story the editor chose to lead, or nil when the file does not choose.
    func topStoryID(in stories: [Story]) throws -> String? {
        guard let top = edits.top else { return nil }
        return try story(named: top, in: stories).id
    }

    enum QuoteChoice {
        case story(Story)
        case text(String, speaker: String, storyID: String?)
    }

    /// The editor's choice of quote, with the story it belongs to.
    func quote(in stories: [Story]) throws -> QuoteChoice? {
        switch edits.quote {
        case .fromStory(let reference):
            return .story(try story(named: reference, in: stories))
        case .text(let text, let speaker, let reference):
            return .text(text, speaker: speaker, storyID: try reference.map { try story(named: $0, in: stories).id })
        case nil:
            return nil
        }
    }

    private func story(named reference: EditorsEdits.Reference, in stories: [Story]) throws -> Story {
        let index = try event(of: reference)
        guard let story = stories.first(where: { names(reference, in: Set($0.articleIDs)) }) else {
            throw failure(
                reference.line,
                "the story of '\(reference.value)' is not in this issue"
                    + (dropped.contains(index) ? " (it is dropped)" : "")
                    + "; pin it into a section first")
        }
        return story
    }

    /// The event of the article `reference` names, by its id or its link (canonical or as written); nil for none.
    private func eventIndex(_ reference: EditorsEdits.Reference) -> Int? {
        eventOf[reference.value] ?? eventOf[Article.canonicalLink(reference.value)]
    }

    private func names(_ reference: EditorsEdits.Reference, in ids: Set<String>) -> Bool {
        guard let index = eventIndex(reference) else { return false }
        return !articleIDs[index].isDisjoint(with: ids)
    }

    private func event(of reference: EditorsEdits.Reference) throws -> Int {
        if let index = eventIndex(reference) { return index }
        throw failure(
            reference.line,
            "no article '\(reference.value)' among this week's articles (name a story by an article id or link, "
                + "as `digest events --all` lists them)")
    }

    private func failure(_ line: Int, _ message: String) -> ComposerError {
        ComposerError(.invalidEdits, "\(file), line \(line): \(message)")
    }
}
