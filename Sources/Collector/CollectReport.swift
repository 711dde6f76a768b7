import Foundation

/// What one `collect` run did, source by source.
public struct CollectReport: Sendable {
    /// Articles stored for the first time.
    public var added: [Article] = []
    /// Articles that replaced an older stored version.
    public var updated: [Article] = []
    /// Items read that were already stored as they are (or were copies of stored items).
    public var unchanged = 0
    /// Sources that failed, each with one clear message; the other sources were still collected.
    public var failures: [CollectorError] = []
    /// What each source gave, in the order given.
    public var sources: [SourceReport] = []
    /// Temporary files an earlier run left when it was killed mid-write, removed at the start of this one.
    public var removedLeftovers = 0

    /// An empty report.
    public init() {}
}

/// How far a collect run is, after each source.
public struct CollectProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    /// Articles new to the store so far.
    public var added: Int
    /// Sources (or parts of them) that failed so far.
    public var failed: Int
    /// Seconds since the run started.
    public var elapsed: Double

    public init(done: Int, total: Int, added: Int, failed: Int, elapsed: Double) {
        self.done = done
        self.total = total
        self.added = added
        self.failed = failed
        self.elapsed = elapsed
    }
}

/// What one source (a feed, a page, a file or a folder) gave in a collect run.
public struct SourceReport: Sendable, Equatable {
    /// The source as given.
    public var source: String
    /// The feed's title, for feeds.
    public var feedTitle: String?
    /// The feed's own link (its site), which stays the same across snapshots of one feed.
    public var feedLink: String?
    /// Items (or files) read from it.
    public var read = 0
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// The server answered 304: nothing changed since the last run.
    public var notModified = false
    /// The failure, when the source (or part of it) could not be read.
    public var failure: String?
    /// A feed with an error part of which was read: the items before the error of malformed XML, the good items
    /// of a JSON Feed with bad ones. `failure` says what was left out.
    public var partial = false
    /// What was changed on the way in, to tell the editor (a headline cut to its maximum length).
    public var notes: [String] = []

    /// An empty report for `source`.
    public init(source: String) {
        self.source = source
    }
}
