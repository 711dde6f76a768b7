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

    /// The list named, else `theme`'s list: its name and file, the theme's name checked too.
    func list(of theme: Theme, in newsletter: Newsletter) throws -> (name: String, file: URL) {
        let name = list ?? theme.settings.list
        return (name, try newsletter.checkedListFile(name, option: list == nil ? "the theme's list" : "--list"))
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

    /// Section ids from `--sections`, checked against the sections of the themes that use this list.
    func checkedSections(_ text: String?) throws -> [String] {
        do {
            return try text.map { try Theme.checkedSections($0, forList: name, templates: newsletter.templates) } ?? []
        } catch {
            throw ValidationError("--sections: \(error)")
        }
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

    func validate() throws {
        if let status, SubscriberStatus(rawValue: status) == nil {
            throw ValidationError("unknown status '\(status)' (active, unsubscribed, bounced, complained)")
        }
    }

    var filter: SubscriberFilter {
        SubscriberFilter(
            status: status.flatMap(SubscriberStatus.init(rawValue:)), section: section, search: search,
            receiving: receiving)
    }
}
