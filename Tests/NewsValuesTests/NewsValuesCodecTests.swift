import Foundation
import Testing

@testable import NewsValues

@Suite("ISO 8601")
struct ISO8601Tests {
    @Test(
        "ISO 8601 timestamps in added_at",
        arguments: [
            ("2026-01-05", 1_767_571_200.0),
            ("2026-01-05T09:40Z", 1_767_606_000.0),
            ("2026-01-05T09:40:00+08:00", 1_767_577_200.0),
            ("2026-01-05 09:40:00.250Z", 1_767_606_000.25),
            ("2026-01-05T09:40:00-0330", 1_767_618_600.0),
            ("2024-02-29T00:00:00Z", 1_709_164_800.0),
            ("1969-12-31T23:59:59Z", -1.0),
        ])
    func iso8601(text: String, seconds: Double) throws {
        let date = try #require(ISO8601.parse(text))
        #expect(date.timeIntervalSince1970 == seconds)
    }

    @Test(
        "timestamps that are not ISO 8601 are refused",
        arguments: ["", "2026-1-5", "2026-01-05T09:40", "2025-02-29", "05/01/2026", "2026-01-05T24:00Z"])
    func notISO8601(text: String) {
        #expect(ISO8601.parse(text) == nil)
    }

    @Test("timestamps are written in UTC", arguments: [1_767_606_000.0, 0, -1, 951_782_400])
    func iso8601Format(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = ISO8601.format(date)
        #expect(ISO8601.parse(text) == date)
        #expect(text.hasSuffix("Z") && text.count == 20)
    }

    @Test(
        "writes what ISO8601DateFormatter wrote, byte for byte",
        arguments: [0, 1_767_606_000.75, 1_796_022_005, -86_401])
    func sameAsFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(ISO8601.format(date) == ISO8601DateFormatter().string(from: date))
    }

    @Test(
        "a publisher's timestamp: no zone is UTC, spaces before the zone, the fraction dropped, fields carry over",
        arguments: [
            ("2026-11-18T10:30:00", 1_794_997_800.0),
            ("2026-11-18 10:30:00.999 Z", 1_794_997_800.0),
            ("2026-11-18T18:30:00 +0800", 1_794_997_800.0),
            ("2026-02-30", 1_772_409_600.0),
            ("2026-11-18", 1_794_960_000.0),
        ])
    func published(text: String, seconds: Double) throws {
        #expect(try #require(ISO8601.parsePublished(text)).timeIntervalSince1970 == seconds)
    }

    @Test("a placeholder date before 1582 is the date Foundation writes back (Julian, like its Gregorian calendar)")
    func beforeTheReform() throws {
        let date = try #require(ISO8601.parsePublished("0001-01-01T00:00:00Z"))
        #expect(date == ISO8601DateFormatter().date(from: "0001-01-01T00:00:00Z"))
        #expect(ISO8601DateFormatter().string(from: date) == "0001-01-01T00:00:00Z")
    }

    @Test("a publisher's timestamp that is not one", arguments: ["18 Nov 2026", "2026-11-18T10", "2026-11-18T10:30x"])
    func notPublished(text: String) {
        #expect(ISO8601.parsePublished(text) == nil)
    }

    @Test("the UTC day of a moment, and noon of a day")
    func days() throws {
        #expect(ISO8601.day(Date(timeIntervalSince1970: 1_796_022_005)) == "2026-11-30")
        #expect(ISO8601.day(Date(timeIntervalSince1970: -1)) == "1969-12-31")
        #expect(try #require(ISO8601.noon(ofDay: "2026-11-30")).timeIntervalSince1970 == 1_796_040_000)
        #expect(ISO8601.noon(ofDay: "2026-13-01") == nil)
        #expect(ISO8601.noon(ofDay: "2026-1-30") == nil)
    }
}

@Suite("Mail dates")
struct MailDateTests {
    @Test("written as RFC 5322 wants, in the zone given")
    func format() throws {
        let date = Date(timeIntervalSince1970: 1_767_606_000)
        #expect(MailDate.format(date, in: .gmt) == "Mon, 05 Jan 2026 09:40:00 +0000")
        let singapore = try #require(TimeZone(identifier: "Asia/Singapore"))
        #expect(MailDate.format(date, in: singapore) == "Mon, 05 Jan 2026 17:40:00 +0800")
        let newfoundland = try #require(TimeZone(secondsFromGMT: -(3 * 3600 + 1800)))
        #expect(MailDate.format(date, in: newfoundland) == "Mon, 05 Jan 2026 06:10:00 -0330")
        #expect(MailDate.format(Date(timeIntervalSince1970: 0), in: .gmt) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test("writes what the en_US_POSIX DateFormatter wrote", arguments: [0, 1_767_606_000, 1_796_022_005, 951_782_400])
    func sameAsFoundation(seconds: Double) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let date = Date(timeIntervalSince1970: seconds)
        #expect(MailDate.format(date, in: .gmt) == formatter.string(from: date))
    }

