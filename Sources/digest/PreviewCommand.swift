import ArgumentParser
import CommandOptions
import Composer
import Foundation
import Renderer
import Subscribers

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show the composed issue in the terminal, or print its plain-text or HTML email.",
        discussion: """
            In a terminal the preview is coloured, wrapped to the window and paged with $PAGER when it is \
            longer than the screen; piped, or with NO_COLOR set, it is plain text. --as shows one \
            subscriber's personal copy: their sections only, their name in the greeting.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issueOptions: IssueOptions

    @Option(help: "terminal, text (the plain-text email) or html (the HTML email).")
    var format: RenderFormat = .terminal

    @Option(help: "Wrap the terminal preview to this many columns (default: the terminal's width, else 80).")
    var width: Int?

    @Option(name: .customLong("as"), help: ArgumentHelp("Preview this subscriber's copy.", valueName: "email"))
    var subscriber: String?

    @Option(help: ArgumentHelp("Write the rendering to this file instead of the screen.", valueName: "file"))
    var output: String?

    @Flag(help: "Never page the output.")
    var noPager = false

    func validate() throws {
        if let width, width < TerminalOptions.minimumWidth {
            throw ValidationError("--width must be at least \(TerminalOptions.minimumWidth)")
        }
    }

    func run() throws {
        let newsletter = global.newsletter
        let (theme, week) = try newsletter.issue(issueOptions)
        let issue = try newsletter.loadIssue(theme: theme, week: week)
        let renderer = try IssueRenderer(themeDirectory: theme.directory)
        let reader = try subscriber.map { try newsletter.reader($0, theme: theme) }

        let terminal = Terminal.standardOutput
        let rendered = try renderer.render(
            issue, as: format, for: reader, width: width ?? (output == nil ? terminal.columns : nil) ?? 80,
            styled: output == nil && terminal.isTerminal && !terminal.noColor)

        if let output {
            try AtomicWrite.write(rendered, to: output)
            printError("wrote \(output)")
            return
        }
        let lines = rendered.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        if format == .terminal, !noPager, terminal.isTerminal, let rows = terminal.rows, lines >= rows,
            Pager.show(rendered)
        {
            return
        }
        try writeStandardOutput(Data((rendered.hasSuffix("\n") ? rendered : rendered + "\n").utf8))
    }
}

extension RenderFormat: ExpressibleByArgument {}
