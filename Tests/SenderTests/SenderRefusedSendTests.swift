import Curl
import DigestTestSupport
import Foundation
import Sender
import Testing

/// A relay that wants a login and is given none, or refuses the sender: against a real server (aiosmtpd), the
/// refusal of `MAIL FROM` is known as such, and `digest send` marks nobody failed.
@Suite("A relay that refuses the sender, against a real server")
struct SenderRefusedSendTests {
    static let credentials = ["DIGEST_SMTP_USER": "editor", "DIGEST_SMTP_PASSWORD": "s3cret-pass"]

    @Test("libcurl's transfer tells which command was refused: MAIL for the 530, RCPT for a 550 user unknown")
    func refusedCommand() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-refused-command")
        let server = try LoopbackSMTPServer(
            in: folder.url,
            configuration: .init(
                startTLS: true, credentials: ("editor", "s3cret-pass"), rejected: ["gone@example.com"]))
        let ca = try #require(server.certificateFile).path
        let message = Data("From: <letters@example.com>\r\nSubject: Hi\r\n\r\nHello.\r\n".utf8)

        let anonymous = SMTPSettings(url: server.url, ehloName: "example.com", caFile: ca)
        #expect(SMTPClient.offersLogin(try SMTPClient.verify(anonymous)), "the relay offers AUTH after STARTTLS")
        let refused = try SMTPClient(settings: anonymous).send(
            message, from: "letters@example.com", to: "a@example.com")
        #expect(refused.lastRefusal?.hasPrefix("530") == true, "\(refused)")
        #expect(refused.refusedCommand == "MAIL", "\(refused)")
        #expect(SMTPOutcome(refused) == .senderRefused(SMTPReply(code: 530, text: try #require(refused.lastRefusal))))

        var loggedIn = anonymous
        loggedIn.username = "editor"
        loggedIn.password = "s3cret-pass"
        let client = try SMTPClient(settings: loggedIn)
        let unknown = try client.send(message, from: "letters@example.com", to: "gone@example.com")
        #expect(unknown.refusedCommand == "RCPT", "\(unknown)")
        guard case .recipientRefused(let reply) = SMTPOutcome(unknown) else {
            Issue.record("a RCPT 550 refuses the recipient: \(unknown)")
            return
        }
        #expect(reply.code == 550)
        let sent = try client.send(message, from: "letters@example.com", to: "a@example.com")
        #expect(sent.failure == nil && sent.refusedCommand == nil, "\(sent)")
    }

    @Test("no credentials: exit 1, the stop line says how to give them, nobody failed; with them, five sent once")
    func noCredentialsThenCredentials() throws {
        let fixture = try SendFixture(
            list: generatedList(5), server: .init(startTLS: true, credentials: ("editor", "s3cret-pass")))
        let ca = try #require(fixture.server.certificateFile).path
        let arguments = ["send", "--week", SendFixture.week, "--smtp-url", fixture.server.url, "--ca-file", ca]

        let first = try fixture.run(arguments)
        #expect(first.status == 1, "\(first)")
        #expect(first.stderr.contains("warning: the relay offers a login and no user name or password"), "\(first)")
        #expect(first.stderr.contains("the relay refused the sender, not a recipient (530 5.7.0"), "\(first)")
        #expect(
            first.stderr.contains("set DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or give a file with --smtp-config"))
        #expect(first.stdout.contains("failed 0"), "\(first)")
        #expect(!first.stdout.contains("Sent 5"))
        let states = try fixture.ledgerStates()
        #expect(!states.values.contains(.failed), "nobody is recorded as refused: \(states)")
        #expect(!states.values.contains(.sent) && !states.values.contains(.deferred), "\(states)")
        #expect(try fixture.listStatuses().values.allSatisfy { $0 == "active" }, "nobody marked bounced")
        #expect(try fixture.server.messages().isEmpty)
        let mails = try fixture.server.events().filter { $0.event == "mail" }
        #expect(mails.count == 1, "the run stopped at the first refusal: \(mails)")

        let second = try fixture.run(arguments, environment: Self.credentials)
        #expect(second.succeeded, "\(second)")
        #expect(!second.stderr.contains("warning"), "\(second)")
        #expect(second.stdout.contains("Sent 5, deferred 0, failed 0, unknown 0 of 5 recipients"), "\(second)")
        let counts = try fixture.server.messageCounts()
        #expect(
            counts == Dictionary(uniqueKeysWithValues: generatedList(5).map { (String($0.prefix { $0 != "," }), 1) }))
        #expect(try fixture.server.messages().count == 5, "no duplicates")
        #expect(try fixture.ledgerStates().values.allSatisfy { $0 == .sent })
    }

    @Test("550 5.7.1 to MAIL FROM with credentials given: exit 1, nobody failed or bounced, the relay's words shown")
    func senderNotAllowed() throws {
        let fixture = try SendFixture(
            list: generatedList(5), server: .init(refuseSender: "550 5.7.1 sender not allowed from this host"))
        let first = try fixture.send()
        #expect(first.status == 1, "\(first)")
        #expect(first.stderr.contains("(550 5.7.1 sender not allowed from this host)"), "\(first)")
        #expect(first.stderr.contains("check the sender address"), "\(first)")
        #expect(!first.stderr.contains("DIGEST_SMTP_USER"), "not a login problem: \(first)")
        #expect(first.stdout.contains("deferred 5, failed 0"), "\(first)")
        #expect(!(try fixture.ledgerStates().values.contains(.failed)))
        #expect(try fixture.listStatuses().values.allSatisfy { $0 == "active" })
    }
}
