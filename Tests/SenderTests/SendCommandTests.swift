import DigestTestSupport
import Foundation
import Sender
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A newsletter folder copied from the repository, with the sample week composed, and a real SMTP
/// server of its own; `digest send` is run as a user would run it.
final class SendFixture: Sendable {
    static let week = NewsletterFixture.sampleWeek
    let newsletter: NewsletterFixture
    let server: LoopbackSMTPServer
    var folder: TemporaryDirectory { newsletter.folder }
    var root: URL { newsletter.root }
    var issueFolder: URL { newsletter.issueFolder() }
    var ledgerFile: URL { issueFolder.appendingPathComponent("delivery.ledger") }
    var listFile: URL { newsletter.listFile }

    /// Copies the newsletter, replaces the list with `list` (CSV rows after the header) when
    /// given, composes the sample week and starts the server.
    init(list: [String]? = nil, server configuration: LoopbackSMTPServer.Configuration = .init()) throws {
        newsletter = try NewsletterFixture(prefix: "digest-send", list: list)
        server = try LoopbackSMTPServer(in: newsletter.folder.url(for: "server"), configuration: configuration)
        try newsletter.composeSampleWeek()
    }

    static let environment = [
        "DIGEST_UNSUBSCRIBE_SECRET": NewsletterFixture.defaultSecret, "XDG_CONFIG_HOME": "/nonexistent",
    ]

    /// Runs `digest --root <copy> ARGS`, with stderr a pseudo-terminal when `stderrIsTerminal`.
    func run(
        _ arguments: [String], environment: [String: String] = [:], stderrIsTerminal: Bool = false
    ) throws -> CommandResult {
        try newsletter.run(arguments, environment: environment, stderrIsTerminal: stderrIsTerminal)
    }

    /// `digest send` of the sample week to this fixture's server, plain text on loopback.
    func send(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
        try run(
            ["send", "--week", Self.week, "--smtp-url", server.url, "--allow-plaintext"] + extra,
            environment: environment)
    }

    /// The last state of each recipient in a ledger.
    func ledgerStates(_ file: URL? = nil) throws -> [String: DeliveryState] {
        let text = try String(contentsOf: file ?? ledgerFile, encoding: .utf8)
        var states: [String: DeliveryState] = [:]
        for line in text.split(separator: "\n") {
            if let record = DeliveryRecord(jsonLine: line) { states[record.email.lowercased()] = record.state }
        }
        return states
    }

    /// The active addresses of the list as it is on disk now, and each row's status.
    func listStatuses() throws -> [String: String] {
        let text = try String(contentsOf: listFile, encoding: .utf8)
        var statuses: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 4, !line.contains("\"") else { continue }
            statuses[String(fields[0]).lowercased()] = String(fields[3])
        }
        return statuses
    }
}

/// `count` plain rows `readerNNN@example.com`.
func generatedList(_ count: Int, domain: String = "example.com") -> [String] {
    (0..<count).map { index in
        let number = String(index)
        let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
        return "reader\(padded)@\(domain),Reader \(padded),,active,2026-09-01T08:00:00Z,test"
    }
}

@Suite("digest send, end to end against a real SMTP server")
struct SendCommandTests {
    static let sampleActive = [
        "mei.tan@example.com", "lan.nguyen@example.com", "kenji.mori@example.com", "priya.nair@example.com",
        "daniel.okafor@example.com", "ahmad.rahman@example.com", "chloe.wong@example.com",
    ]

