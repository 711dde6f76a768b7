import Foundation
import NewsValues
import Storage

/// The composed issues of a newsletter: `Digests/<theme>/<week>/`, each an `IssueFolder`.
public struct IssueStore: Sendable {
    /// The newsletter's `Digests/` folder.
    public let digests: URL

    /// The store under a newsletter's `Digests/` folder.
    public init(digests: URL) {
        self.digests = digests
    }

    /// The folder of `theme`'s issue for `week`.
    public func issueFolder(theme: String, week: String) -> IssueFolder {
        IssueFolder(digests: digests, theme: theme, week: week)
    }

    /// The folder of `theme`'s issue for `week`, as a URL.
    public func folder(theme: String, week: String) -> URL {
        issueFolder(theme: theme, week: week).url
    }

    /// Saves a composed issue, replacing a draft. An issue that has started sending is never replaced.
    public func save(_ issue: ComposedIssue) throws -> URL {
        var issue = issue
        issue.revision = UUID().uuidString
        let folder = issueFolder(theme: issue.themeID, week: issue.week)
        if folder.hasStartedSending {
            throw ComposerError(
                .issueLocked,
                "\(folder.url.path): this issue has started sending (\(IssueFolder.ledgerFileName) exists); "
                    + "it will not be recomposed")
        }
        let file = folder.issueFile
        // What a compose killed mid-write left behind.
        AtomicFile.removeStaleTemporaries(in: folder.url)
        do {
            try AtomicFile.write(try StoredJSON.encoder.encode(issue), to: file)
        } catch {
            throw ComposerError(.writeFailed, "\(file.path): cannot save the issue: \(error)")
        }
        return file
    }

    /// Loads a composed issue.
    public func load(theme: String, week: String) throws -> ComposedIssue {
        let file = issueFolder(theme: theme, week: week).issueFile
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ComposerError(
                .emptyWeek, "no composed issue for \(theme) \(week) (\(file.path)); run `digest compose` first")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ComposerError(
                .invalidTheme, "\(file.path): cannot read the composed issue: \(error.localizedDescription)")
        }
        do {
            return try StoredJSON.decoder.decode(ComposedIssue.self, from: data)
        } catch {
            throw ComposerError(
                .invalidTheme,
                "\(file.path): cannot read the composed issue: \(StoredJSON.describe(error, in: data))")
        }
    }

    /// The newest week composed for a theme, if any.
    public func latestWeek(theme: String) -> String? {
        let folder = digests.appendingPathComponent(theme, isDirectory: true)
        let weeks = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return weeks.filter { ISOWeek($0) != nil }
            .filter { issueFolder(theme: theme, week: $0).isComposed }
            .max()
    }

    // MARK: Sent issues

    /// Whether an issue has started sending (or finished): its folder holds `delivery.ledger`, which `send` makes
    /// before the first message (an empty one when it sends in shards) and which stops the issue being recomposed.
    public func hasStartedSending(theme: String, week: String) -> Bool {
        issueFolder(theme: theme, week: week).hasStartedSending
    }

    /// The weeks of a theme whose issue is composed and has started sending, oldest first.
    public func sentWeeks(theme: String) -> [String] {
        let folder = digests.appendingPathComponent(theme, isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { ISOWeek($0)?.description == $0 }
            .filter { week in
                let issue = issueFolder(theme: theme, week: week)
                return issue.hasStartedSending && issue.isComposed
            }
            .sorted()
    }

    /// When an issue started sending: the time of the first record in its ledger (or in the earliest of its shard
    /// ledgers), else the ledger file's date; nil when it has not started.
    public func sendingStarted(theme: String, week: String) -> Date? {
        let folder = issueFolder(theme: theme, week: week)
        let ledger = folder.ledgerFile
        guard folder.hasStartedSending else { return nil }
        let shards = folder.shardLedgerNames.map { folder.url.appendingPathComponent($0) }
        let firstRecords = ([ledger] + shards).compactMap(Self.firstRecordTime)
        if let earliest = firstRecords.min() { return earliest }
        let attributes = try? FileManager.default.attributesOfItem(atPath: ledger.path)
        return attributes?[.modificationDate] as? Date
    }

    /// The `time` of a ledger's first line (`{"time":"2026-11-30T07:00:00.123Z",…}`), reading only its start.
    static func firstRecordTime(_ ledger: URL) -> Date? {
        guard let handle = try? FileHandle(forReadingFrom: ledger) else { return nil }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: 4096), !start.isEmpty else { return nil }
        let line = start.prefix { $0 != UInt8(ascii: "\n") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
            let time = object["time"] as? String
        else { return nil }
        return UTCTime.parse(time) ?? ISO8601.parse(time)
    }
}
