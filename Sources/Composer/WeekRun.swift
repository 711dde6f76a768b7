import Foundation
import NewsValues

/// One `digest run` of a theme's week: the steps ``IssueSchedule`` names, done in order, with the
/// week's ``RunRecord`` kept in its folder so that a repeated run does nothing twice. Collecting and
/// sending belong to other modules and come in as closures; the clock is given.
public struct WeekRun {
    /// What a run asks the sender for.
    public enum Delivery: Sendable, Equatable {
        /// A test copy of the draft to one of the theme's editors.
        case editorsCopy(String)
        /// The personalised messages written to the issue's outbox (a dry run).
        case outbox
        /// The issue sent to its list, or an interrupted send resumed.
        case issue
    }

    /// The newsletter folder the week is composed and recorded in.
    public let newsletter: NewsletterFolder
    /// The theme's schedule for the week.
    public let schedule: IssueSchedule
    /// The run's clock.
    public let now: Date

    /// The run of `theme`'s `week` in `newsletter`, at `now`.
    public init(newsletter: NewsletterFolder, theme: Theme, week: ISOWeek, now: Date) {
        self.newsletter = newsletter
        self.schedule = IssueSchedule(theme: theme, week: week)
        self.now = now
    }

    /// The issue's folder.
    public var folder: IssueFolder { newsletter.issueFolder(theme: schedule.theme, week: schedule.week) }

    /// Runs the week and returns the step it took.
    ///
    /// Before sending has started, it calls `collect` (when given) and composes the week once from
    /// `articles`, with the editor's edits, calling `composed` with the saved draft; a later run keeps
    /// that draft and any approval of it (`digest compose` and `digest edit` recompose on purpose). Then
    /// it asks `deliver` for what the step needs and records it: the editors' test copy once per
    /// draft, the outbox once, the issue once. The steps that do nothing are returned for the caller
    /// to report (``IssueSchedule/describe(_:)-swift.method``).
    ///
    /// - Parameters:
    ///   - sending: `--send` (else a dry run).
    ///   - lateOK: `--late-ok`.
    public func perform(
        sending: Bool, lateOK: Bool, collect: (() throws -> Void)?, articles: () throws -> [Article],
        composed: (ComposedIssue) -> Void, deliver: (Delivery) throws -> Void
    ) throws -> IssueSchedule.Step {
        let folder = folder
        var record = folder.runRecord()
        let started = folder.hasStartedSending
        if let skip = schedule.skipBeforeComposing(record: record, sending: sending) { return .skip(skip) }
        if !started {
            try collect?()
            if !folder.isComposed {
                let issue = try IssueComposer(theme: schedule.theme).compose(
                    try articles(), week: schedule.week, now: now, editsIn: folder
                ).issue
                _ = try newsletter.issues.save(issue)
                record.composedAt = UTCTime.format(now)
                try folder.save(record)
                composed(issue)
            }
        }
        let issue = try newsletter.composedIssue(theme: schedule.theme, week: schedule.week)
        let step = schedule.nextStep(
            sending: sending, lateOK: lateOK, issue: issue, record: record, approval: folder.approval(),
            started: started, now: now)
        switch step {
        case .skip, .waitUntil, .refuseLate: return step
        case .awaitApproval(let mailEditors, _):
            guard mailEditors else { return step }
            for editor in schedule.theme.settings.editors { try deliver(.editorsCopy(editor)) }
            record.testCopyOf = IssueSchedule.draft(of: issue)
        case .writeOutbox:
            try deliver(.outbox)
            record.outboxWrittenAt = UTCTime.format(now)
        case .send:
            try deliver(.issue)
            record.sentAt = UTCTime.format(now)
        }
        try folder.save(record)
        return step
    }
}
