import Collector
import Foundation
import Storage

/// Where an issue's files live: `Digests/<theme>/<week>/` holds `digest.json`, the renderings,
/// the outbox of a dry run and the delivery ledger.
public struct IssueStore: Sendable {
    /// The newsletter's `Digests/` folder.
    public let digests: URL

    public init(digests: URL) {
        self.digests = digests
    }

    public func folder(theme: String, week: String) -> URL {
        digests.appendingPathComponent(theme, isDirectory: true).appendingPathComponent(week, isDirectory: true)
    }

    /// The file whose presence means the issue has started sending and must not change.
    public static let ledgerName = "delivery.ledger"
    public static let issueFileName = "digest.json"

    /// Saves a composed issue, replacing a draft. An issue that has started sending is never replaced.
    public func save(_ issue: ComposedIssue) throws -> URL {
        var issue = issue
        issue.revision = UUID().uuidString
        let folder = folder(theme: issue.themeID, week: issue.week)
        let ledger = folder.appendingPathComponent(Self.ledgerName)
        if FileManager.default.fileExists(atPath: ledger.path) {
            throw ComposerError(
                .issueLocked,
                "\(folder.path): this issue has started sending (\(Self.ledgerName) exists); it will not be recomposed")
        }
        let file = folder.appendingPathComponent(Self.issueFileName)
        do {
            try AtomicFile.write(try StoredJSON.encoder.encode(issue), to: file)
        } catch {
            throw ComposerError(.writeFailed, "\(file.path): cannot save the issue: \(error)")
        }
        return file
    }

    /// Loads a composed issue.
    public func load(theme: String, week: String) throws -> ComposedIssue {
        let file = folder(theme: theme, week: week).appendingPathComponent(Self.issueFileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ComposerError(
                .emptyWeek, "no composed issue for \(theme) \(week) (\(file.path)); run `digest compose` first")
        }
        do {
            return try StoredJSON.decoder.decode(ComposedIssue.self, from: Data(contentsOf: file))
        } catch {
            throw ComposerError(.invalidTheme, "\(file.path): cannot read the composed issue: \(error)")
        }
    }

    /// The newest week composed for a theme, if any.
    public func latestWeek(theme: String) -> String? {
        let folder = digests.appendingPathComponent(theme, isDirectory: true)
        let weeks = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return weeks.filter { ISOWeek($0) != nil }
            .filter {
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent($0).appendingPathComponent(Self.issueFileName).path)
            }
            .max()
    }

}
