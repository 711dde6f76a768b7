import Foundation
import Storage

/// Addresses that must never be mailed, whatever the list says: hard bounces and complaints
/// reported by the relay, and anyone suppressed by hand.
///
/// It lives beside the list as `Subscribers/<list>.suppressed`, a text file with one address a
/// line; text after a `#` at the start of a line or after a space is a note, and lines that are blank or only a note are kept as they are:
///
/// ```
/// # bounces from the relay, November
/// old.reader@example.com  # 550 5.1.1 user unknown (suppressed 2026-11-30T07:00:00Z)
/// ```
///
/// Matching ignores case in the whole address, local part included: a bounce report that spells
/// an address differently must still stop mail to it.
public struct SuppressionList: Sendable {
    /// The file it was read from, if it was.
    public private(set) var file: URL?
    /// The lines that could not be read, each with its line number and reason.
    public private(set) var problems: [SubscribersError] = []

    /// Every line, in order, as it will be written back.
    private var lines: [[UInt8]] = []
    /// The suppressed addresses, each lower-cased.
    private var keys: Set<String> = []
    /// Whether the file ended in a line break (written back the same way).
    private var endsWithLineBreak = true

    /// The suppression file of the list at `list`: `<list without .csv>.suppressed`.
    public static func file(forList list: URL) -> URL {
        list.deletingPathExtension().appendingPathExtension("suppressed")
    }

    /// An empty suppression list.
    public init() {}

    /// Reads a suppression file's bytes; `file` names it in problems.
    public init(bytes: [UInt8], file: String? = nil) {
        var start = 0
        var lineNumber = 1
        endsWithLineBreak = bytes.last == UInt8(ascii: "\n") || bytes.isEmpty
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = Array(bytes[start..<end])
            lines.append(line)
            if let (code, problem) = read(line: line) {
                problems.append(SubscribersError(code, problem, file: file, line: lineNumber))
            }
            start = end + 1
            lineNumber += 1
        }
    }

    /// Reads the file at `url`; a missing file is an empty list.
    ///
    /// - Throws: `SubscribersError` with code `.unreadable` when the file exists but cannot be read:
    ///   sending without knowing who is suppressed is not safe.
    public static func load(from url: URL) throws(SubscribersError) -> SuppressionList {
        guard FileManager.default.fileExists(atPath: url.path) else {
            var list = SuppressionList()
            list.file = url
            return list
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SubscribersError(
                .unreadable, "cannot read the suppression list (\(error.localizedDescription))", file: url.path,
                underlying: error)
        }
        var list = SuppressionList(bytes: [UInt8](data), file: url.path)
        list.file = url
        return list
    }

    /// How many addresses are suppressed.
    public var count: Int { keys.count }

    /// Whether mail to `email` is suppressed.
    public func contains(_ email: EmailAddress) -> Bool {
        keys.contains(Self.key(email))
    }

    /// Suppresses `email`, with a note saying why; returns false when it already was.
    @discardableResult
    public mutating func add(_ email: EmailAddress, note: String = "") -> Bool {
        guard keys.insert(Self.key(email)).inserted else { return false }
        endsWithLineBreak = true
        let cleanNote = note.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : String($0) }.joined()
        let text = cleanNote.isEmpty ? email.description : "\(email.description)  # \(cleanNote)"
        lines.append(Array(text.utf8))
        return true
    }

    /// The file's bytes: the lines as read, then those added, each ending in a line break.
    public func fileBytes() -> [UInt8] {
        var output: [UInt8] = []
        for (index, line) in lines.enumerated() {
            output += line
            if index < lines.count - 1 || endsWithLineBreak { output.append(UInt8(ascii: "\n")) }
        }
        return output
    }

    /// Writes the list to `url` atomically (temporary file, fsync, rename).
    public func save(to url: URL) throws(SubscribersError) {
        do {
            try AtomicFile.replaceContents(
                of: url, with: fileBytes(), temporaryPrefix: AtomicFile.temporaryPrefix(for: url))
        } catch {
            throw SubscribersError(
                .writeFailed, "could not save the suppression list: \(error)", file: url.path, underlying: error)
        }
    }

    /// Reads one line into `keys`; returns why it cannot be used, if it cannot.
    private mutating func read(line: [UInt8]) -> (SubscribersError.Code, String)? {
        guard let text = String(validating: line, as: UTF8.self) else {
            return (.malformedRow, "the line is not valid UTF-8 text")
        }
        // A note starts at a `#` that begins the line or follows a space: `#` alone may be part of an address.
        var content = Substring(text)
        var previous: Character = " "
        for index in text.indices {
            if text[index] == "#", previous == " " || previous == "\t" {
                content = text[..<index]
                break
            }
            previous = text[index]
        }
        let address = content.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
        guard !address.isEmpty else { return nil }
        do {
            keys.insert(Self.key(try EmailAddress(address)))
            return nil
        } catch {
            return (error.code, error.reason)
        }
    }

    private static func key(_ email: EmailAddress) -> String {
        email.description.lowercased()
    }
}
