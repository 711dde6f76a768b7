import DigestTestSupport
import Foundation
import Testing

@testable import Composer

/// `IssueSchedule`: what `digest run` does next, from a clock given to it. Decoding Asia sends on
/// Monday 07:00 in Singapore, so the sample week 2026-W47 is due 2026-11-22T23:00Z; its lateness
/// limit is 48 hours and it needs 6 stories.
@Suite("The run schedule")
struct IssueScheduleTests {
    let templates = PackageRoot.url.appendingPathComponent("Templates")
    let week = ISOWeek(year: 2026, week: 47)

    func schedule(approval: Bool = false) throws -> IssueSchedule {
        var theme = try Theme.load(id: "decoding-asia", templates: templates)
        if approval { theme.settings.approval = "required" }
        return IssueSchedule(theme: theme, week: week)
    }

    func time(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    /// An issue of `stories` stories, saved as `revision`.
    func issue(stories: Int, revision: String? = "r1") -> ComposedIssue {
        let colors = ThemeColors(accent: "#000", text: "#000", background: "#fff", muted: "#666")
        let masthead = Masthead(
            name: "Decoding Asia", tagline: "", language: "en", senderName: "Desk", senderAddress: "desk@example.com",
            replyTo: nil, unsubscribeURLTemplate: "https://example.com/u/{token}", colors: colors)
        let list = (0..<stories).map {
            Story(
                id: "s\($0)", headline: "Story \($0)", standfirst: nil, url: nil, source: nil, dateline: nil,
                published: nil, summary: [], alsoReportedBy: [], articleIDs: ["s\($0)"])
        }
        var issue = ComposedIssue(
            themeID: "decoding-asia", week: week.description, periodStart: Date(), periodEnd: Date(), periodLabel: "",
            composedAt: Date(timeIntervalSince1970: 1_795_000_000), masthead: masthead, topStory: nil, quote: nil,
            sections: [IssueSection(id: "asia", title: "Asia", stories: list)], articlesConsidered: stories,
            articlesUsed: stories)
        issue.revision = revision
        return issue
    }

    func step(
        _ schedule: IssueSchedule, sending: Bool = true, lateOK: Bool = false, stories: Int = 8,
        record: RunRecord = RunRecord(), approval: Approval? = nil, started: Bool = false, at now: String
    ) throws -> IssueSchedule.Step {
        schedule.nextStep(
            sending: sending, lateOK: lateOK, issue: issue(stories: stories), record: record, approval: approval,
            started: started, now: try time(now))
    }

    @Test("the week is due at send_at in the theme's zone in the following week, and shown in that zone")
    func dueDate() throws {
        let schedule = try schedule()
        #expect(schedule.due == (try time("2026-11-22T23:00:00Z")))
        #expect(schedule.lateLimit == (try time("2026-11-24T23:00:00Z")))
        #expect(schedule.describe(schedule.due) == "Mon 23 Nov 2026 07:00 GMT+8")
    }

    @Test("a run sends on time, waits before, refuses late unless allowed, and resumes a started send at any time")
    func clock() throws {
        let schedule = try schedule()
        let due = try time("2026-11-22T23:00:00Z")
        #expect(try step(schedule, at: "2026-11-22T20:00:00Z") == .waitUntil(due))
        #expect(try step(schedule, at: "2026-11-23T01:00:00Z") == .send)
        #expect(try step(schedule, at: "2026-11-30T01:00:00Z") == .refuseLate)
        #expect(try step(schedule, lateOK: true, at: "2026-11-30T01:00:00Z") == .send)
        #expect(try step(schedule, started: true, at: "2026-11-22T20:00:00Z") == .send)
        #expect(try step(schedule, stories: 2, started: true, at: "2026-11-30T01:00:00Z") == .send)
        #expect(
            schedule.describe(.refuseLate)
                == "refused, it is past the lateness limit (due Mon 23 Nov 2026 07:00 GMT+8, late_limit_hours 48)")
        #expect(schedule.describe(.waitUntil(due)) == "due Mon 23 Nov 2026 07:00 GMT+8; not sent yet")
        #expect(schedule.describe(.send) == nil)
    }

    @Test("fewer stories than min_stories skip the week; a dry run writes the outbox once; a sent issue is not resent")
    func skips() throws {
        let schedule = try schedule()
        #expect(try step(schedule, stories: 5, at: "2026-11-23T01:00:00Z") == .skip(.tooFewStories(5)))
        #expect(
            schedule.describe(.skip(.tooFewStories(5)))
                == "skipped, 5 stories is fewer than the theme's min_stories (6); nothing sent")
        #expect(try step(schedule, sending: false, at: "2026-11-22T20:00:00Z") == .writeOutbox)
        let written = RunRecord(outboxWrittenAt: "2026-11-22T20:00:00Z")
        #expect(
            try step(schedule, sending: false, record: written, at: "2026-11-22T21:00:00Z")
                == .skip(.outboxWritten("2026-11-22T20:00:00Z")))
        let sent = RunRecord(sentAt: "2026-11-23T01:00:00Z")
        #expect(schedule.skipBeforeComposing(record: sent, sending: true) == .alreadySent("2026-11-23T01:00:00Z"))
        #expect(schedule.skipBeforeComposing(record: sent, sending: false) == nil)
        #expect(schedule.skipBeforeComposing(record: RunRecord(), sending: true) == nil)
    }

    @Test("with approval required, editors are mailed once per draft, and only an approval of this draft sends")
    func approval() throws {
        let schedule = try schedule(approval: true)
        let onTime = "2026-11-23T01:00:00Z"
        #expect(try step(schedule, at: onTime) == .awaitApproval(mailEditors: true, changed: false))
        let mailed = RunRecord(testCopyOf: "r1")
        #expect(try step(schedule, record: mailed, at: onTime) == .awaitApproval(mailEditors: false, changed: false))
        var stale = Approval(of: issue(stories: 8, revision: "r0"), by: "ed", at: Date())
        #expect(
            try step(schedule, record: mailed, approval: stale, at: onTime)
                == .awaitApproval(mailEditors: false, changed: true))
        stale.revision = "r1"
        #expect(try step(schedule, record: mailed, approval: stale, at: onTime) == .send)
        #expect(
            schedule.describe(.awaitApproval(mailEditors: false, changed: true))
                == "waiting for approval (the issue changed after it was approved)")
        // A draft without a revision is named by when it was composed.
        #expect(IssueSchedule.draft(of: issue(stories: 1, revision: nil)) == "2026-11-18T11:06:40.000Z")
    }

    @Test("the run record and the approval are saved in the issue folder and read back")
    func records() throws {
        let directory = try TemporaryDirectory()
        let folder = IssueFolder(digests: directory.url, theme: "decoding-asia", week: week.description)
        #expect(folder.runRecord() == RunRecord())
        #expect(folder.approval() == nil)
        let record = RunRecord(composedAt: "a", outboxWrittenAt: "b", testCopyOf: "c", sentAt: "d")
        try folder.save(record)
        #expect(folder.runRecord() == record)
        let text = try String(contentsOf: folder.runRecordFile, encoding: .utf8)
        #expect(text.contains("\"outboxWrittenAt\" : \"b\""))
        let approval = Approval(of: issue(stories: 3), by: "editor", at: try time("2026-11-23T00:00:00Z"))
        try folder.save(approval)
        #expect(folder.approval() == approval)
        #expect(approval.approvedAt == "2026-11-23T00:00:00.000Z")
        try Data("{".utf8).write(to: folder.runRecordFile)
        #expect(folder.runRecord() == RunRecord())
    }
}
