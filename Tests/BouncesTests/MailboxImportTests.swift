import DigestTestSupport
import Foundation
import Subscribers
import Testing

@testable import Bounces

@Suite("Importing a bounce mailbox, as one call")
struct MailboxImportTests {
    @Test("a missing list is refused before the mailbox is read")
    func noSuchList() throws {
        let folder = try TemporaryDirectory()
        let error = #expect(throws: BouncesError.self) {
            try MailboxImport(
                mailbox: folder.url(for: "mbox"), listFile: folder.url(for: "asia.csv"),
                digests: folder.url(for: "Digests"), theme: "asia", senderAddress: "letters@example.com", dryRun: true)
        }
        #expect(error?.code == .noSuchList)
        #expect(error?.description == "\(folder.url(for: "asia.csv").path): no such list")
    }

    @Test("the closing line counts the messages and outcomes; a message that is no report is a problem")
    func summary() throws {
        let folder = try TemporaryDirectory()
        let list = try folder.write(
            "email,name,sections,status,added_at,source\nmei@example.com,,,active,,form\n", to: "asia.csv")
        let mbox = try folder.write("From x\nFrom: a@example.com\nSubject: hi\n\nnot a report\n", to: "mbox")
        let before = try Data(contentsOf: list)
        let dry = try MailboxImport(
            mailbox: mbox, listFile: list, digests: folder.url(for: "Digests"), theme: "asia",
            senderAddress: "Letters@Example.com", dryRun: true)
        #expect(dry.messages == 1)
        #expect(dry.report.entries.map(\.outcome.isProblem) == [true])
        #expect(dry.report.entries.first?.outcome.line.hasPrefix("skipped: ") == true)
        #expect(
            dry.summary
                == "Dry run, nothing written: 1 message in \(mbox.path); bounced 0, soft 0, complaints 0, "
                + "unsubscribed 0, unmatched 0, skipped 1")
        #expect(try Data(contentsOf: list) == before)
        let done = try MailboxImport(
            mailbox: mbox, listFile: list, digests: folder.url(for: "Digests"), theme: "asia",
            senderAddress: "letters@example.com", dryRun: false)
        #expect(done.summary.hasPrefix("Imported asia.csv: 1 message in "))
    }

    @Test("each outcome in one line; only the unmatched and skipped ones are problems")
    func outcomeLines() throws {
        let email = try EmailAddress("mei@example.com")
        let outcomes: [(BounceOutcome, String, Bool)] = [
            (.bounced(email, reason: "5.1.1"), "mei@example.com bounced (5.1.1), suppressed", false),
            (
                .softBounce(email, count: 1, threshold: 3, status: "4.2.2"),
                "mei@example.com soft bounce 1 of 3 (4.2.2)", false
            ),
            (.complained(email), "mei@example.com complained (spam report), suppressed", false),
            (.unsubscribed(email), "mei@example.com unsubscribed by mail", false),
            (.alreadyApplied(email, what: "bounced"), "mei@example.com unchanged: bounced", false),
            (.unmatched("no reader"), "unmatched: no reader", true),
            (.skipped("not a report"), "skipped: not a report", true),
        ]
        for (outcome, line, isProblem) in outcomes {
            #expect(outcome.line == line)
            #expect(outcome.isProblem == isProblem)
        }
    }
}
