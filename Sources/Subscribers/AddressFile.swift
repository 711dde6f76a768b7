import Foundation
import Storage

/// The addresses in a file given to `suppress`: one a line, or the email column of a CSV file.
public enum AddressFile {
    /// One address and the line it was read from.
    public struct Entry: Sendable, Equatable {
        /// The 1-based line of the file.
        public let line: Int
        /// The address.
        public let email: EmailAddress
    }

    /// The addresses in `bytes`, and each line that holds no valid address.
    public static func read(_ bytes: [UInt8], file: String) -> (addresses: [Entry], problems: [SubscribersError]) {
        // Saved as UTF-16, or with a byte-order mark: read as the UTF-8 it stands for.
        guard let bytes = TextBytes.utf8(bytes) else {
            return (
                [], [SubscribersError(.malformedRow, "not valid UTF-16, though it starts with its mark", file: file)]
            )
        }
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

    /// The lines of `bytes`, which end in LF, CRLF or a lone CR (classic Mac OS), as CSVReader reads them.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(bytes[start..<index])
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        lines.append(bytes[start...])
        return lines
    }

    /// One address a line; what follows a comma, semicolon or space is a note, `#` starts a comment.
    private static func readLines(_ bytes: [UInt8], file: String) -> (addresses: [Entry], problems: [SubscribersError])
    {
        var addresses: [Entry] = []
        var problems: [SubscribersError] = []
        for (index, raw) in lines(of: bytes).enumerated() {
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
