import Foundation
import Subscribers
import Testing

@Suite("CSV reading and writing")
struct CSVTests {
    static let records: [[String]] = [
        ["plain", "fields", "only"],
        ["a comma, inside", "x"],
        ["doubled \"quotes\" inside", "\"", "\"\""],
        ["a line\nbreak", "a CRLF\r\nbreak", "a lone\rCR"],
        ["", "", ""],
        ["Nguyễn Văn A", "東京", "🇯🇵"],
        [" leading and trailing spaces ", "tab\there"],
        ["single"],
    ]

    @Test("a record written and read back is the same record", arguments: records)
    func roundTrip(record: [String]) throws {
        let text = CSVWriter().encode(records: [record, ["next"]])
        let rows = CSVReader().rows(in: Array(text.utf8))
        #expect(rows.count == 2)
        let first = try #require(rows.first)
        #expect(first.problem == nil)
        #expect(first.fields == record)
        #expect(rows.last?.fields == ["next"])
    }

    @Test("only fields with commas, quotes or line breaks are quoted")
    func quotingIsMinimal() {
        #expect(CSVWriter.encode(field: "Mei Lin") == "Mei Lin")
        #expect(CSVWriter.encode(field: "Kim, Ji-woo") == "\"Kim, Ji-woo\"")
        #expect(CSVWriter.encode(field: "say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.encode(field: "two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.encode(field: "") == "")
    }

    @Test("line numbers count the line breaks inside quoted fields")
    func lineNumbersAcrossQuotedNewlines() {
        let text = "h1,h2\nfirst,\"spans\nthree\nlines\"\nsecond,x\n\"a\r\nb\",y\r\nthird,z"
        let rows = CSVReader().rows(in: Array(text.utf8))
        #expect(rows.map(\.line) == [1, 2, 5, 6, 8])
        #expect(rows[1].fields == ["first", "spans\nthree\nlines"])
        #expect(rows[3].fields == ["a\r\nb", "y"])
        #expect(rows[3].lineBreak == Array("\r\n".utf8))
        #expect(rows[4].fields == ["third", "z"])
        #expect(rows[4].lineBreak.isEmpty)
    }

    @Test("CRLF and LF files read the same")
    func crlfAndLF() {
        let lf = CSVReader().rows(in: Array("a,b\n\"c,d\",e\n".utf8))
        let crlf = CSVReader().rows(in: Array("a,b\r\n\"c,d\",e\r\n".utf8))
        #expect(lf.map(\.fields) == crlf.map(\.fields))
        #expect(lf.map(\.line) == crlf.map(\.line))
        #expect(crlf.map(\.raw) == [Array("a,b".utf8), Array("\"c,d\",e".utf8)])
    }

    @Test(
        "a malformed record is reported on its line and reading goes on",
        arguments: [
            ("a,b\n\"never closed,x\nc,d\n", CSVProblem.unclosedQuote),
            ("a,b\nstray\"quote,x\nc,d\n", CSVProblem.quoteInUnquotedField),
            ("a,b\n\"closed\"then text,x\nc,d\n", CSVProblem.textAfterClosingQuote),
        ])
    func malformedRecord(text: String, problem: CSVProblem) {
        let rows = CSVReader().rows(in: Array(text.utf8))
        #expect(rows.count == 3)
        #expect(rows[1].line == 2)
        #expect(rows[1].problem == problem)
        #expect(rows[2].line == 3)
        #expect(rows[2].fields == ["c", "d"])
    }

    @Test("invalid UTF-8 is reported for its record only")
    func invalidUTF8() {
        var bytes = Array("a,b\nbad".utf8) + [0xFF, 0xFE] + Array(",x\ngood,y\n".utf8)
        bytes += []
        let rows = CSVReader().rows(in: bytes)
        #expect(rows.map(\.line) == [1, 2, 3])
        #expect(rows[1].problem == .invalidUTF8)
        #expect(rows[1].raw == Array("bad".utf8) + [0xFF, 0xFE] + Array(",x".utf8))
        #expect(rows[2].fields == ["good", "y"])
    }

    @Test("an empty line is a blank record; a final line break starts no record")
    func blankLines() {
        let rows = CSVReader().rows(in: Array("a\n\nb\n".utf8))
        #expect(rows.map(\.line) == [1, 2, 3])
        #expect(rows[1].isBlank)
        #expect(CSVReader().rows(in: []).isEmpty)
    }
}
