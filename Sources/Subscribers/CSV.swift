import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A problem that keeps one CSV record from being read.
public enum CSVProblem: Sendable, Equatable, CustomStringConvertible {
    /// A quoted field is never closed before the end of the file.
    case unclosedQuote
    /// A `"` inside a field that does not start with one (RFC 4180 wants the whole field quoted).
    case quoteInUnquotedField
    /// Something other than a comma or a line break follows a closing quote.
    case textAfterClosingQuote
    /// The record's bytes are not valid UTF-8.
    case invalidUTF8

    /// The reason in words, to put after a file name and line number.
    public var description: String {
        switch self {
        case .unclosedQuote: "a quoted field is never closed (a '\"' is missing)"
        case .quoteInUnquotedField:
            "a '\"' inside a field that is not quoted (quote the whole field and double the '\"')"
        case .textAfterClosingQuote: "text follows a closing '\"' before the next comma or line break"
        case .invalidUTF8: "the line is not valid UTF-8 text"
        }
    }
}

/// One record of a CSV file, as `CSVReader` found it.
public struct CSVRow: Sendable, Equatable {
    /// The 1-based line on which the record starts (a quoted line break inside a field counts).
    public var line: Int
    /// The fields in order; empty when `problem` is set.
    public var fields: [String]
    /// Why the record could not be read, if it could not.
    public var problem: CSVProblem?
    /// The record's bytes exactly as they stand in the file, without the line break that ends it.
    public var raw: [UInt8]
    /// The line break that ended the record: `"\n"`, `"\r\n"`, `"\r"` (classic Mac OS), or empty at the end of
    /// the file.
    public var lineBreak: [UInt8]

    /// Creates a row; `CSVReader` is the usual source.
    public init(line: Int, fields: [String], problem: CSVProblem? = nil, raw: [UInt8], lineBreak: [UInt8]) {
        self.line = line
        self.fields = fields
        self.problem = problem
        self.raw = raw
        self.lineBreak = lineBreak
    }

    /// Whether the record is an empty line.
    public var isBlank: Bool { raw.isEmpty }
}

/// An RFC 4180 CSV reader: fields separated by commas, records by CRLF, LF or a lone CR (as classic Mac OS and
/// some spreadsheet exports end lines), fields quoted with `"` where they hold commas, quotes (doubled) or line
/// breaks.
///
/// It works on bytes so that a record with invalid UTF-8 is reported on its own line while every
/// other record is still read. A malformed record is reported and reading goes on with the next
/// line, so one stray quote never swallows the rest of the file.
public struct CSVReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads every record in `bytes`, in order. A final line break does not start an empty record.
    public func rows(in bytes: [UInt8]) -> [CSVRow] {
        var parser = Parser(bytes: bytes)
        var rows: [CSVRow] = []
        while let row = parser.next() {
            rows.append(row)
        }
        return rows
    }

    /// Reads the records in `bytes` one at a time: `next()` gives the next record, or nil at the
    /// end. Unlike `rows(in:)`, it never holds more than one record, which matters for big files.
    public func records(in bytes: [UInt8]) -> Records {
        Records(parser: Parser(bytes: bytes))
    }

    /// The records of one file, read on demand (see `records(in:)`).
    public struct Records: IteratorProtocol {
        fileprivate var parser: Parser

        /// The next record, or nil after the last.
        public mutating func next() -> CSVRow? {
            parser.next()
        }
    }
}

/// The records of a CSV file read through a window of a few tens of kilobytes, so that a file of
/// any length is read in constant memory: the same records, line numbers and problems as
/// `CSVReader.records(in:)` gives for the whole file.
///
/// It reads with `pread` from a descriptor it does not own, so the file stays the one that was
/// opened even if it is replaced meanwhile, and reading can start again from any offset.
struct CSVFileRecords {
    private let descriptor: Int32
    private let path: String
    private var parser = Parser(bytes: [])
    /// Where in the file the window after `parser.bytes` starts.
    private var fileOffset: Int
    private var atEnd = false
    private static let chunkSize = 64 * 1024

