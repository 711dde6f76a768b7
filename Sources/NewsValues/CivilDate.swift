import Foundation

/// Days of the calendar as plain numbers, without `Calendar` and its locale: the arithmetic under every date
/// codec of the project (`ISO8601`, `MailDate`, `HumanDate`).
///
/// The calendar is Foundation's Gregorian one, Julian before the reform of 15 October 1582, so that a date read here
/// and written by Foundation (`JSONEncoder`'s ISO 8601 dates, as articles are stored) is the same date, even a
/// placeholder such as `0001-01-01`.
public enum CivilDate {
    /// The day number of 15 October 1582, the first day of the Gregorian calendar.
    static let gregorianReform = -141_427

    /// Days since 1970-01-01 of a date. A month past 12 carries into the next year and a day past the month's end
    /// into the next month, as `Calendar` does.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let carried = month - 1
        let wholeYears = carried >= 0 ? carried / 12 : (carried - 11) / 12
        let year = year + wholeYears
        let month = carried - wholeYears * 12 + 1
        if (year, month, day) < (1582, 10, 15) { return julianDays(year: year, month: month, day: day) }
        // Howard Hinnant's algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number since 1970-01-01.
    public static func date(ofDay days: Int) -> (year: Int, month: Int, day: Int) {
        if days < gregorianReform { return julianDate(ofDay: days) }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a date of the Julian calendar (through its Julian day number).
    static func julianDays(year: Int, month: Int, day: Int) -> Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + floorDivide(y, 4) - 32_083 - 2_440_588
    }

    /// The Julian calendar's date of a day number since 1970-01-01.
    static func julianDate(ofDay days: Int) -> (year: Int, month: Int, day: Int) {
        let c = days + 2_440_588 + 32_082
        let d = floorDivide(4 * c + 3, 1461)
        let e = c - floorDivide(1461 * d, 4)
        let m = (5 * e + 2) / 153
        return (d - 4800 + m / 10, m + 3 - 12 * (m / 10), e - (153 * m + 2) / 5 + 1)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    /// How many days `month` of `year` has.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The moment of a wall-clock time `offsetSeconds` east of UTC; fields past their range carry over.
    public static func moment(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0, offsetSeconds: Int = 0
    ) -> Date {
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + second)
    }

    /// The wall-clock fields of `date` seen `offsetSeconds` east of UTC (whole seconds, rounded down).
    public static func fields(of date: Date, offsetSeconds: Int = 0) -> Fields {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - dayNumber * 86_400
        let (year, month, day) = Self.date(ofDay: dayNumber)
        return Fields(
            year: year, month: month, day: day, weekday: ((dayNumber % 7) + 7 + 4) % 7, hour: secondOfDay / 3600,
            minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    /// A date and a time of day, as a clock shows them.
    public struct Fields: Equatable, Sendable {
        /// The year, like 2026.
        public var year: Int
        /// 1 (January) to 12.
        public var month: Int
        /// 1 to 31.
        public var day: Int
        /// 0 (Sunday) to 6 (Saturday).
        public var weekday: Int
        /// 0 to 23.
        public var hour: Int
        /// 0 to 59.
        public var minute: Int
        /// 0 to 59.
        public var second: Int
    }

    /// English month names, January first.
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// English day names, Sunday first.
    public static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// The month (1 to 12) an English name or abbreviation names by its first three letters
    /// (`Nov`, `november`, `Sept`), or nil.
    public static func month(named name: some StringProtocol) -> Int? {
        let key = name.prefix(3).lowercased()
        return monthNames.firstIndex { $0.prefix(3).lowercased() == key }.map { $0 + 1 }
    }

    /// `n` as two digits at least (`07`).
    static func two(_ value: Int) -> String { value < 10 && value >= 0 ? "0\(value)" : "\(value)" }
}
