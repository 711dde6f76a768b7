import ArgumentParser
import Composer
import Foundation
import Subscribers

// MARK: - Shared options and helpers

/// `--list L`, which every subscribers command takes.
struct ListOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The list, Subscribers/<list>.csv; default: the theme's.", valueName: "list"))
    var list: String?

    func validate() throws {
        if let list {
            try Newsletter.checkName(
                list, of: "--list", what: "a list name (a file name in Subscribers/, without .csv)")
        }
    }

    /// The list named, or the only theme's list.
    func target(_ newsletter: Newsletter) throws -> ListTarget {
        let name = try list ?? newsletter.theme(nil).settings.list
        return ListTarget(name: name, file: newsletter.listFile(name), newsletter: newsletter)
    }
}

/// A list the command works on: its name (as in the tokens) and its file.
struct ListTarget {
    let name: String
    let file: URL
    let newsletter: Newsletter

    /// Section ids from `--sections` (comma or semicolon separated), checked against the sections of
    /// the theme that uses this list, when there is one.
    func checkedSections(_ text: String?) throws -> [String] {
        guard let text else { return [] }
        let ids = text.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let themes = (try? Theme.available(in: newsletter.templates)) ?? []
        for id in themes {
            guard let theme = try? Theme.load(id: id, templates: newsletter.templates), theme.settings.list == name
            else { continue }
            let known = theme.settings.sections.map(\.id)
            if let unknown = ids.first(where: { !known.contains($0) }) {
                throw ValidationError(
                    "--sections: unknown section '\(unknown)' in theme \(id) (known: \(known.joined(separator: ", ")))")
            }
        }
        return ids
    }
}

/// The filters `list` and `export` share.
struct FilterOptions: ParsableArguments {
    @Option(help: "Only subscribers with this status: active, unsubscribed, bounced or complained.")
    var status: String?

    @Option(help: ArgumentHelp("Only subscribers who receive this section.", valueName: "id"))
    var section: String?

    @Option(help: ArgumentHelp("Only subscribers whose address or name contains this text.", valueName: "text"))
    var search: String?

    @Flag(help: "Only subscribers who receive mail: active and not suppressed.")
    var receiving = false

    var isActive: Bool { status != nil || section != nil || search != nil || receiving }

    func validate() throws {
        if let status, SubscriberStatus(rawValue: status) == nil {
            throw ValidationError("unknown status '\(status)' (active, unsubscribed, bounced, complained)")
        }
    }

    func predicate(for list: SubscriberList) throws -> (Subscriber) -> Bool {
        let status = self.status.flatMap(SubscriberStatus.init(rawValue:))
        let section = self.section
        let search = self.search?.lowercased()
        let receiving = self.receiving
        return { subscriber in
            if let status, subscriber.status != status { return false }
            if let section, !subscriber.wantsSection(section) { return false }
            if let search, !subscriber.email.description.lowercased().contains(search),
                !subscriber.name.lowercased().contains(search)
            {
                return false
            }
            if receiving, subscriber.status != .active || list.isSuppressed(subscriber.email) { return false }
            return true
        }
    }
}