    /// Records from `offset` of the open file `descriptor` on; `line` is the line number there.
    init(descriptor: Int32, path: String, offset: Int = 0, line: Int = 1) {
        self.descriptor = descriptor
        self.path = path
        fileOffset = offset
        parser.line = line
    }

    /// The offset in the file of the next record.
    var offset: Int { fileOffset - (parser.bytes.count - parser.index) }

    /// The line number of the next record.
    var line: Int { parser.line }

    /// The next record, or nil at the end of the file.
    ///
    /// - Throws: `SubscribersError` (`.unreadable`) when reading fails.
    mutating func next() throws(SubscribersError) -> CSVRow? {
        // Each further read for one record is twice as long, so that even a quote left open near
        // the start of a long file is read in a few passes, not one per chunk.
        var readSize = Self.chunkSize
        while true {
            let start = parser.index
            let startLine = parser.line
            if start >= parser.bytes.count && atEnd { return nil }
            if start < parser.bytes.count, let row = parser.next(), !parser.touchedEnd || atEnd {
                return row
            }
            // The record may go on past the window: read on, and read it again from its start.
            var window = Array(parser.bytes[start...])
            let chunk = try read(readSize)
            readSize = min(readSize * 2, 1 << 30)
            if chunk.isEmpty { atEnd = true }
            window += chunk
            parser = Parser(bytes: window)
            parser.line = startLine
        }
    }

    private mutating func read(_ size: Int) throws(SubscribersError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: size)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress, buffer.count, off_t(fileOffset))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw SubscribersError(.unreadable, "cannot be read (\(String(cString: strerror(errno))))", file: path)
            }
            fileOffset += count
            chunk.removeLast(chunk.count - count)
            return chunk
        }
    }
}

private let quote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")

