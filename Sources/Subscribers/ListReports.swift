import Foundation
import NewsValues

/// Which subscribers of a list to show: those with a status, who receive a section, whose address
/// or name holds a text, or who receive mail at all. A filter with nothing set selects everyone.
public struct SubscriberFilter: Sendable, Equatable {
    /// Only subscribers with this status.
    public var status: SubscriberStatus?
    /// Only subscribers who receive the section with this id.
    public var section: String?
    /// Only subscribers whose address or name contains this text (any case).
    public var search: String?
    /// Only subscribers who receive mail: active and not suppressed.
    public var receiving: Bool

    /// Makes a filter; with no arguments, one that selects everyone.
    public init(status: SubscriberStatus? = nil, section: String? = nil, search: String? = nil, receiving: Bool = false)
    {
        self.status = status
        self.section = section
        self.search = search
        self.receiving = receiving
    }

    /// Whether anything is set, so that the filter may leave someone out.
    public var isActive: Bool { status != nil || section != nil || search != nil || receiving }

    /// Whether `subscriber`, of `list`, is selected.
    public func matches(_ subscriber: Subscriber, in list: SubscriberList) -> Bool {
        if let status, subscriber.status != status { return false }
        if let section, !subscriber.wantsSection(section) { return false }
        if let search = search?.lowercased(), !subscriber.email.description.lowercased().contains(search),
            !subscriber.name.lowercased().contains(search)
        {
            return false
        }
        if receiving, subscriber.status != .active || list.isSuppressed(subscriber.email) { return false }
        return true
    }
}

extension SubscriberList {
    /// The selected rows as CSV, exactly as they stand in the list (see `csvBytes(where:)`).
    public func csvBytes(matching filter: SubscriberFilter) -> [UInt8] {
        csvBytes(where: { filter.matches($0, in: self) })
    }

    /// The list as text: one line per selected subscriber (unless `countsOnly`), then the counts by
    /// status, of the suppressed and of those who receive mail, and how many the filter selects
    /// when it is active. `path` names the list in the counts line.
    ///
    /// `ada@example.org (Ada) — active, suppressed, japan, china`, then
    /// `3 subscribers in Subscribers/asia.csv: 2 active, 1 unsubscribed, 0 bounced, 0 complained, 1 suppressed;
    /// 1 receive mail; 2 match`.
    public func listing(matching filter: SubscriberFilter = SubscriberFilter(), countsOnly: Bool = false, path: String)
        -> String
    {
        var output = ""
        var counts: [SubscriberStatus: Int] = [:]
        var suppressed = 0
        var shown = 0
        for subscriber in subscribers {
            counts[subscriber.status, default: 0] += 1
            let isSuppressed = isSuppressed(subscriber.email)
            if isSuppressed { suppressed += 1 }
            guard filter.matches(subscriber, in: self) else { continue }
            shown += 1
            if countsOnly { continue }
            let sections = subscriber.sections.isEmpty ? "all sections" : subscriber.sections.joined(separator: ", ")
            let name = subscriber.name.isEmpty ? "" : " (\(subscriber.name))"
            let note = isSuppressed ? ", suppressed" : ""
            output += "\(subscriber.email)\(name) — \(subscriber.status.rawValue)\(note), \(sections)\n"
        }
        let summary = SubscriberStatus.allCases.map { "\(counts[$0, default: 0]) \($0.rawValue)" }
        output += "\(subscribers.count) subscribers in \(path): \(summary.joined(separator: ", "))"
        output += ", \(suppressed) suppressed; \(activeRecipients.count) receive mail"
        if filter.isActive { output += "; \(shown) match" }
        return output + "\n"
    }

    /// Takes every one of `addresses` off the list, or none of them.
    ///
    /// - Throws: `.notFound` naming the first address that is not on the list; nothing is removed then.
    public mutating func remove(all addresses: [EmailAddress]) throws(SubscribersError) {
        for address in addresses where subscriber(address) == nil {
            throw SubscribersError(.notFound, "\(address) is not on the list; nothing was removed", file: file?.path)
        }
        for address in addresses { remove(address) }
    }

    /// Whether `path` is (or would be) a list file in the `lists` folder, once links are followed:
    /// a `.csv` file right inside it. Such a file changes only under its lock, never by an export.
    public static func isListFile(_ path: String, in lists: URL) -> Bool {
        let destination = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let folder = lists.standardizedFileURL.resolvingSymlinksInPath()
        return destination.deletingLastPathComponent().path == folder.path
            && destination.pathExtension.lowercased() == "csv"
    }

