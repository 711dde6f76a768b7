import Bounces
import DigestTestSupport
import Foundation
import Sender
import Subscribers
import Testing

/// The repository's newsletter copied to a temporary folder (`NewsletterFixture`), with a `bounce_address` in the
/// theme, the sample week composed, and a real SMTP server (aiosmtpd) to send it to.
final class SentNewsletter: Sendable {
    static let week = NewsletterFixture.sampleWeek
    let copy: NewsletterFixture
    let server: LoopbackSMTPServer
    var folder: TemporaryDirectory { copy.folder }
    var root: URL { copy.root }
    var themeFile: URL { root.appendingPathComponent("Templates/\(NewsletterFixture.theme)/theme.yaml") }
    var listFile: URL { copy.listFile }
    var ledgerFile: URL { copy.issueFolder(week: Self.week).appendingPathComponent("delivery.ledger") }

    init(bounceAddress: String? = "bounces@example.com") throws {
        copy = try NewsletterFixture(prefix: "digest-bounces-cli")
        server = try LoopbackSMTPServer(in: copy.folder.url(for: "server"))
        if let bounceAddress {
            let text = try String(contentsOf: themeFile, encoding: .utf8)
            try Data((text + "\nbounce_address: \(bounceAddress)\n").utf8).write(to: themeFile)
        }
        try copy.composeSampleWeek()
    }

    /// Runs `digest --root <copy> ARGS`.
    func run(_ arguments: [String]) throws -> CommandResult {
        try copy.run(arguments)
    }

    /// `digest send` of the sample week to the server.
    func send(_ extra: [String] = []) throws -> CommandResult {
        try run(["send", "--week", Self.week, "--smtp-url", server.url, "--allow-plaintext"] + extra)
    }

    /// The Message-ID the ledger recorded for each recipient's copy.
    func ledgerMessageIDs() throws -> [String: String] {
        var ids: [String: String] = [:]
        for line in try String(contentsOf: ledgerFile, encoding: .utf8).split(separator: "\n") {
            if let record = DeliveryRecord(jsonLine: line), record.state == .sent, let id = record.messageID {
                ids[record.email] = id
            }
        }
        return ids
    }

    /// Each subscriber's status column, read from the list file as a user would.
    func statuses() throws -> [String: String] {
        var statuses: [String: String] = [:]
        for line in try String(contentsOf: listFile, encoding: .utf8).split(separator: "\n").dropFirst() {
            // Names may hold quoted commas: the status is the fourth field from the end.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            statuses[String(fields[0])] = String(fields[fields.count - 3])
        }
        return statuses
    }
}

@Suite("digest bounces import and the bounce address, end to end")
struct BouncesCommandTests {
    @Test("a real send's ledger ties each report to its reader; the mailbox is applied, garbage reported by position")
    func importAfterSend() throws {
        let newsletter = try SentNewsletter()
        let send = try newsletter.send()
        try #require(send.succeeded, "\(send)")

        // The envelope sender is the bounce address; the readers still see the theme's sender.
        let accepted = try newsletter.server.events().filter { $0.event == "accepted" }
        #expect(accepted.count == 7)
        #expect(accepted.allSatisfy { $0.sender == "bounces@example.com" }, "\(accepted)")
        for (_, data) in try newsletter.server.messages() {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("From: Decoding Asia <digest@example.com>"))
            #expect(!text.contains("bounces@example.com"))
        }

        let ids = try newsletter.ledgerMessageIDs()
        try #require(ids.count == 7, "\(ids)")
        let id = { (email: String) in ids[email] ?? "<missing@example.com>" }
        let mailbox = [
            ReportFixtures.postfix(
                finalRecipient: "mei@forward.example.net", originalTo: "mei.tan@example.com",
                messageID: id("mei.tan@example.com")),
            ReportFixtures.gmail(recipient: "kenji.mori@example.com", messageID: id("kenji.mori@example.com")),
            ReportFixtures.microsoft(recipient: "priya.nair@example.com", messageID: id("priya.nair@example.com")),
            ReportFixtures.eximDelayed(recipient: "lan.nguyen@example.com", messageID: id("lan.nguyen@example.com")),
            ReportFixtures.abuseReport(
                originalRcptTo: nil, returnedTo: "redacted@feedback.example.net",
                messageID: id("ahmad.rahman@example.com")),
            ReportFixtures.unsubscribeRequest(from: "chloe.wong@example.com"),
            ReportFixtures.garbage,
        ]
        let mbox = try MailboxBuilder(folder: newsletter.folder.url).mbox(mailbox)
        let garbageLine = try fromLines(of: mbox).last ?? 0

