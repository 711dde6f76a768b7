import DigestTestSupport
import Foundation
import Testing

@testable import Subscribers

@Suite("Reading a list file row by row")
struct SubscriberListReaderTests {
    /// A list of a few hundred kilobytes (several reading windows) whose rows are of every kind:
    /// quoted fields with commas, quotes and line breaks, CRLF and LF, blank lines, bad addresses,
    /// wrong field counts, invalid UTF-8, a stray quote, and a last row without its line break.
    static func trickyFile(byteOrderMark: Bool) -> [UInt8] {
        var generator = SeededGenerator(state: 42)
        var bytes: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        bytes += Array("email,name,sections,status,added_at,source,note\r\n".utf8)
        var number = 0
        while bytes.count < 300_000 {
            number += 1
            let address = "reader\(number)@example.com"
            let lineBreak = generator.next() % 3 == 0 ? "\r\n" : "\n"
            let row: String
            if number == 1500 {
                // A quote left open: the record runs on to the next quote, rows later.
                bytes += Array("\(address),\"Unclosed name,,active,,form,\n".utf8)
                continue
            }
            switch generator.next() % 12 {
            case 0: row = "\(address),\"Tan, Mei\",china;japan,active,,form,\"a \"\"quoted\"\" note\""
            case 1: row = "\(address),\"Two\nLines\",,active,,form,\"line one\r\nline two\nline three\""
            case 2: row = "\(address),Bad Row,,active,,form"
            case 3: row = "not an address,Nobody,,active,,form,"
            case 4: row = ""
            case 5: row = "\(address),Stray \"quote,,active,,form,"
            case 6: row = "\(address),Unsub,,unsubscribed,2026-01-02T03:04:05Z,form,"
            case 7: row = "\(address),\"Closed\"late,,active,,form,"
            default:
                row =
                    "\(address),Reader \(number),,active,,form,\(String(repeating: "x", count: Int(generator.next() % 90)))"
            }
            bytes += Array(row.utf8)
            if generator.next() % 50 == 0 {
                bytes += [0xC3, 0x28]  // invalid UTF-8 at the end of a row
            }
            bytes += Array(lineBreak.utf8)
        }
        bytes += Array("last@example.com,Last,,active,,form,no line break".utf8)
        return bytes
    }

    /// Every row the reader gives, as text to compare.
    static func readAll(_ reader: SubscriberListReader) throws -> (subscribers: [Subscriber], problems: [String]) {
        var subscribers: [Subscriber] = []
        var problems: [String] = []
        while let row = try reader.next() {
            switch row {
            case .subscriber(let subscriber): subscribers.append(subscriber)
            case .problem(let problem): problems.append(problem.description)
            }
        }
        return (subscribers, problems)
    }

    @Test("gives the rows and problems of a list read whole, across reading windows", arguments: [false, true])
    func sameAsWhole(byteOrderMark: Bool) throws {
        let folder = try TemporaryDirectory(prefix: "list-reader")
        let bytes = Self.trickyFile(byteOrderMark: byteOrderMark)
        let url = folder.url.appendingPathComponent("asia.csv")
        try Data(bytes).write(to: url)
        let whole = try SubscriberList.load(from: url)
        let reader = try SubscriberListReader(url: url)
        let (subscribers, problems) = try Self.readAll(reader)
        #expect(subscribers.count > 1000)
        #expect(subscribers.map(\.email) == whole.subscribers.map(\.email))
        #expect(subscribers == whole.subscribers)
        #expect(subscribers.map(\.line) == whole.subscribers.map(\.line))
        #expect(problems.count > 100)
        #expect(problems == whole.problems.map(\.description))

        // Read again from the start: the same rows, even after the list was saved anew (as
        // every save does: a new file renamed over the old one).
        let replacement = folder.url.appendingPathComponent("replacement.csv")
        try Data(Array("email\nsomeone@example.com\n".utf8)).write(to: replacement)
        #expect(rename(replacement.path, url.path) == 0)
        reader.rewind()
        let again = try Self.readAll(reader)
        #expect(again.subscribers == subscribers)
        #expect(again.problems == problems)
        let middle = subscribers[subscribers.count / 2]
        #expect(reader.firstLine(of: middle.email) == middle.line)
    }

    @Test("an empty file has no rows; a bad header is refused as a whole list would be")
    func headers() throws {
        let folder = try TemporaryDirectory(prefix: "list-reader-header")
        let empty = folder.url.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        #expect(try SubscriberListReader(url: empty).next() == nil)
        let noEmail = folder.url.appendingPathComponent("no-email.csv")
        try Data("name,status\nMei,active\n".utf8).write(to: noEmail)
        let error = try #require(throws: SubscribersError.self) { try SubscriberListReader(url: noEmail) }
        #expect(error.code == .invalidHeader)
        let missing = try #require(throws: SubscribersError.self) {
            try SubscriberListReader(url: folder.url.appendingPathComponent("missing.csv"))
        }
        #expect(missing.code == .unreadable)
        #expect(missing.description.contains("no such file"))
    }
}
