import Curl
import DigestTestSupport
import Foundation
import Sender
import Testing

/// The libcurl SMTP client against a real SMTP server (aiosmtpd) on 127.0.0.1, one per test.
@Suite("SMTP through libcurl, against a real server")
struct SMTPClientTests {
    static let sender = "letters@decoding-asia.example"

    func message(to recipient: String, subject: String = "Hello") -> Data {
        let text =
            "From: Decoding Asia <\(Self.sender)>\r\nTo: <\(recipient)>\r\nSubject: \(subject)\r\n"
            + "Message-ID: <\(UUID().uuidString)@decoding-asia.example>\r\n\r\nHello, \(recipient).\r\n"
        return Data(text.utf8)
    }

    func settings(
        _ server: LoopbackSMTPServer, allowPlaintext: Bool = true, caFile: String? = nil, user: String? = nil,
        password: String? = nil, timeout: Duration = .seconds(30)
    ) -> SMTPSettings {
        SMTPSettings(
            url: server.url, ehloName: "decoding-asia.example", username: user, password: password,
            allowPlaintext: allowPlaintext, caFile: caFile, connectTimeout: .seconds(10), messageTimeout: timeout)
    }

    @Test("a plain relay on loopback takes messages over one reused connection, byte for byte")
    func plain() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-plain")
        let server = try LoopbackSMTPServer(in: folder.url)
        let client = try SMTPClient(settings: settings(server))
        var sent: [String: Data] = [:]
        for index in 1...3 {
            let recipient = "reader\(index)@example.com"
            let bytes = message(to: recipient)
            let outcome = try client.deliver(bytes, from: Self.sender, to: recipient)
            guard case .accepted(let reply) = outcome else {
                Issue.record("not accepted: \(outcome)\n\(server.log)")
                return
            }
            #expect(reply.code == 250)
            #expect(reply.text.contains("queued as"), "the server's own reply line: \(reply.text)")
            sent[recipient] = bytes
        }
        let captured = try server.messages()
        #expect(captured.count == 3)
        for (recipient, data) in captured {
            #expect(data == sent[recipient], "the message arrives exactly as written")
        }
        let events = try server.events()
        #expect(events.filter { $0.event == "connect" }.count == 1, "one connection for all three: \(events)")
        #expect(events.filter { $0.event == "ehlo" }.map(\.name) == ["decoding-asia.example"], "the EHLO name")
    }

    @Test(
        "STARTTLS and smtps:// (TLS from the first byte): AUTH, the certificate trusted through the CA file",
        arguments: [false, true])
    func trustedThroughCAFile(implicitTLS: Bool) throws {
        let folder = try TemporaryDirectory(prefix: "smtp-tls")
        let server = try LoopbackSMTPServer(
            in: folder.url,
            configuration: .init(
                startTLS: !implicitTLS, implicitTLS: implicitTLS, credentials: ("editor", "s3cret-pass")))
        #expect(server.url.hasPrefix(implicitTLS ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:"))
        let ca = try #require(server.certificateFile).path
        let tls = settings(server, allowPlaintext: false, caFile: ca, user: "editor", password: "s3cret-pass")
        try SMTPClient.verify(tls)
        let client = try SMTPClient(settings: tls)
        for index in 1...2 {
            let recipient = "reader\(index)@example.com"
            let outcome = try client.deliver(message(to: recipient), from: Self.sender, to: recipient)
            guard case .accepted = outcome else {
                Issue.record("not accepted: \(outcome)\n\(server.log)")
                return
            }
        }
        #expect(try server.messages().count == 2)

        let untrusted = settings(server, allowPlaintext: false, user: "editor", password: "s3cret-pass")
        let error = try #require(throws: SMTPError.self) { try SMTPClient.verify(untrusted) }
        #expect(error.code == .tlsFailed)
    }

    @Test("with certificate checks off (--insecure), a self-signed certificate is accepted", arguments: [false, true])
    func insecure(implicitTLS: Bool) throws {
        let folder = try TemporaryDirectory(prefix: "smtp-insecure")
        let server = try LoopbackSMTPServer(
            in: folder.url,
            configuration: .init(startTLS: !implicitTLS, implicitTLS: implicitTLS, credentials: ("editor", "pw")))
        var insecure = settings(server, allowPlaintext: false, user: "editor", password: "pw")
        insecure.verifyCertificate = false
        try SMTPClient.verify(insecure)
        let outcome = try SMTPClient(settings: insecure).deliver(
            message(to: "a@example.com"), from: Self.sender, to: "a@example.com")
        guard case .accepted = outcome else {
            Issue.record("not accepted: \(outcome)\n\(server.log)")
            return
        }
        #expect(try server.messageCounts() == ["a@example.com": 1])
    }

    @Test("421 and 454 'slow down' come back as rejections with their code; after a 421 the next one reconnects")
    func slowDownReplies() throws {
        for code in [421, 454] {
            let folder = try TemporaryDirectory(prefix: "smtp-slow-\(code)")
            let server = try LoopbackSMTPServer(in: folder.url, configuration: .init(slowDown: (code, 1)))
            let client = try SMTPClient(settings: settings(server))
            let first = try client.deliver(message(to: "a@example.com"), from: Self.sender, to: "a@example.com")
            guard case .rejected(let reply) = first else {
                Issue.record("expected a \(code), got \(first)")
                continue
            }
            #expect(reply.code == code)
            #expect(reply.text.contains("slow down"), "the server's own words: \(reply.text)")
            let second = try client.deliver(message(to: "a@example.com"), from: Self.sender, to: "a@example.com")
            guard case .accepted = second else {
                Issue.record("expected acceptance after the \(code), got \(second)")
                continue
            }
            #expect(try server.messageCounts() == ["a@example.com": 1])
            let mails = try server.events().filter { $0.event == "mail" }
            if code == 421 {
                #expect(mails.count == 2 && mails[0].conn != mails[1].conn, "a new connection after 421: \(mails)")
            }
        }
    }

    @Test("STARTTLS is required: a relay without it is refused unless plain text is allowed")
    func startTLSRequired() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-notls")
        let server = try LoopbackSMTPServer(in: folder.url)
        let client = try SMTPClient(settings: settings(server, allowPlaintext: false))
        let error = try #require(throws: SMTPError.self) {
            try client.deliver(message(to: "a@example.com"), from: Self.sender, to: "a@example.com")
        }
        #expect(error.code == .startTLSUnavailable)
        #expect(error.message.contains("STARTTLS"))
        #expect(try server.messages().isEmpty)
    }

    @Test("an untrusted certificate is refused, with a hint at --ca-file")
    func untrustedCertificate() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-untrusted")
        let server = try LoopbackSMTPServer(
            in: folder.url, configuration: .init(startTLS: true, credentials: ("editor", "s3cret-pass")))
        let untrusted = settings(server, allowPlaintext: false, user: "editor", password: "s3cret-pass")
        let error = try #require(throws: SMTPError.self) { try SMTPClient.verify(untrusted) }
        #expect(error.code == .tlsFailed)
        #expect(error.code == .tlsFailed && error.message.contains("TLS failed"))
        #expect(try server.messages().isEmpty)
    }

    @Test("a wrong password is refused with a clear message that never shows the password")
    func wrongPassword() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-auth")
        let server = try LoopbackSMTPServer(
            in: folder.url, configuration: .init(startTLS: true, credentials: ("editor", "s3cret-pass")))
        let ca = try #require(server.certificateFile).path
        let wrong = settings(server, allowPlaintext: false, caFile: ca, user: "editor", password: "not-the-password")
        let error = try #require(throws: SMTPError.self) { try SMTPClient.verify(wrong) }
        #expect(error.code == .authenticationFailed)
        #expect(error.message.contains("refused the user name or password"))
        #expect(!error.message.contains("not-the-password"))
        let client = try SMTPClient(settings: wrong)
        #expect(throws: SMTPError.self) {
            try client.deliver(message(to: "a@example.com"), from: Self.sender, to: "a@example.com")
        }
        #expect(try server.messages().isEmpty)
    }

    @Test("4xx and 5xx replies come back with the server's code and text")
    func replies() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-replies")
        let server = try LoopbackSMTPServer(
            in: folder.url, configuration: .init(deferEveryNthRecipient: 2, rejected: ["gone@example.com"]))
        let client = try SMTPClient(settings: settings(server))
        let first = try client.deliver(message(to: "gone@example.com"), from: Self.sender, to: "gone@example.com")
        guard case .recipientRefused(let refused) = first else {
            Issue.record("expected a 550 to RCPT TO, got \(first)")
            return
        }
        #expect(refused.code == 550)
        #expect(refused.text.contains("user unknown"))
        let second = try client.deliver(message(to: "ok@example.com"), from: Self.sender, to: "ok@example.com")
        guard case .rejected(let deferred) = second else {
            Issue.record("expected a 451, got \(second)")
            return
        }
        #expect(deferred.code == 451)
        let third = try client.deliver(message(to: "ok@example.com"), from: Self.sender, to: "ok@example.com")
        guard case .accepted = third else {
            Issue.record("expected acceptance after the 451, got \(third)")
            return
        }
        #expect(try server.messageCounts() == ["ok@example.com": 1])
    }

    @Test("a connection dropped at DATA means not sent; the next message reconnects")
    func droppedAtData() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-drop")
        let server = try LoopbackSMTPServer(in: folder.url, configuration: .init(dropAtDataOnce: "drop@example.com"))
        let client = try SMTPClient(settings: settings(server))
        let dropped = try client.deliver(message(to: "drop@example.com"), from: Self.sender, to: "drop@example.com")
        guard case .notSent = dropped else {
            Issue.record("expected not sent, got \(dropped)")
            return
        }
        let again = try client.deliver(message(to: "drop@example.com"), from: Self.sender, to: "drop@example.com")
        guard case .accepted = again else {
            Issue.record("expected acceptance on a new connection, got \(again)")
            return
        }
        #expect(try server.messageCounts() == ["drop@example.com": 1])
    }

    @Test("a connection reset in the middle of a large body means not sent, not unknown; the next one goes")
    func droppedMidBody() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-midbody")
        let server = try LoopbackSMTPServer(in: folder.url, configuration: .init(dropMidBodyOnce: "big@example.com"))
        let client = try SMTPClient(settings: settings(server))
        // Far more than the socket buffers hold, so the reset comes while the body is still going out.
        var big = message(to: "big@example.com")
        let line = Data((String(repeating: "x", count: 998) + "\r\n").utf8)
        for _ in 0..<(32 << 10) { big.append(line) }
        var bodyCompleted = false
        let outcome = try client.deliver(big, from: Self.sender, to: "big@example.com") { bodyCompleted = true }
        guard case .notSent = outcome else {
            Issue.record("expected not sent, got \(outcome)\n\(server.log)")
            return
        }
        #expect(!bodyCompleted)
        let dropped = try server.events().filter { $0.event == "dropped" }
        #expect(dropped.count == 1, "the server hung up mid-body: \(dropped)")
        let again = try client.deliver(message(to: "big@example.com"), from: Self.sender, to: "big@example.com")
        guard case .accepted = again else {
            Issue.record("expected acceptance on a new connection, got \(again)")
            return
        }
        #expect(try server.messageCounts() == ["big@example.com": 1])
    }

    @Test("no reply after the body means unknown, after the configured timeout")
    func noReply() throws {
        let folder = try TemporaryDirectory(prefix: "smtp-noreply")
        let server = try LoopbackSMTPServer(in: folder.url, configuration: .init(noReplyOnce: "quiet@example.com"))
        let client = try SMTPClient(settings: settings(server, timeout: .seconds(2)))
        var bodyCompleted = false
        let outcome = try client.deliver(message(to: "quiet@example.com"), from: Self.sender, to: "quiet@example.com") {
            bodyCompleted = true
        }
        guard case .unknown = outcome else {
            Issue.record("expected unknown, got \(outcome)")
            return
        }
        #expect(bodyCompleted, "the body was complete before the reply was awaited")
        let next = try client.deliver(message(to: "next@example.com"), from: Self.sender, to: "next@example.com")
        guard case .accepted = next else {
            Issue.record("expected the next message to go, got \(next)")
            return
        }
    }
}

extension SMTPClient {
    /// One message sent, its transfer read as the sender reads it (`SMTPOutcome`).
    func deliver(
        _ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)? = nil
    ) throws -> SMTPOutcome {
        SMTPOutcome(try send(message, from: sender, to: recipient, bodyComplete: bodyComplete))
    }
}
