import Collector
import DigestTestSupport
import Foundation
import NewsValues
import Testing

@testable import Composer

/// `WeekRun`: `digest run`'s steps done through closures, with the week's record kept, so that each
/// step is asked for once however often cron runs it. The week and clock are those of
/// `IssueScheduleTests` (2026-W47, due 2026-11-22T23:00Z).
@Suite("The week's run")
struct WeekRunTests {
    let schedules = IssueScheduleTests()
    let directory: TemporaryDirectory
    let newsletter: NewsletterFolder

    init() throws {
        directory = try TemporaryDirectory()
        newsletter = NewsletterFolder(root: directory.url)
    }

    /// What one run did: the step it returned and what it asked for.
    struct Outcome {
        var step: IssueSchedule.Step
        var deliveries: [WeekRun.Delivery] = []
        var collected = false
        var composed = false
    }

    /// Runs the week at `now` (ISO 8601) with `theme`; `articles` stands for the collected articles.
    func run(
        _ theme: Theme, sending: Bool = true, at now: String,
        articles: () throws -> [Article] = { throw ComposerError(.emptyWeek, "not asked for") }
    ) throws -> Outcome {
        let run = WeekRun(newsletter: newsletter, theme: theme, week: schedules.week, now: try schedules.time(now))
        var outcome = Outcome(step: .refuseLate)
        outcome.step = try run.perform(
            sending: sending, lateOK: false, collect: { outcome.collected = true }, articles: articles,
            composed: { _ in outcome.composed = true }, deliver: { outcome.deliveries.append($0) })
        return outcome
    }

    /// Saves a composed draft of `stories` stories for the week.
    func saveDraft(stories: Int = 8) throws {
        _ = try newsletter.issues.save(schedules.issue(stories: stories))
    }

    /// The week's issue folder (the theme's id and the week name it).
    var folder: IssueFolder { IssueFolder(digests: newsletter.digests, theme: "decoding-asia", week: "2026-W47") }

    @Test("a dry run writes the outbox once; a second run asks for nothing")
    func outboxOnce() throws {
        let theme = try schedules.schedule().theme
        try saveDraft()
        let first = try run(theme, sending: false, at: "2026-11-22T20:00:00Z")
        #expect(first.step == .writeOutbox)
        #expect(first.deliveries == [.outbox])
        #expect(first.collected && !first.composed)
        #expect(folder.runRecord().outboxWrittenAt == "2026-11-22T20:00:00.000Z")
        let second = try run(theme, sending: false, at: "2026-11-22T21:00:00Z")
        #expect(second.step == .skip(.outboxWritten("2026-11-22T20:00:00.000Z")))
        #expect(second.deliveries.isEmpty)
    }

    @Test("a send waits for its time, sends once, and a run after it neither collects nor sends")
    func sendOnce() throws {
        let theme = try schedules.schedule().theme
        try saveDraft()
        let early = try run(theme, at: "2026-11-22T20:00:00Z")
        #expect(early.step == .waitUntil(try schedules.time("2026-11-22T23:00:00Z")))
        #expect(early.deliveries.isEmpty)
        let due = try run(theme, at: "2026-11-23T01:00:00Z")
        #expect(due.step == .send)
        #expect(due.deliveries == [.issue])
        #expect(folder.runRecord().sentAt == "2026-11-23T01:00:00.000Z")
        let again = try run(theme, at: "2026-11-23T02:00:00Z")
        #expect(again.step == .skip(.alreadySent("2026-11-23T01:00:00.000Z")))
        #expect(again.deliveries.isEmpty && !again.collected)
    }

    @Test("with approval required, each editor gets one test copy per draft and nothing is sent until approved")
    func approval() throws {
        var theme = try schedules.schedule(approval: true).theme
        theme.settings.editors = ["ed@example.com", "chief@example.com"]
        try saveDraft()
        let first = try run(theme, at: "2026-11-23T01:00:00Z")
        #expect(first.step == .awaitApproval(mailEditors: true, changed: false))
        #expect(first.deliveries == [.editorsCopy("ed@example.com"), .editorsCopy("chief@example.com")])
        let second = try run(theme, at: "2026-11-23T02:00:00Z")
        #expect(second.step == .awaitApproval(mailEditors: false, changed: false))
        #expect(second.deliveries.isEmpty)
        let draft = try newsletter.composedIssue(theme: theme, week: schedules.week)
        try folder.save(Approval(of: draft, by: "ed", at: try schedules.time("2026-11-23T02:30:00Z")))
        let approved = try run(theme, at: "2026-11-23T03:00:00Z")
        #expect(approved.deliveries == [.issue])
    }

    @Test("a week without a draft is composed from the articles, saved and recorded, then its outbox written")
    func composesTheWeek() throws {
        let theme = try schedules.schedule().theme
        let store = try TemporaryDirectory()
        let collector = Collector(
            store: ArticleStore(folder: store.url(for: "articles")), cleaner: TextCleaner(timeZone: theme.timeZone))
        let articles = withExtendedLifetime(store) {
            collector.collect([PackageRoot.url.appendingPathComponent("Digests/sample-week").path]).added
        }
        var drafts: [ComposedIssue] = []
        let run = WeekRun(
            newsletter: newsletter, theme: theme, week: schedules.week, now: try schedules.time("2026-11-22T20:00:00Z"))
        var deliveries: [WeekRun.Delivery] = []
        let step = try run.perform(
            sending: false, lateOK: false, collect: nil, articles: { articles }, composed: { drafts.append($0) },
            deliver: { deliveries.append($0) })
        #expect(step == .writeOutbox && deliveries == [.outbox])
        let saved = try newsletter.composedIssue(theme: theme, week: schedules.week)
        #expect(drafts.count == 1 && saved.storyCount == drafts.first?.storyCount && saved.storyCount >= 6)
        #expect(folder.runRecord().composedAt == "2026-11-22T20:00:00.000Z")
    }

    @Test("a week is composed once: the articles are read only when there is no draft, and a started send is resumed")
    func composeOnceAndResume() throws {
        let theme = try schedules.schedule().theme
        struct Asked: Error {}
        // No draft yet: the run reads the collected articles (here it stops there).
        #expect(throws: Asked.self) { try run(theme, at: "2026-11-23T01:00:00Z", articles: { throw Asked() }) }
        try saveDraft(stories: 2)
        // A draft too small to send is skipped, and kept as it is.
        let small = try run(theme, at: "2026-11-23T01:00:00Z", articles: { throw Asked() })
        #expect(small.step == .skip(.tooFewStories(2)))
        // Once the send has started (a ledger exists), it resumes whatever the draft and the clock say, and
        // collects nothing.
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try Data().write(to: folder.ledgerFile)
        let resumed = try run(theme, at: "2026-11-30T01:00:00Z", articles: { throw Asked() })
        #expect(resumed.step == .send)
        #expect(resumed.deliveries == [.issue] && !resumed.collected)
    }
}
