import Foundation

extension EditorsEdits {
    /// The first lines of a new edits file for `theme`'s issue of `week`: what each field does.
    public static func header(theme: Theme, week: ISOWeek) -> String {
        """
        # The editor's edits for \(theme.settings.name), \(week). `digest compose` applies this file every
        # time it composes the week. Name a story by the id (or link) of any of its articles: the
        # stories of the draft are listed at the end of this file.
        #
        # note: |
        #   A word to readers, in Markdown, shown under the masthead.
        # top: <article id>                  # the story that leads the issue
        # quote: <article id>                # the quote of the week from that story
        # quote: {text: "…", speaker: "Name, role", story: <article id>}
        # drop: [<article id>, …]            # stories left out
        # pin:                               # stories kept in a section whatever their weight
        #   - {story: <article id>, section: <section id>}
        # stories:                           # a story in your words
        #   <article id>:
        #     headline: …
        #     summary: [First sentence., Second sentence.]

        """
    }

    /// The line that starts the list of the draft's stories at the end of an edits file, which `digest edit`
    /// refreshes each time.
    public static let storyListMarker =
        "# ---- The draft's stories (refreshed by `digest edit`; your edits go above) ----"

    /// `text` (an edits file) with its list of stories replaced by the stories of `issue`, as comments.
    public static func withStoryList(_ text: String, issue: ComposedIssue) -> String {
        var kept = text
        if let range = kept.range(of: storyListMarker) { kept = String(kept[..<range.lowerBound]) }
        while kept.hasSuffix("\n\n") { kept.removeLast() }
        if !kept.hasSuffix("\n") { kept += "\n" }
        let oneLine = { (text: String) in text.split(whereSeparator: \.isNewline).joined(separator: " ") }
        var list = "\n" + storyListMarker + "\n"
        if let top = issue.topStory { list += "# top story: \(top.id)  \(oneLine(top.headline))\n" }
        for section in issue.sections {
            list += "#\n# section \(section.id) (\(section.title)):\n"
            for story in section.stories {
                list += "#   \(story.id)  \(oneLine(story.headline))\n"
                let others = story.articleIDs.filter { $0 != story.id }
                if !others.isEmpty { list += "#     also: \(others.joined(separator: ", "))\n" }
            }
        }
        list += "#\n# Other stories of the week: `digest events --week \(issue.week) --all`\n"
        return kept + list
    }
}
