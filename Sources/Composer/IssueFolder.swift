import Foundation

/// The folder of one issue, `Digests/<theme>/<week>/`, and the one place that knows what lives in
/// it: `digest.json` (the composed issue), the editor's edits, the outbox of a dry run, the
/// delivery ledger (or one per shard) with its lock, and what `digest run` and `digest approve`
/// record.
///
/// The whole issue's ledger, `delivery.ledger`, is also the mark that the issue has started
/// sending: `send` makes it before the first message (an empty one when it sends in shards), and
/// from then on the issue is never recomposed or edited.
public struct IssueFolder: Sendable, Equatable {
    /// The folder itself.
    public let url: URL

    /// The folder at `url`.
    public init(url: URL) {
        self.url = url
    }

    /// The folder of `theme`'s issue for `week` under a newsletter's `Digests/` folder.
    public init(digests: URL, theme: String, week: String) {
        url = digests.appendingPathComponent(theme, isDirectory: true).appendingPathComponent(week, isDirectory: true)
    }

    /// `digest.json`: the composed issue.
    public static let issueFileName = "digest.json"
    /// `delivery.ledger`: the whole issue's delivery ledger, whose presence means it has started sending.
    public static let ledgerFileName = "delivery.ledger"
    /// `edits.yaml`: the editor's pins, drops, rewrites and note for the issue.
    public static let editsFileName = "edits.yaml"

    /// The composed issue.
    public var issueFile: URL { url.appendingPathComponent(Self.issueFileName) }
    /// The editor's edits.
    public var editsFile: URL { url.appendingPathComponent(Self.editsFileName) }
    /// The `.eml` files of a dry run.
    public var outbox: URL { url.appendingPathComponent("outbox", isDirectory: true) }
    /// What `digest run` has done for the week.
    public var runRecordFile: URL { url.appendingPathComponent("run.json") }
    /// The editor's approval of the draft.
    public var approvalFile: URL { url.appendingPathComponent("approval.json") }
    /// The whole issue's delivery ledger.
    public var ledgerFile: URL { url.appendingPathComponent(Self.ledgerFileName) }

    /// The ledger of shard `index` of `count` (`delivery.shard-I-of-N.ledger`), or the whole
    /// issue's when `shard` is nil.
    public func ledgerFile(shard: (index: Int, count: Int)?) -> URL {
        guard let shard else { return ledgerFile }
        return url.appendingPathComponent("delivery.shard-\(shard.index)-of-\(shard.count).ledger")
    }

    /// The lock file beside a ledger: `delivery.lock` for `delivery.ledger`.
    public static func lockFile(ofLedger ledger: URL) -> URL {
        ledger.deletingPathExtension().appendingPathExtension("lock")
    }

    /// The names of the shard ledgers in the folder, sorted.
    public var shardLedgerNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
            .filter { $0.hasPrefix("delivery.shard-") && $0.hasSuffix(".ledger") }
            .sorted()
    }

    /// Whether `name` is the ledger of a shard of `count` shards.
    public static func isShardLedger(_ name: String, ofCount count: Int) -> Bool {
        name.hasPrefix("delivery.shard-") && name.hasSuffix("-of-\(count).ledger")
    }

    /// Whether the issue has been composed (`digest.json` exists).
    public var isComposed: Bool { FileManager.default.fileExists(atPath: issueFile.path) }

    /// Whether the issue has started sending (or finished): `delivery.ledger` exists.
    public var hasStartedSending: Bool { FileManager.default.fileExists(atPath: ledgerFile.path) }
}
