import Foundation
import NewsValues
import Storage

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

extension IssueComposer {
    /// Composes the week with the editor's edits in `folder` applied (none when it holds no edits file).
    ///
    /// - Throws: ``ComposerError`` `.invalidEdits` naming the file and line of a malformed edit; what
    ///   ``compose(_:week:now:edits:editsFile:)`` throws.
    public func compose(
        _ articles: [Article], week: ISOWeek, now: Date, editsIn folder: IssueFolder
    ) throws -> (issue: ComposedIssue, edits: EditorsEdits) {
        let edits = try EditorsEdits.load(from: folder.editsFile)
        return (try compose(articles, week: week, now: now, edits: edits, editsFile: folder.editsFile.path), edits)
    }

    /// The draft whose stories the edits file lists: with the edits in `folder` applied, or without them
    /// when the file is broken (the editor is about to fix it).
    public func draft(_ articles: [Article], week: ISOWeek, now: Date, editsIn folder: IssueFolder) throws
        -> ComposedIssue
    {
        if let edited = try? compose(articles, week: week, now: now, editsIn: folder) { return edited.issue }
        return try compose(articles, week: week, now: now)
    }
}

extension IssueComposer {
    /// Writes `folder`'s edits file for the editor to open: the file as it stands (a new one starts with
    /// ``EditorsEdits/header(theme:week:)``) with the stories of the week's draft listed at its end, as
    /// comments; returns the file.
    public func prepareEditsFile(_ articles: [Article], week: ISOWeek, now: Date, in folder: IssueFolder) throws -> URL
    {
        let file = folder.editsFile
        let draft = try draft(articles, week: week, now: now, editsIn: folder)
        let current = (try? String(contentsOf: file, encoding: .utf8)) ?? EditorsEdits.header(theme: theme, week: week)
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try AtomicFile.write(Data(EditorsEdits.withStoryList(current, issue: draft).utf8), to: file)
        return file
    }
}

extension EditorsEdits {
    /// Opens `file` in the editor `environment` names (`VISUAL`, else `EDITOR`, else vi) and waits for it to
    /// exit. The editor may carry arguments ("code --wait"): the shell splits them, and the file is one argument.
    ///
    /// - Throws: ``ComposerError`` `.editorFailed` when the editor cannot start or exits with a failure.
    public static func openInEditor(_ file: URL, environment: [String: String]) throws(ComposerError) {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "digest-edit", file.path]
        do {
            try process.run()
        } catch {
            throw ComposerError(.editorFailed, "cannot start the editor '\(editor)': \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ComposerError(
                .editorFailed,
                "the editor '\(editor)' exited with status \(process.terminationStatus); \(file.path) was not applied")
        }
    }
}

extension IssueFolder {
    /// Refuses a change to an issue that has started sending (or finished), saying what is refused.
    ///
    /// - Throws: ``ComposerError`` `.issueLocked`: `<folder>: this issue has started sending (delivery.ledger
    ///   exists); <refusal>`.
    public func checkNotStartedSending(_ refusal: String) throws(ComposerError) {
        guard hasStartedSending else { return }
        throw ComposerError(
            .issueLocked, "\(url.path): this issue has started sending (\(Self.ledgerFileName) exists); \(refusal)")
    }
}
