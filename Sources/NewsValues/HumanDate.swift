import Foundation

/// Dates as people read them on pages: `18 Nov 2026` under a story, `16–22 November 2026` for an issue's week,
/// and the `Published Mon, Jan 5, 2026 · 09:40 PM` lines publishers print, which are read back in their zone.
public enum HumanDate {
    /// `18 Nov 2026`: the day, the month's abbreviation and the year of `date` in `zone`.
    public static func dayMonthYear(_ date: Date, in zone: TimeZone) -> String {
        let fields = CivilDate.fields(of: date, offsetSeconds: zone.secondsFromGMT(for: date))
        return "\(fields.day) \(CivilDate.monthNames[fields.month - 1].prefix(3)) \(fields.year)"
    }

    /// `16–22 November 2026`, `30 November – 6 December 2026` across months, or with both years across years:
    /// the days in `zone` from the one `start` falls on to the one before `end`'s (a week's half-open interval).
    public static func range(from start: Date, upTo end: Date, in zone: TimeZone) -> String {
        let first = CivilDate.fields(of: start, offsetSeconds: zone.secondsFromGMT(for: start))
        let after = CivilDate.fields(of: end, offsetSeconds: zone.secondsFromGMT(for: end))
        let last = CivilDate.date(ofDay: CivilDate.days(year: after.year, month: after.month, day: after.day) - 1)
        let firstMonth = CivilDate.monthNames[first.month - 1]
        let lastMonth = CivilDate.monthNames[last.month - 1]
        if first.year != last.year {
            return "\(first.day) \(firstMonth) \(first.year) – \(last.day) \(lastMonth) \(last.year)"
        }
        if first.month != last.month {
            return "\(first.day) \(firstMonth) – \(last.day) \(lastMonth) \(last.year)"
        }
        return "\(first.day)–\(last.day) \(lastMonth) \(last.year)"
    }

    /// `Mon 23 Nov 2026 07:00 GMT+8`: the weekday, day, month, year and time of `date` in `zone`, and the zone's
    /// short name, as a command tells an editor when something is due.
    public static func weekdayDateTime(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE d MMM yyyy HH:mm zzz"
        return formatter.string(from: date)
    }

    /// The moment a wall-clock time names in `zone` (its daylight-saving rules included), as a page prints it.
    public static func moment(year: Int, month: Int, day: Int, hour: Int, minute: Int, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
    }
}
