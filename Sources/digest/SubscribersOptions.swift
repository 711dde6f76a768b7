import ArgumentParser
import Composer
import Foundation
import Storage
import Subscribers

#if canImport(Glibc)
    import Glibc
#endif

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

/// The addresses in a file given to `suppress`: one a line, or the email column of a CSV file.
enum AddressFile {
    struct Entry {
        let line: Int
        let email: EmailAddress
    }

    /// The addresses in `bytes`, and each line that holds no valid address.
    static func read(_ bytes: [UInt8], file: String) -> (addresses: [Entry], problems: [SubscribersError]) {
        let rows = CSVReader().rows(in: bytes)
        let column = rows.first?.fields.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == "email" }
        guard let column else { return readLines(bytes, file: file) }
        var addresses: [Entry] = []
        var problems: [SubscribersError] = []
        for row in rows.dropFirst() where !row.isBlank {
            if let problem = row.problem {
                problems.append(SubscribersError(.malformedRow, problem.description, file: file, line: row.line))
                continue
            }
            let text = column < row.fields.count ? row.fields[column].trimmingCharacters(in: .whitespaces) : ""
            do {
                addresses.append(Entry(line: row.line, email: try EmailAddress(text)))
            } catch {
                problems.append(SubscribersError(error.code, error.reason, file: file, line: row.line))
            }
        }
        return (addresses, problems)
    }

    /// One address a line; what follows a comma, semicolon or space is a note, `#` starts a comment.
    private static func readLines(_ bytes: [UInt8], file: String) -> (addresses: [Entry], problems: [SubscribersError])
    {
        var addresses: [Entry] = []
        var problems: [SubscribersError] = []
        for (index, raw) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            guard let text = String(validating: raw, as: UTF8.self) else {
                problems.append(
                    SubscribersError(.malformedRow, "the line is not valid UTF-8 text", file: file, line: line))
                continue
            }
            let content = text.trimmingCharacters(in: .whitespacesAndNewlines)
                .prefix { $0 != "," && $0 != " " && $0 != "\t" && $0 != ";" }
            if content.isEmpty || content.hasPrefix("#") { continue }
            do {
                addresses.append(Entry(line: line, email: try EmailAddress(String(content))))
            } catch {
                problems.append(SubscribersError(error.code, error.reason, file: file, line: line))
            }
        }
        return (addresses, problems)
    }
}

/// The address in an argument, or a usage error (exit status 64) saying what is wrong with it.
func parseAddress(_ text: String) throws -> EmailAddress {
    do {
        return try EmailAddress(text)
    } catch {
        throw ValidationError(error.reason)
    }
}

/// The bytes of a file named on the command line, or one line saying why it cannot be read.
func readInput(_ url: URL) throws -> [UInt8] {
    do {
        return [UInt8](try Data(contentsOf: url))
    } catch {
        let reason = FileManager.default.fileExists(atPath: url.path) ? error.localizedDescription : "no such file"
        throw CommandFailure("\(url.path): cannot be read (\(reason))")
    }
}

/// Writes bytes to standard output in one go (a long listing is not printed line by line).
func writeStandardOutput(_ bytes: [UInt8]) throws {
    try writeStandardOutput(Data(bytes))
}

/// Writes to standard output, every byte, or fails with one plain line (a full disk, a closed
/// pipe): output that is lost must not look like success.
func writeStandardOutput(_ data: Data) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        var offset = 0
        while offset < buffer.count {
            let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("standard output: cannot write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
