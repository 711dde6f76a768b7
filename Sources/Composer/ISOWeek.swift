import Foundation
import NewsValues

/// An ISO 8601 week, like `2026-W47`: Monday to Sunday, in a given time zone.
public struct ISOWeek: Sendable, Equatable, CustomStringConvertible {
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// Parses `YYYY-Www` (also `YYYYWww`).
    public init?(_ text: String) {
        guard let match = text.wholeMatch(of: /(\d{4})-?[Ww](\d{1,2})/),
            let year = Int(match.output.1), let week = Int(match.output.2)
        else { return nil }
        self.init(year: year, week: week)
        guard week >= 1, week <= ISOWeek.weeks(in: year) else { return nil }
    }

    public var description: String { String(format: "%04d-W%02d", year, week) }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        return calendar
    }

    /// How many ISO weeks `year` has (52 or 53).
    static func weeks(in year: Int) -> Int {
        let calendar = calendar(.gmt)
        guard let december28 = calendar.date(from: DateComponents(year: year, month: 12, day: 28)) else { return 52 }
        return calendar.component(.weekOfYear, from: december28)
    }

    /// Monday 00:00 of the week up to (not including) the next Monday 00:00, in `zone`.
    public func interval(in zone: TimeZone) -> DateInterval {
        let calendar = Self.calendar(zone)
        let components = DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)
        let start = calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        let end = calendar.date(byAdding: .day, value: 7, to: start) ?? start
        return DateInterval(start: start, end: end)
    }

    /// The week containing `date` in `zone`.
    public static func containing(_ date: Date, in zone: TimeZone) -> ISOWeek {
        let calendar = calendar(zone)
        let components = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return ISOWeek(year: components.yearForWeekOfYear ?? 1970, week: components.weekOfYear ?? 1)
    }

    /// The last week that has fully ended at `date` in `zone`.
    public static func lastComplete(before date: Date, in zone: TimeZone) -> ISOWeek {
        let calendar = calendar(zone)
        let lastWeek = calendar.date(byAdding: .day, value: -7, to: date) ?? date
        return containing(lastWeek, in: zone)
    }

    /// `16–22 November 2026`, or `30 November – 6 December 2026` across months.
    public func label(in zone: TimeZone) -> String {
        let range = interval(in: zone)
        return HumanDate.range(from: range.start, upTo: range.end, in: zone)
    }
}
