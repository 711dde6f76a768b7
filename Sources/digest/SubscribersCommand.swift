import ArgumentParser
import CommandOptions
import Composer
import Foundation
import Storage
import Subscribers

#if canImport(Glibc)
    import Glibc
#endif

struct SubscribersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribers",
        abstract: "Look after the subscriber lists in Subscribers/.",
        discussion: """
            A list is Subscribers/<list>.csv with the header email,name,sections,status,added_at,source \
            (sections ;-separated, empty = all; status active, unsubscribed, bounced or complained) and \
            any further columns as personalisation fields. Addresses in Subscribers/<list>.suppressed are \
            never mailed. Every change is made under a lock (<list>.csv.lock) and written atomically; a \
            list with a syntax error is reported and left alone until it is fixed by hand.
            """,
        subcommands: [
            AddSubcommand.self, RemoveSubcommand.self, ListSubcommand.self, ImportSubcommand.self,
            ExportSubcommand.self, UnsubscribeSubcommand.self, SuppressSubcommand.self,
        ]
    )

    // MARK: - add

    struct AddSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add one subscriber to a list (the list is created if it is missing).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ListOptions

        @Argument(help: ArgumentHelp("The address, bare: no display name.", valueName: "email"))
        var email: String

        @Option(help: "The name to greet them by.")
        var name: String = ""

        @Option(help: ArgumentHelp("The section ids they want, like japan,china; default: all.", valueName: "ids"))
        var sections: String?

        @Option(help: "How consent was given, like signup-form.")
        var source: String = "cli"

        func validate() throws {
            try checkPrintable(source, option: "--source")
            _ = try parseAddress(email)
            if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw ValidationError("--name: a name cannot hold a line break or control character")
            }
        }

        func run() throws {
            let address = try parseAddress(email)
            let target = try options.target(global.newsletter)
            let ids = try target.checkedSections(sections)
            let suppressed = try SubscriberList.add(
                Subscriber(email: address, name: name, sections: ids, status: .active, addedAt: Date(), source: source),
                toListAt: target.file)
            print("Added \(address) to \(target.file.path)")
            if suppressed { printError("digest: note: \(address) is suppressed, so will not be mailed") }
        }
    }

    // MARK: - remove

    struct RemoveSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take subscribers off a list; nothing is removed unless every address is on it.",
            discussion: "To stop mail but keep the record, use unsubscribe or suppress instead.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ListOptions

        @Argument(help: ArgumentHelp("The addresses to remove.", valueName: "email"))
        var emails: [String]

        func validate() throws {
            if emails.isEmpty { throw ValidationError("give at least one address to remove") }
            for email in emails { _ = try parseAddress(email) }
        }

        func run() throws {
            let addresses = try emails.map { try parseAddress($0) }
            let target = try options.target(global.newsletter)
            try SubscriberList.edit(at: target.file) { try $0.remove(all: addresses) }
            print("Removed \(addresses.count) subscriber\(addresses.count == 1 ? "" : "s") from \(target.file.path)")
        }
    }

    // MARK: - list

    struct ListSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a subscriber list, with counts by status; bad rows are reported by line.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, csv
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ListOptions
        @OptionGroup var filter: FilterOptions

        @Option(help: "text (one subscriber a line, then the counts) or csv (the selected rows as in the file).")
        var format: Format = .text

        @Flag(help: "Print only the counts.")
        var counts = false

        func run() throws {
            let target = try options.target(global.newsletter)
            let list = try SubscriberList.load(from: target.file)
            for problem in list.problems { printError("digest: \(problem)") }
            try writeStandardOutput(
                format == .csv
                    ? list.csvBytes(matching: filter.filter)
                    : Array(list.listing(matching: filter.filter, countsOnly: counts, path: target.file.path).utf8))
        }
    }

    // MARK: - import

    struct ImportSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the subscribers of a CSV file to a list, reporting every row that cannot be used.",
            discussion: """
                The file needs a header row with an email column; name, sections, status, added_at and \
                source are optional, and further columns become personalisation fields. Every good row is \
                added; each bad row (a bad address, malformed CSV, the wrong number of fields, invalid \
                UTF-8, an address repeated in the file) is reported with its line number and left out, \
                and the command then exits with status 1. Addresses already on the list are left as \
                they are there.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ListOptions

        @Argument(help: ArgumentHelp("The CSV file to import.", valueName: "file"))
        var file: String

        @Option(help: "The source recorded for rows without one; default: import:<file name>.")
        var source: String?

        func validate() throws { if let source { try checkPrintable(source, option: "--source") } }

        @Flag(help: "Check the file and report, without changing the list.")
        var dryRun = false

        func run() throws {
            let target = try options.target(global.newsletter)
            let input = URL(fileURLWithPath: file)
            let bytes = try readInput(input)
            let report = try SubscriberList.importSubscribers(
                csv: bytes, file: file, intoListAt: target.file, addedAt: Date(),
                source: source ?? "import:\(input.lastPathComponent)", dryRun: dryRun)
            for problem in report.problems { printError("digest: \(problem)") }
            print(report.summary(into: target.file.path, dryRun: dryRun))
            if let failure = report.failure(file: file, dryRun: dryRun) { throw CommandFailure(failure) }
        }
    }

    // MARK: - export

    struct ExportSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a list (or the subscribers the filters select) as CSV, to stdout or a file.",
            discussion: "Rows are written exactly as they stand in the list; rows that cannot be used are left out.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ListOptions
        @OptionGroup var filter: FilterOptions

        @Option(help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func run() throws {
            let target = try options.target(global.newsletter)
            let list = try SubscriberList.load(from: target.file)
            for problem in list.problems { printError("digest: skipped \(problem)") }
            let bytes = list.csvBytes(matching: filter.filter)
            guard let output else { return try writeStandardOutput(bytes) }
            // An export onto a list file would replace the live list with a filtered copy, unlocked.
            if SubscriberList.isListFile(output, in: global.newsletter.subscribers) {
                throw CommandFailure(
                    "\(output): is a subscriber list of this newsletter; export to another file (lists change only "
                        + "through `digest subscribers` commands, under the list's lock)")
            }
            do {
                try AtomicWrite.write(Data(bytes), to: output)
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure("\(output): cannot write the export: \(error)")
            }
        }
    }

    // MARK: - unsubscribe

    struct UnsubscribeSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unsubscribe",
            abstract: "Mark a subscriber as unsubscribed, by address or by the token from their unsubscribe link.",
            discussion: """
                A token only ever unsubscribes the address it was made for, on the list it was made for; \
                one that was altered, or made with another secret, is refused. The whole link may be given \
                in place of the token.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ListOptions

        @Argument(help: ArgumentHelp("The address to unsubscribe.", valueName: "email"))
        var email: String?

        @Option(help: "The token from an unsubscribe link (or the link itself).")
        var token: String?

        func validate() throws {
            switch (email, token) {
            case (nil, nil): throw ValidationError("give an address, or --token TOKEN")
            case (.some, .some): throw ValidationError("give an address or --token, not both")
            case (let email?, nil): _ = try parseAddress(email)
            case (nil, let token?):
                if UnsubscribeSecret.token(inLink: token).isEmpty {
                    throw ValidationError("--token: the token is empty")
                }
            }
        }

        func run() throws {
            let newsletter = global.newsletter
            let target = try options.target(newsletter)
            let who: Unsubscriber =
                if let token {
                    .token(UnsubscribeSecret.token(inLink: token), secret: try newsletter.unsubscribeSecret())
                } else {
                    .address(try parseAddress(email ?? ""))
                }
            print(try SubscriberList.unsubscribe(who, list: target.name, at: target.file).summary)
        }
    }

    // MARK: - suppress

    struct SuppressSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suppress",
            abstract: "Never mail the addresses in a file again (bounces and complaints from the relay).",
            discussion: """
                FILE is either one address a line (anything after the first comma, space or # is ignored) \
                or a CSV file with a header row that has an email column. The addresses go into \
                Subscribers/<list>.suppressed, whether or not they are on the list; each line that holds \
                no valid address is reported with its number, and the command then exits with status 1.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ListOptions

        @Argument(help: ArgumentHelp("The file of addresses.", valueName: "file"))
        var file: String

        @Option(help: "A note kept beside each address; default: the file's name and today's date.")
        var note: String?

        func run() throws {
            let target = try options.target(global.newsletter)
            let input = URL(fileURLWithPath: file)
            let report = try SuppressionList.suppress(
                addressFile: try readInput(input), file: file,
                note: note ?? SuppressionList.defaultNote(file: input, now: Date()), forList: target.file)
            for problem in report.problems { printError("digest: \(problem)") }
            print(report.summary)
            if let failure = report.failure(file: file) { throw CommandFailure(failure) }
        }
    }
}
