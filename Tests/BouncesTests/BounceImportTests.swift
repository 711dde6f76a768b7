import Bounces
import DigestTestSupport
import Foundation
import Sender
import Subscribers
import Testing

/// A newsletter folder with the sample readers' list and delivery ledgers written as `send`
/// writes them, for importing bounces into.
struct ImportFixture {
    static let readers = [
        "mei.tan@example.com", "lan.nguyen@example.com", "kenji.mori@example.com", "priya.nair@example.com",
        "daniel.okafor@example.com", "ahmad.rahman@example.com", "chloe.wong@example.com",
    ]

    let folder: TemporaryDirectory
    var root: URL { folder.url(for: "newsletter") }
    var listFile: URL { root.appendingPathComponent("Subscribers/decoding-asia.csv") }
    var suppressionFile: URL { SuppressionList.file(forList: listFile) }
    var softBounceFile: URL { SoftBounceLog.file(forList: listFile) }
    var digests: URL { root.appendingPathComponent("Digests") }

    init() throws {
        folder = try TemporaryDirectory(prefix: "digest-bounces")
        let rows = Self.readers.map { "\($0),,,active,2026-09-01T08:00:00Z,test" }
        let csv = (["email,name,sections,status,added_at,source"] + rows).joined(separator: "\n") + "\n"
        _ = try folder.write(csv, to: "newsletter/Subscribers/decoding-asia.csv")
    }

    /// The Message-ID of `email`'s copy of `week`, as this fixture's ledgers record it.
    static func messageID(_ email: String, week: String) -> String {
        "<\(String((email + week).hashValueStable, radix: 16)).\(week)@example.com>"
    }

    /// Writes `week`'s ledger: every reader queued, sending and sent, each with their copy's ID.
    func writeLedger(week: String) throws {
        var text = ""
        let time = Date(timeIntervalSince1970: 1_795_993_000)
        for email in Self.readers {
            let id = Self.messageID(email, week: week)
            text += DeliveryRecord(time: time, email: email, state: .queued).jsonLine
            text += DeliveryRecord(time: time, email: email, state: .sending, attempt: 1, messageID: id).jsonLine
            text +=
                DeliveryRecord(
                    time: time, email: email, state: .sent, attempt: 1, code: 250, reply: "250 OK", messageID: id
                ).jsonLine
        }
        _ = try folder.write(text, to: "newsletter/Digests/decoding-asia/\(week)/delivery.ledger")
    }

    /// Reads `mailbox` and applies it to the list, as `digest bounces import` does.
    func importBounces(_ mailbox: URL, dryRun: Bool = false) throws -> BounceImportReport {
        let reading = try BounceImport(reading: try Mailbox(at: mailbox), unsubscribeAddresses: ["digest@example.com"])
        let copies = try SentCopies(digests: digests, theme: "decoding-asia", messageIDs: reading.messageIDs)
        return try reading.apply(
            toListAt: listFile, sentCopies: copies, now: Date(timeIntervalSince1970: 1_796_000_000), dryRun: dryRun)
    }

    /// Each reader's status on disk.
    func statuses() throws -> [String: SubscriberStatus] {
        let list = try SubscriberList.load(from: listFile)
        return Dictionary(uniqueKeysWithValues: list.subscribers.map { ($0.email.description, $0.status) })
    }

    /// The suppressed addresses on disk.
    func suppressed() throws -> Set<String> {
        let list = try SuppressionList.load(from: suppressionFile)
        return Set(Self.readers.filter { address in (try? EmailAddress(address)).map(list.contains) ?? false })
    }

    /// The bytes of the list, suppression and soft-bounce files (nil for a missing one).
    func fileBytes() -> [Data?] {
        [listFile, suppressionFile, softBounceFile].map { try? Data(contentsOf: $0) }
    }
}

extension String {
    /// A hash that is the same in every run (FNV-1a), for fixture IDs.
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

@Suite("Importing bounces into a list")
struct BounceImportTests {
    /// One mailbox of every kind of message, in the layouts of four mail systems.
    static func mixedMessages(week: String = "2026-W47") -> [String] {
        let id = { (email: String) in ImportFixture.messageID(email, week: week) }
        return [
            // Mei's mail is forwarded; the forward target's server refused it: matched by Message-ID.
            ReportFixtures.postfix(
                finalRecipient: "mei@forward.example.net", originalTo: "mei.tan@example.com",
                messageID: id("mei.tan@example.com")),
            ReportFixtures.gmail(recipient: "kenji.mori@example.com", messageID: id("kenji.mori@example.com")),
            ReportFixtures.garbage,
            ReportFixtures.microsoft(recipient: "priya.nair@example.com", messageID: id("priya.nair@example.com")),
            ReportFixtures.eximDelayed(recipient: "lan.nguyen@example.com", messageID: id("lan.nguyen@example.com")),
            // A redacted complaint: no Original-Rcpt-To, the To rewritten; only the Message-ID ties it.
            ReportFixtures.abuseReport(
                originalRcptTo: nil, returnedTo: "redacted@feedback.example.net",
                messageID: id("ahmad.rahman@example.com")),
            ReportFixtures.unsubscribeRequest(from: "chloe.wong@example.com"),
            ReportFixtures.postfix(
                finalRecipient: "stranger@elsewhere.example", originalTo: "stranger@elsewhere.example",
                messageID: "<not-ours@elsewhere.example>"),
            ReportFixtures.autoReply,
            ReportFixtures.brokenReport,
        ]
    }

