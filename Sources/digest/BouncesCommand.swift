import ArgumentParser
import Bounces
import Foundation
import Subscribers

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

        @Option(help: "The subscriber list (Subscribers/<list>.csv); default: the theme's.")
        var list: String?

        @Flag(help: "Report what would change, and write nothing.")
        var dryRun = false

        func validate() throws {
            if let list {
                try Newsletter.checkName(
                    list, of: "--list", what: "a list name (a file name in Subscribers/, without .csv)")
            }
            try checkPrintable(mailbox, option: "mailbox")
        }

        func run() throws {
            let newsletter = global.newsletter
            let theme = try newsletter.theme(theme)
            let listName = list ?? theme.settings.list
            let listFile = try newsletter.checkedListFile(
                listName, option: list == nil ? "the theme's list" : "--list")
            guard FileManager.default.fileExists(atPath: listFile.path) else {
                throw CommandFailure("\(listFile.path): no such list")
            }
            let mailbox: Mailbox
            let reading: BounceImport
            do {
                mailbox = try Mailbox(at: URL(fileURLWithPath: self.mailbox))
                reading = try BounceImport(
                    reading: mailbox, unsubscribeAddresses: [theme.settings.sender.address.lowercased()])
            } catch let error as BouncesError {
                throw CommandFailure("\(error)")
            }
            let copies = try SentCopies(
                digests: newsletter.digests, theme: theme.id, messageIDs: reading.messageIDs)
            let report = try reading.apply(toListAt: listFile, sentCopies: copies, dryRun: dryRun)

            for problem in report.softBounceProblems { printError("digest: \(problem)") }
            for entry in report.entries {
                let line = Self.describe(entry.outcome)
                if line.isProblem {
                    printError("digest: \(entry.position): \(printable(line.text))")
                } else {
                    print("\(entry.position): \(printable(line.text))")
                }
            }
            let messages = reading.messages.count
            let header = dryRun ? "Dry run, nothing written" : "Imported \(listFile.lastPathComponent)"
            print("\(header): \(messages) message\(messages == 1 ? "" : "s") in \(mailbox.url.path); \(report.summary)")
        }

        /// One line about an outcome, and whether it is a problem (printed on stderr).
        static func describe(_ outcome: BounceOutcome) -> (text: String, isProblem: Bool) {
            switch outcome {
            case .bounced(let email, let reason): ("\(email) bounced (\(reason)), suppressed", false)
            case .softBounce(let email, let count, let threshold, let status):
                ("\(email) soft bounce \(count) of \(threshold) (\(status))", false)
            case .complained(let email): ("\(email) complained (spam report), suppressed", false)
            case .unsubscribed(let email): ("\(email) unsubscribed by mail", false)
            case .alreadyApplied(let email, let what): ("\(email) unchanged: \(what)", false)
            case .unmatched(let reason): ("unmatched: \(reason)", true)
            case .skipped(let reason): ("skipped: \(reason)", true)
            }
        }
    }
}
