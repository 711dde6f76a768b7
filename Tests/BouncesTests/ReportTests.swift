import Bounces
import Foundation
import Testing

/// The report in `text`, read as the importer reads it.
func read(_ text: String, unsubscribeAddresses: Set<String> = ["digest@example.com"]) throws -> ReturnedMail {
    try ReturnedMail.read(Array(text.utf8), unsubscribeAddresses: unsubscribeAddresses)
}

/// The delivery-status report in `text`, or a failed expectation.
func deliveryStatus(_ text: String) throws -> DeliveryStatusReport {
    guard case .deliveryStatus(let report) = try read(text) else {
        Issue.record("not read as a delivery-status report")
        throw CancellationError()
    }
    return report
}

@Suite("Reading delivery-status notifications and feedback reports")
struct ReportTests {
    static let id = "<0f1e2d3c4b5a69788796a5b4c3d2e1f0@example.com>"

    @Test("Postfix: the failed recipient, its status and diagnostic, and the returned headers' Message-ID")
    func postfix() throws {
        let report = try deliveryStatus(
            ReportFixtures.postfix(
                finalRecipient: "mei@forward.example.net", originalTo: "mei.tan@example.com", messageID: Self.id))
        #expect(report.recipients.count == 1)
        let recipient = try #require(report.recipients.first)
        #expect(recipient.finalRecipient == "mei@forward.example.net")
        #expect(recipient.action == "failed")
        #expect(recipient.status == "5.1.1")
        #expect(recipient.severity == .permanent)
        #expect(recipient.diagnosticCode?.contains("Recipient address rejected: no such mailbox here") == true)
        #expect(report.originalMessageIDs == [Self.id])
        #expect(report.otherRecipients == ["mei.tan@example.com"])
        // The per-message Arrival-Date, in its own zone: 07:11:58 at +08:00.
        #expect(report.date == Date(timeIntervalSince1970: 1_795_993_918))
    }

    @Test("Postfix with 5.2.2 (mailbox full) is a temporary failure, as RFC 3463 says")
    func mailboxFull() throws {
        let report = try deliveryStatus(
            ReportFixtures.postfix(
                finalRecipient: "lan@example.com", originalTo: "lan@example.com", messageID: Self.id, status: "5.2.2",
                diagnostic: "552 5.2.2 <%@>: mailbox full"))
        #expect(report.recipients.first?.severity == .temporary)
    }

    @Test("Exim's delay warning: Action before Final-Recipient, lower-case field names, a delayed recipient")
    func eximDelayed() throws {
        let report = try deliveryStatus(ReportFixtures.eximDelayed(recipient: "lan@example.com", messageID: Self.id))
        let recipient = try #require(report.recipients.first)
        #expect(recipient.finalRecipient == "lan@example.com")
        #expect(recipient.action == "delayed")
        #expect(recipient.status == "4.0.0")
        #expect(recipient.severity == .temporary)
        #expect(report.originalMessageIDs == [Self.id])
    }

    @Test("Gmail: through multipart/related and /alternative to the status part; the folded diagnostic unfolds")
    func gmail() throws {
        let text = ReportFixtures.gmail(recipient: "kenji.mori@example.com", messageID: Self.id)
        let report = try deliveryStatus(text)
        let recipient = try #require(report.recipients.first)
        #expect(recipient.status == "5.1.1")
        #expect(recipient.severity == .permanent)
        #expect(recipient.diagnosticCode?.contains("does not exist on this server. Check the address") == true)
        #expect(report.originalMessageIDs == [Self.id])
        #expect(report.otherRecipients.contains("kenji.mori@example.com"))
        // The notification's quoted-printable text decodes with its soft break joined.
        let message = try MIMEEntity(parsing: Array(text.utf8)[...])
        let plain = try #require(message.allParts.first { $0.contentType.mimeType == "text/plain" })
        #expect(plain.text.contains("the receiving domain says the account does not exist"))
    }

    @Test("Microsoft: a 5.1.10 status; the Message-ID from the returned message, then In-Reply-To")
    func microsoft() throws {
        let text = ReportFixtures.microsoft(recipient: "priya.nair@example.com", messageID: Self.id)
        let report = try deliveryStatus(text)
        let recipient = try #require(report.recipients.first)
        #expect(recipient.originalRecipient == "priya.nair@example.com")
        #expect(recipient.status == "5.1.10")
        #expect(recipient.severity == .permanent)
        #expect(report.originalMessageIDs == [Self.id])
        let message = try MIMEEntity(parsing: Array(text.utf8)[...])
        #expect(message.headers.decodedValue("Subject") == "Undeliverable: Decoding Asia · 16–22 November 2026")
        let plain = try #require(message.allParts.first { $0.contentType.mimeType == "text/plain" })
        #expect(plain.text.contains("Your message to priya.nair@example.com couldn't be delivered."))
    }

