import DigestTestSupport
import Foundation
import Testing

@testable import Subscribers

@Suite("A list's change journal")
struct ChangeJournalTests {
    static let csv = """
        email,name,sections,status,added_at,source,city
        ana@example.com,"Silva, Ana",,active,2026-09-01T08:00:00Z,signup-form,Lisbon
        not-an-address,Kept As Is,,active,,import,
        bo@example.org,Bo,japan,active,2026-09-02T08:00:00Z,import,Oslo
        cy@example.net,Cy,,bounced,2026-09-03T08:00:00Z,import,

        """
    static let date = Date(timeIntervalSince1970: 1_764_486_000)

    /// A list folder with `csv` as `Subscribers/asia.csv`.
    struct Folder {
        let directory: TemporaryDirectory
        let list: URL
        var journal: URL { ChangeJournal.file(forList: list) }
        var suppression: URL { SuppressionList.file(forList: list) }

        init(csv: String = ChangeJournalTests.csv) throws {
            directory = try TemporaryDirectory(prefix: "digest-journal")
            list = try directory.write(csv, to: "Subscribers/asia.csv")
        }

        func unsubscribe(_ addresses: String...) throws {
            let lock = try ListLock(list: list)
            try withExtendedLifetime(lock) {
                let changes = try addresses.map { ListChange(.unsubscribe, try EmailAddress($0), date: date) }
                try ChangeJournal.append(changes, forList: list, holding: lock)
            }
        }

        func bytes(_ url: URL) throws -> String {
            String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
    }

    @Test("both ways of reading a list apply its journal; the CSV file itself is not touched")
    func readersApplyTheJournal() throws {
        let folder = try Folder()
        try folder.unsubscribe("ana@example.com", "stranger@example.com", "cy@example.net")
        #expect(try folder.bytes(folder.list) == Self.csv)
        #expect(FileManager.default.fileExists(atPath: folder.journal.path))
        #expect(folder.journal.lastPathComponent == "asia.changes")

        let list = try SubscriberList.load(from: folder.list)
        #expect(list.subscriber(try EmailAddress("ana@example.com"))?.status == .unsubscribed)
        #expect(list.subscriber(try EmailAddress("bo@example.org"))?.status == .active)
        // A bounced reader stays bounced; an address not on the list is suppressed, not added.
        #expect(list.subscriber(try EmailAddress("cy@example.net"))?.status == .bounced)
        #expect(list.isSuppressed(try EmailAddress("stranger@example.com")))
        #expect(list.count == 3)
        #expect(list.activeRecipients.map(\.email.description) == ["bo@example.org"])

        // The reader `send` uses, row by row.
        let reader = try SubscriberListReader(url: folder.list)
        var statuses: [String: SubscriberStatus] = [:]
        var recipients: [String] = []
        while let row = try reader.next() {
            guard case .subscriber(let subscriber) = row else { continue }
            statuses[subscriber.email.description] = subscriber.status
            if reader.isRecipient(subscriber) { recipients.append(subscriber.email.description) }
        }
        #expect(statuses["ana@example.com"] == .unsubscribed)
        #expect(statuses["cy@example.net"] == .bounced)
        #expect(recipients == ["bo@example.org"])
    }

    @Test("the next change folds the journal into the files: everything kept, every other byte as it was")
    func foldKeepsEverything() throws {
        let folder = try Folder()
        try folder.unsubscribe("ana@example.com", "stranger@example.com")
        try folder.unsubscribe("ana@example.com", "cy@example.net")
        // One line a change, each appended after the last: no blank line between two writes.
        let lines = try folder.bytes(folder.journal).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5 && lines.dropLast().allSatisfy { $0.hasPrefix("{") } && lines[4].isEmpty)
        let before = try SubscriberList.load(from: folder.list)

        try SubscriberList.edit(at: folder.list) { _ in }

        #expect(!FileManager.default.fileExists(atPath: folder.journal.path))
        // Only Ana's status changed: the extra column, the row kept as it was, quoting and order all stand.
        let expected = Self.csv.replacingOccurrences(
            of: "ana@example.com,\"Silva, Ana\",,active,", with: "ana@example.com,\"Silva, Ana\",,unsubscribed,")
        #expect(try folder.bytes(folder.list) == expected)
        let suppression = try folder.bytes(folder.suppression)
        #expect(
            suppression == "stranger@example.com  # asked to unsubscribe on 2025-11-30T07:00:00Z, not on the list\n")

