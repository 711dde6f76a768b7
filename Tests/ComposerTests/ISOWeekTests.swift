import Foundation
import Testing

@testable import Composer

@Suite("ISO weeks")
struct ISOWeekTests {
    let singapore = TimeZone(identifier: "Asia/Singapore")!

    @Test(
        "parsing accepts YYYY-Www and refuses weeks that do not exist",
        arguments: [
            ("2026-W47", true), ("2026w47", true), ("2026-W53", true), ("2025-W53", false), ("2026-W00", false),
            ("W47", false),
        ])
    func parsing(text: String, valid: Bool) {
        #expect((ISOWeek(text) != nil) == valid)
    }

    @Test("a week runs Monday 00:00 to the next Monday in the theme's zone")
    func interval() throws {
        let week = try #require(ISOWeek("2026-W47"))
        let range = week.interval(in: singapore)
        #expect(range.start == ISO8601DateFormatter().date(from: "2026-11-15T16:00:00Z"))
        #expect(range.duration == 7 * 24 * 3600)
        #expect(week.label(in: singapore) == "16–22 November 2026")
        #expect(ISOWeek(year: 2026, week: 1).label(in: singapore) == "29 December 2025 – 4 January 2026")
    }

    @Test("the default is the last complete week")
    func lastComplete() throws {
        let monday = try #require(ISO8601DateFormatter().date(from: "2026-11-30T02:00:00Z"))
        #expect(ISOWeek.lastComplete(before: monday, in: singapore).description == "2026-W48")
        // Still Sunday in UTC, already Monday in Singapore.
        let sundayUTC = try #require(ISO8601DateFormatter().date(from: "2026-11-29T17:00:00Z"))
        #expect(ISOWeek.lastComplete(before: sundayUTC, in: singapore).description == "2026-W48")
        #expect(ISOWeek.lastComplete(before: sundayUTC, in: .gmt).description == "2026-W47")
    }
}
