import Foundation

/// ISO 8601 (RFC 3339) timestamps, without `DateFormatter` and its locale: the subscriber list's
/// `added_at` and `consent_at`, the Atom feed's dates, and the dates publishers put in feeds and page metadata.
///
/// `parse` reads `2026-01-05`, `2026-01-05T09:40Z`, `2026-01-05T09:40:00+08:00`, `2026-01-05 09:40:00.250Z`
/// (a date alone is midnight UTC; a time needs a zone). `format` writes `2026-01-05T01:40:00Z`.
public enum ISO8601 {
    /// The instant `text` names, or nil when it is not such a timestamp (fields out of range, a time without a zone).
    public static func parse(_ text: String) -> Date? {
        guard let fields = scan(Array(text.utf8), publisher: false),
            (1...12).contains(fields.month),
            (1...CivilDate.daysIn(month: fields.month, year: fields.year)).contains(fields.day),
            fields.hour < 24, fields.minute < 60, fields.second < 60, fields.offset.map({ abs($0) < 86_400 }) ?? true
        else { return nil }
        return CivilDate.moment(
            year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute,
            second: Double(fields.second) + fields.fraction, offsetSeconds: fields.offset ?? 0)
    }

    /// The instant a publisher's timestamp names, read as feeds and page metadata write them: as `parse`, but a
    /// time without a zone is UTC, spaces may stand before the zone, a fraction of a second is dropped, and
    /// fields past their range carry over (`2026-02-30` is 2 March).
    public static func parsePublished(_ text: String) -> Date? {
        guard let fields = scan(Array(text.utf8), publisher: true) else { return nil }
        return CivilDate.moment(
            year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute,
            second: Double(fields.second), offsetSeconds: fields.offset ?? 0)
    }

    /// `date` as `YYYY-MM-DDTHH:MM:SSZ` in UTC (whole seconds).
    public static func format(_ date: Date) -> String {
        let fields = CivilDate.fields(of: date)
        let yearText = String(repeating: "0", count: max(0, 4 - String(fields.year).count)) + String(fields.year)
        return "\(yearText)-\(CivilDate.two(fields.month))-\(CivilDate.two(fields.day))T"
            + "\(CivilDate.two(fields.hour)):\(CivilDate.two(fields.minute)):\(CivilDate.two(fields.second))Z"
    }

    /// The UTC day of `date`, like `2026-11-30`.
    public static func day(_ date: Date) -> String {
        let fields = CivilDate.fields(of: date)
        let yearText = String(repeating: "0", count: max(0, 4 - String(fields.year).count)) + String(fields.year)
        return "\(yearText)-\(CivilDate.two(fields.month))-\(CivilDate.two(fields.day))"
    }

    /// Noon UTC of a `yyyy-mm-dd` day (a day past the month's end carries over), or nil when it is not one.
    public static func noon(ofDay text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            return nil
        }
        return CivilDate.moment(year: parts[0], month: parts[1], day: parts[2], hour: 12)
    }

    private struct Fields {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var fraction = 0.0
        /// Seconds east of UTC; nil when the text has no zone.
        var offset: Int?
    }

    /// The fields of `YYYY-MM-DD`, then optionally `T` (or `t`, or a space) and `hh:mm`, `:ss`, a fraction
    /// (`.` or `,`) and a zone (`Z`, `+hh:mm`, `+hhmm`); for a publisher's timestamp, spaces may come before
    /// the zone and a time may have none. Read by hand: a regex here was a measurable share of an extraction.
    private static func scan(_ bytes: [UInt8], publisher: Bool) -> Fields? {
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }
        var fields = Fields()
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2) else {
            return nil
        }
        (fields.year, fields.month, fields.day) = (year, month, day)
        if index == bytes.count {
            fields.offset = 0
            return fields
        }
        guard take("T") || take("t") || take(" "), let hour = number(2), take(":"), let minute = number(2) else {
            return nil
        }
        (fields.hour, fields.minute) = (hour, minute)
        if take(":") {
            guard let second = number(2) else { return nil }
            fields.second = second
            if take(".") || take(",") {
                var scale = 0.1
                let start = index
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                    fields.fraction += Double(bytes[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        if publisher {
            while index < bytes.count, bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) { index += 1 }
            if index == bytes.count { return fields }
        }
        if take("Z") || take("z") {
            fields.offset = 0
        } else {
            let sign = take("+") ? 1 : take("-") ? -1 : 0
            guard sign != 0, let hours = number(2) else { return nil }
            _ = take(":")
            guard let minutes = number(2), publisher || (hours < 24 && minutes < 60) else { return nil }
            fields.offset = sign * (hours * 3600 + minutes * 60)
        }
        return index == bytes.count ? fields : nil
    }
}
