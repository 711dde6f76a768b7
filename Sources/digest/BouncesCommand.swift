import ArgumentParser
import Bounces
import CommandOptions
import Foundation

struct BouncesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounces",
        abstract: "Read the reports that come back after a send: bounces, complaints, unsubscribe requests.",
        subcommands: [ImportSubcommand.self]
    )

    struct ImportSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Apply a mailbox of bounces and complaints to a subscriber list.",
            discussion: """
                MAILBOX is an mbox file or a Maildir folder (its new/ and cur/ are read; nothing in it \
                is changed). It holds what comes back to the theme's bounce_address: delivery-status \
                notifications (RFC 3464), feedback reports (RFC 5965, spam complaints) and replies to \
                the mailto: unsubscribe link.

                A permanent failure (5.x.x) marks the reader bounced and suppresses the address; a \
                temporary one (4.x.x, or a 5.2.2 mailbox full) is counted in Subscribers/<list>.soft-bounces, \
                and soft bounces on 3 different issues within 60 days bounce the address. A complaint \
                marks the reader complained and suppresses the address; a mail with the subject \
                'unsubscribe' to the theme's sender address unsubscribes its sender. Reports are tied \
                to readers by the Message-ID the delivery ledgers recorded for each copy, then by the \
                addresses they name.

                Messages that cannot be read, or are not reports, are listed by position (mbox: \
                message number and line; Maildir: file name) and skipped. Importing the same mailbox \
                again changes nothing more, so it can run from cron after every send. Exit status: 0 \
                unless the mailbox or the list cannot be read or written.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("An mbox file or a Maildir folder.", valueName: "mailbox"))
        var mailbox: String

        @Option(help: "The theme whose ledgers and sender address to use; default: the only one.")
        var theme: String?

        @OptionGroup var list: ListOptions

        @Flag(help: "Report what would change, and write nothing.")
        var dryRun = false

        func validate() throws {
            try checkPrintable(mailbox, option: "mailbox")
        }

        func run() throws {
            let newsletter = global.newsletter
            let theme = try newsletter.theme(theme)
            let listFile = try list.list(of: theme, in: newsletter).file
            let done = try MailboxImport(
                mailbox: URL(fileURLWithPath: mailbox), listFile: listFile, digests: newsletter.digests,
                theme: theme.id, senderAddress: theme.settings.sender.address, dryRun: dryRun)
            for problem in done.report.softBounceProblems { printError("digest: \(problem)") }
            for entry in done.report.entries {
                let line = "\(entry.position): \(printable(entry.outcome.line))"
                if entry.outcome.isProblem { printError("digest: \(line)") } else { print(line) }
            }
            print(done.summary)
        }
    }
}