    @Test("each reader gets what their report says; garbage is skipped by its position")
    func mixedMailbox() throws {
        let fixture = try ImportFixture()
        try fixture.writeLedger(week: "2026-W47")
        let mbox = try MailboxBuilder(folder: fixture.folder.url).mbox(Self.mixedMessages())
        let report = try fixture.importBounces(mbox)

        #expect(report.summary == "bounced 3, soft 1, complaints 1, unsubscribed 1, unmatched 1, skipped 3")
        let statuses = try fixture.statuses()
        #expect(statuses["mei.tan@example.com"] == .bounced)
        #expect(statuses["kenji.mori@example.com"] == .bounced)
        #expect(statuses["priya.nair@example.com"] == .bounced)
        #expect(statuses["lan.nguyen@example.com"] == .active)
        #expect(statuses["ahmad.rahman@example.com"] == .complained)
        #expect(statuses["chloe.wong@example.com"] == .unsubscribed)
        #expect(statuses["daniel.okafor@example.com"] == .active)
        #expect(
            try fixture.suppressed() == [
                "mei.tan@example.com", "kenji.mori@example.com", "priya.nair@example.com", "ahmad.rahman@example.com",
            ])
        let soft = try SoftBounceLog.load(from: fixture.softBounceFile)
        #expect(soft.entries.map(\.address) == ["lan.nguyen@example.com"])
        #expect(soft.entries.first?.occasion == "issue decoding-asia/2026-W47")