    @Test(
        "read in the forms mail and feeds write",
        arguments: [
            ("Mon, 30 Nov 2026 08:00:05 +0100 (CET)", 1_796_022_005.0),
            ("30 Nov 2026 07:00:05 GMT", 1_796_022_005.0),
            ("Mon, 30 Nov 26 02:00:05 EST", 1_796_022_005.0),
            ("Monday, 30 November 2026 15:00:05 SGT", 1_796_022_005.0),
            ("Nov 30 2026 07:00:05 +00:00", 1_796_022_005.0),
            ("Tue, 06 Jan 2026 09:15 UT", 1_767_690_900.0),
            ("30 Nov 2026", 1_795_996_800.0),
        ])
    func parse(text: String, seconds: Double) throws {
        #expect(try #require(MailDate.parse(text)).timeIntervalSince1970 == seconds)
    }

    @Test("a zone it cannot read is UTC for mail and no date for a feed")
    func unknownZone() throws {
        let text = "Mon, 30 Nov 2026 07:00:05 XYZ"
        #expect(try #require(MailDate.parse(text)).timeIntervalSince1970 == 1_796_022_005)
        #expect(MailDate.parse(text, unknownZone: .reject) == nil)
        #expect(MailDate.parse("Mon, 30 Nov 2026 07:00:05 +1", unknownZone: .reject) == nil)
    }

    @Test(
        "not a date",
        arguments: ["", "yesterday", "Mon, 30 Foo 2026 07:00", "Mon, 32 Nov 2026 07:00", "30 Nov 2026 25:00"])
    func notADate(text: String) {
        #expect(MailDate.parse(text) == nil)
    }

    @Test("what it writes it reads", arguments: [0, 1_767_606_000, 1_796_022_005, -86_401])
    func roundTrip(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let zone = try #require(TimeZone(identifier: "Asia/Kolkata"))
        #expect(MailDate.parse(MailDate.format(date, in: zone)) == date)
    }
}

@Suite("Calendar arithmetic and human dates")
struct CivilDateTests {
    @Test("day numbers and dates agree with Foundation's Gregorian calendar (Julian before 1582)")
    func agreesWithCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        for day in stride(from: -719_000, through: 800_000, by: 997) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400 + 3_723)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
            let fields = CivilDate.fields(of: date)
            #expect(fields.year == parts.year && fields.month == parts.month && fields.day == parts.day)
            #expect(fields.weekday + 1 == parts.weekday && fields.hour == 1 && fields.minute == 2 && fields.second == 3)
            #expect(CivilDate.days(year: fields.year, month: fields.month, day: fields.day) == day)
        }
    }

    @Test("months past 12 and days past the month's end carry over")
    func carries() {
        #expect(CivilDate.days(year: 2025, month: 14, day: 1) == CivilDate.days(year: 2026, month: 2, day: 1))
        #expect(CivilDate.days(year: 2026, month: 0, day: 1) == CivilDate.days(year: 2025, month: 12, day: 1))
        #expect(CivilDate.days(year: 2026, month: 2, day: 29) == CivilDate.days(year: 2026, month: 3, day: 1))
    }

    @Test(
        "month names", arguments: [("Nov", 11), ("november", 11), ("SEPT", 9), ("may", 5), ("Ma", nil), ("Foo", nil)])
    func monthNames(name: String, month: Int?) {
        #expect(CivilDate.month(named: name) == month)
    }

    @Test("a story's date in the theme's zone")
    func dayMonthYear() throws {
        let date = Date(timeIntervalSince1970: 1_796_022_005 - 8 * 3600)  // 29 Nov 23:00:05 UTC
        #expect(HumanDate.dayMonthYear(date, in: .gmt) == "29 Nov 2026")
        #expect(HumanDate.dayMonthYear(date, in: try #require(TimeZone(identifier: "Asia/Singapore"))) == "30 Nov 2026")
    }

    @Test("a week's days as a range")
    func range() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Singapore"))
        func midnight(_ year: Int, _ month: Int, _ day: Int) -> Date {
            CivilDate.moment(year: year, month: month, day: day, offsetSeconds: 8 * 3600)
        }
        #expect(
            HumanDate.range(from: midnight(2026, 11, 16), upTo: midnight(2026, 11, 23), in: zone)
                == "16–22 November 2026")
        #expect(
            HumanDate.range(from: midnight(2026, 11, 30), upTo: midnight(2026, 12, 7), in: zone)
                == "30 November – 6 December 2026")
        #expect(
            HumanDate.range(from: midnight(2026, 12, 28), upTo: midnight(2027, 1, 4), in: zone)
                == "28 December 2026 – 3 January 2027")
    }

    @Test("a page's printed time read in its zone")
    func moment() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Singapore"))
        let date = try #require(HumanDate.moment(year: 2026, month: 11, day: 30, hour: 15, minute: 0, in: zone))
        #expect(date.timeIntervalSince1970 == 1_796_022_000)
    }
}

@Suite("Quoted strings")
struct QuotedStringTests {
    @Test("a backslash keeps the next character; the closing quote ends the value")
    func read() {
        let (value, rest) = QuotedString.read(afterOpeningQuote: #"a \"b\" c\\d"; name=x"#)
        #expect(value == #"a "b" c\d"#)
        #expect(rest == "; name=x")
    }

    @Test("with no closing quote the value runs to the end")
    func unterminated() {
        let (value, rest) = QuotedString.read(afterOpeningQuote: "report.txt")
        #expect(value == "report.txt" && rest.isEmpty)
    }
}
