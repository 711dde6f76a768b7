import DigestTestSupport
import Foundation
import Testing

@testable import Subscribers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Importing into a list, and changing it safely")
struct ImportAndEditTests {
    static let header = "email,name,sections,status,added_at,source\n"
    static let existing =
        header + "mei@example.com,Mei,,active,2026-01-05T09:40:00Z,form\n"
        + "sofia@example.se,Sofia,,unsubscribed,2026-01-05T09:40:00Z,form\n"

    /// The acceptance file: every kind of bad row between good ones; comments give the line numbers.
    static let importFile: [UInt8] = {
        var bytes = Array("email,name,company\n".utf8)  // 1
        bytes += Array("jiwoo@example.kr,\"Kim, Ji-woo\",Acme\n".utf8)  // 2: quoted name with a comma (good)
        bytes += Array("a@b,Bad Domain,\n".utf8)  // 3
        bytes += Array("\"x@y.com\r\nBcc: z@w.com\",Injector,\n".utf8)  // 4-5
        bytes += Array("lee@Example.COM,Lee,\n".utf8)  // 6 (good)
        bytes += Array("lee@example.com,Lee Again,\n".utf8)  // 7: duplicate of line 6, domain case differs
        bytes += Array("tom@example.org,Tom,Acme,surplus\n".utf8)  // 8: too many fields
        bytes += Array("bad".utf8) + [0xC3, 0x28] + Array("@example.com,Broken,\n".utf8)  // 9: invalid UTF-8
        bytes += Array("SOFIA@example.se,Sofia,\n".utf8)  // 10: a different local part: a new subscriber
        bytes += Array("sofia@EXAMPLE.SE,Sofia,\n".utf8)  // 11: already on the list (unsubscribed)
        bytes += Array("hana@東京.jp,Hana,\n".utf8)  // 12 (good)
        return bytes
    }()

