import DigestTestSupport
import Foundation
import Testing

@testable import Sender

@Suite("What a send reports, made in the sender")
struct SendingReportsTests {
    @Test("the closing line counts every outcome and names the ledger; earlier runs only when there were some")
    func summaryLine() {
        var summary = DeliverySummary()
        summary.recipients = 5
        summary.sentNow = 3
        summary.deferred = 1
        summary.unknown = 1
        let ledger = URL(fileURLWithPath: "/d/delivery.ledger")
        #expect(
            summary.report(ledger: ledger)
                == "Sent 3, deferred 1, failed 0, unknown 1 of 5 recipients; ledger /d/delivery.ledger")
        summary.sentBefore = 2
        #expect(summary.report(ledger: ledger).hasPrefix("Sent 3 (and 2 in earlier runs), deferred 1"))
        summary.unknownAddresses = ["a@example.com"]
        #expect(
            summary.unknownNotes == ["a@example.com: outcome unknown (connection lost before the reply); not resent"])
    }

    @Test("a dry run says how many messages went to the outbox and how many rows are not mailed")
    func dryRunLine() {
        let report = DryRunReport(written: 3, listed: 5, outbox: URL(fileURLWithPath: "/i/outbox"))
        #expect("\(report)" == "Wrote 3 messages to /i/outbox (2 not active, not mailed)")
    }

    @Test("the progress detail: sent so far and the rate")
    func progressDetail() {
        let progress = DeliveryProgress(total: 10, done: 4, sent: 3, elapsed: 2)
        #expect(progress.detail == "sent 3 · 2.0 msg/s")
    }

    @Test("relay settings: the timeout bounds a message, and the connection up to 30 s; credentials and their source")
    func relaySettings() {
        let credentials = SMTPCredentials(user: "editor", password: "pw", source: "/c/smtp.conf")
        let settings = RelaySettings(
            relay: "smtp://127.0.0.1:2525", ehloName: "example.com", credentials: credentials, allowPlaintext: true,
            verifyCertificate: false, caFile: "/c/ca.pem", timeout: 45.5)
        #expect(settings.messageTimeout == .milliseconds(45_500))
        #expect(settings.connectTimeout == .seconds(30))
        #expect(settings.username == "editor" && settings.password == "pw")
        #expect(settings.credentialsSource == "/c/smtp.conf")
        #expect(settings.allowPlaintext && !settings.verifyCertificate && settings.caFile == "/c/ca.pem")
        let short = RelaySettings(
            relay: "smtps://x", ehloName: "e", credentials: nil, allowPlaintext: false, verifyCertificate: true,
            caFile: nil, timeout: 2)
        #expect(short.connectTimeout == .seconds(2) && short.username == nil)
    }

    @Test("credentials from a named config file, else from the default one under XDG_CONFIG_HOME")
    func credentialsFile() throws {
        let folder = try TemporaryDirectory()
        let named = try folder.write("user = a\npassword = b\n", to: "named.conf")
        let fallback = try folder.write("user = c\npassword = d\n", to: "digest/smtp.conf")
        chmod(named.path, 0o600)
        chmod(fallback.path, 0o600)
        let environment = ["XDG_CONFIG_HOME": folder.path]
        let fromNamed = try SMTPCredentials.load(environment: environment, configFile: named.path)
        #expect(fromNamed?.user == "a" && fromNamed?.source == named.path)
        #expect(try SMTPCredentials.load(environment: environment, configFile: nil)?.user == "c")
        #expect(try SMTPCredentials.load(environment: [:], configFile: folder.url(for: "none").path) == nil)
    }

    @Test("delivery options take the back-off and the longest wait in seconds")
    func optionsInSeconds() {
        let options = DeliveryOptions(
            connections: 2, perSecond: 5, perHour: nil, perDay: 100, resendUnknown: true, maxAttempts: 3,
            retryDelaySeconds: 1.5, maxRetryWaitSeconds: 60)
        #expect(options.retryDelay == .milliseconds(1500) && options.maxRetryWait == .seconds(60))
        #expect(options.connections == 2 && options.perDay == 100 && options.resendUnknown && options.maxAttempts == 3)
    }
}
