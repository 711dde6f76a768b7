import ArgumentParser
import Composer
import Foundation
import Storage

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
        let file = folder.editsFile
        let draft = try composer.draft(articles, week: week, now: Date(), editsIn: folder)
        let current = (try? String(contentsOf: file, encoding: .utf8)) ?? EditorsEdits.header(theme: theme, week: week)
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try AtomicFile.write(Data(EditorsEdits.withStoryList(current, issue: draft).utf8), to: file)

        try openEditor(on: file)

        let issue = try composer.compose(articles, week: week, now: Date(), editsIn: folder).issue
        let saved = try newsletter.issues.save(issue)
        print("Applied \(file.path); recomposed \(issue.week): \(issue.storyCount) stories, saved \(saved.path)")
    }

    /// Runs the editor on `file` and waits for it; a failing editor is an error.
    private func openEditor(on file: URL) throws {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor may carry arguments ("code --wait"): the shell splits them; the file is "$1".
        process.arguments = ["-c", "\(editor) \"$1\"", "digest-edit", file.path]
        do {
            try process.run()
        } catch {
            throw CommandFailure("cannot start the editor '\(editor)': \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                "the editor '\(editor)' exited with status \(process.terminationStatus); \(file.path) was not applied")
        }
    }
}
