import ArgumentParser
import CommandOptions
import Composer
import Foundation

/// `digest edit`: the editor's last word on a week's issue, in `Digests/<theme>/<week>/edits.yaml`,
/// opened in `$EDITOR` with the draft's stories listed as comments, checked and applied by
/// recomposing when the editor saves.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit the week's issue: pin, drop or rewrite stories, choose the top story and quote, add a note.",
        discussion: """
            Opens Digests/<theme>/<week>/edits.yaml in $VISUAL or $EDITOR (vi when neither is set), with \
            the draft's stories listed as comments at the end, then recomposes the issue with the edits. \
            `compose` applies the same file every time, so recomposing never loses an edit. A story is \
            named by the id or link of any of its articles. Fields: note (Markdown, shown under the \
            masthead), top (a story), quote (a story, or text and speaker), drop (a list of stories), pin \
            (a list of {story, section}), stories (a story's headline and summary in your words). A \
            malformed file or an unknown article is one error with the file and line; the file is kept \
            as you wrote it. Once sending has started, edits are refused.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let folder = newsletter.issueFolder(theme: theme, week: week)
        try folder.checkNotStartedSending("edits are refused")
        let articles = try newsletter.articles.loadAll()
        let composer = IssueComposer(theme: theme)
        let file = try composer.prepareEditsFile(articles, week: week, now: Date(), in: folder)
        try EditorsEdits.openInEditor(file, environment: ProcessInfo.processInfo.environment)
        let issue = try composer.compose(articles, week: week, now: Date(), editsIn: folder).issue
        let saved = try newsletter.issues.save(issue)
        print("Applied \(file.path); recomposed \(issue.week): \(issue.storyCount) stories, saved \(saved.path)")
    }
}
