import DigestTestSupport
import Foundation
import Sender
import Testing

extension SendFixture {
    /// Moves every record of the ledger `seconds` into the past, as if that long had gone by
    /// since the last run (the hourly cap counts what was sent in the last hour).
    func ageLedger(by seconds: Double) throws {
        let text = try String(contentsOf: ledgerFile, encoding: .utf8)
        var aged = ""
        for line in text.split(separator: "\n") {
            var record = try #require(DeliveryRecord(jsonLine: line), "a ledger line: \(line)")
            record.time = record.time.addingTimeInterval(-seconds)
            record.retryAt = record.retryAt?.addingTimeInterval(-seconds)
            aged += record.jsonLine
        }
        try Data(aged.utf8).write(to: ledgerFile)
    }

    /// Every record of the ledger, in order.
    func ledgerRecords() throws -> [DeliveryRecord] {
        let text = try String(contentsOf: ledgerFile, encoding: .utf8)
        return text.split(separator: "\n").compactMap { DeliveryRecord(jsonLine: $0) }
    }
}

@Suite("digest send: pace, hourly cap, 'slow down' replies, parallel connections")
struct SendPacingTests {
    @Test(
        "--max-per-hour 3 of 7: three go, four stay queued with status 75; later runs finish without doubles",
        arguments: [1, 3])
    func hourlyCap(connections: Int) throws {
        let fixture = try SendFixture()
        let cap = ["--max-per-hour", "3", "--connections", "\(connections)"]
        let first = try fixture.send(cap)
        #expect(first.status == 75, "some are left for later: \(first)")
        #expect(first.stdout.contains("Sent 3, deferred 4, failed 0, unknown 0 of 7 recipients"), "\(first)")
        #expect(first.stderr.contains("--max-per-hour"), "the cap is named: \(first)")
        #expect(try fixture.server.messages().count == 3)
        let states = try fixture.ledgerStates()
        #expect(states.values.filter { $0 == .sent }.count == 3)
        #expect(states.values.filter { $0 == .queued }.count == 4, "the rest stay queued: \(states)")
        #expect(!first.stderr.contains("msg/s"), "no progress line when stderr is not a terminal")

        // Within the same hour the three already sent still count: nothing more goes.
        let sameHour = try fixture.send(cap)
        #expect(sameHour.status == 75, "\(sameHour)")
        #expect(sameHour.stdout.contains("Sent 0 (and 3 in earlier runs), deferred 4"), "\(sameHour)")
        #expect(try fixture.server.messages().count == 3)

        // An hour later, the next three; another hour, the last one.
        try fixture.ageLedger(by: 3700)
        let second = try fixture.send(cap)
        #expect(second.status == 75, "\(second)")
        #expect(second.stdout.contains("Sent 3 (and 3 in earlier runs), deferred 1"), "\(second)")
        try fixture.ageLedger(by: 3700)
        let last = try fixture.send(cap)
        #expect(last.succeeded, "\(last)")
        #expect(last.stdout.contains("Sent 1 (and 6 in earlier runs), deferred 0, failed 0, unknown 0 of 7"), "\(last)")

        let counts = try fixture.server.messageCounts()
        #expect(counts == Dictionary(uniqueKeysWithValues: SendCommandTests.sampleActive.map { ($0, 1) }))
    }

    @Test("--max-per-day 4 under --max-per-hour 3: an hour later only one more goes, and the day's cap is named")
    func dailyCap() throws {
        let fixture = try SendFixture()
        let caps = ["--max-per-hour", "3", "--max-per-day", "4"]
        let first = try fixture.send(caps)
        #expect(first.status == 75, "\(first)")
        #expect(first.stdout.contains("Sent 3, deferred 4"), "\(first)")
        #expect(first.stderr.contains("--max-per-hour"), "\(first)")
        try fixture.ageLedger(by: 3700)
        let second = try fixture.send(caps)
        #expect(second.status == 75, "\(second)")
        #expect(second.stdout.contains("Sent 1 (and 3 in earlier runs), deferred 3"), "\(second)")
        #expect(second.stderr.contains("--max-per-day"), "the day's cap is named: \(second)")
        try fixture.ageLedger(by: 86_400)
        let last = try fixture.send(caps)
        #expect(last.succeeded, "\(last)")
        #expect(last.stdout.contains("Sent 3 (and 4 in earlier runs), deferred 0"), "\(last)")
        #expect(try fixture.server.messageCounts().values.allSatisfy { $0 == 1 })
        #expect(try fixture.server.messages().count == 7)
    }

