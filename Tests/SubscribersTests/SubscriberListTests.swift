import DigestTestSupport
import Foundation
import Testing

@testable import Subscribers

@Suite("Subscriber lists")
struct SubscriberListTests {
    static let header = "email,name,sections,status,added_at,source\n"

    /// A list with one row of each kind of fault between good rows; the comment gives each line.
    static let badRowsFile: [UInt8] = {
        var bytes = Array(header.utf8)  // 1
        bytes += Array("mei@example.com,Mei Lin,china;japan,active,2025-11-03T09:15:00Z,signup-form\n".utf8)  // 2
        bytes += Array("a@b,Bad Domain,,active,,import\n".utf8)  // 3
        bytes += Array("\"x@y.com\r\nBcc: z@w.com\",Injector,,active,,import\n".utf8)  // 4-5
        bytes += Array("jiwoo@example.kr,\"Kim, Ji-woo\",korean-peninsula,active,2025-12-01,import\n".utf8)  // 6
        bytes += Array("mei@Example.COM,Mei Again,,active,,import\n".utf8)  // 7
        bytes += Array("tom@example.org,Tom,,active,,import,surplus,fields\n".utf8)  // 8
        bytes += Array("bad".utf8) + [0xC3, 0x28] + Array("@example.com,Broken,,active,,import\n".utf8)  // 9
        bytes += Array("Ana <ana@example.com>,Ana,,active,,import\n".utf8)  // 10
        bytes += Array("an a@example.com,Spacey,,active,,import\n".utf8)  // 11
        bytes += Array("priya@example.in,Priya Nair,,unsubscribed,2025-10-20T08:00:00+05:30,manual\n".utf8)  // 12
        bytes += Array("Mei@example.com,Capital Mei,,bounced,,import\n".utf8)  // 13
        return bytes
    }()

