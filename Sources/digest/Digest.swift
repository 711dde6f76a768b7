import ArgumentParser
import CommandOptions
import Foundation
import Renderer

/// `digest`: collect a week of news, summarise it, compose a themed regional digest, preview it
/// in the terminal and send it to a subscriber list.
@main
struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Compose a weekly newsletter digest from the week's news, preview it, and email it.",
        discussion: """
            Every command works on a newsletter folder holding Templates/ (one folder per theme), \
            Subscribers/ (CSV lists) and Digests/ (collected articles and composed issues): the \
            current directory, or the folder given with --root.
            """,
        version: "0.1.0",
        subcommands: [
            CollectCommand.self, ExtractCommand.self, SummarizeCommand.self, ComposeCommand.self,
            EditCommand.self, EventsCommand.self, PreviewCommand.self, SendCommand.self, SubscribersCommand.self,
            RunCommand.self, ApproveCommand.self, ServeCommand.self, ArchiveCommand.self, BouncesCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}

extension GlobalOptions {
    var newsletter: Newsletter { Newsletter(root: folder) }
}

/// The help of `--allow-private-hosts`, which every command that fetches over HTTP takes.
var allowPrivateHostsHelp: ArgumentHelp {
    ArgumentHelp(
        "Fetch from loopback, private and link-local addresses too (refused by default).",
        discussion: "Feeds and pages on 127.0.0.1, 10/8, 172.16/12, 192.168/16, 169.254/16 (the cloud metadata "
            + "address), fc00::/7, fe80::/10 and the like are not fetched unless named with this flag, or with "
            + "'allow_private_hosts: true' in the theme.")
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// `text` safe to print on a terminal (see `Terminal.printable`). Every string that comes from input (a feed's
/// title, an article's sentence) goes through it before it is printed.
func printable(_ text: some StringProtocol) -> String { Terminal.printable(text) }

/// Refuses a value given on the command line that holds control characters.
func checkPrintable(_ value: String, option: String) throws {
    if printable(value) != value {
        throw ValidationError("\(option): '\(printable(value))' contains a control character")
    }
}