    /// Imports the CSV file `bytes` (named `file`) into the list at `url` (see `importSubscribers`),
    /// under its lock; with `dryRun`, into a copy of the list as every command reads it, writing
    /// nothing (not even a fold of the unsubscribe journal into the file). A missing list starts empty.
    public static func importSubscribers(
        csv bytes: [UInt8], file: String, intoListAt url: URL, addedAt: Date, source: String, dryRun: Bool
    ) throws -> ImportReport {
        guard dryRun else {
            return try edit(at: url, creatingIfMissing: true) { list in
                try list.importSubscribers(csv: bytes, file: file, addedAt: addedAt, source: source)
            }
        }
        var copy = FileManager.default.fileExists(atPath: url.path) ? try load(from: url) : SubscriberList()
        return try copy.importSubscribers(csv: bytes, file: file, addedAt: addedAt, source: source)
    }
}

extension ImportReport {
    /// The line an import ends with: `Imported 2 subscribers into <path> (1 already on the list,
    /// 1 bad rows, 1 suppressed and not to be mailed); new columns: city` (`Would import` for a dry run).
    public func summary(into path: String, dryRun: Bool) -> String {
        var summary = dryRun ? "Would import" : "Imported"
        summary += " \(added.count) subscriber\(added.count == 1 ? "" : "s") into \(path)"
        summary += " (\(alreadyOnList.count) already on the list, \(problems.count) bad rows"
        summary += suppressed > 0 ? ", \(suppressed) suppressed and not to be mailed)" : ")"
        if !newColumns.isEmpty { summary += "; new columns: \(newColumns.joined(separator: ", "))" }
        return summary
    }

    /// The failure to report when rows of `file` were left out (the good ones are imported); nil
    /// when every row could be used.
    public func failure(file: String, dryRun: Bool) -> String? {
        guard !problems.isEmpty else { return nil }
        return "\(problems.count) row\(problems.count == 1 ? "" : "s") of \(file) could not be imported (see above); "
            + "the \(added.count) good ones \(dryRun ? "would be" : "were")"
    }
}

/// What suppressing the addresses of a file did (`SuppressionList.suppress(addressFile:…)`).
public struct SuppressReport: Sendable {
    /// The suppression file.
    public var suppressionFile: URL
    /// How many addresses the file holds (repeats counted).
    public var read = 0
    /// The addresses suppressed now, in file order.
    public var added: [EmailAddress] = []
    /// How many active subscribers of the list are among `added`: who will no longer be mailed.
    public var activeOnList = 0
    /// Each line of the file that holds no valid address.
    public var problems: [SubscribersError] = []

    /// `Suppressed 2 new addresses in <file> (1 already suppressed or repeated; 1 active subscriber
    /// will no longer be mailed)`.
    public var summary: String {
        "Suppressed \(added.count) new address\(added.count == 1 ? "" : "es") in \(suppressionFile.path) "
            + "(\(read - added.count) already suppressed or repeated; \(activeOnList) active "
            + "subscriber\(activeOnList == 1 ? "" : "s") will no longer be mailed)"
    }

    /// The failure to report when lines of `file` held no address (the others are suppressed);
    /// nil when every line could be used.
    public func failure(file: String) -> String? {
        guard !problems.isEmpty else { return nil }
        return "\(problems.count) line\(problems.count == 1 ? "" : "s") of \(file) held no valid address (see above); "
            + "the other addresses were suppressed"
    }
}

extension SuppressionList {
    /// Suppresses every address of an address file (`AddressFile`: one a line, or a CSV file's email
    /// column) for the list at `list`, each with `note`, under the list's lock, whether or not they
    /// are on the list; then counts, reading the list without changing it, who on it this stops mailing.
    public static func suppress(addressFile bytes: [UInt8], file: String, note: String, forList list: URL) throws
        -> SuppressReport
    {
        let entries = AddressFile.read(bytes, file: file)
        try FileManager.default.createDirectory(at: list.deletingLastPathComponent(), withIntermediateDirectories: true)
        var report = SuppressReport(suppressionFile: Self.file(forList: list))
        report.read = entries.addresses.count
        report.problems = entries.problems
        report.added = try edit(forList: list) { suppression in
            entries.addresses.filter { suppression.add($0.email, note: note) }.map(\.email)
        }
        let newlySuppressed = Set(report.added.map { $0.description.lowercased() })
        let subscribers = (try? SubscriberList.load(from: list)) ?? SubscriberList()
        report.activeOnList =
            subscribers.subscribers.filter {
                $0.status == .active && newlySuppressed.contains($0.email.description.lowercased())
            }.count
        return report
    }

    /// The note `suppress` keeps beside each address when none is given: the file's name and the date.
    public static func defaultNote(file: URL, now: Date) -> String {
        "from \(file.lastPathComponent), \(ISO8601.format(now))"
    }
}

extension UnsubscribeSecret {
    /// The token in `text`: the `token` parameter of an unsubscribe link when a whole link is given,
    /// else the text itself, trimmed.
    public static func token(inLink text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let components = URLComponents(string: trimmed), components.scheme != nil,
            let value = components.queryItems?.first(where: { $0.name == "token" })?.value
        {
            return value
        }
        return trimmed
    }
}
