import ArgumentParser
import Composer
import Foundation
import Renderer
import Sender
import Subscribers

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Email the composed issue to every active subscriber, each with their own copy.",
        discussion: """
            With --dry-run, each personalised message is written as an .eml file to
            Digests/<theme>/<week>/outbox/ instead of being sent. Unsubscribed, bounced and complained
            addresses are never mailed.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The theme (a folder in Templates/); default: the only one.")
    var theme: String?

    @Option(help: "The ISO week, like 2026-W47; default: the last complete week in the theme's time zone.")
    var week: String?

    @Option(help: "The subscriber list (Subscribers/<list>.csv); default: the theme's.")
    var list: String?

    @Option(help: "The SMTP relay, like smtp://mail.example.com:587 or smtps://mail.example.com.")
    var smtpURL: String?

    @Flag(help: "Write each message to the issue's outbox instead of sending it.")
    var dryRun = false

    func validate() throws {
        if !dryRun && smtpURL == nil { throw ValidationError("give --smtp-url URL, or --dry-run") }
    }

    func run() throws {
        let newsletter = global.newsletter
        let theme = try newsletter.theme(theme)
        let week = try newsletter.week(week, theme: theme)
        let issue = try newsletter.loadIssue(theme: theme, week: week)
        let listName = list ?? theme.settings.list
        let listFile = newsletter.listFile(listName)
        let subscribers = try SubscriberList.load(from: listFile)
        for problem in subscribers.problems { printError("digest: skipped \(problem)") }
        let recipients = subscribers.activeRecipients
        guard !recipients.isEmpty else { throw CommandFailure("\(listFile.path): no active subscribers") }

        guard dryRun else {
            throw CommandFailure(
                "sending over SMTP is not available yet (it needs the delivery ledger that makes it resumable); "
                    + "use --dry-run to write the messages to the outbox")
        }
        let mailing = try IssueMailing(
            issue: issue, renderer: try IssueRenderer(themeDirectory: theme.directory), list: listName,
            secret: try newsletter.unsubscribeSecret())
        let outbox = newsletter.issues.folder(theme: theme.id, week: week.description).appendingPathComponent("outbox")
        let written = try mailing.writeDryRun(to: recipients, outbox: outbox, now: Date())
        let skipped = subscribers.subscribers.count - recipients.count
        print("Wrote \(written) messages to \(outbox.path) (\(skipped) not active, not mailed)")
    }
}