        let skipped = report.entries.filter { if case .skipped = $0.outcome { true } else { false } }
        // The garbage is the third message; its From line is the first line of the third block.
        let fromLines = try fromLines(of: mbox)
        #expect(skipped.first?.position == .mbox(number: 3, line: fromLines[2]))
        #expect(
            skipped.map(\.position) == [
                .mbox(number: 3, line: fromLines[2]), .mbox(number: 9, line: fromLines[8]),
                .mbox(number: 10, line: fromLines[9]),
            ])
        let unmatched = report.entries.first { if case .unmatched = $0.outcome { true } else { false } }
        #expect(unmatched?.position == .mbox(number: 8, line: fromLines[7]))
    }

    @Test("the same messages in a Maildir (CRLF line ends) give the same outcomes, named by file")
    func maildir() throws {
        let fixture = try ImportFixture()
        try fixture.writeLedger(week: "2026-W47")
        var files: [String: String] = [:]
        for (index, message) in Self.mixedMessages().enumerated() {
            files["17644800\(10 + index).M\(index)P42.mx.example.com"] = message.crlf
        }
        let maildir = try MailboxBuilder(folder: fixture.folder.url).maildir(new: files)
        let report = try fixture.importBounces(maildir)
        #expect(report.summary == "bounced 3, soft 1, complaints 1, unsubscribed 1, unmatched 1, skipped 3")
        let garbage = report.entries.first { if case .skipped = $0.outcome { true } else { false } }
        #expect(garbage?.position == .maildir(file: "new/1764480012.M2P42.mx.example.com"))
        #expect(try fixture.statuses()["kenji.mori@example.com"] == .bounced)
    }

    @Test("importing the same mailbox again changes nothing and counts nothing twice")
    func idempotent() throws {
        let fixture = try ImportFixture()
        try fixture.writeLedger(week: "2026-W47")
        let mbox = try MailboxBuilder(folder: fixture.folder.url).mbox(Self.mixedMessages())
        _ = try fixture.importBounces(mbox)
        let before = fixture.fileBytes()
        let again = try fixture.importBounces(mbox)
        #expect(
            again.summary
                == "bounced 0, soft 0, complaints 0, unsubscribed 0, unmatched 1, skipped 3 (6 already applied)")
        #expect(fixture.fileBytes() == before)
    }

    @Test("a dry run reports the same outcomes and writes nothing")
    func dryRun() throws {
        let fixture = try ImportFixture()
        try fixture.writeLedger(week: "2026-W47")
        let mbox = try MailboxBuilder(folder: fixture.folder.url).mbox(Self.mixedMessages())
        let before = fixture.fileBytes()
        let report = try fixture.importBounces(mbox, dryRun: true)
        #expect(report.summary == "bounced 3, soft 1, complaints 1, unsubscribed 1, unmatched 1, skipped 3")
        #expect(fixture.fileBytes() == before)
    }

    @Test("soft bounces bounce an address on the third different issue, not on repeats of one")
    func softBounceRule() throws {
        let fixture = try ImportFixture()
        let lan = "lan.nguyen@example.com"
        for week in ["2026-W45", "2026-W46", "2026-W47"] { try fixture.writeLedger(week: week) }
        let builder = MailboxBuilder(folder: fixture.folder.url)

        // W45: delayed, then given up with 4.4.7 on the same copy: one occasion.
        let w45 = ImportFixture.messageID(lan, week: "2026-W45")
        let gaveUp = ReportFixtures.postfix(
            finalRecipient: lan, originalTo: lan, messageID: w45, status: "4.4.7",
            diagnostic: "450 4.4.7 <%@>: delivery time expired")
        var report = try fixture.importBounces(
            try builder.mbox([ReportFixtures.eximDelayed(recipient: lan, messageID: w45), gaveUp], name: "1.mbox"))
        #expect(
            report.summary
                == "bounced 0, soft 1, complaints 0, unsubscribed 0, unmatched 0, skipped 0 (1 already applied)")

        // W46: mailbox full (5.2.2), a temporary failure: the second occasion.
        let full = ReportFixtures.postfix(
            finalRecipient: lan, originalTo: lan, messageID: ImportFixture.messageID(lan, week: "2026-W46"),
            status: "5.2.2", diagnostic: "552 5.2.2 <%@>: mailbox full")
        report = try fixture.importBounces(try builder.mbox([full], name: "2.mbox"))
        #expect(
            report.entries.map(\.outcome) == [
                .softBounce(try EmailAddress(lan), count: 2, threshold: 3, status: "5.2.2")
            ])
        #expect(try fixture.statuses()[lan] == .active)
        #expect(try fixture.suppressed().isEmpty)

        // W47: the third issue; now bounced and suppressed.
        let third = ReportFixtures.eximDelayed(
            recipient: lan, messageID: ImportFixture.messageID(lan, week: "2026-W47"))
        report = try fixture.importBounces(try builder.mbox([third], name: "3.mbox"))
        guard case .bounced(_, let reason) = report.entries.first?.outcome else {
            Issue.record("the third soft bounce bounces: \(report.entries)")
            return
        }
        #expect(reason == "soft bounces on 3 occasions (last 4.0.0)")
        #expect(try fixture.statuses()[lan] == .bounced)
        #expect(try fixture.suppressed() == [lan])
        let log = try String(contentsOf: fixture.softBounceFile, encoding: .utf8)
        #expect(log.components(separatedBy: "\n").filter { $0.hasPrefix(lan) }.count == 3)
    }

    @Test("soft bounces that are not tied to an issue count once per day; stale ones stop counting")
    func softBounceDaysAndStaleness() throws {
        var log = SoftBounceLog()
        let day: TimeInterval = 86_400
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let first = log.record(address: "a@example.com", occasion: "day 1", status: "4.2.2", date: start)
        let sameAgain = log.record(address: "A@example.com", occasion: "day 1", status: "4.2.2", date: start)
        let second = log.record(address: "a@example.com", occasion: "day 2", status: "4.2.2", date: start + day)
        #expect(first && !sameAgain && second)
        #expect(log.count(for: "a@example.com", window: 60 * day) == 2)
        // Ninety days later the first two are stale: the count starts again.
        let late = log.record(address: "a@example.com", occasion: "day 3", status: "4.2.2", date: start + 90 * day)
        #expect(late)
        #expect(log.count(for: "a@example.com", window: 60 * day) == 1)
        let reread = SoftBounceLog(text: log.text)
        #expect(reread.entries == log.entries)
        #expect(reread.problems.isEmpty)
    }

    @Test("a soft-bounce line that cannot be read is reported and kept")
    func softBounceProblems() {
        let text = "# comment\nnot a line of four fields\nb@example.com\tday 2026-11-30\t4.2.2\t2026-11-30\n"
        var log = SoftBounceLog(text: text, file: "x.soft-bounces")
        #expect(
            log.problems.map(\.description) == [
                "x.soft-bounces: line 2: expected address, occasion, status and day (yyyy-mm-dd), separated by tabs"
            ])
        log.record(
            address: "c@example.com", occasion: "day 2026-12-01", status: "4.0.0",
            date: Date(timeIntervalSince1970: 1_796_100_000))
        #expect(log.text.hasPrefix(text))
    }
}