    @Test("every active subscriber gets exactly one copy, which decodes to the rendered text and HTML")
    func plainSend() throws {
        let fixture = try SendFixture()
        let dryRun = try fixture.run(["send", "--week", SendFixture.week, "--dry-run"])
        try #require(dryRun.succeeded, "\(dryRun)")
        let dryRunAgain = try fixture.run(["send", "--week", SendFixture.week, "--dry-run"])
        #expect(dryRunAgain.succeeded, "a second dry run replaces the outbox: \(dryRunAgain)")

        let result = try fixture.send()
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Sent 7, deferred 0, failed 0, unknown 0 of 7 recipients"), "\(result)")
        let counts = try fixture.server.messageCounts()
        #expect(counts == Dictionary(uniqueKeysWithValues: Self.sampleActive.map { ($0, 1) }))

        // What the server received is what the dry run wrote, and what a full rendering of the
        // subscriber's copy (`--test --as`, which never takes the layout shortcut) holds.
        let outbox = fixture.issueFolder.appendingPathComponent("outbox")
        let rendered = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        let fullyRendered = ["mei.tan@example.com", "lan.nguyen@example.com", "kenji.mori@example.com"]
        for (recipient, data) in try fixture.server.messages() {
            let received = try checkMIME(data)
            #expect(received.defects.isEmpty)
            #expect(received.part_types == ["text/plain", "text/html"])
            #expect(received.to_rfc2047?.first?.addr_spec == recipient)
            #expect(received.has_bcc == false)
            #expect(received.list_unsubscribe_post == "List-Unsubscribe=One-Click")
            let file = try #require(rendered.first { $0.hasSuffix("-\(recipient).eml") })
            let expected = try checkMIME(try Data(contentsOf: outbox.appendingPathComponent(file)))
            #expect(received.text == expected.text, "text of \(recipient)")
            #expect(received.html == expected.html, "HTML of \(recipient)")
            #expect(try #require(received.text).contains("Decoding Asia"))
            guard fullyRendered.contains(recipient) else { continue }
            // The parts are the renderer's text and HTML for this reader, as `preview` shows them.
            for (format, part) in [("text", received.text), ("html", received.html)] {
                let preview = try fixture.run([
                    "preview", "--week", SendFixture.week, "--format", format, "--as", recipient, "--no-pager",
                ])
                try #require(preview.succeeded, "\(preview)")
                #expect(part == preview.stdout, "the \(format) part of \(recipient) is the rendered \(format)")
            }
            let copyServer = try LoopbackSMTPServer(in: fixture.folder.url(for: "copy-\(recipient)"))
            let copy = try fixture.run([
                "send", "--week", SendFixture.week, "--smtp-url", copyServer.url, "--allow-plaintext",
                "--test", "proof@example.org", "--as", recipient,
            ])
            #expect(copy.succeeded, "\(copy)")
            let full = try checkMIME(try #require(try copyServer.messages().first?.data))
            #expect(received.text == full.text, "text of \(recipient), rendered in full")
            #expect(received.html == full.html, "HTML of \(recipient), rendered in full")
        }
        let states = try fixture.ledgerStates()
        #expect(states.count == 7)
        #expect(states.values.allSatisfy { $0 == .sent })
        // One connection to check the relay, then one reused for all seven messages.
        let events = try fixture.server.events()
        #expect(events.filter { $0.event == "connect" }.count == 2, "\(events)")
        #expect(Set(events.filter { $0.event == "accepted" }.map(\.conn)).count == 1)
        let ehlos = events.filter { $0.event == "ehlo" }
        #expect(!ehlos.isEmpty && ehlos.allSatisfy { $0.name == "example.com" }, "the sender's domain: \(ehlos)")

        // Again: nobody gets a second copy.
        let again = try fixture.send()
        #expect(again.succeeded, "\(again)")
        #expect(again.stdout.contains("Sent 0 (and 7 in earlier runs)"), "\(again)")
        #expect(try fixture.server.messages().count == 7)
    }

    @Test("STARTTLS + AUTH: trusted through --ca-file; refused without it; a wrong password refused clearly")
    func startTLSAndAuth() throws {
        let fixture = try SendFixture(server: .init(startTLS: true, credentials: ("editor", "s3cret-pass")))
        let base = ["send", "--week", SendFixture.week, "--smtp-url", fixture.server.url]
        let good = ["DIGEST_SMTP_USER": "editor", "DIGEST_SMTP_PASSWORD": "s3cret-pass"]

        let untrusted = try fixture.run(base, environment: good)
        #expect(!untrusted.succeeded)
        #expect(untrusted.stderr.contains("--ca-file"), "\(untrusted)")
        #expect(!FileManager.default.fileExists(atPath: fixture.ledgerFile.path), "nothing recorded")

        let ca = try #require(fixture.server.certificateFile).path
        let wrong = try fixture.run(
            base + ["--ca-file", ca], environment: ["DIGEST_SMTP_USER": "editor", "DIGEST_SMTP_PASSWORD": "wrong-one"])
        #expect(!wrong.succeeded)
        #expect(wrong.stderr.contains("refused the user name or password"), "\(wrong)")
        #expect(!wrong.stderr.contains("wrong-one") && !wrong.stdout.contains("wrong-one"))
        #expect(!FileManager.default.fileExists(atPath: fixture.ledgerFile.path), "nothing recorded")
        #expect(try fixture.server.messages().isEmpty)

        let trusted = try fixture.run(base + ["--ca-file", ca], environment: good)
        #expect(trusted.succeeded, "\(trusted)")
        #expect(try fixture.server.messages().count == 7)
        let ledger = try String(contentsOf: fixture.ledgerFile, encoding: .utf8)
        #expect(!ledger.contains("s3cret-pass"))
    }

    @Test("credentials from an owner-only config file; a file others can read is refused")
    func configFile() throws {
        let fixture = try SendFixture(server: .init(startTLS: true, credentials: ("editor", "s3cret-pass")))
        let config = try fixture.folder.write("user = editor\npassword = s3cret-pass\n", to: "smtp.conf")
        let ca = try #require(fixture.server.certificateFile).path
        let arguments = [
            "send", "--week", SendFixture.week, "--smtp-url", fixture.server.url, "--ca-file", ca,
            "--smtp-config", config.path,
        ]
        chmod(config.path, 0o644)
        let open = try fixture.run(arguments)
        #expect(!open.succeeded)
        #expect(open.stderr.contains("chmod 600"), "\(open)")
        chmod(config.path, 0o600)
        let result = try fixture.run(arguments)
        #expect(result.succeeded, "\(result)")
        #expect(try fixture.server.messages().count == 7)
    }

    @Test(
        "faults: after send and send again, good subscribers have one copy, 550s failed and bounced, no-reply unknown")
    func faults() throws {
        let list = generatedList(12)
        let rejected = ["reader003@example.com", "reader008@example.com"]
        let dropped = "reader005@example.com"
        let silent = "reader010@example.com"
        let fixture = try SendFixture(
            list: list,
            server: .init(
                deferEveryNthRecipient: 7, rejected: rejected, dropAtDataOnce: dropped, noReplyOnce: silent))
        let options = ["--timeout", "2", "--retry-delay", "0.2", "--max-retry-wait", "10"]

        let first = try fixture.send(options)
        #expect(first.status == 1, "failures and an unknown make the status 1: \(first)")
        let second = try fixture.send(options)
        #expect(second.status == 1, "\(second)")
        #expect(second.stdout.contains("deferred 0, failed 2, unknown 1 of 12 recipients"), "\(second)")
        #expect(second.stderr.contains(silent), "the unknown one is reported: \(second)")

        let counts = try fixture.server.messageCounts()
        for index in 0..<12 {
            let address = "reader\(index < 10 ? "00" : "0")\(index)@example.com"
            if rejected.contains(address) {
                #expect(counts[address] == nil, "\(address) was refused")
            } else {
                #expect(counts[address] == 1, "\(address) has exactly one copy: \(counts)")
            }
        }
        let states = try fixture.ledgerStates()
        for address in rejected { #expect(states[address] == .failed) }
        #expect(states[silent] == .unknown)
        #expect(states[dropped] == .sent)
        let statuses = try fixture.listStatuses()
        for address in rejected { #expect(statuses[address] == "bounced", "\(address) marked bounced") }
        #expect(statuses["reader000@example.com"] == "active")
        let ledger = try String(contentsOf: fixture.ledgerFile, encoding: .utf8)
        #expect(ledger.contains("\"state\":\"deferred\",\"attempt\":1,\"code\":451"), "a 451 was deferred")
        let droppedLines = ledger.split(separator: "\n").filter { $0.contains("\"email\":\"\(dropped)\"") }
        #expect(
            droppedLines.contains { $0.contains("\"state\":\"deferred\"") && $0.contains("not sent") },
            "the connection dropped at DATA deferred \(dropped), then it was sent: \(droppedLines)")

        // Asked to, the unknown one is sent again.
        let resend = try fixture.send(options + ["--resend-unknown"])
        #expect(resend.stdout.contains("unknown 0"), "\(resend)")
        #expect(try fixture.server.messageCounts()[silent] == 2)
    }

    @Test("killed with SIGKILL part-way through 500 recipients, a second run leaves exactly one copy each")
    func killAndResume() throws {
        let fixture = try SendFixture(list: generatedList(500))
        let process = Process()
        process.executableURL = DigestBinary.defaultURL
        process.arguments = [
            "--root", fixture.root.path, "send", "--week", SendFixture.week, "--smtp-url", fixture.server.url,
            "--allow-plaintext", "--rate", "150",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(SendFixture.environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (at most 60 s) until about a fifth has been sent, then kill it without warning.
        let deadline = Date().addingTimeInterval(60)
        var sentSoFar = 0
        while Date() < deadline && process.isRunning {
            sentSoFar = (try? fixture.ledgerStates().values.filter { $0 == .sent }.count) ?? 0
            if sentSoFar >= 100 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try #require(process.isRunning, "the send ended before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let before = try fixture.server.messages().count
        #expect(before >= 100 && before < 500, "killed part-way: \(before) sent")

        let resume = try fixture.send()
        let counts = try fixture.server.messageCounts()
        #expect(counts.count == 500, "\(resume)")
        #expect(counts.values.allSatisfy { $0 == 1 }, "someone got two copies: \(counts.filter { $0.value != 1 })")
        #expect(resume.stdout.contains("of 500 recipients"), "\(resume)")
    }

    @Test("--test sends one copy of a subscriber's issue outside the ledger")
    func testCopy() throws {
        let fixture = try SendFixture()
        let result = try fixture.send(["--test", "editor@example.org", "--as", "kenji.mori@example.com"])
        #expect(result.succeeded, "\(result)")
        let messages = try fixture.server.messages()
        #expect(messages.count == 1)
        #expect(messages.first?.recipient == "editor@example.org")
        let report = try checkMIME(try #require(messages.first?.data))
        #expect(report.to_rfc2047?.first?.addr_spec == "editor@example.org")
        #expect(report.text?.contains("JAPAN") == true, "Kenji's own sections")
        #expect(!FileManager.default.fileExists(atPath: fixture.ledgerFile.path), "no ledger for a test copy")
    }

    @Test("--test without --as sends a plain copy; --as someone not on the list is refused; nothing recorded")
    func testCopyErrors() throws {
        let fixture = try SendFixture()
        let plain = try fixture.send(["--test", "editor@example.org"])
        #expect(plain.succeeded, "\(plain)")
        #expect(try fixture.server.messages().map(\.recipient) == ["editor@example.org"])

        let stranger = try fixture.send(["--test", "editor@example.org", "--as", "nobody@example.net"])
        #expect(stranger.status == 1, "\(stranger)")
        #expect(stranger.stderr.contains("nobody@example.net is not on the list"), "\(stranger)")
        let alone = try fixture.send(["--as", "mei.tan@example.com"])
        #expect(alone.status == 64, "--as needs --test: \(alone)")
        #expect(try fixture.server.messages().count == 1)
        #expect(!FileManager.default.fileExists(atPath: fixture.ledgerFile.path), "no ledger for test copies")

        // After the issue went out, a test copy still goes outside the ledger.
        let real = try fixture.send()
        #expect(real.succeeded, "\(real)")
        let ledger = try Data(contentsOf: fixture.ledgerFile)
        let copy = try fixture.send(["--test", "mei.tan@example.com", "--as", "mei.tan@example.com"])
        #expect(copy.succeeded, "\(copy)")
        #expect(try Data(contentsOf: fixture.ledgerFile) == ledger, "the ledger is untouched")
        #expect(try fixture.server.messageCounts()["mei.tan@example.com"] == 2)
    }

    @Test("--dry-run writes one .eml per active subscriber, sends nothing and records nothing")
    func dryRun() throws {
        let fixture = try SendFixture()
        let result = try fixture.run(["send", "--week", SendFixture.week, "--dry-run"])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Wrote 7 messages"), "\(result)")
        let outbox = fixture.issueFolder.appendingPathComponent("outbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 7)
        for address in Self.sampleActive { #expect(files.contains { $0.hasSuffix("-\(address).eml") }, "\(address)") }
        #expect(try fixture.server.messages().isEmpty)
        #expect(try fixture.server.events().isEmpty, "not even a connection")
        #expect(!FileManager.default.fileExists(atPath: fixture.ledgerFile.path))
    }

    @Test("a second digest send of the same issue, started while the first runs, is refused")
    func concurrentSend() throws {
        let fixture = try SendFixture(server: .init(delayMilliseconds: 300))
        let process = Process()
        process.executableURL = DigestBinary.defaultURL
        process.arguments = [
            "--root", fixture.root.path, "send", "--week", SendFixture.week, "--smtp-url", fixture.server.url,
            "--allow-plaintext",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(SendFixture.environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // The first holds the lock once its first message is on its way (at most 30 s).
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && process.isRunning {
            if try fixture.server.events().contains(where: { $0.event == "mail" }) { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try #require(process.isRunning, "the first send ended too soon")
        let second = try fixture.send()
        #expect(second.status == 1, "\(second)")
        #expect(second.stderr.contains("another `digest send` of this issue is running"), "\(second)")
        #expect(exited.wait(timeout: .now() + 60) == .success)
        #expect(process.terminationStatus == 0)
        let counts = try fixture.server.messageCounts()
        #expect(counts == Dictionary(uniqueKeysWithValues: Self.sampleActive.map { ($0, 1) }))
    }

    @Test("a second send of the same issue is refused while the first holds the lock")
    func lock() throws {
        let fixture = try SendFixture()
        try FileManager.default.createDirectory(at: fixture.issueFolder, withIntermediateDirectories: true)
        let lockPath = fixture.issueFolder.appendingPathComponent("delivery.lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let result = try fixture.send()
        #expect(!result.succeeded)
        #expect(result.stderr.contains("another `digest send` of this issue is running"), "\(result)")
        #expect(try fixture.server.messages().isEmpty)
    }

    @Test("two shards send disjoint halves, each with its own ledger, together everyone once")
    func shards() throws {
        let fixture = try SendFixture(list: generatedList(40))
        let first = try fixture.send(["--shard", "1/2"])
        #expect(first.succeeded, "\(first)")
        let firstCount = try fixture.server.messages().count
        #expect(firstCount > 0 && firstCount < 40)
        let second = try fixture.send(["--shard", "2/2"])
        #expect(second.succeeded, "\(second)")
        let counts = try fixture.server.messageCounts()
        #expect(counts.count == 40)
        #expect(counts.values.allSatisfy { $0 == 1 })
        for index in 1...2 {
            let ledger = fixture.issueFolder.appendingPathComponent("delivery.shard-\(index)-of-2.ledger")
            #expect(FileManager.default.fileExists(atPath: ledger.path))
        }
        let whole = try fixture.send()
        #expect(!whole.succeeded, "an unsharded send of a sharded issue is refused")
        #expect(try fixture.server.messages().count == 40)
    }

    @Test("plain text is only for a loopback relay, and a URL never carries a password")
    func usageErrors() throws {
        let fixture = try SendFixture()
        let remote = try fixture.run([
            "send", "--week", SendFixture.week, "--smtp-url", "smtp://mail.example.com:587", "--allow-plaintext",
        ])
        #expect(remote.status == 64, "\(remote)")
        let withPassword = try fixture.run([
            "send", "--week", SendFixture.week, "--smtp-url", "smtp://editor:hunter2@127.0.0.1:25",
        ])
        #expect(withPassword.status == 64, "\(withPassword)")
        #expect(!withPassword.stderr.contains("hunter2"))
    }
}
