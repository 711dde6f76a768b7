import DigestTestSupport
import Foundation
import Sender
import Testing

@Suite("digest send over TLS: STARTTLS and smtps://, --ca-file, --insecure, the password kept out of sight")
struct SendTLSTests {
    static let credentials = (user: "editor", password: "pw-9Xq-never-shown")
    static let environment = ["DIGEST_SMTP_USER": credentials.user, "DIGEST_SMTP_PASSWORD": credentials.password]

    enum Mode: String, CaseIterable, CustomTestStringConvertible {
        case startTLS = "STARTTLS"
        case implicitTLS = "smtps://"

        var testDescription: String { rawValue }

        var configuration: LoopbackSMTPServer.Configuration {
            switch self {
            case .startTLS: .init(startTLS: true, credentials: SendTLSTests.credentials)
            case .implicitTLS: .init(implicitTLS: true, credentials: SendTLSTests.credentials)
            }
        }
    }

    /// Checks that the password is nowhere a user or a log could see it.
    static func expectPasswordHidden(_ results: [CommandResult], fixture: SendFixture) throws {
        let password = credentials.password
        for result in results {
            #expect(!result.stdout.contains(password) && !result.stderr.contains(password), "\(result)")
        }
        if FileManager.default.fileExists(atPath: fixture.ledgerFile.path) {
            #expect(!(try String(contentsOf: fixture.ledgerFile, encoding: .utf8)).contains(password))
        }
        for (_, data) in try fixture.server.messages() {
            #expect(!String(decoding: data, as: UTF8.self).contains(password))
        }
    }

    @Test(
        "a self-signed certificate is refused with a clear error naming --ca-file; --insecure sends",
        arguments: Mode.allCases)
    func insecure(mode: Mode) throws {
        let fixture = try SendFixture(server: mode.configuration)
        let base = ["send", "--week", SendFixture.week, "--smtp-url", fixture.server.url]
        #expect(fixture.server.url.hasPrefix(mode == .implicitTLS ? "smtps://" : "smtp://"))

        let refused = try fixture.run(base, environment: Self.environment)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("TLS failed"), "\(refused)")
        #expect(
            refused.stderr.lowercased().contains("certificate"), "curl's own words name the certificate: \(refused)")
        #expect(refused.stderr.contains("--ca-file") && refused.stderr.contains("--insecure"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: fixture.ledgerFile.path), "nothing recorded")
        #expect(try fixture.server.messages().isEmpty)

        let accepted = try fixture.run(base + ["--insecure"], environment: Self.environment)
        #expect(accepted.succeeded, "\(accepted)")
        #expect(accepted.stdout.contains("Sent 7, deferred 0, failed 0, unknown 0 of 7 recipients"), "\(accepted)")
        #expect(try fixture.server.messageCounts().count == 7)
        try Self.expectPasswordHidden([refused, accepted], fixture: fixture)
    }

    @Test("smtps:// with AUTH and --ca-file: everyone once, a 550 failed and bounced, the password nowhere")
    func smtps() throws {
        let rejected = "chloe.wong@example.com"
        var configuration = Mode.implicitTLS.configuration
        configuration.rejected = [rejected]
        let fixture = try SendFixture(server: configuration)
        let ca = try #require(fixture.server.certificateFile).path
        let arguments = ["send", "--week", SendFixture.week, "--smtp-url", fixture.server.url, "--ca-file", ca]

        let wrong = try fixture.run(
            arguments, environment: ["DIGEST_SMTP_USER": "editor", "DIGEST_SMTP_PASSWORD": "wrong-pw-Zk3"])
        #expect(wrong.status == 1, "\(wrong)")
        #expect(wrong.stderr.contains("refused the user name or password"), "\(wrong)")
        #expect(!wrong.stderr.contains("wrong-pw-Zk3") && !wrong.stdout.contains("wrong-pw-Zk3"))

        let result = try fixture.run(arguments, environment: Self.environment)
        #expect(result.status == 1, "one failed: \(result)")
        #expect(result.stdout.contains("Sent 6, deferred 0, failed 1, unknown 0 of 7 recipients"), "\(result)")
        #expect(result.stderr.contains("\(rejected) does not exist"), "\(result)")
        let counts = try fixture.server.messageCounts()
        #expect(counts.count == 6 && counts[rejected] == nil)
        #expect(try fixture.listStatuses()[rejected] == "bounced")
        #expect(try fixture.ledgerStates()[rejected] == .failed)
        let ehlos = try fixture.server.events().filter { $0.event == "ehlo" }
        #expect(!ehlos.isEmpty && ehlos.allSatisfy { $0.name == "example.com" }, "the EHLO name: \(ehlos)")
        try Self.expectPasswordHidden([wrong, result], fixture: fixture)
    }

    @Test("STARTTLS is required: a plain relay is refused without --allow-plaintext, nothing recorded")
    func startTLSRequired() throws {
        let fixture = try SendFixture()
        let result = try fixture.run(["send", "--week", SendFixture.week, "--smtp-url", fixture.server.url])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("does not offer STARTTLS"), "\(result)")
        #expect(result.stderr.contains("--allow-plaintext"), "the hint names the option: \(result)")
        #expect(!FileManager.default.fileExists(atPath: fixture.ledgerFile.path))
        #expect(try fixture.server.messages().isEmpty)
    }
}