        let after = try SubscriberList.load(from: folder.list)
        #expect(after.csvBytes() == before.csvBytes())
        #expect(after.isSuppressed(try EmailAddress("stranger@example.com")))
        // Folding again changes nothing.
        try SubscriberList.edit(at: folder.list) { _ in }
        #expect(try folder.bytes(folder.list) == expected)
    }

    @Test("a change that fails, or a list with a broken row, keeps the journal, and readers still apply it")
    func journalSurvivesFailedEdits() throws {
        let folder = try Folder()
        try folder.unsubscribe("bo@example.org")
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try SubscriberList.edit(at: folder.list) { _ in throw Refused() }
        }
        #expect(FileManager.default.fileExists(atPath: folder.journal.path))
        #expect(try folder.bytes(folder.list) == Self.csv)

        let broken = Self.csv + "\"unclosed,quote\n"
        try Data(broken.utf8).write(to: folder.list)
        #expect(throws: SubscribersError.self) { try SubscriberList.edit(at: folder.list) { _ in } }
        #expect(try folder.bytes(folder.list) == broken)
        #expect(FileManager.default.fileExists(atPath: folder.journal.path))
        let list = try SubscriberList.load(from: folder.list)
        #expect(list.subscriber(try EmailAddress("bo@example.org"))?.status == .unsubscribed)
    }

    @Test("a line cut short by a killed writer is skipped, and the next writer starts on a line of its own")
    func tornLineTolerated() throws {
        let folder = try Folder()
        try folder.unsubscribe("ana@example.com")
        // A writer killed half-way through Bo's line: no closing brace, no line break.
        let handle = try FileHandle(forWritingTo: folder.journal)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"at":"2025-11-30T07:00:00Z","change":"unsubscribe","email":"bo@exa"#.utf8))
        try handle.close()

        var list = try SubscriberList.load(from: folder.list)
        #expect(list.subscriber(try EmailAddress("ana@example.com"))?.status == .unsubscribed)
        #expect(list.subscriber(try EmailAddress("bo@example.org"))?.status == .active)
        #expect(try ChangeJournal.read(forList: folder.list).map(\.email.description) == ["ana@example.com"])

        try folder.unsubscribe("cy@example.net", "bo@example.org")
        let lines = try folder.bytes(folder.journal).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(lines[1].hasSuffix(#""email":"bo@exa"#))
        #expect(lines[2] == #"{"at":"2025-11-30T07:00:00Z","change":"unsubscribe","email":"cy@example.net"}"#)
        #expect(lines[4].isEmpty)
        #expect(
            try ChangeJournal.read(forList: folder.list).map(\.email.description) == [
                "ana@example.com", "cy@example.net", "bo@example.org",
            ])
        list = try SubscriberList.load(from: folder.list)
        #expect(list.subscriber(try EmailAddress("bo@example.org"))?.status == .unsubscribed)
        // Only the torn fragment is lost when folding; it was never acknowledged.
        try SubscriberList.edit(at: folder.list) { _ in }
        #expect(try SubscriberList.load(from: folder.list).activeRecipients.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.suppression.path))
    }

    @Test("a later change wins over the journal: re-adding a reader after the fold keeps them")
    func changesAfterTheFoldStand() throws {
        let folder = try Folder()
        try folder.unsubscribe("bo@example.org")
        try SubscriberList.edit(at: folder.list) { list in
            #expect(list.subscriber(try EmailAddress("bo@example.org"))?.status == .unsubscribed)
            _ = try list.update(try EmailAddress("bo@example.org")) { $0.status = .active }
        }
        #expect(
            try SubscriberList.load(from: folder.list).subscriber(try EmailAddress("bo@example.org"))?.status == .active
        )
    }

    @Test("an unreadable journal stops the readers rather than be ignored")
    func unreadableJournal() throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(at: folder.journal, withIntermediateDirectories: true)
        let error = try #require(throws: SubscribersError.self) { try SubscriberList.load(from: folder.list) }
        #expect(error.code == .unreadable)
        #expect(error.description.contains("asia.changes"))
        #expect(throws: SubscribersError.self) { try SubscriberListReader(url: folder.list) }
    }
}