    @Test("--max-per-hour waits for the hour when --max-retry-wait allows it")
    func hourlyCapWithinWait() throws {
        let fixture = try SendFixture()
        // The three sent "59 min 58 s ago" leave the window two seconds after they were sent.
        let first = try fixture.send(["--max-per-hour", "3"])
        #expect(first.status == 75, "\(first)")
        try fixture.ageLedger(by: 3598)
        let earlier = try fixture.ledgerRecords().filter { $0.state == .sent }.map(\.time)
        let windowOpens = try #require(earlier.min()).addingTimeInterval(3600)
        let second = try fixture.send(["--max-per-hour", "3", "--max-retry-wait", "5"])
        #expect(second.status == 75, "\(second)")
        #expect(second.stdout.contains("Sent 3 (and 3 in earlier runs), deferred 1"), "\(second)")
        let sentNow = try fixture.ledgerRecords().filter { $0.state == .sent }.dropFirst(3)
        #expect(sentNow.count == 3)
        for record in sentNow {
            // The ledger keeps milliseconds.
            #expect(record.time.timeIntervalSince(windowOpens) >= -0.002, "sent before the window opened: \(record)")
        }
        #expect(try fixture.server.messageCounts().values.allSatisfy { $0 == 1 })
    }

    @Test("--rate 5 spaces 7 messages a fifth of a second apart")
    func rate() throws {
        let fixture = try SendFixture()
        let result = try fixture.send(["--rate", "5"])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Sent 7, deferred 0"), "\(result)")
        // As the server saw them: the first one's MAIL FROM came after connecting, so allow that.
        let mails = try fixture.server.events().filter { $0.event == "mail" }.map(\.time)
        try #require(mails.count == 7, "\(mails)")
        for (earlier, later) in zip(mails, mails.dropFirst()) {
            #expect(later - earlier >= 0.15, "messages \(later - earlier) s apart")
        }
        #expect(try #require(mails.last) - mails[0] >= 1.1, "six gaps of 0.2 s")
    }

    @Test(
        "a 'slow down' reply pauses sending and doubles the pause; everyone still gets exactly one copy",
        arguments: [421, 454])
    func slowDown(code: Int) throws {
        let fixture = try SendFixture(server: .init(slowDown: (code: code, transactions: 2)))
        let result = try fixture.send(["--retry-delay", "0.3"])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Sent 7, deferred 0, failed 0, unknown 0 of 7 recipients"), "\(result)")
        let counts = try fixture.server.messageCounts()
        #expect(counts == Dictionary(uniqueKeysWithValues: SendCommandTests.sampleActive.map { ($0, 1) }))

        // The server's view: after each "slow down", nothing was tried for the whole pause
        // (0.3 s, then twice that), on any connection.
        let mails = try fixture.server.events().filter { $0.event == "mail" }
        let slowed = mails.indices.filter { mails[$0].code == code }
        try #require(slowed.count == 2, "\(mails)")
        for (number, index) in slowed.enumerated() {
            let next = try #require(mails.indices.contains(index + 1) ? mails[index + 1] : nil)
            let pause = 0.3 * Double(1 << number)
            #expect(next.time - mails[index].time >= pause - 0.005, "paused \(next.time - mails[index].time) s")
            if code == 421 {
                #expect(next.conn != mails[index].conn, "after a 421 the server hung up: a new connection")
            }
        }

        // The ledger's view: those recipients were deferred with the code, then sent.
        let records = try fixture.ledgerRecords()
        let deferred = records.filter { $0.state == .deferred }
        #expect(deferred.count == 2)
        for record in deferred {
            #expect(record.code == code, "\(record)")
            #expect(try fixture.ledgerStates()[record.email.lowercased()] == .sent)
        }
    }

    @Test("--connections 3 sends over three connections at once, one copy each")
    func parallelConnections() throws {
        let fixture = try SendFixture(list: generatedList(12), server: .init(delayMilliseconds: 200))
        let result = try fixture.send(["--connections", "3"])
        #expect(result.succeeded, "\(result)")
        #expect(try fixture.server.messageCounts().count == 12)
        #expect(try fixture.server.messageCounts().values.allSatisfy { $0 == 1 })
        let events = try fixture.server.events()
        let carrying = Set(events.filter { $0.event == "accepted" }.map(\.conn))
        #expect(carrying.count == 3, "messages went over \(carrying.count) connections")
        #expect(events.filter { $0.event == "connect" }.count == 4, "one to check the relay, three to send")
    }
}
