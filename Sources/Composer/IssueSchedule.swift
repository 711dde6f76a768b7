import Foundation
import NewsValues
import Storage

/// What `digest run` has done for one week: `run.json` in the issue's folder.
public struct RunRecord: Codable, Sendable, Equatable {
    /// When `run` composed the week.
    public var composedAt: String?
    /// When `run --dry-run` wrote the outbox.
    public var outboxWrittenAt: String?
    /// The draft (its revision) the editors were sent a test copy of.
    public var testCopyOf: String?
    /// When `run --send` sent the issue.
    public var sentAt: String?

    /// A record of nothing done yet, or of what is given.
    public init(
        composedAt: String? = nil, outboxWrittenAt: String? = nil, testCopyOf: String? = nil, sentAt: String? = nil
    ) {
        self.composedAt = composedAt
        self.outboxWrittenAt = outboxWrittenAt
        self.testCopyOf = testCopyOf
        self.sentAt = sentAt
    }
}

/// An editor's approval of one composed draft: `approval.json` in the issue's folder. It names the
/// draft's revision, which every save of the issue renews, so any recompose (or edit, which
/// recomposes) withdraws it.
public struct Approval: Codable, Sendable, Equatable {
    /// The approved draft's revision.
    public var revision: String?
    /// When the approved draft was composed.
    public var composedAt: String
    /// When it was approved.
    public var approvedAt: String
    /// Who approved it.
    public var by: String

    /// The approval of `issue` as it stands, by `editor` at `now`.
    public init(of issue: ComposedIssue, by editor: String, at now: Date) {
        revision = issue.revision
        composedAt = UTCTime.format(issue.composedAt)
        approvedAt = UTCTime.format(now)
        by = editor
    }
}

extension IssueFolder {
    /// The week's run record; an empty one when there is none (or it cannot be read).
    public func runRecord() -> RunRecord {
        guard let data = try? Data(contentsOf: runRecordFile) else { return RunRecord() }
        return (try? JSONDecoder().decode(RunRecord.self, from: data)) ?? RunRecord()
    }

    /// Saves the week's run record, creating the folder when it is missing.
    public func save(_ record: RunRecord) throws {
        try AtomicFile.write(try Self.encoder.encode(record), to: runRecordFile)
    }

    /// The editor's approval, if there is one that can be read.
    public func approval() -> Approval? {
        guard let data = try? Data(contentsOf: approvalFile) else { return nil }
        return try? JSONDecoder().decode(Approval.self, from: data)
    }

    /// Saves the editor's approval.
    public func save(_ approval: Approval) throws {
        try AtomicFile.write(try Self.encoder.encode(approval), to: approvalFile)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}

/// When a theme's week is due and what `digest run` does next, from the clock it is given: the
/// week's record, its draft and the editors' approval decide; nothing here reads a clock or a file.
public struct IssueSchedule: Sendable {
    /// The theme, whose `send_at`, `late_limit_hours`, `min_stories` and `approval` apply.
    public let theme: Theme
    /// The issue's week.
    public let week: ISOWeek

    /// The schedule of `theme`'s issue for `week`.
    public init(theme: Theme, week: ISOWeek) {
        self.theme = theme
        self.week = week
    }

    /// Why a run does nothing for the week.
    public enum Skip: Sendable, Equatable {
        /// The issue was sent at the time given.
        case alreadySent(String)
        /// The issue has fewer stories than the theme's `min_stories`.
        case tooFewStories(Int)
        /// The dry run's outbox was written at the time given.
        case outboxWritten(String)
    }

    /// What a run does next.
    public enum Step: Sendable, Equatable {
        /// Nothing, for the reason given.
        case skip(Skip)
        /// Nothing yet: the issue is due at the time given.
        case waitUntil(Date)
        /// Nothing: it is past the lateness limit, and lateness was not allowed.
        case refuseLate
        /// Nothing until the editors approve the draft; mail them a test copy first when `mailEditors`;
        /// `changed` when there is an approval of an earlier draft.
        case awaitApproval(mailEditors: Bool, changed: Bool)
        /// Write the outbox (a dry run).
        case writeOutbox
        /// Send the issue.
        case send
    }

