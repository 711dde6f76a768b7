import DigestTestSupport
import Foundation
import Testing

@testable import Subscribers

/// Files whose lines end in a lone CR (classic Mac OS, some spreadsheet exports), beside LF and CRLF.
@Suite("CSV line ends: LF, CRLF and a lone CR")
struct LineEndTests {
    @Test("a CR-only file reads like an LF file, line numbers and all")
    func crOnly() {
        let lf = CSVReader().rows(in: Array("email,name\na@example.com,A\n\"b@example.com\",\"B, b\"\n".utf8))
        let cr = CSVReader().rows(in: Array("email,name\ra@example.com,A\r\"b@example.com\",\"B, b\"\r".utf8))
        #expect(cr.map(\.fields) == lf.map(\.fields))
        #expect(cr.map(\.line) == [1, 2, 3])
        #expect(cr.map(\.lineBreak) == [[0x0D], [0x0D], [0x0D]])
        #expect(cr.map(\.raw) == lf.map(\.raw))
    }

    @Test("mixed line ends, and a lone CR inside a quoted field counted as a line")
    func mixed() {
        let rows = CSVReader().rows(in: Array("a\rb\nc\r\n\"d\re\",f\rg".utf8))
        #expect(rows.map(\.fields) == [["a"], ["b"], ["c"], ["d\re", "f"], ["g"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test("a malformed record in a CR-only file ends at its CR; the next one is read")
    func malformedEndsAtCR() throws {
        let rows = CSVReader().rows(in: Array("x,y\ra\"b,c\rd,e\r".utf8))
        try #require(rows.count == 3, "\(rows.map(\.fields))")
        #expect(rows[1].problem == .quoteInUnquotedField)
        #expect(rows[1].line == 2)
        #expect(rows[2].fields == ["d", "e"])
        #expect(rows[2].line == 3)
    }

    @Test("a CR-only list of several reading windows reads the same in windows as whole")
    func windows() throws {
        let folder = try TemporaryDirectory(prefix: "list-cr")
        var text = "email,name,sections,status,added_at,source\r"
        var number = 0
        while text.utf8.count < 200_000 {
            number += 1
            text += "reader\(number)@example.com,\"Reader, \(number)\",,active,,form\r"
        }
        let url = folder.url.appendingPathComponent("asia.csv")
        try Data(text.utf8).write(to: url)
        let whole = try SubscriberList.load(from: url)
        #expect(whole.subscribers.count == number)
        #expect(whole.problems.isEmpty)
        let reader = try SubscriberListReader(url: url)
        var read: [Subscriber] = []
        while let row = try reader.next() {
            if case .subscriber(let subscriber) = row { read.append(subscriber) }
        }
        #expect(read == whole.subscribers)
        #expect(read.last?.line == number + 1)
    }

    @Test("a list saved as UTF-16 is refused in place with what to do; importing it reads it")
    func utf16List() throws {
        let folder = try TemporaryDirectory(prefix: "list-utf16")
        let text = "email,name\r\nmei@example.com,Mei\r\n"
        let bytes = [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian) ?? Data())
        let url = folder.url.appendingPathComponent("asia.csv")
        try Data(bytes).write(to: url)
        let error = try #require(throws: SubscribersError.self) { try SubscriberList.load(from: url) }
        #expect(error.code == .invalidHeader)
        #expect(error.description.contains("saved as UTF-16LE; save it as UTF-8"), "\(error)")
        #expect(throws: SubscribersError.self) { try SubscriberListReader(url: url) }

        var list = try SubscriberList(csv: Array("email,name\n".utf8))
        let report = try list.importSubscribers(csv: bytes, file: "asia.csv", addedAt: Date(), source: "test")
        #expect(report.added.map(\.description) == ["mei@example.com"])
        #expect(report.problems.isEmpty)
    }
}
