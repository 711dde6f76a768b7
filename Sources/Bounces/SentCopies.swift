import Composer
import Foundation
import Sender

/// One copy of an issue that `digest send` sent: to whom, and which issue.
public struct SentCopy: Sendable, Equatable {
    /// The recipient, as the ledger has it.
    public var email: String
    /// The issue's theme folder, like `decoding-asia`.
    public var theme: String
    /// The issue's week, like `2026-W47`.
    public var week: String

    /// Creates a copy.
    public init(email: String, theme: String, week: String) {
        self.email = email
        self.theme = theme
        self.week = week
    }

    /// `decoding-asia/2026-W47`.
    public var issue: String { "\(theme)/\(week)" }
}

/// The copies sent of a theme's issues, found by their `Message-ID` in the delivery ledgers
/// (`Digests/<theme>/<week>/delivery.ledger` and its shards), which record the ID of every copy
/// as it is sent.
///
/// Only the IDs asked for are kept: a year of weekly issues to a large list is millions of
/// records, and a mailbox names a few hundred. The ledgers are read, never opened for writing or
/// locked: a `send` may be running.
public struct SentCopies: Sendable {
    private var copies: [String: SentCopy] = [:]

    /// No copies.
    public init() {}

    /// Reads the ledgers of every issue of `theme` under `digests`, keeping the copies whose
    /// Message-ID is in `messageIDs` (each written `<local@domain>`).
    ///
    /// - Throws: `.unreadableFile` naming a ledger that exists but cannot be read.
    public init(digests: URL, theme: String, messageIDs: Set<String>) throws(BouncesError) {
        guard !messageIDs.isEmpty else { return }
        let themeFolder = digests.appendingPathComponent(theme, isDirectory: true)
        let weeks = ((try? FileManager.default.contentsOfDirectory(atPath: themeFolder.path)) ?? []).sorted()
        for week in weeks where !week.hasPrefix(".") {
            let issueFolder = IssueFolder(digests: digests, theme: theme, week: week)
            let names = [IssueFolder.ledgerFileName] + issueFolder.shardLedgerNames
            for name in names.sorted() {
                let file = issueFolder.url.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                try read(ledger: file, theme: theme, week: week, wanted: messageIDs)
            }
        }
    }

    /// The copy whose Message-ID is `messageID`, if a ledger recorded it.
    public func copy(messageID: String) -> SentCopy? {
        copies[messageID]
    }

    /// How many copies were found.
    public var count: Int { copies.count }

    private mutating func read(ledger file: URL, theme: String, week: String, wanted: Set<String>) throws(BouncesError)
    {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: file, options: .mappedIfSafe))
        } catch {
            throw BouncesError(
                .unreadableFile, "cannot read the delivery ledger (\(error.localizedDescription))", path: file.path,
                underlying: error)
        }
        let key = Array(#""message_id":""#.utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            let line = bytes[lineStart..<lineEnd]
            // Most lines are passed over by the ID alone; only a wanted one is read whole.
            guard let id = Self.messageID(in: line, key: key), wanted.contains(id) else { continue }
            guard let record = DeliveryRecord(jsonLine: String(decoding: line, as: UTF8.self)) else { continue }
            copies[id] = SentCopy(email: record.email, theme: theme, week: week)
        }
    }

    /// The value of `"message_id":"…"` in a ledger line, when it has one without escapes.
    private static func messageID(in line: ArraySlice<UInt8>, key: [UInt8]) -> String? {
        guard line.count > key.count else { return nil }
        var index = line.startIndex
        while index + key.count <= line.endIndex {
            if line[index] == key[0], line[index..<(index + key.count)].elementsEqual(key) {
                let start = index + key.count
                guard let end = line[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                let value = line[start..<end]
                guard !value.contains(UInt8(ascii: "\\")) else { return nil }
                return String(decoding: value, as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