    @Test("every bad row is reported by line and reason, and every good row is kept")
    func badRows() throws {
        let list = try SubscriberList(csv: Self.badRowsFile, file: "Subscribers/asia.csv")
        #expect(
            list.subscribers.map(\.email.description) == [
                "mei@example.com", "jiwoo@example.kr", "priya@example.in", "Mei@example.com",
            ])
        let problems = list.problems.map { ($0.line ?? 0, $0.code) }
        #expect(problems.map(\.0) == [3, 4, 7, 8, 9, 10, 11])
        #expect(
            problems.map(\.1) == [
                .invalidAddress, .invalidAddress, .duplicateAddress, .malformedRow, .malformedRow, .invalidAddress,
                .invalidAddress,
            ])
        let reasons = list.problems.map(\.description)
        #expect(reasons[0] == "Subscribers/asia.csv:3: 'a@b': the domain 'b' needs at least one dot")
        #expect(reasons[1].contains("x@y.com\\r\\nBcc: z@w.com") && reasons[1].contains("line break"))
        #expect(reasons[2].contains("already on the list (line 2)"))
        #expect(reasons[3].contains("too many fields: the row has 8 fields, the header has 6"))
        #expect(reasons[4].contains("not valid UTF-8"))
        #expect(reasons[5].contains("display name"))
        #expect(reasons[6].contains("contains a space"))

        let jiwoo = try #require(list.subscribers.dropFirst().first)
        #expect(jiwoo.name == "Kim, Ji-woo")
        #expect(jiwoo.sections == ["korean-peninsula"])
        #expect(jiwoo.line == 6)
        #expect(jiwoo.addedAt == Date(timeIntervalSince1970: 1_764_547_200))
        let mei = try #require(list.subscribers.first)
        #expect(mei.sections == ["china", "japan"])
        #expect(mei.wantsSection("japan") && !mei.wantsSection("south-asia"))
        #expect(mei.addedAt == Date(timeIntervalSince1970: 1_762_161_300))
        #expect(list.activeRecipients.map(\.email.description) == ["mei@example.com", "jiwoo@example.kr"])
    }

    @Test("saving a list keeps it byte for byte, the rows it could not use included")
    func byteIdenticalRoundTrip() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        try Data(Self.badRowsFile).write(to: url)
        let list = try SubscriberList.load(from: url)
        try list.save(to: url)
        #expect(try [UInt8](Data(contentsOf: url)) == Self.badRowsFile)
        #expect(try folder.contents() == ["asia.csv"])
    }

    @Test("a well-formed LF list written from values reads back the same and writes the same bytes")
    func wellFormedRoundTrip() throws {
        var list = SubscriberList()
        try list.add(
            Subscriber(
                email: try EmailAddress("mei@example.com"), name: "Mei Lin", sections: ["china", "japan"],
                addedAt: Date(timeIntervalSince1970: 1_762_161_300), source: "signup-form"))
        try list.add(
            Subscriber(
                email: try EmailAddress("jiwoo@example.kr"), name: "Kim, \"JW\" Ji-woo", status: .complained,
                source: "import\nfrom the old list"))
        try list.add(Subscriber(email: try EmailAddress("hana@東京.jp"), name: "Nguyễn Hana"))
        let bytes = list.csvBytes()
        let expected =
            Self.header
            + "mei@example.com,Mei Lin,china;japan,active,2025-11-03T09:15:00Z,signup-form\n"
            + "jiwoo@example.kr,\"Kim, \"\"JW\"\" Ji-woo\",,complained,,\"import\nfrom the old list\"\n"
            + "hana@東京.jp,Nguyễn Hana,,active,,\n"
        #expect(String(decoding: bytes, as: UTF8.self) == expected)

        let again = try SubscriberList(csv: bytes)
        #expect(again.problems.isEmpty)
        #expect(again.subscribers == list.subscribers)
        var changed = again
        _ = try changed.update(try EmailAddress("hana@東京.jp")) { $0.name = "Nguyễn Hana" }
        #expect(changed.csvBytes() == bytes)
    }

    @Test("unknown columns are kept in order and written back unchanged")
    func extraColumns() throws {
        let text =
            "email,city,name,sections,status,added_at,source,referrer\n"
            + "mei@example.com,Taipei,Mei Lin,,active,,form,\"friend, colleague\"\n"
            + "tom@example.org,Kyoto,Tom,,active,,form,\n"
        var list = try SubscriberList(csv: Array(text.utf8))
        let mei = try #require(list.subscribers.first)
        #expect(
            mei.extraFields == [
                .init(name: "city", value: "Taipei"), .init(name: "referrer", value: "friend, colleague"),
            ])
        _ = try list.update(mei.email) { $0.status = .unsubscribed }
        let expected =
            "email,city,name,sections,status,added_at,source,referrer\n"
            + "mei@example.com,Taipei,Mei Lin,,unsubscribed,,form,\"friend, colleague\"\n"
            + "tom@example.org,Kyoto,Tom,,active,,form,\n"
        #expect(String(decoding: list.csvBytes(), as: UTF8.self) == expected)
    }

    @Test("a CRLF file keeps its CRLF line breaks and its byte order mark")
    func crlfFile() throws {
        let text = "\u{FEFF}email,name,sections,status,added_at,source\r\nmei@example.com,Mei,,active,,form\r\n"
        var list = try SubscriberList(csv: Array(text.utf8))
        #expect(list.csvBytes() == Array(text.utf8))
        try list.add(Subscriber(email: try EmailAddress("tom@example.org"), name: "Tom"))
        #expect(String(decoding: list.csvBytes(), as: UTF8.self) == text + "tom@example.org,Tom,,active,,\r\n")
    }

    @Test("a list without some standard columns gains them on save")
    func missingColumns() throws {
        let list = try SubscriberList(csv: Array("name,email\nMei,mei@example.com\n".utf8))
        #expect(list.subscribers.first?.status == .active)
        #expect(
            String(decoding: list.csvBytes(), as: UTF8.self)
                == "name,email,sections,status,added_at,source\nMei,mei@example.com,,active,,\n")
    }

    @Test(
        "an unusable header row is an error on line 1",
        arguments: [
            "name,sections\nMei,china\n",
            "email,name,email\nmei@example.com,Mei,x@example.com\n",
            "\"email,name\n",
            "email,added_at,added-at\nmei@example.com,,\n",
        ])
    func badHeader(text: String) {
        #expect {
            try SubscriberList(csv: Array(text.utf8), file: "list.csv")
        } throws: { error in
            guard let error = error as? SubscribersError else { return false }
            return error.code == .invalidHeader && error.line == 1 && error.description.hasPrefix("list.csv:1: ")
        }
    }

    @Test(
        "bad field values are reported with the row's line",
        arguments: [
            ("mei@example.com,Mei,,paused,,form", "status 'paused' is not one of active, unsubscribed"),
            ("mei@example.com,Mei,,active,last tuesday,form", "added_at 'last tuesday' is not an ISO 8601 date"),
            ("mei@example.com,Mei,,active,2025-02-30,form", "added_at '2025-02-30'"),
            ("mei@example.com,\"Mei\nLin\",,active,,form", "the name 'Mei\\nLin' contains a line break"),
            ("mei@example.com", "too few fields: the row has 1 field, the header has 6"),
        ])
    func badFields(row: String, reason: String) throws {
        let list = try SubscriberList(csv: Array((Self.header + row + "\nok@example.com,OK,,,,\n").utf8))
        #expect(list.problems.count == 1)
        #expect(list.problems.first?.line == 2)
        #expect(list.problems.first?.reason.contains(reason) == true, "\(list.problems)")
        #expect(list.subscribers.map(\.email.description) == ["ok@example.com"])
        #expect(list.subscribers.first?.status == .active)
    }

    @Test("adding, updating and removing subscribers")
    func editing() throws {
        var list = try SubscriberList(csv: Array((Self.header + "mei@example.com,Mei,,active,,form\n").utf8))
        let mei = try EmailAddress("mei@EXAMPLE.com")
        #expect(list.subscriber(mei)?.name == "Mei")
        #expect(throws: SubscribersError.self) {
            try list.add(Subscriber(email: mei, name: "Mei twice"))
        }
        #expect(throws: SubscribersError.self) {
            try list.add(Subscriber(email: try EmailAddress("tom@example.org"), name: "Tom\r\nBcc: x@example.com"))
        }
        try list.add(Subscriber(email: try EmailAddress("tom@example.org"), name: "Tom"))
        #expect(throws: SubscribersError.self) {
            _ = try list.update(mei) { $0.email = try EmailAddress("tom@example.org") }
        }
        #expect(list.subscriber(mei)?.name == "Mei")
        _ = try list.update(mei) { $0.status = .unsubscribed }
        #expect(list.activeRecipients.map(\.email.description) == ["tom@example.org"])
        #expect(list.remove(mei)?.name == "Mei")
        #expect(list.remove(mei) == nil)
        #expect(list.count == 1)
        #expect(throws: SubscribersError.self) {
            _ = try list.update(mei) { $0.name = "Gone" }
        }
    }

    @Test("discarding the unusable rows leaves only the good ones to save")
    func discardUnusableRows() throws {
        var list = try SubscriberList(csv: Self.badRowsFile)
        list.discardUnusableRows()
        #expect(list.problems.isEmpty)
        let reread = try SubscriberList(csv: list.csvBytes())
        #expect(reread.problems.isEmpty)
        #expect(reread.subscribers == list.subscribers)
        #expect(reread.subscribers.count == 4)
    }

    @Test("a failed save leaves the old file as it was and no temporary file behind")
    func atomicSaveIntoReadOnlyFolder() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        let original = Array((Self.header + "mei@example.com,Mei,,active,,form\n").utf8)
        try Data(original).write(to: url)
        var list = try SubscriberList.load(from: url)
        try list.add(Subscriber(email: try EmailAddress("tom@example.org"), name: "Tom"))

        let undo = try makeReadOnly(folder.url)
        defer { undo() }
        #expect {
            try list.save(to: url)
        } throws: { error in
            guard let error = error as? SubscribersError else { return false }
            return error.code == .writeFailed && error.file == url.path
        }
        #expect(try [UInt8](Data(contentsOf: url)) == original)
        #expect(try folder.contents() == ["asia.csv"])
    }

    @Test("saving into a folder that does not exist fails and names the file")
    func saveIntoMissingFolder() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url.appendingPathComponent("missing/asia.csv")
        #expect {
            try SubscriberList().save(to: url)
        } throws: { error in
            (error as? SubscribersError)?.description.hasPrefix(url.path + ": could not save the list") == true
        }
    }

    @Test("saving keeps the file's permissions")
    func saveKeepsMode() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        try Data(Self.header.utf8).write(to: url)
        chmod(url.path, 0o600)
        try SubscriberList.load(from: url).save(to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("a missing file is an error naming it")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/digest/list.csv")
        #expect {
            try SubscriberList.load(from: url)
        } throws: { error in
            guard let error = error as? SubscribersError else { return false }
            return error.code == .unreadable && error.description == "/nonexistent/digest/list.csv: no such file"
        }
    }
}