    /// The skip a run makes before collecting or composing anything: an issue already sent is not
    /// sent again.
    public func skipBeforeComposing(record: RunRecord, sending: Bool) -> Skip? {
        guard sending, let sent = record.sentAt else { return nil }
        return .alreadySent(sent)
    }

    /// What a run does next for the composed issue.
    ///
    /// - Parameters:
    ///   - sending: `run --send` (else `--dry-run`).
    ///   - lateOK: `--late-ok`.
    ///   - issue: the composed draft.
    ///   - started: whether the issue has started sending, which resumes whatever the clock says.
    public func nextStep(
        sending: Bool, lateOK: Bool, issue: ComposedIssue, record: RunRecord, approval: Approval?, started: Bool,
        now: Date
    ) -> Step {
        let stories = issue.sections.reduce(0) { $0 + $1.stories.count }
        if stories < theme.settings.minStories && !started { return .skip(.tooFewStories(stories)) }
        if !sending {
            if let written = record.outboxWrittenAt { return .skip(.outboxWritten(written)) }
            return .writeOutbox
        }
        guard !started else { return .send }
        if now < due { return .waitUntil(due) }
        if now > lateLimit && !lateOK { return .refuseLate }
        if theme.settings.approvalRequired {
            guard let approval, approval.revision == issue.revision else {
                return .awaitApproval(mailEditors: record.testCopyOf != Self.draft(of: issue), changed: approval != nil)
            }
        }
        return .send
    }

    /// The name of a composed draft: its revision, else when it was composed.
    public static func draft(of issue: ComposedIssue) -> String {
        issue.revision ?? UTCTime.format(issue.composedAt)
    }

    /// When the week's issue is due: the theme's `send_at` weekday and time, in its time zone, in
    /// the week after the issue's.
    public var due: Date {
        let end = week.interval(in: theme.timeZone).end
        let sendAt = theme.settings.sendAt
        let offset = Double(sendAt.weekday - 1) * 86_400 + Double(sendAt.hour * 3600 + sendAt.minute * 60)
        // Days by the calendar, so a change of clocks that week keeps the time of day.
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = theme.timeZone
        return calendar.date(byAdding: .day, value: sendAt.weekday - 1, to: end).flatMap {
            calendar.date(bySettingHour: sendAt.hour, minute: sendAt.minute, second: 0, of: $0)
        } ?? end.addingTimeInterval(offset)
    }

    /// The latest a run sends without `--late-ok`: `late_limit_hours` after ``due``.
    public var lateLimit: Date { due.addingTimeInterval(Double(theme.settings.lateLimitHours) * 3600) }

    /// `date` for a reader in the theme's zone: `Mon 23 Nov 2026 07:00 GMT+8`.
    public func describe(_ date: Date) -> String {
        HumanDate.weekdayDateTime(date, in: theme.timeZone)
    }

    /// The line a run prints for `step` (after `<theme> <week>: `), the facts only; nil for the steps that act.
    public func describe(_ step: Step) -> String? {
        switch step {
        case .skip(.alreadySent(let sent)): "already sent (\(sent)); nothing to do"
        case .skip(.tooFewStories(let stories)):
            "skipped, \(stories) stories is fewer than the theme's min_stories (\(theme.settings.minStories)); nothing sent"
        case .skip(.outboxWritten(let written)): "the outbox was written at \(written); nothing to do"
        case .waitUntil(let due): "due \(describe(due)); not sent yet"
        case .refuseLate:
            "refused, it is past the lateness limit (due \(describe(due)), late_limit_hours \(theme.settings.lateLimitHours))"
        case .awaitApproval(_, let changed):
            "waiting for approval" + (changed ? " (the issue changed after it was approved)" : "")
        case .writeOutbox, .send: nil
        }
    }
}