/// The state of one pass over the bytes.
fileprivate struct Parser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    /// Whether the last record read ran into the end of `bytes`: with more of the file to come,
    /// it may be cut short and must be read again from a longer window.
    var touchedEnd = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Length of the line break at `position` (1 for LF or a lone CR, 2 for CRLF), or 0 when there is none.
    mutating func lineBreakLength(at position: Int) -> Int {
        guard position < bytes.count else {
            touchedEnd = true
            return 0
        }
        if bytes[position] == lf { return 1 }
        guard bytes[position] == cr else { return 0 }
        // A CR at the end of the window may be the first half of a CRLF in the next one.
        guard position + 1 < bytes.count else {
            touchedEnd = true
            return 1
        }
        return bytes[position + 1] == lf ? 2 : 1
    }

    mutating func next() -> CSVRow? {
        touchedEnd = false
        guard index < bytes.count else { return nil }
        let start = index
        let startLine = line
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var atFieldStart = true
        var afterClosingQuote = false

        func finish(_ parser: inout Parser, end: Int, breakLength: Int) -> CSVRow {
            fields.append(field)
            parser.index = end + breakLength
            if breakLength > 0 { parser.line += 1 }
            var decoded: [String] = []
            decoded.reserveCapacity(fields.count)
            for bytes in fields {
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    return CSVRow(
                        line: startLine, fields: [], problem: .invalidUTF8, raw: Array(parser.bytes[start..<end]),
                        lineBreak: Array(parser.bytes[end..<end + breakLength]))
                }
                decoded.append(text)
            }
            return CSVRow(
                line: startLine, fields: decoded, raw: Array(parser.bytes[start..<end]),
                lineBreak: Array(parser.bytes[end..<end + breakLength]))
        }

        /// Gives up on the record: it runs to the next line break at or after `from`, whatever the quotes say.
        func fail(_ parser: inout Parser, _ problem: CSVProblem, from: Int) -> CSVRow {
            var end = from
            while end < parser.bytes.count, parser.bytes[end] != lf, parser.bytes[end] != cr { end += 1 }
            if end >= parser.bytes.count { parser.touchedEnd = true }
            let breakLength = end < parser.bytes.count ? parser.lineBreakLength(at: end) : 0
            parser.index = end + breakLength
            parser.line += breakLength > 0 ? 1 : 0
            return CSVRow(
                line: startLine, fields: [], problem: problem, raw: Array(parser.bytes[start..<end]),
                lineBreak: Array(parser.bytes[end..<end + breakLength]))
        }

        while true {
            if index >= bytes.count {
                touchedEnd = true
                return finish(&self, end: bytes.count, breakLength: 0)
            }
            let byte = bytes[index]
            if atFieldStart && byte == quote {
                // A quoted field: runs to the next lone quote; doubled quotes stand for one.
                var position = index + 1
                var lineInField = line
                while true {
                    guard position < bytes.count else {
                        // Never closed: report the record's first line and go on from the line after it.
                        touchedEnd = true
                        line = startLine
                        return fail(&self, .unclosedQuote, from: start)
                    }
                    let inner = bytes[position]
                    if inner == quote {
                        // A closing quote at the very end may be the first of a doubled one.
                        if position + 1 >= bytes.count { touchedEnd = true }
                        if position + 1 < bytes.count, bytes[position + 1] == quote {
                            field.append(quote)
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if inner == lf || (inner == cr && (position + 1 >= bytes.count || bytes[position + 1] != lf)) {
                        lineInField += 1
                    }
                    field.append(inner)
                    position += 1
                }
                line = lineInField
                index = position
                atFieldStart = false
                // What follows the closing quote must end the field: the checks below, where anything
                // else is text after the closing quote.
                afterClosingQuote = true
                continue
            }
            atFieldStart = false
            if byte == comma {
                fields.append(field)
                field = []
                index += 1
                atFieldStart = true
                afterClosingQuote = false
                continue
            }
            let breakLength = lineBreakLength(at: index)
            if breakLength > 0 {
                return finish(&self, end: index, breakLength: breakLength)
            }
            if afterClosingQuote {
                return fail(&self, .textAfterClosingQuote, from: index)
            }
            if byte == quote {
                return fail(&self, .quoteInUnquotedField, from: index)
            }
            // The run of ordinary bytes up to the next comma, quote or line break, copied at once.
            var end = index + 1
            while end < bytes.count {
                let next = bytes[end]
                if next == comma || next == quote || next == lf || next == cr { break }
                end += 1
            }
            field.append(contentsOf: bytes[index..<end])
            index = end
        }
    }
}

/// Writes CSV records in the form `CSVReader` reads: a field is quoted only when it holds a comma,
/// a quote, CR or LF, and quotes inside it are doubled.
public struct CSVWriter: Sendable {
    /// The line break written after every record.
    public var lineBreak: String

    /// Creates a writer that ends records with `lineBreak` (LF by default).
    public init(lineBreak: String = "\n") {
        self.lineBreak = lineBreak
    }

    /// One field as it is written.
    public static func encode(field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == comma || $0 == quote || $0 == cr || $0 == lf }
        guard needsQuotes else { return field }
        var quoted = "\""
        quoted.reserveCapacity(field.utf8.count + 2)
        for character in field.unicodeScalars {
            if character == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(character)
        }
        quoted.unicodeScalars.append("\"")
        return quoted
    }

    /// Appends one record and the line break to `output`, as bytes (no string is built on the way).
    public func append(record fields: [String], to output: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(comma) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == comma || $0 == quote || $0 == cr || $0 == lf }) {
                output.append(quote)
                for byte in utf8 {
                    if byte == quote { output.append(quote) }
                    output.append(byte)
                }
                output.append(quote)
            } else {
                output.append(contentsOf: utf8)
            }
        }
        output.append(contentsOf: lineBreak.utf8)
    }

    /// One record without its line break.
    public func encode(record fields: [String]) -> String {
        fields.map(CSVWriter.encode(field:)).joined(separator: ",")
    }

    /// Every record, each followed by the line break.
    public func encode(records: [[String]]) -> String {
        records.map { encode(record: $0) + lineBreak }.joined()
    }
}
