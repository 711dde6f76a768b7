import ArgumentParser
import Collector
import CommandOptions
import Composer
import Foundation

struct ComposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Compose the week's issue from the collected articles.",
        discussion: """
            Picks the articles published in the ISO week (in the theme's time zone), places each story in \
            a section, folds reports of one event into one story, keeps each section's best stories and \
            their key sentences, applies the editor's Digests/<theme>/<week>/edits.yaml when there is one \
            (see `digest edit`), and saves Digests/<theme>/<week>/digest.json. Composing again replaces a \
            draft, never an issue that has started sending.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let folder = newsletter.issueFolder(theme: theme, week: week)
        let (issue, edits) = try IssueComposer(theme: theme).compose(
            try newsletter.articles.loadAll(), week: week, now: Date(), editsIn: folder)
        let file = try newsletter.issues.save(issue)
        print(
            "Composed \(theme.settings.name) \(issue.week) (\(issue.periodLabel)): \(issue.storyCount) stories in \(issue.sections.count) sections from \(issue.articlesConsidered) articles"
        )
        for section in issue.sections {
            print("  \(section.title): \(section.stories.count)")
        }
        if !edits.isEmpty { print("Applied the editor's edits in \(folder.editsFile.path)") }
        print("Saved \(file.path)")
    }
}
