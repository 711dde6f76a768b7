import ArgumentParser
import Foundation
import Storage
import Subscribers

#if canImport(Glibc)
    import Glibc
#endif

/// The addresses in a file given to `suppress`: one a line, or the email column of a CSV file.
enum AddressFile {
    struct Entry {
        let line: Int
        let email: EmailAddress
    }

    /// The addresses in `bytes`, and each line that holds no valid address.
    static func read(_ bytes: [UInt8], file: String) -> (addresses: [Entry], problems: [SubscribersError]) {
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
