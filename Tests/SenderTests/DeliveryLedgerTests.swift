import DigestTestSupport
import Foundation
import Sender
import Subscribers
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("The delivery ledger")
struct DeliveryLedgerTests {
    @Test("records survive a reopen and fold into each recipient's standing")
    func reopen() throws {
        let folder = try TemporaryDirectory(prefix: "ledger")
        let url = folder.url(for: "delivery.ledger")
        let time = Date(timeIntervalSince1970: 1_764_486_000.123)
        do {
            let ledger = try DeliveryLedger(url: url)
            try ledger.append([
                DeliveryRecord(time: time, email: "a@example.com", state: .queued),
                DeliveryRecord(time: time, email: "b@example.com", state: .queued),
            ])
            try ledger.append(DeliveryRecord(time: time, email: "a@example.com", state: .sending, attempt: 1))
            try ledger.append(
                DeliveryRecord(
                    time: time, email: "a@example.com", state: .sent, attempt: 1, code: 250, reply: "250 OK \"quoted\"",
                    messageID: "<x@example.com>"))
            try ledger.append(
                DeliveryRecord(
                    time: time, email: "b@example.com", state: .deferred, attempt: 1, code: 451, reply: "451 later",
                    retryAt: time.addingTimeInterval(5)))
        }
        let ledger = try DeliveryLedger(url: url)
        #expect(ledger.count == 5)
        let a = try #require(ledger.standing(of: "A@example.com"))
        #expect(a.last.state == .sent)
        #expect(a.last.code == 250)
        #expect(a.last.time == time)
        let b = try #require(ledger.standing(of: "b@example.com"))
        #expect(b.last.state == .deferred)
        #expect(b.last.retryAt == time.addingTimeInterval(5))
        #expect(b.last.reply == "451 later")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"reply\":\"250 OK \\\"quoted\\\"\""), "replies are kept in the file, escaped")
        #expect(b.attempts == 1)
    }

    @Test("a record's line reads back as the same record, escapes and all; hand-written lines still read")
    func lines() throws {
        let time = Date(timeIntervalSince1970: 1_764_486_000.123)
        let records = [
            DeliveryRecord(time: time, email: "a@example.com", state: .queued),
            DeliveryRecord(
                time: time, email: "b@example.com", state: .failed, attempt: 3, code: 550,
                reply: "550 \"quoted\" \\ tab\t cr\r lf\n bell\u{07} é 漢字 🚀 /slash"),
            DeliveryRecord(
                time: time, email: "c@example.com", state: .deferred, attempt: 1, code: 451, reply: "451 later",
                retryAt: time.addingTimeInterval(5), messageID: "<id@example.com>"),
            DeliveryRecord(time: time, email: "d@example.com", state: .unknown, attempt: 12, reply: ""),
        ]
        for record in records {
            #expect(DeliveryRecord(jsonLine: record.jsonLine.dropLast()) == record, "\(record.jsonLine)")
        }
        let written =
            #"{"time":"2025-11-30T07:00:00.123Z","email":"e@example.com","state":"sent","attempt":2,"code":250}"#
        let expected = DeliveryRecord(
            time: Date(timeIntervalSince1970: 1_764_486_000.123), email: "e@example.com", state: .sent, attempt: 2,
            code: 250)
        #expect(DeliveryRecord(jsonLine: written) == expected)
        let spaced =
            #"{ "state": "sent", "email": "e@example.com", "attempt": 2, "code": 250, "#
            + #""time": "2025-11-30T07:00:00.123Z", "note": [1, 2] }"#
        #expect(DeliveryRecord(jsonLine: spaced) == expected, "spaces, another order, an unknown key")
        let escaped =
            #"{"time":"2025-11-30T07:00:00.123Z","email":"e@example.com","state":"sent","#
            + #""attempt":2,"code":250,"reply":"\u00e9\ud83d\ude80"}"#
        #expect(DeliveryRecord(jsonLine: escaped)?.reply == "é🚀", "a surrogate pair")
        #expect(DeliveryRecord(jsonLine: #"{"time":"2025-11-30T07:00:00.123Z","email":"e@example.com"}"#) == nil)
        #expect(DeliveryRecord(jsonLine: "not json") == nil)
        #expect(DeliveryRecord(jsonLine: written.replacingOccurrences(of: ":2,", with: ":02,")) == nil)
    }

    @Test("a torn last line (a run killed mid-write) is cut off; the lines before it stand")
    func tornLine() throws {
        let folder = try TemporaryDirectory(prefix: "ledger-torn")
        let url = folder.url(for: "delivery.ledger")
        let good = DeliveryRecord(time: Date(), email: "a@example.com", state: .sent, attempt: 1, code: 250)
        try folder.write(good.jsonLine + "{\"time\":\"2026-11-30T07:00", to: "delivery.ledger")
        do {
            let ledger = try DeliveryLedger(url: url)
            #expect(ledger.count == 1)
            #expect(ledger.standing(of: "a@example.com")?.last.state == .sent)
            try ledger.append(DeliveryRecord(time: Date(), email: "b@example.com", state: .queued))
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { DeliveryRecord(jsonLine: $0) != nil })
    }

    @Test("an unreadable line in the middle is an error naming the line")
    func corruptMiddle() throws {
        let folder = try TemporaryDirectory(prefix: "ledger-corrupt")
        let good = DeliveryRecord(time: Date(), email: "a@example.com", state: .queued).jsonLine
        try folder.write(good + "not json\n" + good, to: "delivery.ledger")
        let error = try #require(throws: SenderError.self) {
            try DeliveryLedger(url: folder.url(for: "delivery.ledger"))
        }
        #expect(error.code == .ledgerCorrupt)
        #expect(error.description.contains("line 2"))
    }

    @Test("a second holder of the lock is refused")
    func lock() throws {
        let folder = try TemporaryDirectory(prefix: "ledger-lock")
        let url = folder.url(for: "delivery.ledger")
        let first = try DeliveryLedger(url: url)
        // flock locks belong to the open file description, so a second open in this process conflicts too.
        let error = try #require(throws: SenderError.self) { try DeliveryLedger(url: url) }
        #expect(error.code == .ledgerLocked)
        _ = first
    }

    @Test("shards hash every address to exactly one shard")
    func shards() throws {
        let shards = try (1...3).map { try Shard(index: $0, count: 3) }
        var perShard = [0, 0, 0]
        for index in 0..<300 {
            let address = try EmailAddress("reader\(index)@example.com")
            let owners = shards.enumerated().filter { $0.element.contains(address) }.map(\.offset)
            #expect(owners.count == 1)
            if let owner = owners.first { perShard[owner] += 1 }
        }
        #expect(perShard.allSatisfy { $0 > 50 }, "\(perShard)")
        #expect(throws: SenderError.self) { try Shard(parsing: "0/3") }
        #expect(throws: SenderError.self) { try Shard(parsing: "4/3") }
        #expect(try Shard(parsing: "2/3") == Shard(index: 2, count: 3))
    }
}
