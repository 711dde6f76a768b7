import ArgumentParser
import Composer
import Foundation
import Subscribers

struct SubscribersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribers",
        abstract: "Look after the subscriber lists in Subscribers/.",
        subcommands: [ListSubcommand.self]
    )

    struct ListSubcommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a subscriber list, with counts by status; bad rows are reported by line."
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "The list (Subscribers/<list>.csv); default: the theme's.")
        var list: String?

        @Option(help: "Only subscribers with this status: active, unsubscribed, bounced or complained.")
        var status: String?

        func validate() throws {
            if let status, SubscriberStatus(rawValue: status) == nil {
                throw ValidationError("unknown status '\(status)' (active, unsubscribed, bounced, complained)")
            }
        }

        func run() throws {
            let newsletter = global.newsletter
            let name = try list ?? newsletter.theme(nil).settings.list
            let file = newsletter.listFile(name)
            let loaded = try SubscriberList.load(from: file)
            for problem in loaded.problems { printError("digest: \(problem)") }
            let wanted = status.flatMap(SubscriberStatus.init(rawValue:))
            var counts: [SubscriberStatus: Int] = [:]
            for subscriber in loaded.subscribers {
                counts[subscriber.status, default: 0] += 1
                guard wanted == nil || subscriber.status == wanted else { continue }
                let sections = subscriber.sections.isEmpty ? "all sections" : subscriber.sections.joined(separator: ", ")
                let name = subscriber.name.isEmpty ? "" : " (\(subscriber.name))"
                print("\(subscriber.email)\(name) — \(subscriber.status.rawValue), \(sections)")
            }
            let summary = SubscriberStatus.allCases.map { "\(counts[$0, default: 0]) \($0.rawValue)" }
            print("\(loaded.subscribers.count) subscribers in \(file.path): \(summary.joined(separator: ", "))")
        }
    }
}