    @Test("Microsoft without a returned message: the Message-ID comes from In-Reply-To")
    func microsoftWithoutReturnedMessage() throws {
        var text = ReportFixtures.microsoft(recipient: "priya.nair@example.com", messageID: Self.id)
        text = text.replacingOccurrences(of: "Message-ID: \(Self.id)\n", with: "")
        #expect(try deliveryStatus(text).originalMessageIDs == [Self.id])
    }

    @Test("an ARF abuse report: the type, the original recipient, the returned Message-ID")
    func abuse() throws {
        let text = ReportFixtures.abuseReport(
            originalRcptTo: "ahmad.rahman@example.com", returnedTo: "Ahmad <ahmad.rahman@example.com>",
            messageID: Self.id)
        guard case .complaint(let report) = try read(text) else {
            Issue.record("not read as a complaint")
            return
        }
        #expect(report.feedbackType == "abuse")
        #expect(report.originalRecipients == ["ahmad.rahman@example.com"])
        #expect(report.otherRecipients == ["ahmad.rahman@example.com"])
        #expect(report.originalMessageIDs == [Self.id])
    }

    @Test("a reply to the mailto: unsubscribe address with the subject 'unsubscribe' is a request; others are not")
    func unsubscribe() throws {
        #expect(
            try read(ReportFixtures.unsubscribeRequest(from: "chloe.wong@example.com"))
                == .unsubscribe(
                    UnsubscribeRequest(from: "chloe.wong@example.com", date: Date(timeIntervalSince1970: 1_796_115_600))
                ))
        let elsewhere = ReportFixtures.unsubscribeRequest(from: "chloe.wong@example.com", to: "someone@example.org")
        guard case .ignored = try read(elsewhere) else {
            Issue.record("a message to another address is no unsubscribe request")
            return
        }
        let encoded = ReportFixtures.unsubscribeRequest(from: "chloe.wong@example.com")
            .replacingOccurrences(of: "Subject: unsubscribe", with: "Subject: Re: =?utf-8?q?Unsubscribe?=")
        guard case .unsubscribe = try read(encoded) else {
            Issue.record("an encoded 'Re: Unsubscribe' is a request too")
            return
        }
    }

    @Test("an auto-reply is ignored with what it is; garbage and a broken report are errors")
    func notReports() throws {
        guard case .ignored(let reason) = try read(ReportFixtures.autoReply) else {
            Issue.record("an auto-reply is not a report")
            return
        }
        #expect(reason.contains("subject 'Out of office'"))
        #expect(throws: BouncesError.self) { try read(ReportFixtures.garbage) }
        #expect {
            try read(ReportFixtures.brokenReport)
        } throws: { error in
            (error as? BouncesError)?.reason.contains("never appears") == true
        }
    }

    @Test("a delivery-status part without any recipient group is a malformed report")
    func noRecipients() throws {
        let text = """
            Content-Type: multipart/report; report-type=delivery-status; boundary=b

            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.example.org
            --b--
            """
        #expect {
            try read(text)
        } throws: { error in
            (error as? BouncesError)?.code == .malformedReport
        }
    }

    @Test(
        "severity: 5.x.x permanent, 4.x.x and 5.2.2 temporary, delivered none, failed without status permanent",
        arguments: [
            ("failed", "5.1.1", BounceSeverity.permanent), ("failed", "5.7.1", .permanent),
            ("failed", "5.2.2", .temporary), ("failed", "4.4.7", .temporary), ("delayed", "4.4.1", .temporary),
            ("delayed", nil, .temporary), ("failed", nil, .permanent), ("delivered", "2.0.0", .none),
            ("relayed", nil, .none),
        ] as [(String, String?, BounceSeverity)])
    func severity(action: String, status: String?, expected: BounceSeverity) {
        let recipient = RecipientStatus(
            finalRecipient: "a@example.com", originalRecipient: nil, action: action, status: status,
            diagnosticCode: nil)
        #expect(recipient.severity == expected)
    }
}