    @Test("importing reports each bad row by line and reason and keeps every good row")
    func importWithBadRows() throws {
        var list = try SubscriberList(csv: Array(Self.existing.utf8))
        let date = Date(timeIntervalSince1970: 1_767_606_000)
        let report = try list.importSubscribers(csv: Self.importFile, file: "new.csv", addedAt: date, source: "import")
        #expect(report.problems.map { $0.line ?? 0 } == [3, 4, 7, 8, 9])
        #expect(
            report.problems.map(\.code) == [
                .invalidAddress, .invalidAddress, .duplicateAddress, .malformedRow, .malformedRow,
            ])
        #expect(report.problems.allSatisfy { $0.description.hasPrefix("new.csv:") })
        #expect(report.problems[1].description.contains("x@y.com\\r\\nBcc: z@w.com"))
        #expect(report.problems[3].reason.contains("too many fields"))
        #expect(report.problems[4].reason.contains("UTF-8"))
        #expect(
            report.added.map(\.description) == [
                "jiwoo@example.kr", "lee@example.com", "SOFIA@example.se", "hana@東京.jp",
            ])
        #expect(report.alreadyOnList.map(\.line) == [11])
        #expect(report.newColumns == ["company"])

        // The one already there stays unsubscribed: an import never re-subscribes anyone.
        #expect(list.subscriber(try EmailAddress("sofia@example.se"))?.status == .unsubscribed)
        let jiwoo = try #require(list.subscriber(try EmailAddress("jiwoo@example.kr")))
        #expect(jiwoo.name == "Kim, Ji-woo")
        #expect(jiwoo.addedAt == date && jiwoo.source == "import")
        #expect(jiwoo.extraFields == [.init(name: "company", value: "Acme")])

        let saved = try SubscriberList(csv: list.csvBytes())
        #expect(saved.problems.isEmpty)
        #expect(saved.columns == SubscriberList.standardColumns + ["company"])
        #expect(saved.subscribers.map(\.email.description).count == 6)
    }

    @Test("an import file without an email column, or empty, is refused as a whole", arguments: ["", "name,city\n"])
    func unusableImport(text: String) throws {
        var list = try SubscriberList(csv: Array(Self.existing.utf8))
        #expect(throws: SubscribersError.self) {
            try list.importSubscribers(csv: Array(text.utf8), file: "x.csv", addedAt: Date(), source: "x")
        }
        #expect(list.csvBytes() == Array(Self.existing.utf8))
    }

    @Test(
        "a column named twice, or two without a name, is refused: saving would lose one (found by Fuzz/FuzzCSV)",
        arguments: ["email,city,City\nmei@example.com,Seoul,Busan\n", "email,name, ,\nmin@example.com,Min,x,y\n"])
    func columnNamedTwice(text: String) throws {
        var list = try SubscriberList(csv: Array(Self.existing.utf8))
        let error = try #require(throws: SubscribersError.self) {
            try list.importSubscribers(csv: Array(text.utf8), file: "x.csv", addedAt: Date(), source: "x")
        }
        #expect(error.code == .invalidHeader)
        #expect(error.line == 1)
        #expect(list.csvBytes() == Array(Self.existing.utf8))
    }

    @Test("edit writes the list only when something changed, and keeps it byte for byte otherwise")
    func editWritesOnlyChanges() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        try Data(Self.existing.utf8).write(to: url)
        // A save replaces the file by a rename, which gives it a new inode; no save keeps the old one.
        let inode = { try fileIdentity(url)[0] }
        let before = try inode()
        let count = try SubscriberList.edit(at: url) { list in list.count }
        #expect(count == 2)
        #expect(try inode() == before)

        try SubscriberList.edit(at: url) { list in
            try list.add(Subscriber(email: try EmailAddress("tom@example.org"), name: "Tom"))
            list.suppress(try EmailAddress("bounce@example.net"), note: "550")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == Self.existing + "tom@example.org,Tom,,active,,\n")
        let suppressed = try String(contentsOf: folder.url(for: "asia.suppressed"), encoding: .utf8)
        #expect(suppressed == "bounce@example.net  # 550\n")
        #expect(try folder.contents() == ["asia.csv", "asia.csv.lock", "asia.suppressed"])
    }

    @Test("when the change throws, nothing is written")
    func editThatThrows() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        try Data(Self.existing.utf8).write(to: url)
        #expect(throws: SubscribersError.self) {
            try SubscriberList.edit(at: url) { list in
                try list.add(Subscriber(email: try EmailAddress("tom@example.org")))
                try list.add(Subscriber(email: try EmailAddress("mei@example.com")))
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == Self.existing)
    }

    @Test(
        "a hand-edited list with a syntax error is reported and never overwritten",
        arguments: [
            "mei@example.com,\"Mei,,active,,form\ntom@example.org,Tom,,active,,form\n",
            "mei@example.com,Mei,,active,,form,extra\n",
            "mei@example.com,M\"ei,,active,,form\n",
        ])
    func syntaxErrorIsNeverOverwritten(rows: String) throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        let original = Array((Self.header + rows).utf8)
        try Data(original).write(to: url)
        #expect {
            try SubscriberList.edit(at: url) { list in
                try list.add(Subscriber(email: try EmailAddress("new@example.org")))
            }
        } throws: { error in
            guard let error = error as? SubscribersError else { return false }
            return error.code == .needsRepair && error.line == 2 && error.description.hasPrefix("\(url.path):2: ")
        }
        #expect(try [UInt8](Data(contentsOf: url)) == original)
    }

    @Test("a list that is locked by another holder cannot be changed until it is let go")
    func lockIsExclusive() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        try Data(Self.existing.utf8).write(to: url)
        var holder: ListLock? = try ListLock(list: url)
        #expect {
            try SubscriberList.edit(at: url, lockTimeout: .milliseconds(100)) { list in
                try list.add(Subscriber(email: try EmailAddress("tom@example.org")))
            }
        } throws: { error in
            (error as? SubscribersError)?.code == .locked
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == Self.existing)
        _ = holder
        holder = nil
        try SubscriberList.edit(at: url, lockTimeout: .milliseconds(100)) { list in
            try list.add(Subscriber(email: try EmailAddress("tom@example.org")))
        }
        #expect(try SubscriberList.load(from: url).count == 3)
    }

    @Test("temporary files a killed writer left behind are removed by the next change")
    func leftoversAreRemoved() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        try Data(Self.existing.utf8).write(to: url)
        try Data("half a list".utf8).write(to: folder.url(for: ".asia.csv.tmp-AbC123"))
        try Data("someone else's".utf8).write(to: folder.url(for: ".other.csv.tmp-AbC123"))
        try SubscriberList.edit(at: url) { list in
            try list.add(Subscriber(email: try EmailAddress("tom@example.org")))
        }
        #expect(try folder.contents() == [".other.csv.tmp-AbC123", "asia.csv", "asia.csv.lock"])
    }

    @Test("export selects rows and writes them exactly as they stand")
    func exportSelection() throws {
        let list = try SubscriberList(csv: Array(Self.existing.utf8))
        #expect(list.csvBytes(where: { _ in true }) == Array(Self.existing.utf8))
        #expect(
            String(decoding: list.csvBytes(where: { $0.status == .unsubscribed }), as: UTF8.self)
                == Self.header + "sofia@example.se,Sofia,,unsubscribed,2026-01-05T09:40:00Z,form\n")
    }

    @Test("a name longer than 200 characters is refused with its line, not carried into every stage")
    func hugeName() throws {
        var list = try SubscriberList(csv: Array(Self.existing.utf8))
        let huge = String(repeating: "N", count: 1_000_000)
        let csv = Array("email,name\nok@example.com,Ok\nbig@example.com,\(huge)\n".utf8)
        let report = try list.importSubscribers(
            csv: csv, file: "big.csv", addedAt: Date(timeIntervalSince1970: 0), source: "import")
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 3)
        #expect(report.problems.first.map { $0.reason.contains("1000000 characters; at most 200") } == true)
        #expect(list.subscriber(try EmailAddress("ok@example.com")) != nil)
        #expect(list.subscriber(try EmailAddress("big@example.com")) == nil)
    }
}