        let result = try newsletter.run(["bounces", "import", mbox.path])
        #expect(result.succeeded, "\(result)")
        #expect(
            result.stdout.contains(
                "7 messages in \(mbox.path); bounced 3, soft 1, complaints 1, unsubscribed 1, unmatched 0, skipped 1"),
            "\(result)")
        #expect(result.stdout.contains("message 1 (line 1): mei.tan@example.com bounced (5.1.1), suppressed"))
        #expect(result.stdout.contains("lan.nguyen@example.com soft bounce 1 of 3 (4.0.0)"))
        #expect(
            result.stderr.contains(
                "digest: message 7 (line \(garbageLine)): skipped: it does not start with header fields"),
            "\(result)")

        let statuses = try newsletter.statuses()
        #expect(statuses["mei.tan@example.com"] == "bounced")
        #expect(statuses["kenji.mori@example.com"] == "bounced")
        #expect(statuses["priya.nair@example.com"] == "bounced")
        #expect(statuses["lan.nguyen@example.com"] == "active")
        #expect(statuses["ahmad.rahman@example.com"] == "complained")
        #expect(statuses["chloe.wong@example.com"] == "unsubscribed")
        #expect(statuses["daniel.okafor@example.com"] == "active")
        let suppressed = try String(contentsOf: SuppressionList.file(forList: newsletter.listFile), encoding: .utf8)
        for address in ["mei.tan", "kenji.mori", "priya.nair", "ahmad.rahman"] {
            #expect(suppressed.contains("\(address)@example.com  # "), "\(suppressed)")
        }
        #expect(!suppressed.contains("lan.nguyen") && !suppressed.contains("chloe.wong"))

        // Again, from cron: nothing more changes, and it says so.
        let again = try newsletter.run(["bounces", "import", mbox.path])
        #expect(again.succeeded, "\(again)")
        #expect(
            again.stdout.contains(
                "bounced 0, soft 0, complaints 0, unsubscribed 0, unmatched 0, skipped 1 (6 already applied)"))

        // The next issue's dry run leaves out everyone bounced, complained or unsubscribed.
        let listing = try newsletter.run(["subscribers", "list", "--receiving"])
        #expect(listing.succeeded, "\(listing)")
        #expect(
            listing.stdout.contains("lan.nguyen@example.com") && listing.stdout.contains("daniel.okafor@example.com"))
        for gone in ["mei.tan", "kenji.mori", "priya.nair", "ahmad.rahman", "chloe.wong"] {
            #expect(!listing.stdout.contains("\(gone)@example.com"), "\(listing)")
        }
    }

    @Test("a Maildir imported with --dry-run reports the changes and writes nothing")
    func maildirDryRun() throws {
        let newsletter = try SentNewsletter()
        try #require(try newsletter.send().succeeded)
        let ids = try newsletter.ledgerMessageIDs()
        let maildir = try MailboxBuilder(folder: newsletter.folder.url).maildir(
            new: [
                "1764480001.M1P1.mx": ReportFixtures.gmail(
                    recipient: "kenji.mori@example.com", messageID: ids["kenji.mori@example.com"] ?? ""
                ).crlf
            ],
            cur: ["1764400000.M2P1.mx:2,S": ReportFixtures.garbage])
        let before = try Data(contentsOf: newsletter.listFile)
        let result = try newsletter.run(["bounces", "import", "--dry-run", maildir.path])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("new/1764480001.M1P1.mx: kenji.mori@example.com bounced (5.1.1), suppressed"))
        #expect(result.stderr.contains("digest: cur/1764400000.M2P1.mx:2,S: skipped:"), "\(result)")
        #expect(result.stdout.contains("Dry run, nothing written: 2 messages"))
        #expect(try Data(contentsOf: newsletter.listFile) == before)
        #expect(!FileManager.default.fileExists(atPath: SuppressionList.file(forList: newsletter.listFile).path))
    }

    @Test("send --test uses the bounce address as MAIL FROM, and the theme's sender in From")
    func testCopyEnvelope() throws {
        let newsletter = try SentNewsletter(bounceAddress: "returns@bounce.example.com")
        let result = try newsletter.send(["--test", "editor@example.org"])
        #expect(result.succeeded, "\(result)")
        let accepted = try newsletter.server.events().filter { $0.event == "accepted" }
        #expect(accepted.map(\.sender) == ["returns@bounce.example.com"])
        #expect(accepted.map(\.rcpt) == ["editor@example.org"])
        let message = try #require(try newsletter.server.messages().first)
        #expect(String(decoding: message.data, as: UTF8.self).contains("From: Decoding Asia <digest@example.com>"))
    }

    @Test("without a bounce address, the envelope sender is the theme's sender")
    func noBounceAddress() throws {
        let newsletter = try SentNewsletter(bounceAddress: nil)
        try #require(try newsletter.send().succeeded)
        let senders = Set(try newsletter.server.events().filter { $0.event == "accepted" }.compactMap(\.sender))
        #expect(senders == ["digest@example.com"])
    }

    @Test("an invalid bounce_address is refused naming the theme file and the key")
    func invalidBounceAddress() throws {
        let newsletter = try SentNewsletter(bounceAddress: nil)
        let text = try String(contentsOf: newsletter.themeFile, encoding: .utf8)
        try Data((text + "\nbounce_address: bounces@localhost\n").utf8).write(to: newsletter.themeFile)
        let result = try newsletter.send()
        #expect(!result.succeeded)
        #expect(
            result.stderr.contains("\(newsletter.themeFile.path): field 'bounce_address': 'bounces@localhost':"),
            "\(result)")
        #expect(try newsletter.server.messages().isEmpty)
    }

    @Test("a mailbox that cannot be read is an error; the list is left alone")
    func unreadableMailbox() throws {
        let newsletter = try SentNewsletter(bounceAddress: nil)
        let before = try Data(contentsOf: newsletter.listFile)
        let missing = try newsletter.run(["bounces", "import", newsletter.folder.url(for: "nowhere").path])
        #expect(!missing.succeeded && missing.status != 64)
        #expect(missing.stderr.contains("nowhere: no such file or folder"), "\(missing)")
        let notes = try newsletter.folder.write("just a note\n", to: "notes.txt")
        let notMbox = try newsletter.run(["bounces", "import", notes.path])
        #expect(!notMbox.succeeded)
        #expect(notMbox.stderr.contains("notes.txt: not an mbox file"), "\(notMbox)")
        #expect(try Data(contentsOf: newsletter.listFile) == before)
    }
}
